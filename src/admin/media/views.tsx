/** The media library's pages: the library (upload, search, filters, grid) and one image (details, metadata form). */
import type { Child } from 'hono/jsx'
import { raw } from 'hono/html'
import { jsonForScript } from '../../site/html.js'
import { formatMegabytes } from '../../media/media.service.js'
import { META_FIELDS, orientationOf, type LibraryItem, type LibraryPage, type MetaField, type Orientation } from '../../media/library.js'
import { parseVariants } from '../../media/variants.js'
import { formatWhen } from '../views/format.js'
import type { Messages } from '../i18n.js'
import { AdminLayout, Csrf, type AdminView } from '../view.js'

export const ORIENTATION_PARAM: Record<string, Orientation> = { pozioma: 'landscape', pionowa: 'portrait', kwadratowa: 'square' }
export const ORIENTATION_LABEL: Record<Orientation, string> = { landscape: 'pozioma', portrait: 'pionowa', square: 'kwadratowa' }
export const MIN_WIDTHS = [640, 1280, 1600, 2400] as const

/** A metadata field's label and hint in the reader's language. */
const fieldLabel = (m: Messages, f: MetaField) => m[`media.field.${f}`]
const fieldHint = (m: Messages, f: MetaField) => m[`media.hint.${f}`]

export interface LibraryQuery {
  q: string
  od: string
  do: string
  orientacja: string
  szerokosc: string
  bezAlt: boolean
  moje: boolean
}

export interface UploadOutcome {
  stored: LibraryItem[]
  errors: Array<{ name: string; message: string }>
}

export interface LibraryPageProps {
  view: AdminView
  query: LibraryQuery
  result: LibraryPage
  thumb: (item: LibraryItem) => string
  script: string
  stylesheet: string
  maxBytes: number
  /** After an upload without JavaScript. */
  outcome?: UploadOutcome | undefined
  notice?: string | undefined
  /** Values of the upload form to keep after a refusal. */
  uploadValues?: { alt: string; credit: string } | undefined
}

function queryString(q: LibraryQuery, page?: number): string {
  const params = new URLSearchParams()
  if (q.q) params.set('q', q.q)
  if (q.od) params.set('od', q.od)
  if (q.do) params.set('do', q.do)
  if (q.orientacja) params.set('orientacja', q.orientacja)
  if (q.szerokosc) params.set('szerokosc', q.szerokosc)
  if (q.bezAlt) params.set('bez-alt', '1')
  if (q.moje) params.set('moje', '1')
  if (page && page > 1) params.set('strona', String(page))
  const s = params.toString()
  return s ? `?${s}` : ''
}

function dimensions(item: { width: number; height: number }): string {
  return `${item.width}\u00A0×\u00A0${item.height}\u00A0px`
}

function VariantsState({ item, m }: { item: LibraryItem; m: Messages }) {
  if (item.variants_state === 'ready') {
    const n = parseVariants(item.variants).length
    return n ? <>{m['media.variantsReady'](n, item.mime === 'image/png' ? 'PNG/JPEG' : 'JPEG')}</> : <>{m['media.variantsNone']}</>
  }
  if (item.variants_state === 'failed') return <span class="field-error">{m['media.variantsFailed']}</span>
  return <>{m['media.variantsPending']}</>
}

function MissingAlt({ m }: { m: Messages }) {
  return <strong class="media-missing-alt">{m['media.missingAlt']}</strong>
}

export function MediaItemCard({ item, view, thumb }: { item: LibraryItem; view: AdminView; thumb: string }) {
  const href = `/admin/media/${item.id}`
  return (
    <li class="media-item" data-media-id={String(item.id)}>
      <a href={href} class="media-thumb" tabindex={-1} aria-hidden="true">
        <img src={thumb} alt={item.alt} width={item.width} height={item.height} loading="lazy" decoding="async" />
      </a>
      <div class="media-meta">
        <p class="media-alt">{item.alt ? <a href={href}>{item.alt}</a> : <a href={href}><MissingAlt m={view.m} /></a>}</p>
        {item.caption ? <p class="media-caption">{item.caption}</p> : null}
        <p class="muted">
          {[item.credit ? view.m['media.credit'](item.credit) : '', dimensions(item), view.m['media.number'](item.id)].filter(Boolean).join(' · ')}
          <br />
          {formatWhen(item.created_at, view.lang, view.timeZone)}
          {item.uploader_name ? ` · ${item.uploader_name}` : ''}
        </p>
      </div>
    </li>
  )
}

