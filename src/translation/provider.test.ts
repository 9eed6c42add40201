import { describe, expect, it } from 'vitest'
import type { Inline } from '../content/document.js'
import { parseTagged, plainContent, serializeInline } from './provider.js'

const link = { type: 'link' as const, attrs: { href: 'https://example.com/a?x=1&y=2' } }
const content: Inline[] = [
  { type: 'text', text: 'The ' },
  { type: 'text', text: 'Islamic State', marks: [{ type: 'bold' }] },
  { type: 'text', text: ' said ' },
  { type: 'text', text: 'in a ', marks: [link] },
  { type: 'text', text: 'statement', marks: [link, { type: 'italic' }] },
  { type: 'text', text: ' that 1 < 2 & 3 > 2.' },
  { type: 'hardBreak' },
  { type: 'text', text: 'Next line' },
]

describe('the tag format', () => {
  it('serialises marks as nested tags, links by id, escapes text', () => {
    const s = serializeInline(content)
    expect(s.text).toBe('The <b>Islamic State</b> said <a id="1">in a <i>statement</i></a> that 1 &lt; 2 &amp; 3 &gt; 2.<br/>Next line')
    expect(s.links.get('1')).toEqual(link)
    expect([...s.tags].sort()).toEqual(['a1', 'b', 'br', 'i'])
  })

  it('round-trips: parsing the serialisation gives the same nodes', () => {
    const s = serializeInline(content)
    const parsed = parseTagged(s.text, s)
    expect(parsed.tagsLost).toBe(false)
    expect(parsed.content).toEqual(content)
  })

  it('restores links from the source by id, never from the answer', () => {
    const s = serializeInline(content)
    const answer = 'Państwo <b>Islamskie</b> oświadczyło <a id="1" href="https://evil.example/">w <i>komunikacie</i></a>, że 1 &lt; 2.<br/>Dalej'
    const parsed = parseTagged(answer, s)
    expect(parsed.tagsLost).toBe(false)
    expect(parsed.content).toEqual([
      { type: 'text', text: 'Państwo ' },
      { type: 'text', text: 'Islamskie', marks: [{ type: 'bold' }] },
      { type: 'text', text: ' oświadczyło ' },
      { type: 'text', text: 'w ', marks: [link] },
      { type: 'text', text: 'komunikacie', marks: [link, { type: 'italic' }] },
      { type: 'text', text: ', że 1 < 2.' },
      { type: 'hardBreak' },
      { type: 'text', text: 'Dalej' },
    ])
  })

  it.each([
    ['an unknown tag', 'Państwo <b>Islamskie</b> <a id="1">w <i>komunikacie</i></a><br/><span>x</span>', 'nieznany znacznik'],
    ['an unknown link id', 'Państwo <b>Islamskie</b> <a id="7">w <i>komunikacie</i></a><br/>', 'odnośnik'],
    ['a missing tag', 'Państwo Islamskie <a id="1">w <i>komunikacie</i></a><br/>', 'zabrakło'],
    ['unbalanced tags', 'Państwo <b>Islamskie <a id="1">w <i>komunikacie</i></b></a><br/>', 'zagnieżdżone'],
    ['an unclosed tag', 'Państwo <b>Islamskie</b> <a id="1">w <i>komunikacie</i><br/>', 'domknięte'],
  ])('falls back to plain text, flagged, on %s', (_what, answer, problem) => {
    const parsed = parseTagged(answer, serializeInline(content))
    expect(parsed.tagsLost).toBe(true)
    expect(parsed.problem).toContain(problem)
    expect(parsed.content.every((n) => n.type === 'hardBreak' || !n.marks)).toBe(true)
    expect(parsed.content.map((n) => (n.type === 'text' ? n.text : '\n')).join('')).toMatch(/^Państwo Islamskie/)
  })

  it('plain content keeps hard breaks and decodes entities', () => {
    expect(plainContent('a &amp; <b>b</b><br>c&nbsp;d')).toEqual([
      { type: 'text', text: 'a & b' },
      { type: 'hardBreak' },
      { type: 'text', text: 'c\u00a0d' },
    ])
  })

  it('accepts attribute quoting variants providers produce', () => {
    const s = serializeInline([{ type: 'text', text: 'here', marks: [link] }])
    expect(parseTagged("<a id='1'>tutaj</a>", s).content).toEqual([{ type: 'text', text: 'tutaj', marks: [link] }])
    expect(parseTagged('<A ID=1>tutaj</A>', s).content).toEqual([{ type: 'text', text: 'tutaj', marks: [link] }])
  })
})
