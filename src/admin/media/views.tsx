/** The media library's pages: the library (upload, search, filters, grid) and one image (details, metadata form). */
import type { Child } from 'hono/jsx'
import { formatMegabytes } from '../../media/media.service.js'
import { META_FIELDS, orientationOf, type LibraryItem, type LibraryPage, type MetaField, type Orientation } from '../../media/library.js'
import { parseVariants } from '../../media/variants.js'
import { countPl } from '../../polish/plural.js'
import { formatWhen } from '../views/format.js'
import { AdminLayout, Csrf, type AdminView } from '../view.js'

export const ORIENTATION_PARAM: Record<string, Orientation> = { pozioma: 'landscape', pionowa: 'portrait', kwadratowa: 'square' }
export const ORIENTATION_LABEL: Record<Orientation, string> = { landscape: 'pozioma', portrait: 'pionowa', square: 'kwadratowa' }
export const MIN_WIDTHS = [640, 1280, 1600, 2400] as const

export const FIELD_LABELS: Record<MetaField, string> = {
  alt: 'Tekst alternatywny',
  caption: 'Podpis',
  credit: 'Autor lub źródło',
  copyright: 'Prawa autorskie',
  usageTerms: 'Warunki wykorzystania',
}

const FIELD_HINTS: Record<MetaField, string> = {
  alt: 'Co widać na zdjęciu – dla osób, które go nie zobaczą (czytniki ekranu, wolne łącze). Bez niego artykułu ze zdjęciem nie da się opublikować.',
  caption: 'Domyślny podpis pod zdjęciem; w artykule można go zmienić.',
  credit: 'Np. „Jan Kowalski / PAP” – pokazywane jako „Fot. …”.',
  copyright: 'Do kogo należą prawa, np. „© Depesza” albo nazwa agencji.',
  usageTerms: 'Np. „tylko w serwisie, do 31.12.2026”, „bez prawa do sprzedaży”.',
}

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

function VariantsState({ item }: { item: LibraryItem }) {
  if (item.variants_state === 'ready') {
    const n = parseVariants(item.variants).length
    return n ? <>{`gotowe: ${countPl(n, 'wersja', 'wersje', 'wersji')} (AVIF, WebP i ${item.mime === 'image/png' ? 'PNG/JPEG' : 'JPEG'})`}</> : <>nie dotyczy (animacja: strona pokazuje oryginał)</>
  }
  if (item.variants_state === 'failed') return <span class="field-error">nie udało się ich przygotować – strona pokazuje oryginał</span>
  return <>w przygotowaniu (strona pokazuje oryginał, dopóki nie będą gotowe)</>
}

function MissingAlt() {
  return <strong class="media-missing-alt">Brak tekstu alternatywnego</strong>
}

export function MediaItemCard({ item, view, thumb }: { item: LibraryItem; view: AdminView; thumb: string }) {
  const href = `/admin/media/${item.id}`
  return (
    <li class="media-item" data-media-id={String(item.id)}>
      <a href={href} class="media-thumb" tabindex={-1} aria-hidden="true">
        <img src={thumb} alt={item.alt} width={item.width} height={item.height} loading="lazy" decoding="async" />
      </a>
      <div class="media-meta">
        <p class="media-alt">{item.alt ? <a href={href}>{item.alt}</a> : <a href={href}><MissingAlt /></a>}</p>
        {item.caption ? <p class="media-caption">{item.caption}</p> : null}
        <p class="muted">
          {[item.credit ? `Fot. ${item.credit}` : '', dimensions(item), `nr ${item.id}`].filter(Boolean).join(' · ')}
          <br />
          {formatWhen(item.created_at, view.lang, view.timeZone)}
          {item.uploader_name ? ` · ${item.uploader_name}` : ''}
        </p>
      </div>
    </li>
  )
}

