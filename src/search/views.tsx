/** The search page: form, results with highlighted snippets, pagination, explanations in Polish. */
import { raw } from 'hono/html'
import { pluralPl } from '../polish/plural.js'
import type { SiteStrings } from '../editions/strings.js'
import { editionOf, editionPath, type SiteView } from '../site/site-view.js'
import { Layout } from '../site/views/layout.js'
import { Time } from '../site/views/parts.js'
import { MAX_QUERY_LENGTH } from './query.js'
import type { SearchResponse } from './search.service.js'

/** The request's parameters as the page links them (Polish names, as in the URL). */
export interface SearchParams {
  q: string
  dzial?: string
  autor?: string
  tag?: string
  od?: string
  do?: string
  /** The search page of the edition (`/szukaj`, `/en/szukaj`). */
  path?: string
}

export function searchHref(params: SearchParams, page = 1): string {
  const usp = new URLSearchParams()
  usp.set('q', params.q)
  for (const key of ['dzial', 'autor', 'tag', 'od', 'do'] as const) {
    const v = params[key]
    if (v) usp.set(key, v)
  }
  if (page > 1) usp.set('strona', String(page))
  return `${params.path ?? '/szukaj'}?${usp.toString()}`
}

function SearchForm({ params, result, view }: { params: SearchParams; result: SearchResponse | null; view: SiteView }) {
  const f = result?.filters
  const { code, t } = editionOf(view)
  const s = t.search
  return (
    <form class="search-form" action={params.path ?? '/szukaj'} method="get" role="search">
      <p>
        <label for="q">{s.searchIn}</label>
        <span class="search-row">
          <input id="q" type="search" name="q" value={params.q} maxlength={MAX_QUERY_LENGTH} autocomplete="off" />
          <button type="submit">{t.searchButton}</button>
        </span>
      </p>
      <details open={Boolean(params.dzial || params.od || params.do)}>
        <summary>{s.filters}</summary>
        <p>
          <label for="dzial">{s.section}</label>
          <select id="dzial" name="dzial">
            <option value="">{s.all}</option>
            {view.sections.map((s) => (
              <option value={s.slug} selected={params.dzial === s.slug}>
                {s.name}
              </option>
            ))}
          </select>
        </p>
        <p>
          <label for="od">{s.from}</label>
          <input id="od" type="date" name="od" value={params.od ?? ''} />
        </p>
        <p>
          <label for="do">{s.to}</label>
          <input id="do" type="date" name="do" value={params.do ?? ''} />
        </p>
      </details>
      {params.autor ? <input type="hidden" name="autor" value={params.autor} /> : null}
      {params.tag ? <input type="hidden" name="tag" value={params.tag} /> : null}
      {f?.author || f?.tag ? (
        <p class="muted">
          {f.author ? <>Tylko artykuły autora: {f.author.name}. </> : null}
          {f.tag ? <>Tylko z tagiem: {f.tag.name}. </> : null}
          <a href={searchHref({ ...params, autor: '', tag: '' })}>Usuń ten filtr</a>
        </p>
      ) : null}
      {code === 'pl' ? (
        <p class="muted search-help">
          Szukamy wszystkich odmian słów („Iraku” znajdzie „Irak”), także wpisanych bez polskich znaków. Całe wyrażenie ujmij w cudzysłów („wojna w
          Iraku”), słowo do pominięcia poprzedź minusem (-sport).
        </p>
      ) : null}
    </form>
  )
}

