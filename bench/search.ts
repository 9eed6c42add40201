/**
 * @module
 * Search benchmark: N articles (default 100,000), a full index build, the index
 * size and query latency (p50/p95) for one-word, multi-word, phrase and filtered
 * queries, measured through SearchService.search (ranking, hit loading and
 * snippets included; HTTP not).
 *
 *   node --import tsx bench/search.ts [N] [--db=sqlite|postgres] [--queries=200] [--workers=K] [--keep=DIR [--reuse]] [--json]
 *
 * Text: paragraphs of the Polish corpus in ../shared/corpus/*.jsonl.gz, recombined
 * into news-length articles (random corpus headline, lede and 2,500+ characters of
 * paragraphs from other documents), when the corpus is there; otherwise synthetic
 * Polish-like sentences. Articles are inserted with bulk SQL (the import path is
 * not what is measured), then indexed with `reindexAll`, exactly as `depesza reindex`.
 * PostgreSQL: DEPESZA_TEST_PG_URL (default postgres://postgres@127.0.0.1:5432/test),
 * in a schema of its own that is dropped afterwards.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import zlib from 'node:zlib'
import { sql } from 'kysely'
import { openDatabase, type DbHandle } from '../src/platform/db/database.js'
import { migrateToLatest } from '../src/platform/db/migrations.js'
import { createAnalyzer } from '../src/polish/analyzer.js'
import { tokenize } from '../src/polish/tokenizer.js'
import { isStopword } from '../src/polish/stopwords.js'
import { loadSearchDictionary } from '../src/search/dictionary-loader.js'
import { SearchService } from '../src/search/search.service.js'

export interface SearchBenchOptions {
  articles?: number
  db?: 'sqlite' | 'postgres'
  /** Queries per kind (default 200). */
  queries?: number
  corpusDir?: string
  /** Where the dictionary is extracted (default: a temp dir). */
  dictionaryDir?: string
  print?: boolean
  log?: (line: string) => void
  /** Keep the SQLite database in this directory (for poking at it afterwards). */
  keepDir?: string
  /** Analysis worker threads for the build (default: reindexAll's choice). */
  workers?: number
  /** With keepDir: measure queries on the database kept there by an earlier run (no insert, no build). */
  reuse?: boolean
}

export interface LatencyFigures {
  queries: number
  p50Ms: number
  p95Ms: number
  maxMs: number
  /**
   * CPU time of this process per query (p50/p95): on a busy machine the wall
   * times include waiting for a CPU; this does not. For SQLite this is the
   * whole cost of a query; for PostgreSQL add dbCpuMs.
   */
  cpuP50Ms: number
  cpuP95Ms: number
  /** PostgreSQL: CPU of the database backends serving the benchmark, mean per query (10 ms clock ticks summed over the set). */
  dbCpuMs?: number
  /** Average number of matching stories. */
  avgTotal: number
  /** One-minute load average when the set finished. */
  load: number
}

export interface SearchBenchResult {
  name: 'search'
  db: 'sqlite' | 'postgres'
  articles: number
  source: 'corpus' | 'synthetic'
  avgBodyChars: number
  insertMs: number
  indexMs: number
  /** CPU time of this process during the build (the database server's, for PostgreSQL, not included). */
  indexCpuMs: number
  /** Of which the main thread's (reading, writing, SQLite's work); the rest is the analysis workers'. */
  indexMainCpuMs: number
  /** PostgreSQL: CPU of the database backends serving the build. */
  indexDbCpuMs?: number
  /** Analysis worker threads used by the build (0: analyzed in the main thread). */
  workers: number
  indexedPerSec: number
  indexBytes: number
  dataBytes: number
  morphology: boolean
  dictionaryMs: number
  latency: Record<'oneWord' | 'multiWord' | 'phrase' | 'filtered' | 'noDiacritics', LatencyFigures>
  /** Load averages at the end of the build and at the end of the run. */
  buildLoadAverage: number[]
  loadAverage: number[]
  cpus: number
}

