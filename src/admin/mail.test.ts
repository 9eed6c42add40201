/** Invitation and password-reset e-mails through an in-process SMTP server. */
import { createServer, type AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUser, loginAs, type TestUser } from '../../test/accounts.js'
import { HttpSession } from '../../test/http-session.js'
import { createTestApp, DIALECTS, type TestApp } from '../../test/support.js'

interface Mail {
  to: string[]
  subject: string
  text: string
}

/** Headers (unfolded, RFC 2047 words decoded) and a quoted-printable or base64 text body. */
function parseMail(raw: string, to: string[]): Mail {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/)
  const headers = new Map<string, string>()
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':')
    if (i > 0) headers.set(line.slice(0, i).toLowerCase(), decodeWords(line.slice(i + 1).trim()))
  }
  const body = rest.join('\n\n')
  const cte = headers.get('content-transfer-encoding')?.toLowerCase()
  const text = cte === 'quoted-printable' ? decodeQp(body) : cte === 'base64' ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') : body
  return { to, subject: headers.get('subject') ?? '', text: text.replace(/\r\n/g, '\n') }
}

function decodeQp(s: string): string {
  const bytes: number[] = []
  const src = s.replace(/=\r?\n/g, '')
  for (let i = 0; i < src.length; i++) {
    if (src[i] === '=' && /^[0-9A-F]{2}$/i.test(src.slice(i + 1, i + 3))) {
      bytes.push(parseInt(src.slice(i + 1, i + 3), 16))
      i += 2
    } else bytes.push(...Buffer.from(src[i]!, 'utf8'))
  }
  return Buffer.from(bytes).toString('utf8')
}

function decodeWords(s: string): string {
  return s
    .replace(/(=\?[^?]+\?[QB]\?[^?]*\?=)\s+(?==\?)/gi, '$1')
    .replace(/=\?([^?]+)\?([QB])\?([^?]*)\?=/gi, (_, _c: string, enc: string, data: string) =>
      enc.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : decodeQp(data.replace(/_/g, ' ')),
    )
}

