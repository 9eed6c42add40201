import { createHmac } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createUser, loginAs, type TestUser } from '../../test/accounts.js'
import { HttpSession } from '../../test/http-session.js'
import { createTestApp, DIALECTS, type TestApp } from '../../test/support.js'

/** Counts argon2 verifications (the real function still runs), so a test can see the work without timing it. */
const argon2 = vi.hoisted(() => ({ verifyCalls: [] as string[] }))
vi.mock('@node-rs/argon2', async (importOriginal) => {
  const real = await importOriginal<typeof import('@node-rs/argon2')>()
  return {
    ...real,
    verify: (...args: Parameters<typeof real.verify>) => {
      argon2.verifyCalls.push(String(args[0]))
      return real.verify(...args)
    },
  }
})

const PASSWORD = 'hasło-testowe-123'
const DAY = 24 * 60 * 60 * 1000

let ipCounter = 0
/** A browser from its own address (TRUST_PROXY=1), so throttling buckets do not mix. */
function browser(t: TestApp, ip = `198.51.100.${(++ipCounter % 250) + 1}`): HttpSession {
  return new HttpSession(t.app, { headers: { 'x-forwarded-for': ip } })
}

async function signIn(s: HttpSession, email: string, password: string, next?: string): Promise<Response> {
  if (!s.csrf) await s.get('/admin/logowanie')
  return s.submit('/admin/logowanie', { email, password, ...(next ? { next } : {}) })
}

/** RFC 6238 code, computed here independently of src/accounts/totp.ts. */
function totp(base32: string, at: Date): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
  let bits = ''
  for (const ch of base32.replace(/\s+/g, '')) bits += alphabet.indexOf(ch).toString(2).padStart(5, '0')
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((b) => parseInt(b, 2)))
  const counter = Buffer.alloc(8)
  counter.writeBigUInt64BE(BigInt(Math.floor(at.getTime() / 30_000)))
  const mac = createHmac('sha1', key).update(counter).digest()
  const offset = mac[mac.length - 1]! & 15
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0')
}

async function auditRows(t: TestApp, action?: string) {
  let q = t.testDb.db.selectFrom('audit_log').selectAll().orderBy('id')
  if (action) q = q.where('action', '=', action)
  return q.execute()
}

