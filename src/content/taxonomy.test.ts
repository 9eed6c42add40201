/**
 * TaxonomyService on both databases: what a rename, a slug change, a merge and a deletion do
 * to stories, redirects, the newsroom's working copies, and what the listeners are told.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUser } from '../../test/accounts.js'
import { basicSite, paragraphs } from '../../test/fixtures.js'
import { createTestApp, DIALECTS, type TestApp } from '../../test/support.js'
import type { Actor } from '../newsroom/newsroom.service.js'
import { findTaxonomyRedirect, TaxonomyError, type TaxonomyChange } from './taxonomy.js'

describe.each(DIALECTS)('%s: sections, tags and authors', (dialect) => {
  let t: TestApp
  let actor: Actor
  const changes: TaxonomyChange[] = []

  beforeAll(async () => {
    t = await createTestApp(dialect)
    await basicSite(t.testDb.db)
    const user = await createUser(t.testDb.db, 'editor')
    actor = { id: user.id, name: user.name, role: 'editor' }
    t.deps.content.taxonomy.onChange((c) => void changes.push(c))
  })
  afterAll(() => t.close())

  const db = () => t.testDb.db
  const idOf = async (table: 'sections' | 'tags' | 'authors', slug: string) => (await db().selectFrom(table).select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id

  it('rewrites working copies on a section or author slug change and a tag rename; their next save works', async () => {
    const story = await t.deps.newsroom.createStory(actor, 'article', {
      headline: 'Szkic o Sejmie',
      sectionSlug: 'swiat',
      authorSlugs: ['laura-kowalczyk'],
      tags: ['ONZ', 'Świat Polityki'],
      body: paragraphs('Treść szkicu.'),
    })
    const swiat = await idOf('sections', 'swiat')
    const laura = await idOf('authors', 'laura-kowalczyk')
    const tag = await idOf('tags', 'swiat-polityki')
    changes.length = 0
    await t.deps.content.taxonomy.updateSection(swiat, { name: 'Świat', slug: 'zagranica', description: '', position: 2 })
    await t.deps.content.taxonomy.updateAuthor(laura, { name: 'Laura Kowalczyk', slug: 'laura-k', bio: 'Dziennikarka działu zagranicznego.', photoMediaId: null })
    await t.deps.content.taxonomy.updateTag(tag, { name: 'Polityka światowa', slug: 'polityka-swiatowa' })
    expect(changes.map((c) => [c.kind, c.action, c.fields, c.articleIds])).toEqual([
      ['section', 'update', ['slug'], [story.articleId]],
      ['author', 'update', ['slug'], [story.articleId]],
      ['tag', 'update', ['name', 'slug'], [story.articleId]],
    ])
    const draft = await t.deps.newsroom.get(story.articleId)
    expect(draft.snapshot.sectionSlug).toBe('zagranica')
    expect(draft.snapshot.authorSlugs).toEqual(['laura-k'])
    expect(draft.snapshot.tags).toEqual(['ONZ', 'Polityka światowa'])
    const saved = await t.deps.newsroom.save(actor, story.articleId, draft.snapshot, draft.version)
    expect(saved.version).toBe(draft.version + 1)
    expect(await findTaxonomyRedirect(db(), 'section', 'swiat')).toBe('zagranica')
    expect(await findTaxonomyRedirect(db(), 'author', 'laura-kowalczyk')).toBe('laura-k')
    expect(await findTaxonomyRedirect(db(), 'tag', 'swiat-polityki')).toBe('polityka-swiatowa')
  })

  it('refuses a slug another section has or had, and lets a section take its own old slug back', async () => {
    const kraj = await idOf('sections', 'kraj')
    const zagranica = await idOf('sections', 'zagranica')
    await expect(t.deps.content.taxonomy.updateSection(kraj, { name: 'Kraj', slug: 'swiat', description: '', position: 1 })).rejects.toMatchObject({ code: 'SlugTaken' })
    await expect(t.deps.content.taxonomy.updateSection(kraj, { name: 'Kraj', slug: 'Zły', description: '', position: 1 })).rejects.toBeInstanceOf(TaxonomyError)
    await t.deps.content.taxonomy.updateSection(zagranica, { name: 'Świat', slug: 'swiat', description: '', position: 2 })
    expect(await findTaxonomyRedirect(db(), 'section', 'swiat')).toBeUndefined()
    expect(await findTaxonomyRedirect(db(), 'section', 'zagranica')).toBe('swiat')
  })

  it('merges a tag into another without duplicating it on a story that had both', async () => {
    const both = await t.deps.content.create({ kind: 'article', headline: 'Oba tagi', tags: ['Budżet', 'Finanse'], body: paragraphs('x'), status: 'published' })
    const one = await t.deps.content.create({ kind: 'article', headline: 'Jeden tag', tags: ['Budżet'], body: paragraphs('x'), status: 'published' })
    const budzet = await idOf('tags', 'budzet')
    const finanse = await idOf('tags', 'finanse')
    changes.length = 0
    expect(await t.deps.content.taxonomy.mergeTag(budzet, finanse)).toBe(2)
    const tagsOf = async (id: number) => (await db().selectFrom('article_tags').select('tag_id').where('article_id', '=', id).execute()).map((r) => r.tag_id)
    expect(await tagsOf(both)).toEqual([finanse])
    expect(await tagsOf(one)).toEqual([finanse])
    expect(changes[0]).toMatchObject({ kind: 'tag', action: 'merge', id: budzet, intoId: finanse })
    expect(await findTaxonomyRedirect(db(), 'tag', 'budzet')).toBe('finanse')
    await expect(t.deps.content.taxonomy.mergeTag(finanse, finanse)).rejects.toMatchObject({ code: 'SameTag' })
  })

  it('deletes only empty sections and authors', async () => {
    const kraj = await idOf('sections', 'kraj')
    await t.deps.content.create({ kind: 'article', headline: 'W kraju', sectionSlug: 'kraj', body: paragraphs('x'), status: 'published' })
    await expect(t.deps.content.taxonomy.deleteSection(kraj)).rejects.toMatchObject({ code: 'NotEmpty' })
    const empty = await t.deps.content.taxonomy.createSection({ name: 'Pusty', slug: 'pusty', description: '', position: 9 })
    await t.deps.content.taxonomy.deleteSection(empty)
    expect(await db().selectFrom('sections').select('id').where('id', '=', empty).executeTakeFirst()).toBeUndefined()
    const nobody = await t.deps.content.taxonomy.createAuthor({ name: 'Nikt', slug: 'nikt', bio: '', photoMediaId: null })
    await t.deps.content.taxonomy.deleteAuthor(nobody)
    await expect(t.deps.content.taxonomy.deleteAuthor(await idOf('authors', 'laura-k'))).rejects.toMatchObject({ code: 'NotEmpty' })
  })
})
