/**
 * The whole newsroom in a real Chromium against a real HTTP server, starting from a fresh
 * installation with no accounts: the owner opens the one-time set-up link and creates the
 * first account; invites an editor and an author on the users page (the invitations also go
 * out by e-mail to an in-process SMTP server); each accepts and sets a password; the author
 * uploads a photo (made with sharp) with alt text, caption and credit, writes a story with it
 * in the TipTap editor and submits it; the editor publishes it; the story is on the home page
 * and in the RSS feed; the editor adds a correction ("Sprostowanie") and the article shows it.
 * Screenshots of the editor and the dashboard go to test-output/screenshots/.
 */
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import sharp from 'sharp'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSession } from '../../src/accounts/sessions.js'
import { createUser } from '../accounts.js'
import { createTestApp, type TestApp } from '../support.js'
import { requestListener } from './server.js'

const CHROMIUM = '/usr/bin/chromium'
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-gpu', '--no-first-run']
const SCREENSHOTS = fileURLToPath(new URL('../../test-output/screenshots/', import.meta.url))

let browser: Browser
let server: http.Server
let smtp: SMTPServer
let origin: string
let app: TestApp
/** Raw messages received by the SMTP server, with their recipients. */
const inbox: Array<{ to: string[]; raw: string }> = []

const plain = (s: string | null | undefined) => (s ?? '').replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim()

/** The invitation link in the last mail to `address` (quoted-printable soft breaks undone). */
function invitationMailedTo(address: string): string | undefined {
  const mail = inbox.filter((m) => m.to.includes(address)).at(-1)
  if (!mail) return undefined
  const text = mail.raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=')
  return /https?:\/\/[^\s]+\/admin\/zaproszenie\/[A-Za-z0-9_-]+/.exec(text)?.[0]
}

/** A fresh browser context (no session) that records page errors and failed requests. */
async function newPage(): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'pl-PL', timezoneId: 'Europe/Warsaw' })
  context.setDefaultTimeout(30_000)
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`))
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) errors.push(`console: ${msg.text()}`)
  })
  page.on('response', (res) => {
    // The browser's own /favicon.ico request is not the application's doing.
    if (res.status() >= 400 && !res.url().endsWith('/favicon.ico')) errors.push(`${res.status()} ${res.request().method()} ${res.url()}`)
  })
  return { context, page, errors }
}

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Browser tests need Chromium at ${CHROMIUM} (apt-get install chromium).`)
  fs.mkdirSync(SCREENSHOTS, { recursive: true })
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') })
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()))
  const smtpPort = (smtp.server.address() as AddressInfo).port
  // Listen first, so that PUBLIC_URL (links, the CSRF origin check) is the address the browser uses.
  let listener: http.RequestListener = (_req, res) => void res.writeHead(503).end()
  server = http.createServer((req, res) => listener(req, res))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  app = await createTestApp('sqlite', { PUBLIC_URL: origin, SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, MAIL_FROM: 'Depesza <no-reply@depesza.test>' })
  listener = requestListener(app)
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS })
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await new Promise<void>((resolve) => {
    server?.close(() => resolve())
    server?.closeAllConnections()
  })
  await app?.close()
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()))
})