describe.each(DIALECTS)('%s: owner set-up', (dialect) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp(dialect, { TRUST_PROXY: '1' })
  })
  afterAll(() => t.close())

  it('refuses unknown tokens, then creates the administrator once and signs them in', async () => {
    const token = t.deps.setupToken!
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/)
    const s = browser(t)
    expect((await s.get('/admin/setup/nie-ten-token-aaaaaaaaaaaaaaaaaaaaa')).status).toBe(404)
    const page = await s.get(`/admin/setup/${token}`)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('<h1>Zakładanie konta właściciela</h1>')
    expect(html).toContain('<html lang="pl">')
    expect(page.headers.get('cache-control')).toBe('private, no-store')

    const bad = await s.submit(`/admin/setup/${token}`, { email: 'anna', name: '', password: 'krótkie', password2: 'inne' })
    expect(bad.status).toBe(422)
    const badHtml = await bad.text()
    expect(badHtml).toContain('Formularz zawiera 3 błędy')
    expect(badHtml).toContain('Podaj poprawny adres e-mail, np. jan.kowalski@example.pl.')
    expect(badHtml).toContain('Podaj imię i nazwisko.')
    expect(badHtml).toContain('Hasło musi mieć co najmniej 10 znaków.')
    expect(badHtml).toMatch(/id="wlasciciel-email"[^>]*value="anna"/)
    expect(badHtml).not.toMatch(/type="password"[^>]*value=/)

    const ok = await s.submit(`/admin/setup/${token}`, { email: ' Anna.Nowak@Depesza.test ', name: 'Anna Nowak', password: 'bardzo-tajne-hasło', password2: 'bardzo-tajne-hasło' })
    expect(ok.status).toBe(303)
    expect(ok.headers.get('location')).toBe('/admin')
    const cookie = ok.headers.getSetCookie().find((c) => c.startsWith('depesza_session='))!
    expect(cookie).toMatch(/; HttpOnly/)
    expect(cookie).toMatch(/; Secure/)
    expect(cookie).toMatch(/; SameSite=Lax/)
    expect(cookie).toMatch(/; Path=\//)
    const dashboard = await s.get('/admin')
    expect(dashboard.status).toBe(200)
    expect(await dashboard.text()).toContain('Zalogowano jako <a href="/admin/konto">Anna Nowak</a> <span class="role">(administrator)</span>')

    const users = await t.testDb.db.selectFrom('users').selectAll().execute()
    expect(users).toHaveLength(1)
    expect(users[0]).toMatchObject({ email: 'anna.nowak@depesza.test', role: 'administrator', disabled: 0 })
    expect(users[0]!.password_hash).toMatch(/^\$argon2id\$/)
    const flags = await t.testDb.db.selectFrom('settings').select('key').where('key', 'in', ['owner_created', 'owner_setup']).execute()
    expect(flags.map((f) => f.key)).toEqual(['owner_created'])
    expect(await auditRows(t, 'owner.created')).toHaveLength(1)

    // Usable once: the same link (and any other) is dead now.
    const again = browser(t)
    expect((await again.get(`/admin/setup/${token}`)).status).toBe(404)
    const replay = await again.submit(`/admin/setup/${token}`, { email: 'x@depesza.test', name: 'X', password: 'bardzo-tajne-hasło', password2: 'bardzo-tajne-hasło' })
    expect(replay.status).toBe(404)
    expect(await replay.text()).toContain('Ten link jest nieważny, wygasł albo został już wykorzystany.')
    expect(await t.testDb.db.selectFrom('users').select('id').execute()).toHaveLength(1)
  })

  it('prints no new link once the owner exists', async () => {
    const second = await createTestApp(dialect)
    try {
      // A fresh database prints one; reusing this one (owner_created) would not.
      expect(second.deps.setupToken).not.toBeNull()
    } finally {
      await second.close()
    }
    const { createSecondInstance } = await import('../../test/support.js')
    const other = await createSecondInstance(t)
    try {
      expect(other.deps.setupToken).toBeNull()
    } finally {
      await other.close()
    }
  })

  it('expires the link after 24 hours', async () => {
    const fresh = await createTestApp(dialect)
    try {
      const token = fresh.deps.setupToken!
      const s = new HttpSession(fresh.app)
      expect((await s.get(`/admin/setup/${token}`)).status).toBe(200)
      fresh.setNow(new Date(Date.now() + DAY + 60_000))
      expect((await s.get(`/admin/setup/${token}`)).status).toBe(404)
      const post = await s.submit(`/admin/setup/${token}`, { email: 'a@depesza.test', name: 'A', password: 'bardzo-tajne-hasło', password2: 'bardzo-tajne-hasło' })
      expect(post.status).toBe(404)
      expect(await fresh.testDb.db.selectFrom('users').select('id').execute()).toHaveLength(0)
    } finally {
      await fresh.close()
    }
  })
})

