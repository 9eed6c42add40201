/**
 * "Przetłumacz na…" in a real Chromium against the demo site with the English edition on: a
 * translator opens a published story, picks English and creates the translation; the editor
 * of the new story opens with the story's language versions; a reader of the Polish site
 * switches to the English edition from the footer.
 */
import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSession } from '../../src/accounts/sessions.js'
import { createUser, type TestUser } from '../accounts.js'
import { startDemoSite, type RunningSite } from './server.js'

const CHROMIUM = '/usr/bin/chromium'
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-gpu', '--no-first-run']

let browser: Browser
let site: RunningSite
let translator: TestUser

beforeAll(async () => {
  const [b, s] = await Promise.allSettled([chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS }), startDemoSite({ DEPESZA_EDITIONS: 'pl,en' })])
  if (b.status === 'rejected' || s.status === 'rejected') {
    await Promise.allSettled([b.status === 'fulfilled' ? b.value.close() : null, s.status === 'fulfilled' ? s.value.close() : null])
    throw b.status === 'rejected' ? b.reason : (s as PromiseRejectedResult).reason
  }
  browser = b.value
  site = s.value
  translator = await createUser(site.app.deps.dbh.db, 'translator', { name: 'Tomasz Tłumacz' })
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await site?.close()
})

describe('translating a story into another edition', () => {
  it('creates the English version from the editor and lets readers switch editions', async () => {
    const db = site.app.deps.dbh.db
    const source = await db.selectFrom('articles').select(['id', 'headline']).where('kind', '=', 'article').where('status', '=', 'published').where('language', '=', 'pl').orderBy('id').executeTakeFirstOrThrow()
    const token = await createSession(db, translator.id, new Date(), { ip: '127.0.0.1', userAgent: 'playwright' })
    const context = await browser.newContext({ locale: 'pl-PL', timezoneId: 'Europe/Warsaw' })
    context.setDefaultTimeout(30_000)
    await context.addCookies([{ name: 'depesza_session', value: token, url: site.origin, httpOnly: true, sameSite: 'Lax' }])
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (err) => errors.push(err.message))
    try {
      await page.goto(`${site.origin}/admin/artykuly/${source.id}`)
      const box = page.locator('section[aria-labelledby="versions-h"]')
      await expect(box.getByRole('heading', { name: 'Wersje językowe' }).isVisible()).resolves.toBe(true)
      await box.getByLabel('Przetłumacz na…').selectOption('en')
      await Promise.all([page.waitForURL(/\/admin\/artykuly\/\d+\?zapisano$/), box.getByRole('button', { name: 'Utwórz tłumaczenie' }).click()])
      const copyId = Number(/\/admin\/artykuly\/(\d+)/.exec(page.url())![1])
      expect(copyId).not.toBe(source.id)
      // The copy's editor: the original is linked from its versions box.
      const versions = page.locator('section[aria-labelledby="versions-h"]')
      await expect(versions.locator(`a[href="/admin/artykuly/${source.id}"]`).textContent()).resolves.toBe(source.headline)
      const row = await db.selectFrom('articles').select(['language', 'translated_from_id', 'status']).where('id', '=', copyId).executeTakeFirstOrThrow()
      expect(row).toEqual({ language: 'en', translated_from_id: source.id, status: 'draft' })
      expect(errors).toEqual([])
    } finally {
      await context.close()
    }

    // A reader (no session) switches from the Polish home to the English edition.
    const reader = await browser.newContext({ locale: 'pl-PL' })
    try {
      const home = await reader.newPage()
      await home.goto(`${site.origin}/`)
      await Promise.all([home.waitForURL(`${site.origin}/en/`), home.getByRole('navigation', { name: 'Wersje językowe' }).getByRole('link', { name: 'English' }).click()])
      await expect(home.locator('html').getAttribute('lang')).resolves.toBe('en')
      await expect(home.getByRole('link', { name: 'Skip to content' }).count()).resolves.toBe(1)
    } finally {
      await reader.close()
    }
  })
})
