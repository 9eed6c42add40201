import { describe, expect, it } from 'vitest'
import { documentText, parseDocument } from '../../content/document.js'
import { parseXml, RFC822 } from './feed-test-support.js'
import { absolutizeHtml, articleTagUri, summaryOf } from './feed-model.js'
import { rfc822 } from './formats.js'
import { robotsTxt } from './sitemaps.js'
import { el, escapeXml, rawXml, xmlDocument, xmlSafe } from './xml.js'

describe('xml writer', () => {
  it('escapes text and attributes', () => {
    expect(escapeXml(`</title><script>"x" & 'y' ]]>`)).toBe('&lt;/title&gt;&lt;script&gt;&quot;x&quot; &amp; &apos;y&apos; ]]&gt;')
    expect(el('a', { href: 'https://x.test/?a=1&b="2"' }, 'AT&T <b>').value).toBe('<a href="https://x.test/?a=1&amp;b=&quot;2&quot;">AT&amp;T &lt;b&gt;</a>')
  })

  it('drops characters XML 1.0 forbids but keeps Polish letters and emoji', () => {
    expect(xmlSafe('a\u0000b\u0008c\u000Bd\uFFFEe\uD800f')).toBe('abcdef')
    expect(xmlSafe('Zażółć gęślą jaźń 🇵🇱\t\n')).toBe('Zażółć gęślą jaźń 🇵🇱\t\n')
    const doc = xmlDocument(el('t', null, 'x\u0001y')).toString()
    expect(parseXml(doc).t).toBe('xy')
  })

  it('escapes long texts (kept once escaped) as it escapes their parts', () => {
    const parts = [`<p class="x">AT&T 'a' ${'Zażółć gęślą '.repeat(60)}</p>`, `<p>\u0001${'jaźń 🇵🇱 "b" '.repeat(60)}\uD800</p>`]
    const whole = parts.join('\n')
    expect(whole.length).toBeGreaterThan(1024)
    const expected = parts.map(escapeXml).join('\n')
    expect(escapeXml(whole)).toBe(expected)
    expect(escapeXml(whole)).toBe(expected)
  })

  it('writes empty elements, skips null attributes and children, nests elements', () => {
    expect(el('e', { a: null, b: undefined, c: 0 }).value).toBe('<e c="0"/>')
    expect(el('p', null, el('c', null, '1'), null, false, [el('c', null, '2')]).value).toBe('<p>\n<c>1</c>\n<c>2</c>\n</p>')
    expect(el('p', null, 'a', rawXml('<br/>'), 'b').value).toBe('<p>a<br/>b</p>')
  })

  it('writes a document of nested elements in one piece (UTF-8 bytes), as each element alone would', () => {
    const item = el('item', null, el('title', null, 'A & B'), el('content:encoded', null, '<p class="x">Zażółć 🇵🇱\u0001</p>'), el('e', null))
    const doc = xmlDocument(el('rss', { version: '2.0' }, el('channel', null, el('title', null, 'T'), [item, item]))).toString()
    const itemXml = '<item>\n<title>A &amp; B</title>\n<content:encoded>&lt;p class=&quot;x&quot;&gt;Zażółć 🇵🇱&lt;/p&gt;</content:encoded>\n<e/>\n</item>'
    expect(item.value).toBe(itemXml)
    expect(doc).toBe(`<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">\n<channel>\n<title>T</title>\n${itemXml}\n${itemXml}\n</channel>\n</rss>\n`)
  })
})

describe('feed model helpers', () => {
  it('makes site-relative links and images absolute, anchors relative to the story', () => {
    const html = '<p><a href="/kraj">k</a> <a href="#fakty">f</a> <a href="https://ex.test/">e</a> <a href="mailto:a@b.pl">m</a><img src="/media/a.jpg"></p><p>href="/nie" &quot;</p>'
    expect(absolutizeHtml(html, 'https://d.test', 'https://d.test/swiat/x')).toBe(
      '<p><a href="https://d.test/kraj">k</a> <a href="https://d.test/swiat/x#fakty">f</a> <a href="https://ex.test/">e</a> <a href="mailto:a@b.pl">m</a><img src="https://d.test/media/a.jpg"></p><p>href="/nie" &quot;</p>',
    )
  })

  it('names stories with a tag: URI built from the host and the year of creation', () => {
    expect(articleTagUri('https://depesza.pl:8443', 42, '2026-11-27T10:00:00.000Z')).toBe('tag:depesza.pl,2026:article-42')
  })

  it('summarizes with the lede, or the opening of the text cut at a word', () => {
    const body = parseDocument({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'słowo '.repeat(100) }] }] })
    expect(summaryOf({ lede: '  Lede.  ', body })).toBe('Lede.')
    const s = summaryOf({ lede: '', body })
    expect(s.endsWith('słowo…')).toBe(true)
    expect(s.length).toBeLessThanOrEqual(281)
  })

  it('cuts the summary of many paragraphs as from the whole text (runs of spaces, short and long paragraphs)', () => {
    const paragraphs = ['  Krótki  akapit. ', 'a', ' \n ', 'x'.repeat(150), 'Drugi   akapit   z   wieloma   spacjami. '.repeat(6), 'ostatni']
    const single = [
      ['Jeden długi akapit,\u00a0twarda spacja,\ttabulator i  dwie spacje. '.repeat(20)],
      [`${' '.repeat(300)}${'słowo '.repeat(40)}`],
      ['🇵🇱'.repeat(200)],
      [`${'x'.repeat(279)}${' '.repeat(400)}y`],
    ]
    for (const texts of [...paragraphs.map((_, n) => paragraphs.slice(0, n + 1)), ...single]) {
      const body = parseDocument({ type: 'doc', content: texts.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) })
      // The rule applied to the whole text.
      const whole = documentText(body).join(' ').replace(/\s+/g, ' ').trim()
      const cut = whole.slice(0, 280)
      const space = cut.lastIndexOf(' ')
      const expected = whole.length <= 280 ? whole : `${(space > 140 ? cut.slice(0, space) : cut).replace(/[\s,.;:–-]+$/, '')}…`
      expect(summaryOf({ lede: '', body })).toBe(expected)
    }
  })

  it('formats RFC 822 dates in GMT', () => {
    expect(rfc822(new Date('2026-01-05T08:09:10Z'))).toBe('Mon, 05 Jan 2026 08:09:10 GMT')
    expect(rfc822(new Date())).toMatch(RFC822)
  })

  it('writes robots.txt with absolute sitemap URLs', () => {
    expect(robotsTxt('https://d.test')).toBe(
      'User-agent: *\nAllow: /\nDisallow: /admin/\nDisallow: /szukaj\n\nSitemap: https://d.test/sitemap.xml\nSitemap: https://d.test/sitemap-news.xml\n',
    )
  })
})
