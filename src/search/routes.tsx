/**
 * @module
 * Search over HTTP: the reader's page `/szukaj` (server-rendered, works without
 * JavaScript), the JSON endpoint `/api/search` and headline autocomplete
 * `/api/search/headlines` (for the newsroom's editor). Every input is accepted:
 * bad values are ignored or explained, never a 500.
 */
import type { Context, Hono } from 'hono'
import { DEFAULT_EDITION, EDITION_CODES, type EditionCode, type Editions } from '../editions/editions.js'
import type { AppDeps } from '../server/deps.js'
import { renderError, siteView } from '../site/routes.js'
import { MAX_PAGE, MAX_PAGE_SIZE, searchFor, SEARCH_PAGE_SIZE, type SearchResponse } from './search.service.js'
import { SearchPage, type SearchParams } from './views.js'
import { sendHtml } from '../platform/html.js'

/** A query parameter as one string ("" when absent), capped in length. */
function param(c: Context, name: string, max = 2000): string {
  const v = c.req.query(name)
  return typeof v === 'string' ? v.slice(0, max) : ''
}

function pageNumber(raw: string): number {
  return /^\d{1,6}$/.test(raw) ? Math.min(MAX_PAGE, Math.max(1, Number(raw))) : 1
}

function paramsOf(c: Context): SearchParams {
  return {
    q: param(c, 'q', 10_000),
    dzial: param(c, 'dzial', 200),
    autor: param(c, 'autor', 200),
    tag: param(c, 'tag', 200),
    od: param(c, 'od', 20),
    do: param(c, 'do', 20),
  }
}

export function registerSearchRoutes(app: Hono, deps: AppDeps): void {
  const search = () => searchFor(deps)

  async function run(c: Context, params: SearchParams, pageSize: number, edition?: { code: EditionCode; editions: Editions }): Promise<SearchResponse> {
    const { site } = await deps.siteData.get()
    const result = await search().search({
      ...(edition ? edition.editions.filter(edition.code) : {}),
      q: params.q,
      page: pageNumber(param(c, 'strona', 10)),
      pageSize,
      ...(params.dzial ? { section: params.dzial } : {}),
      ...(params.autor ? { author: params.autor } : {}),
      ...(params.tag ? { tag: params.tag } : {}),
      ...(params.od ? { from: params.od } : {}),
      ...(params.do ? { to: params.do } : {}),
      timeZone: site.timeZone,
      now: deps.now().toISOString(),
    })
    // Hits link to their stories in their edition.
    return edition ? { ...result, hits: result.hits.map((h) => ({ ...h, path: edition.editions.articlePath(h) })) } : result
  }

  // The reader's search page in every edition: results in the edition's language only.
  for (const code of EDITION_CODES) {
    const path = code === DEFAULT_EDITION ? '/szukaj' : `/${code}/szukaj`
    app.get(path, async (c) => {
      const { editions } = await deps.siteData.get()
      if (!editions.isEnabled(code)) return renderError(c, deps, 404)
      const params = { ...paramsOf(c), ...(code === DEFAULT_EDITION ? {} : { path }) }
      const view = await siteView(deps, code)
      const result = params.q.trim() === '' && !params.dzial && !params.autor && !params.tag ? null : await run(c, params, SEARCH_PAGE_SIZE, { code, editions })
      c.header('Cache-Control', 'no-cache')
      return sendHtml(c, <SearchPage params={{ ...params, q: result?.query.text ?? params.q.trim() }} result={result} view={view} />)
    })
  }

  app.get('/api/search', async (c) => {
    const params = paramsOf(c)
    const limitRaw = param(c, 'limit', 10)
    const limit = /^\d{1,3}$/.test(limitRaw) ? Math.min(MAX_PAGE_SIZE, Math.max(1, Number(limitRaw))) : SEARCH_PAGE_SIZE
    const r = await run(c, params, limit)
    // All editions' stories, each at its edition's address.
    const { editions } = await deps.siteData.get()
    const { publicUrl } = deps.config
    c.header('Cache-Control', 'no-cache')
    return c.json({
      query: r.query.text,
      truncated: r.query.truncated,
      ignoredWords: r.query.ignored,
      total: r.total,
      totalIsLowerBound: r.totalIsLowerBound,
      page: r.page,
      pages: r.pages,
      pageSize: r.pageSize,
      notice: r.notice,
      suggestion: r.suggestion,
      filters: r.filters,
      morphology: r.morphology,
      tookMs: r.tookMs,
      results: r.hits.map((h) => ({
        id: h.id,
        headline: h.headline,
        headlineHtml: h.headlineHtml,
        url: publicUrl + editions.articlePath(h),
        path: editions.articlePath(h),
        language: h.language,
        section: h.section ? { slug: h.section.slug, name: h.section.name } : null,
        publishedAt: h.publishedAt,
        snippetHtml: h.snippetHtml,
        score: h.score,
      })),
    })
  })

  app.get('/api/search/headlines', async (c) => {
    const q = param(c, 'q', 500)
    const limitRaw = param(c, 'limit', 10)
    const limit = /^\d{1,2}$/.test(limitRaw) ? Math.min(20, Math.max(1, Number(limitRaw))) : 8
    const results = q.trim() === '' ? [] : await search().headlines(q, deps.now().toISOString(), limit)
    c.header('Cache-Control', 'no-cache')
    return c.json({ query: q, results })
  })
}