const SECTIONS = ['kraj', 'swiat', 'gospodarka', 'kultura', 'sport', 'nauka', 'zdrowie', 'technologie']
const AUTHORS = ['Anna Kowalska', 'Piotr Nowak', 'Katarzyna Wiśniewska', 'Tomasz Wójcik', 'Magdalena Kamińska', 'Marcin Lewandowski', 'Agnieszka Zielińska', 'Paweł Szymański']
const TAGS = ['wybory', 'Sejm', 'rząd', 'inflacja', 'kolej', 'szkoły', 'szpitale', 'klimat', 'Ukraina', 'Niemcy', 'piłka nożna', 'teatr', 'kosmos', 'rolnictwo', 'energetyka', 'Warszawa']
const STORIES_PER_DAY = 40
const MIN_BODY_CHARS = 2500

function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

interface Source {
  titles: string[]
  ledes: string[]
  paragraphs: string[]
  kind: 'corpus' | 'synthetic'
}

function loadSource(corpusDir: string): Source {
  const titles: string[] = []
  const ledes: string[] = []
  const paragraphs: string[] = []
  if (fs.existsSync(corpusDir)) {
    for (const file of fs.readdirSync(corpusDir).filter((f) => /^kpwr-.*-\d+\.jsonl\.gz$/.test(f) || (f.endsWith('.jsonl.gz') && !f.includes('metadata')))) {
      const text = zlib.gunzipSync(fs.readFileSync(path.join(corpusDir, file))).toString('utf8')
      for (const line of text.split('\n')) {
        if (!line.trim()) continue
        try {
          const r = JSON.parse(line) as { title?: unknown; lead?: unknown; body?: unknown }
          if (typeof r.title === 'string' && typeof r.body === 'string') {
            titles.push(r.title.slice(0, 300))
            if (typeof r.lead === 'string') ledes.push(r.lead.slice(0, 1000))
            for (const p of r.body.split(/\n\s*\n/)) if (p.trim().length > 40) paragraphs.push(p.replace(/\s+/g, ' ').trim())
          }
        } catch {
          // skip broken lines
        }
      }
    }
  }
  if (paragraphs.length > 100) return { titles, ledes: ledes.length ? ledes : paragraphs.slice(0, 500), paragraphs, kind: 'corpus' }
  // Synthetic Polish-like text.
  const words = (
    'rząd sejm minister prezydent miasto gmina województwo projekt ustawa budżet podatek wybory kampania partia koalicja opozycja ' +
    'posłowie senat komisja raport badanie naukowcy uczelnia szkoła uczniowie nauczyciele szpital lekarze pacjenci kolej pociąg ' +
    'autobus droga most remont inwestycja firma pracownicy zarobki ceny inflacja bank kredyt mieszkanie rynek energia węgiel wiatr ' +
    'klimat pogoda deszcz zima lato koncert festiwal teatr film książka wystawa muzeum mecz drużyna trener bramka reprezentacja ' +
    'zapowiedział poinformował podkreślił przyznał ocenił zdecydował przedstawił nowy ważny duży mały pierwszy ostatni polski europejski'
  ).split(' ')
  const rand = mulberry32(7)
  const sentence = (n: number) => {
    const s = Array.from({ length: n }, () => words[Math.floor(rand() * words.length)]!).join(' ')
    return s.charAt(0).toUpperCase() + s.slice(1) + '.'
  }
  for (let i = 0; i < 3000; i++) paragraphs.push(Array.from({ length: 4 }, () => sentence(8 + Math.floor(rand() * 10))).join(' '))
  for (let i = 0; i < 1000; i++) titles.push(sentence(6).slice(0, -1))
  for (let i = 0; i < 1000; i++) ledes.push(sentence(15))
  return { titles, ledes, paragraphs, kind: 'synthetic' }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

async function bulkInsert(dbh: DbHandle, src: Source, n: number, log: (s: string) => void): Promise<{ ms: number; avgBodyChars: number }> {
  const db = dbh.db
  const started = performance.now()
  const now = new Date().toISOString()
  for (const [i, slug] of SECTIONS.entries()) await db.insertInto('sections').values({ slug, name: slug, position: i, created_at: now }).execute()
  for (const [i, name] of AUTHORS.entries()) await db.insertInto('authors').values({ slug: `autor-${i}`, name, bio: '', photo_media_id: null, created_at: now }).execute()
  for (const [i, name] of TAGS.entries()) await db.insertInto('tags').values({ slug: `tag-${i}`, name, created_at: now }).execute()
  const sectionIds = (await db.selectFrom('sections').select('id').orderBy('id').execute()).map((r) => r.id)
  const authorIds = (await db.selectFrom('authors').select('id').orderBy('id').execute()).map((r) => r.id)
  const tagIds = (await db.selectFrom('tags').select('id').orderBy('id').execute()).map((r) => r.id)
  const rand = mulberry32(20261127)
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!
  const yesterday = Date.now() - 86_400_000
  let bodyChars = 0
  const batch = dbh.dialect === 'postgres' ? 500 : 250
  for (let start = 0; start < n; start += batch) {
    const rows: Array<Record<string, unknown>> = []
    for (let i = start; i < Math.min(n, start + batch); i++) {
      const paragraphs: string[] = []
      let chars = 0
      while (chars < MIN_BODY_CHARS) {
        const p = pick(src.paragraphs)
        paragraphs.push(p)
        chars += p.length
      }
      bodyChars += chars
      const body = JSON.stringify({ type: 'doc', content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) })
      const published = new Date(yesterday - Math.floor(i / STORIES_PER_DAY) * 86_400_000 - Math.floor(rand() * 86_400_000)).toISOString()
      rows.push({
        kind: 'article' as const,
        slug: `artykul-${i}`,
        headline: pick(src.titles),
        lede: pick(src.ledes),
        section_id: pick(sectionIds),
        lead_media_id: null,
        body,
        status: 'published' as const,
        published_at: published,
        embargo_until: null,
        updated_at: published,
        created_at: published,
        external_id: null,
        source: null,
      })
    }
    await db.transaction().execute(async (trx) => {
      const ids = await trx.insertInto('articles').values(rows as never).returning('id').execute()
      await trx
        .insertInto('article_authors')
        .values(ids.map((r) => ({ article_id: r.id, author_id: pick(authorIds), position: 0 })))
        .execute()
      await trx
        .insertInto('article_tags')
        .values(ids.map((r) => ({ article_id: r.id, tag_id: pick(tagIds), position: 0 })))
        .execute()
    })
    if ((start / batch) % 40 === 0) log(`  inserted ${Math.min(n, start + batch)}/${n}`)
  }
  return { ms: Math.round(performance.now() - started), avgBodyChars: Math.round(bodyChars / n) }
}

