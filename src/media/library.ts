/**
 * @module
 * The media library as the newsroom uses it: search and filters, one item with its uploader,
 * metadata edits, who may do what, the JSON the story editor's picker reads, and the cache
 * keys of pages that show an image.
 *
 * Who may do what (enforced in src/admin/media/routes.tsx, tested per role):
 * - open the library, search it, upload: every newsroom role (administrator, editor, author,
 *   contributor, translator);
 * - edit an image's metadata (alt, caption, credit, copyright, usage terms): whoever uploaded
 *   it, and administrators and editors for every image (also seeded or imported ones).
 */
import { sql } from 'kysely'
import type { Role, SessionUser } from '../accounts/roles.js'
import { CacheKeys } from '../cache/cache-keys.js'
import type { MediaRow } from '../content/content.table.js'
import type { Db, Tx } from '../platform/db/database.js'
import { MediaError, MediaMetaSchema, type MediaMeta } from './media.service.js'
import { likePattern, mediaSearchText } from './search-text.js'
import { parseVariants, type MediaVariant } from './variants.js'

export const UPLOAD_ROLES: readonly Role[] = ['administrator', 'editor', 'author', 'contributor', 'translator']
export const EDIT_ANY_ROLES: readonly Role[] = ['administrator', 'editor']

export function canUpload(user: Pick<SessionUser, 'role'>): boolean {
  return UPLOAD_ROLES.includes(user.role)
}

/** The uploader may edit their own images; administrators and editors every image. */
export function canEditMedia(user: Pick<SessionUser, 'id' | 'role'>, row: Pick<MediaRow, 'uploaded_by'>): boolean {
  return EDIT_ANY_ROLES.includes(user.role) || (row.uploaded_by !== null && row.uploaded_by === user.id && canUpload(user))
}

export type Orientation = 'landscape' | 'portrait' | 'square'
export const ORIENTATIONS: readonly Orientation[] = ['landscape', 'portrait', 'square']

/** Square within 2%. */
export function orientationOf(width: number, height: number): Orientation {
  if (width * 100 > height * 102) return 'landscape'
  if (height * 100 > width * 102) return 'portrait'
  return 'square'
}

export interface LibraryFilter {
  /** Words in alt, caption, credit, copyright or the file name (case and diacritics ignored). */
  q?: string | undefined
  /** Uploaded on or after this day (`YYYY-MM-DD` in `timeZone`). */
  from?: string | undefined
  /** Uploaded on or before this day. */
  to?: string | undefined
  orientation?: Orientation | undefined
  /** At least this many pixels wide. */
  minWidth?: number | undefined
  /** Only images without alt text. */
  missingAlt?: boolean | undefined
  /** Only images uploaded by this account. */
  uploadedBy?: number | undefined
  /** 1-based. */
  page?: number | undefined
  pageSize?: number | undefined
  /** The site's time zone for `from`/`to` (default Europe/Warsaw). */
  timeZone?: string | undefined
}

export interface LibraryItem extends MediaRow {
  uploader_name: string | null
}

export interface LibraryPage {
  items: LibraryItem[]
  total: number
  page: number
  pages: number
  pageSize: number
}

export const DEFAULT_PAGE_SIZE = 24
export const MAX_PAGE_SIZE = 100

/** Minutes east of UTC of a time zone at an instant. */
function offsetMinutes(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(at)
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value)
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'))
  return Math.round((local - at.getTime()) / 60_000)
}

/** Midnight starting `day` (YYYY-MM-DD) in the time zone, as an ISO instant; null when not a date. */
export function startOfDay(day: string, timeZone: string, plusDays = 0): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  if (!m) return null
  const utc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + plusDays)
  if (Number.isNaN(utc)) return null
  const check = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  if (check.getUTCMonth() !== Number(m[2]) - 1) return null
  // Two passes settle the offset across a change of daylight saving time.
  let instant = utc - offsetMinutes(new Date(utc), timeZone) * 60_000
  instant = utc - offsetMinutes(new Date(instant), timeZone) * 60_000
  return new Date(instant).toISOString()
}

