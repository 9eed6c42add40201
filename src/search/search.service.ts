/**
 * @module
 * Search of published stories: keeping the index in step with content changes,
 * full reindexing, queries with filters, ranking, snippets and suggestions.
 *
 * `attachSearch` (called once in server/boot.ts) creates the service, starts
 * loading the dictionary and subscribes to `ContentService.onChange`;
 * `searchFor(deps)` gives the routes the same instance.
 */
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely'
import type { Logger } from 'pino'
import { articlePath, type ArticleSummary } from '../content/article.js'
import { mediaByIds, visibleAt } from '../content/content.repository.js'
import type { ContentChange, ContentService } from '../content/content.service.js'
import type { MediaRow } from '../content/content.table.js'
import { documentText, type BlockDocument } from '../content/document.js'
import type { Config } from '../platform/config.js'
import type { Database, DbHandle } from '../platform/db/database.js'
import { createAnalyzer, type Analyzer } from '../polish/analyzer.js'
import type { PolishDictionary } from '../polish/morfologik/dictionary.js'
import { foldDiacritics, tokenize } from '../polish/tokenizer.js'
import { loadSearchDictionary, type DictionaryStatus } from './dictionary-loader.js'
import { buildIndexDocument, prepareBatch, prepareDocument, storedBody, type IndexSource, type PreparedBatch, type PreparedDocument } from './index-document.js'
import { AnalysisPool } from './index-worker.js'
import {
  highlightTerms,
  parseQuery,
  toFts5,
  toFts5Headline,
  toTsquery,
  toTsqueryPrefilter,
  toTsqueryHeadline,
  type ParsedQuery,
  type QueryClause,
  type QueryWord,
} from './query.js'
import { buildSnippet, highlightText } from './snippet.js'
import { addWords, clearWords, createSearchStore, wordCounts, wordsByInitial, type SearchFilters, type SearchStore, type SearchTables } from './store.js'
import { dictionaryNeighbours, editDistance, matchCase, maxEdits } from './suggest.js'
import { DICT_FILE, INFO_FILE } from '../polish/morfologik/install.js'
import { join } from 'node:path'

export const SEARCH_PAGE_SIZE = 10
export const MAX_PAGE_SIZE = 50
/** Deepest page served (deep offsets cost and nobody reads them). */
export const MAX_PAGE = 100

/** Which stories the index holds: articles that are published or scheduled (visibility is checked at query time). */
export function isIndexable(eb: ExpressionBuilder<Database, 'articles'>): Expression<SqlBool> {
  return eb.and([eb('articles.kind', '=', 'article'), eb('articles.status', 'in', ['published', 'scheduled'])])
}

export interface SearchRequest {
  readonly q: string
  readonly page?: number
  readonly pageSize?: number
  /** Section, author and tag slugs. */
  readonly section?: string
  readonly author?: string
  readonly tag?: string
  /** Dates YYYY-MM-DD, inclusive, in `timeZone`. */
  readonly from?: string
  readonly to?: string
  readonly timeZone?: string
  /** The clock (ISO): what is visible is decided at this time. */
  readonly now: string
  /** The edition's stories only (src/editions/: its language, or not the other editions'). */
  readonly language?: string
  readonly notLanguages?: string[]
}

export interface SearchHit extends ArticleSummary {
  readonly path: string
  /** Headline as safe HTML with the query words in <mark>. */
  readonly headlineHtml: string
  /** A passage of the lede/body as safe HTML with the query words in <mark>. */
  readonly snippetHtml: string
  readonly score: number
}

export type SearchNotice =
  /** No query typed. */
  | 'empty'
  /** Only stop words. */
  | 'stopwords-only'
  /** Only excluded words. */
  | 'negative-only'
  /** Nothing matched. */
  | 'no-results'
  /** No story has all the words; the hits have some of them. */
  | 'partial'
  /** The page number is past the last page. */
  | 'page-out-of-range'

