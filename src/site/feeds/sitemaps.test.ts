import { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addAuthor, addMediaRow, basicSite, paragraphs, publishArticle } from '../../../test/fixtures.js'
import { createTestApp, DIALECTS, type TestApp } from '../../../test/support.js'
import { isoWithOffset } from '../../polish/dates.js'
import { parseXml, RFC3339_OFFSET, text, type Node } from './feed-test-support.js'
import { registerFeedRoutes } from './routes.js'

const ORIGIN = 'https://depesza.test'
const HOUR = 60 * 60 * 1000
const NEWS_TITLE = 'Premier & „<b>Irak</b>” </news:title>'
const TZ = 'Europe/Warsaw'

describe.each(DIALECTS)('%s: sitemaps and robots.txt', (dialect) => {
  let t: TestApp
  /** The same routes with two stories per sitemap part. */
  let small: Hono
  let realNow: number
  const ids: Record<string, number> = {}

  async function xml(app: { request: Hono['request'] }, path: string): Promise<Node> {
    const res = await app.request(path)
    expect(res.status, path).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8')
    expect(res.headers.get('cache-control')).toBe('public, max-age=300')
    return parseXml(await res.text())
  }
  async function updatedAt(id: number): Promise<string> {
    const row = await t.testDb.db.selectFrom('articles').select('updated_at').where('id', '=', id).executeTakeFirstOrThrow()
    return isoWithOffset(new Date(row.updated_at), TZ)
  }
  async function publishedAt(id: number): Promise<string> {
    const row = await t.testDb.db.selectFrom('articles').select('published_at').where('id', '=', id).executeTakeFirstOrThrow()
    return isoWithOffset(new Date(row.published_at!), TZ)
  }
  /** All visible story URLs, as the site feed (30 > 5 stories) lists them. */
  async function visibleUrls(): Promise<string[]> {
    const feed = (await (await t.app.request('/feed.json')).json()) as { items: Array<{ url: string }> }
    return feed.items.map((i) => i.url)
  }

  beforeAll(async () => {
    t = await createTestApp(dialect)
    small = new Hono()
    registerFeedRoutes(small, t.deps, { sitemapPartSize: 2 })
    const { db } = t.testDb
    const content = t.deps.content
    await basicSite(db)
    await addAuthor(db, 'jan-nowak', 'Jan Nowak')
    const photo = await addMediaRow(db, '2026/11/lead.jpg', { alt: 'Premier', caption: 'Premier' })
    realNow = Date.now()
    await content.create({ kind: 'page', slug: 'o-nas', headline: 'O nas', body: paragraphs('Redakcja.'), status: 'published' })
    await content.create({ kind: 'page', slug: 'regulamin', headline: 'Regulamin', body: paragraphs('Szkic.'), status: 'draft' })

    ids.e = await publishArticle(content, { headline: 'Stary tekst bez działu' }, 30 * 24 * 60)
    ids.d = await publishArticle(content, { headline: 'Sprzed czterdziestu dziewięciu godzin', sectionSlug: 'kraj' }, 49 * 60)
    ids.c = await publishArticle(content, { headline: 'Sprzed czterdziestu siedmiu godzin', sectionSlug: 'kraj' }, 47 * 60)
    ids.b = await publishArticle(content, { headline: 'Sejm przyjął ustawę', sectionSlug: 'kraj', tags: ['Sejm'] }, 20)
    ids.a = await publishArticle(
      content,
      { headline: NEWS_TITLE, sectionSlug: 'swiat', tags: ['Irak'], authorSlugs: ['laura-kowalczyk'], leadMediaId: photo },
      10,
    )

    // Never listed.
    await content.create({ kind: 'article', headline: 'Ukryty szkic', sectionSlug: 'swiat', tags: ['Tajne'], authorSlugs: ['jan-nowak'], body: paragraphs('x'), status: 'draft' })
    await publishArticle(content, { headline: 'Ukryty przyszły', sectionSlug: 'swiat', publishedAt: new Date(realNow + 24 * HOUR).toISOString() })
    ids.embargo = await publishArticle(content, { headline: 'Ukryty embargo', sectionSlug: 'swiat', embargoUntil: new Date(realNow + HOUR).toISOString() }, 5)
    const withdrawn = await publishArticle(content, { headline: 'Ukryty wycofany', sectionSlug: 'swiat', tags: ['Tajne'] }, 3)
    await content.unpublish(withdrawn)
  })
  afterAll(() => t.close())

  it('serves robots.txt: allow all, keep out the newsroom and search, name the sitemaps', async () => {
    const res = await t.app.request('/robots.txt')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8')
    const body = await res.text()
    expect(body.split('\n')).toEqual([
      'User-agent: *',
      'Allow: /',
      'Disallow: /admin/',
      'Disallow: /szukaj',
      '',
      `Sitemap: ${ORIGIN}/sitemap.xml`,
      `Sitemap: ${ORIGIN}/sitemap-news.xml`,
      '',
    ])
  })

  it('serves a sitemap index of the pages sitemap and one article part', async () => {
    const doc = await xml(t.app, '/sitemap.xml')
    expect(doc.sitemapindex['@xmlns']).toBe('http://www.sitemaps.org/schemas/sitemap/0.9')
    const entries: Node[] = doc.sitemapindex.sitemap
    expect(entries.map((e) => e.loc)).toEqual([`${ORIGIN}/sitemaps/pages.xml`, `${ORIGIN}/sitemaps/articles-1.xml`])
    expect(entries[1].lastmod).toBe(await updatedAt(ids.a!))
    expect(entries[1].lastmod).toMatch(RFC3339_OFFSET)

    const part = await xml(t.app, '/sitemaps/articles-1.xml')
    const urls: Node[] = part.urlset.url
    expect(urls.map((u) => u.loc).sort()).toEqual((await visibleUrls()).sort())
    expect(urls).toHaveLength(5)
    expect(urls.some((u) => /ukryty/.test(u.loc))).toBe(false)
    const a = urls.find((u) => u.loc.startsWith(`${ORIGIN}/swiat/`))
    expect(a.lastmod).toBe(await updatedAt(ids.a!))
    expect(a['image:image']['image:loc']).toBe(`${ORIGIN}/media/2026/11/lead.jpg`)
    expect(part.urlset['@xmlns:image']).toBe('http://www.google.com/schemas/sitemap-image/1.1')
    expect(urls.find((u) => u.loc.includes('stary-tekst')).loc).toBe(`${ORIGIN}/artykul/stary-tekst-bez-dzialu`)
  })

  it('splits articles into parts of the configured size, in id order, and 404s out of range', async () => {
    const index: Node[] = (await xml(small, '/sitemap.xml')).sitemapindex.sitemap
    expect(index.map((e) => e.loc)).toEqual([
      `${ORIGIN}/sitemaps/pages.xml`,
      `${ORIGIN}/sitemaps/articles-1.xml`,
      `${ORIGIN}/sitemaps/articles-2.xml`,
      `${ORIGIN}/sitemaps/articles-3.xml`,
    ])
    const all: string[] = []
    for (const [n, expected] of [[1, 2], [2, 2], [3, 1]] as const) {
      const urls: Node[] = (await xml(small, `/sitemaps/articles-${n}.xml`)).urlset.url
      expect(urls).toHaveLength(expected)
      // The part's lastmod in the index is the newest of its stories.
      const newest = urls.map((u) => u.lastmod).sort((x: string, y: string) => Date.parse(y) - Date.parse(x))[0]
      expect(index[n]!.lastmod).toBe(newest)
      all.push(...urls.map((u) => u.loc))
    }
    expect(new Set(all).size).toBe(5)
    expect([...all].sort()).toEqual((await visibleUrls()).sort())
    // Creation (id) order: the oldest-created story opens part 1.
    expect(all[0]).toBe(`${ORIGIN}/artykul/stary-tekst-bez-dzialu`)

    for (const path of ['/sitemaps/articles-4.xml', '/sitemaps/articles-0.xml', '/sitemaps/articles-01.xml', '/sitemaps/articles-x.xml', '/sitemaps/inne.xml', '/sitemaps/articles-1.xml.gz']) {
      const res = await small.request(path)
      expect(res.status, path).toBe(404)
      expect(await res.text()).toContain('Nie znaleziono strony')
    }
    expect((await t.app.request('/sitemaps/articles-2.xml')).status).toBe(404)
  })

  it('lists home, sections, static pages, the contact page, and tags and authors with visible stories in the pages sitemap', async () => {
    const urls: Node[] = (await xml(t.app, '/sitemaps/pages.xml')).urlset.url
    expect(urls.map((u) => u.loc)).toEqual([
      `${ORIGIN}/`,
      `${ORIGIN}/kraj`,
      `${ORIGIN}/swiat`,
      `${ORIGIN}/o-nas`,
      `${ORIGIN}/kontakt`,
      `${ORIGIN}/tag/irak`,
      `${ORIGIN}/tag/sejm`,
      `${ORIGIN}/autor/laura-kowalczyk`,
    ])
    const byLoc = new Map(urls.map((u) => [u.loc as string, u.lastmod as string | undefined]))
    expect(byLoc.get(`${ORIGIN}/`)).toBe(await updatedAt(ids.a!))
    expect(byLoc.get(`${ORIGIN}/swiat`)).toBe(await updatedAt(ids.a!))
    expect(byLoc.get(`${ORIGIN}/kraj`)).toBe(await updatedAt(ids.b!))
    expect(byLoc.get(`${ORIGIN}/tag/sejm`)).toBe(await updatedAt(ids.b!))
    expect(byLoc.get(`${ORIGIN}/kontakt`)).toBeUndefined() // a form: no content date to give
    for (const [loc, lastmod] of byLoc) if (!loc.endsWith('/kontakt')) expect(lastmod).toMatch(RFC3339_OFFSET)
  })

  it('moves lastmod when a story is corrected', async () => {
    await t.deps.content.addCorrection(ids.e!, 'update', 'Dodaliśmy nowe informacje.')
    const corrected = await updatedAt(ids.e!)
    const urls: Node[] = (await xml(t.app, '/sitemaps/articles-1.xml')).urlset.url
    expect(urls.find((u) => u.loc.endsWith('/artykul/stary-tekst-bez-dzialu')).lastmod).toBe(corrected)
    const index: Node[] = (await xml(t.app, '/sitemap.xml')).sitemapindex.sitemap
    expect(index[1].lastmod).toBe(corrected)
  })

  it('serves the Google News sitemap: stories of the last 48 hours by the app clock', async () => {
    t.setNow(new Date(realNow))
    const doc = await xml(t.app, '/sitemap-news.xml')
    expect(doc.urlset['@xmlns']).toBe('http://www.sitemaps.org/schemas/sitemap/0.9')
    expect(doc.urlset['@xmlns:news']).toBe('http://www.google.com/schemas/sitemap-news/0.9')
    const urls: Node[] = doc.urlset.url
    expect(urls.map((u) => text(u['news:news']['news:title']))).toEqual([NEWS_TITLE, 'Sejm przyjął ustawę', 'Sprzed czterdziestu siedmiu godzin'])
    const first = urls[0]
    expect(first.loc).toMatch(/^https:\/\/depesza\.test\/swiat\/premier-/)
    const news = first['news:news']
    expect(news['news:publication']['news:name']).toBe('Depesza Testowa')
    expect(news['news:publication']['news:language']).toBe('pl')
    expect(news['news:publication_date']).toBe(await publishedAt(ids.a!))
    expect(news['news:publication_date']).toMatch(RFC3339_OFFSET)
    const raw = await (await t.app.request('/sitemap-news.xml')).text()
    expect(raw).toContain('<news:title>Premier &amp; „&lt;b&gt;Irak&lt;/b&gt;” &lt;/news:title&gt;</news:title>')

    // Two hours later: the 47-hour story has left the window, the embargo has lifted.
    t.setNow(new Date(realNow + 2 * HOUR))
    let titles = ((await xml(t.app, '/sitemap-news.xml')).urlset.url as Node[]).map((u) => text(u['news:news']['news:title']))
    expect(titles).toEqual(['Ukryty embargo', NEWS_TITLE, 'Sejm przyjął ustawę'])

    // A day later: the future story is out, the morning's are still within 48 hours.
    t.setNow(new Date(realNow + 25 * HOUR))
    titles = ((await xml(t.app, '/sitemap-news.xml')).urlset.url as Node[]).map((u) => text(u['news:news']['news:title']))
    expect(titles).toEqual(['Ukryty przyszły', 'Ukryty embargo', NEWS_TITLE, 'Sejm przyjął ustawę'])

    // More than 48 hours after the last story: an empty, valid urlset.
    t.setNow(new Date(realNow + 73 * HOUR))
    expect((await xml(t.app, '/sitemap-news.xml')).urlset.url).toBeUndefined()
    t.setNow(new Date(realNow))
  })
})
