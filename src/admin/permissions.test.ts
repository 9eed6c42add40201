/**
 * Every newsroom route added by the accounts module, for every role and for an anonymous
 * visitor: the expected status is written out here, not read from the implementation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createStaff, createUser, loginAs, type TestUser } from '../../test/accounts.js'
import { addAuthor, addSection, paragraphs, publishArticle } from '../../test/fixtures.js'
import { HttpSession } from '../../test/http-session.js'
import { createTestApp, DIALECTS, type TestApp } from '../../test/support.js'
import { ROLES, type Role } from '../accounts/roles.js'

const ALL: readonly Role[] = ROLES
const EDITORS: readonly Role[] = ['administrator', 'editor']
const ADMIN: readonly Role[] = ['administrator']
const INTAKE: readonly Role[] = ['administrator', 'editor', 'translator']

interface Row {
  method: 'GET' | 'POST'
  /** `{victim}`, `{invitation}`, `{page}` … are filled in per run; `{own…}` is a fresh one per role (deleted by the call). */
  path: string
  body?: Record<string, string>
  allowed: readonly Role[]
  /** The status for allowed roles. */
  ok: number
}

const ROUTES: Row[] = [
  { method: 'GET', path: '/admin', allowed: ALL, ok: 200 },
  { method: 'GET', path: '/admin/konto', allowed: ALL, ok: 200 },
  { method: 'POST', path: '/admin/konto/jezyk', body: { language: 'pl' }, allowed: ALL, ok: 303 },
  { method: 'POST', path: '/admin/konto/haslo', body: { current: 'złe', password: 'x', password2: 'y' }, allowed: ALL, ok: 422 },
  { method: 'POST', path: '/admin/konto/2fa', allowed: ALL, ok: 200 },
  { method: 'POST', path: '/admin/konto/2fa/potwierdz', body: { code: '000000' }, allowed: ALL, ok: 422 },
  { method: 'POST', path: '/admin/konto/2fa/wylacz', body: { code: '000000' }, allowed: ALL, ok: 422 },
  { method: 'GET', path: '/api/admin/me', allowed: ALL, ok: 200 },
  { method: 'GET', path: '/admin/artykuly', allowed: ALL, ok: 200 },
  { method: 'GET', path: '/admin/media', allowed: ALL, ok: 200 },
  { method: 'GET', path: '/admin/serwisy', allowed: INTAKE, ok: 200 },
  { method: 'GET', path: '/admin/tlumaczenie/slownik', allowed: INTAKE, ok: 200 },
  { method: 'POST', path: '/admin/tlumaczenie/slownik', body: { _action: 'add', lang: 'en', term: '', target: '' }, allowed: INTAKE, ok: 422 },
  { method: 'GET', path: '/admin/ustawienia/tlumaczenie', allowed: ADMIN, ok: 200 },
  { method: 'POST', path: '/admin/ustawienia/tlumaczenie', body: { provider: 'libretranslate', url: '', model: '', apiKey: '' }, allowed: ADMIN, ok: 422 },
  { method: 'GET', path: '/admin/strony', allowed: EDITORS, ok: 200 },
  { method: 'GET', path: '/admin/strony/nowa', allowed: EDITORS, ok: 200 },
  { method: 'POST', path: '/admin/strony/nowa', body: { headline: '', slug: '', lede: '', body: '' }, allowed: EDITORS, ok: 422 },
  { method: 'GET', path: '/admin/strony/{page}', allowed: EDITORS, ok: 200 },
  { method: 'POST', path: '/admin/strony/{page}', body: { headline: '', slug: 'o-nas', lede: '', body: '' }, allowed: EDITORS, ok: 422 },
  { method: 'POST', path: '/admin/strony/{page}/wycofaj', allowed: EDITORS, ok: 303 },
  { method: 'GET', path: '/admin/menu', allowed: EDITORS, ok: 200 },
  { method: 'GET', path: '/admin/menu?wydanie=en', allowed: EDITORS, ok: 200 },
  { method: 'POST', path: '/admin/menu/glowne', body: { 'label.0': 'Zły', 'target.0': 'url', 'url.0': 'ftp://x' }, allowed: EDITORS, ok: 422 },
  { method: 'POST', path: '/admin/menu/stopka', body: { 'label.0': '', 'target.0': '/' }, allowed: EDITORS, ok: 422 },
  { method: 'GET', path: '/admin/dzialy', allowed: EDITORS, ok: 200 },
  { method: 'GET', path: '/admin/dzialy?q=sejm&strona=2', allowed: EDITORS, ok: 200 },
  { method: 'POST', path: '/admin/dzialy', body: { name: '', slug: '', description: '', position: '0' }, allowed: EDITORS, ok: 422 },
  { method: 'GET', path: '/admin/dzialy/{section}', allowed: EDITORS, ok: 200 },
  { method: 'POST', path: '/admin/dzialy/{section}', body: { name: '', slug: 'kraj', description: '', position: '0' }, allowed: EDITORS, ok: 422 },
  { method: 'POST', path: '/admin/dzialy/{section}/usun', allowed: EDITORS, ok: 409 },
  { method: 'GET', path: '/admin/dzialy/tagi/{tag}', allowed: EDITORS, ok: 200 },
  { method: 'POST', path: '/admin/dzialy/tagi/{tag}', body: { name: '', slug: '' }, allowed: EDITORS, ok: 422 },
  { method: 'POST', path: '/admin/dzialy/tagi/{tag}/scal', body: { into: '' }, allowed: EDITORS, ok: 422 },
  { method: 'POST', path: '/admin/dzialy/tagi/{ownTag}/usun', body: { confirm: '1' }, allowed: EDITORS, ok: 303 },
  { method: 'GET', path: '/admin/autorzy', allowed: EDITORS, ok: 200 },
  { method: 'POST', path: '/admin/autorzy', body: { name: '', slug: '', bio: '', photo: '' }, allowed: EDITORS, ok: 422 },
  { method: 'GET', path: '/admin/autorzy/{author}', allowed: EDITORS, ok: 200 },
  { method: 'POST', path: '/admin/autorzy/{author}', body: { name: '', slug: '', bio: '', photo: '' }, allowed: EDITORS, ok: 422 },
  { method: 'POST', path: '/admin/autorzy/{ownAuthor}/usun', allowed: EDITORS, ok: 303 },
  { method: 'GET', path: '/admin/wiadomosci', allowed: EDITORS, ok: 200 },
  { method: 'GET', path: '/admin/wiadomosci?nowe=1', allowed: EDITORS, ok: 200 },
  { method: 'GET', path: '/admin/wiadomosci/{message}', allowed: EDITORS, ok: 200 },
  { method: 'POST', path: '/admin/wiadomosci/{message}/zalatwione', body: { handled: '1' }, allowed: EDITORS, ok: 303 },
  { method: 'POST', path: '/admin/wiadomosci/{ownMessage}/usun', allowed: EDITORS, ok: 303 },
  { method: 'GET', path: '/admin/ustawienia', allowed: ADMIN, ok: 200 },
  { method: 'POST', path: '/admin/ustawienia', body: { name: '', description: '', language: 'pl', timeZone: 'Europe/Warsaw', publisher: '' }, allowed: ADMIN, ok: 422 },
  { method: 'POST', path: '/admin/ustawienia/wydania', body: { 'name.en': 'x'.repeat(101) }, allowed: ADMIN, ok: 422 },
  { method: 'GET', path: '/admin/uzytkownicy', allowed: ADMIN, ok: 200 },
  { method: 'GET', path: '/admin/dziennik', allowed: ADMIN, ok: 200 },
  { method: 'GET', path: '/admin/dziennik?dzialanie=login.success&przed=1000', allowed: ADMIN, ok: 200 },
  { method: 'POST', path: '/admin/uzytkownicy/zaproszenia', body: { email: 'zaproszona@depesza.test', role: 'author' }, allowed: ADMIN, ok: 200 },
  { method: 'POST', path: '/admin/uzytkownicy/zaproszenia/{invitation}/ponow', allowed: ADMIN, ok: 200 },
  { method: 'POST', path: '/admin/uzytkownicy/zaproszenia/{invitation}/cofnij', allowed: ADMIN, ok: 200 },
  { method: 'POST', path: '/admin/uzytkownicy/{victim}/rola', body: { role: 'translator' }, allowed: ADMIN, ok: 200 },
  { method: 'POST', path: '/admin/uzytkownicy/{victim}/zablokuj', allowed: ADMIN, ok: 200 },
  { method: 'POST', path: '/admin/uzytkownicy/{victim}/odblokuj', allowed: ADMIN, ok: 200 },
  { method: 'POST', path: '/admin/uzytkownicy/{victim}/link-hasla', allowed: ADMIN, ok: 200 },
  { method: 'POST', path: '/admin/uzytkownicy/{victim}/wylacz-2fa', allowed: ADMIN, ok: 200 },
  { method: 'GET', path: '/admin/nie-ma-takiej-strony', allowed: ALL, ok: 404 },
  { method: 'POST', path: '/admin/wyloguj-wszedzie', allowed: ALL, ok: 303 },
]

