/**
 * @module
 * Storage queries for feeds and sitemaps. Every function costs a fixed number of queries,
 * whatever the number of stories it returns; visibility is always `visibleAt` (directly or
 * through `listVisible`), so an unpublished, future or embargoed story never leaks out.
 */
import { sql } from 'kysely'
import type { ArticleSummary } from '../../content/article.js'
import { listVisible, mediaByIds, visibleAt, type ListFilter } from '../../content/content.repository.js'
import type { AuthorRow, MediaRow, TagRow } from '../../content/content.table.js'
import { parseDocument, type BlockDocument } from '../../content/document.js'
import type { LanguageFilter } from '../../editions/editions.js'
import type { Database, Db, Tx } from '../../platform/db/database.js'
import type { ExpressionBuilder } from 'kysely'

type Conn = Db | Tx

/** An edition's stories (src/editions/): its language, or none of the other editions'. */
function inLanguages(f: LanguageFilter) {
  return (eb: ExpressionBuilder<Database, 'articles'>) =>
    eb.and([
      ...(f.language !== undefined ? [eb('articles.language', '=', f.language)] : []),
      ...(f.notLanguages?.length ? [eb('articles.language', 'not in', f.notLanguages)] : []),
    ])
}

export interface FeedArticle extends ArticleSummary {
  body: BlockDocument
  /** The stored JSON of `body` (the rendered-body cache's key). */
  bodyJson?: string
  language: string
  createdAt: string
  authors: AuthorRow[]
  tags: TagRow[]
  /** Media referenced by image blocks (and the lead image), by id. */
  media: ReadonlyMap<number, MediaRow>
}

const NO_MEDIA: ReadonlyMap<number, MediaRow> = new Map()

function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>()
  for (const row of rows) {
    const k = key(row)
    const list = out.get(k)
    if (list) list.push(row)
    else out.set(k, [row])
  }
  return out
}

/**
 * The latest visible stories matching `filter`, with body, authors, tags and media: six
 * queries for any `limit` (listing + lead media, bodies, authors, tags, body media).
 */
export async function loadFeedArticles(db: Conn, filter: ListFilter, limit: number, now: string): Promise<FeedArticle[]> {
  const summaries = await listVisible(db, filter, { limit, offset: 0 }, now)
  if (summaries.length === 0) return []
  const ids = summaries.map((s) => s.id)
  const [rows, authors, tags] = await Promise.all([
    db.selectFrom('articles').select(['id', 'body', 'language', 'created_at']).where('id', 'in', ids).execute(),
    db
      .selectFrom('article_authors')
      .innerJoin('authors', 'authors.id', 'article_authors.author_id')
      .selectAll('authors')
      .select('article_authors.article_id')
      .where('article_authors.article_id', 'in', ids)
      .orderBy('article_authors.article_id')
      .orderBy('article_authors.position')
      .execute(),
    db
      .selectFrom('article_tags')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .selectAll('tags')
      .select('article_tags.article_id')
      .where('article_tags.article_id', 'in', ids)
      .orderBy('article_tags.article_id')
      .orderBy('article_tags.position')
      .execute(),
  ])
  const bodies = new Map<number, { json: string; body: BlockDocument; language: string; createdAt: string; imageIds: number[] }>()
  const allImageIds: number[] = []
  for (const r of rows) {
    const body = parseDocument(r.body)
    const imageIds: number[] = []
    for (const block of body.content) if (block.type === 'image' && block.attrs.mediaId) imageIds.push(block.attrs.mediaId)
    allImageIds.push(...imageIds)
    bodies.set(r.id, { json: r.body, body, language: r.language, createdAt: r.created_at, imageIds })
  }
  const bodyMedia = await mediaByIds(db, allImageIds)
  const authorsBy = groupBy(authors, (a) => a.article_id)
  const tagsBy = groupBy(tags, (t) => t.article_id)
  return summaries.flatMap((s) => {
    const row = bodies.get(s.id)
    if (!row) return [] // deleted between the two queries
    // Its own media only: the rendered-body cache keys a body by every media item it is given.
    let media = NO_MEDIA
    if (row.imageIds.length > 0 || s.leadMedia) {
      const own = new Map<number, MediaRow>()
      for (const id of row.imageIds) {
        const m = bodyMedia.get(id)
        if (m) own.set(id, m)
      }
      if (s.leadMedia) own.set(s.leadMedia.id, s.leadMedia)
      media = own
    }
    // Written out, not `{ ...s, … }`: the spread copies came out large and were the most of
    // what a feed render left in the old generation (heap sampling of a render loop). The
    // link rows go as they are, `article_id` left on.
    const article: FeedArticle = {
      id: s.id,
      kind: s.kind,
      slug: s.slug,
      headline: s.headline,
      lede: s.lede,
      publishedAt: s.publishedAt,
      updatedAt: s.updatedAt,
      section: s.section,
      leadMedia: s.leadMedia,
      language: row.language,
      body: row.body,
      bodyJson: row.json,
      createdAt: row.createdAt,
      authors: authorsBy.get(s.id) ?? [],
      tags: tagsBy.get(s.id) ?? [],
      media,
    }
    return [article]
  })
}

export interface SitemapPart {
  /** 1-based part number. */
  part: number
  count: number
  /** Latest `updated_at` of the part's stories. */
  lastmod: string
}

function partSize(size: number): number {
  if (!Number.isInteger(size) || size < 1 || size > 50_000) throw new RangeError(`sitemap part size out of range: ${size}`)
  return size
}

/**
 * The article sitemap's parts (stories by ascending id, `size` per part) with their latest
 * change: one query that counts and groups at once.
 */
