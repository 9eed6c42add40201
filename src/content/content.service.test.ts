import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addAuthor, addSection, paragraphs } from '../../test/fixtures.js'
import { createTestDb, DIALECTS, type TestDb } from '../../test/support.js'
import { countVisible, findRedirect, listVisible, loadArticleView } from './content.repository.js'
import { ContentError, ContentService, type ContentChange } from './content.service.js'

describe.each(DIALECTS)('%s: content service and repository', (dialect) => {
  let tdb: TestDb
  let content: ContentService
  const changes: ContentChange[] = []

  beforeAll(async () => {
    tdb = await createTestDb(dialect)
    content = new ContentService(tdb.db)
    content.onChange((c) => void changes.push(c))
    await addSection(tdb.db, 'swiat', 'Świat')
    await addAuthor(tdb.db, 'jan-nowak', 'Jan Nowak')
    await addAuthor(tdb.db, 'ewa-lis', 'Ewa Lis')
  })
  afterAll(() => tdb.close())

  it('creates an article with a Polish slug, ordered authors and tags created on the fly', async () => {
    const id = await content.create({
      headline: 'Żółć i gęślą jaźń: test',
      sectionSlug: 'swiat',
      authorSlugs: ['ewa-lis', 'jan-nowak'],
      tags: ['Unia Europejska', 'Łódź'],
      body: paragraphs('Treść.'),
      status: 'published',
    })
    const row = await tdb.db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    expect(row.slug).toBe('zolc-i-gesla-jazn-test')
    const view = await loadArticleView(tdb.db, row)
    expect(view.authors.map((a) => a.slug)).toEqual(['ewa-lis', 'jan-nowak'])
    expect(view.tags.map((t) => [t.slug, t.name])).toEqual([
      ['unia-europejska', 'Unia Europejska'],
      ['lodz', 'Łódź'],
    ])
    expect(view.body.content[0]!.attrs?.id).toMatch(/^[\w-]+$/)
    expect(changes.at(-1)).toEqual({ articleId: id, kind: 'article', action: 'create' })
  })

  it('makes slugs unique and refuses an explicit slug that is taken', async () => {
    const a = await content.create({ headline: 'Ten sam tytuł', sectionSlug: 'swiat', body: paragraphs('x') })
    const b = await content.create({ headline: 'Ten sam tytuł', sectionSlug: 'swiat', body: paragraphs('x') })
    const slugs = await tdb.db.selectFrom('articles').select('slug').where('id', 'in', [a, b]).orderBy('id').execute()
    expect(slugs.map((s) => s.slug)).toEqual(['ten-sam-tytul', 'ten-sam-tytul-2'])
    await expect(content.create({ headline: 'Inny', slug: 'ten-sam-tytul', body: paragraphs('x') })).rejects.toMatchObject({ code: 'SlugTaken' })
  })

  it('writes nothing when part of the input is wrong', async () => {
    const before = await tdb.db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    await expect(
      content.create({ headline: 'Z nieznanym autorem', sectionSlug: 'swiat', authorSlugs: ['nie-ma'], tags: ['Nowy tag'], body: paragraphs('x') }),
    ).rejects.toBeInstanceOf(ContentError)
    await expect(content.create({ headline: 'Zły dział', sectionSlug: 'brak', body: paragraphs('x') })).rejects.toMatchObject({ code: 'UnknownSection' })
    const after = await tdb.db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    expect(Number(after.n)).toBe(Number(before.n))
    expect(await tdb.db.selectFrom('tags').select('id').where('slug', '=', 'nowy-tag').executeTakeFirst()).toBeUndefined()
  })

  it('keeps old slugs as redirects and lets a slug come back to its article', async () => {
    const id = await content.create({ headline: 'Pierwsza wersja', sectionSlug: 'swiat', body: paragraphs('x'), status: 'published' })
    await content.changeSlug(id, 'druga-wersja')
    expect((await findRedirect(tdb.db, 'article', 'pierwsza-wersja'))?.id).toBe(id)
    await content.changeSlug(id, 'pierwsza-wersja')
    expect((await findRedirect(tdb.db, 'article', 'druga-wersja'))?.id).toBe(id)
    expect(await findRedirect(tdb.db, 'article', 'pierwsza-wersja')).toBeUndefined()
    // A redirected slug is not free for another story.
    await expect(content.create({ headline: 'x', slug: 'druga-wersja', body: paragraphs('x') })).rejects.toMatchObject({ code: 'SlugTaken' })
  })

  it('records corrections and moves the modification time', async () => {
    const id = await content.create({ headline: 'Do poprawki', sectionSlug: 'swiat', body: paragraphs('x'), status: 'published', publishedAt: '2026-01-01T10:00:00Z' })
    await content.addCorrection(id, 'correction', 'Poprawiono datę.')
    const row = await tdb.db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    expect(row.updated_at > row.published_at!).toBe(true)
    const view = await loadArticleView(tdb.db, row)
    expect(view.corrections.map((c) => [c.kind, c.text])).toEqual([['correction', 'Poprawiono datę.']])
    await expect(content.addCorrection(id, 'update', '   ')).rejects.toMatchObject({ code: 'Invalid' })
  })

  it('updates a story: new fields, a 301 from the old slug, and the lists it left', async () => {
    await addSection(tdb.db, 'kraj', 'Kraj')
    const id = await content.create({ headline: 'Przed zmianą', sectionSlug: 'swiat', tags: ['Stary'], authorSlugs: ['jan-nowak'], body: paragraphs('x'), status: 'published' })
    const before = await tdb.db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    await content.update(id, { headline: 'Po zmianie', slug: 'po-zmianie', sectionSlug: 'kraj', tags: ['Nowy'], authorSlugs: ['ewa-lis'], body: paragraphs('y'), status: 'published' })
    const row = await tdb.db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    expect([row.headline, row.slug, row.published_at]).toEqual(['Po zmianie', 'po-zmianie', before.published_at])
    expect(row.updated_at >= before.updated_at).toBe(true)
    expect((await findRedirect(tdb.db, 'article', 'przed-zmiana'))?.id).toBe(id)
    const view = await loadArticleView(tdb.db, row)
    expect([view.section?.slug, view.tags.map((t) => t.slug), view.authors.map((a) => a.slug)]).toEqual(['kraj', ['nowy'], ['ewa-lis']])
    const change = changes.at(-1)!
    expect(change.action).toBe('update')
    expect(change.previous?.sectionId).toBe(before.section_id)
    expect(change.previous?.tagIds).toHaveLength(1)
    await expect(content.update(999_999, { headline: 'x', body: paragraphs('x') })).rejects.toMatchObject({ code: 'NotFound' })
  })

  it('lists only visible stories, newest first, with counts that match', async () => {
    const now = new Date().toISOString()
    const listed = await listVisible(tdb.db, { sectionId: 1 }, { limit: 100, offset: 0 }, now)
    expect(listed.length).toBe(await countVisible(tdb.db, { sectionId: 1 }, now))
    const times = listed.map((a) => a.publishedAt)
    expect([...times].sort().reverse()).toEqual(times)
    const id = listed[0]!.id
    await content.unpublish(id)
    expect((await listVisible(tdb.db, { sectionId: 1 }, { limit: 100, offset: 0 }, now)).some((a) => a.id === id)).toBe(false)
  })
})
