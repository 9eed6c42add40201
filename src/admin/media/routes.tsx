/**
 * @module
 * The media library in the newsroom (`/admin/media`) and its JSON API (`/api/admin/media`),
 * registered in app.tsx between `registerAdminRoutes` and `registerAdminFallbacks`.
 *
 * Pages (work without JavaScript; a small script adds drag and drop and uploads with fetch):
 * - `GET  /admin/media`           the library: upload form, search and filters, newest first, paginated
 * - `POST /admin/media`           upload (multipart, one or more `file`), then the new image's page
 * - `GET  /admin/media/:id`       one image: details, variants, the metadata form
 * - `POST /admin/media/:id`       save the metadata (uploader, editors, administrators)
 *
 * API (session + CSRF as every `/api/admin` route; `X-CSRF-Token` on writes):
 * - `GET   /api/admin/media?q=&from=&to=&orientation=&minWidth=&missingAlt=1&mine=1&page=&pageSize=`
 *   → `{ items: MediaJson[], total, page, pages, pageSize }` (the story editor's picker)
 * - `GET   /api/admin/media/:id` → MediaJson
 * - `POST  /api/admin/media` multipart `file` (+ `alt`, `caption`, `credit`, `copyright`, `usageTerms`)
 *   → 201 MediaJson (200 when the same image was already in the library)
 * - `PATCH /api/admin/media/:id` JSON metadata (any of the five fields) → MediaJson
 *
 * Refusals are problem+json with a Polish `detail`: 413 (file too large), 415 (not an image
 * of the five types), 422 (too many pixels, damaged, bad metadata: `errors` per field),
 * 403 (someone else's image), 503 (the storage failed).
 */