function Filters({ query }: { query: LibraryQuery }) {
  return (
    <form class="filters media-filters" method="get" action="/admin/media" role="search" aria-label="Szukaj w bibliotece">
      <div class="field">
        <label for="f-q">Szukaj</label>
        <input type="search" id="f-q" name="q" value={query.q} maxlength={200} aria-describedby="f-q-opis" />
        <p class="hint" id="f-q-opis">
          W tekście alternatywnym, podpisie, autorze, prawach i nazwie pliku.
        </p>
      </div>
      <div class="field">
        <label for="f-od">Przesłane od</label>
        <input type="date" id="f-od" name="od" value={query.od} />
      </div>
      <div class="field">
        <label for="f-do">do</label>
        <input type="date" id="f-do" name="do" value={query.do} />
      </div>
      <div class="field">
        <label for="f-orientacja">Orientacja</label>
        <select id="f-orientacja" name="orientacja">
          <option value="">dowolna</option>
          {Object.keys(ORIENTATION_PARAM).map((k) => (
            <option value={k} selected={query.orientacja === k}>
              {k}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="f-szerokosc">Szerokość</label>
        <select id="f-szerokosc" name="szerokosc">
          <option value="">dowolna</option>
          {MIN_WIDTHS.map((w) => (
            <option value={String(w)} selected={query.szerokosc === String(w)}>
              {`co najmniej ${w} px`}
            </option>
          ))}
        </select>
      </div>
      <div class="field checks">
        <label>
          <input type="checkbox" name="bez-alt" value="1" checked={query.bezAlt} /> bez tekstu alternatywnego
        </label>
        <label>
          <input type="checkbox" name="moje" value="1" checked={query.moje} /> tylko przesłane przeze mnie
        </label>
      </div>
      <div class="field">
        <button type="submit">Filtruj</button> <a href="/admin/media">Wyczyść</a>
      </div>
    </form>
  )
}

function UploadForm({ view, maxBytes, values }: { view: AdminView; maxBytes: number; values: { alt: string; credit: string } }) {
  const limit = formatMegabytes(maxBytes)
  return (
    <section class="box media-upload" aria-labelledby="upload-title">
      <h2 id="upload-title">Prześlij zdjęcia</h2>
      <form id="media-upload" method="post" action="/admin/media" enctype="multipart/form-data" data-max-bytes={String(maxBytes)} data-max-label={limit}>
        <Csrf token={view.csrf} />
        <div class="dropzone" id="media-dropzone">
          <div class="field">
            <label for="media-file">Pliki (JPEG, PNG, WebP, AVIF lub GIF)</label>
            <input type="file" id="media-file" name="file" accept="image/jpeg,image/png,image/webp,image/avif,image/gif" multiple required aria-describedby="media-file-opis" />
            <p class="hint" id="media-file-opis">
              {`Każdy plik do ${limit}, najwyżej 40 Mpx. Dane EXIF (także położenie GPS) są usuwane.`}
            </p>
            <p class="hint dropzone-hint" hidden>
              Możesz też przeciągnąć zdjęcia tutaj.
            </p>
          </div>
        </div>
        <div class="field">
          <label for="media-alt">Tekst alternatywny (dla wszystkich przesyłanych plików; można go uzupełnić później)</label>
          <input type="text" id="media-alt" name="alt" value={values.alt} maxlength={1000} />
        </div>
        <div class="field">
          <label for="media-credit">Autor lub źródło</label>
          <input type="text" id="media-credit" name="credit" value={values.credit} maxlength={500} />
        </div>
        <button type="submit">Prześlij</button>
        <div id="media-upload-status" class="upload-status" role="status" aria-live="polite"></div>
      </form>
    </section>
  )
}

function Outcome({ outcome }: { outcome: UploadOutcome }) {
  return (
    <>
      {outcome.stored.length > 0 ? (
        <div class="notice" role="status">
          <p>{`Przesłano: ${countPl(outcome.stored.length, 'zdjęcie', 'zdjęcia', 'zdjęć')}. Uzupełnij tekst alternatywny, jeśli go brakuje.`}</p>
        </div>
      ) : null}
      {outcome.errors.length > 0 ? (
        <div class="alert" role="alert">
          <p>
            <strong>{outcome.errors.length === 1 ? 'Nie przesłano pliku:' : `Nie przesłano ${countPl(outcome.errors.length, 'pliku', 'plików', 'plików')}:`}</strong>
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
  const filtered = Boolean(query.q || query.od || query.do || query.orientacja || query.szerokosc || query.bezAlt || query.moje)
  return (
    <AdminLayout view={view} title="Biblioteka mediów" scripts={[p.script]} notice={p.notice ? <p>{p.notice}</p> : undefined}>
      <link rel="stylesheet" href={p.stylesheet} />
      <h1>Biblioteka mediów</h1>
      {p.outcome ? <Outcome outcome={p.outcome} /> : null}
      <UploadForm view={view} maxBytes={p.maxBytes} values={p.uploadValues ?? { alt: '', credit: '' }} />
      <h2 id="library-title">Zdjęcia</h2>
      <Filters query={query} />
      <p class="muted" id="media-count">
        {result.total === 0
          ? filtered
            ? 'Nic nie pasuje do wybranych filtrów.'
            : 'Biblioteka jest pusta.'
          : `${filtered ? 'Pasuje' : 'W bibliotece'}: ${countPl(result.total, 'zdjęcie', 'zdjęcia', 'zdjęć')}${result.pages > 1 ? ` · strona ${result.page} z ${result.pages}` : ''}`}
      </p>
      <ul class="media-grid" id="media-grid" aria-labelledby="library-title">
        {result.items.map((item) => (
          <MediaItemCard item={item} view={view} thumb={p.thumb(item)} />
        ))}
      </ul>
      {result.pages > 1 ? (
        <nav class="pager" aria-label="Strony wyników">
          {result.page > 1 ? <a href={`/admin/media${queryString(query, result.page - 1)}`} rel="prev">← Nowsze</a> : null}
          <span>{`Strona ${result.page} z ${result.pages}`}</span>
          {result.page < result.pages ? <a href={`/admin/media${queryString(query, result.page + 1)}`} rel="next">Starsze →</a> : null}
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

function MetaInput({ name, value, error }: { name: MetaField; value: string; error: string | undefined }) {
  const id = `m-${name}`
  const hintId = `${id}-opis`
  const errorId = `${id}-blad`
  const describedBy = [error ? errorId : '', hintId].filter(Boolean).join(' ')
  const multiline = name === 'alt' || name === 'caption' || name === 'usageTerms'
  const max = name === 'alt' ? 1000 : name === 'caption' || name === 'usageTerms' ? 2000 : 500
  return (
    <div class="field">
      <label for={id}>{FIELD_LABELS[name]}</label>
      {multiline ? (
        <textarea id={id} name={name} rows={name === 'alt' ? 2 : 3} maxlength={max} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy}>
          {value}
        </textarea>
      ) : (
        <input type="text" id={id} name={name} value={value} maxlength={max} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy} />
      )}
      <p class="hint" id={hintId}>
        {FIELD_HINTS[name]}
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
  const title = item.alt ? `Zdjęcie nr ${item.id}` : `Zdjęcie nr ${item.id} (bez tekstu alternatywnego)`
  const bad = META_FIELDS.filter((f) => p.errors[f])
  const rows: Array<[string, Child]> = [
    ['Plik', item.original_name || '—'],
    ['Typ', item.mime],
    ['Wymiary', `${dimensions(item)} (${ORIENTATION_LABEL[orientationOf(item.width, item.height)]})`],
    ['Rozmiar', formatMegabytes(item.bytes)],
    ['Przesłane', `${formatWhen(item.created_at, view.lang, view.timeZone)}${item.uploader_name ? ` przez: ${item.uploader_name}` : ''}`],
    ['Ostatnia zmiana opisu', formatWhen(item.updated_at, view.lang, view.timeZone, '—')],
    ['Wersje do strony', <VariantsState item={item} />],
  ]
  return (
    <AdminLayout view={view} title={title} notice={p.notice ? <p>{p.notice}</p> : undefined}>
      <link rel="stylesheet" href={p.stylesheet} />
      <p>
        <a href="/admin/media">← Biblioteka mediów</a>
      </p>
      <h1>{title}</h1>
      <div class="media-detail">
        <figure class="media-preview">
          <img src={p.preview} alt={item.alt} width={item.width} height={item.height} />
          <figcaption>
            <a href={p.originalUrl}>Oryginał ({dimensions(item)})</a>
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
      <h2>Opis zdjęcia</h2>
      {p.canEdit ? (
        <form method="post" action={`/admin/media/${item.id}`} class="media-meta-form" novalidate>
          <Csrf token={view.csrf} />
          {bad.length > 0 ? (
            <div class="alert" role="alert">
              <p>
                <strong>{`Formularz zawiera ${countPl(bad.length, 'błąd', 'błędy', 'błędów')}:`}</strong>
              </p>
              <ul>
                {bad.map((f) => (
                  <li>
                    <a href={`#m-${f}`}>{`${FIELD_LABELS[f]}: ${p.errors[f]}`}</a>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {META_FIELDS.map((f) => (
            <MetaInput name={f} value={p.values[f]} error={p.errors[f]} />
          ))}
          <button type="submit">Zapisz opis</button>
        </form>
      ) : (
        <>
          <dl class="media-meta-list">
            {META_FIELDS.map((f) => (
              <>
                <dt>{FIELD_LABELS[f]}</dt>
                <dd>{p.values[f] || (f === 'alt' ? <MissingAlt /> : '—')}</dd>
              </>
            ))}
          </dl>
          <p class="muted">Opis może zmienić osoba, która przesłała zdjęcie, oraz redaktorzy i administratorzy.</p>
        </>
      )}
    </AdminLayout>
  )
}
