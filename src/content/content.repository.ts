/**
 * @module
 * Storage queries of the content domain: plain functions over a Kysely handle or transaction,
 * the same on SQLite and PostgreSQL.
 */
import { sql, type Compilable, type ExpressionBuilder } from 'kysely'
import { compiledQuery } from '../platform/db/compiled.js'
import type { Database, Db, Tx } from '../platform/db/database.js'
import type { ArticleSummary, ArticleView, Source } from './article.js'
import { parseDocument, type BlockDocument } from './document.js'
import type { ArticleKind, ArticleRow, AuthorRow, MediaRow, SectionRow, TagRow } from './content.table.js'

type Conn = Db | Tx

/**
 * Where a story's visibility columns (status, published_at, embargo_until, kind, language) are
 * read: its own row, or the copies of them in its link rows, which triggers keep equal whoever
 * writes (migrations 0015, 0018). Lists of a tag or an author filter on the copies: on SQLite
 * the story's own columns sit after `body`, in overflow pages.
 */
export type VisibilitySource = 'articles' | 'article_tags' | 'article_authors'

function column(from: VisibilitySource, name: 'status' | 'published_at' | 'embargo_until' | 'kind' | 'language') {
  return sql.ref<string | null>(`${from}.${name}`)
}

/** The one definition of "a reader may see it": published, its time come, no embargo left. */
export function visibleAt(now: string, from: VisibilitySource = 'articles') {
  return <DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>) =>
    eb.and([
      eb(column(from, 'status'), '=', 'published'),
      eb(column(from, 'published_at'), '<=', now),
      eb.or([eb(column(from, 'embargo_until'), 'is', null), eb(column(from, 'embargo_until'), '<=', now)]),
    ])
}

/** What a list shows: visible stories of its kind (articles unless told) in its edition. */
function listedAt(now: string, filter: Pick<ListFilter, 'kind' | 'language' | 'notLanguages'>, from: VisibilitySource) {
  return <DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>) =>
    eb.and([
      visibleAt(now, from)(eb),
      eb(column(from, 'kind'), '=', filter.kind ?? 'article'),
      ...(filter.language !== undefined ? [eb(column(from, 'language'), '=', filter.language)] : []),
      ...(filter.notLanguages?.length ? [eb(column(from, 'language'), 'not in', filter.notLanguages)] : []),
    ])
}

/** The same rule as `visibleAt`, for a row already loaded. */
export function isVisibleRow(row: Pick<ArticleRow, 'status' | 'published_at' | 'embargo_until'>, now: string): boolean {
  return row.status === 'published' && row.published_at !== null && row.published_at <= now && (row.embargo_until === null || row.embargo_until <= now)
}

const SUMMARY_COLUMNS = [
  'articles.id',
  'articles.kind',
  'articles.slug',
  'articles.headline',
  'articles.lede',
  'articles.published_at',
  'articles.updated_at',
  'articles.lead_media_id',
  'articles.language',
  'sections.id as section_id',
  'sections.slug as section_slug',
  'sections.name as section_name',
] as const

interface SummaryRow {
  id: number
  kind: ArticleKind
  slug: string
  headline: string
  lede: string
  published_at: string | null
  updated_at: string
  lead_media_id: number | null
  language: string
  section_id: number | null
  section_slug: string | null
  section_name: string | null
}

function toSummary(r: SummaryRow, media: Map<number, MediaRow>): ArticleSummary {
  return {
    id: r.id,
    kind: r.kind,
    slug: r.slug,
    headline: r.headline,
    lede: r.lede,
    publishedAt: r.published_at ?? r.updated_at,
    updatedAt: r.updated_at,
    section: r.section_id !== null ? { id: r.section_id, slug: r.section_slug!, name: r.section_name! } : null,
    leadMedia: r.lead_media_id !== null ? (media.get(r.lead_media_id) ?? null) : null,
    language: r.language,
  }
}

