/**
 * @module
 * Storage queries of the content domain: plain functions over a Kysely handle or transaction,
 * the same on SQLite and PostgreSQL.
 */
import { PostgresAdapter, sql, type Compilable, type ExpressionBuilder, type RawBuilder, type SelectQueryBuilder } from 'kysely'
import { jsonArrayFrom as pgJsonArray, jsonBuildObject as pgJsonObject } from 'kysely/helpers/postgres'
import { jsonArrayFrom as sqliteJsonArray, jsonBuildObject as sqliteJsonObject } from 'kysely/helpers/sqlite'
import { compiledQuery } from '../platform/db/compiled.js'
import type { Database, Db, Tx } from '../platform/db/database.js'
import type { ArticleSummary, ArticleView, Source } from './article.js'
import { parseDocument, type BlockDocument } from './document.js'
import type { ArticleKind, ArticleRow, AuthorRow, CorrectionRow, MediaRow, SectionRow, TagRow } from './content.table.js'

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

function toSummary(r: SummaryRow, leadMedia: MediaRow | null): ArticleSummary {
  return {
    id: r.id,
    kind: r.kind,
    slug: r.slug,
    headline: r.headline,
    lede: r.lede,
    publishedAt: r.published_at ?? r.updated_at,
    updatedAt: r.updated_at,
    section: r.section_id !== null ? { id: r.section_id, slug: r.section_slug!, name: r.section_name! } : null,
    leadMedia,
    language: r.language,
  }
}

/** Whether a handle (or a transaction of it) speaks PostgreSQL: its dialect's adapter says. */
function isPostgres(db: Conn): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter
}

/** Rows of other tables inside one statement (one round trip on PostgreSQL): Kysely's JSON helpers of the handle's dialect. */
function jsonOf(db: Conn) {
  return isPostgres(db) ? { array: pgJsonArray, object: pgJsonObject } : { array: sqliteJsonArray, object: sqliteJsonObject }
}
/** A JSON value as the driver hands it over: parsed by pg, text from SQLite. */
function fromJson<T>(value: T | string): T {
  return typeof value === 'string' ? (JSON.parse(value) as T) : value
}

const MEDIA_FIELDS = [
  'id', 'storage_key', 'mime', 'width', 'height', 'bytes', 'alt', 'caption', 'credit', 'copyright', 'usage_terms', 'created_at', 'uploaded_by',
  'original_name', 'updated_at', 'search_text', 'variants', 'variants_state', 'variants_attempts', 'variants_locked_until', 'variants_error',
] as const satisfies ReadonlyArray<keyof MediaRow>
// Every column of a media row, or this does not compile.
const mediaFieldsComplete: [Exclude<keyof MediaRow, (typeof MEDIA_FIELDS)[number]>] extends [never] ? true : never = true
void mediaFieldsComplete

/**
 * The lead image as one JSON object, from `media` joined as `lead` (a join, not Kysely's
 * subquery per row: SQLite runs that far slower). Read with `leadMediaOf`.
 */
function leadMediaJson(db: Conn): RawBuilder<MediaRow | string> {
  return jsonOf(db).object(Object.fromEntries(MEDIA_FIELDS.map((f) => [f, sql.ref(`lead.${f}`)]))) as RawBuilder<MediaRow | string>
}
/** The object of `leadMediaJson`: null when no image was joined. */
function leadMediaOf(value: MediaRow | string | null): MediaRow | null {
  const media = value === null ? null : fromJson(value)
  return media && media.id !== null ? media : null
}

