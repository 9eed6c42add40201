/**
 * @module
 * Storage of the search index on each database, behind one interface:
 * SQLite FTS5 (`search_fts`, contentless, rowid = article id) or PostgreSQL
 * (`search_docs.document`, a tsvector with a GIN index). `search_docs` keeps one
 * row per indexed story on both, with the analyzer signature it was built with;
 * `search_words` is the vocabulary for "did you mean" suggestions.
 *
 * Visibility is never stored: every query filters with the content
 * repository's `visibleAt(now)`, so an embargo that ends or a scheduled time
 * that comes needs no index update, and nothing unpublished can leak.
 */
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely'
import type { Database, DbHandle } from '../platform/db/database.js'
import { vocabularyKey, type PreparedDocument } from './index-document.js'

export type SearchDocsTable = {
  article_id: number
  /** PostgreSQL only: the ranking vector (see index-document.ts). */
  rank_doc?: string | null
  signature: string
  indexed_at: string
  /** Copies of the `articles` row's fields, refreshed whenever the story is indexed. */
  status: string
  published_at: string | null
  embargo_until: string | null
  section_id: number | null
}
/** The FTS5 table as far as queries name it (its columns are written with raw SQL). */
export type SearchFtsTable = {
  rowid: number
  search_fts: string
}
export type SearchWordsTable = {
  word: string
  folded: string
  initial: string
  n: number
}
export type SearchTables = {
  search_docs: SearchDocsTable
  search_fts: SearchFtsTable
  search_words: SearchWordsTable
}
export type SearchDb = Kysely<Database & SearchTables>

export interface SearchFilters {
  readonly sectionId?: number
  readonly authorId?: number
  readonly tagId?: number
  /** Published at or after (ISO, UTC). */
  readonly from?: string
  /** Published before (ISO, UTC). */
  readonly to?: string
  /** An edition's language (or the languages of the other editions): checked on `articles`. */
  readonly language?: string
  readonly notLanguages?: readonly string[]
}

export interface RankedHit {
  readonly id: number
  readonly score: number
}

/**
 * Relative weights of the fields: headline 10, lede 4, body 1, tags/authors 2.5
 * (FTS5 bm25 column weights; the same ratios as PostgreSQL's ts_rank weights).
 */
export const BM25_WEIGHTS = [10, 10, 4, 4, 1, 1, 2.5, 2.5] as const
/** ts_rank weights {D, C, B, A}. */
export const TS_RANK_WEIGHTS = '{0.25, 0.1, 0.4, 1.0}'
/**
 * Recency boost: relevance × (1 + 1 / (1 + age_days / RECENCY_DAYS)), so a story
 * from today counts double, one RECENCY_DAYS old 1.5×, a year-old one about 1.08×.
 */
export const RECENCY_DAYS = 30
/**
 * The most matches ranked per query: the newest ones (by article id, in practice
 * creation order). Ranking costs a bm25/ts_rank evaluation per match, so without
 * a cap a word found in half of 100,000 stories would cost hundreds of ms; with
 * it a query costs about the same however common its words are. Words rarer than
 * this are ranked exhaustively. Pages go to MAX_PAGE × page size (1,000) anyway.
 */
export const CANDIDATE_LIMIT = 2000

export interface SearchStore {
  readonly dialect: 'sqlite' | 'postgres'
  /** Writes (insert or replace) the given documents, prepared for this engine (see prepareDocument). */
  replace(docs: readonly PreparedDocument[], signature: string, now: string): Promise<void>
  remove(ids: readonly number[]): Promise<void>
  /** Drops index rows of stories not in `keep` (called after a full reindex). */
  pruneExcept(isIndexable: (eb: ExpressionBuilder<Database, 'articles'>) => Expression<SqlBool>): Promise<number>
  /**
   * Ranked visible matches for a compiled query, with their number. At most
   * CANDIDATE_LIMIT matches (the newest) are ranked; `capped` says the query
   * matched more (the total is then a lower bound).
   */
  search(
    match: string,
    filters: SearchFilters,
    now: string,
    page: { limit: number; offset: number },
    /** PostgreSQL: see toTsqueryPrefilter. */
    prefilter?: string | null,
  ): Promise<{ hits: RankedHit[]; total: number; capped: boolean }>
  /** Whether anything in the index (visible or not) matches; for suggestions. */
  anyMatch(match: string): Promise<boolean>
  stats(signature: string): Promise<{ documents: number; stale: number }>
  /**
   * Prepares a full rebuild; the returned function finishes it. PostgreSQL builds
   * the GIN index once at the end when the index starts empty (several times
   * faster than maintaining it row by row).
   */
  beginBulk(): Promise<() => Promise<void>>
  /** Recreates engine structures a crash could have left missing (PostgreSQL: the GIN index). */
  ensureIndexes(): Promise<void>
}