import type { Context, Hono, MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { audit, csrfToken, currentUser, requireRole } from '../../accounts/auth.js'
import type { MediaRow } from '../../content/content.table.js'
import {
  canEditMedia,
  cacheKeysForMedia,
  getLibraryItem,
  MediaMetaError,
  mediaJson,
  META_FIELDS,
  ORIENTATIONS,
  searchLibrary,
  thumbnailUrl,
  UPLOAD_ROLES,
  updateMediaMeta,
  type LibraryFilter,
  type LibraryItem,
  type MetaField,
  type Orientation,
} from '../../media/library.js'
import { fileTooLarge, formatMegabytes, MediaError, storeImageResult } from '../../media/media.service.js'
import { sourcePath } from '../../platform/paths.js'
import type { AppDeps } from '../../server/deps.js'
import { mediaUrlFor } from '../../site/site-view.js'
import { adminStylesheetUrl } from '../assets.js'
import { messages } from '../i18n.js'
import { adminView } from '../view.js'
import { renderAdminError } from '../views/errors.js'
import { AuthLayout } from '../views/layout.js'
import { LibraryPageView, MediaPageView, MIN_WIDTHS, ORIENTATION_PARAM, type LibraryQuery, type UploadOutcome } from './views.js'
import { sendHtml } from '../../platform/html.js'

export const MEDIA_SCRIPT = sourcePath('admin', 'media', 'assets', 'media-upload.js')
export const MEDIA_CSS = sourcePath('admin', 'media', 'assets', 'media.css')

/** Files one form post may carry (each up to MEDIA_MAX_BYTES, all together too: see below). */
const MAX_FILES = 20
/** Room for the multipart framing and the text fields around the file(s). */
const MULTIPART_SLACK = 64 * 1024

const UPLOAD_PATHS = new Set(['/admin/media', '/api/admin/media'])

/** A POST to one of the upload endpoints (app.tsx gives them MEDIA_MAX_BYTES instead of MAX_BODY_BYTES). */
export function isMediaUpload(c: Context): boolean {
  return c.req.method === 'POST' && UPLOAD_PATHS.has(c.req.path)
}

function problemJson(c: Context, status: 400 | 403 | 404 | 413 | 415 | 422 | 503, title: string, detail: string, extra: Record<string, unknown> = {}): Response {
  c.header('Cache-Control', 'private, no-store')
  return c.body(JSON.stringify({ type: 'about:blank', title, status, detail, ...extra }), status, { 'Content-Type': 'application/problem+json; charset=utf-8' })
}

/**
 * The body limit of the upload endpoints: MEDIA_MAX_BYTES plus the multipart framing, for the
 * whole request (a form without JavaScript sending several files shares it). Runs before the
 * session is read, so a too-large upload is refused from its Content-Length without reading it.
 */
export function mediaUploadBodyLimit(deps: AppDeps): MiddlewareHandler {
  const max = deps.config.mediaMaxBytes
  return bodyLimit({
    maxSize: max + MULTIPART_SLACK,
    onError: (c) => {
      const length = Number(c.req.header('content-length'))
      const err = fileTooLarge(Number.isFinite(length) && length > 0 ? length : null, max)
      if (c.req.path.startsWith('/api/')) return problemJson(c, 413, 'Plik za duży', err.message)
      const m = messages('pl')
      c.header('Cache-Control', 'private, no-store')
      return sendHtml(
        c,
        <AuthLayout m={m} lang="pl" stylesheet={adminStylesheetUrl(deps)} title="Plik za duży">
          <h1>Plik za duży</h1>
          <p>{err.message}</p>
          <p>Kilka zdjęć naraz możesz przesłać, przeciągając je na stronę biblioteki (każde jest wtedy wysyłane osobno), albo pojedynczo.</p>
          <p>
            <a href="/admin/media">Wróć do biblioteki mediów</a>
          </p>
        </AuthLayout>,
        413,
      )
    },
  })
}

const STATUS_OF: Record<MediaError['code'], 413 | 415 | 422 | 503> = {
  FileTooLarge: 413,
  UnsupportedType: 415,
  TooLarge: 422,
  Corrupt: 422,
  Invalid: 422,
  StorageFailed: 503,
}

const TITLE_OF: Record<MediaError['code'], string> = {
  FileTooLarge: 'Plik za duży',
  UnsupportedType: 'Nieobsługiwany typ pliku',
  TooLarge: 'Obraz za duży',
  Corrupt: 'Uszkodzony plik',
  Invalid: 'Nieprawidłowy opis',
  StorageFailed: 'Błąd magazynu zdjęć',
}

function text(body: Record<string, unknown>, name: string): string {
  const v = body[name]
  return typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : ''
}

function filesOf(body: Record<string, unknown>): File[] {
  const v = body['file'] ?? body['file[]']
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v]
  // An empty file input still sends one part with no name and no bytes.
  return list.filter((f): f is File => f instanceof File && !(f.size === 0 && f.name === ''))
}

function idParam(c: Context): number | null {
  const raw = c.req.param('id') ?? ''
  return /^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : null
}

function libraryQuery(c: Context): LibraryQuery {
  const get = (name: string) => (c.req.query(name) ?? '').trim()
  const date = (v: string) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? v : '')
  return {
    q: get('q').slice(0, 200),
    od: date(get('od')),
    do: date(get('do')),
    orientacja: ORIENTATION_PARAM[get('orientacja')] ? get('orientacja') : '',
    szerokosc: (MIN_WIDTHS as readonly number[]).includes(Number(get('szerokosc'))) ? get('szerokosc') : '',
    bezAlt: get('bez-alt') === '1',
    moje: get('moje') === '1',
  }
}

function pageParam(raw: string | undefined): number {
  return raw && /^\d{1,6}$/.test(raw) ? Math.max(1, Number(raw)) : 1
}

