/**
 * The public site in a real Chromium, as a reader uses it: with JavaScript disabled (reading
 * needs none), against a real HTTP server serving the demo site the way `depesza start` does.
 * Screenshots go to test-output/screenshots/ (git-ignored).
 */
import fs from 'node:fs'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { articlePath } from '../../src/content/article.js'
import { loadArticleView } from '../../src/content/content.repository.js'
import { ARTICLES, ILLUSTRATION_CREDIT } from '../../src/demo/content.js'
import { startDemoSite, type RunningSite } from './server.js'

const CHROMIUM = '/usr/bin/chromium'
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-gpu', '--no-first-run']
const SCREENSHOTS = fileURLToPath(new URL('../../test-output/screenshots/', import.meta.url))

const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 } }
const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }
const MENU = ['Kraj', 'Świat', 'Gospodarka', 'Kultura', 'Sport', 'O nas', 'Kontakt']

/** The translated world story: the demo's lead story, with source, tags and a correction. */
const STORY = ARTICLES[0]!

/** Text as a reader sees it: typographic non-breaking spaces as plain ones, whitespace collapsed. */
const plain = (s: string | null | undefined) => (s ?? '').replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim()

let browser: Browser
let site: RunningSite
let storyPath: string
const timings: Record<string, number> = {}

async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `Browser tests need Chromium at ${CHROMIUM}: install the Debian package "chromium" (apt-get install chromium); .ci/run installs it on CI.`,
    )
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS })
}

/** A fresh browser context (own cookies and cache), JavaScript off as for a reader without it. */
async function newPage(options: BrowserContextOptions = DESKTOP): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ...options, javaScriptEnabled: false, locale: 'pl-PL', timezoneId: 'Europe/Warsaw' })
  context.setDefaultTimeout(30_000)
  return { context, page: await context.newPage() }
}

async function open(page: Page, path: string, status = 200): Promise<void> {
  const res = await page.goto(site.origin + path)
  expect(res?.status(), `GET ${path}`).toBe(status)
}

/**
 * Loads the lazy images (a full-page screenshot does not scroll) and returns the ones that
 * did not load. Playwright's evaluate runs in its own world, so it works with page scripts off.
 */
async function loadAllImages(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const images = [...document.images]
    for (const img of images) {
      img.loading = 'eager'
      // Otherwise a full-page capture may paint not-yet-decoded images below the fold as blanks.
      img.decoding = 'sync'
    }
    await Promise.all(images.map((img) => img.decode().catch(() => undefined)))
    return images.filter((img) => !img.complete || img.naturalWidth === 0).map((img) => img.currentSrc || img.src)
  })
}

async function screenshot(page: Page, name: string): Promise<void> {
  expect(await loadAllImages(page), `broken images on ${name}`).toEqual([])
  const started = performance.now()
  // A full page at 2× is a big PNG to encode: more time than other steps on a busy machine.
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true, timeout: 30_000 })
  timings[`screenshot ${name}`] = Math.round(performance.now() - started)
}

/** Elements sticking out to the right of the layout viewport (empty when nothing scrolls sideways). */
async function horizontalOverflow(page: Page): Promise<{ scrollWidth: number; innerWidth: number; culprits: string[] }> {
  return page.evaluate(() => {
    const width = window.innerWidth
    const culprits = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > width + 0.5 && el.getClientRects().length > 0)
      .map((el) => `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().replace(/\s+/g, '.') : ''} → right ${Math.round(el.getBoundingClientRect().right)}px`)
      .slice(0, 10)
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: width, culprits }
  })
}