function Explanation({ result, params, t }: { result: SearchResponse; params: SearchParams; t: SiteStrings }) {
  const q = result.query.text
  const filtered = Boolean(params.dzial || params.autor || params.tag || params.od || params.do)
  const suggestion = result.suggestion ? (
    <p class="suggestion">
      Czy chodziło Ci o: <a href={searchHref({ ...params, q: result.suggestion })}>{result.suggestion}</a>?
    </p>
  ) : null
  switch (result.notice) {
    case 'empty':
      return <p>{t.search.enterWords}</p>
    case 'stopwords-only':
      return (
        <p>
          Zapytanie „{q}” składa się wyłącznie z bardzo częstych słów (takich jak „i”, „w”, „na”, „się”), które wyszukiwarka pomija. Dodaj słowo, które
          lepiej opisuje temat.
        </p>
      )
    case 'negative-only':
      return <p>Podaj przynajmniej jedno słowo do wyszukania – same wykluczenia (słowa poprzedzone minusem) nie wystarczą.</p>
    case 'partial':
      return (
        <>
          <p>Żaden artykuł nie zawiera wszystkich wpisanych słów. Poniżej artykuły, które zawierają niektóre z nich.</p>
          {suggestion}
        </>
      )
    case 'page-out-of-range':
      return (
        <p>
          Na tej stronie nie ma już wyników. <a href={searchHref(params)}>Wróć do pierwszej strony wyników</a>.
        </p>
      )
    case 'no-results':
      return (
        <>
          <p>{t.search.noResults(q)}</p>
          {suggestion}
          <ul class="search-tips">
            <li>Sprawdź pisownię słów.</li>
            {result.query.positive.length > 1 ? <li>Użyj mniejszej liczby słów – pokazujemy artykuły, które zawierają wszystkie wpisane słowa.</li> : null}
            {result.query.clauses.some((c) => c.kind === 'phrase') ? <li>Usuń cudzysłów – wyrażenie w cudzysłowie musi wystąpić dokładnie w tej kolejności.</li> : null}
            {result.query.negative.length > 0 ? <li>Usuń wykluczenia (słowa z minusem).</li> : null}
            {filtered ? (
              <li>
                <a href={searchHref({ q: params.q, ...(params.path ? { path: params.path } : {}) })}>Szukaj bez filtrów</a> (dział, autor, tag, daty).
              </li>
            ) : null}
          </ul>
        </>
      )
    default:
      return null
  }
}

export function SearchPage({ params, result, view }: { params: SearchParams; result: SearchResponse | null; view: SiteView }) {
  const { t } = editionOf(view)
  const s = t.search
  const title = params.q ? `${s.results}: ${params.q.slice(0, 80)}` : s.title
  return (
    <Layout site={view.site} publicUrl={view.publicUrl} stylesheet={view.stylesheet} view={view} meta={{ title, path: params.path ?? '/szukaj', noindex: true, current: params.path ?? '/szukaj' }}>
      <h1>{params.q ? s.results : s.title}</h1>
      <SearchForm params={params} result={result} view={view} />
      {result ? (
        <section class="search-results" aria-live="polite">
          {result.query.truncated ? <p class="muted">Zapytanie było za długie – szukamy według jego pierwszych {MAX_QUERY_LENGTH} znaków.</p> : null}
          {result.filters.invalid.length > 0 ? (
            <p class="muted">Pominięto nieprawidłowe filtry: {result.filters.invalid.join(', ')}.</p>
          ) : null}
          {result.total > 0 ? (
            <p class="meta">
              {result.totalIsLowerBound
                ? `Znaleźliśmy ponad ${result.total} artykułów; pokazujemy najtrafniejsze spośród najnowszych`
                : s.found(result.total)}
              {result.pages > 1 ? ` · ${t.pageOf(result.page, result.pages).toLowerCase()}` : ''}
            </p>
          ) : null}
          <Explanation result={result} params={params} t={t} />
          {result.hits.length > 0 ? (
            <ol class="search-hits" start={(result.page - 1) * result.pageSize + 1}>
              {result.hits.map((hit) => (
                <li>
                  <article>
                    {hit.section ? (
                      <a class="kicker" href={editionPath(view, `/${hit.section.slug}`)}>
                        {hit.section.name}
                      </a>
                    ) : null}
                    <h2>
                      <a href={hit.path}>{raw(hit.headlineHtml)}</a>
                    </h2>
                    <p>{raw(hit.snippetHtml)}</p>
                    <p class="meta">
                      <Time iso={hit.publishedAt} view={view} />
                    </p>
                  </article>
                </li>
              ))}
            </ol>
          ) : null}
          {result.pages > 1 && result.hits.length > 0 ? (
            <nav class="pagination" aria-label={s.pagesLabel}>
              {result.page > 1 ? (
                <a href={searchHref(params, result.page - 1)} rel="prev">
                  {s.previous}
                </a>
              ) : (
                <span />
              )}
              <span class="muted">{t.pageOf(result.page, result.pages)}</span>
              {result.page < result.pages ? (
                <a href={searchHref(params, result.page + 1)} rel="next">
                  {s.next}
                </a>
              ) : (
                <span />
              )}
            </nav>
          ) : null}
        </section>
      ) : null}
    </Layout>
  )
}