export function registerMediaRoutes(app: Hono, deps: AppDeps): void {
  const mediaUrl = mediaUrlFor(deps.config.mediaPublicUrl)
  const uploaders = requireRole(...UPLOAD_ROLES)
  const assets = () => ({ script: deps.assets.register(MEDIA_SCRIPT).url, stylesheet: deps.assets.register(MEDIA_CSS).url })
  const mediaDeps = () => ({ db: deps.dbh.db, storage: deps.mediaStorage, logger: deps.logger, now: deps.now })
  const timeZone = async () => (await deps.siteData.get()).site.timeZone

  const kick = () => deps.mediaVariants?.kick()
  const invalidateFor = async (id: number) => {
    try {
      await deps.invalidate(await cacheKeysForMedia(deps.dbh.db, id))
    } catch (err) {
      deps.logger.warn({ err, media: id }, 'media: cache invalidation failed')
    }
  }

  /** Stores one uploaded file for the signed-in user. */
  async function storeUpload(c: Context, file: File, meta: { alt: string; caption: string; credit: string; copyright: string; usageTerms: string }): Promise<{ row: MediaRow; created: boolean }> {
    const max = deps.config.mediaMaxBytes
    if (file.size > max) throw fileTooLarge(file.size, max)
    const bytes = Buffer.from(await file.arrayBuffer())
    const { row, created } = await storeImageResult(mediaDeps(), bytes, meta, { uploadedBy: currentUser(c).id, originalName: file.name, maxBytes: max })
    if (created) {
      await audit(deps, c, 'media.uploaded', `media:${row.id}`, { name: row.original_name, bytes: row.bytes, width: row.width, height: row.height })
      kick()
    }
    return { row, created }
  }

  // ── pages ───────────────────────────────────────────────────────────────

  async function libraryPage(c: Context, extra: { outcome?: UploadOutcome; notice?: string; uploadValues?: { alt: string; credit: string } } = {}, status: 200 | 413 | 415 | 422 | 503 = 200) {
    const view = await adminView(c, deps)
    const query = libraryQuery(c)
    const filter: LibraryFilter = {
      q: query.q,
      from: query.od || undefined,
      to: query.do || undefined,
      orientation: ORIENTATION_PARAM[query.orientacja],
      minWidth: query.szerokosc ? Number(query.szerokosc) : undefined,
      missingAlt: query.bezAlt,
      uploadedBy: query.moje ? view.user.id : undefined,
      page: pageParam(c.req.query('strona')),
      timeZone: view.timeZone,
    }
    const result = await searchLibrary(deps.dbh.db, filter)
    const { script, stylesheet } = assets()
    return sendHtml(
      c,
      <LibraryPageView
        view={view}
        query={query}
        result={result}
        thumb={(item: LibraryItem) => thumbnailUrl(item, mediaUrl)}
        script={script}
        stylesheet={stylesheet}
        maxBytes={deps.config.mediaMaxBytes}
        outcome={extra.outcome}
        notice={extra.notice}
        uploadValues={extra.uploadValues}
      />,
      status,
    )
  }

  app.get('/admin/media', uploaders, async (c) => {
    const n = Number(c.req.query('przeslano') ?? '')
    const notice = Number.isInteger(n) && n > 0 && n <= MAX_FILES ? messages(currentUser(c).language)['media.uploadedNotice'](n) : undefined
    return libraryPage(c, notice ? { notice } : {})
  })

  app.post('/admin/media', uploaders, async (c) => {
    const body = await c.req.parseBody({ all: true })
    const files = filesOf(body)
    const meta = { alt: text(body, 'alt').trim(), caption: '', credit: text(body, 'credit').trim(), copyright: '', usageTerms: '' }
    const uploadValues = { alt: meta.alt, credit: meta.credit }
    if (files.length === 0) return libraryPage(c, { outcome: { stored: [], errors: [{ name: '', message: messages(currentUser(c).language)['media.chooseFile'] }] }, uploadValues }, 422)
    if (files.length > MAX_FILES) {
      return libraryPage(c, { outcome: { stored: [], errors: [{ name: '', message: messages(currentUser(c).language)['media.tooManyFiles'](MAX_FILES) }] }, uploadValues }, 422)
    }
    const outcome: UploadOutcome = { stored: [], errors: [] }
    let firstStatus: 413 | 415 | 422 | 503 | null = null
    let known = false
    for (const file of files) {
      try {
        const { row, created } = await storeUpload(c, file, meta)
        known ||= !created
        const item = await getLibraryItem(deps.dbh.db, row.id)
        if (item) outcome.stored.push(item)
      } catch (err) {
        if (!(err instanceof MediaError)) throw err
        firstStatus ??= STATUS_OF[err.code]
        outcome.errors.push({ name: file.name, message: err.message })
      }
    }
    if (outcome.errors.length === 0) {
      if (outcome.stored.length === 1) return c.redirect(`/admin/media/${outcome.stored[0]!.id}?${known ? 'juz-jest' : 'przeslano'}=1`, 303)
      return c.redirect(`/admin/media?przeslano=${outcome.stored.length}`, 303)
    }
    return libraryPage(c, { outcome, uploadValues }, outcome.stored.length > 0 ? 200 : (firstStatus ?? 422))
  })

  async function mediaPage(c: Context, item: LibraryItem, form?: { values: Record<MetaField, string>; errors: Partial<Record<MetaField, string>> }, notice?: string, status: 200 | 422 = 200) {
    const view = await adminView(c, deps)
    const values = form?.values ?? { alt: item.alt, caption: item.caption, credit: item.credit, copyright: item.copyright, usageTerms: item.usage_terms }
    return sendHtml(
      c,
      <MediaPageView
        view={view}
        item={item}
        preview={thumbnailUrl(item, mediaUrl, 960)}
        originalUrl={mediaUrl(item)}
        stylesheet={assets().stylesheet}
        canEdit={canEditMedia(view.user, item)}
        values={values}
        errors={form?.errors ?? {}}
        notice={notice}
      />,
      status,
    )
  }

  const notFound = (c: Context) => renderAdminError(c, deps, 404, { user: currentUser(c), csrf: csrfToken(c) })

  app.get('/admin/media/:id', uploaders, async (c) => {
    const id = idParam(c)
    const item = id === null ? undefined : await getLibraryItem(deps.dbh.db, id)
    if (!item) return notFound(c)
    const m = messages(currentUser(c).language)
    const notice =
      c.req.query('juz-jest') !== undefined
        ? m['media.alreadyThere']
        : c.req.query('przeslano') !== undefined
        ? item.alt
          ? m['media.uploadedOne']
          : m['media.uploadedOneNoAlt']
        : c.req.query('zapisano') !== undefined
          ? m['media.savedDescription']
          : undefined
    return mediaPage(c, item, undefined, notice)
  })

  app.post('/admin/media/:id', uploaders, async (c) => {
    const id = idParam(c)
    const item = id === null ? undefined : await getLibraryItem(deps.dbh.db, id)
    if (!item) return notFound(c)
    const user = currentUser(c)
    if (!canEditMedia(user, item)) return renderAdminError(c, deps, 403, { user, csrf: csrfToken(c) })
    const body = await c.req.parseBody()
    const values = Object.fromEntries(META_FIELDS.map((f) => [f, text(body, f)])) as Record<MetaField, string>
    try {
      await updateMediaMeta(deps.dbh.db, item.id, values, deps.now())
    } catch (err) {
      if (err instanceof MediaMetaError) return mediaPage(c, item, { values, errors: err.fields }, undefined, 422)
      throw err
    }
    await audit(deps, c, 'media.updated', `media:${item.id}`, { uploadedBy: item.uploaded_by, alt: values.alt.trim().slice(0, 200) })
    await invalidateFor(item.id)
    return c.redirect(`/admin/media/${item.id}?zapisano`, 303)
  })

  // ── API ─────────────────────────────────────────────────────────────────

  app.get('/api/admin/media', uploaders, async (c) => {
    const user = currentUser(c)
    const get = (name: string) => (c.req.query(name) ?? '').trim()
    const orientation = get('orientation')
    const minWidth = Number(get('minWidth'))
    const pageSize = Number(get('pageSize'))
    const result = await searchLibrary(deps.dbh.db, {
      q: get('q').slice(0, 200),
      from: get('from') || undefined,
      to: get('to') || undefined,
      orientation: (ORIENTATIONS as readonly string[]).includes(orientation) ? (orientation as Orientation) : undefined,
      minWidth: Number.isInteger(minWidth) && minWidth > 0 ? minWidth : undefined,
      missingAlt: get('missingAlt') === '1' || get('missingAlt') === 'true',
      uploadedBy: get('mine') === '1' || get('mine') === 'true' ? user.id : undefined,
      page: pageParam(get('page')),
      pageSize: Number.isInteger(pageSize) && pageSize > 0 ? pageSize : undefined,
      timeZone: await timeZone(),
    })
    return c.json({ items: result.items.map((r) => mediaJson(r, mediaUrl, user)), total: result.total, page: result.page, pages: result.pages, pageSize: result.pageSize })
  })

  app.get('/api/admin/media/:id', uploaders, async (c) => {
    const id = idParam(c)
    const item = id === null ? undefined : await getLibraryItem(deps.dbh.db, id)
    if (!item) return problemJson(c, 404, 'Nie znaleziono', 'Nie ma takiego zdjęcia w bibliotece.')
    return c.json(mediaJson(item, mediaUrl, currentUser(c)))
  })

  app.post('/api/admin/media', uploaders, async (c) => {
    const type = c.req.header('content-type') ?? ''
    if (!/^multipart\/form-data/i.test(type)) return problemJson(c, 415, 'Nieobsługiwany format żądania', 'Prześlij plik jako multipart/form-data w polu „file”.')
    const body = await c.req.parseBody({ all: true })
    const files = filesOf(body)
    if (files.length !== 1) return problemJson(c, 422, 'Brak pliku', files.length === 0 ? 'Dołącz jeden plik w polu „file”.' : 'Jedno żądanie może przesłać jeden plik.')
    const meta = { alt: text(body, 'alt'), caption: text(body, 'caption'), credit: text(body, 'credit'), copyright: text(body, 'copyright'), usageTerms: text(body, 'usageTerms') }
    try {
      const { row, created } = await storeUpload(c, files[0]!, meta)
      const item = (await getLibraryItem(deps.dbh.db, row.id))!
      return c.json(mediaJson(item, mediaUrl, currentUser(c)), created ? 201 : 200)
    } catch (err) {
      if (!(err instanceof MediaError)) throw err
      return problemJson(c, STATUS_OF[err.code], TITLE_OF[err.code], err.message, err.code === 'FileTooLarge' ? { maxBytes: deps.config.mediaMaxBytes, maxLabel: formatMegabytes(deps.config.mediaMaxBytes) } : {})
    }
  })

  app.patch('/api/admin/media/:id', uploaders, async (c) => {
    const id = idParam(c)
    const item = id === null ? undefined : await getLibraryItem(deps.dbh.db, id)
    if (!item) return problemJson(c, 404, 'Nie znaleziono', 'Nie ma takiego zdjęcia w bibliotece.')
    const user = currentUser(c)
    if (!canEditMedia(user, item)) return problemJson(c, 403, 'Brak dostępu', 'Opis cudzego zdjęcia mogą zmienić redaktorzy i administratorzy.')
    let input: unknown
    try {
      input = await c.req.json()
    } catch {
      return problemJson(c, 400, 'Nieprawidłowe żądanie', 'Treść żądania musi być obiektem JSON.')
    }
    if (!input || typeof input !== 'object' || Array.isArray(input)) return problemJson(c, 400, 'Nieprawidłowe żądanie', 'Treść żądania musi być obiektem JSON.')
    const given = input as Record<string, unknown>
    const current: Record<MetaField, string> = { alt: item.alt, caption: item.caption, credit: item.credit, copyright: item.copyright, usageTerms: item.usage_terms }
    const values = Object.fromEntries(META_FIELDS.map((f) => [f, f in given ? given[f] : current[f]]))
    for (const f of META_FIELDS) {
      if (typeof values[f] !== 'string') return problemJson(c, 422, 'Nieprawidłowy opis', `${f}: oczekiwano tekstu.`, { errors: { [f]: 'Oczekiwano tekstu.' } })
    }
    try {
      await updateMediaMeta(deps.dbh.db, item.id, values, deps.now())
    } catch (err) {
      if (err instanceof MediaMetaError) return problemJson(c, 422, 'Nieprawidłowy opis', err.message, { errors: err.fields })
      throw err
    }
    await audit(deps, c, 'media.updated', `media:${item.id}`, { uploadedBy: item.uploaded_by, alt: String(values.alt).trim().slice(0, 200) })
    await invalidateFor(item.id)
    return c.json(mediaJson((await getLibraryItem(deps.dbh.db, item.id))!, mediaUrl, user))
  })
}