export interface SearchResponse {
  readonly query: ParsedQuery
  readonly hits: SearchHit[]
  readonly total: number
  /** More stories match than are ranked (store.CANDIDATE_LIMIT): `total` is a lower bound. */
  readonly totalIsLowerBound: boolean
  readonly page: number
  readonly pages: number
  readonly pageSize: number
  readonly notice: SearchNotice | null
  /** A corrected query that has results ("Czy chodziło Ci o …?"). */
  readonly suggestion: string | null
  /** Filters as understood; unknown slugs and bad dates are listed in `invalid`. */
  readonly filters: {
    readonly section?: { slug: string; name: string }
    readonly author?: { slug: string; name: string }
    readonly tag?: { slug: string; name: string }
    readonly from?: string
    readonly to?: string
    readonly invalid: string[]
  }
  readonly morphology: boolean
  readonly tookMs: number
}

export interface HeadlineHit {
  readonly id: number
  readonly headline: string
  readonly path: string
  readonly publishedAt: string
}

export interface ReindexProgress {
  readonly done: number
  readonly total: number
  readonly elapsedMs: number
}

export interface SearchStatus {
  readonly morphology: boolean
  readonly message: string
  readonly dictionaryMs: number
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/

/** The UTC instant of midnight at the start of `date` (YYYY-MM-DD) in `timeZone`; null when not a date. */
export function startOfDayUtc(date: string, timeZone: string): Date | null {
  const m = DATE_RE.exec(date)
  if (!m) return null
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const guess = Date.UTC(y, mo - 1, d)
  const check = new Date(guess)
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null
  // Offset of the zone at that moment (twice, to settle across a DST change).
  let t = guess
  for (let i = 0; i < 2; i++) t = guess - zoneOffsetMs(new Date(t), timeZone)
  return new Date(t)
}

function zoneOffsetMs(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at)
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0)
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'))
  return asUtc - Math.floor(at.getTime() / 1000) * 1000
}

interface Loaded {
  analyzer: Analyzer
  dictionary: PolishDictionary | null
  status: DictionaryStatus
}

export class SearchService {
  private readonly store: SearchStore
  private loaded: Promise<Loaded>
  /** A rebuild started at boot, if any (tests and shutdown can wait for it). */
  background: Promise<void> = Promise.resolve()

  constructor(
    private readonly dbh: DbHandle,
    dictionary: Promise<DictionaryStatus>,
    private readonly logger?: Pick<Logger, 'info' | 'warn' | 'error'>,
    options: { candidateLimit?: number } = {},
  ) {
    this.store = createSearchStore(dbh, options)
    this.loaded = dictionary.then((status) => ({ status, dictionary: status.dictionary, analyzer: createAnalyzer(status.dictionary) }))
  }

  /** The analyzer (waits for the dictionary to load). */
  async analyzer(): Promise<Analyzer> {
    return (await this.loaded).analyzer
  }

  /** The Morfologik dictionary search loaded (null when missing); the quality gate shares it. */
  async dictionary(): Promise<PolishDictionary | null> {
    return (await this.loaded).dictionary
  }

  async status(): Promise<SearchStatus> {
    const { status } = await this.loaded
    return { morphology: status.dictionary !== null, message: status.message, dictionaryMs: status.ms }
  }

  /** Recreates index structures an interrupted rebuild could have left missing. */
  ensureIndexes(): Promise<void> {
    return this.store.ensureIndexes()
  }

  /** Index statistics: documents and how many were built by another analyzer (need `depesza reindex`). */
  async stats(): Promise<{ documents: number; stale: number; signature: string }> {
    const { analyzer } = await this.loaded
    return { ...(await this.store.stats(analyzer.signature)), signature: analyzer.signature }
  }

  // -------------------------------------------------------------------------
  // Indexing

  /** Listener for ContentService.onChange: errors are logged, never thrown at the writer. */
  readonly onContentChange = async (change: ContentChange): Promise<void> => {
    // 'visible' (an embargo or schedule time has come) needs nothing: visibility is checked at query time.
    if (change.kind !== 'article' || change.action === 'visible') return
    try {
      await this.indexArticles([change.articleId])
    } catch (err) {
      this.logger?.error({ err, articleId: change.articleId }, 'search index update failed; run `depesza reindex`')
    }
  }

