/**
 * Every newsroom route added by the accounts module, for every role and for an anonymous
 * visitor: the expected status is written out here, not read from the implementation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createStaff, createUser, loginAs, type TestUser } from '../../test/accounts.js'
import { HttpSession } from '../../test/http-session.js'
import { createTestApp, DIALECTS, type TestApp } from '../../test/support.js'
import { ROLES, type Role } from '../accounts/roles.js'

const ALL: readonly Role[] = ROLES
const EDITORS: readonly Role[] = ['administrator', 'editor']
const ADMIN: readonly Role[] = ['administrator']

interface Row {
  method: 'GET' | 'POST'
  /** `{victim}` and `{invitation}` are filled in per run. */
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
  { method: 'GET', path: '/admin/strony', allowed: EDITORS, ok: 200 },
  { method: 'GET', path: '/admin/menu', allowed: EDITORS, ok: 200 },
  { method: 'GET', path: '/admin/dzialy', allowed: EDITORS, ok: 200 },
  { method: 'GET', path: '/admin/autorzy', allowed: EDITORS, ok: 200 },
  { method: 'GET', path: '/admin/wiadomosci', allowed: EDITORS, ok: 200 },
  { method: 'GET', path: '/admin/ustawienia', allowed: ADMIN, ok: 200 },
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
  })
  afterAll(() => t.close())

  const fill = (path: string) => path.replace('{victim}', String(victim.id)).replace('{invitation}', String(invitation))

  async function call(s: HttpSession, row: Row): Promise<Response> {
    return row.method === 'GET' ? s.get(fill(row.path)) : s.submit(fill(row.path), row.body ?? {})
  }

  for (const role of ROLES) {
    it(`${role}: every route answers as the table says`, async () => {
      // The session is ended by the last route; one per role.
      const s = await loginAs(t, staff[role])
      await s.get('/api/admin/me')
      const got: string[] = []
      const want: string[] = []
      for (const row of ROUTES) {
        const res = await call(s, row)
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
    expect(await visible('administrator')).toHaveLength(11)
    expect(await visible('editor')).toEqual(['/admin', '/admin/artykuly', '/admin/media', '/admin/strony', '/admin/menu', '/admin/dzialy', '/admin/autorzy', '/admin/wiadomosci'])
    expect(await visible('author')).toEqual(['/admin', '/admin/artykuly', '/admin/media'])
    expect(await visible('contributor')).toEqual(['/admin', '/admin/artykuly', '/admin/media'])
    expect(await visible('translator')).toEqual(['/admin', '/admin/artykuly', '/admin/media'])
  })
})
