/**
 * The wire desk, the translation desk and the quality gate in a real Chromium against a real
 * HTTP server (the demo site), with a local LibreTranslate-protocol server as the machine
 * translation the administrator configures: a translator pastes an English agency story
 * into the intake, takes it into the newsroom and translates it by machine on the desk; the
 * editor sees the gate's findings in the editor (the cut-off caption highlighted and listed)
 * and is refused publication; the caption is fixed on the desk; the story passes the gate
 * and is published with its attribution. Screenshots go to test-output/screenshots/.
 */
import fs from 'node:fs'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSession } from '../../src/accounts/sessions.js'
import { libreTranslateServer, type LocalServer } from '../../src/translation/test-servers.js'
import { createUser, type TestUser } from '../accounts.js'
import { startDemoSite, type RunningSite } from './server.js'

const CHROMIUM = '/usr/bin/chromium'
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-gpu', '--no-first-run']
const SCREENSHOTS = fileURLToPath(new URL('../../test-output/screenshots/', import.meta.url))

const PASTED = [
  'US and Iraq begin talks on ending the coalition mission',
  '',
  'Photo: Iraqi Prime Minister Mohammed Shia al-Sudani and US General Joel Vowell',
  'Alt: Two men shake hands in front of flags.',
  '',
  'Lead: The two countries decided to start a dialogue on the future of the mission.',
  '',
  'The first round of talks began in Baghdad on Saturday.',
].join('\n')

const CUT_CAPTION = 'Premier Iraku Mohammed Szija as-Sudani i'
const TABLE: Record<string, string> = {
  'US and Iraq begin talks on ending the coalition mission': 'USA i Irak rozpoczynają rozmowy o zakończeniu misji koalicji',
  // As the seed page shows, machines and hurried editors cut captions off.
  'Iraqi Prime Minister Mohammed Shia al-Sudani and US General Joel Vowell': CUT_CAPTION,
  'Two men shake hands in front of flags.': 'Dwaj mężczyźni ściskają sobie dłonie na tle flag.',
  'The two countries decided to start a dialogue on the future of the mission.': 'Oba kraje postanowiły rozpocząć dialog o przyszłości misji.',
  'The first round of talks began in Baghdad on Saturday.': 'Pierwsza runda rozmów rozpoczęła się w sobotę w Bagdadzie.',
}
const FIXED_CAPTION = 'Premier Iraku Mohammed Szija as-Sudani i amerykański generał Joel Vowell w Bagdadzie.'

let browser: Browser
let site: RunningSite
let mt: LocalServer
let admin: TestUser
let translator: TestUser
let editor: TestUser

async function signedIn(user: TestUser): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const token = await createSession(site.app.deps.dbh.db, user.id, new Date(), { ip: '127.0.0.1', userAgent: 'playwright' })
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'pl-PL', timezoneId: 'Europe/Warsaw' })
  context.setDefaultTimeout(30_000)
  await context.addCookies([{ name: 'depesza_session', value: token, url: site.origin, httpOnly: true, sameSite: 'Lax' }])
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`))
  return { context, page, errors }
}

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Browser tests need Chromium at ${CHROMIUM} (apt-get install chromium).`)
  mt = await libreTranslateServer(TABLE)
  const [b, s] = await Promise.allSettled([chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS }), startDemoSite()])
  if (b.status === 'fulfilled') browser = b.value
  if (s.status === 'fulfilled') site = s.value
  if (b.status === 'rejected' || s.status === 'rejected') {
    await Promise.allSettled([browser?.close(), site?.close(), mt.close()])
    throw b.status === 'rejected' ? b.reason : (s as PromiseRejectedResult).reason
  }
  admin = await createUser(site.app.deps.dbh.db, 'administrator', { name: 'Ada Administratorka' })
  translator = await createUser(site.app.deps.dbh.db, 'translator', { name: 'Tomasz Tłumacz' })
  editor = await createUser(site.app.deps.dbh.db, 'editor', { name: 'Ewa Wydawczyni' })
  fs.mkdirSync(SCREENSHOTS, { recursive: true })
})

afterAll(async () => {
  await browser?.close()
  await site?.close()
  await mt?.close()
})

