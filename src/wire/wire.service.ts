/**
 * @module
 * The wire desk ("Serwisy"): sources, intake, duplicates, expiry, and taking an item into
 * the newsroom.
 *
 * Everything that arrives — a polled feed, a NINJS push, a dropped file, a fetched page,
 * pasted text — becomes `IncomingItem`s and goes through `ingest`, which recognises repeats
 * (same source + same id), groups duplicates (same URL, same normalised text, or MinHash
 * similarity ≥ 0.7 — similarity.ts) under the first item, identifies the language and
 * stores the item with its expiry time.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { sql } from 'kysely'
import type { Logger } from 'pino'
import { z } from 'zod'
import { newToken, safeEqual, sha256Hex } from '../accounts/tokens.js'
import { SourceSchema, type Source } from '../content/article.js'
import { DocumentSchema, documentText, type BlockDocument } from '../content/document.js'
import type { Actor, NewsroomService } from '../newsroom/newsroom.service.js'
import type { Db, DbHandle } from '../platform/db/database.js'
import { enqueueJob } from '../platform/jobs/jobs.js'
import type { JobRow } from '../platform/jobs/jobs.table.js'
import { FeedError, parseFeed, type IncomingItem } from './feed.js'
import { extractArticle, parsePastedText } from './html.js'
import { detectLanguage, normalizeLanguageTag } from './language.js'
import { parseNinjs } from './ninjs.js'
import { normalizeAllowedHost, responseText, safeFetch, SafeFetchError, type Resolver } from './safe-fetch.js'
import { bandKeys, decodeSignature, encodeSignature, minhash, normalizeText, similarity, SIMILARITY_THRESHOLD, textHash } from './similarity.js'
import type { AttributionKind, WireItemRow, WireSourceKind, WireSourceRow } from './wire.table.js'

export const POLL_JOB = 'wire-poll'
export const EXPIRE_JOB = 'wire-expire'
/** How often expired items are swept. */
export const EXPIRE_EVERY_MS = 15 * 60 * 1000
/** An expired item's row is kept this long to recognise the same item arriving again. */
export const TOMBSTONE_MS = 30 * 24 * 60 * 60 * 1000
/** The longest a failing source waits between attempts. */
export const MAX_BACKOFF_MS = 24 * 60 * 60 * 1000
export const FEED_MAX_BYTES = 10 * 1024 * 1024
export const PAGE_MAX_BYTES = 5 * 1024 * 1024
export const FILE_MAX_BYTES = 10 * 1024 * 1024
export const FETCH_TIMEOUT_MS = 20_000
export const PAGE_SIZE = 50
/** Files younger than this are still being written; the next scan takes them. */
export const FOLDER_SETTLE_MS = 1000

/** What a feed may be served as (text/html is a page, not a feed: use the URL import). */
export const FEED_TYPES = ['application/rss+xml', 'application/atom+xml', 'application/rdf+xml', 'application/xml', 'text/xml', 'application/x-rss+xml', 'text/plain', 'application/octet-stream', '']
export const PAGE_TYPES = ['text/html', 'application/xhtml+xml']

const EMPTY_BODY = JSON.stringify({ type: 'doc', content: [] })

export type WireErrorCode = 'NotFound' | 'Invalid' | 'Fetch' | 'Conflict'

export class WireError extends Error {
  constructor(
    readonly code: WireErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'WireError'
  }
}

// ── settings ──────────────────────────────────────────────────────────────

export const WireSettingsSchema = z.object({
  /** Hosts (`host` or `host:port`) allowed to resolve to private or loopback addresses. */
  allowedHosts: z.array(z.string()).max(200).default([]),
  /** How long URL imports and pasted texts stay in the intake list. */
  retainHours: z.number().int().min(1).max(24 * 90).default(168),
})
export type WireSettings = z.output<typeof WireSettingsSchema>
const SETTINGS_KEY = 'wire'

// ── sources ───────────────────────────────────────────────────────────────

const FOLDER_RE = /^[a-z0-9][a-z0-9_-]{0,63}$/

export const SourceInputSchema = z
  .object({
    name: z.string().trim().min(1, 'Podaj nazwę źródła').max(200, 'Nazwa jest za długa'),
    kind: z.enum(['rss', 'ninjs', 'folder'], { message: 'Wybierz rodzaj źródła' }),
    attributionName: z.string().trim().min(1, 'Podaj nazwę agencji lub redakcji').max(200, 'Nazwa jest za długa'),
    attributionKind: z.enum(['agency', 'outlet']).default('agency'),
    url: z.string().trim().max(2000, 'Adres jest za długi').default(''),
    folder: z.string().trim().max(64).default(''),
    pollMinutes: z.coerce.number({ message: 'Podaj liczbę minut' }).int('Podaj liczbę minut').min(1, 'Co najmniej 1 minuta').max(1440, 'Najwyżej 1440 minut').default(5),
    retainHours: z.coerce.number({ message: 'Podaj liczbę godzin' }).int('Podaj liczbę godzin').min(1, 'Co najmniej 1 godzina').max(24 * 90, 'Najwyżej 90 dni').default(72),
    enabled: z.boolean().default(true),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'rss') {
      let ok = false
      try {
        const u = new URL(v.url)
        ok = u.protocol === 'http:' || u.protocol === 'https:'
      } catch {
        ok = false
      }
      if (!ok) ctx.addIssue({ code: 'custom', path: ['url'], message: 'Podaj adres kanału http:// lub https://' })
    }
    if (v.kind === 'folder' && !FOLDER_RE.test(v.folder)) {
      ctx.addIssue({ code: 'custom', path: ['folder'], message: 'Nazwa folderu: małe litery, cyfry, „-” i „_”' })
    }
  })
export type SourceInput = z.input<typeof SourceInputSchema>

// ── items ─────────────────────────────────────────────────────────────────

export interface IngestContext {
  sourceId: number | null
  sourceName: string
  sourceKind: AttributionKind
  retainHours: number
  createdBy: number | null
  /** Expiry counts from the item's own time (feeds) or from its arrival (imports). */
  expireFromPublished: boolean
}

