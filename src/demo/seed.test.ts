import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, DIALECTS, type TestApp } from '../../test/support.js'
import { articlePath } from '../content/article.js'
import { findArticleRowBySlug, loadArticleView } from '../content/content.repository.js'
import { mediaFilePath } from '../media/media.service.js'
import { loadSiteSettings } from '../site-settings/settings.js'
import { ARTICLES, ILLUSTRATION_CREDIT, inline } from './content.js'
import { seedDemo } from './seed.js'

/** Page text with tags dropped and typographic spaces made plain, for `toContain`. */
async function text(res: Response): Promise<string> {
  return (await res.text())
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;|\u00a0/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
}

const plain = (s: string) => s.replace(/\u00a0/g, ' ')

describe('inline markup of the demo content', () => {
  it('turns **bold**, _italic_ and [links](…) into marks', () => {
    expect(inline('A **B** _C_ [D](https://e.pl/a_b) F')).toEqual([
      { type: 'text', text: 'A ' },
      { type: 'text', text: 'B', marks: [{ type: 'bold' }] },
      { type: 'text', text: ' ' },
      { type: 'text', text: 'C', marks: [{ type: 'italic' }] },
      { type: 'text', text: ' ' },
      { type: 'text', text: 'D', marks: [{ type: 'link', attrs: { href: 'https://e.pl/a_b' } }] },
      { type: 'text', text: ' F' },
    ])
  })
})