/**
 * The visibility rule of `visibleAt` (content.repository.ts), applied to the
 * copy of the story's fields in `search_docs`: published, its time come, no
 * embargo left. It narrows and ranks the matches cheaply; the rows shown are
 * checked again against `articles` with `visibleAt` itself (search.service.ts).
 */
export function visibleDocAt(now: string) {
  return (eb: ExpressionBuilder<SearchTables, 'search_docs'>) =>
    eb.and([
      eb('search_docs.status', '=', 'published'),
      eb('search_docs.published_at', '<=', now),
      eb.or([eb('search_docs.embargo_until', 'is', null), eb('search_docs.embargo_until', '<=', now)]),
    ])
}

/**
 * Adds visibility and the filters to a query over `search_docs`.
 * Typed loosely: the query also joins the engine's own table.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function applyFilters(q: any, filters: SearchFilters, now: string): any {
  let out = q.where(visibleDocAt(now))
  if (filters.sectionId !== undefined) out = out.where('search_docs.section_id', '=', filters.sectionId)
  if (filters.from !== undefined) out = out.where('search_docs.published_at', '>=', filters.from)
  if (filters.to !== undefined) out = out.where('search_docs.published_at', '<', filters.to)
  if (filters.language !== undefined || filters.notLanguages?.length) {
    const { language, notLanguages } = filters
    out = out.where((eb: ExpressionBuilder<Database & SearchTables, 'search_docs'>) => {
      let sub = eb.selectFrom('articles').select('articles.id').whereRef('articles.id', '=', 'search_docs.article_id')
      if (language !== undefined) sub = sub.where('articles.language', '=', language)
      if (notLanguages?.length) sub = sub.where('articles.language', 'not in', [...notLanguages])
      return eb.exists(sub)
    })
  }
  if (filters.authorId !== undefined) {
    const authorId = filters.authorId
    out = out.where((eb: ExpressionBuilder<Database & SearchTables, 'search_docs'>) =>
      eb.exists(
        eb
          .selectFrom('article_authors')
          .select('article_authors.article_id')
          .whereRef('article_authors.article_id', '=', 'search_docs.article_id')
          .where('article_authors.author_id', '=', authorId),
      ),
    )
  }
  if (filters.tagId !== undefined) {
    const tagId = filters.tagId
    out = out.where((eb: ExpressionBuilder<Database & SearchTables, 'search_docs'>) =>
      eb.exists(
        eb
          .selectFrom('article_tags')
          .select('article_tags.article_id')
          .whereRef('article_tags.article_id', '=', 'search_docs.article_id')
          .where('article_tags.tag_id', '=', tagId),
      ),
    )
  }
  return out
}

function docValues(d: PreparedDocument, signature: string, now: string): SearchDocsTable {
  return {
    article_id: d.id,
    signature,
    indexed_at: now,
    status: d.meta.status,
    published_at: d.meta.publishedAt,
    embargo_until: d.meta.embargoUntil,
    section_id: d.meta.sectionId,
  }
}

/**
 * One page of matches, best first, with the total: the scoring query runs as a
 * subquery (SQLite allows bm25() only directly over the FTS scan, not under a window function).
 */