/** Query sets drawn from the stored text, so that most queries find something. */
function querySets(src: Source, count: number) {
  const rand = mulberry32(99)
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!
  const wordsOf = (p: string) => tokenize(p).filter((t) => t.kind === 'word' && t.text.length > 3 && !isStopword(t.text.toLowerCase()))
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/ł/g, 'l').replace(/Ł/g, 'L')
  const oneWord: string[] = []
  const multiWord: string[] = []
  const phrase: string[] = []
  const noDiacritics: string[] = []
  while (oneWord.length < count || multiWord.length < count || phrase.length < count || noDiacritics.length < count) {
    const p = pick(src.paragraphs)
    const words = wordsOf(p)
    if (words.length < 4) continue
    const w = pick(words)
    if (oneWord.length < count) oneWord.push(w.text)
    if (multiWord.length < count) {
      const i = Math.floor(rand() * (words.length - 2))
      multiWord.push(`${words[i]!.text} ${words[i + 2]!.text}`)
    }
    if (phrase.length < count) {
      const all = tokenize(p)
      const i = Math.floor(rand() * (all.length - 1))
      const a = all[i]!
      const b = all[i + 1]!
      if (a.kind === 'word' && b.kind === 'word' && !isStopword(a.text.toLowerCase()) && !isStopword(b.text.toLowerCase())) phrase.push(`"${a.text} ${b.text}"`)
    }
    const folded = fold(w.text)
    if (noDiacritics.length < count && folded !== w.text) noDiacritics.push(folded)
  }
  return { oneWord, multiWord, phrase, noDiacritics }
}

const CLOCK_TICKS = 100

