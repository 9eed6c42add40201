import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { getRequestListener } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { basicSite, publishArticle } from '../../test/fixtures.js'
import { createSecondInstance, createTestApp, DIALECTS, type TestApp } from '../../test/support.js'
import type { Application } from '../server/boot.js'
import { cacheUrl, serveFromCache } from './http-cache.js'

describe('cacheUrl', () => {
  it('keeps only the parameters that change a page', () => {
    expect(cacheUrl('/kraj', '')).toBe('/kraj')
    expect(cacheUrl('/kraj', '?utm_source=fb&fbclid=x')).toBe('/kraj')
    expect(cacheUrl('/kraj', '?utm_source=fb&strona=2')).toBe('/kraj?strona=2')
  })
})

describe.each(DIALECTS)('%s: page cache over HTTP', (dialect) => {
  let t: TestApp
  let kraj1: number

  beforeAll(async () => {
    t = await createTestApp(dialect)
    await basicSite(t.testDb.db)
    kraj1 = await publishArticle(t.deps.content, { headline: 'Krajowa pierwsza', sectionSlug: 'kraj', tags: ['Sejm'], authorSlugs: ['laura-kowalczyk'] })
    await publishArticle(t.deps.content, { headline: 'Światowa pierwsza', sectionSlug: 'swiat', tags: ['ONZ'] })
  })
  afterAll(() => t.close())

  const get = (path: string, headers: Record<string, string> = {}) => t.app.request(path, { headers })

  it('serves the second request from the cache with ETag, Last-Modified and surrogate keys', async () => {
    const first = await get('/kraj', { 'accept-encoding': 'br, gzip' })
    expect(first.status).toBe(200)
    expect(first.headers.get('content-encoding')).toBe('br')
    expect(first.headers.get('cache-control')).toContain('s-maxage=')
    expect(first.headers.get('cache-control')).toContain('stale-while-revalidate=')
    expect(first.headers.get('cache-control')).toContain('stale-if-error=')
    expect(first.headers.get('surrogate-key')!.split(' ')).toEqual(expect.arrayContaining(['site', 'list:section:1', `article:${kraj1}`]))
    expect(first.headers.get('content-security-policy')).toContain("script-src 'none'")
    const hits = t.deps.pageCache!.stats.hits
    const second = await get('/kraj?utm_source=newsletter')
    expect(t.deps.pageCache!.stats.hits).toBe(hits + 1)
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'))
    expect(await second.text()).toContain('Krajowa pierwsza')
    expect((await get('/kraj', { 'if-none-match': first.headers.get('etag')! })).status).toBe(304)
    expect((await get('/kraj', { 'if-modified-since': first.headers.get('last-modified')! })).status).toBe(304)
  })

  it('drops exactly the pages a publication touches', async () => {
    const cache = t.deps.pageCache!
    cache.clear()
    const pages = ['/', '/kraj', '/swiat', '/tag/sejm', '/tag/onz', '/autor/laura-kowalczyk', '/kraj/krajowa-pierwsza', '/swiat/swiatowa-pierwsza', '/rss.xml', '/kraj/rss.xml', '/swiat/rss.xml', '/sitemap.xml']
    for (const p of pages) expect((await get(p)).status, p).toBe(200)
    expect(cache.urls().sort()).toEqual([...pages].sort())

    await publishArticle(t.deps.content, { headline: 'Krajowa druga', sectionSlug: 'kraj', tags: ['Sejm'] }, 0)

    const kept = cache.urls().sort()
    // The home page, the section, the tag, the site and section feeds and the sitemap go;
    // the other section, its tag, the author (not on the story), and the existing stories
    // stay (related boxes are refreshed when their own story changes).
    expect(kept).toEqual(['/autor/laura-kowalczyk', '/kraj/krajowa-pierwsza', '/swiat', '/swiat/rss.xml', '/swiat/swiatowa-pierwsza', '/tag/onz'])
    expect(await (await get('/kraj')).text()).toContain('Krajowa druga')
    expect(await (await get('/rss.xml')).text()).toContain('Krajowa druga')
  })

  it('drops every page that shows a story when the story changes', async () => {
    await get('/')
    await get('/kraj/krajowa-pierwsza')
    await get('/swiat/swiatowa-pierwsza')
    await t.deps.content.addCorrection(kraj1, 'update', 'Dodano komentarz rzecznika.')
    const cache = t.deps.pageCache!
    expect(cache.has('/kraj/krajowa-pierwsza')).toBe(false)
    expect(cache.has('/')).toBe(false)
    expect(cache.has('/swiat/swiatowa-pierwsza')).toBe(true)
    expect(await (await get('/kraj/krajowa-pierwsza')).text()).toContain('Dodano komentarz rzecznika.')
  })

  it('refreshes both sections when a story moves between them', async () => {
    await get('/kraj')
    await get('/swiat')
    await get('/tag/onz')
    await t.deps.content.update(kraj1, { headline: 'Krajowa pierwsza', sectionSlug: 'swiat', body: { type: 'doc', content: [] }, status: 'published' })
    const cache = t.deps.pageCache!
    expect([cache.has('/kraj'), cache.has('/swiat'), cache.has('/tag/onz')]).toEqual([false, false, true])
    expect(await (await get('/swiat')).text()).toContain('Krajowa pierwsza')
    expect(await (await get('/kraj')).text()).not.toContain('Krajowa pierwsza')
  })

  it('lets signed-in staff bypass the cache without poisoning it', async () => {
    t.deps.pageCache!.clear()
    const res = await get('/swiat', { cookie: 'depesza_session=abc' })
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('private, no-store')
    expect(t.deps.pageCache!.has('/swiat')).toBe(false)
  })

  it('does not keep error pages or unknown addresses', async () => {
    expect((await get('/kraj/nie-ma')).status).toBe(404)
    expect(t.deps.pageCache!.has('/kraj/nie-ma')).toBe(false)
  })

  it('shows a scheduled story when the scheduler runs at its time', async () => {
    const soon = new Date(Date.now() + 60_000)
    await t.deps.content.create({ headline: 'Zaplanowana', sectionSlug: 'swiat', status: 'published', publishedAt: soon.toISOString(), body: { type: 'doc', content: [] } })
    expect(await (await get('/swiat')).text()).not.toContain('Zaplanowana')
    t.setNow(new Date(soon.getTime() + 1000))
    try {
      expect(await t.jobs.tick()).toBe(1)
      expect(await (await get('/swiat')).text()).toContain('Zaplanowana')
    } finally {
      t.setNow(new Date())
    }
  })
})

