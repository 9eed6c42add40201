import { describe, expect, it } from 'vitest'
import { documentText } from '../content/document.js'
import { atomFeed, ninjs1Item, ninjsItem, rssFeed, STORY_DE, STORY_EN_1, STORY_EN_2 } from './fixtures.js'
import { decodeXml, FeedError, parseFeed } from './feed.js'
import { parseNinjs } from './ninjs.js'
import { bandKeys, minhash, normalizeText, similarity, SIMILARITY_THRESHOLD, textHash } from './similarity.js'

const BASE = 'https://wire.example'

describe('feeds', () => {
  it('reads RSS 2.0 with content:encoded, media and relative links', () => {
    const feed = parseFeed(rssFeed(BASE), `${BASE}/feed.xml`)
    expect(feed.title).toBe('Example Wire – World')
    expect(feed.items).toHaveLength(2)
    const [a, b] = feed.items
    expect(a).toMatchObject({
      format: 'rss',
      guid: 'ew-2026-0001',
      url: `${BASE}/news/flood-defences`,
      headline: 'Flood defences hold after three days of rain',
      lede: 'Engineers warn the ground remains saturated.',
      byline: 'Anna Reporter',
      language: 'en',
      publishedAt: '2026-12-07T09:30:00.000Z',
    })
    expect(a!.body.content[0]).toEqual({ type: 'image', attrs: { mediaId: null, src: `${BASE}/img/river.jpg`, alt: '', caption: 'The river at dawn', credit: 'Photo: Example Wire' } })
    expect(documentText(a!.body)).toContain(STORY_EN_1)
    expect(JSON.stringify(a!.body)).toContain(`"href":"${BASE}/advice"`)
    expect(JSON.stringify(a!.body)).not.toContain('alert')
    expect(b).toMatchObject({ guid: `${BASE}/news/tram-network`, headline: 'Tram network to reach northern suburbs', lede: '' })
    expect(documentText(b!.body)).toEqual([STORY_EN_2])
  })

  it('reads Atom with html and xhtml content', () => {
    const feed = parseFeed(atomFeed(BASE), `${BASE}/atom.xml`)
    expect(feed.title).toBe('Beispiel Nachrichten')
    const [a, b] = feed.items
    expect(a).toMatchObject({
      format: 'atom',
      guid: 'urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a',
      url: `${BASE}/artikel/solar`,
      headline: 'Solarstrom für Schulen & Rathäuser',
      lede: 'Ein neues Förderprogramm.',
      byline: 'Max Muster',
      language: 'de',
      publishedAt: '2026-12-08T08:00:00.000Z',
    })
    expect(a!.body.content[0]?.type).toBe('image')
    expect(documentText(a!.body)).toContain(STORY_DE)
    expect(JSON.stringify(a!.body)).toContain('"type":"bold"')
    expect(b).toMatchObject({ headline: 'Kurzmeldung', guid: 'tag:example.de,2026:kurz', url: `${BASE}/artikel/kurz` })
    expect(documentText(b!.body)).toEqual(['Erste Zeile & mehr.'])
  })

  it('reads RSS 1.0 (RDF)', () => {
    const rdf = `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <channel rdf:about="${BASE}/"><title>RDF</title><dc:language>cs</dc:language></channel>
      <item rdf:about="${BASE}/a"><title>Zpráva</title><link>${BASE}/a</link><description>Text zprávy.</description><dc:date>2026-12-01T10:00:00Z</dc:date></item></rdf:RDF>`
    const feed = parseFeed(rdf)
    expect(feed.items).toEqual([expect.objectContaining({ headline: 'Zpráva', url: `${BASE}/a`, guid: `${BASE}/a`, language: 'cs', publishedAt: '2026-12-01T10:00:00.000Z' })])
  })

  it('refuses entity declarations, broken XML and other formats', () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><rss><channel><title>&lol2;</title></channel></rss>`
    expect(() => parseFeed(laughs)).toThrow(FeedError)
    expect(() => parseFeed('<html><body>not a feed</body></html>')).toThrow(/Nie rozpoznano/)
    expect(() => parseFeed('<rss><channel><item></channel>')).toThrow(FeedError)
  })

  it('decodes XML escapes and CDATA', () => {
    expect(decodeXml('a &lt;b&gt; &amp;amp; <![CDATA[<p>x & y</p>]]> &#x142;&#243;')).toBe('a <b> &amp; <p>x & y</p> łó')
  })
})

describe('NINJS', () => {
  it('reads a 2.0 item with a picture, dropping markup that is not ours', () => {
    const [item] = parseNinjs(ninjsItem('urn:example:1'))
    expect(item).toMatchObject({
      format: 'ninjs',
      guid: 'urn:example:1',
      url: null,
      headline: 'Council approves tram extension',
      lede: 'Construction to begin next spring.',
      language: 'en',
      version: '1',
      withdrawn: false,
      publishedAt: '2026-12-07T11:00:00.000Z',
    })
    expect(item!.body.content[0]).toEqual({
      type: 'image',
      attrs: { mediaId: null, src: 'https://cdn.example.org/pic/original.jpg', alt: '', caption: 'A tram at the depot', credit: 'Example Agency/Jan Foto' },
    })
    expect(documentText(item!.body)).toContain(STORY_EN_2)
    expect(documentText(item!.body)).toContain('Officials welcomed the decision.')
    expect(JSON.stringify(item!.body)).not.toMatch(/steal|onclick|script/)
  })

  it('reads a 1.x item and a list; withdrawals', () => {
    const items = parseNinjs([ninjs1Item('urn:example:2', STORY_DE), ninjsItem('urn:example:3', { pubstatus: 'canceled' })])
    expect(items[0]).toMatchObject({ headline: 'Solarprogramm vorgestellt', byline: 'Max Muster', language: 'de', lede: 'Ein neues Förderprogramm.', version: '2' })
    expect(documentText(items[0]!.body)).toEqual(['Solarpaneele', STORY_DE, 'Zweiter Absatz.'])
    expect(items[1]!.withdrawn).toBe(true)
    expect(() => parseNinjs({ headline: 'no uri' })).toThrow()
    expect(() => parseNinjs([])).toThrow()
  })
})

describe('near-duplicates', () => {
  it('normalises and hashes text', () => {
    expect(normalizeText('  Zażółć, GĘŚLĄ — jaźń!  ')).toBe('zażółć gęślą jaźń')
    expect(textHash('Hello, world')).toBe(textHash('hello world!!'))
  })

  it('finds near-identical texts and keeps different ones apart', () => {
    const a = minhash(STORY_EN_1)
    const edited = minhash(STORY_EN_1.replace('Monday', 'Tuesday').replace('heavy rain', 'very heavy rain'))
    const other = minhash(STORY_EN_2)
    expect(similarity(a, a)).toBe(1)
    expect(similarity(a, edited)).toBeGreaterThanOrEqual(SIMILARITY_THRESHOLD)
    expect(similarity(a, other)).toBeLessThan(0.2)
    const shared = bandKeys(a).filter((k) => bandKeys(edited).includes(k))
    expect(shared.length).toBeGreaterThan(0)
    expect(bandKeys(a)).toHaveLength(16)
    expect(minhash('')).toEqual([])
    expect(similarity([], a)).toBe(0)
  })
})