/** CPU ms of a thread or process from /proc (utime + stime; 10 ms ticks); null where /proc is missing. */
function procCpuMs(statPath: string): number | null {
  try {
    const stat = fs.readFileSync(statPath, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS
  } catch {
    return null
  }
}

/** PostgreSQL: total CPU ms of the backends whose application_name is `app` (this benchmark's pool). */
async function backendsCpuMs(dbh: DbHandle, app: string | null): Promise<number | null> {
  if (dbh.dialect !== 'postgres' || app === null) return null
  const r = await sql<{ pid: number }>`select pid from pg_stat_activity where application_name = ${app}`.execute(dbh.db)
  let total = 0
  for (const { pid } of r.rows) total += procCpuMs(`/proc/${pid}/stat`) ?? 0
  return total
}

async function measure(
  search: SearchService,
  queries: string[],
  db: { dbh: DbHandle; app: string | null },
  extra: { section?: string; from?: string } = {},
): Promise<LatencyFigures> {
  const times: number[] = []
  const cpuTimes: number[] = []
  let totals = 0
  // Warm-up (JIT, caches) on a few queries.
  for (const q of queries.slice(0, 5)) await search.search({ q, now: new Date().toISOString(), ...extra })
  const db0 = await backendsCpuMs(db.dbh, db.app)
  for (const q of queries) {
    const c0 = process.cpuUsage()
    const t0 = performance.now()
    const r = await search.search({ q, now: new Date().toISOString(), ...extra })
    times.push(performance.now() - t0)
    const c = process.cpuUsage(c0)
    cpuTimes.push((c.user + c.system) / 1000)
    totals += r.total
  }
  const db1 = await backendsCpuMs(db.dbh, db.app)
  times.sort((a, b) => a - b)
  cpuTimes.sort((a, b) => a - b)
  const round = (x: number) => Math.round(x * 10) / 10
  return {
    queries: queries.length,
    p50Ms: round(percentile(times, 50)),
    p95Ms: round(percentile(times, 95)),
    maxMs: round(times.at(-1) ?? 0),
    cpuP50Ms: round(percentile(cpuTimes, 50)),
    cpuP95Ms: round(percentile(cpuTimes, 95)),
    ...(db0 !== null && db1 !== null ? { dbCpuMs: round((db1 - db0) / Math.max(1, queries.length)) } : {}),
    avgTotal: Math.round(totals / Math.max(1, queries.length)),
    load: Math.round(os.loadavg()[0]! * 10) / 10,
  }
}

async function indexSize(dbh: DbHandle): Promise<{ index: number; data: number }> {
  if (dbh.dialect === 'sqlite') {
    const rows = await sql<{ name: string; bytes: number }>`select name, sum(pgsize) as bytes from dbstat group by name`.execute(dbh.db)
    let index = 0
    let data = 0
    for (const r of rows.rows) {
      if (r.name.startsWith('search_') || r.name.startsWith('sqlite_autoindex_search_')) index += Number(r.bytes)
      else data += Number(r.bytes)
    }
    return { index, data }
  }
  const r = await sql<{ index: string; data: string }>`select
      pg_total_relation_size('search_docs') + pg_total_relation_size('search_words') as index,
      pg_total_relation_size('articles') as data`.execute(dbh.db)
  return { index: Number(r.rows[0]!.index), data: Number(r.rows[0]!.data) }
}

export async function benchSearch(options: SearchBenchOptions = {}): Promise<SearchBenchResult> {
  const n = options.articles ?? 100_000
  const dialect = options.db ?? 'sqlite'
  const log = options.log ?? (options.print ? (s: string) => process.stderr.write(s + '\n') : () => {})
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'depesza-bench-search-'))
  if (options.keepDir) fs.mkdirSync(options.keepDir, { recursive: true })
  const corpusDir = options.corpusDir ?? path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..', 'shared', 'corpus')
  let dbh: DbHandle
  let dropSchema = async () => {}
  const pgUrl = process.env.DEPESZA_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
  // The benchmark's own connections are named, so their backends' CPU can be read from /proc.
  const app = dialect === 'postgres' ? `depesza_bench_search_${process.pid}` : null
  const benchUrl = app ? `${pgUrl}${pgUrl.includes('?') ? '&' : '?'}application_name=${app}` : pgUrl
  if (dialect === 'postgres') {
    // With keepDir the schema is kept (its name in keepDir/pg-schema) for a later --reuse.
    const schemaFile = options.keepDir ? path.join(options.keepDir, 'pg-schema') : null
    const reused = options.reuse && schemaFile && fs.existsSync(schemaFile) ? fs.readFileSync(schemaFile, 'utf8').trim() : null
    const schema = reused ?? `bench_search_${randomBytes(4).toString('hex')}`
    if (!reused) {
      const admin = openDatabase({ kind: 'postgres', url: pgUrl })
      await admin.db.schema.createSchema(schema).execute()
      await admin.close()
      if (schemaFile) fs.writeFileSync(schemaFile, schema)
    }
    dbh = openDatabase({ kind: 'postgres', url: benchUrl, schema })
    if (!schemaFile) {
      dropSchema = async () => {
        const a = openDatabase({ kind: 'postgres', url: pgUrl })
        await a.db.schema.dropSchema(schema).cascade().execute()
        await a.close()
      }
    }
  } else {
    dbh = openDatabase({ kind: 'sqlite', file: path.join(options.keepDir ?? tmp, 'bench.db') })
  }
  try {
    await migrateToLatest(dbh)
    const src = loadSource(corpusDir)
    const reuse = options.reuse === true && options.keepDir !== undefined
    log(`search bench: ${n} articles on ${dialect}, text from ${src.kind} (${src.paragraphs.length} paragraphs)${reuse ? ', reusing the kept database' : ''}`)
    const inserted = reuse ? { ms: 0, avgBodyChars: 0 } : await bulkInsert(dbh, src, n, log)
    if (!reuse) log(`  inserted in ${(inserted.ms / 1000).toFixed(1)} s, average body ${inserted.avgBodyChars} characters`)

    const dictionary = await loadSearchDictionary(options.dictionaryDir ?? path.join(tmp, 'dictionary'))
    const search = new SearchService(dbh, Promise.resolve(dictionary))
    let lastLog = 0
    const cpu0 = process.cpuUsage()
    const mainStat = `/proc/${process.pid}/task/${process.pid}/stat`
    const main0 = procCpuMs(mainStat)
    const dbBuild0 = await backendsCpuMs(dbh, app)
    const indexed = reuse
      ? { indexed: n, removed: 0, ms: 0, workers: 0 }
      : await search.reindexAll(
          (p) => {
            if (p.elapsedMs - lastLog > 10_000) {
              lastLog = p.elapsedMs
              log(`  indexing ${p.done}/${p.total} (${Math.round((p.done * 1000) / p.elapsedMs)}/s)`)
            }
          },
          options.workers !== undefined ? { workers: options.workers } : {},
        )
    const cpu = process.cpuUsage(cpu0)
    const indexCpuMs = reuse ? 0 : Math.round((cpu.user + cpu.system) / 1000)
    const main1 = procCpuMs(mainStat)
    const indexMainCpuMs = reuse || main0 === null || main1 === null ? 0 : Math.round(main1 - main0)
    const dbBuild1 = await backendsCpuMs(dbh, app)
    const indexDbCpuMs = reuse || dbBuild0 === null || dbBuild1 === null ? undefined : Math.round(dbBuild1 - dbBuild0)
    const buildLoadAverage = os.loadavg().map((x) => Math.round(x * 100) / 100)
    if (!reuse) {
      log(
        `  index built in ${(indexed.ms / 1000).toFixed(1)} s with ${indexed.workers} analysis workers (CPU of this process: ${(indexCpuMs / 1000).toFixed(1)} s, main thread ${(indexMainCpuMs / 1000).toFixed(1)} s` +
          `${indexDbCpuMs !== undefined ? `; PostgreSQL backends ${(indexDbCpuMs / 1000).toFixed(1)} s` : ''}; load ${buildLoadAverage.join(' ')})`,
      )
    }
    if (dialect === 'postgres') await sql`vacuum analyze`.execute(dbh.db)
    else await sql`analyze`.execute(dbh.db)
    const size = await indexSize(dbh)

    const count = options.queries ?? 200
    const sets = querySets(src, count)
    log('  measuring queries …')
    const on = { dbh, app }
    const latency = {
      oneWord: await measure(search, sets.oneWord, on),
      multiWord: await measure(search, sets.multiWord, on),
      phrase: await measure(search, sets.phrase, on),
      filtered: await measure(search, sets.oneWord, on, { section: 'kraj', from: new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10) }),
      noDiacritics: await measure(search, sets.noDiacritics, on),
    }
    const result: SearchBenchResult = {
      name: 'search',
      db: dialect,
      articles: n,
      source: src.kind,
      avgBodyChars: inserted.avgBodyChars,
      insertMs: inserted.ms,
      indexMs: indexed.ms,
      indexCpuMs,
      indexMainCpuMs,
      ...(indexDbCpuMs !== undefined ? { indexDbCpuMs } : {}),
      workers: indexed.workers,
      indexedPerSec: indexed.ms > 0 ? Math.round((indexed.indexed * 1000) / indexed.ms) : 0,
      indexBytes: size.index,
      dataBytes: size.data,
      morphology: dictionary.dictionary !== null,
      dictionaryMs: dictionary.ms,
      latency,
      buildLoadAverage,
      loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
      cpus: os.cpus().length,
    }
    if (options.print) {
      const MB = 1024 * 1024
      console.log(`\nSearch benchmark: ${n} articles (${src.kind} text, body ≈ ${inserted.avgBodyChars} chars) on ${dialect}, ${result.cpus} CPUs, load ${result.loadAverage.join(' ')}`)
      console.log(
        `  full index build: ${(indexed.ms / 1000).toFixed(1)} s (${result.indexedPerSec} articles/s, ${result.workers} analysis workers, ${(indexCpuMs / 1000).toFixed(1)} s CPU of which main thread ${(indexMainCpuMs / 1000).toFixed(1)} s` +
          `${indexDbCpuMs !== undefined ? `, PostgreSQL backends ${(indexDbCpuMs / 1000).toFixed(1)} s CPU` : ''}; load at its end ${buildLoadAverage.join(' ')}), morphology ${result.morphology ? 'on' : 'OFF'}`,
      )
      console.log(`  index size: ${(size.index / MB).toFixed(1)} MB (articles table and the rest: ${(size.data / MB).toFixed(1)} MB)`)
      console.table(
        Object.fromEntries(
          Object.entries(latency).map(([k, v]) => [
            k,
            {
              queries: v.queries,
              'p50 ms': v.p50Ms,
              'p95 ms': v.p95Ms,
              'max ms': v.maxMs,
              'CPU p50 ms': v.cpuP50Ms,
              'CPU p95 ms': v.cpuP95Ms,
              ...(v.dbCpuMs !== undefined ? { 'PG CPU ms/q': v.dbCpuMs } : {}),
              'avg matches': v.avgTotal,
              load: v.load,
            },
          ]),
        ),
      )
    }
    return result
  } finally {
    await dbh.close()
    await dropSchema()
    fs.rmSync(tmp, { recursive: true, force: true })
  }
}

function isMain(): boolean {
  const arg = process.argv[1]
  if (!arg) return false
  try {
    return import.meta.url === pathToFileURL(fs.realpathSync(arg)).href
  } catch {
    return false
  }
}

if (isMain()) {
  const args = process.argv.slice(2)
  const n = Number(args.find((a) => /^\d+$/.test(a)) ?? 100_000)
  const db = args.includes('--db=postgres') ? 'postgres' : 'sqlite'
  const q = args.find((a) => a.startsWith('--queries='))
  const keep = args.find((a) => a.startsWith('--keep='))
  const workers = args.find((a) => a.startsWith('--workers='))
  const result = await benchSearch({
    articles: n,
    db,
    print: true,
    ...(q ? { queries: Number(q.slice(10)) } : {}),
    ...(keep ? { keepDir: keep.slice(7) } : {}),
    ...(workers ? { workers: Number(workers.slice(10)) } : {}),
    reuse: args.includes('--reuse'),
  })
  if (args.includes('--json')) console.log(JSON.stringify(result, null, 2))
}