describe('wire → translation desk → quality gate → published, in Chromium', { timeout: 240_000 }, () => {
  it('an item is taken from intake, machine-translated, a caption is fixed, the story passes the gate and is published with attribution', async () => {
    // ── the administrator chooses LibreTranslate ──
    const a = await signedIn(admin)
    try {
      await a.page.goto(`${site.origin}/admin/ustawienia/tlumaczenie`)
      await a.page.getByLabel('Dostawca').selectOption('libretranslate')
      await a.page.getByLabel('Adres serwera lub API').fill(mt.url)
      await a.page.getByLabel('Klucz API').fill('klucz-testowy')
      await a.page.getByRole('button', { name: 'Zapisz' }).click()
      await a.page.getByText('Zapisano ustawienia tłumaczenia.').waitFor()
      expect(await a.page.content()).not.toContain('klucz-testowy')
    } finally {
      await a.context.close()
    }

    // ── the translator: intake → newsroom → desk ──
    const tr = await signedIn(translator)
    let articleId: number
    try {
      const { page } = tr
      await page.goto(`${site.origin}/admin/serwisy/dodaj`)
      await page.locator('#wt-text').fill(PASTED)
      await page.getByLabel('Źródło (agencja lub redakcja)').fill('Reuters')
      await page.locator('#wt-attributionKind').selectOption('agency').catch(() => undefined)
      await page.getByLabel('Język oryginału (opcjonalnie, np. en)').fill('en')
      await page.getByRole('button', { name: 'Dodaj', exact: true }).click()
      await page.waitForURL(/\/admin\/serwisy\/\d+/)
      await page.getByRole('button', { name: 'Weź do redakcji' }).first().click()
      await page.waitForURL(/\/admin\/artykuly\/\d+/)
      articleId = Number(/\/admin\/artykuly\/(\d+)/.exec(page.url())![1])
      // The editor's panel links the desk.
      await page.locator('#desk-link').click()
      await page.waitForURL(/\/przeklad$/)
      await expect.poll(() => page.getByLabel('Język oryginału (dwie litery, np. en)').inputValue()).toBe('en')
      await page.getByRole('button', { name: 'Rozpocznij tłumaczenie' }).click()
      await page.getByText('Rozpoczęto tłumaczenie').waitFor()
      expect(await page.locator('td.source').first().textContent()).toContain('US and Iraq begin talks')
      await page.getByRole('button', { name: /Przetłumacz maszynowo wszystkie/ }).click()
      await page.getByText('Przetłumaczono maszynowo').waitFor()
      const caption = page.locator('tr[data-segment$=":caption"]')
      expect(await caption.locator('textarea').inputValue()).toBe(CUT_CAPTION)
      expect(await caption.locator('[data-status]').getAttribute('data-status')).toBe('machine')
      expect(await page.locator('#desk-untranslated').textContent()).toBe('wszystkie elementy przetłumaczone')
      await page.screenshot({ path: `${SCREENSHOTS}translation-desk.png`, fullPage: true })
      expect(mt.received.at(-1)!.body).toMatchObject({ source: 'en', target: 'pl', api_key: 'klucz-testowy' })
    } finally {
      await tr.context.close()
    }

    // ── the editor: the gate shows the cut-off caption and refuses publication ──
    const ed = await signedIn(editor)
    try {
      const { page } = ed
      await page.goto(`${site.origin}/admin/artykuly/${articleId}`)
      const error = page.locator('#qa-list .qa-item.qa-error[data-kind="cut-off"]')
      await error.waitFor()
      expect(await error.textContent()).toContain('Podpis zdjęcia')
      // The image block with the cut-off caption is outlined in the editor.
      expect(await page.locator('.ProseMirror .qa-block.qa-error').count()).toBeGreaterThan(0)
      await page.screenshot({ path: `${SCREENSHOTS}gate-findings.png`, fullPage: true })
      await page.locator('.workflow button[data-action="publish"]').click()
      await page.getByText('Nie można jeszcze opublikować').waitFor()
      expect(await page.locator('#story-alert').textContent()).toMatch(/Kontrola jakości znalazła/)
      const live = await site.app.deps.dbh.db.selectFrom('articles').select('status').where('id', '=', articleId).executeTakeFirstOrThrow()
      expect(live.status).toBe('draft')
    } finally {
      await ed.context.close()
    }

    // ── the translator fixes the caption on the desk and approves it ──
    const tr2 = await signedIn(translator)
    try {
      const { page } = tr2
      await page.goto(`${site.origin}/admin/artykuly/${articleId}/przeklad`)
      const caption = page.locator('tr[data-segment$=":caption"]')
      await caption.locator('textarea').fill(FIXED_CAPTION)
      await caption.getByRole('button', { name: 'Zapisz i zatwierdź' }).click()
      await page.getByText('Zatwierdzono element.').waitFor()
      expect(await page.locator('tr[data-segment$=":caption"] [data-status]').getAttribute('data-status')).toBe('approved')
    } finally {
      await tr2.context.close()
    }

    // ── the editor publishes; the site credits the agency ──
    const ed2 = await signedIn(editor)
    try {
      const { page, errors } = ed2
      await page.goto(`${site.origin}/admin/artykuly/${articleId}`)
      await page.locator('#qa-summary').filter({ hasText: /Bez uwag|Błędy: 0/ }).waitFor()
      await page.locator('.workflow button[data-action="publish"]').click()
      await page.waitForURL(/zrobione=publish/)
      const slug = (await site.app.deps.newsroom.get(articleId)).snapshot.slug
      const live = await page.goto(`${site.origin}/artykul/${slug}`)
      expect(live!.status()).toBe(200)
      const text = (await page.locator('main').textContent())!.replace(/\s+/g, ' ')
      expect(text).toContain('USA i Irak rozpoczynają rozmowy')
      expect(text).toContain('Reuters')
      expect(text).toContain('Tłumaczenie z języka angielskiego')
      // The photo itself is still to be chosen from the library (the site shows no empty figure); its caption is fixed.
      const image = (await site.app.deps.newsroom.get(articleId)).snapshot.body.content.find((b) => b.type === 'image')
      expect(image).toMatchObject({ attrs: { caption: FIXED_CAPTION, alt: 'Dwaj mężczyźni ściskają sobie dłonie na tle flag.' } })
      expect(errors).toEqual([])
    } finally {
      await ed2.context.close()
    }
  })
})