describe.each(DIALECTS)('%s: account e-mails', (dialect) => {
  let server: SMTPServer
  let t: TestApp
  let admin: TestUser
  const inbox: Mail[] = []
  const waiters: Array<() => void> = []

  /** The next mail to this address (waits for it). */
  async function mailTo(address: string, timeoutMs = 10_000): Promise<Mail> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const found = inbox.find((m) => m.to.includes(address))
      if (found) {
        inbox.splice(inbox.indexOf(found), 1)
        return found
      }
      if (Date.now() > deadline) throw new Error(`no mail to ${address}`)
      await new Promise<void>((resolve) => {
        waiters.push(resolve)
        setTimeout(resolve, 200)
      })
    }
  }

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = []
        stream.on('data', (c: Buffer) => chunks.push(c))
        stream.on('end', () => {
          inbox.push(parseMail(Buffer.concat(chunks).toString('utf8'), session.envelope.rcptTo.map((r) => r.address)))
          waiters.splice(0).forEach((w) => w())
          callback()
        })
      },
    })
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(0, '127.0.0.1', () => resolve())
    })
    const port = (server.server.address() as AddressInfo).port
    t = await createTestApp(dialect, { TRUST_PROXY: '1', SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'Depesza <no-reply@depesza.test>' })
    admin = await createUser(t.testDb.db, 'administrator', { name: 'Ewa Admin' })
  })
  afterAll(async () => {
    await t.close()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  })

  it('mails an invitation; its link creates the account', async () => {
    const s = await loginAs(t, admin)
    await s.get('/admin/uzytkownicy')
    const res = await s.submit('/admin/uzytkownicy/zaproszenia', { email: 'redaktorka@depesza.test', role: 'editor' })
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('Zaproszenie wysłaliśmy też e-mailem.')
    const mail = await mailTo('redaktorka@depesza.test')
    expect(mail.subject).toMatch(/^Zaproszenie do redakcji: /)
    expect(mail.text).toContain('Ewa Admin zaprasza Cię do redakcji serwisu')
    expect(mail.text).toContain('z rolą: redaktor.')
    const link = /https:\/\/depesza\.test(\/admin\/zaproszenie\/[A-Za-z0-9_-]+)/.exec(mail.text)![1]!
    const invitee = new HttpSession(t.app, { headers: { 'x-forwarded-for': '192.0.2.10' } })
    expect((await invitee.get(link)).status).toBe(200)
    const done = await invitee.submit(link, { name: 'Zofia Redaktorka', password: 'hasło-zofii-123', password2: 'hasło-zofii-123' })
    expect(done.status).toBe(303)
    expect((await (await invitee.get('/api/admin/me')).json()).user).toMatchObject({ email: 'redaktorka@depesza.test', role: 'editor' })
  })

  it('the owner set up from the one-time link invites by e-mail; sending again mails a new link and the old one stops working', async () => {
    const owner = new HttpSession(t.app, { headers: { 'x-forwarded-for': '192.0.2.40' } })
    const setup = `/admin/setup/${t.deps.setupToken!}`
    expect((await owner.get(setup)).status).toBe(200)
    const created = await owner.submit(setup, { email: 'wlascicielka@depesza.test', name: 'Olga Właścicielka', password: 'hasło-właścicielki-1', password2: 'hasło-właścicielki-1' })
    expect(created.status).toBe(303)
    await owner.get('/admin/uzytkownicy')
    const res = await owner.submit('/admin/uzytkownicy/zaproszenia', { email: 'autor.zaproszony@depesza.test', role: 'author' })
    expect(await res.text()).toContain('Zaproszenie wysłaliśmy też e-mailem.')
    const first = await mailTo('autor.zaproszony@depesza.test')
    expect(first.text).toContain('Olga Właścicielka zaprasza Cię do redakcji serwisu')
    expect(first.text).toContain('z rolą: autor.')
    const linkOf = (mail: Mail) => /https:\/\/depesza\.test(\/admin\/zaproszenie\/[A-Za-z0-9_-]+)/.exec(mail.text)![1]!
    const firstLink = linkOf(first)

    const invitation = await t.testDb.db.selectFrom('invitations').select('id').where('email', '=', 'autor.zaproszony@depesza.test').executeTakeFirstOrThrow()
    const again = await owner.submit(`/admin/uzytkownicy/zaproszenia/${invitation.id}/ponow`, {})
    expect(again.status).toBe(200)
    expect(await again.text()).toContain('Zaproszenie wysłaliśmy też e-mailem.')
    const secondLink = linkOf(await mailTo('autor.zaproszony@depesza.test'))
    expect(secondLink).not.toBe(firstLink)
    const invitee = new HttpSession(t.app, { headers: { 'x-forwarded-for': '192.0.2.41' } })
    expect((await invitee.get(firstLink)).status).toBe(404)
    expect((await invitee.get(secondLink)).status).toBe(200)
    expect((await invitee.submit(secondLink, { name: 'Adam Autor', password: 'hasło-adama-123', password2: 'hasło-adama-123' })).status).toBe(303)
    const audits = await t.testDb.db.selectFrom('audit_log').select(['action', 'detail']).where('target', '=', `invitation:${invitation.id}`).orderBy('id').execute()
    expect(audits.map((a) => [a.action, JSON.parse(a.detail).mailed])).toEqual([
      ['invitation.created', 'sent'],
      ['invitation.resent', 'sent'],
    ])
  })

  it('mails a password link; answers the same for unknown addresses and sends nothing then', async () => {
    const user = await createUser(t.testDb.db, 'author', { email: 'autor.resetu@depesza.test' })
    const ask = async (email: string) => {
      const s = new HttpSession(t.app, { headers: { 'x-forwarded-for': '192.0.2.20' } })
      await s.get('/admin/haslo')
      const res = await s.submit('/admin/haslo', { email })
      return { status: res.status, html: (await res.text()).replace(/name="_csrf" value="[^"]+"/g, '') }
    }
    const known = await ask('Autor.Resetu@depesza.test')
    const unknown = await ask('nikogo.tu.nie.ma@depesza.test')
    expect(known.status).toBe(200)
    expect(unknown).toEqual(known)
    expect(known.html).toContain('Jeśli istnieje konto o tym adresie, wysłaliśmy na nie link do ustawienia nowego hasła.')

    const mail = await mailTo('autor.resetu@depesza.test')
    expect(mail.subject).toMatch(/^Ustawienie nowego hasła: /)
    const link = /https:\/\/depesza\.test(\/admin\/haslo\/[A-Za-z0-9_-]+)/.exec(mail.text)![1]!
    await new Promise((r) => setTimeout(r, 300))
    expect(inbox.filter((m) => m.to.includes('nikogo.tu.nie.ma@depesza.test'))).toHaveLength(0)

    // A signed-in session of the user ends when the password is reset.
    const before = await loginAs(t, user)
    const b = new HttpSession(t.app, { headers: { 'x-forwarded-for': '192.0.2.21' } })
    const form = await b.get(link)
    expect(form.status).toBe(200)
    expect(await form.text()).toContain('<h1>Ustaw nowe hasło</h1>')
    expect((await b.submit(link, { password: 'nowe', password2: 'nowe' })).status).toBe(422)
    const set = await b.submit(link, { password: 'całkiem-nowe-hasło', password2: 'całkiem-nowe-hasło' })
    expect(set.status).toBe(303)
    expect(set.headers.get('location')).toBe('/admin/logowanie?haslo')
    expect(await (await b.get('/admin/logowanie?haslo')).text()).toContain('Hasło zostało zmienione. Zaloguj się nowym hasłem.')
    expect((await before.get('/admin')).status).toBe(303)
    expect((await b.submit('/admin/logowanie', { email: user.email, password: user.password })).status).toBe(401)
    expect((await b.submit('/admin/logowanie', { email: user.email, password: 'całkiem-nowe-hasło' })).status).toBe(303)
    // Used once.
    expect((await new HttpSession(t.app).get(link)).status).toBe(404)
    const actions = (await t.testDb.db.selectFrom('audit_log').select('action').where('target', '=', `user:${user.id}`).execute()).map((r) => r.action)
    expect(actions).toEqual(expect.arrayContaining(['password.reset_requested', 'password.reset']))
  })

  it('expires password links after an hour and limits requests per address', async () => {
    await createUser(t.testDb.db, 'author', { email: 'spozniony@depesza.test' })
    const s = new HttpSession(t.app, { headers: { 'x-forwarded-for': '192.0.2.30' } })
    await s.get('/admin/haslo')
    await s.submit('/admin/haslo', { email: 'spozniony@depesza.test' })
    const link = /https:\/\/depesza\.test(\/admin\/haslo\/[A-Za-z0-9_-]+)/.exec((await mailTo('spozniony@depesza.test')).text)![1]!
    await s.submit('/admin/haslo', { email: 'spozniony@depesza.test' })
    await s.submit('/admin/haslo', { email: 'spozniony@depesza.test' })
    const fourth = await s.submit('/admin/haslo', { email: 'spozniony@depesza.test' })
    expect(fourth.status).toBe(429)
    expect(await fourth.text()).toContain('Zbyt wiele próśb o zmianę hasła.')
    // A newer request replaced the first link; wait for the last one and let it expire.
    await mailTo('spozniony@depesza.test')
    const last = /https:\/\/depesza\.test(\/admin\/haslo\/[A-Za-z0-9_-]+)/.exec((await mailTo('spozniony@depesza.test')).text)![1]!
    expect((await new HttpSession(t.app).get(link)).status).toBe(404)
    expect((await new HttpSession(t.app).get(last)).status).toBe(200)
    t.setNow(new Date(Date.now() + 61 * 60_000))
    try {
      expect((await new HttpSession(t.app).get(last)).status).toBe(404)
    } finally {
      t.setNow(new Date())
    }
  })
})