describe.each(DIALECTS)('%s: sign-in, sessions, CSRF', (dialect) => {
  let t: TestApp
  let admin: TestUser
  let author: TestUser

  beforeAll(async () => {
    t = await createTestApp(dialect, { TRUST_PROXY: '1' })
    admin = await createUser(t.testDb.db, 'administrator', { name: 'Ewa Admin' })
    author = await createUser(t.testDb.db, 'author', { name: 'Jan Autor' })
  })
  afterAll(() => t.close())

  it('sends anonymous visitors to the sign-in page, and API calls get a 401 problem', async () => {
    const s = browser(t)
    const res = await s.get('/admin/uzytkownicy?x=1')
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/admin/logowanie?next=%2Fadmin%2Fuzytkownicy%3Fx%3D1')
    expect(res.headers.get('cache-control')).toBe('private, no-store')
    const api = await s.get('/api/admin/me')
    expect(api.status).toBe(401)
    expect(api.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    expect(await api.json()).toMatchObject({ status: 401, title: 'Wymagane zalogowanie' })
    const login = await s.get('/admin/logowanie?next=%2Fadmin%2Fuzytkownicy')
    const html = await login.text()
    expect(html).toContain('Zaloguj się, aby kontynuować.')
    expect(html).toContain('name="next" value="/admin/uzytkownicy"')
    expect(login.headers.get('content-security-policy')).toContain("script-src 'self'")
    // The public site keeps script-src 'none'.
    expect((await t.app.request('/kontakt')).headers.get('content-security-policy')).toContain("script-src 'none'")
  })

  it('signs in with the right password and goes to `next`; the e-mail is case-insensitive', async () => {
    const s = browser(t)
    const res = await signIn(s, author.email.toUpperCase(), PASSWORD, '/admin/konto')
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/admin/konto')
    const me = await s.get('/api/admin/me')
    expect(await me.json()).toMatchObject({ user: { id: author.id, email: author.email, name: 'Jan Autor', role: 'author', language: 'pl' } })
    const entries = await auditRows(t, 'login.success')
    expect(entries.at(-1)).toMatchObject({ actor_user_id: author.id, target: `user:${author.id}` })
    expect(JSON.parse(entries.at(-1)!.detail)).toEqual({ mfa: false })
    expect(entries.at(-1)!.ip).toMatch(/^198\.51\.100\./)
    // An open redirect is not possible.
    const other = browser(t)
    expect((await signIn(other, author.email, PASSWORD, 'https://evil.example/')).headers.get('location')).toBe('/admin')
  })

  it('answers a wrong password and an unknown e-mail alike (status, text, an argon2 verification) and logs both', async () => {
    const s = browser(t)
    const wrong = await signIn(s, author.email, 'złe-hasło-123')
    const unknown = await signIn(s, 'nikt@depesza.test', 'złe-hasło-123')
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    const strip = (html: string) => html.replace(/name="_csrf" value="[^"]+"/g, '').replace(/value="[^"]*@depesza\.test"/, '')
    expect(strip(await wrong.text())).toBe(strip(await unknown.text()))
    expect(s.cookies.has('depesza_session')).toBe(false)
    const failed = await auditRows(t, 'login.failed')
    expect(failed.slice(-2).map((r) => [r.actor_user_id, r.target, JSON.parse(r.detail).reason])).toEqual([
      [null, `user:${author.id}`, 'password'],
      [null, 'email:nikt@depesza.test', 'unknown_email'],
    ])
    // Both spend one argon2id verification, not a bare look-up (counted, not timed).
    const verifications = async (email: string) => {
      argon2.verifyCalls.length = 0
      expect((await signIn(browser(t), email, 'złe-hasło-123')).status).toBe(401)
      return [...argon2.verifyCalls]
    }
    const known = await verifications(admin.email)
    const none = await verifications('brak1@depesza.test')
    expect(known).toHaveLength(1)
    expect(none).toHaveLength(1)
    expect(none[0]).toMatch(/^\$argon2id\$/)
    expect(none[0]!.split('$').slice(0, 4)).toEqual(known[0]!.split('$').slice(0, 4))
  })

  it('refuses a disabled account, naming it only with the right password', async () => {
    const disabled = await createUser(t.testDb.db, 'editor', { disabled: true })
    const s = browser(t)
    const res = await signIn(s, disabled.email, PASSWORD)
    expect(res.status).toBe(403)
    expect(await res.text()).toContain('To konto zostało zablokowane.')
    expect((await signIn(s, disabled.email, 'złe-hasło-123')).status).toBe(401)
  })

  it('throttles 5 failures per account with 429 and a Polish message, for every address, until 15 minutes pass', async () => {
    const start = new Date(Date.now() + 1000)
    t.setNow(start)
    const victim = await createUser(t.testDb.db, 'editor')
    const s = browser(t, '203.0.113.10')
    for (let i = 0; i < 5; i++) {
      t.setNow(new Date(start.getTime() + i * 60_000))
      expect((await signIn(s, victim.email, `złe-hasło-${i}xx`)).status).toBe(401)
    }
    // Even the right password, from another address, is refused now.
    const locked = await signIn(browser(t, '203.0.113.11'), victim.email, PASSWORD)
    expect(locked.status).toBe(429)
    expect(Number(locked.headers.get('retry-after'))).toBe(11 * 60)
    expect(await locked.text()).toContain('Zbyt wiele nieudanych prób logowania. Spróbuj ponownie za 11 minut.')
    // Other accounts are not affected.
    expect((await signIn(browser(t), author.email, PASSWORD)).status).toBe(303)
    t.setNow(new Date(start.getTime() + 15 * 60_000 + 1000))
    expect((await signIn(browser(t, '203.0.113.11'), victim.email, PASSWORD)).status).toBe(303)
  })

  it('throttles 20 failures per IP address, whatever the e-mails', async () => {
    const s = browser(t, '203.0.113.50')
    for (let i = 0; i < 20; i++) expect((await signIn(s, `osoba${i}@depesza.test`, 'złe-hasło-123')).status).toBe(401)
    const res = await signIn(s, author.email, PASSWORD)
    expect(res.status).toBe(429)
    expect(await res.text()).toContain('Zbyt wiele nieudanych prób logowania.')
    expect((await signIn(browser(t, '203.0.113.51'), author.email, PASSWORD)).status).toBe(303)
  })

  it('ends idle sessions after 2 days and every session after 14 days', async () => {
    const start = new Date(Date.now() + 2 * 60 * 60 * 1000)
    t.setNow(start)
    const s = await loginAs(t, author)
    expect((await s.get('/admin')).status).toBe(200)
    // Used every day: slides, until the absolute limit.
    for (let day = 1; day <= 13; day++) {
      t.setNow(new Date(start.getTime() + day * DAY))
      expect((await s.get('/admin')).status, `day ${day}`).toBe(200)
    }
    t.setNow(new Date(start.getTime() + 14 * DAY + 60_000))
    const expired = await s.get('/admin')
    expect(expired.status).toBe(303)
    expect(expired.headers.get('location')).toBe('/admin/logowanie')
    // The stale cookie is dropped.
    expect(s.cookies.has('depesza_session')).toBe(false)

    const idle = await loginAs(t, author)
    expect((await idle.get('/admin')).status).toBe(200)
    t.setNow(new Date(start.getTime() + 16 * DAY + 60_000))
    expect((await idle.get('/admin')).status).toBe(303)
  })

  it('signs out, and signs out of every device', async () => {
    const a = await loginAs(t, author)
    const b = await loginAs(t, author)
    const c = await loginAs(t, author)
    await a.get('/admin')
    const out = await a.submit('/admin/wyloguj')
    expect(out.status).toBe(303)
    expect(out.headers.get('location')).toBe('/admin/logowanie?wylogowano')
    expect(a.cookies.has('depesza_session')).toBe(false)
    expect(await (await a.get('/admin/logowanie?wylogowano')).text()).toContain('Wylogowano.')
    expect((await b.get('/admin')).status).toBe(200)

    await b.get('/admin/konto')
    const all = await b.submit('/admin/wyloguj-wszedzie')
    expect(all.status).toBe(303)
    expect(all.headers.get('location')).toBe('/admin/logowanie?wszedzie')
    expect((await b.get('/admin')).status).toBe(303)
    expect((await c.get('/admin')).status).toBe(303)
    const entry = (await auditRows(t, 'logout.all')).at(-1)!
    expect(entry.actor_user_id).toBe(author.id)
    expect(JSON.parse(entry.detail).sessions).toBeGreaterThanOrEqual(2)
  })

  it('refuses state-changing requests without the CSRF token, with a wrong one, or from another site', async () => {
    const s = await loginAs(t, author)
    await s.get('/admin/konto')
    const token = s.csrf!
    const other = await loginAs(t, admin)
    await other.get('/admin')
    const attempts: Array<[string, Parameters<HttpSession['submit']>[2]]> = [
      ['no token', { csrf: false }],
      ['wrong token', { csrf: 'x'.repeat(43) }],
      ["another session's token", { csrf: other.csrf! }],
      ['cross-site origin', { headers: { origin: 'https://evil.example' } }],
      ['cross-site fetch', { headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } }],
      ['http origin', { headers: { origin: 'http://depesza.test' } }],
    ]
    for (const [what, options] of attempts) {
      const res = await s.submit('/admin/konto/jezyk', { language: 'en' }, options)
      expect(res.status, what).toBe(403)
      expect(await res.text(), what).toContain('Nie mogliśmy potwierdzić, że formularz wysłano z tej strony')
    }
    expect((await t.testDb.db.selectFrom('users').select('language').where('id', '=', author.id).executeTakeFirstOrThrow()).language).toBe('pl')
    const ok = await s.submit('/admin/konto/jezyk', { language: 'pl' }, { csrf: token })
    expect(ok.status).toBe(303)

    // JSON calls carry the token in X-CSRF-Token.
    const noHeader = await s.request('/api/admin/cokolwiek', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
    expect(noHeader.status).toBe(403)
    expect(await noHeader.json()).toMatchObject({ status: 403 })
    const withHeader = await s.json('POST', '/api/admin/cokolwiek', {})
    expect(withHeader.status).toBe(404)
    const crossSite = await s.request('/api/admin/cokolwiek', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': token, origin: 'https://evil.example' },
      body: '{}',
    })
    expect(crossSite.status).toBe(403)

    // Before sign-in, the form's token is tied to the depesza_csrf cookie.
    const anon = browser(t)
    expect((await anon.submit('/admin/logowanie', { email: author.email, password: PASSWORD }, { csrf: false })).status).toBe(403)
    await anon.get('/admin/logowanie')
    const stolen = browser(t)
    expect((await stolen.submit('/admin/logowanie', { email: author.email, password: PASSWORD }, { csrf: anon.csrf! })).status).toBe(403)
    expect((await anon.submit('/admin/logowanie', { email: author.email, password: PASSWORD })).status).toBe(303)
  })

  it('switches the interface to English and back', async () => {
    const s = await loginAs(t, author)
    await s.get('/admin')
    const res = await s.submit('/admin/konto/jezyk', { language: 'en', next: '/admin/konto' })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/admin/konto')
    const html = await (await s.get('/admin/konto')).text()
    expect(html).toContain('<html lang="en">')
    expect(html).toContain('>Sign out</button>')
    expect(html).toContain('<h1>My account</h1>')
    expect(html).toContain('>Dashboard</a>')
    await s.submit('/admin/konto/jezyk', { language: 'pl' })
    expect(await (await s.get('/admin')).text()).toContain('>Wyloguj</button>')
    expect((await s.submit('/admin/konto/jezyk', { language: 'de' })).status).toBe(422)
  })

  it('changes the password (the current one required) and ends the other sessions', async () => {
    const user = await createUser(t.testDb.db, 'editor')
    const s = await loginAs(t, user)
    const elsewhere = await loginAs(t, user)
    await s.get('/admin/konto')
    const wrong = await s.submit('/admin/konto/haslo', { current: 'nie-to-hasło', password: 'nowe-hasło-12345', password2: 'nowe-hasło-12345' })
    expect(wrong.status).toBe(422)
    expect(await wrong.text()).toContain('Obecne hasło jest nieprawidłowe.')
    const ok = await s.submit('/admin/konto/haslo', { current: PASSWORD, password: 'nowe-hasło-12345', password2: 'nowe-hasło-12345' })
    expect(ok.status).toBe(303)
    expect(await (await s.get('/admin/konto?haslo')).text()).toContain('Hasło zostało zmienione.')
    expect((await elsewhere.get('/admin')).status).toBe(303)
    expect((await signIn(browser(t), user.email, 'nowe-hasło-12345')).status).toBe(303)
    expect((await auditRows(t, 'password.changed')).at(-1)!.actor_user_id).toBe(user.id)
  })
})

