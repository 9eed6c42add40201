/**
 * @module
 * The benchmark's dataset: N published articles, built once per N and kept under
 * `bench-output/datasets/<key>/` (git-ignored) so the 100,000-story case is not rebuilt
 * on every run:
 *
 * - `articles.jsonl.gz`: the records, in the import format of `depesza import`;
 * - `depesza.db`: a migrated SQLite database with those records imported through the real
 *   importer (`importJsonl` → `ContentService.create`, 2,000 articles a transaction);
 * - `postgres.dump`: the same imported into PostgreSQL, as a `pg_dump -Fc` archive
 *   (built the first time PostgreSQL is benchmarked);
 * - `manifest.json`: paths the scenarios request and the import figures.
 *
 * Text: the real Polish corpus in `../shared/corpus/*.jsonl.gz` when present (each document
 * repeated with new ids, spread over news sections, dates, tags and authors); otherwise
 * synthetic Polish-like text. Every run copies the cached database into a fresh data
 * directory, so the servers never write into the cache.
 */
import { createHash } from 'node:crypto'
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import readline from 'node:readline'
import { promisify } from 'node:util'
import zlib from 'node:zlib'
import pg from 'pg'
import type { ArticleInput } from '../src/content/article.js'
import { ContentService } from '../src/content/content.service.js'
import { importJsonl } from '../src/content/import/jsonl.js'
import { openDatabase, type DatabaseTarget, type Db } from '../src/platform/db/database.js'
import { migrateToLatest } from '../src/platform/db/migrations.js'
import { PROJECT_ROOT } from '../src/platform/paths.js'
import { slugify } from '../src/polish/slug.js'

const execFileAsync = promisify(execFile)

/** Bump when the generated records or the import change, to rebuild cached datasets. */
const DATASET_VERSION = 1
/** Stories published per day: the archive goes back N / 40 days. */
const STORIES_PER_DAY = 40
/** Bodies shorter than this are extended with the next documents' paragraphs (news length). */
const MIN_BODY_CHARS = 2500
const IMPORT_BATCH = 2000
/** How many article paths the "rotating" scenarios cycle through. */
const ROTATION_PATHS = 2000

export const NEWS_SECTIONS = ['Kraj', 'Świat', 'Gospodarka', 'Kultura', 'Sport', 'Nauka', 'Zdrowie', 'Technologie', 'Opinie', 'Regiony']

const AUTHORS = [
  'Anna Kowalska', 'Piotr Nowak', 'Katarzyna Wiśniewska', 'Tomasz Wójcik', 'Magdalena Kamińska', 'Marcin Lewandowski',
  'Agnieszka Zielińska', 'Paweł Szymański', 'Joanna Woźniak', 'Michał Dąbrowski', 'Ewa Kozłowska', 'Krzysztof Jankowski',
  'Małgorzata Mazur', 'Jakub Kwiatkowski', 'Aleksandra Krawczyk', 'Łukasz Piotrowski', 'Barbara Grabowska', 'Grzegorz Pawłowski',
  'Monika Michalska', 'Rafał Zając', 'Natalia Król', 'Adam Wieczorek', 'Zofia Jabłońska', 'Bartosz Wróbel', 'Dorota Majewska',
  'Mateusz Olszewski', 'Justyna Stępień', 'Wojciech Malinowski', 'Iwona Jaworska', 'Sebastian Adamczyk', 'Beata Dudek',
  'Kamil Górski', 'Elżbieta Nowicka', 'Przemysław Sikora', 'Renata Walczak', 'Dariusz Baran', 'Halina Rutkowska',
  'Jarosław Michalak', 'Urszula Szewczyk', 'Szymon Ostrowski',
]