export interface ListFilter {
  kind?: ArticleKind
  sectionId?: number
  tagId?: number
  authorId?: number
  /** Only stories published at or after this time (Google News sitemap). */
  since?: string
  /** Only stories in this language (a non-default edition; src/editions/). */
  language?: string
  /** Stories in any language but these (the default edition beside others). */
  notLanguages?: string[]
}

/**
 * A list's rows, newest first. Tag and author lists walk their link table's (tag_id |
 * author_id, kind, status, published_at, article_id, …) index and filter on its copies of the
 * story's columns (migration 0018), so a page reads about as many rows as it shows however
 * large the tag, and reads only the shown stories' rows; other lists walk articles'
 * (kind, status, published_at) or (section_id, published_at) index.
 */
function listingQuery(db: Conn, filter: ListFilter, now: string) {
  let q = db.selectFrom('articles')
  let from: VisibilitySource = 'articles'
  if (filter.tagId !== undefined) {
    // The joined link table stays out of the builder's type: its columns are referenced by name.
    q = q.innerJoin('article_tags', 'article_tags.article_id', 'articles.id').where('article_tags.tag_id', '=', filter.tagId) as unknown as typeof q
    from = 'article_tags'
  } else if (filter.authorId !== undefined) {
    q = q.innerJoin('article_authors', 'article_authors.article_id', 'articles.id').where('article_authors.author_id', '=', filter.authorId) as unknown as typeof q
    from = 'article_authors'
  }
  const newest = [column(from, 'published_at'), sql.ref(from === 'articles' ? 'articles.id' : `${from}.article_id`)] as const
  q = q.where(listedAt(now, filter, from))
  if (filter.sectionId !== undefined) q = q.where('articles.section_id', '=', filter.sectionId)
  if (filter.since !== undefined) q = q.where(column(from, 'published_at'), '>=', filter.since)
  if (filter.tagId !== undefined && filter.authorId !== undefined) {
    const authorId = filter.authorId
    q = q.where((eb) =>
      eb.exists(
        eb.selectFrom('article_authors').select('article_authors.article_id').whereRef('article_authors.article_id', '=', 'articles.id').where('article_authors.author_id', '=', authorId),
      ),
    )
  }
  return { q, newest }
}

const FILTER_KEYS = ['kind', 'sectionId', 'tagId', 'authorId', 'since', 'language'] as const

type ListRows = Awaited<ReturnType<ReturnType<typeof listStatement>['execute']>>
function listStatement(db: Conn, filter: ListFilter, now: string, limit: number, offset: number) {
  const { q, newest } = listingQuery(db, filter, now)
  return q.leftJoin('sections', 'sections.id', 'articles.section_id').select(SUMMARY_COLUMNS).orderBy(newest[0], 'desc').orderBy(newest[1], 'desc').limit(limit).offset(offset)
}

/** A list's statement per filter shape (which fields are set), compiled once; its values are arguments. */
const listQueries = new Map<string, (db: Conn, ...args: unknown[]) => Promise<ListRows>>()
function listQueryFor(filter: ListFilter) {
  const present = FILTER_KEYS.filter((k) => filter[k] !== undefined)
  const notLanguages = filter.notLanguages?.length ?? 0
  const shape = `${present.join(',')}:${notLanguages}`
  let query = listQueries.get(shape)
  if (!query) {
    query = compiledQuery((db, ...args: unknown[]) => {
      const f: Record<string, unknown> = {}
      present.forEach((k, i) => (f[k] = args[1 + i]))
      if (notLanguages) f.notLanguages = args.slice(1 + present.length, 1 + present.length + notLanguages)
      const [limit, offset] = args.slice(-2) as [number, number]
      return listStatement(db, f as ListFilter, args[0] as string, limit, offset)
    })
    listQueries.set(shape, query)
  }
  return query
}