export async function sitemapParts(db: Conn, size: number, now: string, edition: LanguageFilter = {}): Promise<SitemapPart[]> {
  const n = sql.lit(partSize(size))
  const ranked = db
    .selectFrom('articles')
    .where(visibleAt(now))
    .where('articles.kind', '=', 'article')
    .where(inLanguages(edition))
    .select(['articles.updated_at', sql<number>`row_number() over (order by articles.id)`.as('rn')])
    .as('ranked')
  const rows = await db
    .selectFrom(ranked)
    .select((eb) => [
      sql<number>`(ranked.rn - 1) / ${n}`.as('part'),
      eb.fn.countAll<number>().as('count'),
      eb.fn.max('ranked.updated_at').as('lastmod'),
    ])
    .groupBy(sql`(ranked.rn - 1) / ${n}`)
    .orderBy('part')
    .execute()
  return rows.map((r) => ({ part: Number(r.part) + 1, count: Number(r.count), lastmod: r.lastmod }))
}

export interface SitemapArticle {
  id: number
  slug: string
  sectionSlug: string | null
  updatedAt: string
  image: Pick<MediaRow, 'storage_key' | 'caption' | 'alt'> | null
  language: string
  /** Its translation group (language versions; src/editions/), if any. */
  groupId: number | null
}

/** One part of the article sitemap (1-based); empty when out of range. One query. */
export async function sitemapArticles(db: Conn, part: number, size: number, now: string, edition: LanguageFilter = {}): Promise<SitemapArticle[]> {
  if (!Number.isInteger(part) || part < 1) return []
  const rows = await db
    .selectFrom('articles')
    .leftJoin('sections', 'sections.id', 'articles.section_id')
    .leftJoin('media', 'media.id', 'articles.lead_media_id')
    .where(visibleAt(now))
    .where('articles.kind', '=', 'article')
    .where(inLanguages(edition))
    .select([
      'articles.id',
      'articles.slug',
      'articles.updated_at',
      'articles.language',
      'articles.translation_group_id',
      'sections.slug as section_slug',
      'media.storage_key',
      'media.caption',
      'media.alt',
    ])
    .orderBy('articles.id')
    .limit(partSize(size))
    .offset((part - 1) * size)
    .execute()
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    sectionSlug: r.section_slug,
    updatedAt: r.updated_at,
    image: r.storage_key !== null ? { storage_key: r.storage_key, caption: r.caption ?? '', alt: r.alt ?? '' } : null,
    language: r.language,
    groupId: r.translation_group_id,
  }))
}

export interface SitemapPagesData {
  /** Latest change of any visible story (the home page's lastmod); null when none. */
  latest: string | null
  /** Latest change per section id. */
  sections: Map<number, string>
  pages: Array<{ slug: string; updatedAt: string }>
  tags: Array<{ slug: string; lastmod: string }>
  authors: Array<{ slug: string; lastmod: string }>
}

/**
 * What the pages sitemap lists besides sections: static pages, and the tags and authors
 * that have at least one visible story, each with its latest change. Four queries.
 */
export async function sitemapPagesData(db: Conn, now: string, maxEach = 20_000, edition: LanguageFilter = {}): Promise<SitemapPagesData> {
  const [sections, pages, tags, authors] = await Promise.all([
    db
      .selectFrom('articles')
      .where(visibleAt(now))
      .where('articles.kind', '=', 'article')
      .where(inLanguages(edition))
      .select((eb) => ['articles.section_id', eb.fn.max('articles.updated_at').as('lastmod')])
      .groupBy('articles.section_id')
      .execute(),
    db
      .selectFrom('articles')
      .where(visibleAt(now))
      .where('articles.kind', '=', 'page')
      .where(inLanguages(edition))
      .select(['articles.slug', 'articles.updated_at'])
      .orderBy('articles.slug')
      .limit(maxEach)
      .execute(),
    db
      .selectFrom('tags')
      .innerJoin('article_tags', 'article_tags.tag_id', 'tags.id')
      .innerJoin('articles', 'articles.id', 'article_tags.article_id')
      .where(visibleAt(now))
      .where('articles.kind', '=', 'article')
      .where(inLanguages(edition))
      .select((eb) => ['tags.slug', eb.fn.max('articles.updated_at').as('lastmod')])
      .groupBy(['tags.id', 'tags.slug'])
      .orderBy('tags.slug')
      .limit(maxEach)
      .execute(),
    db
      .selectFrom('authors')
      .innerJoin('article_authors', 'article_authors.author_id', 'authors.id')
      .innerJoin('articles', 'articles.id', 'article_authors.article_id')
      .where(visibleAt(now))
      .where('articles.kind', '=', 'article')
      .where(inLanguages(edition))
      .select((eb) => ['authors.slug', eb.fn.max('articles.updated_at').as('lastmod')])
      .groupBy(['authors.id', 'authors.slug'])
      .orderBy('authors.slug')
      .limit(maxEach)
      .execute(),
  ])
  let latest: string | null = null
  const bySection = new Map<number, string>()
  for (const row of sections) {
    if (latest === null || row.lastmod > latest) latest = row.lastmod
    if (row.section_id !== null) bySection.set(row.section_id, row.lastmod)
  }
  return {
    latest,
    sections: bySection,
    pages: pages.map((p) => ({ slug: p.slug, updatedAt: p.updated_at })),
    tags: tags.map((t) => ({ slug: t.slug, lastmod: t.lastmod })),
    authors: authors.map((a) => ({ slug: a.slug, lastmod: a.lastmod })),
  }
}
