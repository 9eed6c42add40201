/**
 * The article page's data read in few statements (`findStoryPage`, related cards) gives what
 * the separate look-ups give: the same view, versions and cards on both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addAuthor, addMediaRow, addSection, paragraphs } from '../../test/fixtures.js'
import { createTestDb, DIALECTS, type TestDb } from '../../test/support.js'
import { Editions } from '../editions/editions.js'
import { storyVersions } from '../editions/versions.js'
import type { ArticleInput } from './article.js'
import { findArticleRowBySlug, findStoryPage, loadArticleView, mediaByIds, relatedArticles } from './content.repository.js'
import { ContentService } from './content.service.js'

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString()

describe.each(DIALECTS)('%s: the article page in few statements', (dialect) => {
  let tdb: TestDb
  let content: ContentService
  const now = () => new Date().toISOString()
  const slugOf = async (id: number) => (await tdb.db.selectFrom('articles').select('slug').where('id', '=', id).executeTakeFirstOrThrow()).slug

  beforeAll(async () => {
    tdb = await createTestDb(dialect)
    content = new ContentService(tdb.db)
    await addSection(tdb.db, 'kraj', 'Kraj')
    await addAuthor(tdb.db, 'ewa-lis', 'Ewa Lis', 'Reporterka.')
    await addAuthor(tdb.db, 'jan-nowak', 'Jan Nowak')
  })
  afterAll(() => tdb.close())

  it('reads the story with its authors, tags, corrections, images and versions as the separate look-ups do', async () => {
    const lead = await addMediaRow(tdb.db, 'lead.jpg', { alt: 'Most', caption: 'Most nad Wisłą', credit: 'Fot. PAP' })
    const inBody = await addMediaRow(tdb.db, 'body.jpg', { caption: 'Wał' })
    const body = { type: 'doc', content: [...paragraphs('Pierwszy akapit.').content, { type: 'image', attrs: { id: 'img-1', mediaId: inBody } }] } as ArticleInput['body']
    const input: ArticleInput = { headline: 'Powódź', body, status: 'published', publishedAt: minutesAgo(60), sectionSlug: 'kraj', authorSlugs: ['jan-nowak', 'ewa-lis'], tags: ['Wisła', 'Powódź', 'Wały'], leadMediaId: lead }
    const id = await content.create(input)
    await content.addCorrection(id, 'correction', 'Poprawiono nazwę miejscowości.')
    await content.addCorrection(id, 'update', 'Dodano komentarz wojewody.')
    // Language versions: a visible English one and an Ukrainian draft (not shown).
    const en = await content.create({ ...input, headline: 'Flood', language: 'en', tags: [], leadMediaId: undefined, body: paragraphs('Text.') })
    const uk = await content.create({ ...input, headline: 'Повінь', language: 'uk', status: 'draft', tags: [], leadMediaId: undefined, body: paragraphs('Текст.') })
    await tdb.db.updateTable('articles').set({ translation_group_id: id }).where('id', 'in', [id, en, uk]).execute()

    const slug = await slugOf(id)
    const found = await findStoryPage(tdb.db, 'article', slug, now())
    const row = await findArticleRowBySlug(tdb.db, 'article', slug)
    expect(found?.row).toEqual(row)
    // PostgreSQL reads the relations with the row; SQLite reads them apart (cheaper there).
    expect(found?.relations !== undefined).toBe(dialect === 'postgres')
    const folded = await loadArticleView(tdb.db, found!.row, undefined, found!.relations)
    const separate = await loadArticleView(tdb.db, row!)
    expect(folded).toEqual(separate)
    expect(folded.authors.map((a) => a.slug)).toEqual(['jan-nowak', 'ewa-lis'])
    expect(folded.tags.map((t) => t.name)).toEqual(['Wisła', 'Powódź', 'Wały'])
    expect(folded.corrections.map((c) => c.kind)).toEqual(['correction', 'update'])
    expect(folded.leadMedia).toEqual((await mediaByIds(tdb.db, [lead])).get(lead))
    expect([...folded.media.keys()].sort()).toEqual([lead, inBody].sort())

    const editions = new Editions(['pl', 'en', 'uk'])
    const versions = await storyVersions(tdb.db, row!, editions, now(), found!.relations?.versions)
    expect(versions).toEqual(await storyVersions(tdb.db, row!, editions, now()))
    expect(versions.map((v) => v.code)).toEqual(['pl', 'en'])

    // A story with none of these: empty lists, no lead image, no versions.
    const plain = await content.create({ headline: 'Krótka', body: paragraphs('Treść.'), status: 'published', publishedAt: minutesAgo(30) })
    const bare = await findStoryPage(tdb.db, 'article', await slugOf(plain), now())
    const bareView = await loadArticleView(tdb.db, bare!.row, undefined, bare!.relations)
    expect(bareView).toEqual(await loadArticleView(tdb.db, bare!.row))
    expect(bareView).toMatchObject({ authors: [], tags: [], corrections: [], leadMedia: null })
    expect(await storyVersions(tdb.db, bare!.row, editions, now(), bare!.relations?.versions)).toEqual([])
    expect(await findStoryPage(tdb.db, 'article', 'nie-ma-takiej', now())).toBeUndefined()
  })

  it('gives related cards with their section and lead image, ranked as before', async () => {
    const photo = await addMediaRow(tdb.db, 'card.jpg', { alt: 'Tama', caption: 'Tama w Solinie' })
    const story = (headline: string, ago: number, tags: string[], more: Partial<ArticleInput> = {}) =>
      content.create({ headline, body: paragraphs('Treść.'), status: 'published', publishedAt: minutesAgo(ago), sectionSlug: 'kraj', tags, ...more })
    const main = await story('Zapora', 500, ['Tama', 'Energia', 'Bieszczady'])
    const three = await story('Trzy wspólne', 900, ['Tama', 'Energia', 'Bieszczady'], { leadMediaId: photo })
    const twoNew = await story('Dwa wspólne, nowa', 600, ['Tama', 'Energia'])
    const twoOld = await story('Dwa wspólne, stara', 800, ['Energia', 'Bieszczady'], { leadMediaId: photo })
    const one = await story('Jeden wspólny', 550, ['Bieszczady'])
    await story('Szkic', 400, ['Tama', 'Energia', 'Bieszczady'], { status: 'draft' })
    const view = await loadArticleView(tdb.db, (await findArticleRowBySlug(tdb.db, 'article', await slugOf(main)))!)
    const related = await relatedArticles(tdb.db, view, 4, now())
    expect(related.map((a) => a.id)).toEqual([three, twoNew, twoOld, one])
    const media = (await mediaByIds(tdb.db, [photo])).get(photo)
    expect(related.map((a) => a.leadMedia)).toEqual([media, null, media, null])
    expect(related.every((a) => a.section?.slug === 'kraj')).toBe(true)
    // Fewer found by tag than asked: the section's newest fill up, never the story itself.
    const more = await relatedArticles(tdb.db, view, 6, now())
    expect(more.slice(0, 4).map((a) => a.id)).toEqual([three, twoNew, twoOld, one])
    expect(more).toHaveLength(6)
    expect(more.map((a) => a.id)).not.toContain(main)
  })

  it('looks at the first eight tags of a story, however many it has', async () => {
    const tags = Array.from({ length: 9 }, (_, i) => `Temat ${i + 1}`)
    const story = (headline: string, ago: number, tags: string[]) => content.create({ headline, body: paragraphs('Treść.'), status: 'published', publishedAt: minutesAgo(ago), tags })
    const main = await story('Wiele tematów', 300, tags)
    const eighth = await story('Ósmy temat', 250, ['Temat 8'])
    await story('Dziewiąty temat, nowszy', 200, ['Temat 9'])
    const firstAndEighth = await story('Pierwszy i ósmy', 280, ['Temat 1', 'Temat 8'])
    const view = await loadArticleView(tdb.db, (await findArticleRowBySlug(tdb.db, 'article', await slugOf(main)))!)
    expect(view.tags).toHaveLength(9)
    expect((await relatedArticles(tdb.db, view, 2, now())).map((a) => a.id)).toEqual([firstAndEighth, eighth])
  })
})
