/**
 * Managing the site in a real Chromium with JavaScript off (the pages need none), against the
 * demo site over HTTP: an editor edits the "O nas" page through its text form, renames a
 * section and puts a new entry in the main menu; a reader then sees all three on the site,
 * and the section's old address leads to the new one. Screenshots go to test-output/screenshots/.
 */
import fs from 'node:fs'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSession } from '../../src/accounts/sessions.js'
import { createUser, type TestUser } from '../accounts.js'
import { startDemoSite, type RunningSite } from './server.js'

const CHROMIUM = '/usr/bin/chromium'
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-gpu', '--no-first-run']
const SCREENSHOTS = fileURLToPath(new URL('../../test-output/screenshots/', import.meta.url))

let browser: Browser
let site: RunningSite
let editor: TestUser

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Browser tests need Chromium at ${CHROMIUM} (apt-get install chromium).`)
  const [b, s] = await Promise.allSettled([chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS }), startDemoSite()])
  if (b.status === 'fulfilled') browser = b.value
  if (s.status === 'fulfilled') site = s.value
  if (b.status === 'rejected' || s.status === 'rejected') {
    await Promise.allSettled([browser?.close(), site?.close()])
    throw b.status === 'rejected' ? b.reason : (s as PromiseRejectedResult).reason
  }
  editor = await createUser(site.app.deps.dbh.db, 'editor', { name: 'Edyta Redaktorka' })
  fs.mkdirSync(SCREENSHOTS, { recursive: true })
}, 120_000)

afterAll(async () => {
  await Promise.allSettled([browser?.close(), site?.close()])
})

async function editorPage(): Promise<Page> {
  const token = await createSession(site.app.deps.dbh.db, editor.id, new Date(), { ip: '127.0.0.1', userAgent: 'playwright' })
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'pl-PL', javaScriptEnabled: false })
  context.setDefaultTimeout(30_000)
  await context.addCookies([{ name: 'depesza_session', value: token, url: site.origin, httpOnly: true, sameSite: 'Lax' }])
  return context.newPage()
}

describe('managing the site in a browser (no JavaScript)', () => {
  it('edits a page, renames a section and adds a menu entry; readers see them at once', async () => {
    const page = await editorPage()

    // "O nas": a new paragraph with a link, through the text form.
    await page.goto(`${site.origin}/admin/strony`)
    await page.getByRole('link', { name: 'O nas' }).click()
    const body = page.getByLabel('Treść', { exact: true })
    const text = await body.inputValue()
    expect(text).toContain('## Jak pracujemy')
    await body.fill(`${text}\n\nNapisz do nas przez [formularz](/kontakt).`)
    await page.getByRole('button', { name: /Zapisz/ }).first().click()
    await expect.poll(() => page.locator('.notice').textContent()).toContain('Zapisano.')

    // A refused form keeps what was typed.
    await page.getByLabel('Adres (slug)').fill('Zły adres')
    await page.getByRole('button', { name: /Zapisz/ }).first().click()
    expect(await page.locator('.alert').first().textContent()).toContain('Adres może zawierać tylko małe litery')
    expect(await page.getByLabel('Adres (slug)').inputValue()).toBe('Zły adres')
    await page.screenshot({ path: `${SCREENSHOTS}site-admin-page-error.png`, fullPage: true })

    // The "Kultura" section becomes "Kultura i sztuka" at a new address.
    await page.goto(`${site.origin}/admin/dzialy`)
    await page.getByRole('link', { name: 'Kultura', exact: true }).click()
    await page.getByLabel('Nazwa działu').fill('Kultura i sztuka')
    await page.getByLabel('Adres (slug)').fill('kultura-i-sztuka')
    await page.getByRole('button', { name: 'Zapisz' }).click()
    await expect.poll(() => page.locator('.alert, .notice').first().textContent()).toContain('Zapisano.')

    // A new main-menu entry to an outside address, first in order.
    await page.goto(`${site.origin}/admin/menu`)
    const main = page.locator('section.box').first()
    const rows = main.locator('tbody tr')
    const spare = (await rows.count()) - 3
    await main.getByLabel(`Kolejność ${spare + 1}`).fill('1')
    await main.getByLabel(`Etykieta ${spare + 1}`).fill('Archiwum')
    await main.getByLabel(`Prowadzi do ${spare + 1}`).selectOption('url')
    await main.getByLabel(`Adres (gdy „inny adres”) ${spare + 1}`).fill('https://archiwum.depesza.example/')
    await main.getByRole('button', { name: 'Zapisz menu' }).click()
    await expect.poll(() => page.locator('.notice').textContent()).toContain('Zapisano menu.')
    await page.screenshot({ path: `${SCREENSHOTS}site-admin-menu.png`, fullPage: true })
    await page.context().close()

    // A reader (no session) sees everything at once: the page cache dropped the right pages.
    const reader = await browser.newContext({ javaScriptEnabled: false })
    const r = await reader.newPage()
    await r.goto(`${site.origin}/o-nas`)
    expect(await r.locator('main').textContent()).toContain('Napisz do nas przez formularz.')
    expect(await r.locator('main a[href="/kontakt"]').count()).toBeGreaterThan(0)
    const nav = r.locator('header nav').first()
    expect(await nav.locator('a').first().textContent()).toBe('Archiwum')
    expect(await nav.locator('a[href="/kultura-i-sztuka"]').count()).toBe(1)
    const response = await r.goto(`${site.origin}/kultura`)
    expect(r.url()).toBe(`${site.origin}/kultura-i-sztuka`)
    expect(response?.status()).toBe(200)
    expect(await r.locator('h1').first().textContent()).toContain('Kultura i sztuka')
    await reader.close()
  }, 120_000)
})
