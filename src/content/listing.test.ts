import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addAuthor, addSection, paragraphs } from '../../test/fixtures.js'
import { createTestDb, DIALECTS, type TestDb } from '../../test/support.js'
import { listVisible, listVisiblePage, loadArticleView, RELATED_CANDIDATES_PER_TAG, relatedArticles } from './content.repository.js'
import { ContentService } from './content.service.js'
import type { ArticleInput } from './article.js'

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString()

describe.each(DIALECTS)('%s: lists and related stories', (dialect) => {
  let tdb: TestDb
  let content: ContentService
  const now = () => new Date().toISOString()
  const story = (headline: string, ago: number, more: Partial<ArticleInput> = {}) =>
    content.create({ headline, body: paragraphs('Treść.'), status: 'published', publishedAt: minutesAgo(ago), sectionSlug: 'kraj', ...more })
  const view = async (id: number) => loadArticleView(tdb.db, await tdb.db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirstOrThrow())

  beforeAll(async () => {
    tdb = await createTestDb(dialect)
    content = new ContentService(tdb.db)
    await addSection(tdb.db, 'kraj', 'Kraj')
    await addSection(tdb.db, 'swiat', 'Świat')
    await addAuthor(tdb.db, 'jan-nowak', 'Jan Nowak')
  })
  afterAll(() => tdb.close())

  it('keeps tag and author lists in publication order when a story is rescheduled, unpublished or retagged', async () => {
    const a = await story('Pierwsza', 30, { tags: ['Kolej'], authorSlugs: ['jan-nowak'] })
    const b = await story('Druga', 20, { tags: ['Kolej'], authorSlugs: ['jan-nowak'] })
    const c = await story('Trzecia', 10, { tags: ['Kolej'], authorSlugs: ['jan-nowak'] })
    const tag = await tdb.db.selectFrom('tags').select('id').where('slug', '=', 'kolej').executeTakeFirstOrThrow()
    const author = await tdb.db.selectFrom('authors').select('id').where('slug', '=', 'jan-nowak').executeTakeFirstOrThrow()
    const ids = async (filter: { tagId?: number; authorId?: number }) => (await listVisible(tdb.db, filter, { limit: 10, offset: 0 }, now())).map((s) => s.id)
    expect(await ids({ tagId: tag.id })).toEqual([c, b, a])
    expect(await ids({ authorId: author.id })).toEqual([c, b, a])

    // The oldest story moved to the newest time: the link tables follow (triggers, migration 0015).
    await content.update(a, { headline: 'Pierwsza', body: paragraphs('Treść.'), status: 'published', publishedAt: minutesAgo(5), sectionSlug: 'kraj', tags: ['Kolej'], authorSlugs: ['jan-nowak'] })
    expect(await ids({ tagId: tag.id })).toEqual([a, c, b])
    expect(await ids({ authorId: author.id })).toEqual([a, c, b])
    // A direct update of the story's time (not through the service) is followed as well.
    await tdb.db.updateTable('articles').set({ published_at: minutesAgo(40) }).where('id', '=', c).execute()
    expect(await ids({ tagId: tag.id })).toEqual([a, b, c])

    // Scheduled for the future: not listed until its time.
    await content.update(b, { headline: 'Druga', body: paragraphs('Treść.'), status: 'published', publishedAt: minutesAgo(-60), sectionSlug: 'kraj', tags: ['Kolej'], authorSlugs: ['jan-nowak'] })
    expect(await ids({ tagId: tag.id })).toEqual([a, c])
    expect((await listVisible(tdb.db, { tagId: tag.id }, { limit: 10, offset: 0 }, minutesAgo(-61))).map((s) => s.id)).toEqual([b, a, c])

    await content.unpublish(a)
    expect(await ids({ tagId: tag.id })).toEqual([c])
    // Retagged: off the old tag's list.
    await content.update(c, { headline: 'Trzecia', body: paragraphs('Treść.'), status: 'published', sectionSlug: 'kraj', tags: ['Tramwaje'] })
    expect(await ids({ tagId: tag.id })).toEqual([])
    expect(await ids({ authorId: author.id })).toEqual([])
  })

  it('pages a list without counting it: one row more tells whether an older page follows', async () => {
    for (let i = 0; i < 5; i++) await story(`Świat ${i}`, 100 + i, { sectionSlug: 'swiat' })
    const section = await tdb.db.selectFrom('sections').select('id').where('slug', '=', 'swiat').executeTakeFirstOrThrow()
    const page = (limit: number, offset: number) => listVisiblePage(tdb.db, { sectionId: section.id }, { limit, offset }, now())
    const first = await page(2, 0)
    expect(first.articles.map((a) => a.headline)).toEqual(['Świat 0', 'Świat 1'])
    expect(first.hasMore).toBe(true)
    expect((await page(2, 2)).hasMore).toBe(true)
    const last = await page(2, 4)
    expect(last.articles.map((a) => a.headline)).toEqual(['Świat 4'])
    expect(last.hasMore).toBe(false)
    // Exactly a page's worth: no next page.
    expect((await page(5, 0)).hasMore).toBe(false)
    expect(await page(5, 5)).toEqual({ articles: [], hasMore: false })
  })

  it('relates stories sharing the most tags, newest first, then the section', async () => {
    const main = await story('Główna', 1000, { tags: ['Wisła', 'Powódź', 'Kraków'] })
    const twoTags = await story('Dwa wspólne tagi', 1500, { tags: ['Wisła', 'Powódź'] })
    const oneTagNew = await story('Jeden wspólny, nowy', 900, { tags: ['Kraków'] })
    const oneTagOld = await story('Jeden wspólny, stary', 1600, { tags: ['Wisła'] })
    await story('Niewidoczna', 800, { tags: ['Wisła', 'Powódź', 'Kraków'], status: 'draft' })
    await story('Inny dział', 700, { sectionSlug: 'swiat' })
    const related = await relatedArticles(tdb.db, await view(main), 3, now())
    expect(related.map((a) => a.id)).toEqual([twoTags, oneTagNew, oneTagOld])
    // Fewer related by tag than asked: the newest of the story's section fill up, never itself.
    const more = await relatedArticles(tdb.db, await view(main), 5, now())
    expect(more.slice(0, 3).map((a) => a.id)).toEqual([twoTags, oneTagNew, oneTagOld])
    expect(more.map((a) => a.id)).not.toContain(main)
    expect(more.slice(3).every((a) => a.section?.slug === 'kraj')).toBe(true)
  })

  it(`looks only at the ${RELATED_CANDIDATES_PER_TAG} newest stories of each tag`, async () => {
    const main = await story('Stadion', 5000, { tags: ['Stadion', 'Budżet'] })
    // An old story sharing both tags, behind the newest stories of either tag.
    await story('Stara, oba tagi', 9000, { tags: ['Stadion', 'Budżet'] })
    const newer: number[] = []
    for (let i = 0; i < RELATED_CANDIDATES_PER_TAG; i++) {
      newer.push(await story(`Stadion ${i}`, 2000 + i, { tags: ['Stadion'] }))
      await story(`Budżet ${i}`, 3000 + i, { tags: ['Budżet'] })
    }
    const related = await relatedArticles(tdb.db, await view(main), 4, now())
    expect(related.map((a) => a.id)).toEqual(newer.slice(0, 4))
    // Within both windows, two shared tags win over one, though newer stories share one.
    const both = await story('Nowa, oba tagi', 2005.5, { tags: ['Stadion', 'Budżet'] })
    expect((await relatedArticles(tdb.db, await view(main), 4, now())).map((a) => a.id)).toEqual([both, ...newer.slice(0, 3)])
  })
})
