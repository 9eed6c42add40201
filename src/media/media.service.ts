/**
 * @module
 * The media store: takes the bytes of an uploaded or generated image, checks what it really
 * is (never trusting the file name), normalises it (EXIF orientation applied, metadata such
 * as GPS position stripped, re-encoded) and stores it content-addressed under the key
 * `<yyyy>/<mm>/<sha256-16>.<ext>` in the media storage (`<dataDir>/media/` or an
 * S3-compatible bucket, see storage.ts), with a `media` row for the library.
 *
 * The site serves `/media/<storage_key>` from the storage (or links MEDIA_PUBLIC_URL), so
 * the stored key has no leading `media/`.
 */
import { createHash } from 'node:crypto'
import type { Logger } from 'pino'
import type { Metadata, OutputInfo, Sharp } from 'sharp'
import { z } from 'zod'
import type { MediaRow } from '../content/content.table.js'
import type { Db, Tx } from '../platform/db/database.js'
import { mediaSearchText } from './search-text.js'
import { loadSharp } from './sharp.js'
import { sniffImageType } from './sniff.js'
import type { MediaStorage } from './storage.js'

export { mediaFilePath } from './storage.js'

/** Images larger than this are refused (decoding them would take too much memory). */
export const MAX_INPUT_PIXELS = 40_000_000
/** JPEG quality of re-encoded photos (mozjpeg). */
export const JPEG_QUALITY = 82
export const WEBP_QUALITY = 82
export const AVIF_QUALITY = 60

/** Default of MEDIA_MAX_BYTES: the largest file accepted. */
export const DEFAULT_MAX_FILE_BYTES = 25 * 1024 * 1024

/**
 * `TooLarge`: too many pixels (a decompression bomb or a huge scan); `FileTooLarge`: too many
 * bytes (HTTP 413).
 */
export type MediaErrorCode = 'UnsupportedType' | 'TooLarge' | 'FileTooLarge' | 'Corrupt' | 'Invalid' | 'StorageFailed'

/** A refusal of the media store; `message` is Polish and can be shown to the newsroom as is. */
export class MediaError extends Error {
  constructor(
    readonly code: MediaErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'MediaError'
  }
}

export interface MediaDeps {
  readonly db: Db | Tx
  /** Where the files go (`AppDeps.mediaStorage`: local disk or an S3-compatible bucket). */
  readonly storage: MediaStorage
  /** Receives the English detail when the storage fails (the newsroom sees a Polish message). */
  readonly logger?: Pick<Logger, 'error'>
  /** The clock that picks the `<yyyy>/<mm>` folder (tests replace it). */
  readonly now?: () => Date
}

export const MediaMetaSchema = z.object({
  alt: z.string().trim().max(1000, 'Tekst alternatywny może mieć najwyżej 1000 znaków.'),
  caption: z.string().trim().max(2000, 'Podpis może mieć najwyżej 2000 znaków.'),
  credit: z.string().trim().max(500, 'Autor lub źródło zdjęcia może mieć najwyżej 500 znaków.'),
  copyright: z.string().trim().max(500, 'Informacja o prawach autorskich może mieć najwyżej 500 znaków.').optional(),
  usageTerms: z.string().trim().max(2000, 'Warunki wykorzystania mogą mieć najwyżej 2000 znaków.').optional(),
})
export type MediaMeta = z.input<typeof MediaMetaSchema>

type StoredFormat = 'jpeg' | 'png' | 'webp' | 'avif' | 'gif'

const FORMATS: Record<StoredFormat, { ext: string; mime: string }> = {
  jpeg: { ext: 'jpg', mime: 'image/jpeg' },
  png: { ext: 'png', mime: 'image/png' },
  webp: { ext: 'webp', mime: 'image/webp' },
  avif: { ext: 'avif', mime: 'image/avif' },
  gif: { ext: 'gif', mime: 'image/gif' },
}

const UNSUPPORTED = 'Nieobsługiwany typ pliku. Prześlij obraz JPEG, PNG, WebP, AVIF lub GIF.'
const CORRUPT = 'Plik obrazu jest uszkodzony lub niekompletny i nie da się go odczytać.'
const STORAGE_FAILED =
  'Nie udało się zapisać pliku w magazynie zdjęć. Spróbuj ponownie za chwilę; jeśli błąd się powtarza, powiadom administratora serwisu.'

