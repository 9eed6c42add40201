/**
 * Renaming a section, tag or author in the newsroom drops exactly the cached pages that show
 * it (its own list and feed, the stories that carry its name, the home page's section block),
 * and keeps the rest.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUser, loginAs } from '../../test/accounts.js'
import { basicSite, publishArticle } from '../../test/fixtures.js'
import type { HttpSession } from '../../test/http-session.js'
import { createSecondInstance, createTestApp, DIALECTS, type TestApp } from '../../test/support.js'
import type { Application } from '../server/boot.js'

describe.each(DIALECTS)('%s: page cache after section, tag and author changes', (dialect) => {
  let t: TestApp
  let editor: HttpSession
  let kraj: number

  const PAGES = ['/', '/kraj', '/swiat', '/tag/sejm', '/tag/onz', '/autor/laura-kowalczyk', '/kraj/krajowa-pierwsza', '/swiat/swiatowa-pierwsza', '/rss.xml', '/kraj/rss.xml', '/swiat/rss.xml', '/sitemap.xml']

  beforeAll(async () => {
    t = await createTestApp(dialect)
    await basicSite(t.testDb.db)
    await publishArticle(t.deps.content, { headline: 'Krajowa pierwsza', sectionSlug: 'kraj', tags: ['Sejm'], authorSlugs: ['laura-kowalczyk'] })
    await publishArticle(t.deps.content, { headline: 'Światowa pierwsza', sectionSlug: 'swiat', tags: ['ONZ'] })
    kraj = (await t.testDb.db.selectFrom('sections').select('id').where('slug', '=', 'kraj').executeTakeFirstOrThrow()).id
    editor = await loginAs(t, await createUser(t.testDb.db, 'editor'))
  })
  afterAll(() => t.close())

  const get = (path: string) => t.app.request(path)

  async function warm(): Promise<void> {
    t.deps.pageCache!.clear()
    for (const p of PAGES) expect((await get(p)).status, p).toBe(200)
    expect(t.deps.pageCache!.urls().sort()).toEqual([...PAGES].sort())
  }

  it('a renamed section drops its pages, its stories and the home page, and nothing else', async () => {
    await warm()
    const res = await editor.submit(`/admin/dzialy/${kraj}`, { name: 'Kraj i regiony', slug: 'kraj', description: '', position: '1' })
    expect(res.status).toBe(303)
    // The stories of other sections, their lists, tags and the sitemap (addresses unchanged) stay.
    expect(t.deps.pageCache!.urls().sort()).toEqual(['/sitemap.xml', '/swiat', '/swiat/rss.xml', '/swiat/swiatowa-pierwsza', '/tag/onz'])
    expect(await (await get('/kraj')).text()).toContain('Kraj i regiony')
    expect(await (await get('/kraj/krajowa-pierwsza')).text()).toContain('Kraj i regiony')
    expect(await (await get('/')).text()).toContain('Kraj i regiony')
  })

  it('a section moved to a new address: the menu follows it (every page goes), the old address answers 301', async () => {
    await warm()
    expect((await editor.submit(`/admin/dzialy/${kraj}`, { name: 'Kraj i regiony', slug: 'kraj-i-regiony', description: '', position: '1' })).status).toBe(303)
    // The main menu linked /kraj: it now links the new address, and the menu is on every page.
    expect(t.deps.pageCache!.urls()).toEqual([])
    expect(await (await get('/swiat')).text()).toContain('href="/kraj-i-regiony"')
    const old = await get('/kraj')
    expect(old.status).toBe(301)
    expect(old.headers.get('location')).toBe('/kraj-i-regiony')
    // Back to the first address: the redirect turns around.
    expect((await editor.submit(`/admin/dzialy/${kraj}`, { name: 'Kraj i regiony', slug: 'kraj', description: '', position: '1' })).status).toBe(303)
    expect((await get('/kraj')).status).toBe(200)
    expect((await get('/kraj-i-regiony')).headers.get('location')).toBe('/kraj')
  })

  it('a section not in any menu moved to a new address drops its pages, its stories and the sitemap only', async () => {
    const swiat = (await t.testDb.db.selectFrom('sections').select('id').where('slug', '=', 'swiat').executeTakeFirstOrThrow()).id
    expect((await editor.submit('/admin/menu/glowne', { 'label.0': 'Kraj', 'target.0': '/kraj' })).status).toBe(303)
    await warm()
    expect((await editor.submit(`/admin/dzialy/${swiat}`, { name: 'Świat', slug: 'zagranica', description: '', position: '2' })).status).toBe(303)
    expect(t.deps.pageCache!.urls().sort()).toEqual(['/autor/laura-kowalczyk', '/kraj', '/kraj/krajowa-pierwsza', '/kraj/rss.xml', '/tag/sejm'])
    expect((await get('/swiat/swiatowa-pierwsza')).headers.get('location')).toBe('/zagranica/swiatowa-pierwsza')
    const feed = await get('/swiat/rss.xml')
    expect(feed.status).toBe(301)
    expect(feed.headers.get('location')).toBe('/zagranica/rss.xml')
    expect((await editor.submit(`/admin/dzialy/${swiat}`, { name: 'Świat', slug: 'swiat', description: '', position: '2' })).status).toBe(303)
  })

  it('a renamed tag drops its page and the stories that show it', async () => {
    await warm()
    const sejm = (await t.testDb.db.selectFrom('tags').select('id').where('slug', '=', 'sejm').executeTakeFirstOrThrow()).id
    await editor.submit(`/admin/dzialy/tagi/${sejm}`, { name: 'Sejm RP', slug: 'sejm' })
    // Cards of the story on lists carry its key: its section, author and the home page go too.
    expect(t.deps.pageCache!.urls().sort()).toEqual(['/sitemap.xml', '/swiat', '/swiat/rss.xml', '/swiat/swiatowa-pierwsza', '/tag/onz'])
    expect(await (await get('/kraj/krajowa-pierwsza')).text()).toContain('Sejm RP')
  })

  it('an author’s new bio drops only the author page', async () => {
    await warm()
    const laura = (await t.testDb.db.selectFrom('authors').select('id').where('slug', '=', 'laura-kowalczyk').executeTakeFirstOrThrow()).id
    await editor.submit(`/admin/autorzy/${laura}`, { name: 'Laura Kowalczyk', slug: 'laura-kowalczyk', bio: 'Reporterka działu krajowego.', photo: '' })
    expect(t.deps.pageCache!.urls().sort()).toEqual(PAGES.filter((p) => p !== '/autor/laura-kowalczyk').sort())
    expect(await (await get('/autor/laura-kowalczyk')).text()).toContain('Reporterka działu krajowego.')
  })

  it('a menu or settings change drops every page', async () => {
    await warm()
    await editor.submit('/admin/menu/stopka', { 'label.0': 'Kontakt', 'target.0': '/kontakt' })
    expect(t.deps.pageCache!.urls()).toEqual([])
  })
})

describe.each(DIALECTS)('%s: a section renamed on one instance', (dialect) => {
  let first: TestApp
  let second: Application

  beforeAll(async () => {
    first = await createTestApp(dialect)
    await basicSite(first.testDb.db)
    await publishArticle(first.deps.content, { headline: 'Krajowa pierwsza', sectionSlug: 'kraj' })
    second = await createSecondInstance(first)
  })
  afterAll(async () => {
    await second.close()
    await first.close()
  })

  // PostgreSQL: LISTEN/NOTIFY; SQLite: the invalidations table, polled every second.
  it('is renamed on the other instance too: its cached pages and its in-memory section list', async () => {
    expect(await (await second.app.request('/')).text()).toContain('>Kraj<')
    expect(second.deps.pageCache!.has('/')).toBe(true)
    const kraj = (await first.testDb.db.selectFrom('sections').select('id').where('slug', '=', 'kraj').executeTakeFirstOrThrow()).id
    const editor = await loginAs(first, await createUser(first.testDb.db, 'editor'))
    expect((await editor.submit(`/admin/dzialy/${kraj}`, { name: 'Kraj i regiony', slug: 'kraj', description: '', position: '1' })).status).toBe(303)
    await expect.poll(() => second.deps.pageCache!.has('/'), { timeout: 10_000, interval: 20 }).toBe(false)
    // The home page's section block takes the name from the section list each instance keeps in memory.
    expect(await (await second.app.request('/')).text()).toContain('Kraj i regiony')
    // So does the article page's section link (loadArticleView reads that list, not the table).
    expect(await (await second.app.request('/kraj/krajowa-pierwsza')).text()).toMatch(/class="kicker" href="\/kraj">Kraj i regiony</)
  })
})
