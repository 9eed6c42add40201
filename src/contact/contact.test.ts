import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { basicSite, paragraphs } from '../../test/fixtures.js'
import { createTestApp, DIALECTS, type TestApp } from '../../test/support.js'
import { notificationText, validateContact } from './contact.js'

const ORIGIN = 'https://depesza.test'
const VALID = { name: 'Jan Kowalski', email: 'jan.kowalski@example.pl', message: 'Dzień dobry, mam pytanie o prenumeratę.' }

let ipCounter = 0
/** A fresh client address per call, so tests do not share one rate-limit bucket. */
const freshIp = () => `192.0.2.${++ipCounter % 250}`

function post(t: TestApp, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return t.app.request('/kontakt', {
    method: 'POST',
    headers: { Origin: ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-For': freshIp(), ...headers },
    body: new URLSearchParams(fields).toString(),
  })
}

async function messages(t: TestApp) {
  return t.testDb.db.selectFrom('contact_messages').selectAll().orderBy('id').execute()
}

describe('validateContact', () => {
  it('names each bad field in Polish', () => {
    const r = validateContact({ name: ' ', email: 'nie-adres', message: 'krótko' })
    expect(r).toEqual({
      ok: false,
      errors: {
        name: 'Podaj imię i nazwisko.',
        email: 'Podaj poprawny adres e-mail, np. jan.kowalski@example.pl.',
        message: 'Wiadomość musi mieć co najmniej 10 znaków.',
      },
    })
  })

  it('enforces the limits in characters, not UTF-16 units, and normalises whitespace', () => {
    expect(validateContact({ ...VALID, name: 'ż'.repeat(200) }).ok).toBe(true)
    expect(validateContact({ ...VALID, name: 'ż'.repeat(201) })).toMatchObject({ ok: false, errors: { name: 'Imię i nazwisko może mieć najwyżej 200 znaków.' } })
    expect(validateContact({ ...VALID, message: '😀'.repeat(5000) }).ok).toBe(true)
    expect(validateContact({ ...VALID, message: 'a'.repeat(5001) })).toMatchObject({ ok: false, errors: { message: 'Wiadomość może mieć najwyżej 5000 znaków.' } })
    const ok = validateContact({ name: ' Jan\r\n  Kowalski ', email: ' jan@example.pl ', message: 'linia 1\r\nlinia 2' })
    expect(ok).toEqual({ ok: true, data: { name: 'Jan Kowalski', email: 'jan@example.pl', message: 'linia 1\nlinia 2' } })
  })

  it('formats the notification body with a Polish date', () => {
    const text = notificationText(VALID, { ip: '192.0.2.1', at: new Date('2026-11-27T13:05:00Z'), timeZone: 'Europe/Warsaw' })
    expect(text).toContain('Imię i nazwisko: Jan Kowalski\nE-mail: jan.kowalski@example.pl\n')
    expect(text).toMatch(/Czas: 27 listopada 2026.*14:05/)
    expect(text).toContain('IP: 192.0.2.1')
    expect(text).toContain(`Wiadomość:\n${VALID.message}`)
  })
})

describe.each(DIALECTS)('%s: contact page', (dialect) => {
  let t: TestApp

  beforeAll(async () => {
    t = await createTestApp(dialect, { TRUST_PROXY: '1', CONTACT_RATE_LIMIT: '3' })
    await basicSite(t.testDb.db)
  })
  afterAll(() => t.close())

  it('shows a heading and the form when there is no "kontakt" page', async () => {
    const res = await t.app.request('/kontakt')
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('<h1>Kontakt</h1>')
    expect(html).toMatch(/<form class="contact" method="post" action="\/kontakt" novalidate="">/)
    for (const name of ['name', 'email', 'message']) expect(html).toMatch(new RegExp(`name="${name}"`))
    expect(html).toContain('<label for="kontakt-name">Imię i nazwisko</label>')
    expect(html).toContain('<label for="kontakt-email">E-mail</label>')
    expect(html).toContain('<label for="kontakt-message">Wiadomość</label>')
    // The honeypot is hidden from people and assistive technology, and skipped by Tab.
    const hp = html.match(/<div class="hp" aria-hidden="true">[\s\S]*?<\/div>/)?.[0]
    expect(hp).toBeDefined()
    expect(hp).toMatch(/<input[^>]*name="website"[^>]*tabindex="-1"[^>]*autocomplete="off"/)
    expect(html).not.toContain('aria-invalid')
    expect(html).toMatch(/<a href="\/kontakt" aria-current="page">Kontakt<\/a>/)
  })

  it('shows the editable "kontakt" page above the form', async () => {
    await t.deps.content.create({
      kind: 'page',
      slug: 'kontakt',
      headline: 'Kontakt z redakcją',
      body: paragraphs('Redakcja pracuje w dni robocze w godzinach 8–18.'),
      status: 'published',
    })
    const html = await (await t.app.request('/kontakt')).text()
    const text = html.replace(/\u00a0/g, ' ')
    expect(text).toContain('<h1>Kontakt z redakcją</h1>')
    expect(text).toContain('Redakcja pracuje w dni robocze w godzinach 8–18.')
    expect(html).toContain('<form class="contact"')
  })

  it('answers a post with errors with Polish messages next to each field, a summary and the input kept', async () => {
    const res = await post(t, { name: 'Anna Nowak', email: 'anna(at)example', message: 'za krótko' })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('Formularz zawiera 2 błędy')
    expect(html).toContain('<a href="#kontakt-email">E-mail: Podaj poprawny adres e-mail, np. jan.kowalski@example.pl.</a>')
    expect(html).toContain('<a href="#kontakt-message">Wiadomość: Wiadomość musi mieć co najmniej 10 znaków.</a>')
    expect(html).toMatch(/<input[^>]*id="kontakt-email"[^>]*aria-invalid="true"[^>]*aria-describedby="kontakt-email-blad"[^>]*value="anna\(at\)example"/)
    expect(html).toContain('<p class="field-error" id="kontakt-email-blad">Podaj poprawny adres e-mail, np. jan.kowalski@example.pl.</p>')
    expect(html).toMatch(/<textarea[^>]*aria-invalid="true"[^>]*aria-describedby="kontakt-message-blad"[^>]*>za krótko<\/textarea>/)
    // The valid field keeps its value and is not marked.
    expect(html).toMatch(/<input id="kontakt-name" name="name" required="" type="text" value="Anna Nowak"/)
    expect(html).not.toContain('kontakt-name-blad')
    expect(await messages(t)).toHaveLength(0)
  })

  it('reports every missing field when the form is posted empty', async () => {
    const res = await post(t, {})
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('Formularz zawiera 3 błędy')
    expect(html).toContain('Podaj imię i nazwisko.')
    expect(html).toContain('Podaj adres e-mail.')
    expect(html).toContain('Wpisz treść wiadomości.')
  })

  it('stores a valid message and redirects 303 to the thank-you page', async () => {
    const res = await post(t, VALID, { 'User-Agent': 'TestBrowser/1.0', 'X-Forwarded-For': '203.0.113.9, 10.0.0.1' })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/kontakt?wyslano=1')
    const rows = await messages(t)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ ...VALID, ip: '203.0.113.9', user_agent: 'TestBrowser/1.0', handled_at: null })
    expect(Date.parse(rows[0]!.created_at)).not.toBeNaN()

    const thanks = await t.app.request('/kontakt?wyslano=1')
    expect(thanks.status).toBe(200)
    const html = await thanks.text()
    expect(html).toContain('Dziękujemy! Twoja wiadomość została wysłana.')
    expect(html).toContain('<meta name="robots" content="noindex"')
    expect(html).not.toContain('<form class="contact"')
  })

  it('pretends success to a bot that fills the honeypot, but stores nothing', async () => {
    const before = (await messages(t)).length
    const res = await post(t, { ...VALID, website: 'https://spam.example' })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/kontakt?wyslano=1')
    expect(await messages(t)).toHaveLength(before)
  })

  it('refuses a cross-site post with 403 and stores nothing', async () => {
    const before = (await messages(t)).length
    const crossSite: Array<Record<string, string>> = [
      { Origin: 'https://evil.example' },
      { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' },
      { Origin: 'http://depesza.test' },
      { Origin: '' },
    ]
    for (const headers of crossSite) {
      const res = await post(t, VALID, headers)
      expect(res.status).toBe(403)
      expect(await res.text()).toContain('Formularz można wysłać tylko z naszej strony.')
    }
    // A browser that sends Sec-Fetch-Site: same-origin (and no Origin) is ours.
    const same = await t.app.request('/kontakt', {
      method: 'POST',
      headers: { 'Sec-Fetch-Site': 'same-origin', 'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-For': freshIp() },
      body: new URLSearchParams(VALID).toString(),
    })
    expect(same.status).toBe(303)
    expect(await messages(t)).toHaveLength(before + 1)
  })

  it('escapes hostile input when showing it back', async () => {
    const hostile = '<script>alert(1)</script>'
    const res = await post(t, { name: hostile, email: `"><img src=x onerror=alert(1)>`, message: `</textarea><script>alert(2)</script>` })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).not.toContain('<script>alert')
    expect(html).not.toContain('<img src=x')
    expect(html).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt;"')
    expect(html).toContain('&lt;/textarea&gt;&lt;script&gt;alert(2)&lt;/script&gt;</textarea>')
  })

  it('limits messages per IP per hour with 429, the form and the input kept', async () => {
    const ip = '198.51.100.77'
    const start = new Date('2026-11-27T12:00:00Z')
    t.setNow(start)
    try {
      for (let i = 0; i < 3; i++) {
        t.setNow(new Date(start.getTime() + i * 10 * 60_000))
        expect((await post(t, VALID, { 'X-Forwarded-For': ip })).status).toBe(303)
      }
      const before = (await messages(t)).length
      const res = await post(t, { ...VALID, message: 'Czwarta wiadomość w ciągu godziny.' }, { 'X-Forwarded-For': ip })
      expect(res.status).toBe(429)
      expect(Number(res.headers.get('retry-after'))).toBe(40 * 60)
      const html = await res.text()
      expect(html).toContain('Z tego adresu wysłano już zbyt wiele wiadomości. Spróbuj ponownie za 40 minut.')
      expect(html).toContain('>Czwarta wiadomość w ciągu godziny.</textarea>')
      expect(await messages(t)).toHaveLength(before)
      // Another visitor is not affected.
      expect((await post(t, VALID, { 'X-Forwarded-For': '198.51.100.78' })).status).toBe(303)
      // An hour after the first message the window has slid past it, and only it.
      t.setNow(new Date(start.getTime() + 60 * 60 * 1000))
      expect((await post(t, VALID, { 'X-Forwarded-For': ip })).status).toBe(303)
      expect((await post(t, VALID, { 'X-Forwarded-For': ip })).status).toBe(429)
    } finally {
      t.setNow(new Date())
    }
  })
})