describe.each(DIALECTS)('%s: who may open which newsroom route', (dialect) => {
  let t: TestApp
  let staff: Record<Role, TestUser>
  let victim: TestUser
  let invitation: number
  let ids: Record<'page' | 'section' | 'tag' | 'author' | 'message', number>
  const own: Record<'ownTag' | 'ownAuthor' | 'ownMessage', Partial<Record<Role, number>>> = { ownTag: {}, ownAuthor: {}, ownMessage: {} }

  beforeAll(async () => {
    t = await createTestApp(dialect)
    staff = await createStaff(t.testDb.db)
    victim = await createUser(t.testDb.db, 'contributor')
    const row = await t.testDb.db
      .insertInto('invitations')
      .values({
        token_hash: 'x'.repeat(64),
        email: 'otwarte@depesza.test',
        role: 'author',
        invited_by: null,
        created_at: new Date().toISOString(),
        expires_at: new Date(Date.now() + 86_400_000).toISOString(),
        used_at: null,
        revoked_at: null,
        user_id: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    invitation = row.id
    const db = t.testDb.db
    const now = new Date().toISOString()
    const section = await addSection(db, 'kraj', 'Kraj')
    const author = await addAuthor(db, 'jan-nowak', 'Jan Nowak')
    const story = await publishArticle(t.deps.content, { headline: 'Artykuł w dziale', sectionSlug: 'kraj', tags: ['Sejm'], authorSlugs: ['jan-nowak'] })
    const page = await t.deps.content.create({ kind: 'page', slug: 'o-nas', headline: 'O nas', body: paragraphs('Tekst.'), status: 'published' })
    const tag = (await db.selectFrom('article_tags').select('tag_id').where('article_id', '=', story).executeTakeFirstOrThrow()).tag_id
    const message = async (name: string) =>
      (await db.insertInto('contact_messages').values({ name, email: 'czytelnik@example.pl', message: 'Dzień dobry, piszę w sprawie artykułu.', created_at: now, handled_at: null }).returning('id').executeTakeFirstOrThrow()).id
    ids = { page, section, tag, author, message: await message('Czytelnik') }
    for (const role of ROLES) {
      own.ownTag[role] = (await db.insertInto('tags').values({ slug: `tag-${role}`, name: `Tag ${role}`, created_at: now }).returning('id').executeTakeFirstOrThrow()).id
      own.ownAuthor[role] = await addAuthor(db, `autor-${role}`, `Autor ${role}`)
      own.ownMessage[role] = await message(role)
    }
  })
  afterAll(() => t.close())

  const fill = (path: string, role?: Role) =>
    path
      .replace('{victim}', String(victim.id))
      .replace('{invitation}', String(invitation))
      .replace(/\{(page|section|tag|author|message)\}/, (_, k: keyof typeof ids) => String(ids[k]))
      .replace(/\{(ownTag|ownAuthor|ownMessage)\}/, (_, k: keyof typeof own) => String(own[k][role ?? 'administrator']))

  async function call(s: HttpSession, row: Row, role?: Role): Promise<Response> {
    return row.method === 'GET' ? s.get(fill(row.path, role)) : s.submit(fill(row.path, role), row.body ?? {})
  }

  for (const role of ROLES) {
    it(`${role}: every route answers as the table says`, async () => {
      // The session is ended by the last route; one per role.
      const s = await loginAs(t, staff[role])
      await s.get('/api/admin/me')
      const got: string[] = []
      const want: string[] = []
      for (const row of ROUTES) {
        const res = await call(s, row, role)
        got.push(`${row.method} ${row.path} → ${res.status}`)
        want.push(`${row.method} ${row.path} → ${row.allowed.includes(role) ? row.ok : 403}`)
        expect(res.headers.get('cache-control'), row.path).toBe('private, no-store')
        if (res.status === 403 && !row.path.startsWith('/api/')) expect(await res.text()).toContain('Twoja rola nie pozwala na otwarcie tej strony ani wykonanie tej czynności.')
      }
      expect(got).toEqual(want)
    })
  }

  it('anonymous: pages redirect to the sign-in page, the API answers 401', async () => {
    const s = new HttpSession(t.app)
    await s.get('/admin/logowanie')
    for (const row of ROUTES) {
      const res = await call(s, row)
      if (row.path.startsWith('/api/')) {
        expect(res.status, row.path).toBe(401)
      } else {
        expect(res.status, row.path).toBe(303)
        expect(res.headers.get('location'), row.path).toMatch(/^\/admin\/logowanie/)
      }
    }
  })

  it('the menu shows each role only what it may open', async () => {
    const visible = async (role: Role) => {
      const s = await loginAs(t, staff[role])
      const html = await (await s.get('/admin')).text()
      const nav = /<nav class="admin-nav"[\s\S]*?<\/nav>/.exec(html)![0]
      return [...nav.matchAll(/href="([^"]+)"/g)].map((m) => m[1])
    }
    expect(await visible('administrator')).toHaveLength(13)
    expect(await visible('editor')).toEqual(['/admin', '/admin/artykuly', '/admin/media', '/admin/serwisy', '/admin/tlumaczenie/slownik', '/admin/strony', '/admin/menu', '/admin/dzialy', '/admin/autorzy', '/admin/wiadomosci'])
    expect(await visible('author')).toEqual(['/admin', '/admin/artykuly', '/admin/media'])
    expect(await visible('contributor')).toEqual(['/admin', '/admin/artykuly', '/admin/media'])
    expect(await visible('translator')).toEqual(['/admin', '/admin/artykuly', '/admin/media', '/admin/serwisy', '/admin/tlumaczenie/slownik'])
  })
})
