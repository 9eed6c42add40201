/** The wire desk's pages ("Serwisy"): the intake list, an item, imports, sources. Polish only. */
import type { Child } from 'hono/jsx'
import { AdminLayout, Csrf, type AdminView } from '../admin/view.js'
import { formatWhen } from '../admin/views/format.js'
import type { Block, BlockDocument, Inline } from '../content/document.js'
import { languageName } from './language.js'
import type { ItemDetail, ItemFilter, ItemGroup, ListedItem, WireSettings } from './wire.service.js'
import type { WireSourceRow } from './wire.table.js'

export type FieldErrors = Partial<Record<string, string>>

const KIND_LABELS: Record<string, string> = { rss: 'Kanał RSS/Atom', ninjs: 'NINJS (wysyłka HTTP)', folder: 'Folder (pliki)' }
const FORMAT_LABELS: Record<string, string> = { rss: 'RSS', atom: 'Atom', ninjs: 'NINJS', html: 'strona WWW', text: 'tekst' }
const ATTRIBUTION_LABELS: Record<string, string> = { agency: 'agencja', outlet: 'redakcja' }

function when(view: AdminView, iso: string | null): string {
  return formatWhen(iso, view.lang, view.timeZone, '—')
}

function Tabs({ current }: { current: 'list' | 'import' | 'sources' }) {
  const tab = (key: typeof current, href: string, label: string) => (
    <a href={href} aria-current={current === key ? 'page' : undefined}>
      {current === key ? <strong>{label}</strong> : label}
    </a>
  )
  return (
    <nav aria-label="Serwisy">
      <p class="actions">
        {tab('list', '/admin/serwisy', 'Teksty')}
        {tab('import', '/admin/serwisy/dodaj', 'Dodaj z adresu lub wklej')}
        {tab('sources', '/admin/serwisy/zrodla', 'Źródła')}
      </p>
    </nav>
  )
}

function Errors({ errors, form }: { errors: FieldErrors; form?: string }) {
  const entries = Object.entries(errors).filter(([, v]) => v)
  if (entries.length === 0) return null
  return (
    <div class="alert" role="alert">
      <ul>
        {entries.map(([k, v]) => (
          <li>{form && k !== '_' ? <a href={`#${form}-${k}`}>{v}</a> : v}</li>
        ))}
      </ul>
    </div>
  )
}