async function rankedPage(
  db: SearchDb,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  scored: any,
  page: { limit: number; offset: number },
): Promise<Array<{ id: number; score: number; total: number }>> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return (await (db as Kysely<any>)
    .selectFrom(scored.as('m'))
    .select(['m.id', 'm.score', sql<number>`count(*) over ()`.as('total')])
    .orderBy('m.score', 'desc')
    .orderBy('m.published_at', 'desc')
    .orderBy('m.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute()) as Array<{ id: number; score: number; total: number }>
}

const PARAMS_PER_STATEMENT = 900

function columnsOf(d: PreparedDocument): readonly string[] {
  if (!d.columns || d.columns.length !== 8) throw new Error(`search: document ${d.id} was not prepared for SQLite`)
  return d.columns
}

function tsvectorOf(d: PreparedDocument): string {
  if (d.tsvector === undefined) throw new Error(`search: document ${d.id} was not prepared for PostgreSQL`)
  return d.tsvector
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

class SqliteSearchStore implements SearchStore {
  readonly dialect = 'sqlite' as const
  constructor(
    private readonly db: SearchDb,
    private readonly candidateLimit: number,
  ) {}

  async replace(docs: readonly PreparedDocument[], signature: string, now: string): Promise<void> {
    if (docs.length === 0) return
    await this.db.transaction().execute(async (trx) => {
      for (const batch of chunks(docs, 100)) {
        const ids = batch.map((d) => d.id)
        await sql`delete from search_fts where rowid in (${sql.join(ids)})`.execute(trx)
        const rows = batch.map((d) => sql`(${sql.join([d.id, ...columnsOf(d)])})`)
        await sql`insert into search_fts (rowid, headline, headline_alt, lede, lede_alt, body, body_alt, meta, meta_alt) values ${sql.join(rows)}`.execute(trx)
        await trx
          .insertInto('search_docs')
          .values(batch.map((d) => docValues(d, signature, now)))
          .onConflict((oc) =>
            oc.column('article_id').doUpdateSet((eb) => ({
              signature: eb.ref('excluded.signature'),
              indexed_at: eb.ref('excluded.indexed_at'),
              status: eb.ref('excluded.status'),
              published_at: eb.ref('excluded.published_at'),
              embargo_until: eb.ref('excluded.embargo_until'),
              section_id: eb.ref('excluded.section_id'),
            })),
          )
          .execute()
      }
    })
  }

  async remove(ids: readonly number[]): Promise<void> {
    if (ids.length === 0) return
    await this.db.transaction().execute(async (trx) => {
      for (const batch of chunks(ids, PARAMS_PER_STATEMENT)) {
        await sql`delete from search_fts where rowid in (${sql.join(batch)})`.execute(trx)
        await trx.deleteFrom('search_docs').where('article_id', 'in', batch).execute()
      }
    })
  }

  async pruneExcept(isIndexable: (eb: ExpressionBuilder<Database, 'articles'>) => Expression<SqlBool>): Promise<number> {
    const stale = await this.db
      .selectFrom('search_docs')
      .select('search_docs.article_id')
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('articles').select('articles.id').whereRef('articles.id', '=', 'search_docs.article_id').where(isIndexable as never))),
      )
      .execute()
    await this.remove(stale.map((r) => r.article_id))
    return stale.length
  }

  async search(match: string, filters: SearchFilters, now: string, page: { limit: number; offset: number }) {
    const score = sql<number>`(-bm25(search_fts, ${sql.join(BM25_WEIGHTS.map((w) => sql.lit(w)))})) * (1.0 + 1.0 / (1.0 + max(0.0, julianday(${now}) - julianday(search_docs.published_at)) / ${sql.lit(RECENCY_DAYS)}.0))`
    // FTS5 returns matches in rowid order and bm25() runs only for the rows kept, so the
    // newest CANDIDATE_LIMIT visible matches are found and scored without touching the rest.
    const candidates = applyFilters(this.candidates(match), filters, now)
      .select(['search_docs.article_id as id', 'search_docs.published_at as published_at', score.as('score')])
      .orderBy(sql`search_fts.rowid`, 'desc')
      .limit(this.candidateLimit)
    const rows = await rankedPage(this.db, candidates, page)
    const total = rows.length > 0 ? Number(rows[0]!.total) : page.offset > 0 ? await this.count(match, filters, now) : 0
    return { hits: rows.map((r) => ({ id: r.id, score: Number(r.score) })), total, capped: total >= this.candidateLimit }
  }

  private candidates(match: string) {
    return this.db.selectFrom('search_fts').innerJoin('search_docs', 'search_docs.article_id', 'search_fts.rowid').where(sql<SqlBool>`search_fts match ${match}`)
  }

  private async count(match: string, filters: SearchFilters, now: string): Promise<number> {
    const capped = applyFilters(this.candidates(match), filters, now).select(sql<number>`1`.as('one')).limit(this.candidateLimit)
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const row = await (this.db as Kysely<any>).selectFrom(capped.as('c')).select(sql<number>`count(*)`.as('n')).executeTakeFirst()
    return Number(row?.n ?? 0)
  }

  async anyMatch(match: string): Promise<boolean> {
    const row = await sql<{ one: number }>`select 1 as one from search_fts where search_fts match ${match} limit 1`.execute(this.db)
    return row.rows.length > 0
  }

  async beginBulk(): Promise<() => Promise<void>> {
    return async () => {}
  }

  async ensureIndexes(): Promise<void> {}

  async stats(signature: string) {
    const row = await this.db
      .selectFrom('search_docs')
      .select((eb) => [eb.fn.countAll<number>().as('documents'), eb.fn.sum<number>(eb.case().when('signature', '!=', signature).then(1).else(0).end()).as('stale')])
      .executeTakeFirstOrThrow()
    return { documents: Number(row.documents), stale: Number(row.stale ?? 0) }
  }
}

