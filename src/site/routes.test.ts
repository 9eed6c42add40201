import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addMediaRow, basicSite, paragraphs, publishArticle } from '../../test/fixtures.js'
import { createTestApp, DIALECTS, type TestApp } from '../../test/support.js'

function jsonLdOf(html: string): Record<string, unknown> {
  const m = html.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/)
  expect(m).not.toBeNull()
  return JSON.parse(m![1]!) as Record<string, unknown>
}

describe.each(DIALECTS)('%s: public site', (dialect) => {
  let t: TestApp
  let storyId: number

  beforeAll(async () => {
    t = await createTestApp(dialect)
    const { db } = t.testDb
    await basicSite(db)
    const photo = await addMediaRow(db, '2026/11/lead.jpg', {
      alt: 'Premier Iraku na konferencji',
      caption: 'Premier Iraku Muhammad Szia as-Sudani podczas konferencji <b>prasowej</b>',
      credit: 'Reuters',
    })
    await t.deps.content.create({
      kind: 'page',
      slug: 'o-nas',
      headline: 'O nas',
      body: paragraphs('Jesteśmy niezależną redakcją.'),
      status: 'published',
    })
    storyId = await publishArticle(
      t.deps.content,
      {
        headline: 'Iracki premier: wojska USA opuszczą Irak',
        lede: 'Rząd w Bagdadzie i Waszyngton uzgodniły harmonogram.',
        sectionSlug: 'swiat',
        authorSlugs: ['laura-kowalczyk'],
        tags: ['Irak', 'USA'],
        leadMediaId: photo,
        source: { name: 'Reuters', kind: 'agency', language: 'en', url: 'https://www.reuters.com/world/' },
        body: {
          type: 'doc',
          content: [
            { type: 'paragraph', content: [{ type: 'text', text: 'Premier powiedział w sobotę, że "decyzja zapadła".' }] },
            { type: 'quote', attrs: { attribution: 'rzecznik rządu' }, content: [{ type: 'text', text: 'To koniec misji.' }] },
            { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Co dalej' }] },
          ],
        },
      },
      30,
    )
    await t.deps.content.addCorrection(storyId, 'correction', 'Poprawiliśmy pisownię nazwiska al-Muhandis.')
    for (let i = 0; i < 25; i++) await publishArticle(t.deps.content, { headline: `Wiadomość krajowa numer ${i + 1}`, sectionSlug: 'kraj', tags: ['Sejm'] }, 60 + i)
  })
  afterAll(() => t.close())

  it('serves the home page with the lead story, latest stories and section blocks', async () => {
    const res = await t.app.request('/')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/text\/html/)
    const html = await res.text()
    expect(html.startsWith('<!DOCTYPE html><html lang="pl">')).toBe(true)
    expect(html).toContain('<html lang="pl">')
    expect(html).toContain('Iracki premier')
    expect(html).toContain('Najnowsze')
    expect(html).toMatch(/id="dzial-kraj"/)
    expect(html).toMatch(/<nav class="site-nav"[\s\S]*href="\/o-nas"[\s\S]*Kontakt/)
    expect(html).toContain('class="skip" href="#tresc"')
    expect(html).not.toMatch(/<script(?! type="application\/ld\+json")/)
    // No story twice: section blocks skip what the lead and the latest list show.
    const headlines = [...html.matchAll(/<h[23]><a href="([^"]+)"/g)].map((m) => m[1])
    expect(headlines.length).toBeGreaterThan(5)
    expect(new Set(headlines).size).toBe(headlines.length)
  })

  it('renders an article with byline, Polish dates, caption, credit, tags, correction and source', async () => {
    const res = await t.app.request('/swiat/iracki-premier-wojska-usa-opuszcza-irak')
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('<h1>Iracki premier: wojska USA opuszczą Irak</h1>')
    expect(html).toContain('class="lede"')
    expect(html).toMatch(/Autor: <a href="\/autor\/laura-kowalczyk" rel="author">Laura Kowalczyk<\/a>/)
    expect(html).toMatch(/<time datetime="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d">\d{1,2} [a-ząćęłńóśźż]+ \d{4}, \d\d:\d\d<\/time>/)
    // Caption text is escaped, credit shown.
    expect(html).toContain('podczas konferencji &lt;b&gt;prasowej&lt;/b&gt;')
    expect(html).toMatch(/<span class="credit">Fot\. Reuters<\/span>/)
    expect(html).toContain('alt="Premier Iraku na konferencji"')
    // Polish quotes from typography, quote attribution.
    expect(html).toContain('„decyzja zapadła”')
    expect(html).toContain('<footer>— rzecznik rządu</footer>')
    expect(html).toMatch(/Sprostowanie \(\d{1,2} [a-ząćęłńóśźż]+ \d{4}, \d\d:\d\d\)/)
    expect(html).toContain('Źródło: <a href="https://www.reuters.com/world/" rel="noopener nofollow">Reuters</a> (agencja). Tłumaczenie z języka angielskiego.')
    expect(html).toContain('href="/tag/irak" rel="tag"')
    expect(html).toContain('Aktualizacja:')
    expect(html).toContain('<link rel="canonical" href="https://depesza.test/swiat/iracki-premier-wojska-usa-opuszcza-irak"/>')
    expect(html).toContain('<meta property="og:image" content="https://depesza.test/media/2026/11/lead.jpg"/>')
    expect(html).toContain('<meta name="twitter:card" content="summary_large_image"/>')
  })

  it('describes the article in JSON-LD as a NewsArticle', async () => {
    const html = await (await t.app.request('/swiat/iracki-premier-wojska-usa-opuszcza-irak')).text()
    const ld = jsonLdOf(html)
    expect(ld['@type']).toBe('NewsArticle')
    expect(ld.headline).toBe('Iracki premier: wojska USA opuszczą Irak')
    expect(ld.datePublished).toMatch(/[+-]\d\d:\d\d$/)
    expect((ld.author as Array<{ name: string }>)[0]!.name).toBe('Laura Kowalczyk')
    expect((ld.image as Array<{ url: string }>)[0]!.url).toBe('https://depesza.test/media/2026/11/lead.jpg')
    expect((ld.publisher as { name: string }).name).toBe('Depesza Test sp. z o.o.')
  })

  it('shows related stories from the same tags or section', async () => {
    const html = await (await t.app.request('/kraj/wiadomosc-krajowa-numer-1')).text()
    expect(html).toContain('Czytaj także')
    expect(html).toContain('Wiadomość krajowa numer 2')
  })

  it('escapes hostile text in headlines', async () => {
    await publishArticle(t.deps.content, { headline: '</title><script>alert(1)</script>', sectionSlug: 'kraj', slug: 'wrogi-tytul' })
    const html = await (await t.app.request('/kraj/wrogi-tytul')).text()
    expect(html).not.toContain('<script>alert(1)</script>')
    expect(html).toContain('&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;')
    const ld = jsonLdOf(html)
    expect(ld.headline).toBe('</title><script>alert(1)</script>')
  })

  it('paginates section, tag and author pages', async () => {
    const first = await t.app.request('/kraj')
    expect(first.status).toBe(200)
    const html = await first.text()
    // Lists are not counted: a page knows only whether an older one follows.
    expect(html).toContain('Strona 1<')
    expect(html).toContain('href="/kraj?strona=2" rel="next"')
    expect(html).not.toContain('rel="prev"')
    const second = await (await t.app.request('/kraj?strona=2')).text()
    expect(second).toContain('Strona 2<')
    expect(second).toContain('href="/kraj" rel="prev"')
    expect(second).not.toContain('rel="next"')
    expect(second).toContain('<link rel="canonical" href="https://depesza.test/kraj?strona=2"/>')
    expect((await t.app.request('/kraj?strona=3')).status).toBe(404)
    expect((await t.app.request('/kraj?strona=abc')).status).toBe(404)
    // 25 stories tagged Sejm, numbered newest first: 20 on the first page, the 5 oldest on the second.
    const numbers = (page: string) => [...page.matchAll(/Wiadomość krajowa numer (\d+)</g)].map((m) => Number(m[1]))
    const tagFirst = await (await t.app.request('/tag/sejm')).text()
    expect(numbers(tagFirst)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1))
    expect(tagFirst).toContain('href="/tag/sejm?strona=2" rel="next"')
    const tagSecond = await (await t.app.request('/tag/sejm?strona=2')).text()
    expect(numbers(tagSecond)).toEqual([21, 22, 23, 24, 25])
    expect(tagSecond).not.toContain('rel="next"')
    const author = await (await t.app.request('/autor/laura-kowalczyk')).text()
    expect(author).toContain('Dziennikarka działu zagranicznego.')
    expect(author).toContain('Iracki premier')
    // A single page has no pagination at all.
    expect(author).not.toContain('class="pagination"')
    expect((await t.app.request('/tag/nie-ma-takiego')).status).toBe(404)
  })

  it('serves static pages with the same block body', async () => {
    const res = await t.app.request('/o-nas')
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('Jesteśmy niezależną redakcją.')
  })

  it('answers 404 in Polish for unknown addresses', async () => {
    for (const path of ['/nie-ma-takiej-strony', '/swiat/nie-ma-takiego-artykulu', '/a/b/c/d']) {
      const res = await t.app.request(path)
      expect(res.status).toBe(404)
      expect(await res.text()).toContain('Nie znaleziono strony')
    }
  })

  it('answers 410 for an unpublished story and 301 for a changed slug or section', async () => {
    const id = await publishArticle(t.deps.content, { headline: 'Do wycofania', sectionSlug: 'kraj' })
    await t.deps.content.unpublish(id)
    const gone = await t.app.request('/kraj/do-wycofania')
    expect(gone.status).toBe(410)
    expect(await gone.text()).toContain('wycofany')

    const moved = await publishArticle(t.deps.content, { headline: 'Stary tytuł', sectionSlug: 'kraj' })
    await t.deps.content.changeSlug(moved, 'nowy-tytul')
    const res = await t.app.request('/kraj/stary-tytul')
    expect(res.status).toBe(301)
    expect(res.headers.get('location')).toBe('/kraj/nowy-tytul')
    const wrongSection = await t.app.request('/swiat/nowy-tytul')
    expect(wrongSection.status).toBe(301)
    expect(wrongSection.headers.get('location')).toBe('/kraj/nowy-tytul')
  })

  it('hides drafts, scheduled and embargoed stories until their time', async () => {
    const future = new Date(Date.now() + 3600_000).toISOString()
    await t.deps.content.create({ headline: 'Szkic', sectionSlug: 'kraj', body: paragraphs('x') })
    await t.deps.content.create({ headline: 'Zaplanowany', sectionSlug: 'kraj', body: paragraphs('x'), status: 'published', publishedAt: future })
    await t.deps.content.create({
      headline: 'Pod embargiem',
      sectionSlug: 'kraj',
      body: paragraphs('x'),
      status: 'published',
      publishedAt: new Date(Date.now() - 60_000).toISOString(),
      embargoUntil: future,
    })
    for (const slug of ['szkic', 'zaplanowany', 'pod-embargiem']) expect((await t.app.request(`/kraj/${slug}`)).status).toBe(404)
    const home = await (await t.app.request('/')).text()
    expect(home).not.toContain('Pod embargiem')
    t.setNow(new Date(Date.now() + 2 * 3600_000))
    try {
      expect((await t.app.request('/kraj/pod-embargiem')).status).toBe(200)
      expect((await t.app.request('/kraj/zaplanowany')).status).toBe(200)
    } finally {
      t.setNow(new Date())
    }
  })

  it('reports health', async () => {
    const res = await t.app.request('/healthz')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ status: 'ok' })
  })
})