  /** (Re)indexes the given stories; those no longer indexable are removed. */
  async indexArticles(ids: readonly number[], options: { words?: boolean } = {}): Promise<number> {
    if (ids.length === 0) return 0
    const { analyzer } = await this.loaded
    const sources = await this.loadSources(ids)
    const docs = sources.map((s) => prepareDocument(buildIndexDocument(analyzer, s), this.store.dialect))
    const present = new Set(docs.map((d) => d.id))
    await this.store.remove(ids.filter((id) => !present.has(id)))
    await this.store.replace(docs, analyzer.signature, new Date().toISOString())
    if (options.words !== false) await addWords(this.dbh, countWords(docs))
    return docs.length
  }

  /**
   * Rebuilds the whole index: stories in batches (each replaced in place, so
   * search keeps working meanwhile), then rows of stories no longer indexable
   * are dropped and the vocabulary is rebuilt. Large rebuilds analyze in worker
   * threads (AnalysisPool.defaultSize) while this thread reads and writes.
   */
  async reindexAll(
    onProgress?: (p: ReindexProgress) => void,
    options: { batchSize?: number; workers?: number | 'auto' } = {},
  ): Promise<{ indexed: number; removed: number; ms: number; workers: number }> {
    const started = performance.now()
    const { analyzer, status } = await this.loaded
    const db = this.dbh.db
    const dialect = this.store.dialect
    const batchSize = options.batchSize ?? 500
    const totalRow = await db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).where(isIndexable).executeTakeFirstOrThrow()
    const total = Number(totalRow.n)
    const wanted = options.workers === undefined || options.workers === 'auto' ? (total >= 2000 ? AnalysisPool.defaultSize() : 0) : options.workers
    const pool =
      wanted > 0
        ? await AnalysisPool.start(
            wanted,
            {
              type: 'init',
              dialect,
              dictionary: status.dictionary ? { dictPath: join(status.dir, DICT_FILE), infoPath: join(status.dir, INFO_FILE) } : null,
            },
            analyzer.signature,
          )
        : null
    if (wanted > 0 && !pool) this.logger?.warn({ workers: wanted }, 'search reindex: analysis workers could not start; analyzing in the main thread')
    const words = new Map<string, number>()
    const now = new Date().toISOString()
    let done = 0
    let lastId = 0
    let failure: unknown = null
    let writing: Promise<void> = Promise.resolve()
    const inFlight: Array<Promise<void>> = []
    const maxInFlight = pool ? pool.size + 1 : 2
    onProgress?.({ done, total, elapsedMs: 0 })
    const finishBulk = await this.store.beginBulk()
    try {
      for (;;) {
        if (failure) break
        const idRows = await db.selectFrom('articles').select('id').where(isIndexable).where('id', '>', lastId).orderBy('id').limit(batchSize).execute()
        if (idRows.length === 0) break
        lastId = idRows[idRows.length - 1]!.id
        const sources = await this.loadSources(idRows.map((r) => r.id))
        const analyzed: Promise<PreparedBatch> = pool ? pool.analyze(sources) : Promise.resolve(prepareBatch(analyzer, sources, dialect))
        const step = analyzed.then(({ docs, words: counts }) => {
          for (const [w, n] of counts) words.set(w, (words.get(w) ?? 0) + n)
          // Writes go one after another, in the order batches finish.
          writing = writing.then(async () => {
            await this.store.replace(docs, analyzer.signature, now)
            done += docs.length
            onProgress?.({ done, total: Math.max(total, done), elapsedMs: performance.now() - started })
          })
          return writing
        })
        step.catch((err: unknown) => {
          failure ??= err
        })
        inFlight.push(step)
        if (inFlight.length >= maxInFlight) await inFlight.shift()!.catch(() => {})
      }
      await Promise.all(inFlight.map((p) => p.catch(() => {})))
    } finally {
      await pool?.close()
      await finishBulk()
    }
    if (failure) throw failure
    const removed = await this.store.pruneExcept(isIndexable)
    await clearWords(this.dbh)
    await addWords(this.dbh, words)
    return { indexed: done, removed, ms: Math.round(performance.now() - started), workers: pool?.size ?? 0 }
  }

  /** Everything the index needs of the given stories (only indexable ones are returned). */
  private async loadSources(ids: readonly number[]): Promise<IndexSource[]> {
    const db = this.dbh.db
    const rows = await db
      .selectFrom('articles')
      .select(['id', 'headline', 'lede', 'body', 'lead_media_id', 'status', 'published_at', 'embargo_until', 'section_id'])
      .where('id', 'in', [...ids])
      .where(isIndexable)
      .orderBy('id')
      .execute()
    if (rows.length === 0) return []
    const found = rows.map((r) => r.id)
    const [authors, tags] = await Promise.all([
      db
        .selectFrom('article_authors')
        .innerJoin('authors', 'authors.id', 'article_authors.author_id')
        .select(['article_authors.article_id', 'authors.name'])
        .where('article_authors.article_id', 'in', found)
        .orderBy('article_authors.position')
        .execute(),
      db
        .selectFrom('article_tags')
        .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
        .select(['article_tags.article_id', 'tags.name'])
        .where('article_tags.article_id', 'in', found)
        .orderBy('article_tags.position')
        .execute(),
    ])
    // Bodies go on as JSON; only those with images are parsed here (for library captions).
    const withImages = new Map<number, BlockDocument>()
    const mediaIds: Array<number | null> = []
    for (const r of rows) {
      mediaIds.push(r.lead_media_id)
      if (!r.body.includes('"image"')) continue
      const body = storedBody(r.body)
      withImages.set(r.id, body)
      for (const block of body.content) if (block.type === 'image' && block.attrs.mediaId && !block.attrs.caption) mediaIds.push(block.attrs.mediaId)
    }
    const media = await mediaByIds(db, mediaIds)
    const group = (list: Array<{ article_id: number; name: string }>) => {
      const out = new Map<number, string[]>()
      for (const x of list) {
        const l = out.get(x.article_id)
        if (l) l.push(x.name)
        else out.set(x.article_id, [x.name])
      }
      return out
    }
    const authorsBy = group(authors)
    const tagsBy = group(tags)
    return rows.map((r) => {
      const captions: string[] = []
      const lead = r.lead_media_id !== null ? media.get(r.lead_media_id) : undefined
      if (lead?.caption) captions.push(lead.caption)
      for (const block of withImages.get(r.id)?.content ?? []) {
        if (block.type === 'image' && block.attrs.mediaId && !block.attrs.caption) {
          const m = media.get(block.attrs.mediaId)
          if (m?.caption) captions.push(m.caption)
        }
      }
      return {
        id: r.id,
        headline: r.headline,
        lede: r.lede,
        body: r.body,
        captions,
        tags: tagsBy.get(r.id) ?? [],
        authors: authorsBy.get(r.id) ?? [],
        meta: { status: r.status, publishedAt: r.published_at, embargoUntil: r.embargo_until, sectionId: r.section_id },
      }
    })
  }

  // -------------------------------------------------------------------------
  // Queries

  private compile(query: Pick<ParsedQuery, 'positive' | 'negative'>, mode: 'all' | 'any' = 'all'): string | null {
    return this.store.dialect === 'postgres' ? toTsquery(query, mode) : toFts5(query, mode)
  }

  private prefilter(query: Pick<ParsedQuery, 'positive' | 'negative'>, mode: 'all' | 'any' = 'all'): string | null {
    return this.store.dialect === 'postgres' ? toTsqueryPrefilter(query, mode) : null
  }

  async search(req: SearchRequest): Promise<SearchResponse> {
    const started = performance.now()
    const { analyzer } = await this.loaded
    const query = parseQuery(analyzer, req.q)
    const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(req.pageSize ?? SEARCH_PAGE_SIZE)))
    const page = Math.min(MAX_PAGE, Math.max(1, Math.floor(req.page ?? 1)))
    const { filters, resolved } = await this.resolveFilters(req)
    const base = { query, page, pageSize, filters: resolved, morphology: analyzer.morphology }
    const done = (rest: { hits: SearchHit[]; total: number; notice: SearchNotice | null; suggestion: string | null; capped?: boolean }): SearchResponse => ({
      ...base,
      hits: rest.hits,
      total: rest.total,
      notice: rest.notice,
      suggestion: rest.suggestion,
      totalIsLowerBound: rest.capped ?? false,
      pages: Math.max(1, Math.ceil(rest.total / pageSize)),
      tookMs: Math.round((performance.now() - started) * 10) / 10,
    })

    if (query.clauses.length === 0) {
      return done({ hits: [], total: 0, notice: query.ignored.length > 0 ? 'stopwords-only' : 'empty', suggestion: null })
    }
    if (query.positive.length === 0) return done({ hits: [], total: 0, notice: 'negative-only', suggestion: null })
    // An unknown section/author/tag filter matches nothing.
    if (filters === null) return done({ hits: [], total: 0, notice: 'no-results', suggestion: null })

    const match = this.compile(query)!
    const { hits, total, capped } = await this.store.search(match, filters, req.now, { limit: pageSize, offset: (page - 1) * pageSize }, this.prefilter(query))
    if (total === 0) {
      const suggestion = await this.suggest(query, filters, req.now).catch((err: unknown) => {
        this.logger?.warn({ err }, 'search suggestion failed')
        return null
      })
      // No story has every word: show those with some of them, best first.
      if (query.positive.length > 1) {
        const relaxed = await this.store.search(this.compile(query, 'any')!, filters, req.now, { limit: pageSize, offset: (page - 1) * pageSize }, this.prefilter(query, 'any'))
        if (relaxed.hits.length > 0) {
          return done({ hits: await this.loadHits(analyzer, query, relaxed.hits, req.now), total: relaxed.total, capped: relaxed.capped, notice: 'partial', suggestion })
        }
      }
      return done({ hits: [], total: 0, notice: 'no-results', suggestion })
    }
    if (hits.length === 0) return done({ hits: [], total, capped, notice: 'page-out-of-range', suggestion: null })
    const loaded = await this.loadHits(analyzer, query, hits, req.now)
    return done({ hits: loaded, total, capped, notice: null, suggestion: null })
  }

  private async resolveFilters(req: SearchRequest): Promise<{ filters: SearchFilters | null; resolved: SearchResponse['filters'] }> {
    const db = this.dbh.db
    const invalid: string[] = []
    const resolved: { -readonly [K in keyof SearchResponse['filters']]: SearchResponse['filters'][K] } = { invalid }
    const filters: { -readonly [K in keyof SearchFilters]: SearchFilters[K] } = {}
    if (req.language !== undefined) filters.language = req.language
    if (req.notLanguages?.length) filters.notLanguages = req.notLanguages
    let impossible = false
    const slug = (s: string | undefined) => (s && /^[a-z0-9-]{1,120}$/.test(s) ? s : s ? null : undefined)
    const section = slug(req.section)
    if (section === null) invalid.push('dzial')
    else if (section) {
      const row = await db.selectFrom('sections').select(['id', 'slug', 'name']).where('slug', '=', section).executeTakeFirst()
      if (row) {
        filters.sectionId = row.id
        resolved.section = { slug: row.slug, name: row.name }
      } else {
        invalid.push('dzial')
        impossible = true
      }
    }
    const author = slug(req.author)
    if (author === null) invalid.push('autor')
    else if (author) {
      const row = await db.selectFrom('authors').select(['id', 'slug', 'name']).where('slug', '=', author).executeTakeFirst()
      if (row) {
        filters.authorId = row.id
        resolved.author = { slug: row.slug, name: row.name }
      } else {
        invalid.push('autor')
        impossible = true
      }
    }
    const tag = slug(req.tag)
    if (tag === null) invalid.push('tag')
    else if (tag) {
      const row = await db.selectFrom('tags').select(['id', 'slug', 'name']).where('slug', '=', tag).executeTakeFirst()
      if (row) {
        filters.tagId = row.id
        resolved.tag = { slug: row.slug, name: row.name }
      } else {
        invalid.push('tag')
        impossible = true
      }
    }
    const tz = req.timeZone ?? 'Europe/Warsaw'
    if (req.from) {
      const start = startOfDayUtc(req.from, tz)
      if (start) {
        filters.from = start.toISOString()
        resolved.from = req.from
      } else invalid.push('od')
    }
    if (req.to) {
      const m = DATE_RE.exec(req.to)
      const start = startOfDayUtc(req.to, tz)
      if (m && start) {
        // Inclusive: up to the start of the following day.
        const following = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + 1)).toISOString().slice(0, 10)
        filters.to = (startOfDayUtc(following, tz) ?? start).toISOString()
        resolved.to = req.to
      } else invalid.push('do')
    }
    return { filters: impossible ? null : filters, resolved }
  }

  /**
   * The rows of a page of hits, checked once more with the repository's
   * `visibleAt(now)` against `articles` itself: whatever the index's copy says,
   * nothing a reader may not see is shown.
   */
  private async loadHits(analyzer: Analyzer, query: ParsedQuery, ranked: ReadonlyArray<{ id: number; score: number }>, now: string): Promise<SearchHit[]> {
    const db = this.dbh.db
    const ids = ranked.map((h) => h.id)
    const rows = await db
      .selectFrom('articles')
      .leftJoin('sections', 'sections.id', 'articles.section_id')
      .select([
        'articles.id',
        'articles.kind',
        'articles.slug',
        'articles.headline',
        'articles.lede',
        'articles.body',
        'articles.published_at',
        'articles.updated_at',
        'articles.lead_media_id',
        'articles.language',
        'sections.id as section_id',
        'sections.slug as section_slug',
        'sections.name as section_name',
      ])
      .where('articles.id', 'in', ids)
      .where(visibleAt(now))
      .execute()
    const media = await mediaByIds(db, rows.map((r) => r.lead_media_id))
    const byId = new Map(rows.map((r) => [r.id, r]))
    const terms = highlightTerms(query)
    const out: SearchHit[] = []
    for (const { id, score } of ranked) {
      const r = byId.get(id)
      if (!r) continue
      let texts: string[]
      try {
        texts = [r.lede, ...documentText(storedBody(r.body))]
      } catch {
        texts = [r.lede]
      }
      const summary: ArticleSummary = {
        id: r.id,
        kind: r.kind,
        slug: r.slug,
        headline: r.headline,
        lede: r.lede,
        publishedAt: r.published_at ?? r.updated_at,
        updatedAt: r.updated_at,
        section: r.section_id !== null ? { id: r.section_id, slug: r.section_slug!, name: r.section_name! } : null,
        leadMedia: r.lead_media_id !== null ? ((media.get(r.lead_media_id) as MediaRow | undefined) ?? null) : null,
        language: r.language,
      }
      out.push({
        ...summary,
        path: articlePath(summary),
        headlineHtml: highlightText(analyzer, r.headline, terms),
        snippetHtml: buildSnippet(analyzer, texts, terms),
        score,
      })
    }
    return out
  }

  /**
   * Headline autocomplete (for the newsroom): visible stories whose headline
   * has every typed word, the last one also as a prefix ("Ira" → "Irak").
   */
  async headlines(q: string, now: string, limit = 8): Promise<HeadlineHit[]> {
    const { analyzer } = await this.loaded
    const parsed = parseQuery(analyzer, q)
    const words: QueryWord[] = parsed.positive.flatMap((c) => c.words)
    const lastToken = tokenize(parsed.text).at(-1)
    const endsWithSpace = /\s$/.test(q)
    const prefixes: string[] = []
    if (lastToken && !endsWithSpace && lastToken.kind === 'word' && lastToken.text.length >= 2) {
      const lower = lastToken.text.toLowerCase()
      for (const p of [lower, foldDiacritics(lower)]) if (/^[\p{L}\p{N}]+$/u.test(p) && !prefixes.includes(p)) prefixes.push(p)
      // The last word may be unfinished: it must match as a prefix or as a word.
      const last = words.at(-1)
      if (last && last.text === lastToken.text) {
        words.pop()
        prefixes.push(...last.terms.filter((t) => !prefixes.includes(t)))
      }
    }
    if (words.length === 0 && prefixes.length === 0) return []
    const match = this.store.dialect === 'postgres' ? toTsqueryHeadline(words, prefixes) : toFts5Headline(words, prefixes)
    if (!match) return []
    const { hits } = await this.store.search(match, {}, now, { limit: Math.min(20, Math.max(1, limit)), offset: 0 })
    if (hits.length === 0) return []
    const rows = await this.dbh.db
      .selectFrom('articles')
      .leftJoin('sections', 'sections.id', 'articles.section_id')
      .select(['articles.id', 'articles.kind', 'articles.slug', 'articles.headline', 'articles.published_at', 'articles.updated_at', 'sections.slug as section_slug'])
      .where('articles.id', 'in', hits.map((h) => h.id))
      .where(visibleAt(now))
      .execute()
    const byId = new Map(rows.map((r) => [r.id, r]))
    return hits.flatMap(({ id }) => {
      const r = byId.get(id)
      if (!r) return []
      return [{ id, headline: r.headline, path: articlePath({ kind: r.kind, slug: r.slug, section: r.section_slug ? { slug: r.section_slug } : null }), publishedAt: r.published_at ?? r.updated_at }]
    })
  }

  // -------------------------------------------------------------------------
  // Suggestions

  /** Corrections for a word, best first: distance, then frequency in the index vocabulary. */
  async corrections(word: string, limit = 6): Promise<string[]> {
    const { dictionary } = await this.loaded
    const lower = word.toLowerCase()
    const folded = foldDiacritics(lower)
    const max = maxEdits([...folded].length)
    if (max === 0 || !/^[\p{L}-]+$/u.test(lower)) return []
    const candidates = new Map<string, number>()
    if (dictionary) for (const c of dictionaryNeighbours(dictionary, word, max, 60)) if (c.distance > 0) candidates.set(c.word, c.distance)
    const len = [...folded].length
    const vocab = await wordsByInitial(this.dbh, folded.slice(0, 1), len - max, len + max)
    const counts = new Map<string, number>()
    for (const v of vocab) {
      const d = editDistance(folded, v.folded, max)
      if (d > 0 && d <= max) {
        const known = candidates.get(v.word)
        if (known === undefined || d < known) candidates.set(v.word, d)
        counts.set(v.word, Number(v.n))
      }
    }
    const missing = [...candidates.keys()].filter((w) => !counts.has(w.toLowerCase()))
    for (const [w, n] of await wordCounts(this.dbh, missing.map((w) => w.toLowerCase()))) counts.set(w, n)
    return [...candidates]
      .sort(([a, da], [b, db]) => da - db || (counts.get(b.toLowerCase()) ?? 0) - (counts.get(a.toLowerCase()) ?? 0) || a.localeCompare(b, 'pl'))
      .map(([w]) => w)
      .filter((w, i, all) => all.findIndex((x) => x.toLowerCase() === w.toLowerCase()) === i)
      .slice(0, limit)
  }

  /**
   * "Czy chodziło Ci o …?": each query word that matches nothing in the index
   * is replaced by its best correction that does; the corrected query is
   * offered only if it finds visible stories with the same filters.
   */
  async suggest(query: ParsedQuery, filters: SearchFilters, now: string): Promise<string | null> {
    const { analyzer } = await this.loaded
    const words = query.positive.flatMap((c) => c.words).slice(0, 4)
    const replacements = new Map<string, string>()
    for (const word of words) {
      const single = this.compile({ positive: [wordClause(word)], negative: [] })
      if (!single || (await this.store.anyMatch(single))) continue
      for (const candidate of await this.corrections(word.text)) {
        const token = tokenize(candidate)[0]
        if (!token) continue
        const terms = analyzer.queryTerms(token)
        if (terms.stop) continue
        const match = this.compile({ positive: [wordClause({ text: candidate, terms: terms.terms })], negative: [] })
        if (match && (await this.store.anyMatch(match))) {
          replacements.set(word.text, matchCase(word.text, candidate))
          break
        }
      }
    }
    if (replacements.size === 0) return null
    let text = query.text
    for (const [from, to] of replacements) text = replaceWord(text, from, to)
    if (text === query.text) return null
    const corrected = parseQuery(analyzer, text)
    const match = this.compile(corrected)
    if (!match) return null
    const { total } = await this.store.search(match, filters, now, { limit: 1, offset: 0 }, this.prefilter(corrected))
    return total > 0 ? text : null
  }
}