export type IngestStatus = 'created' | 'duplicate' | 'updated' | 'withdrawn' | 'expired' | 'empty'

export interface IngestResult {
  status: IngestStatus
  id: number | null
  /** The first item of the duplicate group this one joined. */
  duplicateOf: number | null
  headline: string
}

export interface ListedItem {
  id: number
  sourceId: number | null
  sourceName: string
  sourceKind: AttributionKind
  format: string
  headline: string
  preview: string
  /** Identified, or declared when identification was unsure. */
  language: string | null
  url: string | null
  publishedAt: string | null
  receivedAt: string
  expiresAt: string
  duplicateOf: number | null
  takenArticleId: number | null
  takenAt: string | null
}

export interface ItemGroup {
  lead: ListedItem
  duplicates: ListedItem[]
}

export interface ItemFilter {
  sourceId?: number | undefined
  language?: string | undefined
  status?: 'new' | 'taken' | undefined
  q?: string | undefined
  /** Received within the last N hours. */
  hours?: number | undefined
  page?: number | undefined
}

export interface ItemDetail extends ListedItem {
  lede: string
  byline: string
  body: BlockDocument
  declaredLanguage: string | null
  detectedLanguage: string | null
  takenBy: number | null
  group: ListedItem[]
}

export interface PollOutcome {
  ok: boolean
  summary: string
  created: number
  duplicates: number
  nextPollAt: string | null
}

function listed(r: WireItemRow): ListedItem {
  return {
    id: r.id,
    sourceId: r.source_id,
    sourceName: r.source_name,
    sourceKind: r.source_kind,
    format: r.format,
    headline: r.headline,
    preview: r.preview,
    language: r.language ?? r.declared_language,
    url: r.url,
    publishedAt: r.published_at,
    receivedAt: r.received_at,
    expiresAt: r.expires_at,
    duplicateOf: r.duplicate_of,
    takenArticleId: r.taken_article_id,
    takenAt: r.taken_at,
  }
}

/** A URL as compared across sources: no fragment, no tracking parameters, lower-case host. */
export function urlKey(raw: string | null): string | null {
  if (!raw) return null
  try {
    const u = new URL(raw)
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null
    u.hash = ''
    for (const k of [...u.searchParams.keys()]) if (/^(utm_|fbclid$|gclid$|mc_)/i.test(k)) u.searchParams.delete(k)
    const host = u.hostname.toLowerCase().replace(/^www\./, '')
    const p = u.pathname.replace(/\/+$/, '') || '/'
    return `${host}${u.port ? `:${u.port}` : ''}${p}${u.search}`.slice(0, 2000)
  } catch {
    return null
  }
}

function sha(s: string): string {
  return createHash('sha256').update(s).digest('hex').slice(0, 40)
}