describe.each(DIALECTS)('seedDemo on %s', (dialect) => {
  let app: TestApp

  beforeAll(async () => {
    app = await createTestApp(dialect)
    // The empty home page, rendered and cached before the seed, must not outlive it.
    expect((await app.app.request('/')).status).toBe(200)
    expect(await seedDemo(app.deps)).toBe(true)
  })
  afterAll(async () => {
    await app.close()
  })
  const db = () => app.deps.dbh.db

  it('creates the site settings, sections and authors with photos', async () => {
    const site = await loadSiteSettings(db())
    expect(site).toMatchObject({ name: 'Depesza', timeZone: 'Europe/Warsaw', language: 'pl' })
    expect(site.description).not.toBe('')
    expect(site.publisher).not.toBe('')
    expect(site.menu.map((m) => m.label)).toEqual(['Kraj', 'Świat', 'Gospodarka', 'Kultura', 'Sport', 'O nas', 'Kontakt'])
    expect(site.footerMenu.map((m) => m.href)).toContain('/o-nas')

    const sections = await db().selectFrom('sections').select(['slug', 'name']).orderBy('position').execute()
    expect(sections.map((s) => s.name)).toEqual(['Kraj', 'Świat', 'Gospodarka', 'Kultura', 'Sport'])

    const authors = await db().selectFrom('authors').selectAll().orderBy('id').execute()
    expect(authors).toHaveLength(4)
    const laura = authors.find((a) => a.name === 'Laura Kowalczyk')!
    expect(laura.bio).toContain('działu zagranicznego')
    for (const a of authors) {
      expect(a.bio.length).toBeGreaterThan(40)
      const photo = await db().selectFrom('media').selectAll().where('id', '=', a.photo_media_id!).executeTakeFirstOrThrow()
      expect([photo.width, photo.height]).toEqual([400, 400])
      expect(fs.existsSync(mediaFilePath(app.config.dataDir, photo.storage_key))).toBe(true)
    }
  })

  it('publishes a dozen stories over the sections and the last few days, each with a lead illustration on disk', async () => {
    const rows = await db()
      .selectFrom('articles')
      .innerJoin('media', 'media.id', 'articles.lead_media_id')
      .select(['articles.id', 'articles.section_id', 'articles.published_at', 'articles.status', 'media.storage_key', 'media.caption', 'media.credit', 'media.alt', 'media.width', 'media.height'])
      .where('articles.kind', '=', 'article')
      .execute()
    const all = await db().selectFrom('articles').select('id').where('kind', '=', 'article').execute()
    expect(rows).toHaveLength(all.length)
    expect(rows.length).toBeGreaterThanOrEqual(10)
    expect(new Set(rows.map((r) => r.section_id)).size).toBe(5)
    const now = Date.now()
    for (const r of rows) {
      expect(r.status).toBe('published')
      const age = now - Date.parse(r.published_at!)
      expect(age).toBeGreaterThan(0)
      expect(age).toBeLessThan(5 * 24 * 3_600_000)
      expect(r.caption).not.toBe('')
      expect(r.alt).not.toBe('')
      expect(r.credit).toBe(ILLUSTRATION_CREDIT)
      expect([r.width, r.height]).toEqual([1200, 800])
      expect(fs.statSync(mediaFilePath(app.config.dataDir, r.storage_key)).size).toBeGreaterThan(5000)
    }
    expect(new Set(rows.map((r) => r.storage_key)).size).toBe(rows.length)
  })

  it('has the translated world story with several authors, a source, tags, a correction and every block type', async () => {
    const world = ARTICLES.find((a) => a.source)!
    const row = await db().selectFrom('articles').selectAll().where('headline', '=', world.headline).executeTakeFirstOrThrow()
    const view = await loadArticleView(db(), row)
    expect(view.authors.map((a) => a.name)).toEqual(['Laura Kowalczyk', 'Michał Sobczak'])
    expect(view.source).toMatchObject({ kind: 'agency', language: 'en' })
    expect(view.tags.length).toBeGreaterThanOrEqual(3)
    expect(view.corrections).toHaveLength(1)
    expect(view.corrections[0]).toMatchObject({ kind: 'correction' })
    const types = new Set(view.body.content.map((b) => b.type))
    expect([...types].sort()).toEqual(['divider', 'embed', 'factbox', 'heading', 'image', 'list', 'paragraph', 'quote'])
    const marks = new Set(
      view.body.content.flatMap((b) => (b.type === 'paragraph' ? (b.content ?? []).flatMap((n) => (n.type === 'text' ? (n.marks ?? []).map((m) => m.type) : [])) : [])),
    )
    expect([...marks].sort()).toEqual(['bold', 'italic', 'link'])
    const image = view.body.content.find((b) => b.type === 'image')!
    expect(image.type === 'image' && view.media.has(image.attrs.mediaId!)).toBe(true)
  })

  it('creates the "O nas" and "Kontakt" pages', async () => {
    const about = await findArticleRowBySlug(db(), 'page', 'o-nas')
    const contact = await findArticleRowBySlug(db(), 'page', 'kontakt')
    expect(about?.status).toBe('published')
    expect(contact?.status).toBe('published')
    expect(contact!.body).toContain('00-950 Warszawa')
  })

  it('renders the home page and a story with its caption and credit', async () => {
    const home = await app.app.request('/')
    expect(home.status).toBe(200)
    const homeText = await text(home)
    expect(homeText).toContain('Depesza')
    const world = ARTICLES[0]!
    expect(homeText).toContain(plain(world.headline).slice(0, 40))

    const row = await db().selectFrom('articles').selectAll().where('headline', '=', world.headline).executeTakeFirstOrThrow()
    const view = await loadArticleView(db(), row)
    const res = await app.app.request(articlePath(view))
    expect(res.status).toBe(200)
    const page = await text(res)
    expect(page).toContain(world.lead.caption)
    expect(page).toContain(ILLUSTRATION_CREDIT)
    expect(page).toContain('Sprostowanie')
    expect(page).toContain('Laura Kowalczyk')

    const img = await app.app.request(`/media/${view.leadMedia!.storage_key}`)
    expect(img.status).toBe(200)
    expect(img.headers.get('content-type')).toBe('image/jpeg')

    const about = await app.app.request('/o-nas')
    expect(about.status).toBe(200)
    expect(await text(about)).toContain('serwis demonstracyjny')
  })

  it('is idempotent: a second call returns false and changes nothing', async () => {
    const snapshot = async () => ({
      articles: await db().selectFrom('articles').selectAll().orderBy('id').execute(),
      media: await db().selectFrom('media').selectAll().orderBy('id').execute(),
      authors: await db().selectFrom('authors').selectAll().orderBy('id').execute(),
      sections: await db().selectFrom('sections').selectAll().orderBy('id').execute(),
      settings: await db().selectFrom('settings').selectAll().where('key', '=', 'site').execute(),
      corrections: await db().selectFrom('corrections').selectAll().orderBy('id').execute(),
    })
    const before = await snapshot()
    expect(await seedDemo(app.deps)).toBe(false)
    expect(await snapshot()).toEqual(before)
  })
})