describe('the fast path on a real server', () => {
  let t: TestApp
  let server: http.Server
  let base: string

  beforeAll(async () => {
    t = await createTestApp('sqlite')
    await basicSite(t.testDb.db)
    await publishArticle(t.deps.content, { headline: 'Na skróty', sectionSlug: 'kraj' })
    const listener = getRequestListener(t.app.fetch)
    server = http.createServer((req, res) => {
      if (!serveFromCache(t.deps.pageCache!, req, res)) void listener(req, res)
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    server.close()
    await t.close()
  })

  it('reads the request headers whatever their case', async () => {
    const url = `${base}/kraj/na-skroty`
    await fetch(url)
    const raw = (headers: Record<string, string>) =>
      new Promise<http.IncomingMessage>((resolve, reject) => {
        // node:http sends the names as written here (fetch would send them in lower case).
        const req = http.get(url, { headers }, (res) => {
          res.resume()
          resolve(res)
        })
        req.on('error', reject)
      })
    const gzip = await raw({ 'Accept-Encoding': 'gzip' })
    expect(gzip.headers['content-encoding']).toBe('gzip')
    // A hit does not repeat the id of the request that built the page.
    expect(gzip.headers['x-request-id']).toBeUndefined()
    expect((await raw({ 'IF-NONE-MATCH': String(gzip.headers.etag) })).statusCode).toBe(304)
    const staff = await raw({ COOKIE: 'a=1; depesza_session=x' })
    expect(staff.headers['cache-control']).toBe('private, no-store')
  })

  it('answers a hit without the database', async () => {
    const miss = await fetch(`${base}/kraj/na-skroty`)
    expect(miss.status).toBe(200)
    const html = await miss.text()
    // Break the database: a hit must not notice.
    const { db } = t.testDb
    const destroy = db.destroy()
    await destroy
    const hit = await fetch(`${base}/kraj/na-skroty?utm_campaign=x`, { headers: { 'accept-encoding': 'gzip' } })
    expect(hit.status).toBe(200)
    expect(hit.headers.get('content-encoding')).toBe('gzip')
    expect(hit.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await hit.text()).toBe(html)
    const notModified = await fetch(`${base}/kraj/na-skroty`, { headers: { 'if-none-match': hit.headers.get('etag')! } })
    expect(notModified.status).toBe(304)
  })
})

describe.each(DIALECTS)('%s: several instances on one database', (dialect) => {
  let first: TestApp
  let second: Application

  beforeAll(async () => {
    first = await createTestApp(dialect)
    await basicSite(first.testDb.db)
    await publishArticle(first.deps.content, { headline: 'Pierwsza wersja', sectionSlug: 'kraj' })
    second = await createSecondInstance(first)
  })
  afterAll(async () => {
    await second.close()
    await first.close()
  })

  // PostgreSQL: LISTEN/NOTIFY; SQLite: the invalidations table, polled every second.
  it('carries an invalidation to the other instance within about a second', async () => {
    expect(await (await second.app.request('/kraj')).text()).not.toContain('Druga historia')
    expect(second.deps.pageCache!.has('/kraj')).toBe(true)
    const started = Date.now()
    await publishArticle(first.deps.content, { headline: 'Druga historia', sectionSlug: 'kraj' }, 0)
    const limit = dialect === 'postgres' ? 1000 : 1500
    while (second.deps.pageCache!.has('/kraj') && Date.now() - started < limit) await new Promise((r) => setTimeout(r, 10))
    expect(second.deps.pageCache!.has('/kraj')).toBe(false)
    expect(await (await second.app.request('/kraj')).text()).toContain('Druga historia')
  })

  // SQLite has one writer, so claims cannot race there.
  it.skipIf(dialect === 'sqlite')('runs each due job on exactly one instance', async () => {
    const { enqueueJob } = await import('../platform/jobs/jobs.js')
    const ran: number[] = []
    for (const app of [first, second]) app.jobs.on('test-job', async (job) => void ran.push(JSON.parse(job.payload).n))
    for (let n = 0; n < 40; n++) await enqueueJob(first.testDb, { kind: 'test-job', dedupeKey: String(n), runAt: new Date(Date.now() - 1000), payload: { n } })
    await enqueueJob(first.testDb, { kind: 'test-job', dedupeKey: '0', runAt: new Date(), payload: { n: 0 } }) // a duplicate
    for (let round = 0; round < 3; round++) await Promise.all([first.jobs.tick(), second.jobs.tick(), first.jobs.tick(), second.jobs.tick()])
    expect(ran.sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i))
  })
})
