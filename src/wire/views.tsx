/** The wire desk's pages ("Serwisy"): the intake list, an item, imports, sources; in the user's language (messages.ts). */
import type { Child } from 'hono/jsx'
import type { Messages } from '../admin/i18n.js'
import { AdminLayout, Csrf, type AdminView } from '../admin/view.js'
import { formatWhen } from '../admin/views/format.js'
import type { Block, BlockDocument, Inline } from '../content/document.js'
import { languageName } from './language.js'
import type { ItemDetail, ItemFilter, ItemGroup, ListedItem, WireSettings } from './wire.service.js'
import type { WireSourceRow } from './wire.table.js'

export type FieldErrors = Partial<Record<string, string>>

const KINDS = ['rss', 'ninjs', 'folder'] as const

/** A label from a `wire.<group>.<value>` key, or the value itself when there is none. */
function label(m: Messages, group: 'kind' | 'format' | 'attribution', value: string): string {
  const found = (m as unknown as Record<string, unknown>)[`wire.${group}.${value}`]
  return typeof found === 'string' ? found : value
}

/** A language's name in the reader's language (Polish names from language.ts). */
function langName(view: AdminView, code: string | null | undefined): string {
  if (view.lang === 'pl') return languageName(code)
  if (!code) return 'unknown'
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(code) ?? code
  } catch {
    return code
  }
}

function when(view: AdminView, iso: string | null): string {
  return formatWhen(iso, view.lang, view.timeZone, '—')
}