/** Newest first, filtered, one page. */
export async function searchLibrary(db: Db | Tx, filter: LibraryFilter = {}): Promise<LibraryPage> {
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, filter.pageSize ?? DEFAULT_PAGE_SIZE))
  const tz = filter.timeZone ?? 'Europe/Warsaw'
  let q = db.selectFrom('media')
  const q0 = (filter.q ?? '').trim()
  if (q0) {
    // Every word must appear (in any order).
    for (const word of q0.split(/\s+/).slice(0, 10)) q = q.where(sql<boolean>`media.search_text like ${likePattern(word)} escape '\\'`)
  }
  const from = filter.from ? startOfDay(filter.from, tz) : null
  const to = filter.to ? startOfDay(filter.to, tz, 1) : null
  if (from) q = q.where('media.created_at', '>=', from)
  if (to) q = q.where('media.created_at', '<', to)
  if (filter.orientation === 'landscape') q = q.where(sql<boolean>`media.width * 100 > media.height * 102`)
  else if (filter.orientation === 'portrait') q = q.where(sql<boolean>`media.height * 100 > media.width * 102`)
  else if (filter.orientation === 'square') q = q.where(sql<boolean>`media.width * 100 <= media.height * 102 and media.height * 100 <= media.width * 102`)
  if (filter.minWidth) q = q.where('media.width', '>=', filter.minWidth)
  if (filter.missingAlt) q = q.where(sql<boolean>`trim(media.alt) = ''`)
  if (filter.uploadedBy !== undefined) q = q.where('media.uploaded_by', '=', filter.uploadedBy)

  const { total } = await q.select((eb) => eb.fn.countAll<number | string>().as('total')).executeTakeFirstOrThrow()
  const count = Number(total)
  const pages = Math.max(1, Math.ceil(count / pageSize))
  const page = Math.min(Math.max(1, Math.floor(filter.page ?? 1)), pages)
  const items = await q
    .leftJoin('users', 'users.id', 'media.uploaded_by')
    .selectAll('media')
    .select('users.name as uploader_name')
    .orderBy('media.created_at', 'desc')
    .orderBy('media.id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute()
  return { items, total: count, page, pages, pageSize }
}

export async function getLibraryItem(db: Db | Tx, id: number): Promise<LibraryItem | undefined> {
  return db.selectFrom('media').leftJoin('users', 'users.id', 'media.uploaded_by').selectAll('media').select('users.name as uploader_name').where('media.id', '=', id).executeTakeFirst()
}

export type MetaField = 'alt' | 'caption' | 'credit' | 'copyright' | 'usageTerms'
export const META_FIELDS: readonly MetaField[] = ['alt', 'caption', 'credit', 'copyright', 'usageTerms']

/** A refused metadata edit: a Polish message per field. */
export class MediaMetaError extends MediaError {
  constructor(readonly fields: Partial<Record<MetaField, string>>) {
    super('Invalid', Object.values(fields).join(' '))
  }
}

/** Validates metadata: Polish messages per field (lengths, control characters). */
export function validateMeta(input: Partial<Record<MetaField, unknown>>): { alt: string; caption: string; credit: string; copyright: string; usageTerms: string } {
  const raw: MediaMeta = {
    alt: typeof input.alt === 'string' ? input.alt : '',
    caption: typeof input.caption === 'string' ? input.caption : '',
    credit: typeof input.credit === 'string' ? input.credit : '',
    copyright: typeof input.copyright === 'string' ? input.copyright : '',
    usageTerms: typeof input.usageTerms === 'string' ? input.usageTerms : '',
  }
  const fields: Partial<Record<MetaField, string>> = {}
  const parsed = MediaMetaSchema.safeParse(raw)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as MetaField
      fields[field] ??= issue.message
    }
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(raw.alt)) fields.alt ??= 'Tekst alternatywny zawiera niedozwolone znaki sterujące.'
  if (/[\r\n]/.test(raw.alt)) fields.alt ??= 'Tekst alternatywny powinien być jednym akapitem (bez podziału wierszy).'
  if (Object.keys(fields).length > 0 || !parsed.success) throw new MediaMetaError(fields)
  const m = parsed.data
  return { alt: m.alt, caption: m.caption, credit: m.credit, copyright: m.copyright ?? '', usageTerms: m.usageTerms ?? '' }
}