export async function listVisible(
  db: Conn,
  filter: ListFilter,
  page: { limit: number; offset: number },
  now: string,
): Promise<ArticleSummary[]> {
  const rows = await listQueryFor(filter)(db, now, ...FILTER_KEYS.flatMap((k) => (filter[k] !== undefined ? [filter[k]] : [])), ...(filter.notLanguages ?? []), page.limit, page.offset)
  const media = await mediaByIds(db, rows.map((r) => r.lead_media_id))
  return rows.map((r) => toSummary(r, media))
}

/**
 * One page of a list and whether an older page follows (one row more is read: no count of
 * the whole list, whose cost would grow with the archive).
 */
export async function listVisiblePage(
  db: Conn,
  filter: ListFilter,
  page: { limit: number; offset: number },
  now: string,
): Promise<{ articles: ArticleSummary[]; hasMore: boolean }> {
  const rows = await listVisible(db, filter, { limit: page.limit + 1, offset: page.offset }, now)
  return { articles: rows.slice(0, page.limit), hasMore: rows.length > page.limit }
}

/** Counts a whole list (admin and tests; page renders use `listVisiblePage`). */
export async function countVisible(db: Conn, filter: ListFilter, now: string): Promise<number> {
  const row = await listingQuery(db, filter, now).q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function mediaByIds(db: Conn, ids: ReadonlyArray<number | null>): Promise<Map<number, MediaRow>> {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))]
  if (wanted.length === 0) return new Map()
  const rows = await byIdList(mediaByIdQueries, wanted, (db, list) => db.selectFrom('media').selectAll().where('id', 'in', list))(db, ...wanted)
  return new Map(rows.map((m) => [m.id, m]))
}

/** Statements of an `in (…)` list, compiled once per list length (short lists: cards, images). */
const MAX_COMPILED_LIST = 64
type ByIds<R> = (db: Conn, ...ids: number[]) => Promise<R[]>
function byIdList<R>(cache: Map<number, ByIds<R>>, ids: readonly number[], build: (db: Db, ids: number[]) => Compilable<R>): ByIds<R> {
  if (ids.length > MAX_COMPILED_LIST) return async (db, ...list) => (await db.executeQuery(build(db as Db, list))).rows
  let query = cache.get(ids.length)
  if (!query) {
    query = compiledQuery((db, ...list: number[]) => build(db, list))
    cache.set(ids.length, query)
  }
  return query
}
const mediaByIdQueries = new Map<number, ByIds<MediaRow>>()
const summariesByIdQueries = new Map<number, ByIds<SummaryRow>>()

// The article page's fixed-shape queries, compiled once (src/platform/db/compiled.ts).
const articleBySlug = compiledQuery((db, kind: ArticleKind, slug: string) => db.selectFrom('articles').selectAll().where('kind', '=', kind).where('slug', '=', slug))
const authorsOfArticle = compiledQuery((db, id: number) =>
  db.selectFrom('article_authors').innerJoin('authors', 'authors.id', 'article_authors.author_id').selectAll('authors').where('article_authors.article_id', '=', id).orderBy('article_authors.position'),
)
const tagsOfArticle = compiledQuery((db, id: number) =>
  db.selectFrom('article_tags').innerJoin('tags', 'tags.id', 'article_tags.tag_id').selectAll('tags').where('article_tags.article_id', '=', id).orderBy('article_tags.position'),
)
const correctionsOfArticle = compiledQuery((db, id: number) => db.selectFrom('corrections').selectAll().where('article_id', '=', id).orderBy('created_at').orderBy('id'))

export async function findArticleRowBySlug(db: Conn, kind: ArticleKind, slug: string): Promise<ArticleRow | undefined> {
  return (await articleBySlug(db, kind, slug))[0]
}

