/**
 * @module
 * Browser contexts for the newsroom's browser tests: signed in as a user (a session row and
 * its cookie, as after sign-in), recording page errors, console errors and failed requests.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { createSession } from '../../src/accounts/sessions.js'
import type { Db } from '../../src/platform/db/database.js'

export interface WatchedPage {
  context: BrowserContext
  page: Page
  errors: string[]
}

export async function signedInPage(browser: Browser, db: Db, origin: string, userId: number, javaScriptEnabled = true): Promise<WatchedPage> {
  const token = await createSession(db, userId, new Date(), { ip: '127.0.0.1', userAgent: 'playwright' })
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'pl-PL', timezoneId: 'Europe/Warsaw', javaScriptEnabled })
  context.setDefaultTimeout(30_000)
  await context.addCookies([{ name: 'depesza_session', value: token, url: origin, httpOnly: true, sameSite: 'Lax' }])
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`))
  page.on('console', (msg) => {
    // Failed requests are reported below with their URL.
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) errors.push(`console: ${msg.text()}`)
  })
  page.on('response', (res) => {
    if (res.status() >= 400) errors.push(`${res.status()} ${res.request().method()} ${res.url()}`)
  })
  return { context, page, errors }
}