const TAGS = [
  'wybory', 'Sejm', 'rząd', 'samorząd', 'Unia Europejska', 'NATO', 'inflacja', 'podatki', 'rynek pracy', 'energetyka',
  'klimat', 'pogoda', 'transport', 'kolej', 'edukacja', 'szkoły', 'uczelnie', 'zdrowie', 'szpitale', 'nauka', 'kosmos',
  'sztuczna inteligencja', 'internet', 'bezpieczeństwo', 'sądy', 'policja', 'kultura', 'film', 'muzyka', 'literatura',
  'teatr', 'piłka nożna', 'siatkówka', 'skoki narciarskie', 'lekkoatletyka', 'Warszawa', 'Kraków', 'Wrocław', 'Gdańsk',
  'Poznań', 'Łódź', 'Śląsk', 'Mazowsze', 'Ukraina', 'Niemcy', 'Stany Zjednoczone', 'Chiny', 'rolnictwo', 'mieszkania',
  'emerytury', 'historia', 'religia', 'ekologia', 'turystyka', 'motoryzacja', 'media', 'prawo', 'gospodarka morska',
  'wywiad', 'reportaż',
]

export interface SourceDoc {
  id: string
  title: string
  lead?: string
  body: string
  /** Topic keywords from the corpus sidecar, used as tags. */
  keywords: string[]
}

export interface DatasetRecord {
  id: string
  title: string
  lead?: string
  body: string
  date: string
  section: string
  author: string
  /** Not part of the import format (the importer ignores unknown fields); the benchmark adds them. */
  tags: string[]
}

export interface ImportFigures {
  database: 'sqlite' | 'postgres'
  /** How the database was filled: through the importer, or restored from the cached dump. */
  method: 'import' | 'pg_restore'
  ms: number
  articlesPerSec: number | null
  bytes: number | null
  builtAt: string
}

export interface DatasetManifest {
  version: number
  key: string
  articles: number
  source: 'corpus' | 'synthetic'
  corpusDocuments: number
  corpusFiles: string[]
  generateMs: number
  imports: Partial<Record<'sqlite' | 'postgres', ImportFigures>>
  /** The article of the single-page scenarios: a recent story of median body length. */
  article: { path: string; headline: string; bodyChars: number }
  /** Article paths spread over the whole archive, for the rotating scenarios. */
  rotation: string[]
  sectionPath: string
  tagPath: string
  authorPath: string
  /** Median body length of all records, characters. */
  medianBodyChars: number
  /** The search index built into the cached database / dump (`depesza reindex`), when the CLI has it. */
  search?: Partial<Record<'sqlite' | 'postgres', { fingerprint: string; ms: number; builtAt: string }>>
}

export interface Dataset {
  dir: string
  manifest: DatasetManifest
  jsonlFile: string
  sqliteFile: string
  postgresDump: string
  /** True when the SQLite database was reused from an earlier run. */
  cached: boolean
}

type Log = (line: string) => void

// -- deterministic helpers ---------------------------------------------------------------

function hash32(text: string): number {
  // FNV-1a: stable across runs and platforms.
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

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

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10)
}

// -- sources -------------------------------------------------------------------------------

async function readJsonlGz(file: string): Promise<Record<string, unknown>[]> {
  const rl = readline.createInterface({ input: fs.createReadStream(file).pipe(zlib.createGunzip()), crlfDelay: Infinity })
  const out: Record<string, unknown>[] = []
  for await (const line of rl) {
    if (line.trim() === '') continue
    try {
      const value = JSON.parse(line) as unknown
      if (value && typeof value === 'object' && !Array.isArray(value)) out.push(value as Record<string, unknown>)
    } catch {
      // A broken line in the corpus is skipped: the benchmark needs text, not validation.
    }
  }
  return out
}