describe('an SMTP server that refuses connections', () => {
  let t: TestApp
  beforeAll(async () => {
    // A port that was free a moment ago: nothing listens there, so every send fails at once.
    const probe = createServer()
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()))
    const port = (probe.address() as AddressInfo).port
    await new Promise<void>((resolve) => probe.close(() => resolve()))
    t = await createTestApp('sqlite', { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'Depesza <no-reply@depesza.test>' })
  })
  afterAll(() => t.close())

  it('still creates the invitation, shows its link with a warning and records the failure', async () => {
    const admin = await createUser(t.testDb.db, 'administrator')
    const s = await loginAs(t, admin)
    await s.get('/admin/uzytkownicy')
    const res = await s.submit('/admin/uzytkownicy/zaproszenia', { email: 'bez.poczty@depesza.test', role: 'editor' })
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('Nie udało się wysłać e-maila: przekaż ten link zaproszonej osobie.')
    const link = /https:\/\/depesza\.test(\/admin\/zaproszenie\/[A-Za-z0-9_-]+)/.exec(html)![1]!
    expect((await new HttpSession(t.app).get(link)).status).toBe(200)
    const entry = await t.testDb.db.selectFrom('audit_log').select('detail').where('action', '=', 'invitation.created').executeTakeFirstOrThrow()
    expect(JSON.parse(entry.detail)).toMatchObject({ email: 'bez.poczty@depesza.test', mailed: 'failed' })
  })
})