/** "25 MB" (binary megabytes, as MEDIA_MAX_BYTES counts them), Polish decimal comma. */
export function formatMegabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toLocaleString('pl-PL', { maximumFractionDigits: 1 })} MB`
}

export function fileTooLarge(size: number | null, maxBytes: number): MediaError {
  const what = size === null ? 'Plik jest za duży.' : `Plik jest za duży (${formatMegabytes(size)}).`
  return new MediaError('FileTooLarge', `${what} Największy dopuszczalny rozmiar zdjęcia to ${formatMegabytes(maxBytes)}.`)
}

function tooLarge(pixels: number): MediaError {
  const mp = (pixels / 1_000_000).toLocaleString('pl-PL', { maximumFractionDigits: 1 })
  return new MediaError('TooLarge', `Obraz jest za duży (${mp} Mpx). Największy dopuszczalny rozmiar to ${MAX_INPUT_PIXELS / 1_000_000} Mpx.`)
}

/** What the bytes are, judged by their content: one of the stored formats, or null. */
function storedFormat(meta: Metadata): StoredFormat | null {
  switch (meta.format) {
    case 'jpeg':
    case 'png':
    case 'webp':
    case 'gif':
      return meta.format
    // libheif reports AVIF as "heif"; HEIC (hevc) is not something browsers show.
    case 'heif':
      return meta.compression === 'av1' ? 'avif' : null
    default:
      return null
  }
}

async function readMetadata(bytes: Buffer): Promise<Metadata> {
  if (bytes.length === 0) throw new MediaError('UnsupportedType', UNSUPPORTED)
  // The magic bytes first: only the five image types reach the decoders at all.
  const sniffed = sniffImageType(bytes)
  if (!sniffed) throw new MediaError('UnsupportedType', UNSUPPORTED)
  const sharp = await loadSharp()
  try {
    // Unlimited here: the size is checked below, with a message that names it.
    return await sharp(bytes, { limitInputPixels: false }).metadata()
  } catch {
    throw new MediaError('UnsupportedType', UNSUPPORTED)
  }
}

function encode(image: Sharp, format: StoredFormat): Sharp {
  switch (format) {
    case 'jpeg':
      return image.jpeg({ quality: JPEG_QUALITY, mozjpeg: true })
    case 'png':
      return image.png({ compressionLevel: 9, adaptiveFiltering: true })
    case 'webp':
      return image.webp({ quality: WEBP_QUALITY })
    case 'avif':
      return image.avif({ quality: AVIF_QUALITY })
    case 'gif':
      return image.gif()
  }
}

export interface NormalisedImage {
  data: Buffer
  format: StoredFormat
  ext: string
  mime: string
  width: number
  height: number
}

/**
 * Checks and re-encodes an image: EXIF orientation applied, all metadata stripped, colours
 * converted to sRGB. JPEG photos are re-encoded with mozjpeg; PNG, WebP, AVIF and GIF keep
 * their format (animations stay animated).
 */
export async function normaliseImage(bytes: Buffer): Promise<NormalisedImage> {
  const meta = await readMetadata(bytes)
  const format = storedFormat(meta)
  // The decoder must agree with the magic bytes (a PNG signature in front of a JPEG is refused).
  if (!format || format !== sniffImageType(bytes)) throw new MediaError('UnsupportedType', UNSUPPORTED)
  const pages = meta.pages ?? 1
  const frameHeight = meta.pageHeight ?? meta.height
  if (!meta.width || !frameHeight) throw new MediaError('Corrupt', CORRUPT)
  if (meta.width * frameHeight > MAX_INPUT_PIXELS) throw tooLarge(meta.width * frameHeight)
  const animated = pages > 1 && (format === 'gif' || format === 'webp')
  const sharp = await loadSharp()
  let image = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error', ...(animated ? { animated: true } : {}) })
  // Animations carry no EXIF orientation, and rotating a frame strip would scramble it.
  if (!animated) image = image.rotate()
  let out: { data: Buffer; info: OutputInfo }
  try {
    out = await encode(image, format).toBuffer({ resolveWithObject: true })
  } catch (err) {
    if (/pixel limit/i.test(String((err as Error).message))) throw tooLarge(meta.width * frameHeight * pages)
    throw new MediaError('Corrupt', CORRUPT)
  }
  return {
    data: out.data,
    format,
    ...FORMATS[format],
    width: out.info.width,
    height: animated ? (out.info.pageHeight ?? frameHeight) : out.info.height,
  }
}

/** `media/<yyyy>/<mm>/<hash>.<ext>` without the leading `media/`. */
export function storageKeyFor(data: Buffer, ext: string, date: Date): string {
  const hash = createHash('sha256').update(data).digest('hex').slice(0, 16)
  const yyyy = String(date.getUTCFullYear())
  const mm = String(date.getUTCMonth() + 1).padStart(2, '0')
  return `${yyyy}/${mm}/${hash}.${ext}`
}

/** Runs a storage operation; a failure is logged in English and refused in Polish. */
async function inStorage<T>(deps: MediaDeps, what: string, key: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (err) {
    deps.logger?.error({ err, storage: deps.storage.description, key }, `media storage: ${what} failed`)
    throw new MediaError('StorageFailed', STORAGE_FAILED, { cause: err })
  }
}

export interface StoreOptions {
  /** The newsroom account uploading it (may then edit its metadata). */
  readonly uploadedBy?: number | null
  /** The file's name as uploaded (kept for the library; never used to judge the type). */
  readonly originalName?: string
  /** Refuse bigger files (`FileTooLarge`); the HTTP layer also limits the request body. */
  readonly maxBytes?: number
}

/** A file name for display: no path, no control characters, at most 255 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? ''
  // eslint-disable-next-line no-control-regex
  return base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 255)
}

/**
 * Stores an image and returns its `media` row; its responsive variants are made afterwards
 * by the MediaVariantWorker (`variants_state` 'pending' until then).
 *
 * Files are content-addressed: storing the very same image again in the same month returns
 * the existing row (with its original alt, caption and credit) instead of a copy.
 * Refusals throw `MediaError` with a Polish message; nothing is written then. A storage that
 * cannot be written (disk full, bucket unreachable, wrong credentials) is `StorageFailed`,
 * with the English detail in `cause` and in `deps.logger`. When `deps.db` is a transaction
 * that later rolls back, the file stays stored (an unreferenced object, which the same bytes
 * would reuse).
 */
export async function storeImage(deps: MediaDeps, bytes: Buffer, meta: MediaMeta, options: StoreOptions = {}): Promise<MediaRow> {
  return (await storeImageResult(deps, bytes, meta, options)).row
}

/** `storeImage`, telling whether the row is new (false: the same image was already stored this month). */
export async function storeImageResult(deps: MediaDeps, bytes: Buffer, meta: MediaMeta, options: StoreOptions = {}): Promise<{ row: MediaRow; created: boolean }> {
  if (options.maxBytes !== undefined && bytes.length > options.maxBytes) throw fileTooLarge(bytes.length, options.maxBytes)
  const parsed = MediaMetaSchema.safeParse(meta)
  if (!parsed.success) throw new MediaError('Invalid', parsed.error.issues.map((i) => i.message).join(' '))
  const m = parsed.data
  const originalName = cleanFileName(options.originalName ?? '')
  const image = await normaliseImage(bytes)
  const now = deps.now?.() ?? new Date()
  const storageKey = storageKeyFor(image.data, image.ext, now)

  const existing = await deps.db.selectFrom('media').selectAll().where('storage_key', '=', storageKey).executeTakeFirst()
  const hadFile = await inStorage(deps, 'exists', storageKey, () => deps.storage.exists(storageKey))
  if (!hadFile) await inStorage(deps, 'put', storageKey, () => deps.storage.put(storageKey, image.data, image.mime))
  if (existing) return { row: existing, created: false }

  try {
    const row = await deps.db
      .insertInto('media')
      .values({
        storage_key: storageKey,
        mime: image.mime,
        width: image.width,
        height: image.height,
        bytes: image.data.length,
        alt: m.alt,
        caption: m.caption,
        credit: m.credit,
        copyright: m.copyright ?? '',
        usage_terms: m.usageTerms ?? '',
        created_at: now.toISOString(),
        uploaded_by: options.uploadedBy ?? null,
        original_name: originalName,
        search_text: mediaSearchText({ ...m, originalName }),
      })
      .onConflict((oc) => oc.column('storage_key').doNothing())
      .returningAll()
      .executeTakeFirst()
    if (row) return { row, created: true }
    // Someone stored the same bytes at the same moment: theirs is as good as ours.
    return { row: await deps.db.selectFrom('media').selectAll().where('storage_key', '=', storageKey).executeTakeFirstOrThrow(), created: false }
  } catch (err) {
    if (!hadFile) {
      await deps.storage.delete(storageKey).catch((cleanupErr: unknown) => {
        deps.logger?.error({ err: cleanupErr, storage: deps.storage.description, key: storageKey }, 'media storage: removing an unreferenced object failed')
      })
    }
    throw err
  }
}
