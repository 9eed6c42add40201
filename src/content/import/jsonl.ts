/**
 * @module
 * Bulk import of articles from JSON Lines (optionally gzipped): one record a line,
 * `{id, title, lead?, body, date?, section, author?}`, body paragraphs separated by blank
 * lines (the format of the project's Polish corpus, see docs).
 *
 * The file is streamed, never loaded whole. Every line is validated; a bad line is reported
 * with its number and reason and skipped. Good records are written in transactions of
 * `batchSize` articles; when a batch fails, it is rolled back and retried one article per
 * transaction, so the good records still land, the bad one is reported, and no article is
 * ever half-written.
 *
 * Re-importing is safe: a record whose `id` is already some article's `externalId` is
 * skipped, never overwritten (the newsroom may have edited the story since).
 */
import fs from 'node:fs'
import path from 'node:path'
import readline from 'node:readline'
import zlib from 'node:zlib'
import { z } from 'zod'
import type { Db } from '../../platform/db/database.js'
import { nowIso } from '../../platform/db/database.js'
import { isoWithOffset } from '../../polish/dates.js'
import { slugify, uniqueSlug } from '../../polish/slug.js'
import { RESERVED_SLUGS } from '../../site/routes.js'
import { articlePath, type ArticleInput } from '../article.js'
import type { ContentChange, ContentService } from '../content.service.js'
import { paragraphsToDocument } from '../document.js'

export const DEFAULT_BATCH_SIZE = 500
export const MAX_BATCH_SIZE = 10_000
/** Longer lines are refused before parsing (about 2 MB of text). */
export const MAX_LINE_CHARS = 2_000_000
const MAX_BODY_CHARS = 1_000_000
const MAX_PARAGRAPH_CHARS = 100_000
const MAX_PARAGRAPHS = 5000
const PUBLICATION_TIME_ZONE = 'Europe/Warsaw'

function requiredString(field: string) {
  return z.string({ error: (iss) => (iss.input === undefined || iss.input === null ? `${field} is missing` : `${field} must be a string`) })
}

/** Absent, null and "" all mean "not given" for optional fields. */
function optionalString(field: string, max: number) {
  return z.preprocess(
    (v) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v),
    z.string({ error: `${field} must be a string` }).trim().max(max, `${field} is too long (over ${max} characters)`).optional(),
  )
}

function isCalendarDate(s: string): boolean {
  const [y, m, d] = s.split('-').map(Number) as [number, number, number]
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}

/** One line of the file. Unknown fields (e.g. `source_url`) are ignored. */
export const JsonlRecordSchema = z.object({
  id: requiredString('id').trim().min(1, 'id is empty').max(200, 'id is too long (over 200 characters)'),
  title: requiredString('title').trim().min(1, 'title is empty').max(300, 'title is too long (over 300 characters)'),
  lead: optionalString('lead', 2000),
  body: requiredString('body')
    .max(MAX_BODY_CHARS, `body is too long (over ${MAX_BODY_CHARS} characters)`)
    .refine((b) => b.split(/\n\s*\n/).every((p) => p.length <= MAX_PARAGRAPH_CHARS), `a body paragraph is over ${MAX_PARAGRAPH_CHARS} characters`)
    .refine((b) => b.split(/\n\s*\n/).length <= MAX_PARAGRAPHS, `body has over ${MAX_PARAGRAPHS} paragraphs`),
  date: optionalString('date', 10).refine(
    (d) => d === undefined || (/^\d{4}-\d{2}-\d{2}$/.test(d) && isCalendarDate(d)),
    'date must be a calendar date YYYY-MM-DD',
  ),
  section: requiredString('section').trim().min(1, 'section is empty').max(100, 'section is too long (over 100 characters)'),
  author: optionalString('author', 200),
})
export type JsonlRecord = z.output<typeof JsonlRecordSchema>

export interface BadLine {
  line: number
  /** The record's id when the line got that far. */
  id?: string
  reason: string
}