/** Saves new metadata (validated; throws MediaMetaError). Returns the updated row, or undefined when absent. */
export async function updateMediaMeta(db: Db | Tx, id: number, input: Partial<Record<MetaField, unknown>>, now: Date): Promise<MediaRow | undefined> {
  const m = validateMeta(input)
  const row = await db.selectFrom('media').select('original_name').where('id', '=', id).executeTakeFirst()
  if (!row) return undefined
  return db
    .updateTable('media')
    .set({
      alt: m.alt,
      caption: m.caption,
      credit: m.credit,
      copyright: m.copyright,
      usage_terms: m.usageTerms,
      search_text: mediaSearchText({ ...m, originalName: row.original_name }),
      updated_at: now.toISOString(),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst()
}

/** Cache keys of the public pages that show this image (stories, author pages). */
export async function cacheKeysForMedia(db: Db | Tx, mediaId: number): Promise<string[]> {
  const id = Math.trunc(mediaId)
  const articles = await db
    .selectFrom('articles')
    .select('id')
    .where((eb) => eb.or([eb('lead_media_id', '=', id), eb('body', 'like', `%"mediaId":${id},%`), eb('body', 'like', `%"mediaId":${id}}%`)]))
    .execute()
  const authors = await db.selectFrom('authors').select('id').where('photo_media_id', '=', id).execute()
  return [...articles.map((a) => CacheKeys.article(a.id)), ...authors.map((a) => CacheKeys.author(a.id))]
}

export interface MediaVariantJson {
  format: MediaVariant['format']
  width: number
  height: number
  bytes: number
  url: string
}

/** A library item for the story editor's picker and the upload API. */
export interface MediaJson {
  id: number
  /** The stored original (normalised: oriented, metadata stripped). */
  url: string
  /** A small picture for lists: the 320 px WebP once made, else the original. */
  thumbnailUrl: string
  width: number
  height: number
  orientation: Orientation
  mime: string
  bytes: number
  alt: string
  caption: string
  credit: string
  copyright: string
  usageTerms: string
  originalName: string
  createdAt: string
  updatedAt: string | null
  uploadedBy: { id: number; name: string | null } | null
  variants: { state: string; items: MediaVariantJson[] }
  /** May the asking user edit the metadata. */
  canEdit: boolean
  /** The library's page of this image. */
  editUrl: string
}

export function mediaJson(row: MediaRow & { uploader_name?: string | null }, mediaUrl: (m: MediaRow) => string, user: Pick<SessionUser, 'id' | 'role'>): MediaJson {
  const variants = parseVariants(row.variants)
  const urlOf = (key: string) => mediaUrl({ ...row, storage_key: key })
  return {
    id: row.id,
    url: mediaUrl(row),
    thumbnailUrl: thumbnailUrl(row, mediaUrl),
    width: row.width,
    height: row.height,
    orientation: orientationOf(row.width, row.height),
    mime: row.mime,
    bytes: row.bytes,
    alt: row.alt,
    caption: row.caption,
    credit: row.credit,
    copyright: row.copyright,
    usageTerms: row.usage_terms,
    originalName: row.original_name,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    uploadedBy: row.uploaded_by === null ? null : { id: row.uploaded_by, name: row.uploader_name ?? null },
    variants: { state: row.variants_state, items: variants.map((v) => ({ format: v.format, width: v.width, height: v.height, bytes: v.bytes, url: urlOf(v.key) })) },
    canEdit: canEditMedia(user, row),
    editUrl: `/admin/media/${row.id}`,
  }
}

/** The smallest WebP (or fallback) variant at least `minWidth` wide, else the original. */
export function thumbnailUrl(row: MediaRow, mediaUrl: (m: MediaRow) => string, minWidth = 320): string {
  const variants = parseVariants(row.variants)
  const pick = (format: MediaVariant['format']) =>
    variants
      .filter((v) => v.format === format)
      .sort((a, b) => a.width - b.width)
      .find((v, i, list) => v.width >= minWidth || i === list.length - 1)
  const best = pick('webp') ?? pick('jpeg') ?? pick('png')
  return best ? mediaUrl({ ...row, storage_key: best.key }) : mediaUrl(row)
}