function Tabs({ m, current }: { m: Messages; current: 'list' | 'import' | 'sources' }) {
  const tab = (key: typeof current, href: string, label: string) => (
    <a href={href} aria-current={current === key ? 'page' : undefined}>
      {current === key ? <strong>{label}</strong> : label}
    </a>
  )
  return (
    <nav aria-label={m['wire.title']}>
      <p class="actions">
        {tab('list', '/admin/serwisy', m['wire.tab.list'])}
        {tab('import', '/admin/serwisy/dodaj', m['wire.tab.import'])}
        {tab('sources', '/admin/serwisy/zrodla', m['wire.tab.sources'])}
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

function AttributionKindField({ m, form, value }: { m: Messages; form: string; value: string }) {
  return (
    <div class="field">
      <label for={`${form}-attributionKind`}>{m['wire.attributionKind']}</label>
      <select id={`${form}-attributionKind`} name="attributionKind">
        <option value="agency" selected={value === 'agency'}>
          {m['wire.attribution.agency']}
        </option>
        <option value="outlet" selected={value !== 'agency'}>
          {m['wire.attributionOutlet']}
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
        {view.m['wire.inNewsroom']}
      </a>
    )
  }
  return (
    <form class="inline" method="post" action={`/admin/serwisy/${item.id}/wez`}>
      <Csrf token={view.csrf} />
      <button type="submit">{view.m['wire.take']}</button>
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
              {view.m['wire.similar'](group.duplicates.length, [...new Set(group.duplicates.map((d) => d.sourceName))].join(', '))}
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
      <td>{langName(view, item.language)}</td>
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
  const { m } = view
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
    <AdminLayout view={view} title={m['wire.title']} notice={p.notice}>
      <h1>{m['wire.title']}</h1>
      <Tabs m={m} current="list" />
      <form class="filters" method="get" action="/admin/serwisy" role="search" aria-label={m['wire.filterLabel']}>
        <div class="field">
          <label for="w-q">{m['wire.searchHeadlines']}</label>
          <input id="w-q" type="search" name="q" value={filter.q ?? ''} maxlength={200} />
        </div>
        <div class="field">
          <label for="w-zrodlo">{m['wire.source']}</label>
          <select id="w-zrodlo" name="zrodlo">
            <option value="">{m['wire.all']}</option>
            {p.sources.map((s) => (
              <option value={String(s.id)} selected={filter.sourceId === s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="w-jezyk">{m['wire.language']}</label>
          <select id="w-jezyk" name="jezyk">
            <option value="">{m['wire.all']}</option>
            {p.languages.map((l) => (
              <option value={l} selected={filter.language === l}>
                {langName(view, l)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="w-stan">{m['wire.state']}</label>
          <select id="w-stan" name="stan">
            <option value="">{m['wire.all']}</option>
            <option value="new" selected={filter.status === 'new'}>
              {m['wire.state.new']}
            </option>
            <option value="taken" selected={filter.status === 'taken'}>
              {m['wire.state.taken']}
            </option>
          </select>
        </div>
        <div class="field">
          <label for="w-godziny">{m['wire.lastHours']}</label>
          <select id="w-godziny" name="godziny">
            <option value="">{m['wire.noLimit']}</option>
            {[1, 6, 24, 72].map((h) => (
              <option value={String(h)} selected={filter.hours === h}>
                {m['wire.hours'](h)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="secondary">
          {m['wire.filter']}
        </button>
      </form>
      <p class="muted">
        {m['wire.count'](p.total)}
      </p>
      {p.groups.length === 0 ? (
        <p>{m['wire.empty']}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{m['wire.colTime']}</th>
                <th scope="col">{m['wire.colHeadline']}</th>
                <th scope="col">{m['wire.language']}</th>
                <th scope="col">
                  <span class="visually-hidden">{m['wire.colActions']}</span>
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
        <nav class="pager" aria-label={m['wire.pager']}>
          {p.page > 1 ? <a href={`/admin/serwisy${query(p.page - 1)}`}>{m['wire.newer']}</a> : null}
          <span>{m['wire.pageOf'](p.page, p.pages)}</span>
          {p.page < p.pages ? <a href={`/admin/serwisy${query(p.page + 1)}`}>{m['wire.older']}</a> : null}
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

function BlockView({ block, photo }: { block: Block; photo: string }): Child {
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
            [{photo}{block.attrs.src ? ': ' : ''}
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
            <BlockView block={b} photo={photo} />
          ))}
        </aside>
      )
  }
}

/** `photo`: the word for an image placeholder in the reader's language. */
export function DocumentView({ doc, photo = 'Zdjęcie' }: { doc: BlockDocument; photo?: string }) {
  return (
    <>
      {doc.content.map((b) => (
        <BlockView block={b} photo={photo} />
      ))}
    </>
  )
}

export function ItemPage({ view, item, canTake, notice }: { view: AdminView; item: ItemDetail; canTake: boolean; notice?: string | undefined }) {
  const others = item.group.filter((g) => g.id !== item.id)
  const { m } = view
  return (
    <AdminLayout view={view} title={item.headline} notice={notice}>
      <p>
        <a href="/admin/serwisy">{m['wire.back']}</a>
      </p>
      <article lang={item.language ?? undefined}>
        <h1>{item.headline}</h1>
        {item.lede ? (
          <p>
            <strong>{item.lede}</strong>
          </p>
        ) : null}
        {item.byline ? <p class="muted">{item.byline}</p> : null}
        <DocumentView doc={item.body} photo={m['wire.photo']} />
      </article>
      <section class="box" aria-labelledby="w-meta">
        <h2 id="w-meta">{m['wire.about']}</h2>
        <dl>
          <dt>{m['wire.source']}</dt>
          <dd>
            {item.sourceName} ({label(m, 'attribution', item.sourceKind)}), {m['wire.format']}: {label(m, 'format', item.format)}
          </dd>
          {item.url ? (
            <>
              <dt>{m['wire.originalUrl']}</dt>
              <dd>
                <a href={item.url} rel="noopener noreferrer nofollow">
                  {item.url}
                </a>
              </dd>
            </>
          ) : null}
          <dt>{m['wire.language']}</dt>
          <dd>
            {langName(view, item.language)}
            {item.detectedLanguage ? m['wire.detected'] : item.declaredLanguage ? m['wire.declared'] : ''}
            {item.detectedLanguage && item.declaredLanguage && item.detectedLanguage !== item.declaredLanguage ? m['wire.sourceSays'](langName(view, item.declaredLanguage)) : ''}
          </dd>
          <dt>{m['wire.published']}</dt>
          <dd>{when(view, item.publishedAt)}</dd>
          <dt>{m['wire.received']}</dt>
          <dd>{when(view, item.receivedAt)}</dd>
          <dt>{m['wire.expires']}</dt>
          <dd>{item.takenArticleId ? m['wire.keptInNewsroom'] : when(view, item.expiresAt)}</dd>
        </dl>
        {item.takenArticleId ? (
          <p>
            {m['wire.alreadyTaken']} <a href={`/admin/artykuly/${item.takenArticleId}`}>{m['wire.openStory']}</a>.
          </p>
        ) : canTake ? (
          <form method="post" action={`/admin/serwisy/${item.id}/wez`}>
            <Csrf token={view.csrf} />
            <p class="hint">{m['wire.takeHint'](item.sourceName)}</p>
            <button type="submit">{m['wire.take']}</button>
          </form>
        ) : null}
      </section>
      {others.length ? (
        <section class="box" aria-labelledby="w-dup">
          <h2 id="w-dup">{m['wire.similarTexts']}</h2>
          <ul>
            {others.map((d) => (
              <li>
                <a href={`/admin/serwisy/${d.id}`}>{d.headline}</a> <span class="muted">— {d.sourceName}, {when(view, d.publishedAt ?? d.receivedAt)}</span>
                {d.takenArticleId ? m['wire.takenNote'] : ''}
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
  const { m } = view
  return (
    <AdminLayout view={view} title={m['wire.importTitle']}>
      <h1>{m['wire.importTitle']}</h1>
      <Tabs m={m} current="import" />
      <section class="box" aria-labelledby="w-url">
        <h2 id="w-url">{m['wire.fromUrl']}</h2>
        <p class="hint">{m['wire.fromUrlHint']}</p>
        <Errors errors={urlErrors} form="wu" />
        <form method="post" action="/admin/serwisy/dodaj/url">
          <Csrf token={view.csrf} />
          <TextField form="wu" name="url" label={m['wire.url']} type="url" value={values.url} errors={urlErrors} required maxlength={2000} />
          <TextField form="wu" name="urlSourceName" label={m['wire.urlSourceName']} value={values.urlSourceName} errors={urlErrors} maxlength={200} hint={m['wire.urlSourceNameHint']} />
          <AttributionKindField m={m} form="wu" value={values.urlSourceKind} />
          <button type="submit">{m['wire.fetch']}</button>
        </form>
      </section>
      <section class="box" aria-labelledby="w-text">
        <h2 id="w-text">{m['wire.paste']}</h2>
        <p class="hint">{m['wire.pasteHint']}</p>
        <Errors errors={textErrors} form="wt" />
        <form method="post" action="/admin/serwisy/dodaj/tekst">
          <Csrf token={view.csrf} />
          <div class="field">
            <label for="wt-text">{m['wire.text']}</label>
            <textarea id="wt-text" name="text" rows={14} required aria-invalid={textErrors.text ? 'true' : undefined}>
              {values.text}
            </textarea>
          </div>
          <TextField form="wt" name="sourceName" label={m['wire.sourceName']} value={values.sourceName} errors={textErrors} required maxlength={200} />
          <AttributionKindField m={m} form="wt" value={values.sourceKind} />
          <TextField form="wt" name="sourceUrl" label={m['wire.sourceUrl']} type="url" value={values.sourceUrl} errors={textErrors} maxlength={2000} />
          <TextField form="wt" name="language" label={m['wire.sourceLanguage']} value={values.language} errors={textErrors} maxlength={2} hint={m['wire.sourceLanguageHint']} />
          <button type="submit">{m['wire.add']}</button>
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
  const { m } = view
  return (
    <form method="post" action={action}>
      <Csrf token={view.csrf} />
      <TextField form="ws" name="name" label={m['wire.sourceFormName']} value={values.name} errors={errors} required maxlength={200} />
      {editing ? (
        <input type="hidden" name="kind" value={values.kind} />
      ) : (
        <div class="field">
          <label for="ws-kind">{m['wire.kind']}</label>
          <select id="ws-kind" name="kind">
            {KINDS.map((k) => (
              <option value={k} selected={values.kind === k}>
                {label(m, 'kind', k)}
              </option>
            ))}
          </select>
        </div>
      )}
      <TextField form="ws" name="attributionName" label={m['wire.attributionName']} value={values.attributionName} errors={errors} required maxlength={200} hint={m['wire.attributionNameHint']} />
      <AttributionKindField m={m} form="ws" value={values.attributionKind} />
      {!editing || values.kind === 'rss' ? <TextField form="ws" name="url" label={m['wire.feedUrl']} type="url" value={values.url} errors={errors} maxlength={2000} hint={m['wire.feedUrlHint']} /> : null}
      {!editing || values.kind === 'folder' ? (
        <TextField form="ws" name="folder" label={m['wire.folder']} value={values.folder} errors={errors} maxlength={64} hint={m['wire.folderHint']} />
      ) : null}
      <TextField form="ws" name="pollMinutes" label={m['wire.pollMinutes']} value={values.pollMinutes} errors={errors} maxlength={4} />
      <TextField form="ws" name="retainHours" label={m['wire.retainHours']} value={values.retainHours} errors={errors} maxlength={4} />
      <div class="field">
        <label>
          <input type="checkbox" name="enabled" value="1" checked={values.enabled} /> {m['wire.enabled']}
        </label>
      </div>
      <button type="submit">{editing ? m['wire.save'] : m['wire.addSource']}</button>
    </form>
  )
}

function SourceStatus({ view, s }: { view: AdminView; s: WireSourceRow }) {
  const { m } = view
  if (!s.enabled) return <span class="muted">{m['wire.disabled']}</span>
  if (s.kind === 'ninjs') return <span>{m['wire.waitingForPush']}</span>
  return (
    <>
      {s.last_error ? (
        <span class="field-error">{m['wire.error'](s.failures, s.last_error)}</span>
      ) : s.last_result ? (
        <span>{s.last_result}</span>
      ) : (
        <span class="muted">{m['wire.neverPolled']}</span>
      )}
      <br />
      <span class="muted">{m['wire.polled'](when(view, s.last_polled_at), when(view, s.next_poll_at))}</span>
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
  const { m } = view
  return (
    <AdminLayout view={view} title={m['wire.sourcesTitle']} notice={p.notice}>
      <h1>{m['wire.sourcesTitle']}</h1>
      <Tabs m={m} current="sources" />
      {p.token ? (
        <div class="notice" role="status">
          <p>
            <strong>{m['wire.token'](p.token.sourceId)}</strong>
          </p>
          <p class="link-box secret">{p.token.token}</p>
          <p>
            {m['wire.tokenHowTo']} <code>{`${p.publicUrl}/api/wire/ninjs/${p.token.sourceId}`}</code> {m['wire.tokenHeader']}{' '}
            <code>Authorization: Bearer …</code>.
          </p>
        </div>
      ) : null}
      {p.sources.length === 0 ? (
        <p>{m['wire.noSources']}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{m['wire.source']}</th>
                <th scope="col">{m['wire.kind']}</th>
                <th scope="col">{m['wire.state']}</th>
                <th scope="col">
                  <span class="visually-hidden">{m['wire.colActions']}</span>
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
                      {s.attribution_name} ({label(m, 'attribution', s.attribution_kind)})
                    </span>
                  </td>
                  <td>
                    {label(m, 'kind', s.kind)}
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
                            {m['wire.pollNow']}
                          </button>
                        </form>
                      ) : (
                        <form class="inline" method="post" action={`/admin/serwisy/zrodla/${s.id}/token`}>
                          <Csrf token={view.csrf} />
                          <button type="submit" class="secondary">
                            {m['wire.newToken']}
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
        <h2 id="ws-new">{m['wire.newSource']}</h2>
        <Errors errors={p.errors} form="ws" />
        <SourceForm view={view} values={p.values} errors={p.errors} action="/admin/serwisy/zrodla" editing={false} />
      </section>
      {p.settings ? (
        <section class="box" aria-labelledby="ws-settings">
          <h2 id="ws-settings">{m['wire.settings']}</h2>
          <Errors errors={p.settingsErrors} />
          <form method="post" action="/admin/serwisy/ustawienia">
            <Csrf token={view.csrf} />
            <div class="field">
              <label for="wset-hosts">{m['wire.allowedHosts']}</label>
              <textarea id="wset-hosts" name="allowedHosts" rows={4} aria-describedby="wset-hosts-opis">
                {p.settings.allowedHosts.join('\n')}
              </textarea>
              <p class="hint" id="wset-hosts-opis">
                {m['wire.allowedHostsHint']}
              </p>
            </div>
            <TextField form="wset" name="retainHours" label={m['wire.importRetain']} value={String(p.settings.retainHours)} errors={p.settingsErrors} maxlength={4} />
            <button type="submit">{m['wire.saveSettings']}</button>
          </form>
        </section>
      ) : null}
    </AdminLayout>
  )
}

export function SourceEditPage({ view, source, values, errors, notice }: { view: AdminView; source: WireSourceRow; values: SourceValues; errors: FieldErrors; notice?: string | undefined }) {
  const { m } = view
  return (
    <AdminLayout view={view} title={m['wire.sourceTitle'](source.name)} notice={notice}>
      <p>
        <a href="/admin/serwisy/zrodla">{m['wire.backToSources']}</a>
      </p>
      <h1>{source.name}</h1>
      <p class="muted">{label(m, 'kind', source.kind)}</p>
      <Errors errors={errors} form="ws" />
      <SourceForm view={view} values={values} errors={errors} action={`/admin/serwisy/zrodla/${source.id}`} editing />
      <section class="box" aria-labelledby="ws-delete">
        <h2 id="ws-delete">{m['wire.deleteSource']}</h2>
        <p>{m['wire.deleteHint']}</p>
        <form method="post" action={`/admin/serwisy/zrodla/${source.id}/usun`}>
          <Csrf token={view.csrf} />
          <button type="submit" class="secondary">
            {m['wire.delete']}
          </button>
        </form>
      </section>
    </AdminLayout>
  )
}
