import { describe, expect, it } from 'vitest'
import { documentText, type BlockDocument } from '../content/document.js'
import { HOSTILE_PAGE } from './fixtures.js'
import { extractArticle, htmlToDocument, htmlToText, parsePastedText, richTextToDocument, safeLink, textToDocument } from './html.js'

const json = (doc: BlockDocument) => JSON.stringify(doc)

describe('HTML to blocks', () => {
  it('keeps the structure and nothing else from a hostile page', () => {
    const a = extractArticle(HOSTILE_PAGE, 'https://herald.example/news/storm')
    expect(a.headline).toBe('Storm hits the coast')
    expect(a.language).toBe('en')
    expect(a.siteName).toBe('Coastal Herald')
    const s = json(a.body)
    for (const bad of ['script', 'alert', 'onclick', 'onerror', 'onload', 'javascript', 'vbscript', 'data:text', 'evil.example', 'password', 'stolen', 'svg text', 'steal']) {
      expect(s.toLowerCase()).not.toContain(bad.toLowerCase())
    }
    const types = a.body.content.map((b) => b.type)
    expect(types).toContain('heading')
    expect(types).toContain('quote')
    expect(types).toContain('list')
    expect(types).toContain('image')
    const image = a.body.content.find((b) => b.type === 'image' && b.attrs.alt !== '')
    expect(image?.type === 'image' && image.attrs).toMatchObject({ src: 'https://herald.example/photos/storm.jpg', alt: 'Flooded street', caption: 'Water fills a street in the harbour district.', credit: 'Photo: J. Smith' })
    const quote = a.body.content.find((b) => b.type === 'quote')
    expect(quote?.type === 'quote' && quote.attrs?.attribution).toBe('local mayor')
    const list = a.body.content.find((b) => b.type === 'list')
    expect(list?.type === 'list' && list.content.map((i) => i.content?.map((n) => (n.type === 'text' ? n.text : '')).join(''))).toEqual(['Schools closed', 'Trains cancelled', 'Ferries too'])
    // The text of the javascript: link stays, as plain text; the relative link is made absolute.
    expect(s).toContain('worked through the night')
    expect(s).toContain('"href":"https://herald.example/regional-authority"')
    expect(s).toContain('"type":"bold"')
    expect(documentText(a.body).join(' ')).toContain('weaken by Thursday')
  })

  it('converts feed HTML and plain text', () => {
    const doc = htmlToDocument('<p>One <b>two</b></p><p>Three<br>four</p><hr><h4>Five</h4><p>  </p>')
    expect(doc.content).toEqual([
      { type: 'paragraph', content: [{ type: 'text', text: 'One ' }, { type: 'text', text: 'two', marks: [{ type: 'bold' }] }] },
      { type: 'paragraph', content: [{ type: 'text', text: 'Three' }, { type: 'hardBreak' }, { type: 'text', text: 'four' }] },
      { type: 'divider' },
      { type: 'heading', attrs: { level: 4 }, content: [{ type: 'text', text: 'Five' }] },
    ])
    expect(richTextToDocument('First para &amp; more.\n\nSecond\nline.').content.map((b) => (b.type === 'paragraph' ? b.content?.[0] : null))).toEqual([
      { type: 'text', text: 'First para & more.' },
      { type: 'text', text: 'Second line.' },
    ])
    const q = htmlToDocument('<blockquote><p>Words.</p><footer>— Someone</footer></blockquote>').content[0]
    expect(q).toEqual({ type: 'quote', attrs: { attribution: 'Someone' }, content: [{ type: 'text', text: 'Words.' }] })
    expect(htmlToText('Tom &amp; Jerry <b>live</b>')).toBe('Tom & Jerry live')
    expect(textToDocument('\n\n').content).toEqual([])
  })

  it('makes links absolute and refuses the rest', () => {
    expect(safeLink('/a?b=1', 'https://x.example/c/d')).toBe('https://x.example/a?b=1')
    expect(safeLink('mailto:desk@x.example', undefined)).toBe('mailto:desk@x.example')
    expect(safeLink('#top', 'https://x.example/')).toBeNull()
    expect(safeLink('javascript:alert(1)', 'https://x.example/')).toBeNull()
    expect(safeLink('//evil.example/x', 'https://x.example/')).toBe('https://evil.example/x')
    expect(safeLink('ftp://x.example/f', undefined)).toBeNull()
    expect(safeLink('https://u:p@x.example/', undefined)).toBeNull()
  })

  it('reads pasted text: first line headline, blank lines between paragraphs', () => {
    const p = parsePastedText('\n  Nagłówek tekstu  \nPierwszy akapit\ndalej.\n\n\nDrugi akapit.\r\n')
    expect(p.headline).toBe('Nagłówek tekstu')
    expect(documentText(p.body)).toEqual(['Pierwszy akapit dalej.', 'Drugi akapit.'])
  })

  it('reads photo captions, alt text, credits, the lede and the byline in pasted text (the format of `depesza check`)', () => {
    const p = parsePastedText(
      ['Tytuł', '', 'Autor: Laura Kowalczyk', '', 'Fot. Iraqi Prime Minister and Major General Joel', 'Alt: Dwaj mężczyźni.', 'Autor zdjęcia: AP', '', 'Lead: Pierwsze zdanie.', '', 'Akapit.', '', '## Śródtytuł', '', 'Fot. Drugie zdjęcie', 'Fot. PAP/Reuters'].join('\n'),
    )
    expect(p.byline).toBe('Laura Kowalczyk')
    expect(p.lede).toBe('Pierwsze zdanie.')
    expect(p.body.content.map((b) => b.type)).toEqual(['image', 'paragraph', 'heading', 'image'])
    expect(p.body.content[0]).toMatchObject({ attrs: { caption: 'Iraqi Prime Minister and Major General Joel', alt: 'Dwaj mężczyźni.', credit: 'AP', mediaId: null, src: null } })
    expect(p.body.content[3]).toMatchObject({ attrs: { caption: 'Drugie zdjęcie', credit: 'PAP/Reuters' } })
  })
})