/** Minimal RFC 5322 reading for the test: unfolded headers, RFC 2047 words, QP/base64 body. */
function parseMail(raw: string): { headers: Map<string, string>; text: string } {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/)
  const headers = new Map<string, string>()
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':')
    if (i > 0) headers.set(line.slice(0, i).toLowerCase(), decodeWords(line.slice(i + 1).trim()))
  }
  const body = rest.join('\n\n')
  const cte = headers.get('content-transfer-encoding')?.toLowerCase()
  const text =
    cte === 'quoted-printable'
      ? decodeQp(body)
      : cte === 'base64'
        ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
        : body
  return { headers, text: text.replace(/\r\n/g, '\n') }
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
    .replace(/=\?([^?]+)\?([QB])\?([^?]*)\?=/gi, (_, _charset: string, enc: string, data: string) =>
      enc.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : decodeQp(data.replace(/_/g, ' ')),
    )
}

describe.each(DIALECTS)('%s: contact notifications', (dialect) => {
  let server: SMTPServer
  let port: number
  const received: Array<{ from: string; to: string[]; raw: string }> = []
  let arrived: () => void = () => {}

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = []
        stream.on('data', (c: Buffer) => chunks.push(c))
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          })
          arrived()
          callback()
        })
      },
    })
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(0, '127.0.0.1', () => resolve())
    })
    port = (server.server.address() as AddressInfo).port
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it('mails the newsroom with the subject, reply-to and a plain-text body after storing', async () => {
    const t = await createTestApp(dialect, { TRUST_PROXY: '1', SMTP_URL: `smtp://127.0.0.1:${port}`, CONTACT_TO: 'redakcja@depesza.test', MAIL_FROM: 'Depesza <no-reply@depesza.test>' })
    try {
      await basicSite(t.testDb.db)
      const got = new Promise<void>((resolve) => (arrived = resolve))
      t.setNow(new Date('2026-11-27T13:05:00Z'))
      const res = await post(t, { ...VALID, name: 'Zażółć Gęślą' }, { 'X-Forwarded-For': '203.0.113.50' })
      expect(res.status).toBe(303)
      expect(await messages(t)).toHaveLength(1)
      await got
      const mail = received.at(-1)!
      expect(mail.to).toEqual(['redakcja@depesza.test'])
      expect(mail.from).toBe('no-reply@depesza.test')
      const { headers, text } = parseMail(mail.raw)
      expect(headers.get('subject')).toBe('Wiadomość z formularza kontaktowego: Zażółć Gęślą')
      expect(headers.get('reply-to')).toBe(VALID.email)
      expect(headers.get('content-type')).toMatch(/^text\/plain/)
      expect(text).toContain('Imię i nazwisko: Zażółć Gęślą')
      expect(text).toContain(`E-mail: ${VALID.email}`)
      expect(text).toMatch(/Czas: 27 listopada 2026.*14:05/)
      expect(text).toContain('IP: 203.0.113.50')
      expect(text).toContain(VALID.message)
    } finally {
      await t.close()
    }
  })

  it('sends nothing without CONTACT_TO', async () => {
    const t = await createTestApp(dialect, { SMTP_URL: `smtp://127.0.0.1:${port}` })
    try {
      const before = received.length
      expect((await post(t, VALID)).status).toBe(303)
      expect(await messages(t)).toHaveLength(1)
      await new Promise((r) => setTimeout(r, 200))
      expect(received).toHaveLength(before)
    } finally {
      await t.close()
    }
  })

  describe('with an unreachable SMTP server', () => {
    let t: TestApp
    afterEach(() => t.close())

    it('still stores the message, shows success and logs the failure', async () => {
      // Port 1 on localhost: nothing listens, the connection is refused at once.
      t = await createTestApp(dialect, { SMTP_URL: 'smtp://127.0.0.1:1', CONTACT_TO: 'redakcja@depesza.test' })
      const logged = vi.spyOn(t.deps.logger, 'error')
      const res = await post(t, VALID)
      expect(res.status).toBe(303)
      expect(res.headers.get('location')).toBe('/kontakt?wyslano=1')
      expect(await messages(t)).toHaveLength(1)
      expect((await t.app.request('/kontakt?wyslano=1')).status).toBe(200)
      await vi.waitFor(() => expect(logged).toHaveBeenCalledWith(expect.objectContaining({ contactMessageId: expect.any(Number) }), expect.stringContaining('notification failed')), {
        timeout: 10_000,
      })
    })
  })
})
