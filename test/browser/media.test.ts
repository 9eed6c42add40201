/**
 * The media library in a real Chromium with JavaScript on, against a real HTTP server: an
 * editor picks a photo with the page's file picker and uploads it (the enhancing script sends
 * it with fetch under `script-src 'self'`), sees it in the library, drops a second image onto
 * the drop zone, and finds both after reloading. A screenshot goes to test-output/screenshots/.
 */
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser } from 'playwright-core'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { jpegWithExif } from '../../src/media/test-images.js'
import { signedInPage, type WatchedPage } from './pages.js'
import { createUser, type TestUser } from '../accounts.js'
import { createTestApp, type TestApp } from '../support.js'
import { requestListener } from './server.js'

const CHROMIUM = '/usr/bin/chromium'
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-gpu', '--no-first-run']
const SCREENSHOTS = fileURLToPath(new URL('../../test-output/screenshots/', import.meta.url))

let browser: Browser
let server: http.Server
let origin: string
let app: TestApp
let editor: TestUser

/** Listens first, so that PUBLIC_URL (the CSRF origin check) is the address the browser uses. */
async function startServer(): Promise<void> {
  let listener: http.RequestListener = (_req, res) => void res.writeHead(503).end()
  server = http.createServer((req, res) => listener(req, res))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  app = await createTestApp('sqlite', { PUBLIC_URL: origin })
  listener = requestListener(app)
}

async function signedIn(user: TestUser): Promise<WatchedPage> {
  return signedInPage(browser, app.deps.dbh.db, origin, user.id)
}

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Browser tests need Chromium at ${CHROMIUM} (apt-get install chromium).`)
  fs.mkdirSync(SCREENSHOTS, { recursive: true })
  await startServer()
  editor = await createUser(app.deps.dbh.db, 'editor', { name: 'Ewa Redaktorka' })
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS })
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await new Promise<void>((resolve) => {
    server?.close(() => resolve())
    server?.closeAllConnections()
  })
  await app?.close()
})

describe('media library in Chromium', () => {
  it('uploads through the file picker, by drag and drop, and shows the images in the library', { timeout: 180_000 }, async () => {
    const { context, page, errors } = await signedIn(editor)
    try {
      const res = await page.goto(`${origin}/admin/media`)
      expect(res?.status()).toBe(200)
      await expect.poll(() => page.locator('h1').textContent()).toBe('Biblioteka mediów')
      // The enhancing script ran (CSP script-src 'self'): the drop zone says so.
      await page.locator('.dropzone-hint').waitFor({ state: 'visible' })
      expect(await page.locator('#media-dropzone').getAttribute('class')).toContain('dropzone-ready')

      // The file picker: a portrait photo with EXIF orientation and GPS.
      const photo = await jpegWithExif(900, 600, { orientation: 6, seed: 77 })
      await page.setInputFiles('#media-file', { name: 'zamek-w-malborku.jpg', mimeType: 'image/jpeg', buffer: photo })
      await page.fill('#media-alt', 'Zamek w Malborku nad Nogatem')
      await page.fill('#media-credit', 'Ewa Redaktorka')
      await page.getByRole('button', { name: 'Prześlij' }).click()
      await page.getByText('zamek-w-malborku.jpg: przesłano.').waitFor()
      const added = page.locator('#media-grid .media-item').first()
      await expect.poll(() => added.locator('.media-alt').textContent()).toBe('Zamek w Malborku nad Nogatem')
      const img = added.locator('img')
      await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(600)
      expect(await img.evaluate((el: HTMLImageElement) => el.naturalHeight)).toBe(900)

      // Drag and drop: a file dropped onto the zone is uploaded the same way.
      const png = await sharp({ create: { width: 320, height: 200, channels: 4, background: { r: 20, g: 120, b: 200, alpha: 0.5 } } }).png().toBuffer()
      const dataTransfer = await page.evaluateHandle(
        ({ base64, name }) => {
          const bytes = Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0))
          const dt = new DataTransfer()
          dt.items.add(new File([bytes], name, { type: 'image/png' }))
          return dt
        },
        { base64: png.toString('base64'), name: 'wykres.png' },
      )
      await page.locator('#media-alt').fill('')
      await page.dispatchEvent('#media-dropzone', 'dragenter', { dataTransfer })
      await page.dispatchEvent('#media-dropzone', 'drop', { dataTransfer })
      await page.getByText('wykres.png: przesłano.').waitFor()
      await expect.poll(() => page.locator('#media-grid .media-item').count()).toBe(2)
      await expect.poll(() => page.locator('#media-grid .media-item').first().locator('.media-missing-alt').count()).toBe(1)

      // A reload shows both from the server, newest first.
      await page.reload()
      const alts = await page.locator('#media-grid .media-item .media-alt').allTextContents()
      expect(alts).toEqual(['Brak tekstu alternatywnego', 'Zamek w Malborku nad Nogatem'])
      await page.screenshot({ path: `${SCREENSHOTS}media-library.png`, fullPage: true })

      // Its page: the metadata form, filled.
      await page.getByRole('link', { name: 'Zamek w Malborku nad Nogatem' }).click()
      await expect.poll(() => page.locator('#m-alt').inputValue()).toBe('Zamek w Malborku nad Nogatem')
      expect(await page.locator('#m-credit').inputValue()).toBe('Ewa Redaktorka')
      expect(errors).toEqual([])
    } finally {
      await context.close()
    }
  })
})