export async function findRedirect(db: Conn, kind: ArticleKind, oldSlug: string): Promise<ArticleRow | undefined> {
  return db
    .selectFrom('article_redirects')
    .innerJoin('articles', 'articles.id', 'article_redirects.article_id')
    .selectAll('articles')
    .where('article_redirects.kind', '=', kind)
    .where('article_redirects.old_slug', '=', oldSlug)
    .executeTakeFirst()
}

function imageMediaIds(doc: BlockDocument): number[] {
  const ids: number[] = []
  for (const block of doc.content) if (block.type === 'image' && block.attrs.mediaId) ids.push(block.attrs.mediaId)
  return ids
}

/** Everything the article page needs, in a fixed small number of queries. */
export async function loadArticleView(
  db: Conn,
  row: ArticleRow,
  /** The sections as the site already holds them in memory (spares a query per render). */
  sections?: ReadonlyArray<Pick<SectionRow, 'id' | 'slug' | 'name'>>,
): Promise<ArticleView> {
  const body = parseDocument(row.body)
  const known = sections?.find((s) => s.id === row.section_id)
  const [section, authors, tags, corrections, media] = await Promise.all([
    row.section_id === null
      ? Promise.resolve(undefined)
      : known
        ? Promise.resolve({ id: known.id, slug: known.slug, name: known.name })
        : db.selectFrom('sections').select(['id', 'slug', 'name']).where('id', '=', row.section_id).executeTakeFirst(),
    authorsOfArticle(db, row.id),
    tagsOfArticle(db, row.id),
    correctionsOfArticle(db, row.id),
    mediaByIds(db, [row.lead_media_id, ...imageMediaIds(body)]),
  ])
  return {
    id: row.id,
    kind: row.kind,
    slug: row.slug,
    headline: row.headline,
    lede: row.lede,
    publishedAt: row.published_at ?? row.updated_at,
    updatedAt: row.updated_at,
    section: section ?? null,
    leadMedia: row.lead_media_id !== null ? (media.get(row.lead_media_id) ?? null) : null,
    externalId: row.external_id,
    status: row.status,
    language: row.language,
    body,
    bodyJson: row.body,
    source: row.source ? (JSON.parse(row.source) as Source) : null,
    seoTitle: row.seo_title,
    seoDescription: row.seo_description,
    authors,
    tags,
    corrections,
    media,
  }
}

/** How many of each tag's newest stories are candidates for "related" (bounds the work per page). */
export const RELATED_CANDIDATES_PER_TAG = 20
/** Only the story's first tags count (a story tagged with dozens would cost a query each). */
const RELATED_MAX_TAGS = 8

/**
 * Visible stories related to this one, excluding itself: among the newest
 * RELATED_CANDIDATES_PER_TAG stories of each of its tags, those found under the most of its
 * tags, newest first; filled up with the newest of its section. Each look-up walks an index
 * for a bounded number of rows, so the cost does not grow with the archive or the tags.
 */
/** The candidates' statement per shape (number of tags, edition filter), compiled once. */
const relatedCandidateQueries = new Map<string, (db: Conn, ...args: unknown[]) => Promise<Array<{ id: number; published_at: string | null }>>>()