// Explicit columns (SQLite's json_object needs them), in the tables' order.
const AUTHOR_COLUMNS = ['authors.id', 'authors.slug', 'authors.name', 'authors.bio', 'authors.photo_media_id', 'authors.created_at'] as const
const TAG_COLUMNS = ['tags.id', 'tags.slug', 'tags.name', 'tags.created_at'] as const
const CORRECTION_COLUMNS = ['corrections.id', 'corrections.article_id', 'corrections.kind', 'corrections.text', 'corrections.created_at'] as const
/** A story's language version as `versionRows` (src/editions/versions.ts) reads it. */
export const VERSION_COLUMNS = ['articles.id', 'articles.translation_group_id', 'articles.kind', 'articles.slug', 'articles.language', 'articles.headline', 'sections.slug as section_slug'] as const
export interface VersionMemberRow {
  id: number
  translation_group_id: number | null
  kind: ArticleKind
  slug: string
  language: string
  headline: string
  section_slug: string | null
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
  return rows.map((r) => toSummary(r, r.lead_media_id !== null ? (media.get(r.lead_media_id) ?? null) : null))
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
const cardsByIdQueries = new Map<number, ByIds<CardRow>>()

// The article page's fixed-shape queries, compiled once (src/platform/db/compiled.ts).
const articleBySlug = compiledQuery((db, kind: ArticleKind, slug: string) => db.selectFrom('articles').selectAll().where('kind', '=', kind).where('slug', '=', slug))
const authorsOfArticle = compiledQuery((db, id: number) =>
  db.selectFrom('article_authors').innerJoin('authors', 'authors.id', 'article_authors.author_id').select(AUTHOR_COLUMNS).where('article_authors.article_id', '=', id).orderBy('article_authors.position'),
)
const tagsOfArticle = compiledQuery((db, id: number) =>
  db.selectFrom('article_tags').innerJoin('tags', 'tags.id', 'article_tags.tag_id').select(TAG_COLUMNS).where('article_tags.article_id', '=', id).orderBy('article_tags.position'),
)
const correctionsOfArticle = compiledQuery((db, id: number) => db.selectFrom('corrections').select(CORRECTION_COLUMNS).where('article_id', '=', id).orderBy('created_at').orderBy('id'))

/**
 * The story by its address with what its page shows beside the body, in one statement: its
 * authors, tags, corrections, lead image and the visible members of its translation group
 * (written for both dialects; run on PostgreSQL, see `findStoryPage`).
 */
const storyPageBySlug = compiledQuery((db, kind: ArticleKind, slug: string, now: string) => {
  const json = jsonOf(db)
  return db
    .selectFrom('articles as story')
    .leftJoin('media as lead', 'lead.id', 'story.lead_media_id')
    .selectAll('story')
    .select((eb) => [
      json.array(eb.selectFrom('article_authors').innerJoin('authors', 'authors.id', 'article_authors.author_id').select(AUTHOR_COLUMNS).whereRef('article_authors.article_id', '=', 'story.id').orderBy('article_authors.position')).as('page_authors'),
      json.array(eb.selectFrom('article_tags').innerJoin('tags', 'tags.id', 'article_tags.tag_id').select(TAG_COLUMNS).whereRef('article_tags.article_id', '=', 'story.id').orderBy('article_tags.position')).as('page_tags'),
      json.array(eb.selectFrom('corrections').select(CORRECTION_COLUMNS).whereRef('corrections.article_id', '=', 'story.id').orderBy('corrections.created_at').orderBy('corrections.id')).as('page_corrections'),
      leadMediaJson(db).as('page_lead_media'),
      json.array(
        eb
          .selectFrom('articles')
          .leftJoin('sections', 'sections.id', 'articles.section_id')
          .select(VERSION_COLUMNS)
          .whereRef('articles.translation_group_id', '=', 'story.translation_group_id')
          .where(visibleAt(now))
          .orderBy('articles.id'),
      ).as('page_versions'),
    ])
    .where('story.kind', '=', kind)
    .where('story.slug', '=', slug)
})

/** What `findStoryPage` reads beside the story's row. */
export interface StoryRelations {
  authors: AuthorRow[]
  tags: TagRow[]
  corrections: CorrectionRow[]
  leadMedia: MediaRow | null
  /** The visible members of its translation group (none without one), for `storyVersions`. */
  versions: VersionMemberRow[]
}

/**
 * The story at an address, with its page's relations (visible at `now`) read in the same
 * statement on PostgreSQL, where each round trip costs ≈ 0.25 ms of Node CPU in `pg`. SQLite
 * has no round trips to save, and building and parsing the JSON cost it more than the separate
 * compiled statements `loadArticleView` and `storyVersions` run without `relations`.
 */
export async function findStoryPage(db: Conn, kind: ArticleKind, slug: string, now: string): Promise<{ row: ArticleRow; relations?: StoryRelations } | undefined> {
  if (!isPostgres(db)) {
    const row = await findArticleRowBySlug(db, kind, slug)
    return row && { row }
  }
  const found = (await storyPageBySlug(db, kind, slug, now))[0]
  if (!found) return undefined
  const { page_authors, page_tags, page_corrections, page_lead_media, page_versions, ...row } = found
  return {
    row,
    relations: {
      authors: fromJson(page_authors),
      tags: fromJson(page_tags),
      corrections: fromJson(page_corrections),
      leadMedia: leadMediaOf(page_lead_media),
      versions: fromJson(page_versions),
    },
  }
}

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

/** Everything the article page needs, in a fixed small number of queries (none more with `relations`). */
export async function loadArticleView(
  db: Conn,
  row: ArticleRow,
  /** The sections as the site already holds them in memory (spares a query per render). */
  sections?: ReadonlyArray<Pick<SectionRow, 'id' | 'slug' | 'name'>>,
  /** Already read with the row (`findStoryPage`). */
  relations?: StoryRelations,
): Promise<ArticleView> {
  const body = parseDocument(row.body)
  const known = sections?.find((s) => s.id === row.section_id)
  const images = imageMediaIds(body)
  const leadOnly = relations && images.length === 0
  const [section, authors, tags, corrections, media] = await Promise.all([
    row.section_id === null
      ? Promise.resolve(undefined)
      : known
        ? Promise.resolve({ id: known.id, slug: known.slug, name: known.name })
        : db.selectFrom('sections').select(['id', 'slug', 'name']).where('id', '=', row.section_id).executeTakeFirst(),
    relations?.authors ?? authorsOfArticle(db, row.id),
    relations?.tags ?? tagsOfArticle(db, row.id),
    relations?.corrections ?? correctionsOfArticle(db, row.id),
    // Body images are read with the lead image in one look-up, as without `relations`.
    leadOnly ? new Map(relations.leadMedia ? [[relations.leadMedia.id, relations.leadMedia]] : []) : mediaByIds(db, [row.lead_media_id, ...images]),
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

type CardRow = SummaryRow & { lead_media: MediaRow | string }
type EditionFilter = Pick<ListFilter, 'language' | 'notLanguages'>

/**
 * A tag's candidates: its newest RELATED_CANDIDATES_PER_TAG visible stories but this one, as
 * (id, published_at), from `article_tags` already narrowed to the tag (by value or by a join).
 */
function newestOfTag<DB, TB extends keyof DB, O>(linksOfTag: SelectQueryBuilder<DB, TB, O>, at: string, filter: EditionFilter, articleId: number) {
  return linksOfTag
    .select([sql.ref<number>('article_tags.article_id').as('id'), sql.ref<string | null>('article_tags.published_at').as('published_at')])
    .where(listedAt(at, filter, 'article_tags'))
    .where(sql.ref('article_tags.article_id'), '!=', articleId)
    .orderBy(sql.ref('article_tags.published_at'), 'desc')
    .orderBy(sql.ref('article_tags.article_id'), 'desc')
    .limit(RELATED_CANDIDATES_PER_TAG)
}

/**
 * Each tag's newest visible stories but this one, as one UNION ALL read from the link table's
 * index alone (no story row is read for a candidate), handed over as one string of
 * "id published_at" pairs: better-sqlite3 builds an object per row (about 1 µs each, 40–160
 * candidates a page), a string per statement. `args`: the story's id, now, the tag ids, the
 * edition's language or excluded languages, in the order `relatedArgs` gives them.
 */
function relatedCandidatesQuery(db: Db, shape: { tags: number; hasLanguage: boolean; notLanguages: number }, args: unknown[]) {
  const { tags, hasLanguage, notLanguages } = shape
  const [id, at] = args as [number, string]
  const ids = args.slice(2, 2 + tags) as number[]
  const edition = 2 + tags
  const filter = {
    ...(hasLanguage ? { language: args[edition] as string } : {}),
    ...(notLanguages ? { notLanguages: args.slice(edition + (hasLanguage ? 1 : 0), edition + (hasLanguage ? 1 : 0) + notLanguages) as string[] } : {}),
  }
  const perTag = ids.map((tagId) => db.selectFrom(newestOfTag(db.selectFrom('article_tags').where('article_tags.tag_id', '=', tagId), at, filter, id).as('candidates')).selectAll())
  return db
    .selectFrom(perTag.reduce((all, next) => all.unionAll(next)).as('all_candidates'))
    .select(sql<string | null>`group_concat(id || ' ' || coalesce(published_at, ''))`.as('list'))
}

/** The statements' shape key and arguments (compiled once per number of tags and edition filter). */
function relatedArgs(articleId: number, now: string, tagIds: number[], edition: EditionFilter) {
  const shape = { tags: tagIds.length, hasLanguage: edition.language !== undefined, notLanguages: edition.notLanguages?.length ?? 0 }
  return { shape, key: `${shape.tags}:${shape.hasLanguage}:${shape.notLanguages}`, args: [articleId, now, ...tagIds, ...(shape.hasLanguage ? [edition.language] : []), ...(edition.notLanguages ?? [])] }
}

const candidateQueries = new Map<string, (db: Conn, ...args: unknown[]) => Promise<Array<{ list: string | null }>>>()
const rankedCardQueries = new Map<string, (db: Conn, ...args: unknown[]) => Promise<CardRow[]>>()

/**
 * SQLite: the ids of the related stories found by tag, those on the most of the tags'
 * candidate lists, then newest (ranked here: cheaper than its GROUP BY over the candidates).
 */
async function rankedCandidateIds(db: Conn, articleId: number, now: string, tagIds: number[], edition: EditionFilter, limit: number): Promise<number[]> {
  const { shape, key, args } = relatedArgs(articleId, now, tagIds, edition)
  let query = candidateQueries.get(key)
  if (!query) candidateQueries.set(key, (query = compiledQuery((db, ...args: unknown[]) => relatedCandidatesQuery(db, shape, args))))
  const found = new Map<number, { id: number; n: number; at: string }>()
  const [{ list } = { list: null }] = await query(db, ...args)
  for (const pair of list ? list.split(',') : []) {
    const space = pair.indexOf(' ')
    const id = Number(pair.slice(0, space))
    const seen = found.get(id)
    if (seen) seen.n++
    else found.set(id, { id, n: 1, at: pair.slice(space + 1) })
  }
  return [...found.values()]
    .sort((a, b) => b.n - a.n || (a.at < b.at ? 1 : a.at > b.at ? -1 : b.id - a.id))
    .slice(0, limit)
    .map((r) => r.id)
}

/**
 * PostgreSQL: the same candidates, ranked in SQL, with the cards (section, lead image) of the
 * first `limit`: one statement, one round trip (each costs ≈ 0.25 ms of Node CPU in `pg`). The
 * tags come as one array, each looked up by a lateral join, so the SQL text is the same for any
 * number of tags and short enough to stay a named (prepared) statement (src/platform/db/database.ts).
 */
function rankedCards(db: Conn, articleId: number, now: string, tagIds: number[], edition: EditionFilter, limit: number): Promise<CardRow[]> {
  const hasLanguage = edition.language !== undefined
  const notLanguages = edition.notLanguages?.length ?? 0
  const key = `${hasLanguage}:${notLanguages}`
  let query = rankedCardQueries.get(key)
  if (!query) {
    query = compiledQuery((db, ...args: unknown[]) => {
      const [id, at, tags, limit, ...languages] = args as [number, string, number[], number, ...string[]]
      const filter = { ...(hasLanguage ? { language: languages[0]! } : {}), ...(notLanguages ? { notLanguages: languages.slice(hasLanguage ? 1 : 0) } : {}) }
      const ranked = db
        .selectFrom(db.selectNoFrom(sql<number>`unnest(${tags}::int[])`.as('tag_id')).as('tag'))
        .innerJoinLateral((eb) => newestOfTag(eb.selectFrom('article_tags').whereRef('article_tags.tag_id', '=', 'tag.tag_id'), at, filter, id).as('candidates'), (join) => join.onTrue())
        .select((eb) => ['candidates.id', eb.fn.countAll<number>().as('n'), eb.fn.max('candidates.published_at').as('at')])
        .groupBy('candidates.id')
        .orderBy('n', 'desc')
        .orderBy('at', 'desc')
        .orderBy('candidates.id', 'desc')
        .limit(limit)
      return cardsQuery(db.selectFrom(ranked.as('ranked')).innerJoin('articles', 'articles.id', 'ranked.id'), db)
        .orderBy(sql.ref('ranked.n'), 'desc')
        .orderBy(sql.ref('ranked.at'), 'desc')
        .orderBy(sql.ref('ranked.id'), 'desc')
    })
    rankedCardQueries.set(key, query)
  }
  return query(db, articleId, now, tagIds, limit, ...(hasLanguage ? [edition.language] : []), ...(edition.notLanguages ?? []))
}

/** A story card's columns with its section and lead image (one JSON object). */
function cardsQuery<T extends SelectQueryBuilder<Database, 'articles', object>>(q: T, db: Conn) {
  return q.leftJoin('sections', 'sections.id', 'articles.section_id').leftJoin('media as lead', 'lead.id', 'articles.lead_media_id').select(SUMMARY_COLUMNS).select(leadMediaJson(db).as('lead_media'))
}

/**
 * Visible stories related to this one, excluding itself: among the newest
 * RELATED_CANDIDATES_PER_TAG stories of each of its tags, those found under the most of its
 * tags, newest first; filled up with the newest of its section. Each look-up walks an index
 * for a bounded number of rows, so the cost does not grow with the archive or the tags.
 */
export async function relatedArticles(db: Conn, article: ArticleView, limit: number, now: string, edition: EditionFilter = {}): Promise<ArticleSummary[]> {
  const tagIds = article.tags.slice(0, RELATED_MAX_TAGS).map((t) => t.id)
  let byTag: ArticleSummary[] = []
  if (tagIds.length > 0) {
    const rows = isPostgres(db) ? await rankedCards(db, article.id, now, tagIds, edition, limit) : await cardsByIds(db, await rankedCandidateIds(db, article.id, now, tagIds, edition, limit))
    byTag = rows.map((r) => toSummary(r, leadMediaOf(r.lead_media)))
  }
  if (byTag.length >= limit || !article.section) return byTag
  const more = await listVisible(db, { sectionId: article.section.id, ...edition }, { limit: limit + 1 + byTag.length, offset: 0 }, now)
  const seen = new Set([article.id, ...byTag.map((a) => a.id)])
  return [...byTag, ...more.filter((a) => !seen.has(a.id))].slice(0, limit)
}

/** Cards of the given stories, in the order of `ids`. */
async function cardsByIds(db: Conn, ids: number[]): Promise<CardRow[]> {
  if (ids.length === 0) return []
  const rows = await byIdList(cardsByIdQueries, ids, (db, list) => cardsQuery(db.selectFrom('articles'), db).where('articles.id', 'in', list))(db, ...ids)
  const byId = new Map(rows.map((r) => [r.id, r]))
  return ids.flatMap((id) => byId.get(id) ?? [])
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
