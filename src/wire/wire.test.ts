import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createStaff, loginAs, type TestUser } from '../../test/accounts.js'
import { createTestApp, DIALECTS, type TestApp } from '../../test/support.js'
import type { Role } from '../accounts/roles.js'
import { documentText } from '../content/document.js'
import { wireService } from './attach.js'
import { HOSTILE_PAGE, ninjs1Item, ninjsItem, rssFeed, rssItem, STORY_DE, STORY_EN_1, STORY_EN_2 } from './fixtures.js'
import type { WireService } from './wire.service.js'

const START = new Date('2026-12-07T12:00:00Z')
const MIN = 60_000

interface FeedServerState {
  requests: Array<{ path: string; ifNoneMatch: string | undefined; ifModifiedSince: string | undefined }>
  brokenFixed: boolean
  extraItems: string
}

async function waitFor<T>(fn: () => Promise<T | undefined | null | false>, ms = 8000): Promise<T> {
  const until = Date.now() + ms
  for (;;) {
    const v = await fn()
    if (v) return v
    if (Date.now() > until) throw new Error('timed out waiting')
    await new Promise((r) => setTimeout(r, 100))
  }
}

describe.each(DIALECTS)('wire desk on %s', (dialect) => {
  let t: TestApp
  let staff: Record<Role, TestUser>
  let server: http.Server
  let port = 0
  let base = ''
  let wire: WireService
  const state: FeedServerState = { requests: [], brokenFixed: false, extraItems: '' }

  const now = () => t.deps.now()
  const advance = (ms: number) => t.setNow(new Date(now().getTime() + ms))
  const as = (role: Role) => loginAs(t, staff[role])
  const source = (id: number) => t.deps.dbh.db.selectFrom('wire_sources').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
  const items = () => t.deps.dbh.db.selectFrom('wire_items').selectAll().orderBy('id').execute()
  const sourceByName = (name: string) => t.deps.dbh.db.selectFrom('wire_sources').selectAll().where('name', '=', name).executeTakeFirstOrThrow()

  beforeAll(async () => {
    t = await createTestApp(dialect)
    t.setNow(START)
    staff = await createStaff(t.deps.dbh.db)
    wire = wireService({ dbh: t.deps.dbh, newsroom: t.deps.newsroom, logger: t.deps.logger, now: t.deps.now, dataDir: t.config.dataDir })
    server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x')
      state.requests.push({ path: url.pathname, ifNoneMatch: req.headers['if-none-match'], ifModifiedSince: req.headers['if-modified-since'] })
      switch (url.pathname) {
        case '/feed.xml': {
          const etag = state.extraItems ? '"v2"' : '"v1"'
          if (req.headers['if-none-match'] === etag) {
            res.writeHead(304, { etag })
            res.end()
            return
          }
          res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag, 'last-modified': 'Mon, 07 Dec 2026 10:00:00 GMT' })
          res.end(rssFeed(base, state.extraItems))
          return
        }
        case '/broken.xml':
          if (!state.brokenFixed) {
            res.writeHead(500, { 'content-type': 'text/plain' })
            res.end('internal error')
            return
          }
          res.writeHead(200, { 'content-type': 'application/xml' })
          res.end(`<rss version="2.0"><channel><title>Fixed</title>${rssItem(base, 'fixed-1', 'Repaired feed item', 'The repaired feed now carries a story about the weather in the mountains this weekend.')}</channel></rss>`)
          return
        case '/page.html':
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          res.end(HOSTILE_PAGE)
          return
        case '/huge.html': {
          res.writeHead(200, { 'content-type': 'text/html' })
          const chunk = Buffer.alloc(64 * 1024, 'a')
          const pump = () => {
            while (!res.destroyed && res.write(chunk));
            if (!res.destroyed) res.once('drain', pump)
          }
          pump()
          res.on('close', () => res.destroy())
          return
        }
        case '/to-private':
          res.writeHead(302, { location: 'http://192.168.1.20/internal' })
          res.end()
          return
        case '/to-loopback':
          res.writeHead(302, { location: `http://127.0.0.2:${port}/page.html` })
          res.end()
          return
        case '/page.json':
          res.writeHead(200, { 'content-type': 'application/json' })
          res.end('{}')
          return
        default:
          res.writeHead(404)
          res.end()
      }
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
    port = (server.address() as AddressInfo).port
    base = `http://127.0.0.1:${port}`
    // The administrator allows the test server (and nothing else on this machine).
    const admin = await as('administrator')
    const res = await admin.submit('/admin/serwisy/ustawienia', { allowedHosts: `127.0.0.1:${port}`, retainHours: '168' }, { tokenFrom: '/admin/serwisy/zrodla' })
    expect(res.status).toBe(303)
    expect((await wire.settings()).allowedHosts).toEqual([`127.0.0.1:${port}`])
  })

  afterAll(async () => {
    server.closeAllConnections()
    await new Promise((r) => server.close(r))
    await t.close()
  })

  it('polls an RSS feed through its job, then asks conditionally and gets 304', async () => {
    const editor = await as('editor')
    const res = await editor.submit(
      '/admin/serwisy/zrodla',
      { name: 'Example Wire – świat', kind: 'rss', attributionName: 'Example Wire', attributionKind: 'agency', url: `${base}/feed.xml`, pollMinutes: '5', retainHours: '72', enabled: '1' },
      { tokenFrom: '/admin/serwisy/zrodla' },
    )
    expect(res.status).toBe(303)
    const src = await sourceByName('Example Wire – świat')
    expect(src.next_poll_at).toBe(START.toISOString())
    expect(await t.jobs.tick()).toBeGreaterThanOrEqual(1)
    const stored = await items()
    expect(stored.map((i) => i.headline)).toEqual(['Flood defences hold after three days of rain', 'Tram network to reach northern suburbs'])
    expect(stored[0]).toMatchObject({ source_id: src.id, source_name: 'Example Wire', source_kind: 'agency', format: 'rss', language: 'en', declared_language: 'en', url: `${base}/news/flood-defences` })
    expect(documentText(JSON.parse(stored[0]!.body))).toContain(STORY_EN_1)
    const after = await source(src.id)
    expect(after).toMatchObject({ failures: 0, etag: '"v1"', last_modified: 'Mon, 07 Dec 2026 10:00:00 GMT', last_result: '2 nowe' })
    expect(after.next_poll_at).toBe(new Date(START.getTime() + 5 * MIN).toISOString())

    // Not due yet: nothing happens.
    state.requests.length = 0
    await t.jobs.tick()
    expect(state.requests).toHaveLength(0)

    advance(5 * MIN)
    await t.jobs.tick()
    expect(state.requests).toEqual([{ path: '/feed.xml', ifNoneMatch: '"v1"', ifModifiedSince: 'Mon, 07 Dec 2026 10:00:00 GMT' }])
    expect((await source(src.id)).last_result).toBe('bez zmian (304)')
    expect(await items()).toHaveLength(2)

    // A changed feed: only the new item is added; the old ones are recognised by their guid.
    state.extraItems = rssItem(base, 'ew-2026-0003', 'Third story', `Rescue teams in the valley said on Monday that ${STORY_EN_2.slice(4)}`)
    advance(5 * MIN)
    await t.jobs.tick()
    expect((await items()).map((i) => i.headline)).toEqual(['Flood defences hold after three days of rain', 'Tram network to reach northern suburbs', 'Third story'])

    const page = await editor.get('/admin/serwisy')
    const html = await page.text()
    expect(page.status).toBe(200)
    expect(html).toContain('Flood defences hold after three days of rain')
    expect(html).toContain('angielski')
    expect(html).toContain('Weź do redakcji')
    // The third story is near-identical to the tram story: collapsed under it.
    const third = (await items())[2]!
    expect(third.duplicate_of).toBe(stored[1]!.id)
    expect(html).toContain('Podobne: 1')

    // Filters: headline search (case-insensitive), language, state.
    const found = await (await editor.get('/admin/serwisy?q=FLOOD')).text()
    expect(found).toContain('Flood defences hold after three days of rain')
    expect(found).not.toContain('Tram network to reach northern suburbs')
    expect(await (await editor.get('/admin/serwisy?jezyk=de')).text()).not.toContain('Flood defences')
    expect(await (await editor.get('/admin/serwisy?stan=taken')).text()).toContain('Teksty: 0.')
  })

  it('backs off exponentially after a 500 and recovers', async () => {
    const { source: src } = await wire.createSource({ name: 'Broken', kind: 'rss', attributionName: 'Broken Wire', url: `${base}/broken.xml`, pollMinutes: 5 }, null)
    await t.jobs.tick()
    let s = await source(src.id)
    expect(s.failures).toBe(1)
    expect(s.last_error).toContain('500')
    expect(s.next_poll_at).toBe(new Date(now().getTime() + 10 * MIN).toISOString())

    advance(10 * MIN)
    await t.jobs.tick()
    s = await source(src.id)
    expect(s.failures).toBe(2)
    expect(s.next_poll_at).toBe(new Date(now().getTime() + 20 * MIN).toISOString())

    // The sources page shows the error.
    const page = await (await as('editor')).get('/admin/serwisy/zrodla')
    expect(await page.text()).toContain('Serwer odpowiedział kodem 500')

    state.brokenFixed = true
    advance(20 * MIN)
    await t.jobs.tick()
    s = await source(src.id)
    expect(s).toMatchObject({ failures: 0, last_error: null, last_result: '1 nowy' })
    expect(s.next_poll_at).toBe(new Date(now().getTime() + 5 * MIN).toISOString())
  })

  it('takes NINJS pushes with a per-source token (hashed), collapsing duplicates', async () => {
    const editor = await as('editor')
    const created = await editor.submit(
      '/admin/serwisy/zrodla',
      { name: 'Example Agency NINJS', kind: 'ninjs', attributionName: 'Example Agency', attributionKind: 'agency', pollMinutes: '5', retainHours: '72', enabled: '1' },
      { tokenFrom: '/admin/serwisy/zrodla' },
    )
    expect(created.status).toBe(200)
    const token = /class="link-box secret">([A-Za-z0-9_-]+)</.exec(await created.text())?.[1]
    expect(token).toBeTruthy()
    const src = await sourceByName('Example Agency NINJS')
    expect(src.token_hash).toMatch(/^[0-9a-f]{64}$/)
    expect(src.token_hash).not.toContain(token!)

    const push = (body: unknown, auth: string | null = `Bearer ${token}`, id = src.id) =>
      t.app.request(`/api/wire/ninjs/${id}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) }, body: JSON.stringify(body) })

    const anonymous = await push(ninjsItem('urn:example:tram'), null)
    expect(anonymous.status).toBe(401)
    expect(anonymous.headers.get('www-authenticate')).toContain('Bearer')
    expect((await push(ninjsItem('urn:example:tram'), 'Bearer wrongwrongwrongwrongwrongwrong')).status).toBe(401)
    expect((await push(ninjsItem('urn:example:tram'), `Bearer ${token}`, src.id + 1000)).status).toBe(401)
    expect(await t.deps.dbh.db.selectFrom('wire_items').select('id').where('source_id', '=', src.id).execute()).toHaveLength(0)

    const first = await push(ninjsItem('urn:example:tram'))
    expect(first.status).toBe(201)
    const [r1] = ((await first.json()) as { items: Array<{ id: number; status: string; duplicateOf: number | null }> }).items
    expect(r1).toMatchObject({ status: 'created' })
    const stored = await t.deps.dbh.db.selectFrom('wire_items').selectAll().where('id', '=', r1!.id).executeTakeFirstOrThrow()
    expect(stored).toMatchObject({ headline: 'Council approves tram extension', source_name: 'Example Agency', format: 'ninjs', guid: 'urn:example:tram', language: 'en' })
    expect(stored.body).not.toMatch(/script|onclick|steal/)
    // The tram story came earlier through the RSS feed: this push joins that group.
    const rssTram = (await items()).find((i) => i.headline === 'Tram network to reach northern suburbs')!
    expect(r1!.duplicateOf).toBe(rssTram.id)

    // The same push again: a repeat, nothing stored.
    const again = await push(ninjsItem('urn:example:tram'))
    expect(again.status).toBe(200)
    expect(((await again.json()) as { items: Array<{ status: string; id: number }> }).items[0]).toMatchObject({ status: 'duplicate', id: r1!.id })

    // A new version of an item nobody took replaces it.
    const v2 = await push(ninjsItem('urn:example:tram', { version: '2', headlines: [{ value: 'Council approves tram extension to the north', role: 'main' }] }))
    expect(((await v2.json()) as { items: Array<{ status: string }> }).items[0]!.status).toBe('updated')

    // Another story in a list, and one the agency withdraws.
    const list = await push([ninjs1Item('urn:example:solar', STORY_DE), ninjsItem('urn:example:gone', { headlines: [{ value: 'Withdrawn story' }], bodies: [{ value: 'Text that will be withdrawn by the agency before anyone takes it in the newsroom.', contenttype: 'text/plain' }] })])
    expect(list.status).toBe(201)
    const withdraw = await push(ninjsItem('urn:example:gone', { pubstatus: 'canceled' }))
    expect(((await withdraw.json()) as { items: Array<{ status: string }> }).items[0]!.status).toBe('withdrawn')
    const gone = await t.deps.dbh.db.selectFrom('wire_items').selectAll().where('guid', '=', 'urn:example:gone').executeTakeFirstOrThrow()
    expect(gone.expired_at).not.toBeNull()

    expect((await push({ headline: 'no uri' })).status).toBe(422)
    const notJson = await t.app.request(`/api/wire/ninjs/${src.id}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: '{nope' })
    expect(notJson.status).toBe(400)

    // A new token: the old one stops working.
    const rotated = await editor.submit(`/admin/serwisy/zrodla/${src.id}/token`, {})
    const newToken = /class="link-box secret">([A-Za-z0-9_-]+)</.exec(await rotated.text())?.[1]
    expect(newToken).toBeTruthy()
    expect((await push(ninjsItem('urn:example:later'))).status).toBe(401)
    expect((await push(ninjsItem('urn:example:later', { headlines: [{ value: 'Later' }] }), `Bearer ${newToken}`)).status).toBe(201)

    const html = await (await editor.get(`/admin/serwisy?zrodlo=${src.id}`)).text()
    expect(html).toContain('Solarprogramm vorgestellt')
    expect(html).toContain('niemiecki')
    expect(html).not.toContain('Withdrawn story')
  })

  it('takes files dropped into a watched folder (fs.watch and the periodic scan)', async () => {
    const { source: src } = await wire.createSource({ name: 'Folder', kind: 'folder', attributionName: 'Folder Agency', folder: 'agencja', pollMinutes: 1 }, null)
    const dir = path.join(t.config.dataDir, 'wire', 'agencja')
    expect(fs.existsSync(path.join(dir, 'processed'))).toBe(true)
    // The first scan job starts watching the folder.
    await t.jobs.tick()
    expect((await source(src.id)).last_result).toBe('brak nowych plików')

    // A drop, written the safe way (temporary name, then renamed): fs.watch picks it up.
    fs.writeFileSync(path.join(dir, '.incoming.tmp'), JSON.stringify(ninjs1Item('urn:folder:1', 'Ein ganz anderer Text über die Bahn, die ab Montag zwischen den beiden Städten häufiger fahren soll, wie der Verkehrsverbund mitteilte.')))
    fs.renameSync(path.join(dir, '.incoming.tmp'), path.join(dir, 'story1.json'))
    const item = await waitFor(() => t.deps.dbh.db.selectFrom('wire_items').selectAll().where('guid', '=', 'urn:folder:1').executeTakeFirst())
    expect(item).toMatchObject({ source_id: src.id, source_name: 'Folder Agency', language: 'de' })
    await waitFor(async () => fs.readdirSync(path.join(dir, 'processed')).some((f) => f.endsWith('-story1.json')))
    expect(fs.existsSync(path.join(dir, 'story1.json'))).toBe(false)

    // The periodic scan takes files too (here: one too old to wait for), and refuses bad ones.
    const old = new Date(Date.now() - 60_000)
    fs.writeFileSync(path.join(dir, 'note.txt'), 'Krótka notatka z agencji\n\nPierwszy akapit notatki o pogodzie w górach w najbliższy weekend i o ostrzeżeniach dla turystów.\n')
    fs.writeFileSync(path.join(dir, 'bad.json'), '{"headline": "no uri"}')
    fs.writeFileSync(path.join(dir, 'image.png'), 'not an image')
    for (const f of ['note.txt', 'bad.json', 'image.png']) fs.utimesSync(path.join(dir, f), old, old)
    advance(MIN)
    await t.jobs.tick()
    await waitFor(async () => fs.readdirSync(dir).filter((f) => !f.startsWith('.') && !['processed', 'failed'].includes(f)).length === 0)
    expect(await t.deps.dbh.db.selectFrom('wire_items').select('headline').where('headline', '=', 'Krótka notatka z agencji').executeTakeFirst()).toBeTruthy()
    const failed = fs.readdirSync(path.join(dir, 'failed'))
    expect(failed.some((f) => f.endsWith('-bad.json'))).toBe(true)
    expect(failed.some((f) => f.endsWith('-image.png'))).toBe(true)
    const reason = fs.readFileSync(path.join(dir, 'failed', failed.find((f) => f.endsWith('-bad.json.error.txt'))!), 'utf8')
    expect(reason).toContain('NINJS')
  })

  it('imports a hostile page by URL: cleaned; huge bodies, private redirects and other schemes refused', async () => {
    const translator = await as('translator')
    await translator.get('/admin/serwisy/dodaj')
    const res = await translator.submit('/admin/serwisy/dodaj/url', { url: `${base}/page.html`, urlSourceName: '', attributionKind: 'outlet' })
    expect(res.status).toBe(303)
    const id = Number(/\/admin\/serwisy\/(\d+)/.exec(res.headers.get('location') ?? '')?.[1])
    const row = await t.deps.dbh.db.selectFrom('wire_items').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ headline: 'Storm hits the coast', source_name: 'Coastal Herald', source_kind: 'outlet', format: 'html', language: 'en', url: `${base}/page.html` })
    // Readability's excerpt only repeats the first paragraph: no lede.
    expect(row.lede).toBe('')
    for (const bad of ['script', 'alert', 'onclick', 'onerror', 'onload', 'javascript', 'vbscript', 'data:text', 'evil.example', 'password']) expect(row.body.toLowerCase()).not.toContain(bad)
    const body = JSON.parse(row.body) as { content: Array<{ type: string }> }
    expect(new Set(body.content.map((b) => b.type))).toEqual(new Set(['paragraph', 'heading', 'image', 'quote', 'list']))
    const page = await translator.get(`/admin/serwisy/${id}`)
    const html = await page.text()
    expect(html).toContain('Storm hits the coast')
    expect(html).not.toMatch(/<script|onclick=|javascript:/i)

    // The same URL again: the existing item.
    const again = await translator.submit('/admin/serwisy/dodaj/url', { url: `${base}/page.html` })
    expect(again.headers.get('location')).toBe(`/admin/serwisy/${id}?ok=duplikat`)

    const refused = async (url: string, text: string) => {
      const r = await translator.submit('/admin/serwisy/dodaj/url', { url })
      expect(r.status, url).toBe(422)
      expect(await r.text()).toContain(text)
    }
    await refused(`${base}/huge.html`, 'za duża')
    await refused(`${base}/to-private`, 'Odmowa połączenia')
    await refused(`${base}/to-loopback`, 'Odmowa połączenia')
    await refused(`http://localhost:${port}/page.html`, 'Odmowa połączenia')
    await refused('http://169.254.169.254/latest/meta-data/', 'Odmowa połączenia')
    await refused('file:///etc/passwd', 'tylko adresy http')
    await refused(`ftp://127.0.0.1:${port}/x`, 'tylko adresy http')
    await refused(`${base}/page.json`, 'Nieoczekiwany typ')
  })

  it('"Weź do redakcji" makes a draft with attribution; the published story shows it', async () => {
    const translator = await as('translator')
    await translator.get('/admin/serwisy/dodaj')
    const pasted = await translator.submit('/admin/serwisy/dodaj/tekst', {
      text: `Floods in the north\n\n${STORY_EN_1}\n\nResidents were told to follow official advice.`,
      sourceName: 'Example Wire',
      attributionKind: 'agency',
      sourceUrl: 'https://wire.example/news/floods-north',
      language: '',
    })
    expect(pasted.status).toBe(303)
    const itemId = Number(/\/admin\/serwisy\/(\d+)/.exec(pasted.headers.get('location') ?? '')?.[1])
    // Same text as the RSS flood story: it joined that group.
    const row = await t.deps.dbh.db.selectFrom('wire_items').selectAll().where('id', '=', itemId).executeTakeFirstOrThrow()
    expect(row.duplicate_of).not.toBeNull()
    expect(row.language).toBe('en')

    const taken = await translator.submit(`/admin/serwisy/${itemId}/wez`, {})
    expect(taken.status).toBe(303)
    const articleId = Number(/\/admin\/artykuly\/(\d+)$/.exec(taken.headers.get('location') ?? '')?.[1])
    expect(articleId).toBeGreaterThan(0)
    const story = await t.deps.newsroom.get(articleId)
    expect(story.state).toBe('draft')
    expect(story.createdBy).toBe(staff.translator.id)
    expect(story.snapshot).toMatchObject({ headline: 'Floods in the north', language: 'en', source: { name: 'Example Wire', kind: 'agency', url: 'https://wire.example/news/floods-north', language: 'en' } })
    expect(documentText(story.snapshot.body)).toEqual([STORY_EN_1, 'Residents were told to follow official advice.'])
    const marked = await t.deps.dbh.db.selectFrom('wire_items').selectAll().where('id', '=', itemId).executeTakeFirstOrThrow()
    expect(marked).toMatchObject({ taken_article_id: articleId, taken_by: staff.translator.id })
    expect(await wire.itemForArticle(articleId)).toMatchObject({ id: itemId })
    const log = await t.deps.dbh.db.selectFrom('audit_log').selectAll().where('action', '=', 'wire.taken').execute()
    expect(log.map((l) => l.target)).toContain(`article:${articleId}`)

    // Twice: the same draft, never a second one.
    const twice = await translator.submit(`/admin/serwisy/${itemId}/wez`, {})
    expect(twice.headers.get('location')).toBe(`/admin/artykuly/${articleId}`)
    expect(await t.deps.dbh.db.selectFrom('article_drafts').select('article_id').execute()).toHaveLength(1)
    expect(await (await translator.get(`/admin/serwisy/${itemId}`)).text()).toContain('Tekst jest już w redakcji')

    // Translated and published, the story carries its attribution on the site.
    const editor = { id: staff.editor.id, name: staff.editor.name, role: 'editor' as const }
    const current = await t.deps.newsroom.get(articleId)
    // Translated in full: an English body in a Polish story would be stopped by the quality gate.
    const polishBody = { type: 'doc' as const, content: ['Rzeki wystąpiły z brzegów na północy kraju.', 'Mieszkańcom zalecono stosowanie się do komunikatów służb.'].map((text) => ({ type: 'paragraph' as const, content: [{ type: 'text' as const, text }] })) }
    await t.deps.newsroom.save(editor, articleId, { ...current.snapshot, headline: 'Powódź na północy', lede: '', language: 'pl', body: polishBody }, current.version)
    const published = await t.deps.newsroom.act(editor, articleId, 'publish')
    const live = await t.app.request(`/artykul/${published.snapshot.slug}`)
    expect(live.status).toBe(200)
    const html = await live.text()
    expect(html).toMatch(/Źródło:.*Example Wire/s)
    expect(html).toContain('Tłumaczenie z języka angielskiego')
  })

  it('lets each role reach only its routes', async () => {
    const [anyItem] = await items()
    const pages: Array<[string, Role[]]> = [
      ['/admin/serwisy', ['administrator', 'editor', 'translator']],
      [`/admin/serwisy/${anyItem!.id}`, ['administrator', 'editor', 'translator']],
      ['/admin/serwisy/dodaj', ['administrator', 'editor', 'translator']],
      ['/admin/serwisy/zrodla', ['administrator', 'editor']],
    ]
    const roles: Role[] = ['administrator', 'editor', 'author', 'contributor', 'translator']
    for (const [url, allowed] of pages) {
      for (const role of roles) {
        const res = await (await as(role)).get(url)
        expect(res.status, `${role} GET ${url}`).toBe(allowed.includes(role) ? 200 : 403)
      }
      const anon = await t.app.request(url)
      expect(anon.status, `anonymous GET ${url}`).toBe(303)
      expect(anon.headers.get('location')).toContain('/admin/logowanie')
    }
    // Settings: administrators only; sources: administrators and editors.
    for (const role of roles) {
      const s = await as(role)
      const settings = await s.submit('/admin/serwisy/ustawienia', { allowedHosts: `127.0.0.1:${port}`, retainHours: '168' })
      expect(settings.status, `${role} POST settings`).toBe(role === 'administrator' ? 303 : 403)
      const create = await s.submit('/admin/serwisy/zrodla', { name: `Src ${role}`, kind: 'ninjs', attributionName: 'X', attributionKind: 'agency', pollMinutes: '5', retainHours: '72', enabled: '1' })
      expect(create.status, `${role} POST source`).toBe(role === 'administrator' || role === 'editor' ? 200 : 403)
      const take = await s.submit(`/admin/serwisy/${anyItem!.id}/wez`, {})
      expect(take.status, `${role} take`).toBe(['administrator', 'editor', 'translator'].includes(role) ? 303 : 403)
    }
    // The settings section is shown to administrators only.
    expect(await (await as('administrator')).get('/admin/serwisy/zrodla').then((r) => r.text())).toContain('Ustawienia (administrator)')
    expect(await (await as('editor')).get('/admin/serwisy/zrodla').then((r) => r.text())).not.toContain('Ustawienia (administrator)')
    // Without a token a form post is refused.
    const editor = await as('editor')
    expect((await editor.submit('/admin/serwisy/zrodla', { name: 'x' }, { csrf: false })).status).toBe(403)
  })

  it('expires items after their time (a job), keeps taken ones, and recognises repeats afterwards', async () => {
    const before = await items()
    const takenIds = before.filter((i) => i.taken_article_id !== null).map((i) => i.id)
    expect(takenIds.length).toBeGreaterThan(0)
    // Every source keeps items 72 h, imports 168 h: a week later all untaken items are gone.
    advance(8 * 24 * 60 * MIN)
    await t.jobs.tick()
    const after = await items()
    const live = after.filter((i) => i.expired_at === null)
    expect(live.map((i) => i.id).sort()).toEqual([...takenIds].sort())
    const expired = after.find((i) => i.format === 'rss' && !takenIds.includes(i.id))!
    expect(expired.expired_at).not.toBeNull()
    expect(expired.body).toBe('{"type":"doc","content":[]}')
    expect(await wire.getItem(expired.id)).toBeNull()
    const list = await wire.list({})
    expect(list.groups.flatMap((g) => [g.lead.id, ...g.duplicates.map((d) => d.id)]).sort()).toEqual([...takenIds].sort())

    // The feed still lists its old items: they do not come back.
    const src = await sourceByName('Example Wire – świat')
    state.extraItems = ''
    await wire.poll(src.id)
    expect((await items()).filter((i) => i.expired_at === null).map((i) => i.id).sort()).toEqual([...takenIds].sort())

    // A month later the tombstones are deleted too.
    advance(31 * 24 * 60 * MIN)
    await t.jobs.tick()
    const remaining = await items()
    expect(remaining.map((i) => i.id).sort()).toEqual([...takenIds].sort())
  })
})