export interface ImportProgress {
  /** Lines read so far (blank lines included). */
  lines: number
  imported: number
  skippedExisting: number
  bad: number
  /** Bytes of the (possibly compressed) file read so far, and its size. */
  bytesRead: number
  totalBytes: number
  elapsedMs: number
}

export interface ImportOptions {
  readonly db: Db
  /** Writes the articles (`create` inside the batch transaction) and tells its listeners after each commit (`announce`). */
  readonly content: Pick<ContentService, 'create' | 'announce'>
  /** A `.jsonl` file, or a gzipped one (`.gz`). */
  readonly file: string
  /** Articles per transaction (default 500). */
  readonly batchSize?: number
  /** When set, writes `{ "<id>": "<absolute URL>" }` of every imported (or already present) story there. */
  readonly mapFile?: string
  /** The site's public origin for the map's URLs, e.g. https://depesza.pl */
  readonly publicUrl?: string
  readonly now?: () => Date
  /** Called after every batch. */
  readonly onProgress?: (progress: ImportProgress) => void
  /** Drops cached pages built from these keys (AppDeps.invalidate); called with "site" when sections were added. */
  readonly invalidate?: (keys: readonly string[]) => Promise<void>
}

export interface ImportResult {
  lines: number
  imported: number
  skippedExisting: number
  bad: BadLine[]
  /** Site path of every imported or already present story, by record id, in file order. */
  paths: Map<string, string>
  /** Set when the file could not be read to its end (e.g. a truncated .gz); what was read is imported. */
  readError?: string
  elapsedMs: number
}

/** Readable names of the KPWr corpus genres; other sections get their name capitalised. */
export const KNOWN_SECTION_NAMES: Readonly<Record<string, string>> = {
  wikinews: 'Wikinews',
  kap: 'Kultura i społeczeństwo',
  dap: 'Wiadomości i publicystyka',
  wikipedia: 'Wikipedia',
  blogi: 'Blogi',
  ustawy: 'Ustawy',
  proza_dawna: 'Proza dawna',
  proza_wspolczesna: 'Proza współczesna',
  stenogramy: 'Stenogramy',
  popularno_naukowe_i_podręczniki: 'Popularnonaukowe i podręczniki',
  religijne: 'Teksty religijne',
  techniczne: 'Teksty techniczne',
  urzędowe: 'Teksty urzędowe',
  dialog: 'Dialogi',
}

export function sectionDisplayName(section: string): string {
  const known = KNOWN_SECTION_NAMES[section] ?? KNOWN_SECTION_NAMES[section.toLowerCase()]
  if (known) return known
  const words = section.replace(/[_-]+/g, ' ').replace(/\s+/g, ' ').trim()
  return words.charAt(0).toLocaleUpperCase('pl') + words.slice(1)
}

/** `YYYY-MM-DD` at 12:00 in Warsaw, as ISO-8601 with its offset (+01:00 or +02:00). */
export function noonInWarsaw(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  // Noon UTC is on the same side of any DST switch (made at night) as noon in Warsaw.
  const offset = isoWithOffset(new Date(Date.UTC(y, m - 1, d, 12)), PUBLICATION_TIME_ZONE).slice(-6)
  return `${date}T12:00:00${offset}`
}