class PostgresSearchStore implements SearchStore {
  readonly dialect = 'postgres' as const
  constructor(
    private readonly db: SearchDb,
    private readonly candidateLimit: number,
  ) {}

  async replace(docs: readonly PreparedDocument[], signature: string, now: string): Promise<void> {
    if (docs.length === 0) return
    for (const batch of chunks(docs, 200)) {
      const rows = batch.map((d) => {
        const v = docValues(d, signature, now)
        return sql`(${v.article_id}, ${v.signature}, ${v.indexed_at}, ${v.status}, ${v.published_at}, ${v.embargo_until}, ${v.section_id}, ${tsvectorOf(d)}::tsvector, ${d.rankVector ?? null}::tsvector)`
      })
      await sql`insert into search_docs (article_id, signature, indexed_at, status, published_at, embargo_until, section_id, document, rank_doc) values ${sql.join(rows)}
        on conflict (article_id) do update set signature = excluded.signature, indexed_at = excluded.indexed_at, status = excluded.status,
          published_at = excluded.published_at, embargo_until = excluded.embargo_until, section_id = excluded.section_id,
          document = excluded.document, rank_doc = excluded.rank_doc`.execute(this.db)
    }
  }

  async remove(ids: readonly number[]): Promise<void> {
    for (const batch of chunks(ids, PARAMS_PER_STATEMENT)) await this.db.deleteFrom('search_docs').where('article_id', 'in', batch).execute()
  }

  async pruneExcept(isIndexable: (eb: ExpressionBuilder<Database, 'articles'>) => Expression<SqlBool>): Promise<number> {
    const res = await this.db
      .deleteFrom('search_docs')
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('articles').select('articles.id').whereRef('articles.id', '=', 'search_docs.article_id').where(isIndexable as never))),
      )
      .executeTakeFirst()
    return Number(res.numDeletedRows)
  }

  async search(match: string, filters: SearchFilters, now: string, page: { limit: number; offset: number }, prefilter?: string | null) {
    const query = sql`${match}::tsquery`
    // PostgreSQL's planner does not count the cost of detoasting a document for `@@`: for a
    // common word it picks a sequential scan or a backward primary-key scan that reads every
    // document (seconds at 100,000 stories). The GIN index answers `@@` for plain words
    // without reading documents, so plans other than bitmap scans are switched off here.
    const rows = await this.bitmapOnly(async (trx) => {
      // The newest CANDIDATE_LIMIT visible matches, then ts_rank for those only, over the
      // small ranking vector stored in the row.
      let candidates = applyFilters(trx.selectFrom('search_docs').where(sql<SqlBool>`search_docs.document @@ ${(prefilter ?? match)}::tsquery`), filters, now)
        .select(['search_docs.article_id as id', 'search_docs.published_at as published_at'])
        .orderBy('search_docs.article_id', 'desc')
        .limit(this.candidateLimit)
      if (prefilter) {
        // Phrases need the positions: checked only on the newest stories that have all the words.
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        candidates = (trx as Kysely<any>)
          .selectFrom(candidates.as('p'))
          .innerJoin('search_docs as x', 'x.article_id', 'p.id')
          .where(sql<SqlBool>`x.document @@ ${query}`)
          .select(['p.id as id', 'p.published_at as published_at'])
      }
      const score = sql<number>`ts_rank(${TS_RANK_WEIGHTS}::float4[], coalesce(d.rank_doc, d.document), ${query}, 1) * (1 + 1 / (1 + greatest(0, extract(epoch from (${now}::timestamptz - c.published_at::timestamptz)) / 86400) / ${sql.lit(RECENCY_DAYS)}))`
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const scored = (trx as Kysely<any>)
        .selectFrom(candidates.as('c'))
        .innerJoin('search_docs as d', 'd.article_id', 'c.id')
        .select(['c.id as id', 'c.published_at as published_at', score.as('score')])
      return rankedPage(trx, scored, page)
    })
    const total = rows.length > 0 ? Number(rows[0]!.total) : page.offset > 0 ? await this.count(prefilter ?? match, filters, now) : 0
    return { hits: rows.map((r) => ({ id: r.id, score: Number(r.score) })), total, capped: total >= this.candidateLimit }
  }

  private async count(match: string, filters: SearchFilters, now: string): Promise<number> {
    return this.bitmapOnly(async (trx) => {
      const capped = applyFilters(trx.selectFrom('search_docs').where(sql<SqlBool>`search_docs.document @@ ${match}::tsquery`), filters, now)
        .select(sql<number>`1`.as('one'))
        .limit(this.candidateLimit)
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const row = await (trx as Kysely<any>).selectFrom(capped.as('c')).select(sql<number>`count(*)`.as('n')).executeTakeFirst()
      return Number(row?.n ?? 0)
    })
  }

  async anyMatch(match: string): Promise<boolean> {
    const row = await this.bitmapOnly((trx) => sql<{ one: number }>`select 1 as one from search_docs where document @@ ${match}::tsquery limit 1`.execute(trx))
    return row.rows.length > 0
  }

  /** Runs queries with only bitmap (GIN) scans allowed: see search(). */
  private bitmapOnly<T>(run: (trx: SearchDb) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx)
      await sql`set local enable_indexscan = off`.execute(trx)
      return run(trx as unknown as SearchDb)
    })
  }

  async beginBulk(): Promise<() => Promise<void>> {
    const row = await this.db.selectFrom('search_docs').select('article_id').limit(1).executeTakeFirst()
    if (row) return async () => {}
    await sql`drop index if exists search_docs_document_idx`.execute(this.db)
    return () => this.ensureIndexes()
  }

  async ensureIndexes(): Promise<void> {
    await sql`create index if not exists search_docs_document_idx on search_docs using gin (document)`.execute(this.db)
  }

  async stats(signature: string) {
    const row = await this.db
      .selectFrom('search_docs')
      .select((eb) => [eb.fn.countAll<number>().as('documents'), eb.fn.sum<number>(eb.case().when('signature', '!=', signature).then(1).else(0).end()).as('stale')])
      .executeTakeFirstOrThrow()
    return { documents: Number(row.documents), stale: Number(row.stale ?? 0) }
  }
}