function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`
}

function addMs(iso: string, ms: number): string {
  return new Date(new Date(iso).getTime() + ms).toISOString()
}

/** Whether a new NINJS version replaces the stored one. */
function newerVersion(incoming: string | null | undefined, stored: string | null): boolean {
  if (!incoming || incoming === stored) return false
  if (stored === null) return true
  const a = Number(incoming)
  const b = Number(stored)
  return Number.isFinite(a) && Number.isFinite(b) ? a > b : incoming > stored
}

/** Seconds or an HTTP date, as milliseconds from now. */
function retryAfterMs(value: string | undefined, now: Date): number {
  if (!value) return 0
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000
  const t = Date.parse(value)
  return Number.isNaN(t) ? 0 : Math.max(0, t - now.getTime())
}

/** Next attempt after `failures` consecutive failures: the interval doubled each time, at most a day. */
export function backoffMs(pollMinutes: number, failures: number): number {
  return Math.min(pollMinutes * 60_000 * 2 ** Math.min(failures, 20), MAX_BACKOFF_MS)
}

function polishCount(n: number, one: string, few: string, many: string): string {
  const mod10 = n % 10
  const mod100 = n % 100
  const word = n === 1 ? one : mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14) ? few : many
  return `${n} ${word}`
}

export function summarize(results: IngestResult[]): string {
  const created = results.filter((r) => r.status === 'created' && r.duplicateOf === null).length
  const dup = results.filter((r) => r.status === 'created' && r.duplicateOf !== null).length
  const updated = results.filter((r) => r.status === 'updated').length
  const parts = [polishCount(created, 'nowy', 'nowe', 'nowych')]
  if (dup) parts.push(polishCount(dup, 'podobny', 'podobne', 'podobnych'))
  if (updated) parts.push(polishCount(updated, 'zaktualizowany', 'zaktualizowane', 'zaktualizowanych'))
  return parts.join(', ')
}

export interface WireServiceOptions {
  dbh: DbHandle
  newsroom: NewsroomService
  logger: Logger
  now: () => Date
  /** `<dataDir>/wire/<folder>` holds the watched folders. */
  dataDir: string
  /** DNS answers (tests). */
  resolve?: Resolver
}

export class WireService {
  private readonly scanning = new Map<number, Promise<PollOutcome>>()

  constructor(private readonly o: WireServiceOptions) {}

  private get db(): Db {
    return this.o.dbh.db
  }

  private nowIso(): string {
    return this.o.now().toISOString()
  }

  // ── settings ────────────────────────────────────────────────────────────

  async settings(): Promise<WireSettings> {
    const row = await this.db.selectFrom('settings').select('value').where('key', '=', SETTINGS_KEY).executeTakeFirst()
    if (!row) return WireSettingsSchema.parse({})
    const parsed = WireSettingsSchema.safeParse(JSON.parse(row.value))
    return parsed.success ? parsed.data : WireSettingsSchema.parse({})
  }

  async saveSettings(input: { allowedHosts?: readonly string[]; retainHours?: number }): Promise<WireSettings> {
    const current = await this.settings()
    const hosts: string[] = []
    for (const h of input.allowedHosts ?? current.allowedHosts) {
      const n = normalizeAllowedHost(h)
      if (n === null) throw new WireError('Invalid', `Nieprawidłowy wpis na liście dozwolonych serwerów: „${h.slice(0, 100)}”`)
      if (!hosts.includes(n)) hosts.push(n)
    }
    const next = WireSettingsSchema.parse({ allowedHosts: hosts, retainHours: input.retainHours ?? current.retainHours })
    const value = JSON.stringify(next)
    await this.db
      .insertInto('settings')
      .values({ key: SETTINGS_KEY, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute()
    return next
  }

  private async fetchOptions() {
    const s = await this.settings()
    return { allowedHosts: s.allowedHosts, timeoutMs: FETCH_TIMEOUT_MS, ...(this.o.resolve ? { resolve: this.o.resolve } : {}) }
  }

  // ── sources ─────────────────────────────────────────────────────────────

  async listSources(): Promise<WireSourceRow[]> {
    return this.db.selectFrom('wire_sources').selectAll().orderBy('name').orderBy('id').execute()
  }

  async getSource(id: number): Promise<WireSourceRow | undefined> {
    return this.db.selectFrom('wire_sources').selectAll().where('id', '=', id).executeTakeFirst()
  }

  folderPath(folder: string): string {
    return path.join(this.o.dataDir, 'wire', folder)
  }

  private ensureFolder(folder: string): string {
    const dir = this.folderPath(folder)
    for (const d of [dir, path.join(dir, 'processed'), path.join(dir, 'failed')]) fs.mkdirSync(d, { recursive: true })
    return dir
  }

  /** Creates a source; a NINJS source gets its bearer token (returned once, stored hashed). */
  async createSource(input: SourceInput, actor: { id: number } | null): Promise<{ source: WireSourceRow; token: string | null }> {
    const v = SourceInputSchema.parse(input)
    const now = this.nowIso()
    const token = v.kind === 'ninjs' ? newToken() : null
    if (v.kind === 'folder') {
      const taken = await this.db.selectFrom('wire_sources').select('id').where('folder', '=', v.folder).executeTakeFirst()
      if (taken) throw new WireError('Invalid', 'Ten folder obsługuje już inne źródło')
      this.ensureFolder(v.folder)
    }
    const { id } = await this.db
      .insertInto('wire_sources')
      .values({
        name: v.name,
        kind: v.kind,
        attribution_name: v.attributionName,
        attribution_kind: v.attributionKind,
        url: v.kind === 'rss' ? v.url : null,
        folder: v.kind === 'folder' ? v.folder : null,
        token_hash: token ? sha256Hex(token) : null,
        poll_minutes: v.kind === 'folder' ? Math.min(v.pollMinutes, 60) : v.pollMinutes,
        retain_hours: v.retainHours,
        enabled: v.enabled ? 1 : 0,
        etag: null,
        last_modified: null,
        failures: 0,
        last_polled_at: null,
        last_ok_at: null,
        next_poll_at: null,
        last_error: null,
        last_result: null,
        created_by: actor?.id ?? null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    if (v.enabled && v.kind !== 'ninjs') await this.schedulePoll(id, this.o.now())
    return { source: (await this.getSource(id))!, token }
  }

  async updateSource(id: number, input: SourceInput): Promise<WireSourceRow> {
    const current = await this.getSource(id)
    if (!current) throw new WireError('NotFound', 'Nie ma takiego źródła')
    const v = SourceInputSchema.parse({ ...input, kind: current.kind, folder: input.folder || current.folder || '' })
    if (v.kind === 'folder' && v.folder !== current.folder) {
      const taken = await this.db.selectFrom('wire_sources').select('id').where('folder', '=', v.folder).where('id', '!=', id).executeTakeFirst()
      if (taken) throw new WireError('Invalid', 'Ten folder obsługuje już inne źródło')
      this.ensureFolder(v.folder)
    }
    const urlChanged = v.kind === 'rss' && v.url !== current.url
    await this.db
      .updateTable('wire_sources')
      .set({
        name: v.name,
        attribution_name: v.attributionName,
        attribution_kind: v.attributionKind,
        url: v.kind === 'rss' ? v.url : null,
        folder: v.kind === 'folder' ? v.folder : null,
        poll_minutes: v.kind === 'folder' ? Math.min(v.pollMinutes, 60) : v.pollMinutes,
        retain_hours: v.retainHours,
        enabled: v.enabled ? 1 : 0,
        updated_at: this.nowIso(),
        ...(urlChanged ? { etag: null, last_modified: null, failures: 0 } : {}),
      })
      .where('id', '=', id)
      .execute()
    if (v.enabled && v.kind !== 'ninjs' && (!current.enabled || urlChanged || current.next_poll_at === null)) await this.schedulePoll(id, this.o.now())
    return (await this.getSource(id))!
  }

  /** Removes a source; its items stay (with their attribution) until they expire. */
  async deleteSource(id: number): Promise<void> {
    await this.db.deleteFrom('wire_sources').where('id', '=', id).execute()
  }

  /** A new bearer token for a NINJS source; the old one stops working. */
  async rotateToken(id: number): Promise<string> {
    const source = await this.getSource(id)
    if (!source || source.kind !== 'ninjs') throw new WireError('NotFound', 'Nie ma takiego źródła NINJS')
    const token = newToken()
    await this.db.updateTable('wire_sources').set({ token_hash: sha256Hex(token), updated_at: this.nowIso() }).where('id', '=', id).execute()
    return token
  }

  /** The enabled NINJS source this token opens, or null. */
  async verifyToken(sourceId: number, token: string): Promise<WireSourceRow | null> {
    const source = await this.getSource(sourceId)
    if (!source || source.kind !== 'ninjs' || !source.token_hash) return null
    return safeEqual(sha256Hex(token), source.token_hash) ? source : null
  }

  private ingestContext(source: WireSourceRow): IngestContext {
    return {
      sourceId: source.id,
      sourceName: source.attribution_name,
      sourceKind: source.attribution_kind,
      retainHours: source.retain_hours,
      createdBy: null,
      expireFromPublished: true,
    }
  }

  // ── intake ──────────────────────────────────────────────────────────────

  /** Stores incoming items (see the module comment); one result per item, in order. */
  async ingest(ctx: IngestContext, items: readonly IncomingItem[]): Promise<IngestResult[]> {
    const results: IngestResult[] = []
    for (const item of items) results.push(await this.ingestOne(ctx, item))
    return results
  }

  private dedupeKey(ctx: IngestContext, item: IncomingItem): string | null {
    if (ctx.sourceId !== null && item.guid) return `${ctx.sourceId}:${sha(item.guid)}`
    const key = urlKey(item.url)
    if (ctx.sourceId === null && key && item.format === 'html') return `url:${sha(key)}`
    return null
  }

  private async ingestOne(ctx: IngestContext, item: IncomingItem): Promise<IngestResult> {
    const key = this.dedupeKey(ctx, item)
    const body = DocumentSchema.parse(item.body)
    const textBlocks = documentText(body)
    let headline = item.headline.replace(/\s+/g, ' ').trim()
    if (!headline) headline = clip((item.lede || textBlocks[0] || '').replace(/\s+/g, ' ').trim(), 200)
    headline = clip(headline, 300)
    if (!headline && textBlocks.length === 0) return { status: 'empty', id: null, duplicateOf: null, headline: '' }
    const now = this.nowIso()
    if (key) {
      const existing = await this.db
        .selectFrom('wire_items')
        .select(['id', 'duplicate_of', 'version', 'taken_article_id', 'expired_at'])
        .where('dedupe_key', '=', key)
        .executeTakeFirst()
      if (existing) {
        const live = existing.expired_at === null && existing.taken_article_id === null
        if (item.withdrawn) {
          if (live) await this.expireIds([existing.id], now)
          return { status: 'withdrawn', id: existing.id, duplicateOf: existing.duplicate_of, headline }
        }
        if (live && newerVersion(item.version, existing.version)) {
          await this.db.transaction().execute(async (trx) => {
            const f = await this.fields(ctx, item, body, headline, now)
            await trx
              .updateTable('wire_items')
              .set({ headline: f.headline, lede: f.lede, byline: f.byline, body: f.body, preview: f.preview, language: f.language, declared_language: f.declared_language, published_at: f.published_at, text_hash: f.text_hash, signature: f.signature, version: item.version ?? null })
              .where('id', '=', existing.id)
              .execute()
            await trx.deleteFrom('wire_item_bands').where('item_id', '=', existing.id).execute()
            await this.insertBands(trx, existing.id, f.sig)
          })
          return { status: 'updated', id: existing.id, duplicateOf: existing.duplicate_of, headline }
        }
        return { status: 'duplicate', id: existing.id, duplicateOf: existing.duplicate_of, headline }
      }
    }
    if (item.withdrawn) return { status: 'withdrawn', id: null, duplicateOf: null, headline }
    const f = await this.fields(ctx, item, body, headline, now)
    if (f.expires_at <= now) return { status: 'expired', id: null, duplicateOf: null, headline }
    const duplicateOf = await this.findCanonical(f.url_key, f.text_hash, f.sig)
    const inserted = await this.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('wire_items')
        .values({
          source_id: ctx.sourceId,
          source_name: ctx.sourceName,
          source_kind: ctx.sourceKind,
          format: item.format,
          dedupe_key: key,
          guid: item.guid ? item.guid.slice(0, 2000) : null,
          url: f.url,
          url_key: f.url_key,
          headline: f.headline,
          lede: f.lede,
          byline: f.byline,
          body: f.body,
          preview: f.preview,
          language: f.language,
          declared_language: f.declared_language,
          published_at: f.published_at,
          received_at: now,
          expires_at: f.expires_at,
          text_hash: f.text_hash,
          signature: f.signature,
          duplicate_of: duplicateOf,
          version: item.version ?? null,
          taken_article_id: null,
          taken_by: null,
          taken_at: null,
          expired_at: null,
          created_by: ctx.createdBy,
        })
        .onConflict((oc) => oc.column('dedupe_key').doNothing())
        .returning('id')
        .executeTakeFirst()
      if (row) await this.insertBands(trx, row.id, f.sig)
      return row
    })
    if (!inserted) {
      // Another instance stored the same item a moment ago.
      const existing = await this.db.selectFrom('wire_items').select(['id', 'duplicate_of']).where('dedupe_key', '=', key).executeTakeFirst()
      return { status: 'duplicate', id: existing?.id ?? null, duplicateOf: existing?.duplicate_of ?? null, headline }
    }
    return { status: 'created', id: inserted.id, duplicateOf, headline }
  }

  private async fields(ctx: IngestContext, item: IncomingItem, body: BlockDocument, headline: string, now: string) {
    const blocks = documentText(body)
    let lede = clip(item.lede.replace(/\s+/g, ' ').trim(), 2000)
    // A summary that only repeats the opening (Readability's excerpt, many feeds' description) is no lede.
    const opening = normalizeText(blocks.slice(0, 2).join(' '))
    if (lede && opening.startsWith(normalizeText(lede.replace(/(\.\.\.|…)$/, '')))) lede = ''
    const text = [headline, lede, ...blocks].filter(Boolean).join('\n')
    const detected = await detectLanguage(text)
    // Duplicates are judged on the body: agencies put their own headline on the same copy.
    const bodyText = blocks.join('\n')
    const compared = bodyText.split(/\s+/).length >= 20 ? bodyText : text
    const sig = compared.split(/\s+/).length >= 8 ? minhash(compared) : []
    const published = item.publishedAt && item.publishedAt < now ? item.publishedAt : null
    const from = ctx.expireFromPublished && published ? published : now
    const url = item.url && item.url.length <= 2000 ? item.url : null
    return {
      headline,
      lede,
      byline: clip(item.byline.replace(/\s+/g, ' ').trim(), 200),
      body: JSON.stringify(body),
      preview: clip((lede || blocks.join(' ')).replace(/\s+/g, ' ').trim(), 300),
      language: detected,
      declared_language: normalizeLanguageTag(item.language),
      published_at: item.publishedAt,
      expires_at: addMs(from, ctx.retainHours * 3_600_000),
      text_hash: textHash(compared),
      signature: encodeSignature(sig),
      sig,
      url,
      url_key: urlKey(url),
    }
  }

  private async insertBands(trx: Db, itemId: number, sig: number[]): Promise<void> {
    const keys = bandKeys(sig)
    if (keys.length) await trx.insertInto('wire_item_bands').values(keys.map((band) => ({ item_id: itemId, band }))).execute()
  }

  /** The first item of the group this copy belongs to, or null when it is new. */
  private async findCanonical(key: string | null, hash: string, sig: number[]): Promise<number | null> {
    const group = (r: { id: number; duplicate_of: number | null }) => r.duplicate_of ?? r.id
    if (key) {
      const r = await this.db.selectFrom('wire_items').select(['id', 'duplicate_of']).where('url_key', '=', key).where('expired_at', 'is', null).orderBy('id').executeTakeFirst()
      if (r) return group(r)
    }
    const same = await this.db.selectFrom('wire_items').select(['id', 'duplicate_of']).where('text_hash', '=', hash).where('expired_at', 'is', null).orderBy('id').executeTakeFirst()
    if (same) return group(same)
    const keys = bandKeys(sig)
    if (keys.length === 0) return null
    const candidates = await this.db
      .selectFrom('wire_items')
      .select(['id', 'duplicate_of', 'signature'])
      .where('expired_at', 'is', null)
      .where('id', 'in', (eb) => eb.selectFrom('wire_item_bands').select('item_id').where('band', 'in', keys))
      .orderBy('id')
      .limit(500)
      .execute()
    let best: { id: number; score: number } | null = null
    for (const c of candidates) {
      const score = similarity(sig, decodeSignature(c.signature))
      if (score >= SIMILARITY_THRESHOLD && (!best || score > best.score)) best = { id: group(c), score }
    }
    return best?.id ?? null
  }

  // ── polling ─────────────────────────────────────────────────────────────

  /** Makes `at` the source's next poll and enqueues its job (older jobs become stale). */
  async schedulePoll(sourceId: number, at: Date): Promise<void> {
    const iso = at.toISOString()
    await this.db.updateTable('wire_sources').set({ next_poll_at: iso }).where('id', '=', sourceId).execute()
    await enqueueJob(this.o.dbh, { kind: POLL_JOB, dedupeKey: `${sourceId}@${iso}`, runAt: at, payload: { sourceId, at: iso } })
  }

  /** The job handler: polls when the job is still the source's current one. */
  async handlePollJob(job: JobRow, onFolder?: (source: WireSourceRow) => void): Promise<void> {
    const { sourceId, at } = JSON.parse(job.payload) as { sourceId: number; at: string }
    const source = await this.getSource(sourceId)
    if (!source || !source.enabled || source.kind === 'ninjs' || source.next_poll_at !== at) return
    if (source.kind === 'folder') onFolder?.(source)
    await this.poll(source)
  }

  /** Polls a feed or scans a folder now, records the outcome and schedules the next poll. */
  async poll(sourceOrId: WireSourceRow | number): Promise<PollOutcome> {
    const source = typeof sourceOrId === 'number' ? await this.getSource(sourceOrId) : sourceOrId
    if (!source) throw new WireError('NotFound', 'Nie ma takiego źródła')
    if (source.kind === 'folder') return this.scanFolder(source)
    if (source.kind !== 'rss' || !source.url) throw new WireError('Invalid', 'Tego źródła się nie pobiera: agencja sama przysyła teksty')
    const started = this.o.now()
    try {
      const headers: Record<string, string> = { accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1' }
      if (source.etag) headers['if-none-match'] = source.etag
      if (source.last_modified) headers['if-modified-since'] = source.last_modified
      const res = await safeFetch(source.url, { ...(await this.fetchOptions()), headers, contentTypes: FEED_TYPES, maxBytes: FEED_MAX_BYTES })
      if (res.status === 304) return await this.pollSucceeded(source, started, 'bez zmian (304)', [], {})
      if (res.status < 200 || res.status > 299) {
        return await this.pollFailed(source, started, `Serwer odpowiedział kodem ${res.status}`, retryAfterMs(res.headers['retry-after'], started))
      }
      const feed = parseFeed(responseText(res), res.url)
      const results = await this.ingest(this.ingestContext(source), feed.items)
      return await this.pollSucceeded(source, started, summarize(results), results, { etag: res.headers.etag ?? null, last_modified: res.headers['last-modified'] ?? null })
    } catch (err) {
      if (err instanceof SafeFetchError || err instanceof FeedError) return this.pollFailed(source, started, err.message, 0)
      throw err
    }
  }

  private async pollSucceeded(source: WireSourceRow, started: Date, summary: string, results: IngestResult[], cache: { etag?: string | null; last_modified?: string | null }): Promise<PollOutcome> {
    const next = new Date(started.getTime() + source.poll_minutes * 60_000)
    await this.db
      .updateTable('wire_sources')
      .set({ failures: 0, last_polled_at: started.toISOString(), last_ok_at: started.toISOString(), last_error: null, last_result: summary.slice(0, 300), ...cache })
      .where('id', '=', source.id)
      .execute()
    if (source.enabled) await this.schedulePoll(source.id, next)
    return {
      ok: true,
      summary,
      created: results.filter((r) => r.status === 'created').length,
      duplicates: results.filter((r) => r.status === 'created' && r.duplicateOf !== null).length,
      nextPollAt: source.enabled ? next.toISOString() : null,
    }
  }

  private async pollFailed(source: WireSourceRow, started: Date, message: string, retryAfter: number): Promise<PollOutcome> {
    const failures = source.failures + 1
    const wait = Math.min(Math.max(backoffMs(source.poll_minutes, failures), retryAfter), MAX_BACKOFF_MS)
    const next = new Date(started.getTime() + wait)
    await this.db
      .updateTable('wire_sources')
      .set({ failures, last_polled_at: started.toISOString(), last_error: message.slice(0, 500), last_result: 'błąd' })
      .where('id', '=', source.id)
      .execute()
    this.o.logger.warn({ source: source.id, failures, next: next.toISOString(), error: message }, 'wire source failed')
    if (source.enabled) await this.schedulePoll(source.id, next)
    return { ok: false, summary: message, created: 0, duplicates: 0, nextPollAt: source.enabled ? next.toISOString() : null }
  }

  // ── watched folders ─────────────────────────────────────────────────────

  /** Takes the settled files of a folder source: processed ones to processed/, bad ones to failed/. */
  async scanFolder(source: WireSourceRow): Promise<PollOutcome> {
    const running = this.scanning.get(source.id)
    if (running) return running
    const p = this.scanFolderOnce(source).finally(() => this.scanning.delete(source.id))
    this.scanning.set(source.id, p)
    return p
  }

  /** Files in the folder still waiting (too fresh, or arrived during a scan). */
  pendingFiles(source: WireSourceRow): number {
    if (!source.folder) return 0
    try {
      return fs.readdirSync(this.folderPath(source.folder), { withFileTypes: true }).filter((d) => d.isFile() && isCandidate(d.name)).length
    } catch {
      return 0
    }
  }

  private async scanFolderOnce(source: WireSourceRow): Promise<PollOutcome> {
    const started = this.o.now()
    if (!source.folder) return this.pollFailed(source, started, 'Źródło nie ma folderu', 0)
    let dir: string
    try {
      dir = this.ensureFolder(source.folder)
    } catch (err) {
      return this.pollFailed(source, started, `Nie można otworzyć folderu: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, 0)
    }
    const ctx = this.ingestContext(source)
    const all: IngestResult[] = []
    let files = 0
    let failed = 0
    const entries = await fs.promises.readdir(dir, { withFileTypes: true })
    for (const entry of entries) {
      if (!entry.isFile() || !isCandidate(entry.name)) continue
      const file = path.join(dir, entry.name)
      let stat: fs.Stats
      try {
        stat = await fs.promises.stat(file)
      } catch {
        continue
      }
      if (Date.now() - stat.mtimeMs < FOLDER_SETTLE_MS) continue
      // Claim the file by renaming it (atomic): another instance scanning the same folder skips it.
      const claimed = path.join(dir, `.claim-${process.pid}-${sha(entry.name + Math.random()).slice(0, 8)}-${entry.name}`)
      try {
        await fs.promises.rename(file, claimed)
      } catch {
        continue
      }
      files++
      const stamp = started.toISOString().replace(/[:.]/g, '-')
      try {
        if (stat.size > FILE_MAX_BYTES) throw new WireError('Invalid', `Plik jest za duży (${stat.size} B, limit ${FILE_MAX_BYTES} B)`)
        const items = parseDroppedFile(entry.name, await fs.promises.readFile(claimed))
        all.push(...(await this.ingest(ctx, items)))
        await fs.promises.rename(claimed, path.join(dir, 'processed', `${stamp}-${entry.name}`))
      } catch (err) {
        failed++
        const reason = err instanceof z.ZodError ? `Nieprawidłowy NINJS: ${err.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ').slice(0, 500)}` : (err as Error).message
        this.o.logger.warn({ source: source.id, file: entry.name, err: reason }, 'wire file refused')
        await fs.promises.rename(claimed, path.join(dir, 'failed', `${stamp}-${entry.name}`)).catch(() => undefined)
        await fs.promises.writeFile(path.join(dir, 'failed', `${stamp}-${entry.name}.error.txt`), `${reason}\n`).catch(() => undefined)
        if (!(err instanceof WireError || err instanceof FeedError || err instanceof z.ZodError || err instanceof SyntaxError)) throw err
      }
    }
    const summary = files === 0 ? 'brak nowych plików' : `${polishCount(files, 'plik', 'pliki', 'plików')}: ${summarize(all)}${failed ? `, ${polishCount(failed, 'odrzucony', 'odrzucone', 'odrzuconych')}` : ''}`
    return this.pollSucceeded(source, started, summary, all, {})
  }

  // ── one-off imports ─────────────────────────────────────────────────────

  /** Fetches a page safely, extracts its main text and stores it as an intake item. */
  async importUrl(rawUrl: string, actor: { id: number }, meta: { sourceName?: string; sourceKind?: AttributionKind } = {}): Promise<IngestResult> {
    const settings = await this.settings()
    let res
    try {
      res = await safeFetch(rawUrl.trim(), { ...(await this.fetchOptions()), contentTypes: PAGE_TYPES, maxBytes: PAGE_MAX_BYTES, headers: { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1' } })
    } catch (err) {
      if (err instanceof SafeFetchError) throw new WireError('Fetch', err.message)
      throw err
    }
    if (res.status < 200 || res.status > 299) throw new WireError('Fetch', `Serwer odpowiedział kodem ${res.status}`)
    const article = extractArticle(responseText(res), res.url)
    if (!article.headline && article.body.content.length === 0) throw new WireError('Invalid', 'Nie znaleziono na tej stronie tekstu artykułu')
    const host = new URL(res.url).hostname.replace(/^www\./, '')
    const [result] = await this.ingest(
      {
        sourceId: null,
        sourceName: (meta.sourceName?.trim() || article.siteName || host).slice(0, 200),
        sourceKind: meta.sourceKind ?? 'outlet',
        retainHours: settings.retainHours,
        createdBy: actor.id,
        expireFromPublished: false,
      },
      [{ format: 'html', guid: res.url, url: res.url, headline: article.headline, lede: article.excerpt, byline: article.byline, body: article.body, language: article.language || null, publishedAt: article.publishedTime ? (Number.isNaN(Date.parse(article.publishedTime)) ? null : new Date(article.publishedTime).toISOString()) : null }],
    )
    return result!
  }

  /** Pasted text: first line the headline, blank lines between paragraphs. */
  async importText(text: string, actor: { id: number }, meta: { sourceName: string; sourceKind?: AttributionKind; url?: string; language?: string }): Promise<IngestResult> {
    const settings = await this.settings()
    const { headline, lede, byline, body } = parsePastedText(text)
    if (!headline) throw new WireError('Invalid', 'Wklej tekst: pierwszy wiersz to tytuł, akapity oddziel pustym wierszem')
    const url = meta.url?.trim() ? meta.url.trim() : null
    if (url && !/^https?:\/\//i.test(url)) throw new WireError('Invalid', 'Adres źródła musi zaczynać się od http:// lub https://')
    const [result] = await this.ingest(
      { sourceId: null, sourceName: meta.sourceName.trim().slice(0, 200) || 'Tekst wklejony', sourceKind: meta.sourceKind ?? 'outlet', retainHours: settings.retainHours, createdBy: actor.id, expireFromPublished: false },
      [{ format: 'text', guid: null, url, headline, lede, byline, body, language: meta.language ?? null, publishedAt: null }],
    )
    return result!
  }

  /** A NINJS push (or file): parses and stores; throws a ZodError on a wrong shape. */
  async ingestNinjs(source: WireSourceRow, json: unknown): Promise<IngestResult[]> {
    return this.ingest(this.ingestContext(source), parseNinjs(json))
  }

  // ── the list ────────────────────────────────────────────────────────────

  async list(filter: ItemFilter): Promise<{ groups: ItemGroup[]; total: number; page: number; pages: number }> {
    const page = Math.max(1, filter.page ?? 1)
    const like = this.o.dbh.dialect === 'postgres' ? 'ilike' : 'like'
    let base = this.db.selectFrom('wire_items').where('expired_at', 'is', null)
    if (filter.sourceId) base = base.where('source_id', '=', filter.sourceId)
    if (filter.language) base = base.where(sql<string>`coalesce(language, declared_language)`, '=', filter.language)
    if (filter.status === 'new') base = base.where('taken_article_id', 'is', null)
    if (filter.status === 'taken') base = base.where('taken_article_id', 'is not', null)
    if (filter.q) base = base.where('headline', like, `%${filter.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`)
    if (filter.hours) base = base.where('received_at', '>=', new Date(this.o.now().getTime() - filter.hours * 3_600_000).toISOString())
    const gid = sql<number>`coalesce(duplicate_of, id)`
    const [{ total }] = (await base.select((eb) => eb.fn.count<number>(sql`distinct coalesce(duplicate_of, id)`).as('total')).execute()) as [{ total: number }]
    const groupsRows = await base
      .select([gid.as('gid'), (eb) => eb.fn.max('received_at').as('latest')])
      .groupBy(gid)
      .orderBy('latest', 'desc')
      .orderBy('gid', 'desc')
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE)
      .execute()
    const gids = groupsRows.map((g) => Number(g.gid))
    const members = gids.length
      ? await this.db
          .selectFrom('wire_items')
          .selectAll()
          .where('expired_at', 'is', null)
          .where((eb) => eb.or([eb('id', 'in', gids), eb('duplicate_of', 'in', gids)]))
          .orderBy('id')
          .execute()
      : []
    const groups: ItemGroup[] = []
    for (const g of gids) {
      const rows = members.filter((m) => m.id === g || m.duplicate_of === g).map(listed)
      if (rows.length === 0) continue
      const [lead, ...duplicates] = rows
      groups.push({ lead: lead!, duplicates })
    }
    const count = Number(total)
    return { groups, total: count, page, pages: Math.max(1, Math.ceil(count / PAGE_SIZE)) }
  }

  /** The languages present in the list (for the filter). */
  async languages(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('wire_items')
      .select(sql<string>`coalesce(language, declared_language)`.as('lang'))
      .where('expired_at', 'is', null)
      .distinct()
      .execute()
    return rows
      .map((r) => r.lang)
      .filter((l): l is string => typeof l === 'string' && l.length > 0)
      .sort()
  }

  async getItem(id: number): Promise<ItemDetail | null> {
    const row = await this.db.selectFrom('wire_items').selectAll().where('id', '=', id).executeTakeFirst()
    if (!row || row.expired_at !== null) return null
    const gid = row.duplicate_of ?? row.id
    const group = await this.db
      .selectFrom('wire_items')
      .selectAll()
      .where('expired_at', 'is', null)
      .where((eb) => eb.or([eb('id', '=', gid), eb('duplicate_of', '=', gid)]))
      .orderBy('id')
      .execute()
    return {
      ...listed(row),
      lede: row.lede,
      byline: row.byline,
      body: DocumentSchema.parse(JSON.parse(row.body)),
      declaredLanguage: row.declared_language,
      detectedLanguage: row.language,
      takenBy: row.taken_by,
      group: group.map(listed),
    }
  }

  // ── "Weź do redakcji" ───────────────────────────────────────────────────

  /** The attribution a story taken from this item carries. */
  attribution(item: Pick<ItemDetail, 'sourceName' | 'sourceKind' | 'url' | 'language'>): Source {
    const parsed = SourceSchema.safeParse({
      name: item.sourceName.slice(0, 200) || 'Serwis',
      kind: item.sourceKind,
      ...(item.url && /^https?:\/\//i.test(item.url) ? { url: item.url } : {}),
      ...(item.language && /^[a-z]{2}$/.test(item.language) ? { language: item.language } : {}),
    })
    return parsed.success ? parsed.data : { name: item.sourceName.slice(0, 200) || 'Serwis', kind: item.sourceKind }
  }

  /**
   * Turns an item into a newsroom draft with its attribution; marks the item taken. Taking
   * an item twice answers with the first draft (never two drafts of one item).
   */
  async take(itemId: number, actor: Actor): Promise<{ articleId: number; already: boolean }> {
    const item = await this.getItem(itemId)
    if (!item) throw new WireError('NotFound', 'Tego tekstu nie ma już w serwisach (wygasł albo usunięto go)')
    if (item.takenArticleId) return { articleId: item.takenArticleId, already: true }
    const now = this.nowIso()
    const claim = await this.db
      .updateTable('wire_items')
      .set({ taken_by: actor.id, taken_at: now })
      .where('id', '=', itemId)
      .where('taken_at', 'is', null)
      .where('expired_at', 'is', null)
      .executeTakeFirst()
    if (Number(claim.numUpdatedRows) === 0) {
      const again = await this.db.selectFrom('wire_items').select('taken_article_id').where('id', '=', itemId).executeTakeFirst()
      if (again?.taken_article_id) return { articleId: again.taken_article_id, already: true }
      throw new WireError('Conflict', 'Ktoś właśnie bierze ten tekst do redakcji')
    }
    try {
      const story = await this.o.newsroom.createStory(actor, 'article', {
        headline: item.headline || 'Bez tytułu',
        lede: item.lede,
        body: item.body,
        ...(item.language && /^[a-z]{2}$/.test(item.language) ? { language: item.language } : {}),
        source: this.attribution(item),
      })
      await this.db.updateTable('wire_items').set({ taken_article_id: story.articleId }).where('id', '=', itemId).execute()
      return { articleId: story.articleId, already: false }
    } catch (err) {
      await this.db.updateTable('wire_items').set({ taken_by: null, taken_at: null }).where('id', '=', itemId).where('taken_article_id', 'is', null).execute()
      throw err
    }
  }

  /** The wire item a story was taken from, if any. */
  async itemForArticle(articleId: number): Promise<WireItemRow | undefined> {
    return this.db.selectFrom('wire_items').selectAll().where('taken_article_id', '=', articleId).orderBy('id').executeTakeFirst()
  }

  // ── expiry ──────────────────────────────────────────────────────────────

  private async expireIds(ids: number[], now: string): Promise<void> {
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500)
      await this.db.transaction().execute(async (trx) => {
        await trx.updateTable('wire_items').set({ expired_at: now, body: EMPTY_BODY, preview: '', lede: '', signature: '' }).where('id', 'in', chunk).execute()
        await trx.deleteFrom('wire_item_bands').where('item_id', 'in', chunk).execute()
      })
    }
  }

  /**
   * Items past their time leave the list: their text is deleted and the row stays as a
   * tombstone for 30 days, so a feed that still lists the item does not bring it back.
   * Items taken into the newsroom stay: they are the story's record of where it came from.
   */
  async expire(): Promise<{ expired: number; purged: number }> {
    const now = this.nowIso()
    const due = await this.db
      .selectFrom('wire_items')
      .select('id')
      .where('expired_at', 'is', null)
      .where('taken_article_id', 'is', null)
      .where('expires_at', '<=', now)
      .execute()
    await this.expireIds(
      due.map((r) => r.id),
      now,
    )
    const purged = await this.db.deleteFrom('wire_items').where('expired_at', 'is not', null).where('expired_at', '<', addMs(now, -TOMBSTONE_MS)).executeTakeFirst()
    // Our own finished jobs (a poll every few minutes adds up).
    await this.db
      .deleteFrom('jobs')
      .where('kind', 'in', [POLL_JOB, EXPIRE_JOB])
      .where('done_at', 'is not', null)
      .where('done_at', '<', addMs(now, -24 * 3_600_000))
      .execute()
    return { expired: due.length, purged: Number(purged.numDeletedRows) }
  }

  /** Enqueues the next expiry sweep. */
  async scheduleExpiry(after: Date): Promise<void> {
    const slot = Math.floor(after.getTime() / EXPIRE_EVERY_MS) + 1
    const at = new Date(slot * EXPIRE_EVERY_MS)
    await enqueueJob(this.o.dbh, { kind: EXPIRE_JOB, dedupeKey: `slot-${slot}`, runAt: at, payload: { at: at.toISOString() } })
  }

  /**
   * Puts every enabled feed and folder back on schedule (at start, and with each expiry
   * sweep): a source whose next poll is long past lost its job (a crashed instance, a job
   * that failed five times) and is polled now.
   */
  async ensureSchedules(): Promise<void> {
    const now = this.o.now()
    const stale = new Date(now.getTime() - 10 * 60_000).toISOString()
    const sources = await this.db.selectFrom('wire_sources').selectAll().where('enabled', '=', 1).where('kind', 'in', ['rss', 'folder'] as WireSourceKind[]).execute()
    for (const s of sources) {
      if (s.next_poll_at === null || s.next_poll_at < stale) {
        const pending = s.next_poll_at
          ? await this.db.selectFrom('jobs').select('id').where('kind', '=', POLL_JOB).where('dedupe_key', '=', `${s.id}@${s.next_poll_at}`).where('done_at', 'is', null).executeTakeFirst()
          : undefined
        if (!pending) await this.schedulePoll(s.id, now)
      } else {
        await enqueueJob(this.o.dbh, { kind: POLL_JOB, dedupeKey: `${s.id}@${s.next_poll_at}`, runAt: new Date(s.next_poll_at), payload: { sourceId: s.id, at: s.next_poll_at } })
      }
    }
  }
}

function isCandidate(name: string): boolean {
  return !name.startsWith('.') && !/\.(tmp|part|partial|crdownload|swp)$/i.test(name) && !name.endsWith('~')
}

/** A file dropped into a watched folder: NINJS (.json), a feed (.xml/.rss/.atom), plain text (.txt) or a page (.html). */
export function parseDroppedFile(name: string, content: Buffer): IncomingItem[] {
  const ext = path.extname(name).toLowerCase()
  const text = responseText({ body: content, charset: undefined })
  switch (ext) {
    case '.json':
      return parseNinjs(JSON.parse(text))
    case '.xml':
    case '.rss':
    case '.atom':
      return parseFeed(text).items
    case '.txt': {
      const { headline, lede, byline, body } = parsePastedText(text)
      if (!headline) throw new WireError('Invalid', 'Pusty plik tekstowy')
      return [{ format: 'text', guid: `file:${name}:${sha(text)}`, url: null, headline, lede, byline, body, language: null, publishedAt: null }]
    }
    case '.html':
    case '.htm': {
      const a = extractArticle(text, 'file:///')
      return [{ format: 'html', guid: `file:${name}:${sha(text)}`, url: null, headline: a.headline, lede: a.excerpt, byline: a.byline, body: a.body, language: a.language || null, publishedAt: null }]
    }
    default:
      throw new WireError('Invalid', `Nieobsługiwany rodzaj pliku: ${ext || '(bez rozszerzenia)'} (oczekiwano .json, .xml, .txt lub .html)`)
  }
}