function wordClause(word: QueryWord): QueryClause {
  return { kind: 'word', negated: false, text: word.text, words: [word] }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** Replaces whole-word occurrences of `from` in `text`. */
function replaceWord(text: string, from: string, to: string): string {
  return text.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(from)}(?![\\p{L}\\p{N}])`, 'gu'), to)
}

function countWords(docs: readonly PreparedDocument[]): Map<string, number> {
  const out = new Map<string, number>()
  for (const d of docs) for (const w of d.words) out.set(w, (out.get(w) ?? 0) + 1)
  return out
}

// ---------------------------------------------------------------------------
// Wiring

const services = new WeakMap<object, SearchService>()

export interface SearchWiring {
  readonly dbh: DbHandle
  readonly content: ContentService
  readonly config: Pick<Config, 'dictionaryDir'>
  readonly logger: Logger
}

function createService(w: SearchWiring): SearchService {
  const dictionary = loadSearchDictionary(w.config.dictionaryDir, { logger: w.logger })
  const service = new SearchService(w.dbh, dictionary, w.logger)
  w.content.onChange(service.onContentChange)
  services.set(w.content, service)
  return service
}

/**
 * Creates the search service of an application (once): starts loading the
 * dictionary (a missing one is reported in the log as soon as that is known),
 * keeps the index in step with content changes, and checks the index against
 * the analyzer; stale or missing entries (a new installation, a dictionary
 * installed later) are rebuilt in the background. Start-up waits only for two
 * count queries, not for the dictionary: the first search or indexing does.
 */
export async function attachSearch(w: SearchWiring, options: { rebuildStale?: boolean } = {}): Promise<SearchService> {
  const existing = services.get(w.content)
  if (existing) return existing
  const service = createService(w)
  // Another worker of the same server checks and rebuilds it (src/server/cluster.ts).
  if (options.rebuildStale === false) return service
  try {
    // Counted before the application serves anything, so writes cannot race the comparison.
    const db = w.dbh.db.withTables<SearchTables>()
    const [indexed, indexable] = await Promise.all([
      db.selectFrom('search_docs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      w.dbh.db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).where(isIndexable).executeTakeFirstOrThrow(),
    ])
    const documents = Number(indexed.n)
    const expected = Number(indexable.n)
    await service.ensureIndexes()
    service.background = (async () => {
      // Rows indexed meanwhile carry the current signature, so only older ones count as stale.
      const { stale, signature } = await service.stats()
      if (stale === 0 && documents === expected) return
      w.logger.warn(
        { documents, stale, expected, signature },
        'search index is out of date (new installation, dictionary change or missed updates); rebuilding it in the background',
      )
      const result = await service.reindexAll()
      w.logger.info(result, 'search index rebuilt')
    })().catch((err: unknown) => w.logger.error({ err }, 'search index check or rebuild failed; run `depesza reindex`'))
  } catch (err) {
    w.logger.warn({ err }, 'search index check failed')
  }
  return service
}

/** The search service of an application (attached at boot, or created on first use). */
export function searchFor(deps: SearchWiring): SearchService {
  return services.get(deps.content) ?? createService(deps)
}