/** Articles of the corpus (files with `title` and `body`); the metadata sidecar gives keywords. */
export async function loadCorpus(corpusDir: string): Promise<{ docs: SourceDoc[]; files: string[] }> {
  if (!fs.existsSync(corpusDir)) return { docs: [], files: [] }
  const files = fs
    .readdirSync(corpusDir)
    .filter((f) => f.endsWith('.jsonl.gz'))
    .sort()
  const keywords = new Map<string, string[]>()
  const docs: SourceDoc[] = []
  const used: string[] = []
  for (const file of files) {
    const rows = await readJsonlGz(path.join(corpusDir, file))
    let articles = 0
    for (const r of rows) {
      if (typeof r.id !== 'string') continue
      if (typeof r.keywords === 'string' && r.keywords.trim()) {
        keywords.set(
          r.id,
          r.keywords
            .split(',')
            .map((k) => k.trim())
            .filter((k) => k.length >= 3 && k.length <= 40),
        )
      }
      if (typeof r.title !== 'string' || typeof r.body !== 'string' || !r.title.trim() || !r.body.trim()) continue
      docs.push({
        id: r.id,
        title: r.title.trim().slice(0, 300),
        ...(typeof r.lead === 'string' && r.lead.trim() ? { lead: r.lead.trim().slice(0, 2000) } : {}),
        body: r.body,
        keywords: [],
      })
      articles++
    }
    if (articles > 0) used.push(file)
  }
  for (const d of docs) d.keywords = keywords.get(d.id) ?? []
  return { docs, files: used }
}

// Synthetic fallback: Polish-looking sentences from a small vocabulary.
const SYN_WORDS = (
  'rząd sejm minister prezydent miasto gmina województwo projekt ustawa budżet podatek wybory kampania partia koalicja ' +
  'opozycja posłowie senat komisja raport badanie naukowcy uczelnia szkoła uczniowie nauczyciele szpital lekarze pacjenci ' +
  'kolej pociąg autobus droga most remont inwestycja firma pracownicy zarobki ceny inflacja bank kredyt mieszkanie rynek ' +
  'energia węgiel wiatr słońce klimat pogoda deszcz śnieg zima lato wiosna jesień koncert festiwal teatr film książka ' +
  'wystawa muzeum mecz drużyna trener bramka zawodnicy reprezentacja turniej mistrzostwa policja prokuratura sąd wyrok ' +
  'mieszkańcy radni burmistrz prezes spółka decyzja porozumienie rozmowy spotkanie konferencja dokument wniosek ' +
  'we wtorek w środę w czwartek w piątek w sobotę w niedzielę w poniedziałek w tym roku w ubiegłym tygodniu ' +
  'zapowiedział poinformował podkreślił przyznał ocenił zdecydował przedstawił zaproponował zwrócił uwagę dodał ' +
  'nowy ważny duży mały pierwszy ostatni polski europejski lokalny publiczny społeczny gospodarczy kulturalny'
).split(' ')

function syntheticDocs(count: number): SourceDoc[] {
  const rand = mulberry32(20261127)
  const word = () => SYN_WORDS[Math.floor(rand() * SYN_WORDS.length)]!
  const sentence = (min: number, max: number) => {
    const n = min + Math.floor(rand() * (max - min + 1))
    const words = Array.from({ length: n }, word)
    const s = words.join(' ')
    return s.charAt(0).toLocaleUpperCase('pl') + s.slice(1) + (rand() < 0.1 ? ' – ' + word() + ' ' + word() : '') + '.'
  }
  const paragraph = () => Array.from({ length: 3 + Math.floor(rand() * 4) }, () => sentence(6, 18)).join(' ')
  return Array.from({ length: count }, (_, i) => {
    const title = sentence(5, 10).slice(0, -1)
    return {
      id: `syn-${String(i).padStart(6, '0')}`,
      title,
      lead: sentence(12, 24),
      body: Array.from({ length: 5 + Math.floor(rand() * 6) }, paragraph).join('\n\n'),
      keywords: [],
    }
  })
}

// -- records -------------------------------------------------------------------------------

/**
 * Record `i`: document `i mod D` (copy `floor(i / D)`), with a new id, a section, a day
 * (newest first, 40 a day from yesterday back), an author and 2–3 tags. Short bodies get the
 * next documents' paragraphs appended, so pages have news-length bodies.
 */
