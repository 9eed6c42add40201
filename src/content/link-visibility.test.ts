/**
 * The link tables' copies of a story's visibility columns (migrations 0015, 0018): equal to
 * the story's own through every write, and what tag and author lists and related stories
 * filter on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { addAuthor, addSection, paragraphs } from '../../test/fixtures.js'
import { createTestDb, DIALECTS, type TestDb } from '../../test/support.js'
import type { ArticleInput } from './article.js'
import { listVisible, loadArticleView, relatedArticles } from './content.repository.js'
import { ContentService } from './content.service.js'

const COPIED = ['published_at', 'status', 'embargo_until', 'kind', 'language'] as const
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString()

describe.each(DIALECTS)('%s: visibility copied into the link tables', (dialect) => {
  let tdb: TestDb
  let content: ContentService
  const now = () => new Date().toISOString()
  const base = { body: paragraphs('Treść.'), sectionSlug: 'kraj', authorSlugs: ['ewa-lis'] } satisfies Partial<ArticleInput>
  const tagId = async (slug: string) => (await tdb.db.selectFrom('tags').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id

  /** Each link row of the story with its copied columns beside the story's own. */
  async function linkRows(articleId: number) {
    const rows: Array<Record<string, unknown>> = []
    for (const table of ['article_tags', 'article_authors'] as const) {
      const { rows: found } = await sql<Record<string, unknown>>`select ${sql.raw(COPIED.map((c) => `l.${c} as link_${c}, a.${c} as story_${c}`).join(', '))}
        from ${sql.table(table)} l join articles a on a.id = l.article_id where l.article_id = ${articleId}`.execute(tdb.db)
      rows.push(...found.map((r) => ({ table, ...r })))
    }
    return rows
  }
  /** Asserts every link row of the story carries the story's values; returns them. */
  async function expectCopies(articleId: number, links: number) {
    const rows = await linkRows(articleId)
    expect(rows).toHaveLength(links)
    for (const r of rows) for (const c of COPIED) expect({ table: r.table, column: c, value: r[`link_${c}`] }).toEqual({ table: r.table, column: c, value: r[`story_${c}`] })
    return rows[0]!
  }

  beforeAll(async () => {
    tdb = await createTestDb(dialect)
    content = new ContentService(tdb.db)
    await addSection(tdb.db, 'kraj', 'Kraj')
    await addAuthor(tdb.db, 'ewa-lis', 'Ewa Lis')
    await addAuthor(tdb.db, 'jan-nowak', 'Jan Nowak')
  })
  afterAll(() => tdb.close())

  it('keeps the copies equal through publish, schedule, embargo, language, kind, unpublish and new links', async () => {
    const input = { ...base, headline: 'Kopie', tags: ['Most', 'Rzeka'] }
    const id = await content.create({ ...input, status: 'draft' })
    expect(await expectCopies(id, 3)).toMatchObject({ link_status: 'draft', link_published_at: null, link_kind: 'article', link_language: 'pl' })

    const at = minutesAgo(10)
    await content.update(id, { ...input, status: 'published', publishedAt: at })
    expect(await expectCopies(id, 3)).toMatchObject({ link_status: 'published', link_published_at: new Date(at).toISOString() })

    const later = minutesAgo(-60)
    await content.update(id, { ...input, status: 'scheduled', publishedAt: later })
    expect(await expectCopies(id, 3)).toMatchObject({ link_status: 'scheduled', link_published_at: new Date(later).toISOString() })

    const embargo = minutesAgo(-30)
    await content.update(id, { ...input, status: 'published', publishedAt: at, embargoUntil: embargo })
    expect(await expectCopies(id, 3)).toMatchObject({ link_status: 'published', link_embargo_until: new Date(embargo).toISOString() })
    await content.update(id, { ...input, status: 'published', publishedAt: at })
    expect(await expectCopies(id, 3)).toMatchObject({ link_embargo_until: null })

    await content.update(id, { ...input, status: 'published', publishedAt: at, language: 'en' })
    expect(await expectCopies(id, 3)).toMatchObject({ link_language: 'en' })

    // Writes that bypass the service (the scheduler, an editor's direct fix) are followed too.
    await tdb.db.updateTable('articles').set({ kind: 'page', language: 'uk', embargo_until: embargo }).where('id', '=', id).execute()
    expect(await expectCopies(id, 3)).toMatchObject({ link_kind: 'page', link_language: 'uk', link_embargo_until: new Date(embargo).toISOString() })
    await tdb.db.updateTable('articles').set({ kind: 'article', language: 'pl', embargo_until: null }).where('id', '=', id).execute()

    await content.unpublish(id)
    expect(await expectCopies(id, 3)).toMatchObject({ link_status: 'unpublished' })

    // New links (a retag through the service, a row inserted directly) take the story's values.
    await content.update(id, { ...input, tags: ['Most', 'Rzeka', 'Prom'], authorSlugs: ['ewa-lis', 'jan-nowak'], status: 'published', publishedAt: at })
    expect(await expectCopies(id, 5)).toMatchObject({ link_status: 'published' })
    await tdb.db.insertInto('tags').values({ slug: 'brzeg', name: 'Brzeg', created_at: now() }).execute()
    await tdb.db.insertInto('article_tags').values({ article_id: id, tag_id: await tagId('brzeg'), position: 9 }).execute()
    expect(await expectCopies(id, 6)).toMatchObject({ link_status: 'published', link_published_at: new Date(at).toISOString() })
  })

  it('lists and relates only stories a reader may see, in the edition asked for', async () => {
    const story = (headline: string, more: Partial<ArticleInput>) => content.create({ ...base, headline, tags: ['Tama'], status: 'published', publishedAt: minutesAgo(100), ...more })
    const main = await story('Główna', {})
    const visible = await story('Widoczna', { publishedAt: minutesAgo(50) })
    const english = await story('Angielska', { publishedAt: minutesAgo(40), language: 'en' })
    const draft = await story('Szkic', { status: 'draft', publishedAt: minutesAgo(30) })
    const future = await story('Przyszła', { publishedAt: minutesAgo(-60) })
    const embargoed = await story('Pod embargiem', { publishedAt: minutesAgo(20), embargoUntil: minutesAgo(-30) })
    const withdrawn = await story('Wycofana', { publishedAt: minutesAgo(10) })
    await content.unpublish(withdrawn)
    const page = await story('Strona', { publishedAt: minutesAgo(5) })
    await tdb.db.updateTable('articles').set({ kind: 'page' }).where('id', '=', page).execute()

    const tag = await tagId('tama')
    const author = (await tdb.db.selectFrom('authors').select('id').where('slug', '=', 'ewa-lis').executeTakeFirstOrThrow()).id
    const ids = async (filter: Parameters<typeof listVisible>[1], at = now()) => (await listVisible(tdb.db, filter, { limit: 50, offset: 0 }, at)).map((a) => a.id)
    expect(await ids({ tagId: tag })).toEqual([english, visible, main])
    expect(await ids({ tagId: tag, notLanguages: ['en'] })).toEqual([visible, main])
    expect(await ids({ tagId: tag, language: 'en' })).toEqual([english])
    expect((await ids({ authorId: author })).filter((id) => id >= main)).toEqual([english, visible, main])
    expect(await ids({ tagId: tag, kind: 'page' })).toEqual([page])

    const view = await loadArticleView(tdb.db, await tdb.db.selectFrom('articles').selectAll().where('id', '=', main).executeTakeFirstOrThrow())
    // Four asked, two visible by tag: the rest come from the section (the first test's story, unpublished there, is not one).
    const related = (await relatedArticles(tdb.db, view, 4, now())).map((a) => a.id)
    expect(related.slice(0, 2)).toEqual([english, visible])
    for (const hidden of [draft, future, embargoed, withdrawn, page, main]) expect(related).not.toContain(hidden)
    expect((await relatedArticles(tdb.db, view, 1, now(), { notLanguages: ['en'] })).map((a) => a.id)).toEqual([visible])

    // Once the embargo ends and the scheduled time comes, both appear, newest first.
    const inTwoHours = minutesAgo(-120)
    expect(await ids({ tagId: tag }, inTwoHours)).toEqual([future, embargoed, english, visible, main])
    expect((await relatedArticles(tdb.db, view, 2, inTwoHours)).map((a) => a.id)).toEqual([future, embargoed])
  })
})