function TextField(p: { form: string; name: string; label: string; value: string; errors: FieldErrors; type?: string; hint?: string; required?: boolean; maxlength?: number }) {
  const id = `${p.form}-${p.name}`
  const error = p.errors[p.name]
  return (
    <div class="field">
      <label for={id}>{p.label}</label>
      <input
        id={id}
        name={p.name}
        // The stylesheet styles text inputs; URLs get the URL keyboard through inputmode.
        type={p.type === 'url' ? 'text' : (p.type ?? 'text')}
        inputmode={p.type === 'url' ? 'url' : undefined}
        value={p.value}
        required={p.required ?? false}
        maxlength={p.maxlength}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-blad` : p.hint ? `${id}-opis` : undefined}
      />
      {p.hint ? (
        <p class="hint" id={`${id}-opis`}>
          {p.hint}
        </p>
      ) : null}
      {error ? (
        <p class="field-error" id={`${id}-blad`}>
          {error}
        </p>
      ) : null}
    </div>
  )
}

function AttributionKindField({ form, value }: { form: string; value: string }) {
  return (
    <div class="field">
      <label for={`${form}-attributionKind`}>Rodzaj źródła w podpisie</label>
      <select id={`${form}-attributionKind`} name="attributionKind">
        <option value="agency" selected={value === 'agency'}>
          agencja
        </option>
        <option value="outlet" selected={value !== 'agency'}>
          redakcja (gazeta, portal)
        </option>
      </select>
    </div>
  )
}

// ── the list ──────────────────────────────────────────────────────────────

function TakeButton({ view, item }: { view: AdminView; item: ListedItem }) {
  if (item.takenArticleId) {
    return (
      <a href={`/admin/artykuly/${item.takenArticleId}`} class="badge">
        W redakcji
      </a>
    )
  }
  return (
    <form class="inline" method="post" action={`/admin/serwisy/${item.id}/wez`}>
      <Csrf token={view.csrf} />
      <button type="submit">Weź do redakcji</button>
    </form>
  )
}

function ItemRow({ view, group }: { view: AdminView; group: ItemGroup }) {
  const item = group.lead
  const taken = [item, ...group.duplicates].find((i) => i.takenArticleId)
  return (
    <tr>
      <td>
        {when(view, item.publishedAt ?? item.receivedAt)}
        <br />
        <span class="muted">{item.sourceName}</span>
      </td>
      <td lang={item.language ?? undefined}>
        <a href={`/admin/serwisy/${item.id}`}>
          <strong>{item.headline}</strong>
        </a>
        {item.preview ? <p class="muted">{item.preview}</p> : null}
        {group.duplicates.length ? (
          <details>
            <summary>
              Podobne: {group.duplicates.length} ({[...new Set(group.duplicates.map((d) => d.sourceName))].join(', ')})
            </summary>
            <ul>
              {group.duplicates.map((d) => (
                <li>
                  <a href={`/admin/serwisy/${d.id}`}>{d.headline}</a> <span class="muted">— {d.sourceName}, {when(view, d.publishedAt ?? d.receivedAt)}</span>
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </td>
      <td>{languageName(item.language)}</td>
      <td>
        <TakeButton view={view} item={taken ?? item} />
      </td>
    </tr>
  )
}

export interface IntakePageProps {
  view: AdminView
  filter: ItemFilter
  groups: ItemGroup[]
  total: number
  page: number
  pages: number
  sources: WireSourceRow[]
  languages: string[]
  notice?: string | undefined
}

export function IntakePage(p: IntakePageProps) {
  const { view, filter } = p
  const query = (page: number) => {
    const q = new URLSearchParams()
    if (filter.q) q.set('q', filter.q)
    if (filter.sourceId) q.set('zrodlo', String(filter.sourceId))
    if (filter.language) q.set('jezyk', filter.language)
    if (filter.status) q.set('stan', filter.status)
    if (filter.hours) q.set('godziny', String(filter.hours))
    if (page > 1) q.set('strona', String(page))
    const s = q.toString()
    return s ? `?${s}` : ''
  }
  return (
    <AdminLayout view={view} title="Serwisy" notice={p.notice}>
      <h1>Serwisy</h1>
      <Tabs current="list" />
      <form class="filters" method="get" action="/admin/serwisy" role="search" aria-label="Filtruj teksty z serwisów">
        <div class="field">
          <label for="w-q">Szukaj w tytułach</label>
          <input id="w-q" type="search" name="q" value={filter.q ?? ''} maxlength={200} />
        </div>
        <div class="field">
          <label for="w-zrodlo">Źródło</label>
          <select id="w-zrodlo" name="zrodlo">
            <option value="">wszystkie</option>
            {p.sources.map((s) => (
              <option value={String(s.id)} selected={filter.sourceId === s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="w-jezyk">Język</label>
          <select id="w-jezyk" name="jezyk">
            <option value="">wszystkie</option>
            {p.languages.map((l) => (
              <option value={l} selected={filter.language === l}>
                {languageName(l)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="w-stan">Stan</label>
          <select id="w-stan" name="stan">
            <option value="">wszystkie</option>
            <option value="new" selected={filter.status === 'new'}>
              nowe
            </option>
            <option value="taken" selected={filter.status === 'taken'}>
              w redakcji
            </option>
          </select>
        </div>
        <div class="field">
          <label for="w-godziny">Z ostatnich</label>
          <select id="w-godziny" name="godziny">
            <option value="">bez ograniczenia</option>
            {[1, 6, 24, 72].map((h) => (
              <option value={String(h)} selected={filter.hours === h}>
                {h === 1 ? 'godziny' : `${h} godzin`}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="secondary">
          Filtruj
        </button>
      </form>
      <p class="muted">
        Teksty: {p.total}. Podobne wersje tego samego tekstu (ten sam identyfikator lub adres, albo prawie identyczna treść) są zwinięte pod pierwszą.
      </p>
      {p.groups.length === 0 ? (
        <p>Brak tekstów. Dodaj źródło albo zaimportuj tekst z adresu.</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Czas i źródło</th>
                <th scope="col">Tytuł</th>
                <th scope="col">Język</th>
                <th scope="col">
                  <span class="visually-hidden">Działania</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {p.groups.map((g) => (
                <ItemRow view={view} group={g} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {p.pages > 1 ? (
        <nav class="pager" aria-label="Strony">
          {p.page > 1 ? <a href={`/admin/serwisy${query(p.page - 1)}`}>← Nowsze</a> : null}
          <span>
            Strona {p.page} z {p.pages}
          </span>
          {p.page < p.pages ? <a href={`/admin/serwisy${query(p.page + 1)}`}>Starsze →</a> : null}
        </nav>
      ) : null}
    </AdminLayout>
  )
}

// ── one item ──────────────────────────────────────────────────────────────

function InlineContent({ content }: { content: readonly Inline[] | undefined }) {
  return (
    <>
      {(content ?? []).map((n) => {
        if (n.type === 'hardBreak') return <br />
        let node: Child = n.text
        for (const m of n.marks ?? []) {
          if (m.type === 'bold') node = <strong>{node}</strong>
          else if (m.type === 'italic') node = <em>{node}</em>
          else if (m.type === 'strike') node = <s>{node}</s>
          else if (m.type === 'superscript') node = <sup>{node}</sup>
          else if (m.type === 'subscript') node = <sub>{node}</sub>
          else if (m.type === 'link')
            node = (
              <a href={m.attrs.href} rel="noopener noreferrer nofollow">
                {node}
              </a>
            )
        }
        return node
      })}
    </>
  )
}

function BlockView({ block }: { block: Block }): Child {
  switch (block.type) {
    case 'paragraph':
      return (
        <p>
          <InlineContent content={block.content} />
        </p>
      )
    case 'heading':
      return block.attrs.level === 2 ? (
        <h2>
          <InlineContent content={block.content} />
        </h2>
      ) : block.attrs.level === 3 ? (
        <h3>
          <InlineContent content={block.content} />
        </h3>
      ) : (
        <h4>
          <InlineContent content={block.content} />
        </h4>
      )
    case 'quote':
      return (
        <blockquote>
          <p>
            <InlineContent content={block.content} />
          </p>
          {block.attrs?.attribution ? <p class="muted">— {block.attrs.attribution}</p> : null}
        </blockquote>
      )
    case 'list': {
      const items = block.content.map((i) => (
        <li>
          <InlineContent content={i.content} />
        </li>
      ))
      return block.attrs?.ordered ? <ol>{items}</ol> : <ul>{items}</ul>
    }
    case 'image':
      // External images are not loaded in the newsroom (CSP): a link and the caption.
      return (
        <figure>
          <p>
            [Zdjęcie{block.attrs.src ? ': ' : ''}
            {block.attrs.src ? (
              <a href={block.attrs.src} rel="noopener noreferrer nofollow">
                {block.attrs.src}
              </a>
            ) : null}
            ]
          </p>
          {block.attrs.caption || block.attrs.credit ? (
            <figcaption>
              {block.attrs.caption} {block.attrs.credit ? <span class="muted">{block.attrs.credit}</span> : null}
            </figcaption>
          ) : null}
        </figure>
      )
    case 'embed':
      return (
        <p>
          <a href={block.attrs.url} rel="noopener noreferrer nofollow">
            {block.attrs.title || block.attrs.url}
          </a>
        </p>
      )
    case 'divider':
      return <hr />
    case 'factbox':
      return (
        <aside>
          {block.attrs?.title ? <h3>{block.attrs.title}</h3> : null}
          {block.content.map((b) => (
            <BlockView block={b} />
          ))}
        </aside>
      )
  }
}

export function DocumentView({ doc }: { doc: BlockDocument }) {
  return (
    <>
      {doc.content.map((b) => (
        <BlockView block={b} />
      ))}
    </>
  )
}

export function ItemPage({ view, item, canTake, notice }: { view: AdminView; item: ItemDetail; canTake: boolean; notice?: string | undefined }) {
  const others = item.group.filter((g) => g.id !== item.id)
  return (
    <AdminLayout view={view} title={item.headline} notice={notice}>
      <p>
        <a href="/admin/serwisy">← Serwisy</a>
      </p>
      <article lang={item.language ?? undefined}>
        <h1>{item.headline}</h1>
        {item.lede ? (
          <p>
            <strong>{item.lede}</strong>
          </p>
        ) : null}
        {item.byline ? <p class="muted">{item.byline}</p> : null}
        <DocumentView doc={item.body} />
      </article>
      <section class="box" aria-labelledby="w-meta">
        <h2 id="w-meta">O tekście</h2>
        <dl>
          <dt>Źródło</dt>
          <dd>
            {item.sourceName} ({ATTRIBUTION_LABELS[item.sourceKind] ?? item.sourceKind}), format: {FORMAT_LABELS[item.format] ?? item.format}
          </dd>
          {item.url ? (
            <>
              <dt>Adres oryginału</dt>
              <dd>
                <a href={item.url} rel="noopener noreferrer nofollow">
                  {item.url}
                </a>
              </dd>
            </>
          ) : null}
          <dt>Język</dt>
          <dd>
            {languageName(item.language)}
            {item.detectedLanguage ? ' (rozpoznany)' : item.declaredLanguage ? ' (podany przez źródło)' : ''}
            {item.detectedLanguage && item.declaredLanguage && item.detectedLanguage !== item.declaredLanguage ? `; źródło podaje: ${languageName(item.declaredLanguage)}` : ''}
          </dd>
          <dt>Opublikowano</dt>
          <dd>{when(view, item.publishedAt)}</dd>
          <dt>Odebrano</dt>
          <dd>{when(view, item.receivedAt)}</dd>
          <dt>Zniknie z serwisów</dt>
          <dd>{item.takenArticleId ? 'nie (tekst jest w redakcji)' : when(view, item.expiresAt)}</dd>
        </dl>
        {item.takenArticleId ? (
          <p>
            Tekst jest już w redakcji: <a href={`/admin/artykuly/${item.takenArticleId}`}>otwórz artykuł</a>.
          </p>
        ) : canTake ? (
          <form method="post" action={`/admin/serwisy/${item.id}/wez`}>
            <Csrf token={view.csrf} />
            <p class="hint">Powstanie szkic artykułu z tą treścią; źródło ({item.sourceName}) zostanie zapisane i pokazane pod opublikowanym tekstem.</p>
            <button type="submit">Weź do redakcji</button>
          </form>
        ) : null}
      </section>
      {others.length ? (
        <section class="box" aria-labelledby="w-dup">
          <h2 id="w-dup">Podobne teksty</h2>
          <ul>
            {others.map((d) => (
              <li>
                <a href={`/admin/serwisy/${d.id}`}>{d.headline}</a> <span class="muted">— {d.sourceName}, {when(view, d.publishedAt ?? d.receivedAt)}</span>
                {d.takenArticleId ? ' (w redakcji)' : ''}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </AdminLayout>
  )
}

// ── imports ───────────────────────────────────────────────────────────────

export interface ImportValues {
  url: string
  urlSourceName: string
  urlSourceKind: string
  text: string
  sourceName: string
  sourceKind: string
  sourceUrl: string
  language: string
}

export const EMPTY_IMPORT: ImportValues = { url: '', urlSourceName: '', urlSourceKind: 'outlet', text: '', sourceName: '', sourceKind: 'outlet', sourceUrl: '', language: '' }

export function ImportPage({ view, values, urlErrors, textErrors }: { view: AdminView; values: ImportValues; urlErrors: FieldErrors; textErrors: FieldErrors }) {
  return (
    <AdminLayout view={view} title="Dodaj tekst do serwisów">
      <h1>Dodaj tekst do serwisów</h1>
      <Tabs current="import" />
      <section class="box" aria-labelledby="w-url">
        <h2 id="w-url">Z adresu strony</h2>
        <p class="hint">Strona zostanie pobrana, a z niej wyjęty sam tekst artykułu (bez menu, reklam i skryptów).</p>
        <Errors errors={urlErrors} form="wu" />
        <form method="post" action="/admin/serwisy/dodaj/url">
          <Csrf token={view.csrf} />
          <TextField form="wu" name="url" label="Adres artykułu" type="url" value={values.url} errors={urlErrors} required maxlength={2000} />
          <TextField form="wu" name="urlSourceName" label="Nazwa redakcji (opcjonalnie)" value={values.urlSourceName} errors={urlErrors} maxlength={200} hint="Domyślnie nazwa podana przez stronę albo jej adres." />
          <AttributionKindField form="wu" value={values.urlSourceKind} />
          <button type="submit">Pobierz</button>
        </form>
      </section>
      <section class="box" aria-labelledby="w-text">
        <h2 id="w-text">Wklej tekst</h2>
        <p class="hint">Pierwszy wiersz to tytuł; akapity oddziel pustym wierszem.</p>
        <Errors errors={textErrors} form="wt" />
        <form method="post" action="/admin/serwisy/dodaj/tekst">
          <Csrf token={view.csrf} />
          <div class="field">
            <label for="wt-text">Tekst</label>
            <textarea id="wt-text" name="text" rows={14} required aria-invalid={textErrors.text ? 'true' : undefined}>
              {values.text}
            </textarea>
          </div>
          <TextField form="wt" name="sourceName" label="Źródło (agencja lub redakcja)" value={values.sourceName} errors={textErrors} required maxlength={200} />
          <AttributionKindField form="wt" value={values.sourceKind} />
          <TextField form="wt" name="sourceUrl" label="Adres oryginału (opcjonalnie)" type="url" value={values.sourceUrl} errors={textErrors} maxlength={2000} />
          <TextField form="wt" name="language" label="Język oryginału (opcjonalnie, np. en)" value={values.language} errors={textErrors} maxlength={2} hint="Bez podania język zostanie rozpoznany z tekstu." />
          <button type="submit">Dodaj</button>
        </form>
      </section>
    </AdminLayout>
  )
}

// ── sources ───────────────────────────────────────────────────────────────

export interface SourceValues {
  name: string
  kind: string
  attributionName: string
  attributionKind: string
  url: string
  folder: string
  pollMinutes: string
  retainHours: string
  enabled: boolean
}

export const EMPTY_SOURCE: SourceValues = { name: '', kind: 'rss', attributionName: '', attributionKind: 'agency', url: '', folder: '', pollMinutes: '5', retainHours: '72', enabled: true }

export function sourceValues(s: WireSourceRow): SourceValues {
  return {
    name: s.name,
    kind: s.kind,
    attributionName: s.attribution_name,
    attributionKind: s.attribution_kind,
    url: s.url ?? '',
    folder: s.folder ?? '',
    pollMinutes: String(s.poll_minutes),
    retainHours: String(s.retain_hours),
    enabled: s.enabled === 1,
  }
}

function SourceForm({ view, values, errors, action, editing }: { view: AdminView; values: SourceValues; errors: FieldErrors; action: string; editing: boolean }) {
  return (
    <form method="post" action={action}>
      <Csrf token={view.csrf} />
      <TextField form="ws" name="name" label="Nazwa (widoczna w serwisach)" value={values.name} errors={errors} required maxlength={200} />
      {editing ? (
        <input type="hidden" name="kind" value={values.kind} />
      ) : (
        <div class="field">
          <label for="ws-kind">Rodzaj</label>
          <select id="ws-kind" name="kind">
            {Object.entries(KIND_LABELS).map(([k, label]) => (
              <option value={k} selected={values.kind === k}>
                {label}
              </option>
            ))}
          </select>
        </div>
      )}
      <TextField form="ws" name="attributionName" label="Podpis pod tekstem (agencja lub redakcja)" value={values.attributionName} errors={errors} required maxlength={200} hint="Np. Reuters, PAP, The Guardian." />
      <AttributionKindField form="ws" value={values.attributionKind} />
      {!editing || values.kind === 'rss' ? <TextField form="ws" name="url" label="Adres kanału RSS/Atom" type="url" value={values.url} errors={errors} maxlength={2000} hint="Tylko dla kanałów RSS/Atom." /> : null}
      {!editing || values.kind === 'folder' ? (
        <TextField form="ws" name="folder" label="Folder" value={values.folder} errors={errors} maxlength={64} hint="Tylko dla folderów: nazwa podfolderu w katalogu danych (wire/…): małe litery, cyfry, „-” i „_”." />
      ) : null}
      <TextField form="ws" name="pollMinutes" label="Sprawdzaj co (minuty)" value={values.pollMinutes} errors={errors} maxlength={4} />
      <TextField form="ws" name="retainHours" label="Przechowuj teksty (godziny)" value={values.retainHours} errors={errors} maxlength={4} />
      <div class="field">
        <label>
          <input type="checkbox" name="enabled" value="1" checked={values.enabled} /> Włączone
        </label>
      </div>
      <button type="submit">{editing ? 'Zapisz' : 'Dodaj źródło'}</button>
    </form>
  )
}

function SourceStatus({ view, s }: { view: AdminView; s: WireSourceRow }) {
  if (!s.enabled) return <span class="muted">wyłączone</span>
  if (s.kind === 'ninjs') return <span>czeka na wysyłkę</span>
  return (
    <>
      {s.last_error ? (
        <span class="field-error">
          Błąd ({s.failures}×): {s.last_error}
        </span>
      ) : s.last_result ? (
        <span>{s.last_result}</span>
      ) : (
        <span class="muted">jeszcze nie sprawdzano</span>
      )}
      <br />
      <span class="muted">
        ostatnio: {when(view, s.last_polled_at)}; następnie: {when(view, s.next_poll_at)}
      </span>
    </>
  )
}

export interface SourcesPageProps {
  view: AdminView
  sources: WireSourceRow[]
  values: SourceValues
  errors: FieldErrors
  /** A token to show once (new NINJS source or a new token). */
  token?: { sourceId: number; token: string } | undefined
  notice?: string | undefined
  /** Administrators edit the allow-list and the retention of imports. */
  settings: WireSettings | null
  settingsErrors: FieldErrors
  publicUrl: string
  dataDir: string
}

export function SourcesPage(p: SourcesPageProps) {
  const { view } = p
  return (
    <AdminLayout view={view} title="Źródła serwisów" notice={p.notice}>
      <h1>Źródła serwisów</h1>
      <Tabs current="sources" />
      {p.token ? (
        <div class="notice" role="status">
          <p>
            <strong>Token dostępu dla źródła nr {p.token.sourceId} — skopiuj go teraz, nie zostanie pokazany ponownie:</strong>
          </p>
          <p class="link-box secret">{p.token.token}</p>
          <p>
            Agencja wysyła teksty NINJS (JSON) metodą POST na adres <code>{`${p.publicUrl}/api/wire/ninjs/${p.token.sourceId}`}</code> z nagłówkiem{' '}
            <code>Authorization: Bearer …</code>.
          </p>
        </div>
      ) : null}
      {p.sources.length === 0 ? (
        <p>Nie ma jeszcze żadnych źródeł.</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Źródło</th>
                <th scope="col">Rodzaj</th>
                <th scope="col">Stan</th>
                <th scope="col">
                  <span class="visually-hidden">Działania</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {p.sources.map((s) => (
                <tr>
                  <td>
                    <a href={`/admin/serwisy/zrodla/${s.id}`}>{s.name}</a>
                    <br />
                    <span class="muted">
                      {s.attribution_name} ({ATTRIBUTION_LABELS[s.attribution_kind]})
                    </span>
                  </td>
                  <td>
                    {KIND_LABELS[s.kind]}
                    <br />
                    <span class="muted detail">{s.kind === 'rss' ? s.url : s.kind === 'folder' ? `${p.dataDir}/wire/${s.folder}` : `/api/wire/ninjs/${s.id}`}</span>
                  </td>
                  <td>
                    <SourceStatus view={view} s={s} />
                  </td>
                  <td>
                    <div class="actions">
                      {s.kind !== 'ninjs' ? (
                        <form class="inline" method="post" action={`/admin/serwisy/zrodla/${s.id}/pobierz`}>
                          <Csrf token={view.csrf} />
                          <button type="submit" class="secondary">
                            Sprawdź teraz
                          </button>
                        </form>
                      ) : (
                        <form class="inline" method="post" action={`/admin/serwisy/zrodla/${s.id}/token`}>
                          <Csrf token={view.csrf} />
                          <button type="submit" class="secondary">
                            Nowy token
                          </button>
                        </form>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section class="box" aria-labelledby="ws-new">
        <h2 id="ws-new">Nowe źródło</h2>
        <Errors errors={p.errors} form="ws" />
        <SourceForm view={view} values={p.values} errors={p.errors} action="/admin/serwisy/zrodla" editing={false} />
      </section>
      {p.settings ? (
        <section class="box" aria-labelledby="ws-settings">
          <h2 id="ws-settings">Ustawienia (administrator)</h2>
          <Errors errors={p.settingsErrors} />
          <form method="post" action="/admin/serwisy/ustawienia">
            <Csrf token={view.csrf} />
            <div class="field">
              <label for="wset-hosts">Serwery w sieci wewnętrznej, z których wolno pobierać</label>
              <textarea id="wset-hosts" name="allowedHosts" rows={4} aria-describedby="wset-hosts-opis">
                {p.settings.allowedHosts.join('\n')}
              </textarea>
              <p class="hint" id="wset-hosts-opis">
                Jeden w wierszu: nazwa serwera albo nazwa:port (np. <code>serwis.intranet:8080</code>). Adresy prywatne, lokalne i pętli zwrotnej są zablokowane dla wszystkich
                innych.
              </p>
            </div>
            <TextField form="wset" name="retainHours" label="Teksty dodane z adresu lub wklejone przechowuj (godziny)" value={String(p.settings.retainHours)} errors={p.settingsErrors} maxlength={4} />
            <button type="submit">Zapisz ustawienia</button>
          </form>
        </section>
      ) : null}
    </AdminLayout>
  )
}

export function SourceEditPage({ view, source, values, errors, notice }: { view: AdminView; source: WireSourceRow; values: SourceValues; errors: FieldErrors; notice?: string | undefined }) {
  return (
    <AdminLayout view={view} title={`Źródło: ${source.name}`} notice={notice}>
      <p>
        <a href="/admin/serwisy/zrodla">← Źródła</a>
      </p>
      <h1>{source.name}</h1>
      <p class="muted">{KIND_LABELS[source.kind]}</p>
      <Errors errors={errors} form="ws" />
      <SourceForm view={view} values={values} errors={errors} action={`/admin/serwisy/zrodla/${source.id}`} editing />
      <section class="box" aria-labelledby="ws-delete">
        <h2 id="ws-delete">Usuń źródło</h2>
        <p>Teksty już odebrane zostaną w serwisach do czasu wygaśnięcia.</p>
        <form method="post" action={`/admin/serwisy/zrodla/${source.id}/usun`}>
          <Csrf token={view.csrf} />
          <button type="submit" class="secondary">
            Usuń
          </button>
        </form>
      </section>
    </AdminLayout>
  )
}