describe('the newsroom from a fresh installation, in Chromium', () => {
  it('owner set-up → invitations → author writes with a photo and submits → editor publishes → home page and RSS → correction', { timeout: 300_000 }, async () => {
    expect(await app.deps.dbh.db.selectFrom('users').select('id').execute()).toEqual([])
    const token = app.deps.setupToken
    expect(token).toBeTruthy()
    const headline = 'Nowa biblioteka otwarta na Pradze'
    const open: Array<{ context: BrowserContext; errors: string[] }> = []
    try {
      // ── the owner: the one-time link `depesza start` prints ──
      const owner = await newPage()
      open.push(owner)
      await owner.page.goto(`${origin}/admin/setup/${token}`)
      expect(plain(await owner.page.locator('h1').textContent())).toBe('Zakładanie konta właściciela')
      await owner.page.getByLabel('Imię i nazwisko').fill('Olga Właścicielka')
      await owner.page.getByLabel('E-mail').fill('wlascicielka@depesza.test')
      await owner.page.getByLabel('Hasło', { exact: true }).fill('hasło-właścicielki-1')
      await owner.page.getByLabel('Powtórz hasło').fill('hasło-właścicielki-1')
      await owner.page.getByRole('button', { name: 'Utwórz konto administratora' }).click()
      await owner.page.waitForURL(`${origin}/admin`)
      expect(plain(await owner.page.locator('.admin-user').textContent())).toContain('Olga Właścicielka')
      // The link works once.
      expect((await owner.page.request.get(`${origin}/admin/setup/${token}`)).status()).toBe(404)

      // ── invitations from the users page ──
      const invite = async (email: string, role: string): Promise<string> => {
        await owner.page.goto(`${origin}/admin/uzytkownicy`)
        const form = owner.page.locator('form[action="/admin/uzytkownicy/zaproszenia"]')
        await form.getByLabel('E-mail').fill(email)
        await form.getByLabel('Rola').selectOption(role)
        await form.getByRole('button', { name: 'Utwórz zaproszenie' }).click()
        const shown = plain(await owner.page.locator('.notice code.link-box').textContent())
        expect(shown).toMatch(new RegExp(`^${origin}/admin/zaproszenie/[A-Za-z0-9_-]+$`))
        expect(plain(await owner.page.locator('.notice').textContent())).toContain('Zaproszenie wysłaliśmy też e-mailem.')
        // The same link arrives by e-mail.
        await expect.poll(() => invitationMailedTo(email), { timeout: 15_000 }).toBe(shown)
        return shown
      }
      const editorLink = await invite('redaktor@depesza.test', 'editor')
      const authorLink = await invite('autorka@depesza.test', 'author')
      const pending = owner.page.getByRole('table').filter({ hasText: 'autorka@depesza.test' })
      expect(plain(await pending.textContent())).toContain('redaktor@depesza.test')

      const accept = async (link: string, name: string, password: string) => {
        const who = await newPage()
        open.push(who)
        await who.page.goto(link)
        expect(plain(await who.page.locator('h1').textContent())).toBe('Dołącz do redakcji')
        await who.page.getByLabel('Imię i nazwisko').fill(name)
        await who.page.getByLabel('Hasło', { exact: true }).fill(password)
        await who.page.getByLabel('Powtórz hasło').fill(password)
        await who.page.getByRole('button', { name: 'Załóż konto' }).click()
        await who.page.waitForURL(`${origin}/admin`)
        expect(plain(await who.page.locator('.admin-user').textContent())).toContain(name)
        return who
      }
      const editor = await accept(editorLink, 'Edward Redaktor', 'hasło-redaktora-1')
      const author = await accept(authorLink, 'Anna Autorka', 'hasło-autorki-12')
      expect(plain(await editor.page.locator('.admin-user .role').textContent())).toBe('(redaktor)')
      expect(plain(await author.page.locator('.admin-user .role').textContent())).toBe('(autor)')

      // ── the author: a photo into the library, with alt text, credit and caption ──
      const { page } = author
      await page.goto(`${origin}/admin/media`)
      await page.locator('.dropzone-hint').waitFor({ state: 'visible' })
      const photo = await sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: 180, g: 120, b: 60 } } })
        .composite([{ input: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="800"><rect x="200" y="150" width="800" height="500" fill="#2a5d8f"/></svg>') }])
        .jpeg({ quality: 80 })
        .toBuffer()
      await page.setInputFiles('#media-file', { name: 'biblioteka-praga.jpg', mimeType: 'image/jpeg', buffer: photo })
      await page.fill('#media-alt', 'Nowy budynek biblioteki z dużymi oknami')
      await page.fill('#media-credit', 'Anna Autorka')
      await page.getByRole('button', { name: 'Prześlij' }).click()
      await page.getByText('biblioteka-praga.jpg: przesłano.').waitFor()
      await page.reload()
      await page.getByRole('link', { name: 'Nowy budynek biblioteki z dużymi oknami' }).click()
      await page.locator('#m-caption').fill('Biblioteka przy ulicy Stalowej w dniu otwarcia')
      await page.getByRole('button', { name: 'Zapisz opis' }).click()
      await expect.poll(() => page.locator('#m-caption').inputValue()).toBe('Biblioteka przy ulicy Stalowej w dniu otwarcia')
      const media = await app.deps.dbh.db.selectFrom('media').selectAll().executeTakeFirstOrThrow()
      expect(media).toMatchObject({ alt: 'Nowy budynek biblioteki z dużymi oknami', credit: 'Anna Autorka', caption: 'Biblioteka przy ulicy Stalowej w dniu otwarcia' })

      // ── the author writes the story in the editor ──
      await page.goto(`${origin}/admin/artykuly/nowy`)
      const body = page.getByRole('textbox', { name: 'Treść' })
      await body.waitFor()
      await page.getByLabel('Tytuł', { exact: true }).fill(headline)
      await page.getByLabel('Lead').fill('Mieszkańcy Pragi mają nową bibliotekę z czytelnią i salą dla dzieci.')
      await body.click()
      await page.keyboard.type('Budynek stanął w miejscu dawnej hali. W czytelni jest sto miejsc.')
      await page.keyboard.press('Enter')
      await page.locator('#tb-image').click()
      const picker = page.getByRole('dialog', { name: 'Wybierz zdjęcie z biblioteki' })
      await picker.getByRole('button', { name: `Wybierz: Nowy budynek biblioteki z dużymi oknami (nr ${media.id})` }).click()
      const figure = page.locator('.ProseMirror figure.image-block')
      await expect.poll(() => figure.locator('img').evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth > 0), { timeout: 15_000 }).toBe(true)
      expect(await figure.locator('img').getAttribute('alt')).toBe('Nowy budynek biblioteki z dużymi oknami')
      expect(plain(await figure.locator('figcaption').textContent())).toContain('Biblioteka przy ulicy Stalowej w dniu otwarcia')
      await page.waitForURL(/\/admin\/artykuly\/\d+$/, { timeout: 20_000 })
      const articleId = Number(/(\d+)$/.exec(page.url())![1])
      await expect
        .poll(async () => (await app.deps.newsroom.get(articleId)).snapshot.body.content.map((b) => b.type), { timeout: 20_000 })
        .toEqual(expect.arrayContaining(['paragraph', 'image']))
      await page.screenshot({ path: `${SCREENSHOTS}newsroom-editor.png`, fullPage: true })
      await page.getByRole('button', { name: 'Wyślij do akceptacji' }).click()
      await page.waitForURL(/zrobione=submit/)
      expect(plain(await page.locator('#story-status').textContent())).toBe('Wysłano do akceptacji.')
      expect(plain(await page.locator('.story-meta .badge').textContent())).toBe('Do akceptacji')
      const submitted = await app.deps.newsroom.get(articleId)
      expect(submitted.snapshot.body.content.find((b) => b.type === 'image')).toMatchObject({ attrs: { mediaId: media.id } })

      // ── the editor publishes from the dashboard ──
      const e = editor.page
      await e.goto(`${origin}/admin`)
      const review = e.getByRole('region', { name: 'Do akceptacji' })
      await review.getByRole('link', { name: headline }).waitFor()
      await e.screenshot({ path: `${SCREENSHOTS}newsroom-dashboard.png`, fullPage: true })
      await review.getByRole('link', { name: headline }).click()
      await e.waitForURL(`${origin}/admin/artykuly/${articleId}`)
      await e.getByRole('textbox', { name: 'Treść' }).waitFor()
      await e.getByRole('button', { name: 'Opublikuj' }).click()
      await e.waitForURL(/zrobione=publish/)
      expect(plain(await e.locator('#story-status').textContent())).toBe('Opublikowano.')

      // ── the site: home page, the article with its photo, the RSS feed ──
      const reader = await newPage()
      open.push(reader)
      const r = reader.page
      expect((await r.goto(`${origin}/`))?.status()).toBe(200)
      const teaser = r.getByRole('link', { name: headline }).first()
      await teaser.waitFor()
      await teaser.click()
      const articleUrl = r.url()
      expect(plain(await r.locator('h1').textContent())).toBe(headline)
      const bodyFigure = r.locator('.article-body figure').first()
      expect(await bodyFigure.locator('img').getAttribute('alt')).toBe('Nowy budynek biblioteki z dużymi oknami')
      const caption = plain(await bodyFigure.locator('figcaption').textContent())
      expect(caption).toContain('Biblioteka przy ulicy Stalowej w dniu otwarcia')
      expect(caption).toContain('Anna Autorka')
      const rss = await r.request.get(`${origin}/rss.xml`)
      expect(rss.status()).toBe(200)
      expect(rss.headers()['content-type']).toBe('application/rss+xml; charset=utf-8')
      const feed = await rss.text()
      expect(feed).toContain(`<title>${headline}</title>`)
      expect(feed).toContain(`<link>${articleUrl}</link>`)

      // ── the editor adds a correction; the article shows it ──
      await e.goto(`${origin}/admin/artykuly/${articleId}`)
      await e.getByRole('textbox', { name: 'Treść' }).waitFor()
      await e.locator('#correct-box summary').click()
      await e.getByLabel('Sprostowanie', { exact: true }).check()
      const note = 'W pierwszej wersji tekstu podaliśmy błędną liczbę miejsc w czytelni.'
      await e.locator('#s-correctionText').fill(note)
      await e.getByRole('button', { name: 'Dodaj notkę' }).click()
      await e.waitForURL(/zrobione=correct/)
      expect(plain(await e.locator('#story-status').textContent())).toBe('Dodano notkę pod artykułem.')
      // The reader reloads (a plain revisit may be answered from the browser's cache: max-age=60).
      expect(r.url()).toBe(articleUrl)
      await r.reload()
      const corrections = plain(await r.locator('section.notes').textContent())
      expect(corrections).toContain('Sprostowanie')
      expect(corrections).toContain(note)

      for (const who of open) expect(who.errors).toEqual([])
    } finally {
      for (const who of open) await who.context.close()
    }
  })

  it('an English-speaking author gets the editor in English, the bundle included', { timeout: 120_000 }, async () => {
    const author = await createUser(app.deps.dbh.db, 'author', { name: 'Emma Author', language: 'en' })
    const token = await createSession(app.deps.dbh.db, author.id, new Date(), { ip: '127.0.0.1', userAgent: 'playwright' })
    const who = await newPage()
    try {
      await who.context.addCookies([{ name: 'depesza_session', value: token, url: origin, httpOnly: true, sameSite: 'Lax' }])
      const { page } = who
      await page.goto(`${origin}/admin/artykuly/nowy`)
      expect(await page.locator('html').getAttribute('lang')).toBe('en')
      expect(plain(await page.locator('h1').textContent())).toBe('New story')
      // The bundle's own texts come from the page's English messages.
      const toolbar = page.getByRole('toolbar', { name: 'Text formatting' })
      await toolbar.waitFor()
      expect(await page.locator('#tb-bold').getAttribute('aria-label')).toBe('Bold (Ctrl+B)')
      expect(plain(await page.locator('#editor-help').textContent())).toMatch(/^Alt\+F10: toolbar\./)
      await page.getByLabel('Headline', { exact: true }).fill('A library opens in Praga')
      await page.getByRole('textbox', { name: 'Body' }).click()
      await page.keyboard.type('The reading room has a hundred seats.')
      await page.waitForURL(/\/admin\/artykuly\/\d+$/, { timeout: 20_000 })
      await expect.poll(async () => plain(await page.locator('#story-status').textContent()), { timeout: 20_000 }).toMatch(/^Saved automatically at .* \(version \d+\)\.$/)
      await page.locator('#tb-image').click()
      const picker = page.getByRole('dialog', { name: 'Choose a photo from the library' })
      await expect.poll(async () => plain(await picker.getByRole('status').textContent()), { timeout: 15_000 }).toMatch(/^Photos: \d+$/)
      await picker.getByRole('button', { name: 'Cancel' }).click()
      await page.screenshot({ path: `${SCREENSHOTS}newsroom-editor-en.png`, fullPage: false })
      expect(who.errors).toEqual([])
    } finally {
      await who.context.close()
    }
  })
})