describe('HTTP plumbing', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp('sqlite', { MAX_BODY_BYTES: '2048' })
  })
  afterAll(() => t.close())

  it('serves the hashed stylesheet precompressed and immutable', async () => {
    const home = await (await t.app.request('/')).text()
    const href = home.match(/<link rel="stylesheet" href="([^"]+)"/)![1]!
    expect(href).toMatch(/^\/static\/site\.[0-9a-f]{10}\.css$/)
    const res = await t.app.request(href, { headers: { 'accept-encoding': 'gzip, br' } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-encoding')).toBe('br')
    expect(res.headers.get('cache-control')).toContain('immutable')
    const etag = res.headers.get('etag')!
    expect((await t.app.request(href, { headers: { 'if-none-match': etag } })).status).toBe(304)
    expect((await t.app.request('/static/site.0000000000.css')).status).toBe(404)
  })

  it('sends security headers with a strict CSP', async () => {
    const res = await t.app.request('/')
    expect(res.headers.get('content-security-policy')).toContain("script-src 'none'")
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN')
  })

  it('refuses oversized bodies with 413', async () => {
    const res = await t.app.request('/kontakt', {
      method: 'POST',
      body: 'x'.repeat(4096),
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '4096', origin: 'https://depesza.test' },
    })
    expect(res.status).toBe(413)
    expect(await res.text()).toContain('Za duże zapytanie')
  })

  it('refuses path tricks on media', async () => {
    expect((await t.app.request('/media/..%2F..%2Fetc%2Fpasswd.jpg')).status).toBe(404)
    expect((await t.app.request('/media/2026/.hidden.jpg')).status).toBe(404)
    expect((await t.app.request('/media/nie-ma.jpg')).status).toBe(404)
  })
})
