import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addAuthor, addMediaRow, addSection, basicSite, paragraphs, publishArticle } from '../../../test/fixtures.js'
import { createTestApp, DIALECTS, type TestApp } from '../../../test/support.js'
import { isoWithOffset } from '../../polish/dates.js'
import { parseXml, RFC3339_OFFSET, RFC822, text, type Node } from './feed-test-support.js'

const ORIGIN = 'https://depesza.test'
const HOSTILE = '</title><script>alert(1)</script> Szef MSZ: „koniec” ]]> & AT&amp;T'
const HOUR = 60 * 60 * 1000

interface JsonFeed {
  version: string
  title: string
  home_page_url: string
  feed_url: string
  description?: string
  language: string
  authors: Array<{ name: string; url?: string }>
  items: Array<{
    id: string
    url: string
    title: string
    content_html?: string
    summary?: string
    image?: string
    date_published: string
    date_modified: string
    authors?: Array<{ name: string; url?: string }>
    tags?: string[]
    language: string
  }>
}

describe.each(DIALECTS)('%s: feeds', (dialect) => {
  let t: TestApp
  let hostileId: number
  let hostilePath: string
  let noSectionId: number

  async function get(path: string, init?: RequestInit): Promise<Response> {
    return t.app.request(path, init)
  }
  async function rss(path: string): Promise<Node> {
    const res = await get(path)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8')
    return parseXml(await res.text()).rss
  }
  async function atom(path: string): Promise<Node> {
    const res = await get(path)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8')
    return parseXml(await res.text()).feed
  }
  async function json(path: string): Promise<JsonFeed> {
    const res = await get(path)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/feed+json; charset=utf-8')
    return (await res.json()) as JsonFeed
  }
  async function publishedAt(id: number): Promise<{ published: Date; updated: Date }> {
    const row = await t.testDb.db.selectFrom('articles').select(['published_at', 'updated_at']).where('id', '=', id).executeTakeFirstOrThrow()
    return { published: new Date(row.published_at!), updated: new Date(row.updated_at) }
  }

  beforeAll(async () => {
    t = await createTestApp(dialect)
    const { db } = t.testDb
    const content = t.deps.content
    await basicSite(db)
    await addAuthor(db, 'jan-nowak', 'Jan Nowak')
    const lead = await addMediaRow(db, '2026/11/lead.jpg', { alt: 'Premier na konferencji', caption: 'Premier <b>Iraku</b>', credit: 'Reuters' })
    const inBody = await addMediaRow(db, '2026/11/body.jpg', { alt: 'Bagdad nocą', caption: 'Bagdad' })
    const now = Date.now()

    hostileId = await publishArticle(
      content,
      {
        headline: HOSTILE,
        lede: 'Rząd <b>uzgodnił</b> harmonogram & termin.',
        sectionSlug: 'swiat',
        authorSlugs: ['laura-kowalczyk', 'jan-nowak'],
        tags: ['Irak', 'USA'],
        leadMediaId: lead,
        body: {
          type: 'doc',
          content: [
            {
              type: 'paragraph',
              content: [
                { type: 'text', text: 'Zobacz ' },
                { type: 'text', text: 'dział Kraj', marks: [{ type: 'link', attrs: { href: '/kraj' } }] },
                { type: 'text', text: ' oraz ' },
                { type: 'text', text: 'fakty', marks: [{ type: 'link', attrs: { href: '#fakty' } }] },
                { type: 'text', text: '. Premier powiedział, że "decyzja zapadła".' },
              ],
            },
            { type: 'image', attrs: { mediaId: inBody } },
            { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Co dalej' }] },
          ],
        },
      },
      10,
    )
    hostilePath = (await get('/rss.xml').then(async (r) => parseXml(await r.text()).rss.channel.item[0].link)).slice(ORIGIN.length)
    await publishArticle(content, { headline: 'Sejm przyjął ustawę', sectionSlug: 'kraj', authorSlugs: ['jan-nowak'], tags: ['Sejm'] }, 20)
    noSectionId = await publishArticle(content, { headline: 'Artykuł bez działu', lede: '', body: paragraphs('Pierwsze zdanie tekstu. Drugie zdanie.') }, 30)
    for (let i = 0; i < 32; i++) {
      await publishArticle(content, { headline: `Wiadomość krajowa numer ${i + 1}`, sectionSlug: 'kraj', tags: ['Sejm'] }, 100 + i)
    }

    // Never in any feed.
    await content.create({ kind: 'article', headline: 'UKRYTY szkic', sectionSlug: 'swiat', tags: ['Irak'], authorSlugs: ['laura-kowalczyk'], body: paragraphs('x'), status: 'draft' })
    await publishArticle(content, { headline: 'UKRYTY przyszły', sectionSlug: 'swiat', tags: ['Irak'], publishedAt: new Date(now + 24 * HOUR).toISOString() })
    await publishArticle(content, { headline: 'UKRYTY zaplanowany', sectionSlug: 'swiat', status: 'scheduled', publishedAt: new Date(now + 3 * HOUR).toISOString() })
    await publishArticle(
      content,
      { headline: 'UKRYTY embargo', sectionSlug: 'swiat', tags: ['Irak'], authorSlugs: ['laura-kowalczyk'], embargoUntil: new Date(now + HOUR).toISOString() },
      5,
    )
    const withdrawn = await publishArticle(content, { headline: 'UKRYTY wycofany', sectionSlug: 'swiat', tags: ['Irak'], authorSlugs: ['laura-kowalczyk'] }, 3)
    await content.unpublish(withdrawn)
    await content.create({ kind: 'page', slug: 'o-nas', headline: 'UKRYTY strona O nas', body: paragraphs('Redakcja.'), status: 'published' })
  })
  afterAll(() => t.close())

  it('serves the site RSS: channel metadata, 30 latest visible stories newest first, cache headers', async () => {
    const res = await get('/rss.xml')
    expect(res.headers.get('cache-control')).toBe('public, max-age=300')
    const feed = parseXml(await res.text()).rss
    expect(feed['@version']).toBe('2.0')
    const ch = feed.channel
    expect(ch.title).toBe('Depesza Testowa')
    expect(ch.link).toBe(`${ORIGIN}/`)
    expect(ch.description).toBe('Wiadomości z kraju i ze świata')
    expect(ch.language).toBe('pl')
    expect(ch.copyright).toBe('© Depesza Test sp. z o.o.')
    expect(ch['atom:link']['@href']).toBe(`${ORIGIN}/rss.xml`)
    expect(ch['atom:link']['@rel']).toBe('self')
    expect(ch.lastBuildDate).toMatch(RFC822)

    const items: Node[] = ch.item
    expect(items).toHaveLength(30)
    expect(items.slice(0, 3).map((i) => text(i.title))).toEqual([HOSTILE, 'Sejm przyjął ustawę', 'Artykuł bez działu'])
    expect(items[29].title).toBe('Wiadomość krajowa numer 27')
    const times = items.map((i) => new Date(i.pubDate).getTime())
    expect([...times].sort((a, b) => b - a)).toEqual(times)
    for (const item of items) {
      expect(item.pubDate).toMatch(RFC822)
      expect(item.link.startsWith(`${ORIGIN}/`)).toBe(true)
      expect(text(item.guid)).toMatch(/^tag:depesza\.test,\d{4}:article-\d+$/)
      expect(item.guid['@isPermaLink']).toBe('false')
      expect(text(item.title)).not.toContain('UKRYTY')
    }
    expect(new Set(items.map((i) => text(i.guid))).size).toBe(30)
    expect(new Date(ch.lastBuildDate).getTime()).toBe(Math.max(...times))
  })

  it('gives each RSS item authors, categories, summary, full content with absolute URLs and the lead image', async () => {
    const ch = (await rss('/rss.xml')).channel
    const item = ch.item[0]
    const { published } = await publishedAt(hostileId)
    expect(new Date(item.pubDate).getTime()).toBe(Math.floor(published.getTime() / 1000) * 1000)
    expect(item.link).toBe(ORIGIN + hostilePath)
    expect(hostilePath.startsWith('/swiat/')).toBe(true)
    expect(text(item.guid)).toBe(`tag:depesza.test,${new Date().getUTCFullYear()}:article-${hostileId}`)
    expect(item['dc:creator']).toEqual(['Laura Kowalczyk', 'Jan Nowak'])
    expect(item.category.map(text)).toEqual(['Świat', 'Irak', 'USA'])
    expect(item.category.map((c: Node) => c['@domain'])).toEqual([`${ORIGIN}/`, `${ORIGIN}/tag/`, `${ORIGIN}/tag/`])
    // <description> is entity-encoded HTML: the plain-text lede arrives HTML-escaped.
    expect(item.description).toBe('Rząd &lt;b&gt;uzgodnił&lt;/b&gt; harmonogram &amp; termin.')
    const html: string = item['content:encoded']
    expect(html).toContain(`<a href="${ORIGIN}/kraj">dział Kraj</a>`)
    expect(html).toContain(`<a href="${ORIGIN}${hostilePath}#fakty">fakty</a>`)
    expect(html).toContain(`<img src="${ORIGIN}/media/2026/11/body.jpg" alt="Bagdad nocą"`)
    expect(html).toContain('„decyzja zapadła”')
    expect(html).toMatch(/<h2 id="b-[^"]+">Co dalej<\/h2>/)
    expect(html).not.toMatch(/(href|src)="\/(?!\/)/)
    expect(item.enclosure['@url']).toBe(`${ORIGIN}/media/2026/11/lead.jpg`)
    expect(item.enclosure['@type']).toBe('image/jpeg')
    expect(item.enclosure['@length']).toBe('1000')
    expect(item['media:content']['@url']).toBe(`${ORIGIN}/media/2026/11/lead.jpg`)
    expect(item['media:content']['@medium']).toBe('image')
    expect(text(item['media:content']['media:description'])).toBe('Premier <b>Iraku</b>')
    expect(item['media:content']['media:credit']).toBe('Reuters')

    const bare = ch.item[2]
    expect(bare.link).toBe(`${ORIGIN}/artykul/artykul-bez-dzialu`)
    expect(bare.category).toBeUndefined()
    expect(bare['dc:creator']).toBeUndefined()
    expect(bare.enclosure).toBeUndefined()
    expect(bare.description).toBe('Pierwsze zdanie tekstu. Drugie zdanie.')
  })

  it('keeps a hostile headline as text in all three formats', async () => {
    for (const path of ['/rss.xml', '/atom.xml', '/swiat/rss.xml', '/tag/irak/atom.xml']) {
      const body = await (await get(path)).text()
      expect(body).not.toContain('<script>')
      expect(body).not.toContain('</title><')
      expect(body).not.toContain(']]>')
      expect(body).toContain('&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;')
    }
    expect(text((await rss('/rss.xml')).channel.item[0].title)).toBe(HOSTILE)
    const entry = (await atom('/atom.xml')).entry[0]
    expect(entry.title['@type']).toBe('text')
    expect(text(entry.title)).toBe(HOSTILE)
    expect((await json('/feed.json')).items[0]!.title).toBe(HOSTILE)
  })

  it('serves Atom 1.0 with RFC 3339 dates, ids equal to the RSS guids, typed text and content', async () => {
    const res = await get('/atom.xml')
    expect(res.headers.get('cache-control')).toBe('public, max-age=300')
    const feed = parseXml(await res.text()).feed
    expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom')
    expect(feed['@xml:lang']).toBe('pl')
    expect(feed.id).toBe(`${ORIGIN}/atom.xml`)
    expect(text(feed.title)).toBe('Depesza Testowa')
    expect(feed.updated).toMatch(RFC3339_OFFSET)
    expect(feed.link.map((l: Node) => [l['@rel'], l['@href']])).toEqual([
      ['self', `${ORIGIN}/atom.xml`],
      ['alternate', `${ORIGIN}/`],
    ])
    expect(feed.author).toMatchObject({ name: 'Depesza Test sp. z o.o.', uri: `${ORIGIN}/` })
    const entries: Node[] = feed.entry
    expect(entries).toHaveLength(30)
    const guids = (await rss('/rss.xml')).channel.item.map((i: Node) => text(i.guid))
    expect(entries.map((e) => e.id)).toEqual(guids)

    const e = entries[0]
    const { published, updated } = await publishedAt(hostileId)
    expect(e.published).toBe(isoWithOffset(published, 'Europe/Warsaw'))
    expect(e.updated).toBe(isoWithOffset(updated, 'Europe/Warsaw'))
    expect(e.link.map((l: Node) => [l['@rel'], l['@href']])).toEqual([
      ['alternate', ORIGIN + hostilePath],
      ['enclosure', `${ORIGIN}/media/2026/11/lead.jpg`],
    ])
    expect(e.author.map((a: Node) => [a.name, a.uri])).toEqual([
      ['Laura Kowalczyk', `${ORIGIN}/autor/laura-kowalczyk`],
      ['Jan Nowak', `${ORIGIN}/autor/jan-nowak`],
    ])
    expect(e.category.map((c: Node) => [c['@term'], c['@label'], c['@scheme']])).toEqual([
      ['swiat', 'Świat', `${ORIGIN}/`],
      ['irak', 'Irak', `${ORIGIN}/tag/`],
      ['usa', 'USA', `${ORIGIN}/tag/`],
    ])
    expect(e.summary['@type']).toBe('text')
    expect(text(e.summary)).toBe('Rząd <b>uzgodnił</b> harmonogram & termin.')
    expect(e.content['@type']).toBe('html')
    expect(text(e.content)).toContain(`<img src="${ORIGIN}/media/2026/11/body.jpg"`)
    for (const entry of entries) {
      expect(entry.published).toMatch(RFC3339_OFFSET)
      expect(entry.updated).toMatch(RFC3339_OFFSET)
    }
  })

  it('serves JSON Feed 1.1 with the same stories', async () => {
    const res = await get('/feed.json')
    expect(res.headers.get('cache-control')).toBe('public, max-age=300')
    const feed = (await res.json()) as JsonFeed
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1')
    expect(feed.title).toBe('Depesza Testowa')
    expect(feed.home_page_url).toBe(`${ORIGIN}/`)
    expect(feed.feed_url).toBe(`${ORIGIN}/feed.json`)
    expect(feed.language).toBe('pl')
    expect(feed.items).toHaveLength(30)
    const item = feed.items[0]!
    const { published } = await publishedAt(hostileId)
    expect(item).toMatchObject({
      id: `tag:depesza.test,${new Date().getUTCFullYear()}:article-${hostileId}`,
      url: ORIGIN + hostilePath,
      summary: 'Rząd <b>uzgodnił</b> harmonogram & termin.',
      image: `${ORIGIN}/media/2026/11/lead.jpg`,
      date_published: isoWithOffset(published, 'Europe/Warsaw'),
      authors: [
        { name: 'Laura Kowalczyk', url: `${ORIGIN}/autor/laura-kowalczyk` },
        { name: 'Jan Nowak', url: `${ORIGIN}/autor/jan-nowak` },
      ],
      tags: ['Świat', 'Irak', 'USA'],
      language: 'pl',
    })
    expect(item.date_modified).toMatch(RFC3339_OFFSET)
    expect(item.content_html).toContain(`<a href="${ORIGIN}/kraj">`)
    expect(feed.items.some((i) => i.title.includes('UKRYTY'))).toBe(false)
  })

  it('filters by section, tag and author, with their own titles and self links', async () => {
    const swiat = (await rss('/swiat/rss.xml')).channel
    expect(swiat.title).toBe('Świat – Depesza Testowa')
    expect(swiat.link).toBe(`${ORIGIN}/swiat`)
    expect(swiat['atom:link']['@href']).toBe(`${ORIGIN}/swiat/rss.xml`)
    expect(swiat.item.map((i: Node) => text(i.title))).toEqual([HOSTILE])

    const kraj = (await json('/kraj/feed.json'))
    expect(kraj.feed_url).toBe(`${ORIGIN}/kraj/feed.json`)
    expect(kraj.items).toHaveLength(30)
    expect(kraj.items.every((i) => i.url.startsWith(`${ORIGIN}/kraj/`))).toBe(true)

    const sejm = await atom('/tag/sejm/atom.xml')
    expect(text(sejm.title)).toBe('Sejm – Depesza Testowa')
    expect(sejm.id).toBe(`${ORIGIN}/tag/sejm/atom.xml`)
    expect(sejm.link[1]['@href']).toBe(`${ORIGIN}/tag/sejm`)
    expect(sejm.entry).toHaveLength(30)
    expect(sejm.entry.every((e: Node) => e.category.some((c: Node) => c['@term'] === 'sejm'))).toBe(true)

    const irak = (await rss('/tag/irak/rss.xml')).channel
    expect(irak.item.map((i: Node) => text(i.title))).toEqual([HOSTILE])

    const jan = await json('/autor/jan-nowak/feed.json')
    expect(jan.title).toBe('Jan Nowak – Depesza Testowa')
    expect(jan.home_page_url).toBe(`${ORIGIN}/autor/jan-nowak`)
    expect(jan.items.map((i) => i.title)).toEqual([HOSTILE, 'Sejm przyjął ustawę'])

    const laura = (await rss('/autor/laura-kowalczyk/rss.xml')).channel
    expect(laura.description).toBe('Dziennikarka działu zagranicznego.')
    expect(laura.item.map((i: Node) => text(i.title))).toEqual([HOSTILE])
  })

  it('answers the Polish 404 page for an unknown section, tag or author', async () => {
    for (const path of ['/nieznany/rss.xml', '/nieznany/atom.xml', '/nieznany/feed.json', '/tag/nieznany/rss.xml', '/tag/nieznany/feed.json', '/autor/nieznany/atom.xml']) {
      const res = await get(path)
      expect(res.status, path).toBe(404)
      expect(res.headers.get('content-type')).toMatch(/^text\/html/)
      expect(await res.text()).toContain('Nie znaleziono strony')
    }
  })

  it('serves an empty but valid feed for a section with no stories yet', async () => {
    await addSection(t.testDb.db, 'kultura', 'Kultura', 3)
    t.deps.siteData.invalidate()
    const ch = (await rss('/kultura/rss.xml')).channel
    expect(ch.item).toBeUndefined()
    expect(ch.description).toBe('Najnowsze artykuły z działu „Kultura”')
    const feed = await atom('/kultura/atom.xml')
    expect(feed.entry).toBeUndefined()
    expect(feed.updated).toMatch(RFC3339_OFFSET)
    expect((await json('/kultura/feed.json')).items).toEqual([])
  })

  it('answers 304 to a matching If-None-Match and HEAD without a body', async () => {
    const first = await get('/feed.json')
    const etag = first.headers.get('etag')
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/)
    const again = await get('/feed.json', { headers: { 'If-None-Match': etag! } })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
    const head = await get('/rss.xml', { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(head.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8')
  })

  it('links every feed the pages announce with <link rel="alternate">', async () => {
    for (const page of ['/', '/swiat', '/tag/irak', '/autor/laura-kowalczyk']) {
      const html = await (await get(page)).text()
      const links = [...html.matchAll(/<link rel="alternate" type="([^"]+)" title="[^"]*" href="([^"]+)"\/?>/g)]
      expect(links, page).toHaveLength(3)
      for (const [, type, href] of links) {
        const res = await get(href!)
        expect(res.status, href).toBe(200)
        expect(res.headers.get('content-type')).toBe(`${type}; charset=utf-8`)
      }
    }
  })

  it('keeps the guid when the slug changes, while the link follows', async () => {
    const before = (await rss('/rss.xml')).channel.item[2]
    await t.deps.content.changeSlug(noSectionId, 'nowy-adres')
    const after = (await rss('/rss.xml')).channel.item[2]
    expect(text(after.guid)).toBe(text(before.guid))
    expect(after.link).toBe(`${ORIGIN}/artykul/nowy-adres`)
  })

  it('follows the app clock: an embargo lifts, a future story appears at its time', async () => {
    const real = Date.now()
    t.setNow(new Date(real + 2 * HOUR))
    await t.jobs.tick() // the scheduler tells the cache that the embargo ended
    let titles = (await rss('/swiat/rss.xml')).channel.item.map((i: Node) => text(i.title))
    expect(titles).toContain('UKRYTY embargo')
    expect(titles).not.toContain('UKRYTY przyszły')
    expect(titles).not.toContain('UKRYTY zaplanowany') // scheduled, not yet published by the job
    expect(titles).not.toContain('UKRYTY wycofany')
    t.setNow(new Date(real + 25 * HOUR))
    await t.jobs.tick()
    titles = (await json('/tag/irak/feed.json')).items.map((i) => i.title)
    expect(titles).toEqual(['UKRYTY przyszły', 'UKRYTY embargo', HOSTILE])
    t.setNow(new Date(real))
  })
})
