/** The story list (filters, headline search) and the dashboard's story panels. */
import type { AuthorRow, SectionRow } from '../../../content/content.table.js'
import type { EditorialState } from '../../../newsroom/workflow.js'
import { formatWhen } from '../../views/format.js'
import { AdminLayout, type AdminView } from '../../views/layout.js'
import { PUBLICATION_LABELS, STATE_LABELS, type ListedStory, type ListFilter } from '../stories.js'

function StoryTable({ stories, view, sections, caption }: { stories: ListedStory[]; view: AdminView; sections: SectionRow[]; caption: string }) {
  const sectionName = new Map(sections.map((s) => [s.slug, s.name]))
  return (
    <div class="table-wrap">
      <table class="stories">
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Tytuł</th>
            <th scope="col">Dział</th>
            <th scope="col">Stan</th>
            <th scope="col">Zmiana</th>
          </tr>
        </thead>
        <tbody>
          {stories.map((s) => (
            <tr>
              <td>
                <a href={`/admin/artykuly/${s.articleId}`}>{s.headline || '(bez tytułu)'}</a>
              </td>
              <td>{s.sectionSlug ? (sectionName.get(s.sectionSlug) ?? s.sectionSlug) : '—'}</td>
              <td>
                <span class={`badge state-${s.state}`}>{STATE_LABELS[s.state]}</span>
                {s.publication !== 'draft' && s.publication !== s.state ? <span class="muted"> · {PUBLICATION_LABELS[s.publication as keyof typeof PUBLICATION_LABELS] ?? s.publication}</span> : null}
                {s.publication === 'scheduled' && s.publishedAt ? <span class="muted"> ({formatWhen(s.publishedAt, view.lang, view.timeZone)})</span> : null}
              </td>
              <td>
                {formatWhen(s.updatedAt, view.lang, view.timeZone)} <span class="muted">— {s.updatedBy}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export interface ListPageProps {
  view: AdminView
  filter: ListFilter & { mine: boolean }
  stylesheet: string
  stories: ListedStory[]
  total: number
  page: number
  pages: number
  sections: SectionRow[]
  authors: AuthorRow[]
}

export function StoryListPage(p: ListPageProps) {
  const { view, filter } = p
  const query = (page: number) => {
    const q = new URLSearchParams()
    if (filter.q) q.set('q', filter.q)
    if (filter.state) q.set('stan', filter.state)
    if (filter.sectionSlug) q.set('dzial', filter.sectionSlug)
    if (filter.authorSlug) q.set('autor', filter.authorSlug)
    if (filter.mine) q.set('moje', '1')
    if (page > 1) q.set('strona', String(page))
    const s = q.toString()
    return s ? `?${s}` : ''
  }
  return (
    <AdminLayout view={view} title="Artykuły">
      <link rel="stylesheet" href={p.stylesheet} />
      <div class="page-head">
        <h1>Artykuły</h1>
        <a class="button" href="/admin/artykuly/nowy">
          Nowy artykuł
        </a>
      </div>
      <form class="filters" method="get" action="/admin/artykuly" role="search" aria-label="Szukaj i filtruj artykuły">
        <div class="field">
          <label for="f-q">Szukaj w tytułach</label>
          <input id="f-q" type="search" name="q" value={filter.q ?? ''} maxlength={200} />
        </div>
        <div class="field">
          <label for="f-stan">Stan</label>
          <select id="f-stan" name="stan">
            <option value="">wszystkie</option>
            {(Object.keys(STATE_LABELS) as EditorialState[]).map((s) => (
              <option value={s} selected={filter.state === s}>
                {STATE_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-dzial">Dział</label>
          <select id="f-dzial" name="dzial">
            <option value="">wszystkie</option>
            {p.sections.map((s) => (
              <option value={s.slug} selected={filter.sectionSlug === s.slug}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-autor">Autor</label>
          <select id="f-autor" name="autor">
            <option value="">wszyscy</option>
            {p.authors.map((a) => (
              <option value={a.slug} selected={filter.authorSlug === a.slug}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field checkbox">
          <label>
            <input type="checkbox" name="moje" value="1" checked={filter.mine} /> tylko moje
          </label>
        </div>
        <button type="submit">Filtruj</button>
      </form>
      <p class="muted" role="status">
        {p.total === 0 ? 'Nie znaleziono artykułów.' : `Artykułów: ${p.total}${p.pages > 1 ? ` · strona ${p.page} z ${p.pages}` : ''}`}
      </p>
      {p.stories.length ? <StoryTable stories={p.stories} view={view} sections={p.sections} caption="Artykuły" /> : null}
      {p.pages > 1 ? (
        <nav class="pager" aria-label="Strony listy">
          {p.page > 1 ? (
            <a href={`/admin/artykuly${query(p.page - 1)}`} rel="prev">
              ← Nowsze
            </a>
          ) : null}
          {p.page < p.pages ? (
            <a href={`/admin/artykuly${query(p.page + 1)}`} rel="next">
              Starsze →
            </a>
          ) : null}
        </nav>
      ) : null}
    </AdminLayout>
  )
}

export interface DashboardData {
  mine: ListedStory[]
  review: ListedStory[]
  scheduled: ListedStory[]
  published: ListedStory[]
  sections: SectionRow[]
}

/** The dashboard's body: my drafts, in review, scheduled, recently published. */
export function DashboardPanels({ view, data, stylesheet }: { view: AdminView; data: DashboardData; stylesheet: string }) {
  const panel = (id: string, title: string, stories: ListedStory[], empty: string, more: string) => (
    <section class="box" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {stories.length ? <StoryTable stories={stories} view={view} sections={data.sections} caption={title} /> : <p class="muted">{empty}</p>}
      <p>
        <a href={more}>Wszystkie →</a>
      </p>
    </section>
  )
  return (
    <div class="dashboard">
      <link rel="stylesheet" href={stylesheet} />
      <p>
        <a class="button" href="/admin/artykuly/nowy">
          Nowy artykuł
        </a>
      </p>
      {panel('d-mine', 'Moje szkice', data.mine, 'Nie masz szkiców.', '/admin/artykuly?moje=1&stan=draft')}
      {panel('d-review', 'Do akceptacji', data.review, 'Nic nie czeka na akceptację.', '/admin/artykuly?stan=in_review')}
      {panel('d-scheduled', 'Zaplanowane', data.scheduled, 'Brak zaplanowanych publikacji.', '/admin/artykuly?stan=scheduled')}
      {panel('d-published', 'Ostatnio opublikowane', data.published, 'Jeszcze nic nie opublikowano.', '/admin/artykuly?stan=published')}
    </div>
  )
}