export function createSearchStore(dbh: DbHandle, options: { candidateLimit?: number } = {}): SearchStore {
  const db = dbh.db.withTables<SearchTables>() as unknown as SearchDb
  const limit = Math.max(1, options.candidateLimit ?? CANDIDATE_LIMIT)
  return dbh.dialect === 'postgres' ? new PostgresSearchStore(db, limit) : new SqliteSearchStore(db, limit)
}

// ---------------------------------------------------------------------------
// Vocabulary (both databases)

/** Adds word occurrences (counts are per indexing, approximate popularity). */
export async function addWords(dbh: DbHandle, counts: ReadonlyMap<string, number>): Promise<void> {
  const db = dbh.db.withTables<SearchTables>() as unknown as SearchDb
  const rows = [...counts].map(([word, n]) => ({ word, n, ...vocabularyKey(word) }))
  // 4 parameters a row: 4,000 a statement, within both engines' limits.
  for (const batch of chunks(rows, 1000)) {
    await db
      .insertInto('search_words')
      .values(batch)
      .onConflict((oc) => oc.column('word').doUpdateSet((eb) => ({ n: sql<number>`${eb.ref('search_words.n')} + ${eb.ref('excluded.n')}` })))
      .execute()
  }
}

export async function clearWords(dbh: DbHandle): Promise<void> {
  const db = dbh.db.withTables<SearchTables>() as unknown as SearchDb
  await db.deleteFrom('search_words').execute()
}

/** Vocabulary words starting with the (folded) letter, of a length within [min, max], most frequent first. */
export async function wordsByInitial(dbh: DbHandle, initial: string, min: number, max: number, limit = 20_000): Promise<Array<{ word: string; folded: string; n: number }>> {
  const db = dbh.db.withTables<SearchTables>() as unknown as SearchDb
  return db
    .selectFrom('search_words')
    .select(['word', 'folded', 'n'])
    .where('initial', '=', initial)
    .where(sql<number>`length(folded)`, '>=', min)
    .where(sql<number>`length(folded)`, '<=', max)
    .orderBy('n', 'desc')
    .limit(limit)
    .execute()
}

/** Frequencies of the given words in the vocabulary. */
export async function wordCounts(dbh: DbHandle, words: readonly string[]): Promise<Map<string, number>> {
  if (words.length === 0) return new Map()
  const db = dbh.db.withTables<SearchTables>() as unknown as SearchDb
  const rows = await db.selectFrom('search_words').select(['word', 'n']).where('word', 'in', [...new Set(words)]).execute()
  return new Map(rows.map((r) => [r.word, Number(r.n)]))
}