describe.each(DIALECTS)('%s: two-step verification (TOTP)', (dialect) => {
  let t: TestApp
  let user: TestUser

  beforeAll(async () => {
    t = await createTestApp(dialect, { TRUST_PROXY: '1' })
    user = await createUser(t.testDb.db, 'editor', { name: 'Olga Redaktor' })
  })
  afterAll(() => t.close())

  it('enrols with the shown secret, then asks for a code after the password; codes are single-use', async () => {
    let now = new Date(Math.floor(Date.now() / 30_000) * 30_000 + 60 * 60 * 1000 + 5000)
    t.setNow(now)
    const s = await loginAs(t, user)
    await s.get('/admin/konto')
    const start = await s.submit('/admin/konto/2fa')
    expect(start.status).toBe(200)
    const page = await start.text()
    const secret = /id="totp-secret">([A-Z2-7 ]+)</.exec(page)![1]!.replace(/ /g, '')
    expect(secret).toMatch(/^[A-Z2-7]{32}$/)
    expect(page).toContain(`otpauth://totp/Depesza:${encodeURIComponent(user.email)}?secret=${secret}&amp;issuer=Depesza`)
    // The secret is stored sealed.
    const row = await t.testDb.db.selectFrom('users').select(['totp_secret', 'totp_enabled']).where('id', '=', user.id).executeTakeFirstOrThrow()
    expect(row.totp_enabled).toBe(0)
    expect(row.totp_secret).toMatch(/^v1\./)
    expect(row.totp_secret).not.toContain(secret)

    const wrongCode = String((Number(totp(secret, now)) + 1) % 1_000_000).padStart(6, '0')
    const bad = await s.submit('/admin/konto/2fa/potwierdz', { code: wrongCode })
    expect(bad.status).toBe(422)
    expect(await bad.text()).toContain('Kod jest nieprawidłowy lub wygasł.')
    const ok = await s.submit('/admin/konto/2fa/potwierdz', { code: totp(secret, now) })
    expect(ok.status).toBe(303)
    expect(await (await s.get('/admin/konto?2fa-wlaczona')).text()).toContain('Weryfikacja dwuetapowa jest włączona')

    // Sign in again: the password alone is not enough.
    now = new Date(now.getTime() + 30_000)
    t.setNow(now)
    const b = browser(t)
    const first = await signIn(b, user.email, PASSWORD, '/admin/konto')
    expect(first.status).toBe(303)
    expect(first.headers.get('location')).toBe('/admin/logowanie/kod?next=%2Fadmin%2Fkonto')
    expect(b.cookies.has('depesza_session')).toBe(false)
    expect(b.cookies.has('depesza_mfa')).toBe(true)
    expect((await b.get('/admin')).status).toBe(303)
    expect(await (await b.get('/admin/logowanie/kod')).text()).toContain('Wpisz 6-cyfrowy kod z aplikacji uwierzytelniającej.')
    const wrong = await b.submit('/admin/logowanie/kod', { code: '000000' === totp(secret, now) ? '111111' : '000000', next: '/admin/konto' })
    expect(wrong.status).toBe(401)
    const code = totp(secret, now)
    const right = await b.submit('/admin/logowanie/kod', { code, next: '/admin/konto' })
    expect(right.status).toBe(303)
    expect(right.headers.get('location')).toBe('/admin/konto')
    expect(b.cookies.has('depesza_session')).toBe(true)
    expect(b.cookies.has('depesza_mfa')).toBe(false)
    expect((await b.get('/admin')).status).toBe(200)
    const success = (await auditRows(t, 'login.success')).at(-1)!
    expect(JSON.parse(success.detail)).toEqual({ mfa: true })
    expect((await auditRows(t, 'login.failed')).at(-1)).toMatchObject({ target: `user:${user.id}` })

    // The same code cannot be used twice.
    const c = browser(t)
    await signIn(c, user.email, PASSWORD)
    expect((await c.submit('/admin/logowanie/kod', { code })).status).toBe(401)
    now = new Date(now.getTime() + 30_000)
    t.setNow(now)
    expect((await c.submit('/admin/logowanie/kod', { code: totp(secret, now) })).status).toBe(303)

    // The pending step expires after 5 minutes.
    const d = browser(t)
    await signIn(d, user.email, PASSWORD)
    now = new Date(now.getTime() + 6 * 60_000)
    t.setNow(now)
    const late = await d.submit('/admin/logowanie/kod', { code: totp(secret, now) })
    expect(late.status).toBe(401)
    expect(await late.text()).toContain('Czas na podanie kodu minął.')

    // Turning it off needs a current code.
    now = new Date(now.getTime() + 30_000)
    t.setNow(now)
    expect((await b.submit('/admin/konto/2fa/wylacz', { code: '12' })).status).toBe(422)
    expect((await b.submit('/admin/konto/2fa/wylacz', { code: totp(secret, now) })).status).toBe(303)
    expect((await signIn(browser(t), user.email, PASSWORD)).headers.get('location')).toBe('/admin')
    expect((await auditRows(t)).map((r) => r.action)).toEqual(expect.arrayContaining(['totp.enabled', 'totp.disabled']))
  })
})

