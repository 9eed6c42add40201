/**
 * The newsroom's story editor in a real Chromium with JavaScript on, against a real HTTP
 * server (the demo site): an author writes a story with a heading and a quote, autosave
 * stores it, the author submits it; an editor publishes it from the dashboard; it appears on
 * the site. Screenshots of the editor and the dashboard go to test-output/screenshots/.
 */
import fs from 'node:fs'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DocumentSchema } from '../../src/content/document.js'
import { EVERY_NODE, longStory } from '../../src/editor/fixtures.js'
import { signedInPage, type WatchedPage } from './pages.js'
import { createUser, type TestUser } from '../accounts.js'
import { startDemoSite, type RunningSite } from './server.js'

const CHROMIUM = '/usr/bin/chromium'
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-gpu', '--no-first-run']
const SCREENSHOTS = fileURLToPath(new URL('../../test-output/screenshots/', import.meta.url))

let browser: Browser
let site: RunningSite
let author: TestUser
let editor: TestUser

const plain = (s: string | null | undefined) => (s ?? '').replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim()

/** A browser context signed in as `user` (a session row and its cookie, as after sign-in). */
async function signedIn(user: TestUser, javaScriptEnabled = true): Promise<WatchedPage> {
  return signedInPage(browser, site.app.deps.dbh.db, site.origin, user.id, javaScriptEnabled)
}

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Browser tests need Chromium at ${CHROMIUM} (apt-get install chromium).`)
  const [b, s] = await Promise.allSettled([chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS }), startDemoSite()])
  if (b.status === 'fulfilled') browser = b.value
  if (s.status === 'fulfilled') site = s.value
  if (b.status === 'rejected' || s.status === 'rejected') {
    await Promise.allSettled([browser?.close(), site?.close()])
    throw b.status === 'rejected' ? b.reason : (s as PromiseRejectedResult).reason
  }
  author = await createUser(site.app.deps.dbh.db, 'author', { name: 'Anna Autorka' })
  editor = await createUser(site.app.deps.dbh.db, 'editor', { name: 'Edward Redaktor' })
  fs.mkdirSync(SCREENSHOTS, { recursive: true })
})

afterAll(async () => {
  await browser?.close()
  await site?.close()
})

describe('the story editor in Chromium', { timeout: 180_000 }, () => {
  it('author writes (heading, quote), autosave keeps it, submits; editor publishes; the site shows it', async () => {
    const headline = 'Nowy most na Wiśle otwarty dla pieszych'
    // ── the author ──
    const a = await signedIn(author)
    let articleId: number
    try {
      const { page } = a
      await page.goto(`${site.origin}/admin/artykuly/nowy`)
      // The bundle is loaded from a hashed /static/ URL (CSP script-src 'self'), and the editor replaces the no-JS note.
      const script = await page.locator('script[type="module"]').getAttribute('src')
      expect(script).toMatch(/^\/static\/editor\.[0-9a-f]{10}\.js$/)
      const body = page.getByRole('textbox', { name: 'Treść' })
      await body.waitFor()
      expect(await page.locator('.no-js-note').count()).toBe(0)

      // Toolbar: one tab stop, labelled buttons with pressed state.
      const toolbar = page.getByRole('toolbar', { name: 'Formatowanie treści' })
      expect(await toolbar.getByRole('button').count()).toBeGreaterThan(10)
      expect(await toolbar.locator('button[tabindex="0"]').count()).toBe(1)
      expect(await page.locator('#tb-bold').getAttribute('aria-label')).toBe('Pogrubienie (Ctrl+B)')

      await page.getByLabel('Tytuł', { exact: true }).fill(headline)
      await page.getByLabel('Lead').fill('Kładka łączy Powiśle z Pragą.')
      // The slug follows the headline.
      expect(await page.getByLabel('Adres (slug)').inputValue()).toBe('nowy-most-na-wisle-otwarty-dla-pieszych')
      await page.getByLabel('Dział').selectOption('kraj')

      await body.click()
      await page.keyboard.type('Pierwszy akapit o kładce. ')
      await page.keyboard.press('Control+b')
      await page.keyboard.type('Otwarcie w sobotę.')
      await page.keyboard.press('Control+b')
      await expect.poll(() => page.locator('#tb-bold').getAttribute('aria-pressed'), { timeout: 15_000 }).toBe('false')
      await page.keyboard.press('Enter')
      // Markdown-style shortcuts, typed at a human pace (a busy machine may batch fast keystrokes).
      await page.keyboard.type('## ', { delay: 50 })
      await page.keyboard.type('Co mówią mieszkańcy')
      await expect.poll(() => page.locator('#tb-heading2').getAttribute('aria-pressed'), { timeout: 15_000 }).toBe('true')
      await page.keyboard.press('Enter')
      await page.keyboard.type('> ', { delay: 50 })
      await page.keyboard.type('Wreszcie przejdę na drugi brzeg w pięć minut.')
      await expect.poll(() => page.locator('#tb-quote').getAttribute('aria-pressed'), { timeout: 15_000 }).toBe('true')
      // The quote's author, through the block properties dialog.
      await page.locator('#tb-props').click()
      const dialog = page.getByRole('dialog', { name: 'Właściwości bloku' })
      await dialog.getByLabel('Autor cytatu').fill('mieszkanka Pragi')
      await dialog.getByRole('button', { name: 'Zapisz' }).click()
      // The dialog is gone and the attribution is in the text before typing goes on.
      await expect.poll(async () => plain(await page.locator('.ProseMirror blockquote footer').textContent()), { timeout: 15_000 }).toBe('— mieszkanka Pragi')
      await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('ProseMirror') ?? false), { timeout: 15_000 }).toBe(true)
      await page.keyboard.press('End')
      await page.keyboard.press('Enter')
      await page.keyboard.type('Ostatni akapit.')

      // Autosave: the story is created, the address becomes the story's, the status says so.
      await page.waitForURL(/\/admin\/artykuly\/\d+$/, { timeout: 20_000 })
      articleId = Number(/(\d+)$/.exec(page.url())![1])
      // Autosave runs every few seconds while typing: wait for the one with everything.
      await expect
        .poll(async () => (await site.app.deps.newsroom.get(articleId)).snapshot.body.content.map((b) => b.type), { timeout: 20_000 })
        .toEqual(['paragraph', 'heading', 'quote', 'paragraph'])
      await expect.poll(async () => plain(await page.locator('#story-status').textContent()), { timeout: 20_000 }).toMatch(/^Zapisano automatycznie o/)
      const saved = await site.app.deps.newsroom.get(articleId)
      expect(saved.snapshot.headline).toBe(headline)
      // The first autosave created the story; the next ones save it with its version.
      await page.keyboard.type(' Dopisek.')
      await expect.poll(async () => JSON.stringify((await site.app.deps.newsroom.get(articleId)).snapshot.body), { timeout: 20_000 }).toContain('Ostatni akapit. Dopisek.')
      expect((await site.app.deps.newsroom.revisions(articleId)).map((r) => r.reason)).toContain('autosave')
      await expect.poll(async () => plain(await page.locator('#story-status').textContent()), { timeout: 15_000 }).toMatch(/^Zapisano automatycznie o .* \(wersja \d+\)\.$/)
      expect(saved.snapshot.body.content[2]).toMatchObject({ type: 'quote', attrs: { attribution: 'mieszkanka Pragi' } })
      expect(saved.snapshot.body.content[0]).toMatchObject({ content: [{ text: 'Pierwszy akapit o kładce. ' }, { text: 'Otwarcie w sobotę.', marks: [{ type: 'bold' }] }] })

      // Live preview through the site's renderer (Polish typography: „…”, non-breaking spaces).
      await expect.poll(async () => page.locator('#live-preview h2').count(), { timeout: 15_000 }).toBe(1)
      expect(plain(await page.locator('#live-preview blockquote footer').textContent())).toBe('— mieszkanka Pragi')

      await page.screenshot({ path: `${SCREENSHOTS}editor-desktop.png`, fullPage: true })

      // Submit for review (saves first).
      await page.getByRole('button', { name: 'Wyślij do akceptacji' }).click()
      await page.waitForURL(/zrobione=submit/)
      expect(plain(await page.locator('#story-status').textContent())).toBe('Wysłano do akceptacji.')
      expect(plain(await page.locator('.story-meta .badge').textContent())).toBe('Do akceptacji')
      // The author may no longer edit it: read-only editor, no publish button.
      expect(await page.getByRole('textbox', { name: 'Treść' }).getAttribute('contenteditable')).toBe('false')
      expect(await page.getByRole('button', { name: 'Opublikuj' }).count()).toBe(0)
      expect(a.errors).toEqual([])
    } finally {
      await a.context.close()
    }

    // ── the editor ──
    const e = await signedIn(editor)
    try {
      const { page } = e
      await page.goto(`${site.origin}/admin`)
      const review = page.getByRole('region', { name: 'Do akceptacji' })
      await review.getByRole('link', { name: headline }).waitFor()
      await page.screenshot({ path: `${SCREENSHOTS}dashboard-desktop.png`, fullPage: true })
      await review.getByRole('link', { name: headline }).click()
      await page.waitForURL(`${site.origin}/admin/artykuly/${articleId}`)
      await page.getByRole('textbox', { name: 'Treść' }).waitFor()
      await page.getByRole('button', { name: 'Opublikuj' }).click()
      await page.waitForURL(/zrobione=publish/)
      expect(plain(await page.locator('#story-status').textContent())).toBe('Opublikowano.')
      expect(e.errors).toEqual([])

      // ── the site ──
      const res = await page.goto(`${site.origin}/kraj/nowy-most-na-wisle-otwarty-dla-pieszych`)
      expect(res?.status()).toBe(200)
      expect(plain(await page.locator('h1').textContent())).toBe(plain(headline))
      expect(plain(await page.locator('.article-body h2').textContent())).toBe('Co mówią mieszkańcy')
      expect(plain(await page.locator('.article-body blockquote p').textContent())).toBe('Wreszcie przejdę na drugi brzeg w pięć minut.')
      await page.goto(`${site.origin}/`)
      expect(await page.locator('a', { hasText: 'Nowy most na Wiśle' }).count()).toBeGreaterThan(0)

      // The story list: the new story and the demo's (given working copies), filtered.
      await page.goto(`${site.origin}/admin/artykuly?stan=published`)
      const rows = page.locator('table.stories tbody tr')
      expect(await rows.count()).toBeGreaterThan(5)
      expect(await page.locator('table.stories a', { hasText: headline }).count()).toBe(1)
      await page.screenshot({ path: `${SCREENSHOTS}stories-desktop.png`, fullPage: false })
      await page.getByLabel('Szukaj w tytułach').fill('most wisle')
      await page.getByRole('button', { name: 'Filtruj' }).click()
      await page.waitForURL(/q=most\+wisle/)
      expect((await page.locator('table.stories tbody tr').allTextContents()).map(plain)).toEqual([expect.stringContaining(headline)])
    } finally {
      await e.context.close()
    }
  })

  it('two people on one story: the second autosave shows "Zmieniono w międzyczasie przez …" with both versions; nothing is lost', async () => {
    const newsroom = site.app.deps.newsroom
    const created = await newsroom.createStory({ id: author.id, name: author.name, role: author.role }, 'article', {
      headline: 'Wspólny tekst o kładce',
      sectionSlug: 'kraj',
      body: { type: 'doc', content: [{ type: 'paragraph', attrs: { id: 'p1' }, content: [{ type: 'text', text: 'Zdanie wyjściowe.' }] }] },
    })
    const url = `${site.origin}/admin/artykuly/${created.articleId}`
    const a = await signedIn(author)
    const e = await signedIn(editor)
    try {
      await Promise.all([a.page.goto(url), e.page.goto(url)])
      const typeAtEnd = async (page: Page, text: string) => {
        await page.locator('.ProseMirror p').first().click()
        await page.keyboard.press('End')
        await page.keyboard.type(text)
      }
      await typeAtEnd(a.page, ' Zmiana autorki.')
      await expect.poll(async () => (await newsroom.get(created.articleId)).version, { timeout: 20_000 }).toBe(2)
      await typeAtEnd(e.page, ' Zmiana redaktora.')
      const alert = e.page.locator('#story-alert')
      await expect.poll(async () => plain(await alert.textContent()), { timeout: 20_000 }).toContain(`Zmieniono w międzyczasie przez ${author.name}`)
      expect(plain(await alert.textContent())).toContain('Twoja wersja nie została utracona')
      expect(await alert.locator('.conflict-version').count()).toBe(2)
      // Both texts, and the words that differ.
      expect(plain(await alert.textContent())).toContain('Zdanie wyjściowe. Zmiana autorki.')
      expect(plain(await alert.textContent())).toContain('Zdanie wyjściowe. Zmiana redaktora.')
      await expect.poll(async () => alert.locator('.conflict-diff ins').allTextContents(), { timeout: 15_000 }).toEqual(['redaktora.'])
      expect(await alert.locator('.conflict-diff del').allTextContents()).toEqual(['autorki.'])
      await e.page.screenshot({ path: `${SCREENSHOTS}editor-conflict.png`, fullPage: false })
      // The rejected copy is in the history; the author's version is untouched.
      const revisions = await newsroom.revisions(created.articleId)
      expect(revisions.map((r) => r.reason)).toContain('conflict')
      expect(JSON.stringify((await newsroom.get(created.articleId)).snapshot.body)).toContain('Zmiana autorki.')
      // The editor keeps theirs on top (the author's stays in the history).
      await alert.getByRole('button', { name: 'Zapisz moją wersję mimo to' }).click()
      await expect.poll(async () => JSON.stringify((await newsroom.get(created.articleId)).snapshot.body), { timeout: 20_000 }).toContain('Zmiana redaktora.')
      expect(e.errors.filter((x) => !x.startsWith('409 PUT'))).toEqual([])
      expect(a.errors).toEqual([])
    } finally {
      await a.context.close()
      await e.context.close()
    }
  })

  it('without JavaScript the form still works: fields saved, the body editor politely explained', async () => {
    const a = await signedIn(author, false)
    try {
      const { page } = a
      await page.goto(`${site.origin}/admin/artykuly/nowy`)
      expect(plain(await page.locator('.no-js-note').textContent())).toMatch(/^Edytor treści potrzebuje JavaScriptu — prosimy go włączyć/)
      await page.getByLabel('Tytuł', { exact: true }).fill('Tekst bez skryptów')
      await page.getByLabel('Dział').selectOption('kraj')
      await page.getByLabel('Tagi').fill('test, bez JS')
      await page.getByRole('button', { name: 'Zapisz' }).click()
      await page.waitForURL(/\/admin\/artykuly\/\d+\?zapisano$/)
      expect(plain(await page.locator('#story-status').textContent())).toBe('Zapisano.')
      expect(await page.getByLabel('Tagi').inputValue()).toBe('test, bez JS')
      await page.screenshot({ path: `${SCREENSHOTS}editor-nojs.png`, fullPage: false })
      // Errors are explained and the input kept.
      await page.getByLabel('Tytuł', { exact: true }).fill('')
      await page.getByLabel('Lead').fill('Lead, który zostaje')
      await page.getByRole('button', { name: 'Zapisz' }).click()
      expect(plain(await page.getByRole('alert').textContent())).toContain('Tytuł: Wpisz tytuł.')
      expect(await page.getByLabel('Lead').inputValue()).toBe('Lead, który zostaje')
      expect(a.errors.filter((x) => !x.startsWith('422 POST'))).toEqual([])
    } finally {
      await a.context.close()
    }
  })

  it('leaving the page saves what was typed since the last autosave', async () => {
    const newsroom = site.app.deps.newsroom
    const created = await newsroom.createStory({ id: author.id, name: author.name, role: author.role }, 'article', {
      headline: 'Tekst do opuszczenia',
      sectionSlug: 'kraj',
      body: { type: 'doc', content: [{ type: 'paragraph', attrs: { id: 'p1' }, content: [{ type: 'text', text: 'Początek.' }] }] },
    })
    const a = await signedIn(author)
    try {
      await a.page.goto(`${site.origin}/admin/artykuly/${created.articleId}`)
      await a.page.locator('.ProseMirror p').first().click()
      await a.page.keyboard.press('End')
      await a.page.keyboard.type(' Ostatnie słowo.')
      // Away at once, well before the autosave's pause: the page's last save goes with it.
      await a.page.goto(`${site.origin}/admin`)
      await expect.poll(async () => JSON.stringify((await newsroom.get(created.articleId)).snapshot.body), { timeout: 15_000 }).toContain('Początek. Ostatnie słowo.')
      expect((await newsroom.revisions(created.articleId)).map((r) => r.reason)).toEqual(['autosave', 'create'])
    } finally {
      await a.context.close()
    }
  })

  it('photos from the media library: the picker for the lead image, body images shown with caption, stored by id', async () => {
    const media = await site.app.deps.dbh.db.selectFrom('media').select(['id', 'caption']).orderBy('id').executeTakeFirstOrThrow()
    const newsroom = site.app.deps.newsroom
    const created = await newsroom.createStory({ id: author.id, name: author.name, role: author.role }, 'article', {
      headline: 'Tekst ze zdjęciem',
      body: { type: 'doc', content: [{ type: 'paragraph', attrs: { id: 'p1' }, content: [{ type: 'text', text: 'Akapit.' }] }] },
    })
    const a = await signedIn(author)
    try {
      const { page } = a
      await page.goto(`${site.origin}/admin/artykuly/${created.articleId}`)
      // The lead image from the library picker.
      await page.getByRole('button', { name: 'Wybierz z biblioteki…' }).click()
      const picker = page.getByRole('dialog', { name: 'Wybierz zdjęcie z biblioteki' })
      await picker.getByRole('button', { name: /^Wybierz: / }).first().waitFor()
      expect(await picker.getByRole('button', { name: /^Wybierz: / }).count()).toBeGreaterThan(3)
      const chosen = await picker.getByRole('button', { name: /^Wybierz: / }).first().getAttribute('aria-label')
      await picker.getByRole('button', { name: /^Wybierz: / }).first().click()
      const leadId = Number(/nr (\d+)\)$/.exec(chosen!)![1])
      await expect.poll(() => page.getByLabel('Zdjęcie główne (numer w bibliotece mediów)').inputValue(), { timeout: 15_000 }).toBe(String(leadId))
      await expect.poll(() => page.locator('#lead-preview img').count(), { timeout: 15_000 }).toBe(1)

      // A body image: the picker first, then the manual form (by number).
      await page.locator('.ProseMirror p').first().click()
      await page.locator('#tb-image').click()
      await page.getByRole('dialog', { name: 'Wybierz zdjęcie z biblioteki' }).getByRole('button', { name: 'Podaj numer lub adres' }).click()
      const dialog = page.getByRole('dialog', { name: 'Wstaw zdjęcie' })
      await dialog.getByRole('button', { name: 'Wstaw' }).click()
      expect(plain(await dialog.getByRole('alert').textContent())).toBe('Podaj numer zdjęcia z biblioteki albo jego adres.')
      await dialog.getByLabel('Numer zdjęcia w bibliotece mediów').fill(String(media.id))
      await dialog.getByLabel('Tekst alternatywny (co widać na zdjęciu)').fill('Widok na rzekę')
      await dialog.getByRole('button', { name: 'Wstaw' }).click()
      const img = page.locator('.ProseMirror figure.image-block img')
      await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth > 0), { timeout: 15_000 }).toBe(true)
      expect(await img.getAttribute('alt')).toBe('Widok na rzekę')
      if (media.caption) expect(plain(await page.locator('.ProseMirror figure.image-block figcaption').textContent())).toContain(plain(media.caption))
      await expect
        .poll(async () => (await newsroom.get(created.articleId)).snapshot.body.content[1], { timeout: 20_000 })
        .toMatchObject({ type: 'image', attrs: { mediaId: media.id, src: null, alt: 'Widok na rzekę', caption: '', credit: '' } })
      expect((await newsroom.get(created.articleId)).snapshot.leadMediaId).toBe(leadId)
      expect(a.errors).toEqual([])
    } finally {
      await a.context.close()
    }
  })

  it('round trip in Chromium: every node and mark through setContent/getJSON and through the editor\'s HTML', async () => {
    const a = await signedIn(author)
    try {
      const { page } = a
      await page.goto(`${site.origin}/admin/artykuly/nowy`)
      await page.getByRole('textbox', { name: 'Treść' }).waitFor()
      const result = await page.evaluate((doc) => {
        const editor = (window as unknown as { depeszaEditor: { commands: { setContent(c: unknown): void }; getJSON(): unknown; getHTML(): string } }).depeszaEditor
        editor.commands.setContent(doc)
        const json = editor.getJSON()
        const html = editor.getHTML()
        editor.commands.setContent(html)
        return { json, fromHtml: editor.getJSON() }
      }, EVERY_NODE)
      expect(result.json).toEqual(EVERY_NODE)
      expect(result.fromHtml).toEqual(EVERY_NODE)
      expect(DocumentSchema.parse(result.json)).toEqual(EVERY_NODE)
      expect(a.errors.filter((x) => !/\/api\/admin\/stories\/media\/12$/.test(x))).toEqual([])
    } finally {
      await a.context.close()
    }
  })

  it('a long story: Enter and typing at once put every character where the caret is', async () => {
    const newsroom = site.app.deps.newsroom
    const created = await newsroom.createStory({ id: author.id, name: author.name, role: author.role }, 'article', { headline: 'Długi tekst', body: longStory(200) })
    const a = await signedIn(author)
    try {
      const { page } = a
      await page.goto(`${site.origin}/admin/artykuly/${created.articleId}`)
      const target = page.locator('.ProseMirror > p').nth(100)
      await target.scrollIntoViewIfNeeded()
      await target.click()
      // The caret at the end of that paragraph (End would stop at the end of its first line).
      await page.evaluate(() => {
        const ed = (window as unknown as { depeszaEditor: { state: { doc: { forEach(f: (n: { type: { name: string }; nodeSize: number }, o: number) => void): void } }; commands: { setTextSelection(p: number): void } } }).depeszaEditor
        let n = 0
        let pos = 0
        ed.state.doc.forEach((node, offset) => {
          if (node.type.name === 'paragraph' && n++ === 100) pos = offset + node.nodeSize - 1
        })
        ed.commands.setTextSelection(pos)
      })
      for (let i = 0; i < 8; i++) {
        await page.keyboard.press('Enter')
        await page.keyboard.type(`Nowy ${i}.`)
      }
      const texts = await page.evaluate(() => [...document.querySelectorAll('.ProseMirror > p')].map((p) => p.textContent))
      const start = texts.findIndex((t) => t?.startsWith('Nowy'))
      expect(texts.slice(start, start + 8)).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((i) => `Nowy ${i}.`))
      expect(a.errors).toEqual([])
    } finally {
      await a.context.close()
    }
  })
})