/** Parses and validates one line; returns the record or the reason it is bad. */
export function parseLine(text: string): { record: JsonlRecord } | { reason: string; id?: string } {
  if (text.length > MAX_LINE_CHARS) return { reason: `line is too long (${text.length} characters, at most ${MAX_LINE_CHARS})` }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (err) {
    return { reason: `invalid JSON (${(err as Error).message})` }
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { reason: 'not a JSON object' }
  const parsed = JsonlRecordSchema.safeParse(json)
  if (!parsed.success) {
    const rawId = (json as { id?: unknown }).id
    const reason = parsed.error.issues.map((i) => i.message).join('; ')
    return typeof rawId === 'string' && rawId.trim() ? { reason, id: rawId.trim() } : { reason }
  }
  if (parsed.data.body.trim() === '' && !parsed.data.lead) return { reason: 'body is empty', id: parsed.data.id }
  return { record: parsed.data }
}

function describeError(err: unknown): string {
  if (err instanceof z.ZodError) return err.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ')
  const message = err instanceof Error ? err.message : String(err)
  return message.split('\n')[0]!.slice(0, 500)
}

interface Pending {
  line: number
  record: JsonlRecord
}

/** Finds or creates sections and authors named by records; remembers them for the run. */
class Taxonomy {
  private readonly sections = new Map<string, string>()
  /** Whether this run added a section (the site's navigation lists them). */
  sectionsAdded = false
  private readonly authors = new Map<string, string>()

  constructor(private readonly db: Db) {}

  async sectionSlug(section: string): Promise<string> {
    const cached = this.sections.get(section)
    if (cached) return cached
    // A section must not shadow a site route or a static page ("/kontakt", "/o-nas").
    const slug = await uniqueSlug(slugify(section, 100), async (s) => {
      if (RESERVED_SLUGS.has(s)) return true
      const page = await this.db.selectFrom('articles').select('id').where('kind', '=', 'page').where('slug', '=', s).executeTakeFirst()
      return page !== undefined
    })
    const existing = await this.db.selectFrom('sections').select('id').where('slug', '=', slug).executeTakeFirst()
    if (!existing) {
      const last = await this.db.selectFrom('sections').select((eb) => eb.fn.max('position').as('max')).executeTakeFirst()
      await this.db
        .insertInto('sections')
        .values({ slug, name: sectionDisplayName(section), position: Number(last?.max ?? 0) + 1, created_at: nowIso() })
        .onConflict((oc) => oc.column('slug').doNothing())
        .execute()
      this.sectionsAdded = true
    }
    this.sections.set(section, slug)
    return slug
  }

  async authorSlug(name: string): Promise<string> {
    const cached = this.authors.get(name)
    if (cached) return cached
    const slug = slugify(name)
    await this.db
      .insertInto('authors')
      .values({ slug, name, photo_media_id: null, created_at: nowIso() })
      .onConflict((oc) => oc.column('slug').doNothing())
      .execute()
    this.authors.set(name, slug)
    return slug
  }
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/** Site paths of the articles with these external ids. */
async function pathsByExternalId(db: Db, ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  for (const part of chunks(ids, 1000)) {
    if (part.length === 0) continue
    const rows = await db
      .selectFrom('articles')
      .leftJoin('sections', 'sections.id', 'articles.section_id')
      .select(['articles.external_id', 'articles.kind', 'articles.slug', 'sections.slug as section_slug'])
      .where('articles.external_id', 'in', part)
      .execute()
    for (const r of rows) {
      out.set(r.external_id!, articlePath({ kind: r.kind, slug: r.slug, section: r.section_slug ? { slug: r.section_slug } : null }))
    }
  }
  return out
}

function openLines(file: string): { lines: AsyncIterable<string>; bytesRead: () => number; close: () => void } {
  const raw = fs.createReadStream(file)
  const input = file.toLowerCase().endsWith('.gz') ? raw.pipe(zlib.createGunzip()) : raw
  // A read error of the file must reach the gunzip stream (pipe() does not forward it).
  if (input !== raw) raw.on('error', (err) => input.destroy(err))
  const rl = readline.createInterface({ input, crlfDelay: Infinity })
  return {
    lines: rl,
    bytesRead: () => raw.bytesRead,
    close: () => {
      rl.close()
      raw.destroy()
      if (input !== raw) input.destroy()
    },
  }
}

async function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`
  await fs.promises.writeFile(tmp, JSON.stringify(value, null, 2) + '\n')
  await fs.promises.rename(tmp, file)
}

/** Imports a JSONL(.gz) file; see the module comment for the guarantees. */
export async function importJsonl(options: ImportOptions): Promise<ImportResult> {
  const { db, content } = options
  const batchSize = Math.min(MAX_BATCH_SIZE, Math.max(1, Math.floor(options.batchSize ?? DEFAULT_BATCH_SIZE)))
  const now = options.now ?? (() => new Date())
  const started = performance.now()
  const importTime = now().toISOString()
  const totalBytes = (await fs.promises.stat(options.file)).size
  const taxonomy = new Taxonomy(db)

  const result: ImportResult = { lines: 0, imported: 0, skippedExisting: 0, bad: [], paths: new Map(), elapsedMs: 0 }
  const firstLineOf = new Map<string, number>()
  const source = openLines(options.file)
  let batch: Pending[] = []

  const toInput = async (p: Pending): Promise<ArticleInput> => {
    const r = p.record
    const paragraphs = r.body.split(/\n\s*\n/)
    return {
      kind: 'article',
      externalId: r.id,
      headline: r.title,
      lede: r.lead ?? '',
      sectionSlug: await taxonomy.sectionSlug(r.section),
      authorSlugs: r.author ? [await taxonomy.authorSlug(r.author)] : [],
      body: paragraphsToDocument(paragraphs),
      status: 'published',
      publishedAt: r.date ? noonInWarsaw(r.date) : importTime,
    }
  }

  const flush = async () => {
    const pending = batch
    batch = []
    if (pending.length === 0) return
    const ids = pending.map((p) => p.record.id)
    const present = await pathsByExternalId(db, ids)
    const fresh = pending.filter((p) => !present.has(p.record.id))
    result.skippedExisting += pending.length - fresh.length
    // Sections and authors are committed on their own: they are shared and idempotent.
    const inputs: { pending: Pending; input: ArticleInput }[] = []
    for (const p of fresh) inputs.push({ pending: p, input: await toInput(p) })
    const created = (id: number): ContentChange => ({ articleId: id, kind: 'article', action: 'create' })
    try {
      const ids = await db.transaction().execute(async (trx) => {
        const out: number[] = []
        for (const { input } of inputs) out.push(await content.create(input, trx))
        return out
      })
      result.imported += ids.length
      await content.announce(ids.map(created))
    } catch {
      // Something in the batch failed and it all rolled back: one transaction per article.
      for (const { pending: p, input } of inputs) {
        let id: number
        try {
          id = await db.transaction().execute((trx) => content.create(input, trx))
        } catch (err) {
          result.bad.push({ line: p.line, id: p.record.id, reason: `not imported: ${describeError(err)}` })
          continue
        }
        result.imported++
        await content.announce([created(id)])
      }
    }
    const landed = await pathsByExternalId(db, fresh.map((p) => p.record.id))
    for (const id of ids) {
      const p = present.get(id) ?? landed.get(id)
      if (p !== undefined) result.paths.set(id, p)
    }
    options.onProgress?.({
      lines: result.lines,
      imported: result.imported,
      skippedExisting: result.skippedExisting,
      bad: result.bad.length,
      bytesRead: source.bytesRead(),
      totalBytes,
      elapsedMs: performance.now() - started,
    })
  }

  try {
    for await (const text of source.lines) {
      const line = ++result.lines
      const clean = line === 1 ? text.replace(/^\uFEFF/, '') : text
      if (clean.trim() === '') continue
      const parsed = parseLine(clean)
      if (!('record' in parsed)) {
        result.bad.push({ line, ...parsed })
        continue
      }
      const { id } = parsed.record
      const first = firstLineOf.get(id)
      if (first !== undefined) {
        result.bad.push({ line, id, reason: `duplicate id "${id}" (first on line ${first})` })
        continue
      }
      firstLineOf.set(id, line)
      batch.push({ line, record: parsed.record })
      if (batch.length >= batchSize) await flush()
    }
  } catch (err) {
    result.readError = `cannot read ${path.basename(options.file)} past line ${result.lines}: ${describeError(err)}`
  } finally {
    source.close()
  }
  await flush()

  if (taxonomy.sectionsAdded) await options.invalidate?.(['site'])
  if (options.mapFile) {
    const origin = (options.publicUrl ?? '').replace(/\/+$/, '')
    const map: Record<string, string> = {}
    for (const [id, p] of result.paths) map[id] = origin + p
    await writeJsonAtomic(options.mapFile, map)
  }
  result.elapsedMs = performance.now() - started
  return result
}
