/**
 * @module
 * Public site routes: thin handlers that load data through the content repository and
 * render server-side. Reading needs no JavaScript.
 */
import type { Context, Hono } from 'hono'
import { articlePath } from '../content/article.js'
import {
  findArticleRowBySlug,
  findAuthor,
  findRedirect,
  findSection,
  findTag,
  listVisible,
  listVisiblePage,
  loadArticleView,
  mediaByIds,
  isVisibleRow,
  relatedArticles,
  type ListFilter,
} from '../content/content.repository.js'
import type { ArticleKind, ArticleRow } from '../content/content.table.js'
import { findTaxonomyRedirect, type TaxonomyKind } from '../content/taxonomy.js'
import { articleKeys, CacheKeys, useCacheKeys } from '../cache/cache-keys.js'
import type { AppDeps } from '../server/deps.js'
import { mediaUrlFor, type SiteView } from './site-view.js'
import { ArticlePage } from './views/article.js'
import { ErrorPage, type ErrorStatus } from './views/errors.js'
import { HomePage } from './views/home.js'
import { ListingPage, type ListingData } from './views/listing.js'

export const PAGE_SIZE = 20
/** Section slugs that would shadow a site route. */
export const RESERVED_SLUGS = new Set(['admin', 'api', 'static', 'media', 'tag', 'autor', 'szukaj', 'artykul', 'kontakt', 'healthz', 'sitemaps'])

export async function siteView(deps: AppDeps): Promise<SiteView> {
  const { site, sections } = await deps.siteData.get()
  return { site, sections, publicUrl: deps.config.publicUrl, stylesheet: deps.assets.stylesheet.url, now: deps.now(), mediaUrl: mediaUrlFor(deps.config.mediaPublicUrl) }
}

export async function renderError(c: Context, deps: AppDeps, status: ErrorStatus): Promise<Response> {
  const view = await siteView(deps)
  return c.html(<ErrorPage status={status} view={view} path={c.req.path} />, status)
}

/** `?strona=N`: 1 when absent, null when not a page number. */
function pageParam(c: Context): number | null {
  const raw = c.req.query('strona')
  if (raw === undefined) return 1
  return /^[1-9]\d{0,5}$/.test(raw) ? Number(raw) : null
}

export function registerSiteRoutes(app: Hono, deps: AppDeps): void {
  const db = deps.dbh.db
  const nowIso = () => deps.now().toISOString()

  app.get('/', async (c) => {
    const view = await siteView(deps)
    const now = nowIso()
    const top = await listVisible(db, {}, { limit: 7, offset: 0 }, now)
    // Section blocks skip the stories already shown above them.
    const shown = new Set(top.map((a) => a.id))
    const bySection = await Promise.all(
      view.sections.map(async (section) => {
        const candidates = await listVisible(db, { sectionId: section.id }, { limit: 4 + top.length, offset: 0 }, now)
        return { section, articles: candidates.filter((a) => !shown.has(a.id)).slice(0, 4) }
      }),
    )
    useCacheKeys(c, CacheKeys.site, CacheKeys.home, ...articleKeys(top))
    for (const { section, articles } of bySection) useCacheKeys(c, CacheKeys.section(section.id), ...articleKeys(articles))
    return c.html(
      <HomePage data={{ lead: top[0], latest: top.slice(1), bySection: bySection.filter((s) => s.articles.length > 0) }} view={view} />,
    )
  })

  async function listing(c: Context, base: Omit<ListingData, 'articles' | 'page' | 'hasMore'>, filter: ListFilter, listKey: string) {
    const page = pageParam(c)
    if (page === null) return renderError(c, deps, 404)
    const now = nowIso()
    // No count of the whole list: its cost would grow with the archive.
    const { articles, hasMore } = await listVisiblePage(db, filter, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }, now)
    if (page > 1 && articles.length === 0) return renderError(c, deps, 404)
    const view = await siteView(deps)
    useCacheKeys(c, CacheKeys.site, listKey, ...articleKeys(articles))
    return c.html(<ListingPage data={{ ...base, articles, page, hasMore }} view={view} />)
  }

  app.get('/tag/:slug', async (c) => {
    const tag = await findTag(db, c.req.param('slug'))
    if (!tag) return movedTaxonomy(c, 'tag', c.req.param('slug'), (slug) => `/tag/${slug}`)
    return listing(c, { kind: 'tag', title: tag.name, description: '', path: `/tag/${tag.slug}` }, { tagId: tag.id }, CacheKeys.tag(tag.id))
  })

  app.get('/autor/:slug', async (c) => {
    const author = await findAuthor(db, c.req.param('slug'))
    if (!author) return movedTaxonomy(c, 'author', c.req.param('slug'), (slug) => `/autor/${slug}`)
    const photo = author.photo_media_id !== null ? ((await mediaByIds(db, [author.photo_media_id])).get(author.photo_media_id) ?? null) : null
    return listing(c, { kind: 'author', title: author.name, description: author.bio, path: `/autor/${author.slug}`, photo }, { authorId: author.id }, CacheKeys.author(author.id))
  })

  /** Renders a story, or answers 301 (moved slug or section), 410 (unpublished) or 404. */
  async function story(c: Context, kind: ArticleKind, slug: string) {
    const now = nowIso()
    const row = await findArticleRowBySlug(db, kind, slug)
    if (!row) {
      const moved = await findRedirect(db, kind, slug)
      if (moved && isVisibleRow(moved, now)) return c.redirect(await pathOf(moved), 301)
      return renderError(c, deps, 404)
    }
    if (row.status === 'unpublished') return renderError(c, deps, 410)
    if (!isVisibleRow(row, now)) return renderError(c, deps, 404)
    const article = await loadArticleView(db, row)
    const canonical = articlePath(article)
    if (canonical !== c.req.path) return c.redirect(canonical, 301)
    const [related, view] = await Promise.all([kind === 'article' ? relatedArticles(db, article, 4, now) : Promise.resolve([]), siteView(deps)])
    useCacheKeys(c, CacheKeys.site, CacheKeys.article(article.id), ...articleKeys(related))
    return c.html(<ArticlePage article={article} related={related} view={view} />)
  }

  /** An old section, tag or author slug: 301 to the current address (with `?strona`), else 404. */
  async function movedTaxonomy(c: Context, kind: TaxonomyKind, slug: string, path: (slug: string) => string): Promise<Response> {
    const current = await findTaxonomyRedirect(db, kind, slug)
    if (!current) return renderError(c, deps, 404)
    return c.redirect(`${path(current)}${new URL(c.req.url).search}`, 301)
  }

  async function pathOf(row: ArticleRow): Promise<string> {
    const section = row.section_id !== null ? await db.selectFrom('sections').select('slug').where('id', '=', row.section_id).executeTakeFirst() : undefined
    return articlePath({ kind: row.kind, slug: row.slug, section: section ?? null })
  }

  app.get('/artykul/:slug', (c) => story(c, 'article', c.req.param('slug')))

  app.get('/:slug', async (c) => {
    const slug = c.req.param('slug')
    const section = await findSection(db, slug)
    if (section) {
      return listing(c, { kind: 'section', title: section.name, description: section.description, path: `/${section.slug}` }, { sectionId: section.id }, CacheKeys.section(section.id))
    }
    // A renamed section's old address (pages never take a section's old slug: src/admin/site).
    const movedSection = await findTaxonomyRedirect(db, 'section', slug)
    if (movedSection) return c.redirect(`/${movedSection}${new URL(c.req.url).search}`, 301)
    return story(c, 'page', slug)
  })

  app.get('/:section/:slug', (c) => story(c, 'article', c.req.param('slug')))
}