/** Each tag's newest visible stories but this one: one statement (a UNION ALL), one round trip on PostgreSQL. */
function relatedCandidates(db: Conn, articleId: number, now: string, tagIds: number[], edition: Pick<ListFilter, 'language' | 'notLanguages'>) {
  const tags = tagIds.length
  const hasLanguage = edition.language !== undefined
  const notLanguages = edition.notLanguages?.length ?? 0
  const shape = `${tags}:${hasLanguage}:${notLanguages}`
  let query = relatedCandidateQueries.get(shape)
  if (!query) {
    query = compiledQuery((db, ...args: unknown[]) => {
      const [id, at] = args as [number, string]
      const ids = args.slice(2, 2 + tags) as number[]
      const language = hasLanguage ? (args[2 + tags] as string) : undefined
      const filter = { ...(language !== undefined ? { language } : {}), ...(notLanguages ? { notLanguages: args.slice(2 + tags + (hasLanguage ? 1 : 0)) as string[] } : {}) }
      // From the link table alone (its index covers the rule): no story row is read for a candidate.
      const perTag = ids.map((tagId) => {
        const newestOfTag = db
          .selectFrom('article_tags')
          .select(['article_tags.article_id as id', 'article_tags.published_at'])
          .where('article_tags.tag_id', '=', tagId)
          .where(listedAt(at, filter, 'article_tags'))
          .where('article_tags.article_id', '!=', id)
          .orderBy('article_tags.published_at', 'desc')
          .orderBy('article_tags.article_id', 'desc')
          .limit(RELATED_CANDIDATES_PER_TAG)
        return db.selectFrom(newestOfTag.as('candidates')).selectAll()
      })
      return perTag.reduce((all, next) => all.unionAll(next))
    })
    relatedCandidateQueries.set(shape, query)
  }
  return query(db, articleId, now, ...tagIds, ...(hasLanguage ? [edition.language] : []), ...(edition.notLanguages ?? []))
}

export async function relatedArticles(
  db: Conn,
  article: ArticleView,
  limit: number,
  now: string,
  edition: Pick<ListFilter, 'language' | 'notLanguages'> = {},
): Promise<ArticleSummary[]> {
  const tagIds = article.tags.slice(0, RELATED_MAX_TAGS).map((t) => t.id)
  let ids: number[] = []
  if (tagIds.length > 0) {
    const rows = await relatedCandidates(db, article.id, now, tagIds, edition)
    const found = new Map<number, { id: number; n: number; at: string }>()
    for (const r of rows) {
      const seen = found.get(r.id)
      if (seen) seen.n++
      else found.set(r.id, { id: r.id, n: 1, at: r.published_at ?? '' })
    }
    ids = [...found.values()]
      .sort((a, b) => b.n - a.n || (a.at < b.at ? 1 : a.at > b.at ? -1 : b.id - a.id))
      .slice(0, limit)
      .map((r) => r.id)
  }
  const byTag = ids.length > 0 ? await summariesByIds(db, ids) : []
  if (byTag.length >= limit || !article.section) return byTag
  const more = await listVisible(db, { sectionId: article.section.id, ...edition }, { limit: limit + 1 + byTag.length, offset: 0 }, now)
  const seen = new Set([article.id, ...ids])
  return [...byTag, ...more.filter((a) => !seen.has(a.id))].slice(0, limit)
}

async function summariesByIds(db: Conn, ids: number[]): Promise<ArticleSummary[]> {
  const rows = await byIdList(summariesByIdQueries, ids, (db, list) =>
    db.selectFrom('articles').leftJoin('sections', 'sections.id', 'articles.section_id').select(SUMMARY_COLUMNS).where('articles.id', 'in', list),
  )(db, ...ids)
  const media = await mediaByIds(db, rows.map((r) => r.lead_media_id))
  const byId = new Map(rows.map((r) => [r.id, toSummary(r, media)]))
  return ids.map((id) => byId.get(id)).filter((a): a is ArticleSummary => a !== undefined)
}

export async function listSections(db: Conn): Promise<SectionRow[]> {
  return db.selectFrom('sections').selectAll().orderBy('position').orderBy('name').execute()
}
export async function findSection(db: Conn, slug: string): Promise<SectionRow | undefined> {
  return db.selectFrom('sections').selectAll().where('slug', '=', slug).executeTakeFirst()
}
export async function findTag(db: Conn, slug: string): Promise<TagRow | undefined> {
  return db.selectFrom('tags').selectAll().where('slug', '=', slug).executeTakeFirst()
}
export async function findAuthor(db: Conn, slug: string): Promise<AuthorRow | undefined> {
  return db.selectFrom('authors').selectAll().where('slug', '=', slug).executeTakeFirst()
}
