/** The story list (filters, headline search) and the dashboard's story panels. */
import type { AuthorRow, SectionRow } from '../../../content/content.table.js'
import type { EditorialState } from '../../../newsroom/workflow.js'
import { formatWhen } from '../../views/format.js'
import { AdminLayout, type AdminView } from '../../views/layout.js'
import { publicationLabel, stateLabel, STATE_LABELS, type ListedStory, type ListFilter } from '../stories.js'

function StoryTable({ stories, view, sections, caption }: { stories: ListedStory[]; view: AdminView; sections: SectionRow[]; caption: string }) {
  const sectionName = new Map(sections.map((s) => [s.slug, s.name]))
  const { m } = view
  return (
    <div class="table-wrap">
      <table class="stories">
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{m['stories.colHeadline']}</th>
            <th scope="col">{m['stories.colSection']}</th>
            <th scope="col">{view.lang === 'en' ? 'Language' : 'Język'}</th>
            <th scope="col">{m['stories.colState']}</th>
            <th scope="col">{m['stories.colChanged']}</th>
          </tr>
        </thead>
        <tbody>
          {stories.map((s) => (
            <tr>
              <td>
                <a href={`/admin/artykuly/${s.articleId}`}>{s.headline || m['stories.untitled']}</a>
              </td>
              <td>{s.sectionSlug ? (sectionName.get(s.sectionSlug) ?? s.sectionSlug) : '—'}</td>
              <td class="story-lang">
                <span lang={s.language}>{s.language.toUpperCase()}</span>
                {/* The other language versions, each a link to its editor. */}
                {s.versions.map((v) => (
                  <>
                    {' · '}
                    <a href={`/admin/artykuly/${v.articleId}`} hreflang={v.language} title={view.lang === 'en' ? `Version: ${v.language}` : `Wersja: ${v.language}`}>
                      {v.language.toUpperCase()}
                    </a>
                  </>
                ))}
              </td>
              <td>
                <span class={`badge state-${s.state}`}>{stateLabel(s.state, m)}</span>
                {s.publication !== 'draft' && s.publication !== s.state ? <span class="muted"> · {publicationLabel(s.publication, m)}</span> : null}
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
  const { m } = view
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
    <AdminLayout view={view} title={m['nav.stories']}>
      <link rel="stylesheet" href={p.stylesheet} />
      <div class="page-head">
        <h1>{m['nav.stories']}</h1>
        <a class="button" href="/admin/artykuly/nowy">
          {m['stories.new']}
        </a>
      </div>
      <form class="filters" method="get" action="/admin/artykuly" role="search" aria-label={m['stories.searchLabel']}>
        <div class="field">
          <label for="f-q">{m['stories.searchHeadlines']}</label>
          <input id="f-q" type="search" name="q" value={filter.q ?? ''} maxlength={200} />
        </div>
        <div class="field">
          <label for="f-stan">{m['stories.colState']}</label>
          <select id="f-stan" name="stan">
            <option value="">{m['stories.all']}</option>
            {(Object.keys(STATE_LABELS) as EditorialState[]).map((s) => (
              <option value={s} selected={filter.state === s}>
                {stateLabel(s, m)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-dzial">{m['stories.colSection']}</label>
          <select id="f-dzial" name="dzial">
            <option value="">{m['stories.all']}</option>
            {p.sections.map((s) => (
              <option value={s.slug} selected={filter.sectionSlug === s.slug}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-autor">{m['stories.author']}</label>
          <select id="f-autor" name="autor">
            <option value="">{m['stories.allPeople']}</option>
            {p.authors.map((a) => (
              <option value={a.slug} selected={filter.authorSlug === a.slug}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field checkbox">
          <label>
            <input type="checkbox" name="moje" value="1" checked={filter.mine} /> {m['stories.onlyMine']}
          </label>
        </div>
        <button type="submit">{m['stories.filter']}</button>
      </form>
      <p class="muted" role="status">
        {p.total === 0 ? m['stories.none'] : `${m['stories.count'](p.total)}${p.pages > 1 ? ` · ${m['stories.pageOf'](p.page, p.pages)}` : ''}`}
      </p>
      {p.stories.length ? <StoryTable stories={p.stories} view={view} sections={p.sections} caption={m['nav.stories']} /> : null}
      {p.pages > 1 ? (
        <nav class="pager" aria-label={m['stories.pager']}>
          {p.page > 1 ? (
            <a href={`/admin/artykuly${query(p.page - 1)}`} rel="prev">
              {m['stories.newer']}
            </a>
          ) : null}
          {p.page < p.pages ? (
            <a href={`/admin/artykuly${query(p.page + 1)}`} rel="next">
              {m['stories.older']}
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
        <a href={more}>{view.m['dashboard.all']}</a>
      </p>
    </section>
  )
  const { m } = view
  return (
    <div class="dashboard">
      <link rel="stylesheet" href={stylesheet} />
      <p>
        <a class="button" href="/admin/artykuly/nowy">
          {m['stories.new']}
        </a>
      </p>
      {panel('d-mine', m['dashboard.mine'], data.mine, m['dashboard.mineEmpty'], '/admin/artykuly?moje=1&stan=draft')}
      {panel('d-review', m['dashboard.review'], data.review, m['dashboard.reviewEmpty'], '/admin/artykuly?stan=in_review')}
      {panel('d-scheduled', m['dashboard.scheduled'], data.scheduled, m['dashboard.scheduledEmpty'], '/admin/artykuly?stan=scheduled')}
      {panel('d-published', m['dashboard.published'], data.published, m['dashboard.publishedEmpty'], '/admin/artykuly?stan=published')}
    </div>
  )
}