beforeAll(async () => {
  let t = performance.now()
  // Both in parallel: launching Chromium and seeding (rasterising the illustrations) are the slow parts.
  const [b, s] = await Promise.allSettled([launchChromium(), startDemoSite()])
  if (b.status === 'fulfilled') browser = b.value
  if (s.status === 'fulfilled') site = s.value
  if (b.status === 'rejected' || s.status === 'rejected') {
    await Promise.allSettled([browser?.close(), site?.close()])
    throw b.status === 'rejected' ? b.reason : (s as PromiseRejectedResult).reason
  }
  timings['launch Chromium + start demo site'] = Math.round(performance.now() - t)
  t = performance.now()
  const row = await site.app.deps.dbh.db.selectFrom('articles').selectAll().where('headline', '=', STORY.headline).executeTakeFirstOrThrow()
  storyPath = articlePath(await loadArticleView(site.app.deps.dbh.db, row))
  fs.mkdirSync(SCREENSHOTS, { recursive: true })
})

afterAll(async () => {
  await browser?.close()
  await site?.close()
  if (Object.keys(timings).length) console.info('browser test timings (ms):', timings)
})

// The tests use separate browser contexts and touch different data: they run side by side.
// The generous timeouts are for busy machines; on an idle one the whole file takes well under a minute.
describe.concurrent('the public site in Chromium (JavaScript off)', { timeout: 120_000 }, () => {
  it('home → lead story → article: menu, skip link, byline, lead photo with credit, tags, source and correction', async () => {
    const started = performance.now()
    const { context, page } = await newPage()
    try {
      await open(page, '/')
      expect(await page.title()).toBe('Depesza')
      // Nothing to run: the only script element is JSON-LD data.
      expect(await page.locator('script:not([type="application/ld+json"])').count()).toBe(0)

      const leadLink = page.locator('.lead-story h2 a')
      expect(plain(await leadLink.textContent())).toBe(plain(STORY.headline))
      expect(await page.locator('.lead-story img').isVisible()).toBe(true)
      const menu = page.getByRole('navigation', { name: 'Menu główne' }).getByRole('link')
      expect((await menu.allTextContents()).map(plain)).toEqual(MENU)
      expect(await menu.first().isVisible()).toBe(true)

      // The first Tab lands on the skip link, which then shows on screen.
      const skip = page.locator('a.skip')
      expect(await skip.boundingBox()).toMatchObject({ x: expect.any(Number) })
      expect((await skip.boundingBox())!.x).toBeLessThan(0) // hidden off-screen until focused
      await page.keyboard.press('Tab')
      expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Przejdź do treści')
      expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true)
      const box = (await skip.boundingBox())!
      expect(box.x).toBeGreaterThanOrEqual(0)
      expect(box.y).toBeGreaterThanOrEqual(0)
      expect(box.x + box.width).toBeLessThanOrEqual(1280)
      expect(box.height).toBeGreaterThan(10)
      expect(await skip.isVisible()).toBe(true)
      // Following it moves focus to the main content (no script needed).
      await page.keyboard.press('Enter')
      await page.waitForURL(/#tresc$/)
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('tresc')

      // The reader clicks the lead headline.
      await leadLink.click()
      await page.waitForURL(site.origin + storyPath)
      expect(plain(await page.locator('h1').textContent())).toBe(plain(STORY.headline))
      expect(plain(await page.title())).toBe(`${plain(STORY.headline)} – Depesza`)
      // The menu marks the story's section.
      expect(plain(await page.locator('.site-nav a[aria-current="page"]').textContent())).toBe('Świat')

      const authors = page.locator('.byline a[rel="author"]')
      expect(await authors.allTextContents()).toEqual(['Laura Kowalczyk', 'Michał Sobczak'])
      expect(await authors.evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(['/autor/laura-kowalczyk', '/autor/michal-sobczak'])
      expect(plain(await page.locator('.byline').textContent())).toMatch(/^Autorzy: Laura Kowalczyk, Michał Sobczak · \d{1,2} \p{L}+ \d{4}/u)

      const leadImg = page.locator('figure.lead-media img')
      expect(await leadImg.isVisible()).toBe(true)
      expect(await leadImg.getAttribute('alt')).toBe(STORY.lead.alt)
      expect(await leadImg.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true)
      const caption = page.locator('figure.lead-media figcaption')
      expect(await caption.isVisible()).toBe(true)
      expect(plain(await caption.textContent())).toContain(plain(STORY.lead.caption))
      const credit = caption.locator('.credit')
      expect(await credit.isVisible()).toBe(true)
      // The credit says what it is ("Ilustracja: …"), so no "Fot." in front of it.
      expect(plain(await credit.textContent())).toBe(ILLUSTRATION_CREDIT)

      const tags = page.getByRole('navigation', { name: 'Tagi' }).getByRole('link')
      expect((await tags.allTextContents()).map(plain)).toEqual(STORY.tags)
      expect(await tags.first().isVisible()).toBe(true)

      const source = page.locator('p.source')
      expect(await source.isVisible()).toBe(true)
      expect(plain(await source.textContent())).toBe('Źródło: Meridian News (agencja). Tłumaczenie z języka angielskiego.')

      const notes = page.getByRole('region', { name: 'Sprostowania i aktualizacje' })
      expect(await notes.isVisible()).toBe(true)
      expect(plain(await notes.locator('h2').textContent())).toMatch(/^Sprostowanie \(/)
      expect(plain(await notes.textContent())).toContain(plain(STORY.notes![0]!.text))

      // Every image in the article body loads too.
      expect(await loadAllImages(page)).toEqual([])

      // An author link leads to the author's page.
      await authors.first().click()
      await page.waitForURL(`${site.origin}/autor/laura-kowalczyk`)
      expect(plain(await page.locator('h1').textContent())).toBe('Laura Kowalczyk')
      expect(await page.locator('ul.cards a', { hasText: plain(STORY.headline).slice(0, 30) }).count()).toBeGreaterThan(0)
    } finally {
      await context.close()
      timings['reader path'] = Math.round(performance.now() - started)
    }
  })

  it('contact form: Polish errors next to the fields, values kept; then the thank-you note and a stored message', async () => {
    const started = performance.now()
    const { context, page } = await newPage()
    try {
      await open(page, '/')
      await page.getByRole('navigation', { name: 'Menu główne' }).getByRole('link', { name: 'Kontakt' }).click()
      await page.waitForURL(`${site.origin}/kontakt`)
      expect(plain(await page.locator('h1').textContent())).toBe('Kontakt')

      const name = page.getByLabel('Imię i nazwisko')
      const email = page.getByLabel('E-mail')
      const message = page.getByLabel('Wiadomość')
      await name.fill('Anna Nowak')
      // Valid for the browser's own check (type=email), not for the server: no dot in the domain.
      await email.fill('anna@localhost')
      await message.fill('Za krótko')
      const [res] = await Promise.all([
        page.waitForResponse((r) => r.url() === `${site.origin}/kontakt` && r.request().method() === 'POST'),
        page.getByRole('button', { name: 'Wyślij wiadomość' }).click(),
      ])
      expect(res.status()).toBe(422)
      await page.locator('#kontakt-email-blad').waitFor()

      const summary = page.locator('#bledy')
      expect(await summary.getAttribute('role')).toBe('alert')
      expect(plain(await summary.locator('strong').textContent())).toBe('Formularz zawiera 2 błędy:')
      for (const [field, text] of [
        ['email', 'Podaj poprawny adres e-mail, np. jan.kowalski@example.pl.'],
        ['message', 'Wiadomość musi mieć co najmniej 10 znaków.'],
      ] as const) {
        const input = page.locator(`#kontakt-${field}`)
        const error = page.locator(`#kontakt-${field}-blad`)
        expect(await error.isVisible()).toBe(true)
        expect(plain(await error.textContent())).toBe(text)
        expect(await input.getAttribute('aria-invalid')).toBe('true')
        expect(await input.getAttribute('aria-describedby')).toBe(`kontakt-${field}-blad`)
        // Next to the field: in the same field group, right under the input.
        expect(await error.evaluate((el, id) => el.closest('.field')?.querySelector(`#${id}`) !== null, `kontakt-${field}`)).toBe(true)
        const inputBox = (await input.boundingBox())!
        const errorBox = (await error.boundingBox())!
        expect(errorBox.y).toBeGreaterThanOrEqual(inputBox.y + inputBox.height - 1)
        expect(errorBox.y - (inputBox.y + inputBox.height)).toBeLessThan(40)
      }
      expect(await page.locator('#kontakt-name-blad').count()).toBe(0)
      expect(await name.getAttribute('aria-invalid')).toBeNull()
      expect(await name.inputValue()).toBe('Anna Nowak')
      expect(await email.inputValue()).toBe('anna@localhost')
      expect(await message.inputValue()).toBe('Za krótko')

      await email.fill('anna.nowak@example.pl')
      await message.fill('Dzień dobry, w artykule o Iraku jest literówka w trzecim akapicie.')
      await page.getByRole('button', { name: 'Wyślij wiadomość' }).click()
      await page.waitForURL(`${site.origin}/kontakt?wyslano=1`)
      const thanks = page.getByRole('status')
      expect(await thanks.isVisible()).toBe(true)
      expect(plain(await thanks.textContent())).toContain('Dziękujemy! Twoja wiadomość została wysłana.')
      expect(await page.locator('form.contact').count()).toBe(0)

      const rows = await site.app.deps.dbh.db.selectFrom('contact_messages').selectAll().execute()
      expect(rows).toHaveLength(1)
      expect(rows[0]).toMatchObject({
        name: 'Anna Nowak',
        email: 'anna.nowak@example.pl',
        message: 'Dzień dobry, w artykule o Iraku jest literówka w trzecim akapicie.',
        ip: '127.0.0.1',
        handled_at: null,
      })
      expect(rows[0]!.user_agent).toContain('Chrome')
    } finally {
      await context.close()
      timings['contact form'] = Math.round(performance.now() - started)
    }
  })

  it('a wrong address shows the Polish 404 page', async () => {
    const started = performance.now()
    const { context, page } = await newPage()
    try {
      for (const path of ['/nie-ma-takiej-strony', '/swiat/nie-ma-takiego-artykulu']) {
        await open(page, path, 404)
        expect(plain(await page.locator('h1').textContent()), path).toBe('Nie znaleziono strony')
        expect(await page.title()).toBe('Nie znaleziono strony – Depesza')
        const home = page.getByRole('link', { name: 'Wróć na stronę główną' })
        expect(await home.isVisible()).toBe(true)
        expect((await page.getByRole('navigation', { name: 'Menu główne' }).getByRole('link').allTextContents()).map(plain)).toEqual(MENU)
      }
      await page.getByRole('link', { name: 'Wróć na stronę główną' }).click()
      await page.waitForURL(`${site.origin}/`)
    } finally {
      await context.close()
      timings['404'] = Math.round(performance.now() - started)
    }
  })

  const checkNoSidewaysScroll = async (page: Page, label: string) => {
    const overflow = await horizontalOverflow(page)
    expect(overflow.innerWidth, `${label}: layout viewport`).toBe(390)
    expect(overflow.scrollWidth, `${label} scrolls sideways: ${overflow.culprits.join('; ')}`).toBeLessThanOrEqual(overflow.innerWidth)
  }

  /** A PNG's width in pixels (from its IHDR chunk). */
  const pngWidth = (name: string) => {
    const png = fs.readFileSync(`${SCREENSHOTS}${name}.png`)
    expect(png.subarray(1, 4).toString(), name).toBe('PNG')
    return png.readUInt32BE(16)
  }

  it('screenshots: home and article at desktop width (1280×800)', async () => {
    const started = performance.now()
    const { context, page } = await newPage(DESKTOP)
    try {
      await open(page, '/')
      await screenshot(page, 'home-desktop')
      await open(page, storyPath)
      await screenshot(page, 'article-desktop')
      // Nothing wider than the window at desktop width either.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280)
    } finally {
      await context.close()
    }
    expect(pngWidth('home-desktop')).toBe(1280)
    expect(pngWidth('article-desktop')).toBe(1280)
    timings['screenshots desktop'] = Math.round(performance.now() - started)
  })

  it('screenshots: home and article on a phone (390×844 @2×), no sideways scrolling on any page', async () => {
    const started = performance.now()
    const { context, page } = await newPage(PHONE)
    try {
      await open(page, '/')
      await screenshot(page, 'home-phone')
      await checkNoSidewaysScroll(page, 'home')
      await open(page, storyPath)
      await screenshot(page, 'article-phone')
      await checkNoSidewaysScroll(page, 'article')
      for (const [label, path, status] of [
        ['contact', '/kontakt', 200],
        ['section', '/swiat', 200],
        ['author', '/autor/laura-kowalczyk', 200],
        ['404', '/nie-ma-takiej-strony', 404],
      ] as const) {
        await open(page, path, status)
        await checkNoSidewaysScroll(page, label)
      }
    } finally {
      await context.close()
    }
    // Device pixels: 390 CSS px × 2.
    expect(pngWidth('home-phone')).toBe(780)
    expect(pngWidth('article-phone')).toBe(780)
    timings['screenshots phone'] = Math.round(performance.now() - started)
  })

  it('screenshot: the article in the dark colour scheme', async () => {
    const started = performance.now()
    const { context, page } = await newPage({ ...DESKTOP, colorScheme: 'dark' })
    try {
      await open(page, storyPath)
      await screenshot(page, 'article-dark-desktop')
      const colours = await page.evaluate(() => ({ bg: getComputedStyle(document.body).backgroundColor, fg: getComputedStyle(document.body).color }))
      expect(colours).toEqual({ bg: 'rgb(18, 18, 18)', fg: 'rgb(236, 236, 236)' })
    } finally {
      await context.close()
    }
    expect(pngWidth('article-dark-desktop')).toBe(1280)
    timings['screenshot dark'] = Math.round(performance.now() - started)
  })

  it('accessibility basics: lang, alt on every image, one h1, landmarks', async () => {
    const started = performance.now()
    const { context, page } = await newPage()
    try {
      const pages: Array<[string, number]> = [
        ['/', 200],
        [storyPath, 200],
        ['/swiat', 200],
        ['/autor/laura-kowalczyk', 200],
        ['/o-nas', 200],
        ['/kontakt', 200],
        ['/nie-ma-takiej-strony', 404],
      ]
      for (const [path, status] of pages) {
        await open(page, path, status)
        const facts = await page.evaluate(() => ({
          lang: document.documentElement.getAttribute('lang'),
          images: document.images.length,
          withoutAlt: [...document.images].filter((img) => !img.hasAttribute('alt')).map((img) => img.src),
          h1: document.querySelectorAll('h1').length,
          banner: document.querySelectorAll('body > header').length,
          nav: document.querySelectorAll('nav').length,
          main: document.querySelectorAll('main').length,
          contentinfo: document.querySelectorAll('body > footer').length,
          skipTarget: document.querySelector('a.skip')?.getAttribute('href') === '#tresc' && document.querySelector('main#tresc') !== null,
        }))
        expect(facts, path).toMatchObject({ lang: 'pl', withoutAlt: [], h1: 1, banner: 1, main: 1, contentinfo: 1, skipTarget: true })
        expect(facts.nav, path).toBeGreaterThanOrEqual(2) // main menu and footer menu
        if (path === storyPath) expect(facts.images).toBeGreaterThanOrEqual(2)
        // The landmarks as the accessibility tree exposes them.
        expect(await page.getByRole('banner').count(), path).toBe(1)
        expect(await page.getByRole('main').count(), path).toBe(1)
        expect(await page.getByRole('contentinfo').count(), path).toBe(1)
        expect(await page.getByRole('navigation', { name: 'Menu główne' }).count(), path).toBe(1)
      }
    } finally {
      await context.close()
      timings['accessibility'] = Math.round(performance.now() - started)
    }
  })
})