export function makeRecord(docs: SourceDoc[], i: number, yesterday: Date): DatasetRecord {
  const d = docs.length
  const doc = docs[i % d]!
  const copy = Math.floor(i / d)
  const id = `${doc.id}-b${copy}`
  const h = hash32(id)
  let body = doc.body
  for (let j = 1; body.length < MIN_BODY_CHARS && j < d; j++) body += '\n\n' + docs[(i + j) % d]!.body
  const day = new Date(yesterday.getTime() - Math.floor(i / STORIES_PER_DAY) * 86_400_000)
  const tags = new Set<string>(doc.keywords.slice(0, 2))
  tags.add(TAGS[h % TAGS.length]!)
  if (tags.size < 3) tags.add(TAGS[(h >>> 8) % TAGS.length]!)
  return {
    id,
    title: doc.title,
    ...(doc.lead ? { lead: doc.lead } : {}),
    body,
    date: isoDay(day),
    section: NEWS_SECTIONS[(h >>> 4) % NEWS_SECTIONS.length]!,
    author: AUTHORS[(h >>> 12) % AUTHORS.length]!,
    tags: [...tags],
  }
}

/** The benchmark's `tags` field of every record in the JSONL file, by id. */
async function readTags(jsonlFile: string): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>()
  for (const r of await readJsonlGz(jsonlFile)) {
    if (typeof r.id === 'string' && Array.isArray(r.tags)) out.set(r.id, r.tags.filter((t): t is string => typeof t === 'string'))
  }
  return out
}

// -- the search index ---------------------------------------------------------------------------

/** Where the servers and `depesza reindex` find the Morfologik dictionary (extracted once). */
export function dictionaryDir(outputDir: string): string {
  return path.join(outputDir, 'dictionary')
}

/**
 * A fingerprint of what the search index is built from (the search and analyzer code, the
 * dictionary), or null when this version of Depesza has no `reindex` command. A cached
 * database with another fingerprint is reindexed before it is used, so no server spends the
 * benchmark rebuilding its index in the background.
 */
export function searchFingerprint(root: string, outputDir: string): string | null {
  if (!fs.existsSync(path.join(root, 'src', 'cli', 'commands', 'reindex.ts'))) return null
  const h = createHash('sha1')
  const add = (file: string) => {
    if (fs.existsSync(file) && fs.statSync(file).isFile()) h.update(file).update(fs.readFileSync(file))
  }
  // What the server's own check compares (the analyzer's signature and the index's shape):
  // the analyzer and the indexed fields. Other search code may change freely; a server that
  // still finds its index stale says so in its log, and the report lists it.
  for (const f of ['analyzer.ts', 'stopwords.ts', 'tokenizer.ts']) add(path.join(root, 'src', 'polish', f))
  for (const f of ['index-document.ts', 'store.ts']) add(path.join(root, 'src', 'search', f))
  for (const f of ['polish.dict', 'polish.info']) {
    const file = path.join(dictionaryDir(outputDir), f)
    h.update(`${f}:${fs.existsSync(file) ? fs.statSync(file).size : 'missing'}`)
  }
  return h.digest('hex').slice(0, 12)
}

/** Runs `depesza reindex` against a database as a child process; returns the time it took. */
async function reindex(root: string, outputDir: string, databaseUrl: string, log: Log): Promise<number> {
  const t0 = performance.now()
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, DEPESZA_DICTIONARY_DIR: dictionaryDir(outputDir), DEPESZA_DATA_DIR: path.join(outputDir, 'tmp') }
  delete env.NODE_OPTIONS
  const { stdout } = await execFileAsync(process.execPath, [path.join(root, 'bin', 'depesza.js'), 'reindex'], { env, cwd: root, maxBuffer: 64 << 20 })
  const ms = Math.round(performance.now() - t0)
  log(`  search index: ${stdout.trim().split('\n').pop() ?? ''} (${(ms / 1000).toFixed(1)} s with the process start)`)
  return ms
}

