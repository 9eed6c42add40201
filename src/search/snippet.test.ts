import { describe, expect, it } from 'vitest'
import { createAnalyzer } from '../polish/analyzer.js'
import { highlightTerms, parseQuery } from './query.js'
import { buildSnippet, highlightText } from './snippet.js'

const analyzer = createAnalyzer(null)
const terms = (q: string) => highlightTerms(parseQuery(analyzer, q))

describe('snippets', () => {
  it('escapes everything and marks only the matched words', () => {
    const html = highlightText(analyzer, 'Kod <script>alert("x")</script> & żołnierze', terms('alert żołnierze'))
    expect(html).toBe('Kod &lt;script&gt;<mark>alert</mark>(&quot;x&quot;)&lt;/script&gt; &amp; <mark>żołnierze</mark>')
  })

  it('picks the passage with the most query words, with ellipses when cut', () => {
    const long = `${'Wstęp bez znaczenia. '.repeat(30)}Tutaj premier Iraku mówi o wojnie. ${'Dalszy ciąg tekstu. '.repeat(30)}`
    const html = buildSnippet(analyzer, ['Lead o czymś innym.', 'Tylko premier.', long], terms('premier Iraku'), { maxChars: 120 })
    expect(html.startsWith('…')).toBe(true)
    expect(html.endsWith('…')).toBe(true)
    expect(html).toContain('<mark>premier</mark> <mark>Iraku</mark>')
    expect(html.replace(/<\/?mark>/g, '').length).toBeLessThanOrEqual(122)
  })

  it('falls back to the beginning when nothing matches in the text', () => {
    expect(buildSnippet(analyzer, ['', 'Pierwszy <akapit>.'], terms('brak'))).toBe('Pierwszy &lt;akapit&gt;.')
    expect(buildSnippet(analyzer, ['a '.repeat(300)], terms('brak'), { maxChars: 20 })).toMatch(/…$/)
  })
})