describe.each(DIALECTS)('%s: user management and the audit log', (dialect) => {
  let t: TestApp
  let admin: TestUser
  let s: HttpSession

  beforeAll(async () => {
    t = await createTestApp(dialect, { TRUST_PROXY: '1' })
    admin = await createUser(t.testDb.db, 'administrator', { name: 'Ewa Admin' })
    s = await loginAs(t, admin)
    await s.get('/admin/uzytkownicy')
  })
  afterAll(() => t.close())

  it('invites by link (no SMTP: the link is shown), and the invitee sets name and password', async () => {
    const bad = await s.submit('/admin/uzytkownicy/zaproszenia', { email: 'zły adres', role: 'naczelny' })
    expect(bad.status).toBe(422)
    const badHtml = await bad.text()
    expect(badHtml).toContain('Podaj poprawny adres e-mail')
    expect(badHtml).toContain('Wybierz rolę z listy.')
    expect(badHtml).toMatch(/id="zapros-email"[^>]*value="zły adres"/)

    const res = await s.submit('/admin/uzytkownicy/zaproszenia', { email: 'Nowa.Autorka@depesza.test', role: 'author' })
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('Utworzono zaproszenie dla nowa.autorka@depesza.test.')
    expect(html).toContain('Wysyłka e-maili nie jest skonfigurowana: przekaż ten link zaproszonej osobie.')
    const link = /<code class="link-box">https:\/\/depesza\.test(\/admin\/zaproszenie\/[A-Za-z0-9_-]+)<\/code>/.exec(html)![1]!
    // A second invitation for the same address is refused while the first is open.
    expect((await s.submit('/admin/uzytkownicy/zaproszenia', { email: 'nowa.autorka@depesza.test', role: 'editor' })).status).toBe(422)

    const invitee = browser(t)
    const page = await invitee.get(link)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('Zaproszenie dla nowa.autorka@depesza.test z rolą: autor.')
    const weak = await invitee.submit(link, { name: 'Nowa Autorka', password: 'krótkie', password2: 'krótkie' })
    expect(weak.status).toBe(422)
    const done = await invitee.submit(link, { name: 'Nowa Autorka', password: 'hasło-autorki-1', password2: 'hasło-autorki-1' })
    expect(done.status).toBe(303)
    expect((await (await invitee.get('/api/admin/me')).json()).user).toMatchObject({ email: 'nowa.autorka@depesza.test', role: 'author', name: 'Nowa Autorka' })
    expect((await browser(t).get(link)).status).toBe(404)
    expect((await auditRows(t, 'invitation.accepted')).at(-1)).toMatchObject({ target: expect.stringMatching(/^user:\d+$/) })
    // An existing account cannot be invited again.
    const dup = await s.submit('/admin/uzytkownicy/zaproszenia', { email: 'nowa.autorka@depesza.test', role: 'author' })
    expect(await dup.text()).toContain('Konto z tym adresem e-mail już istnieje.')
  })

  it('sends an invitation again with a fresh link (the old one stops working), and revokes one', async () => {
    const first = await (await s.submit('/admin/uzytkownicy/zaproszenia', { email: 'tlumacz@depesza.test', role: 'translator' })).text()
    const oldLink = /https:\/\/depesza\.test(\/admin\/zaproszenie\/[A-Za-z0-9_-]+)/.exec(first)![1]!
    const inv = await t.testDb.db.selectFrom('invitations').select('id').where('email', '=', 'tlumacz@depesza.test').executeTakeFirstOrThrow()
    const again = await (await s.submit(`/admin/uzytkownicy/zaproszenia/${inv.id}/ponow`)).text()
    const newLink = /https:\/\/depesza\.test(\/admin\/zaproszenie\/[A-Za-z0-9_-]+)/.exec(again)![1]!
    expect(newLink).not.toBe(oldLink)
    expect((await browser(t).get(oldLink)).status).toBe(404)
    expect((await browser(t).get(newLink)).status).toBe(200)
    const revoked = await s.submit(`/admin/uzytkownicy/zaproszenia/${inv.id}/cofnij`)
    expect(await revoked.text()).toContain('Cofnięto zaproszenie dla tlumacz@depesza.test.')
    expect((await browser(t).get(newLink)).status).toBe(404)
    expect((await s.submit(`/admin/uzytkownicy/zaproszenia/${inv.id}/ponow`)).status).toBe(404)
  })

  it('expires invitations after 7 days', async () => {
    const html = await (await s.submit('/admin/uzytkownicy/zaproszenia', { email: 'pozno@depesza.test', role: 'contributor' })).text()
    const link = /https:\/\/depesza\.test(\/admin\/zaproszenie\/[A-Za-z0-9_-]+)/.exec(html)![1]!
    t.setNow(new Date(Date.now() + 7 * DAY + 60_000))
    try {
      expect((await browser(t).get(link)).status).toBe(404)
    } finally {
      t.setNow(new Date())
    }
  })

  it('changes roles (audited), blocks and unblocks, and keeps one administrator', async () => {
    const editor = await createUser(t.testDb.db, 'editor', { name: 'Piotr Redaktor' })
    const editorSession = await loginAs(t, editor)
    expect((await editorSession.get('/admin/wiadomosci')).status).toBe(200)

    const changed = await s.submit(`/admin/uzytkownicy/${editor.id}/rola`, { role: 'contributor' })
    expect(changed.status).toBe(200)
    expect(await changed.text()).toContain('Piotr Redaktor: nowa rola – współpracownik.')
    // Takes effect on the next request of a signed-in user.
    expect((await editorSession.get('/admin/wiadomosci')).status).toBe(403)
    const entry = (await auditRows(t, 'user.role_changed')).at(-1)!
    expect(entry).toMatchObject({ actor_user_id: admin.id, target: `user:${editor.id}` })
    expect(JSON.parse(entry.detail)).toEqual({ email: editor.email, from: 'editor', to: 'contributor' })

    expect((await s.submit(`/admin/uzytkownicy/${editor.id}/zablokuj`)).status).toBe(200)
    expect((await editorSession.get('/admin')).status).toBe(303)
    expect((await signIn(browser(t), editor.email, PASSWORD)).status).toBe(403)
    expect((await s.submit(`/admin/uzytkownicy/${editor.id}/odblokuj`)).status).toBe(200)
    expect((await signIn(browser(t), editor.email, PASSWORD)).status).toBe(303)
    expect((await auditRows(t)).map((r) => r.action)).toEqual(expect.arrayContaining(['user.disabled', 'user.enabled']))

    const self = await s.submit(`/admin/uzytkownicy/${admin.id}/rola`, { role: 'editor' })
    expect(self.status).toBe(409)
    expect(await self.text()).toContain('W redakcji musi zostać co najmniej jeden aktywny administrator.')
    expect((await s.submit(`/admin/uzytkownicy/${admin.id}/zablokuj`)).status).toBe(409)
    expect((await s.submit('/admin/uzytkownicy/999999/rola', { role: 'editor' })).status).toBe(404)
  })

  it('makes a password link for a user (shown without SMTP)', async () => {
    const user = await createUser(t.testDb.db, 'author')
    const html = await (await s.submit(`/admin/uzytkownicy/${user.id}/link-hasla`)).text()
    const link = /https:\/\/depesza\.test(\/admin\/haslo\/[A-Za-z0-9_-]+)/.exec(html)![1]!
    const b = browser(t)
    expect((await b.get(link)).status).toBe(200)
    expect((await b.submit(link, { password: 'zupełnie-nowe-1', password2: 'zupełnie-nowe-1' })).headers.get('location')).toBe('/admin/logowanie?haslo')
    expect((await signIn(browser(t), user.email, 'zupełnie-nowe-1')).status).toBe(303)
    expect((await browser(t).get(link)).status).toBe(404)
  })

  it('escapes hostile input on every page that shows it', async () => {
    const hostile = '<script>alert(1)</script>'
    const evil = await createUser(t.testDb.db, 'author', { name: `Zły ${hostile}"><img src=x onerror=alert(2)>` })
    const e = browser(t)
    await signIn(e, evil.email, PASSWORD)
    await signIn(browser(t), `"><script>alert(3)</script>@x.pl`, 'złe-hasło-123')
    const login = await (await signIn(browser(t), `"><svg onload=alert(4)>`, 'x')).text()
    expect(login).not.toContain('<svg onload')
    const invite = await (await s.submit('/admin/uzytkownicy/zaproszenia', { email: `"><script>alert(5)</script>`, role: 'author' })).text()
    for (const html of [invite, await (await s.get('/admin/uzytkownicy')).text(), await (await s.get('/admin/dziennik')).text(), await (await (await loginAs(t, evil)).get('/admin')).text()]) {
      expect(html).not.toMatch(/<script>alert/)
      expect(html).not.toContain('<img src=x')
      expect(html).not.toContain('<svg')
    }
    expect(await (await s.get('/admin/uzytkownicy')).text()).toContain('Zły &lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;')
  })

  it('shows the audit log to administrators, newest first, filtered by action, in pages', async () => {
    for (let i = 0; i < 60; i++) await t.testDb.db.insertInto('audit_log').values({ at: new Date().toISOString(), actor_user_id: null, action: 'test.bulk', target: `n:${i}`, detail: '{}', ip: '' }).execute()
    const page1 = await (await s.get('/admin/dziennik?dzialanie=test.bulk')).text()
    expect(page1).toContain('<td class="mono">n:59</td>')
    expect(page1).not.toContain('<td class="mono">n:9</td>')
    expect(page1).not.toContain('zmiana roli <span')
    const older = /href="(\/admin\/dziennik\?dzialanie=test\.bulk&amp;przed=\d+)"/.exec(page1)![1]!.replace(/&amp;/g, '&')
    const page2 = await (await s.get(older)).text()
    expect(page2).toContain('<td class="mono">n:0</td>')
    expect(page2).not.toContain('<td class="mono">n:59</td>')
    expect(page2).toContain('Nowsze wpisy')
    expect(await (await s.get('/admin/dziennik?dzialanie=user.role_changed')).text()).toContain('zmiana roli <span')
    expect(await (await s.get('/admin/dziennik?dzialanie=login.failed')).text()).toContain('nieudane logowanie <span')
  })
})