/** Brings the search index of a cached database up to date (see `searchFingerprint`). */
async function ensureSearchIndex(
  dataset: { dir: string; manifest: DatasetManifest },
  db: 'sqlite' | 'postgres',
  databaseUrl: string,
  log: Log,
): Promise<boolean> {
  const root = projectRoot()
  const outputDir = path.resolve(dataset.dir, '..', '..')
  const fingerprint = searchFingerprint(root, outputDir)
  if (fingerprint === null || dataset.manifest.search?.[db]?.fingerprint === fingerprint) return false
  const ms = await reindex(root, outputDir, databaseUrl, log)
  dataset.manifest.search = { ...dataset.manifest.search, [db]: { fingerprint, ms, builtAt: new Date().toISOString() } }
  writeManifest(dataset.dir, dataset.manifest)
  return true
}

// -- building --------------------------------------------------------------------------------

/** The same from the sources and from the server bundle (`depesza bench` runs from either). */
export function projectRoot(): string {
  return PROJECT_ROOT
}

function datasetKey(articles: number, source: 'corpus' | 'synthetic', corpusDir: string, files: string[]): string {
  const h = createHash('sha1').update(`v${DATASET_VERSION}`)
  for (const f of files) h.update(`${f}:${fs.statSync(path.join(corpusDir, f)).size}`)
  return `${source}-${articles}-${h.digest('hex').slice(0, 8)}`
}

/** Slugs for repeated headlines, decided in memory (the database is fresh and ours alone). */
class SlugAllocator {
  private readonly next = new Map<string, number>()
  take(headline: string): string {
    const base = slugify(headline, 72)
    const n = this.next.get(base) ?? 1
    this.next.set(base, n + 1)
    return n === 1 ? base : `${base}-${n}`
  }
}

interface ImportRun {
  ms: number
  imported: number
  bad: number
  paths: Map<string, string>
}

/** Imports the JSONL through the real importer; tags and slugs are added on the way. */
async function importInto(target: DatabaseTarget, jsonlFile: string, log: Log): Promise<ImportRun> {
  const tagsById = await readTags(jsonlFile)
  const dbh = openDatabase(target)
  try {
    await migrateToLatest(dbh)
    const service = new ContentService(dbh.db)
    const slugs = new SlugAllocator()
    // The importer's JSONL format has no tags; the benchmark adds them to exercise tag pages.
    const content = {
      create: (input: ArticleInput, trx?: Parameters<ContentService['create']>[1]) =>
        service.create({ ...input, slug: slugs.take(input.headline), tags: tagsById.get(input.externalId ?? '') ?? [] }, trx),
      announce: async () => {},
    }
    let lastLog = 0
    const result = await importJsonl({
      db: dbh.db,
      content,
      file: jsonlFile,
      batchSize: IMPORT_BATCH,
      onProgress: (p) => {
        if (p.elapsedMs - lastLog < 5000) return
        lastLog = p.elapsedMs
        log(`  … ${p.imported} imported (${Math.round((p.imported * 1000) / p.elapsedMs)}/s)`)
      },
    })
    if (result.bad.length > 0) log(`  ${result.bad.length} records not imported, e.g. line ${result.bad[0]!.line}: ${result.bad[0]!.reason}`)
    return { ms: result.elapsedMs, imported: result.imported, bad: result.bad.length, paths: result.paths }
  } finally {
    await dbh.close()
  }
}

