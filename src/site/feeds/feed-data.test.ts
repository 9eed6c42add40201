import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addAuthor, addMediaRow, addSection, publishArticle } from '../../../test/fixtures.js'
import { createTestDb, DIALECTS, type TestDb } from '../../../test/support.js'
import { ContentService } from '../../content/content.service.js'
import type { Db } from '../../platform/db/database.js'
import { loadFeedArticles, sitemapArticles, sitemapPagesData, sitemapParts } from './feed-data.js'

/** Counts the queries executed through a Kysely handle (one result each; subqueries are not counted). */
class QueryCounter implements KyselyPlugin {
  count = 0
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    this.count++
    return args.result
  }
}

async function counted<T>(db: Db, run: (db: Db) => Promise<T>): Promise<{ result: T; queries: number }> {
  const counter = new QueryCounter()
  const result = await run(db.withPlugin(counter))
  return { result, queries: counter.count }
}

describe.each(DIALECTS)('%s: feed and sitemap queries', (dialect) => {
  let tdb: TestDb
  let sectionId: number
  const now = () => new Date().toISOString()

  beforeAll(async () => {
    tdb = await createTestDb(dialect)
    const content = new ContentService(tdb.db)
    sectionId = await addSection(tdb.db, 'swiat', 'Świat')
    await addAuthor(tdb.db, 'a', 'Autor A')
    await addAuthor(tdb.db, 'b', 'Autor B')
    for (let i = 0; i < 40; i++) {
      const lead = await addMediaRow(tdb.db, `lead-${i}.jpg`)
      const inBody = await addMediaRow(tdb.db, `body-${i}.jpg`)
      await publishArticle(
        content,
        {
          headline: `Artykuł ${i}`,
          sectionSlug: 'swiat',
          authorSlugs: i % 2 ? ['a', 'b'] : ['b'],
          tags: [`Tag ${i}`, 'Wspólny'],
          leadMediaId: lead,
          body: { type: 'doc', content: [{ type: 'image', attrs: { mediaId: inBody } }] },
        },
        i + 1,
      )
    }
  })
  afterAll(() => tdb.close())

  it('loads feed stories with bodies, authors, tags and media in a fixed number of queries', async () => {
    const few = await counted(tdb.db, (db) => loadFeedArticles(db, {}, 3, now()))
    const many = await counted(tdb.db, (db) => loadFeedArticles(db, {}, 30, now()))
    expect(few.result).toHaveLength(3)
    expect(many.result).toHaveLength(30)
    expect(many.queries).toBe(few.queries)
    expect(many.queries).toBeLessThanOrEqual(6)

    const a = many.result[1]!
    expect(a.headline).toBe('Artykuł 1')
    expect(a.authors.map((x) => x.slug)).toEqual(['a', 'b'])
    expect(a.tags.map((x) => x.name)).toEqual(['Tag 1', 'Wspólny'])
    expect(a.leadMedia?.storage_key).toBe('lead-1.jpg')
    const imageId = a.body.content[0]!.type === 'image' ? a.body.content[0]!.attrs.mediaId! : -1
    expect(a.media.get(imageId)?.storage_key).toBe('body-1.jpg')
    // Only its own media (the rendered body is kept by them): not the other stories' images.
    expect([...a.media.keys()]).toEqual([imageId, a.leadMedia!.id])
    expect(a.language).toBe('pl')
    expect(a.createdAt).toMatch(/^\d{4}-/)

    const bySection = await loadFeedArticles(tdb.db, { sectionId }, 30, now())
    expect(bySection.map((x) => x.id)).toEqual(many.result.map((x) => x.id))
  })

  it('returns nothing, with one query, when nothing is visible', async () => {
    const { result, queries } = await counted(tdb.db, (db) => loadFeedArticles(db, {}, 30, '2000-01-01T00:00:00.000Z'))
    expect(result).toEqual([])
    expect(queries).toBe(1)
  })

  it('counts and dates sitemap parts in one query, and reads a part in one query', async () => {
    const parts = await counted(tdb.db, (db) => sitemapParts(db, 15, now()))
    expect(parts.queries).toBe(1)
    expect(parts.result.map((p) => [p.part, p.count])).toEqual([
      [1, 15],
      [2, 15],
      [3, 10],
    ])
    const third = await counted(tdb.db, (db) => sitemapArticles(db, 3, 15, now()))
    expect(third.queries).toBe(1)
    expect(third.result).toHaveLength(10)
    expect(parts.result[2]!.lastmod).toBe(third.result.map((r) => r.updatedAt).sort().at(-1))
    expect(third.result.every((r) => r.sectionSlug === 'swiat' && r.image !== null)).toBe(true)
    expect(await sitemapArticles(tdb.db, 4, 15, now())).toEqual([])
    expect(await sitemapArticles(tdb.db, 0, 15, now())).toEqual([])
    await expect(sitemapParts(tdb.db, 0, now())).rejects.toThrow(RangeError)
  })

  it('gathers the pages sitemap in four queries', async () => {
    const { result, queries } = await counted(tdb.db, (db) => sitemapPagesData(db, now()))
    expect(queries).toBe(4)
    expect(result.tags).toHaveLength(41)
    expect(result.authors.map((a) => a.slug)).toEqual(['a', 'b'])
    expect(result.sections.get(sectionId)).toBe(result.latest)
  })
})