function Filters({ query, m }: { query: LibraryQuery; m: Messages }) {
  return (
    <form class="filters media-filters" method="get" action="/admin/media" role="search" aria-label={m['media.searchLabel']}>
      <div class="field">
        <label for="f-q">{m['media.search']}</label>
        <input type="search" id="f-q" name="q" value={query.q} maxlength={200} aria-describedby="f-q-opis" />
        <p class="hint" id="f-q-opis">
          {m['media.searchHint']}
        </p>
      </div>
      <div class="field">
        <label for="f-od">{m['media.from']}</label>
        <input type="date" id="f-od" name="od" value={query.od} />
      </div>
      <div class="field">
        <label for="f-do">{m['media.to']}</label>
        <input type="date" id="f-do" name="do" value={query.do} />
      </div>
      <div class="field">
        <label for="f-orientacja">{m['media.orientation']}</label>
        <select id="f-orientacja" name="orientacja">
          <option value="">dowolna</option>
          {Object.keys(ORIENTATION_PARAM).map((k) => (
            <option value={k} selected={query.orientacja === k}>
              {m[`media.orientation.${ORIENTATION_PARAM[k]!}`]}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="f-szerokosc">{m['media.width']}</label>
        <select id="f-szerokosc" name="szerokosc">
          <option value="">dowolna</option>
          {MIN_WIDTHS.map((w) => (
            <option value={String(w)} selected={query.szerokosc === String(w)}>
              {m['media.atLeast'](w)}
            </option>
          ))}
        </select>
      </div>
      <div class="field checks">
        <label>
          <input type="checkbox" name="bez-alt" value="1" checked={query.bezAlt} /> {m['media.withoutAlt']}
        </label>
        <label>
          <input type="checkbox" name="moje" value="1" checked={query.moje} /> {m['media.onlyMine']}
        </label>
      </div>
      <div class="field">
        <button type="submit">{m['media.filter']}</button> <a href="/admin/media">{m['media.clear']}</a>
      </div>
    </form>
  )
}

function UploadForm({ view, maxBytes, values }: { view: AdminView; maxBytes: number; values: { alt: string; credit: string } }) {
  const limit = formatMegabytes(maxBytes)
  const { m } = view
  return (
    <section class="box media-upload" aria-labelledby="upload-title">
      <h2 id="upload-title">{m['media.upload']}</h2>
      <form id="media-upload" method="post" action="/admin/media" enctype="multipart/form-data" data-max-bytes={String(maxBytes)} data-max-label={limit}>
        <Csrf token={view.csrf} />
        <div class="dropzone" id="media-dropzone">
          <div class="field">
            <label for="media-file">{m['media.files']}</label>
            <input type="file" id="media-file" name="file" accept="image/jpeg,image/png,image/webp,image/avif,image/gif" multiple required aria-describedby="media-file-opis" />
            <p class="hint" id="media-file-opis">
              {m['media.filesHint'](limit)}
            </p>
            <p class="hint dropzone-hint" hidden>
              {m['media.dropHint']}
            </p>
          </div>
        </div>
        <div class="field">
          <label for="media-alt">{m['media.uploadAlt']}</label>
          <input type="text" id="media-alt" name="alt" value={values.alt} maxlength={1000} />
        </div>
        <div class="field">
          <label for="media-credit">{m['media.field.credit']}</label>
          <input type="text" id="media-credit" name="credit" value={values.credit} maxlength={500} />
        </div>
        <button type="submit">{m['media.uploadSubmit']}</button>
        <div id="media-upload-status" class="upload-status" role="status" aria-live="polite"></div>
      </form>
    </section>
  )
}

function Outcome({ outcome, m }: { outcome: UploadOutcome; m: Messages }) {
  return (
    <>
      {outcome.stored.length > 0 ? (
        <div class="notice" role="status">
          <p>{m['media.uploaded'](outcome.stored.length)}</p>
        </div>
      ) : null}
      {outcome.errors.length > 0 ? (
        <div class="alert" role="alert">
          <p>
            <strong>{outcome.errors.length === 1 ? m['media.notUploadedOne'] : m['media.notUploaded'](outcome.errors.length)}</strong>
          </p>
          <ul>
            {outcome.errors.map((e) => (
              <li>
                {e.name ? <strong>{e.name}</strong> : null}
                {e.name ? ': ' : ''}
                {e.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  )
}

export function LibraryPageView(p: LibraryPageProps) {
  const { view, query, result } = p
  const { m } = view
  const filtered = Boolean(query.q || query.od || query.do || query.orientacja || query.szerokosc || query.bezAlt || query.moje)
  return (
    <AdminLayout view={view} title={m['media.title']} scripts={[p.script]} notice={p.notice ? <p>{p.notice}</p> : undefined}>
      <link rel="stylesheet" href={p.stylesheet} />
      <h1>{m['media.title']}</h1>
      {p.outcome ? <Outcome outcome={p.outcome} m={m} /> : null}
      <UploadForm view={view} maxBytes={p.maxBytes} values={p.uploadValues ?? { alt: '', credit: '' }} />
      <h2 id="library-title">{m['media.photos']}</h2>
      <Filters query={query} m={m} />
      <p class="muted" id="media-count">
        {result.total === 0
          ? filtered
            ? m['media.noMatch']
            : m['media.empty']
          : `${filtered ? m['media.matching'](result.total) : m['media.inLibrary'](result.total)}${result.pages > 1 ? ` · ${m['media.pageOf'](result.page, result.pages)}` : ''}`}
      </p>
      <script type="application/json" id="media-messages">
        {raw(jsonForScript(Object.fromEntries(Object.entries(m).filter(([k]) => k.startsWith('media.js.')))))}
      </script>
      <ul class="media-grid" id="media-grid" aria-labelledby="library-title">
        {result.items.map((item) => (
          <MediaItemCard item={item} view={view} thumb={p.thumb(item)} />
        ))}
      </ul>
      {result.pages > 1 ? (
        <nav class="pager" aria-label={m['media.pager']}>
          {result.page > 1 ? <a href={`/admin/media${queryString(query, result.page - 1)}`} rel="prev">{m['media.newer']}</a> : null}
          <span>{m['media.pagerPage'](result.page, result.pages)}</span>
          {result.page < result.pages ? <a href={`/admin/media${queryString(query, result.page + 1)}`} rel="next">{m['media.older']}</a> : null}
        </nav>
      ) : null}
    </AdminLayout>
  )
}

export interface MediaPageProps {
  view: AdminView
  item: LibraryItem
  preview: string
  originalUrl: string
  stylesheet: string
  canEdit: boolean
  values: Record<MetaField, string>
  errors: Partial<Record<MetaField, string>>
  notice?: string | undefined
}

function MetaInput({ m, name, value, error }: { m: Messages; name: MetaField; value: string; error: string | undefined }) {
  const id = `m-${name}`
  const hintId = `${id}-opis`
  const errorId = `${id}-blad`
  const describedBy = [error ? errorId : '', hintId].filter(Boolean).join(' ')
  const multiline = name === 'alt' || name === 'caption' || name === 'usageTerms'
  const max = name === 'alt' ? 1000 : name === 'caption' || name === 'usageTerms' ? 2000 : 500
  return (
    <div class="field">
      <label for={id}>{fieldLabel(m, name)}</label>
      {multiline ? (
        <textarea id={id} name={name} rows={name === 'alt' ? 2 : 3} maxlength={max} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy}>
          {value}
        </textarea>
      ) : (
        <input type="text" id={id} name={name} value={value} maxlength={max} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy} />
      )}
      <p class="hint" id={hintId}>
        {fieldHint(m, name)}
      </p>
      {error ? (
        <p class="field-error" id={errorId}>
          {error}
        </p>
      ) : null}
    </div>
  )
}

export function MediaPageView(p: MediaPageProps) {
  const { view, item } = p
  const { m } = view
  const title = item.alt ? m['media.photoTitle'](item.id) : m['media.photoTitleNoAlt'](item.id)
  const bad = META_FIELDS.filter((f) => p.errors[f])
  const rows: Array<[string, Child]> = [
    [m['media.fact.file'], item.original_name || '—'],
    [m['media.fact.type'], item.mime],
    [m['media.fact.size'], `${dimensions(item)} (${m[`media.orientation.${orientationOf(item.width, item.height)}`]})`],
    [m['media.fact.bytes'], formatMegabytes(item.bytes)],
    [m['media.fact.uploaded'], `${formatWhen(item.created_at, view.lang, view.timeZone)}${item.uploader_name ? m['media.fact.uploadedBy'](item.uploader_name) : ''}`],
    [m['media.fact.updated'], formatWhen(item.updated_at, view.lang, view.timeZone, '—')],
    [m['media.fact.variants'], <VariantsState item={item} m={m} />],
  ]
  return (
    <AdminLayout view={view} title={title} notice={p.notice ? <p>{p.notice}</p> : undefined}>
      <link rel="stylesheet" href={p.stylesheet} />
      <p>
        <a href="/admin/media">{m['media.back']}</a>
      </p>
      <h1>{title}</h1>
      <div class="media-detail">
        <figure class="media-preview">
          <img src={p.preview} alt={item.alt} width={item.width} height={item.height} />
          <figcaption>
            <a href={p.originalUrl}>{m['media.original'](dimensions(item))}</a>
          </figcaption>
        </figure>
        <table class="media-facts">
          <tbody>
            {rows.map(([k, v]) => (
              <tr>
                <th scope="row">{k}</th>
                <td>{v}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{m['media.describe']}</h2>
      {p.canEdit ? (
        <form method="post" action={`/admin/media/${item.id}`} class="media-meta-form" novalidate>
          <Csrf token={view.csrf} />
          {bad.length > 0 ? (
            <div class="alert" role="alert">
              <p>
                <strong>{m['media.formErrors'](bad.length)}</strong>
              </p>
              <ul>
                {bad.map((f) => (
                  <li>
                    <a href={`#m-${f}`}>{`${fieldLabel(m, f)}: ${p.errors[f]}`}</a>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {META_FIELDS.map((f) => (
            <MetaInput m={m} name={f} value={p.values[f]} error={p.errors[f]} />
          ))}
          <button type="submit">{m['media.saveDescription']}</button>
        </form>
      ) : (
        <>
          <dl class="media-meta-list">
            {META_FIELDS.map((f) => (
              <>
                <dt>{fieldLabel(m, f)}</dt>
                <dd>{p.values[f] || (f === 'alt' ? <MissingAlt m={m} /> : '—')}</dd>
              </>
            ))}
          </dl>
          <p class="muted">{m['media.whoEdits']}</p>
        </>
      )}
    </AdminLayout>
  )
}