async function pickListPaths(db: Db): Promise<{ sectionPath: string; tagPath: string; authorPath: string }> {
  const section = await db
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .select(['sections.slug', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('sections.slug')
    .orderBy('n', 'desc')
    .executeTakeFirstOrThrow()
  const tag = await db
    .selectFrom('article_tags')
    .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
    .select(['tags.slug', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('tags.slug')
    .orderBy('n', 'desc')
    .executeTakeFirstOrThrow()
  const author = await db.selectFrom('authors').select('slug').orderBy('id').executeTakeFirstOrThrow()
  return { sectionPath: `/${section.slug}`, tagPath: `/tag/${tag.slug}`, authorPath: `/autor/${author.slug}` }
}

function fileSize(file: string): number | null {
  try {
    return fs.statSync(file).size
  } catch {
    return null
  }
}

function writeManifest(dir: string, manifest: DatasetManifest): void {
  const tmp = path.join(dir, `manifest.json.${process.pid}.tmp`)
  fs.writeFileSync(tmp, JSON.stringify(manifest, null, 2) + '\n')
  fs.renameSync(tmp, path.join(dir, 'manifest.json'))
}

export interface PrepareOptions {
  articles: number
  outputDir: string
  corpusDir: string
  rebuild?: boolean
  log: Log
}

/** Finds the cached dataset for N or builds it (records, then the SQLite import). */
export async function prepareDataset(options: PrepareOptions): Promise<Dataset> {
  const { articles, log } = options
  const corpus = await loadCorpus(options.corpusDir)
  const source = corpus.docs.length > 0 ? 'corpus' : 'synthetic'
  const key = datasetKey(articles, source, options.corpusDir, corpus.files)
  const dir = path.join(options.outputDir, 'datasets', key)
  const files = {
    jsonlFile: path.join(dir, 'articles.jsonl.gz'),
    sqliteFile: path.join(dir, 'depesza.db'),
    postgresDump: path.join(dir, 'postgres.dump'),
  }
  const manifestFile = path.join(dir, 'manifest.json')
  if (!options.rebuild && fs.existsSync(manifestFile) && fs.existsSync(files.sqliteFile)) {
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as DatasetManifest
    if (manifest.version === DATASET_VERSION && manifest.articles === articles) {
      // The schema may have moved on since the dataset was built: migrate the cached copy
      // here, so no server start pays for it. Migrations that no longer fit (renamed or
      // removed since) mean the cached database is rebuilt.
      const dbh = openDatabase({ kind: 'sqlite', file: files.sqliteFile })
      let usable = true
      try {
        const applied = await migrateToLatest(dbh)
        if (applied.length) log(`  migrated the cached dataset: ${applied.join(', ')}`)
      } catch (err) {
        usable = false
        log(`  the cached dataset no longer fits the migrations (${(err as Error).message.split('\n')[0]}); rebuilding it`)
      } finally {
        await dbh.close()
      }
      if (usable) {
        await ensureSearchIndex({ dir, manifest }, 'sqlite', `sqlite:${files.sqliteFile}`, log)
        return { dir, manifest, ...files, cached: true }
      }
    }
  }

  fs.rmSync(dir, { recursive: true, force: true })
  fs.mkdirSync(dir, { recursive: true })
  const docs = source === 'corpus' ? corpus.docs : syntheticDocs(1000)
  log(
    source === 'corpus'
      ? `Dataset: ${articles.toLocaleString('en-US')} articles from ${docs.length} corpus documents (${corpus.files.join(', ')}), repeated with new ids`
      : `Dataset: ${articles.toLocaleString('en-US')} synthetic articles (no corpus at ${options.corpusDir})`,
  )

  // 1. Records → articles.jsonl.gz
  const t0 = performance.now()
  const yesterday = new Date(Date.now() - 86_400_000)
  const bodyLengths: number[] = []
  const gz = zlib.createGzip({ level: 1 })
  const out = fs.createWriteStream(files.jsonlFile)
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve)
    out.on('error', reject)
    gz.on('error', reject)
  })
  gz.pipe(out)
  const recent: { id: string; title: string; bodyChars: number }[] = []
  for (let i = 0; i < articles; i++) {
    const record = makeRecord(docs, i, yesterday)
    bodyLengths.push(record.body.length)
    if (i < 400) recent.push({ id: record.id, title: record.title, bodyChars: record.body.length })
    if (!gz.write(JSON.stringify(record) + '\n')) await new Promise((r) => gz.once('drain', r))
  }
  gz.end()
  await done
  const generateMs = performance.now() - t0
  bodyLengths.sort((a, b) => a - b)
  const medianBodyChars = bodyLengths[bodyLengths.length >> 1] ?? 0

  // 2. SQLite import through the real importer
  log(`  importing into SQLite (${IMPORT_BATCH} articles a transaction) …`)
  const run = await importInto({ kind: 'sqlite', file: files.sqliteFile }, files.jsonlFile, log)
  log(`  imported ${run.imported} articles in ${(run.ms / 1000).toFixed(1)} s (${Math.round((run.imported * 1000) / run.ms)}/s)`)
  if (run.imported === 0) throw new Error('the import produced no articles')

  // The single-page scenarios use a recent story of typical length (news with a real lead).
  const candidates = recent.filter((r) => run.paths.has(r.id)).sort((a, b) => a.bodyChars - b.bodyChars)
  const pick = candidates.find((r) => r.bodyChars >= medianBodyChars) ?? candidates[candidates.length >> 1]!
  const allPaths = [...run.paths.values()]
  const stride = Math.max(1, Math.floor(allPaths.length / ROTATION_PATHS))
  const rotation = allPaths.filter((_, i) => i % stride === 0).slice(0, ROTATION_PATHS)

  const dbh = openDatabase({ kind: 'sqlite', file: files.sqliteFile })
  let lists: Awaited<ReturnType<typeof pickListPaths>>
  try {
    lists = await pickListPaths(dbh.db)
  } finally {
    await dbh.close()
  }
  const manifest: DatasetManifest = {
    version: DATASET_VERSION,
    key,
    articles,
    source,
    corpusDocuments: source === 'corpus' ? docs.length : 0,
    corpusFiles: corpus.files,
    generateMs: Math.round(generateMs),
    imports: {
      sqlite: {
        database: 'sqlite',
        method: 'import',
        ms: Math.round(run.ms),
        articlesPerSec: Math.round((run.imported * 1000) / run.ms),
        bytes: fileSize(files.sqliteFile),
        builtAt: new Date().toISOString(),
      },
    },
    article: { path: run.paths.get(pick.id)!, headline: pick.title, bodyChars: pick.bodyChars },
    rotation,
    ...lists,
    medianBodyChars,
  }
  writeManifest(dir, manifest)
  await ensureSearchIndex({ dir, manifest }, 'sqlite', `sqlite:${files.sqliteFile}`, log)
  return { dir, manifest, ...files, cached: false }
}

/** A fresh data directory for one server run, with a copy of the cached SQLite database. */
export function freshSqliteDataDir(dataset: Dataset, tmpRoot: string, name: string): string {
  const dataDir = fs.mkdtempSync(path.join(tmpRoot, `${name}-`))
  fs.copyFileSync(dataset.sqliteFile, path.join(dataDir, 'depesza.db'))
  for (const suffix of ['-wal', '-shm']) {
    if (fs.existsSync(dataset.sqliteFile + suffix)) fs.copyFileSync(dataset.sqliteFile + suffix, path.join(dataDir, 'depesza.db' + suffix))
  }
  return dataDir
}

// -- PostgreSQL -----------------------------------------------------------------------------

export const BENCH_DATABASE = 'depesza_bench'

/** `postgres://user@host:port/test` → the same server, database `name`. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url)
  u.pathname = `/${name}`
  return u.toString()
}

async function adminQuery(adminUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    await client.query(text)
  } finally {
    await client.end()
  }
}

export async function dropBenchDatabase(adminUrl: string): Promise<void> {
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${BENCH_DATABASE} WITH (FORCE)`)
}

/**
 * Creates a fresh database `depesza_bench` on the server of `adminUrl` and fills it: from the
 * cached `pg_dump` archive when there is one, else through the importer (then dumps it for
 * next time). Returns its URL; drop it with `dropBenchDatabase`.
 */
export async function preparePostgres(dataset: Dataset, adminUrl: string, log: Log): Promise<{ url: string; figures: ImportFigures }> {
  const url = withDatabase(adminUrl, BENCH_DATABASE)
  await dropBenchDatabase(adminUrl)
  await adminQuery(adminUrl, `CREATE DATABASE ${BENCH_DATABASE}`)
  let figures: ImportFigures | null = null
  if (fs.existsSync(dataset.postgresDump)) {
    try {
      figures = await restorePostgres(dataset, url, log)
    } catch (err) {
      // A dump from an older schema (migrations renamed or removed since): import again.
      log(`  the cached dump no longer fits (${(err as Error).message.split('\n')[0]}); importing again`)
      fs.rmSync(dataset.postgresDump, { force: true })
      await dropBenchDatabase(adminUrl)
      await adminQuery(adminUrl, `CREATE DATABASE ${BENCH_DATABASE}`)
    }
  }
  if (!figures) {
    log(`  importing into PostgreSQL (${IMPORT_BATCH} articles a transaction) …`)
    const run = await importInto({ kind: 'postgres', url }, dataset.jsonlFile, log)
    figures = {
      database: 'postgres',
      method: 'import',
      ms: Math.round(run.ms),
      articlesPerSec: Math.round((run.imported * 1000) / run.ms),
      bytes: null,
      builtAt: new Date().toISOString(),
    }
    log(`  imported ${run.imported} articles in ${(run.ms / 1000).toFixed(1)} s (${figures.articlesPerSec}/s)`)
    if (dataset.manifest.search) delete dataset.manifest.search.postgres
    await ensureSearchIndex(dataset, 'postgres', url, log)
    await execFileAsync('pg_dump', ['-Fc', '-Z', '1', '-f', dataset.postgresDump, url], { maxBuffer: 16 << 20 })
    figures.bytes = fileSize(dataset.postgresDump)
    dataset.manifest.imports.postgres = figures
    writeManifest(dataset.dir, dataset.manifest)
  }
  // Fresh statistics either way (pg_restore does not carry them).
  await adminQuery(url, 'ANALYZE')
  return { url, figures }
}

async function restorePostgres(dataset: Dataset, url: string, log: Log): Promise<ImportFigures> {
  const t0 = performance.now()
  {
    await execFileAsync('pg_restore', ['--no-owner', '--no-privileges', '--jobs=2', '-d', url, dataset.postgresDump], { maxBuffer: 16 << 20 })
    const figures: ImportFigures = {
      database: 'postgres',
      method: 'pg_restore',
      ms: Math.round(performance.now() - t0),
      articlesPerSec: null,
      bytes: fileSize(dataset.postgresDump),
      builtAt: new Date().toISOString(),
    }
    log(`  restored ${BENCH_DATABASE} from the cached dump in ${(figures.ms / 1000).toFixed(1)} s`)
    const dbh = openDatabase({ kind: 'postgres', url })
    let migrated = false
    try {
      const applied = await migrateToLatest(dbh)
      if (applied.length) log(`  migrated: ${applied.join(', ')}`)
      migrated = applied.length > 0
    } finally {
      await dbh.close()
    }
    const reindexed = await ensureSearchIndex(dataset, 'postgres', url, log)
    if (migrated || reindexed) await execFileAsync('pg_dump', ['-Fc', '-Z', '1', '-f', dataset.postgresDump, url], { maxBuffer: 16 << 20 })
    // pg_restore leaves no planner statistics: without them PostgreSQL guesses one row per
    // table and walks whole indexes (a tag list took 15–40 ms instead of 0.3 ms).
    await adminQuery(url, 'ANALYZE')
    return figures
  }
}
