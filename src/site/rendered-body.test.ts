/**
 * The rendered-body cache (renderStoredDocument) is keyed by what a body shows, not dropped by
 * events: an update, a correction, a new caption of a body image or an unpublication shows on
 * the very next render, on this instance and on another one (page cache off: every request
 * renders; both instances share the module's cache, the worst case for staleness).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ArticleInput } from '../content/article.js'
import { addMediaRow, basicSite, paragraphs } from '../../test/fixtures.js'
import { createSecondInstance, createTestApp, DIALECTS, type TestApp } from '../../test/support.js'
import type { Application } from '../server/boot.js'

describe.each(DIALECTS)('%s: rendered story bodies stay current', (dialect) => {
  let t: TestApp
  let second: Application
  let id: number
  let input: ArticleInput
  const PATH = '/kraj/wersje-tresci'

  beforeAll(async () => {
    t = await createTestApp(dialect, { PAGE_CACHE_MB: '0' })
    second = await createSecondInstance(t)
    await basicSite(t.testDb.db)
    const mediaId = await addMediaRow(t.testDb.db, 'zdjecie.jpg', { alt: 'Sala obrad', caption: 'Pierwszy podpis', credit: 'PAP' })
    const body = paragraphs('Pierwsza wersja tekstu, "w cudzysłowie".')
    body.content.push({ type: 'image', attrs: { mediaId } } as never)
    input = {
      kind: 'article',
      headline: 'Wersje treści',
      sectionSlug: 'kraj',
      body,
      status: 'published',
      publishedAt: new Date(Date.now() - 60_000).toISOString(),
    } as ArticleInput
    id = await t.deps.content.create(input)
  })
  afterAll(async () => {
    await second.close()
    await t.close()
  })

  const pages = async (path: string) => Promise.all([t, second].map(async (app) => app.app.request(path)))
  const texts = async (path: string) => Promise.all((await pages(path)).map(async (r) => (expect(r.status, path).toBe(200), r.text())))

  it('renders the body once typeset, the same on both instances and in the feed', async () => {
    for (const html of await texts(PATH)) {
      expect(html).toMatch(/Pierwsza wersja tekstu, „w(\u00A0|&nbsp;)cudzysłowie”\./)
      expect(html).toContain('Pierwszy podpis')
    }
    for (const xml of await texts('/rss.xml')) expect(xml).toContain('Pierwsza wersja tekstu')
  })

  it('shows an update of the body at once', async () => {
    await t.deps.content.update(id, { ...input, body: { ...input.body, content: [paragraphs('Druga wersja tekstu.').content[0]!, ...input.body.content.slice(1)] } })
    for (const html of await texts(PATH)) {
      expect(html).toContain('Druga wersja tekstu.')
      expect(html).not.toContain('Pierwsza wersja')
    }
    for (const xml of await texts('/rss.xml')) {
      expect(xml).toContain('Druga wersja tekstu.')
      expect(xml).not.toContain('Pierwsza wersja')
    }
  })

  it('shows a correction, and a body image’s new caption though the story itself did not change', async () => {
    await t.deps.content.addCorrection(id, 'correction', 'Poprawiono nazwisko.')
    for (const html of await texts(PATH)) expect(html).toContain('Poprawiono nazwisko.')
    await t.testDb.db.updateTable('media').set({ caption: 'Drugi podpis' }).execute()
    for (const html of await texts(PATH)) {
      expect(html).toContain('Drugi podpis')
      expect(html).not.toContain('Pierwszy podpis')
    }
    for (const xml of await texts('/rss.xml')) expect(xml).toContain('Drugi podpis')
  })

  it('answers 410 once the story is unpublished, and leaves the feed', async () => {
    await t.deps.content.unpublish(id)
    for (const r of await pages(PATH)) expect(r.status).toBe(410)
    for (const xml of await texts('/rss.xml')) expect(xml).not.toContain('Druga wersja tekstu.')
  })
})
