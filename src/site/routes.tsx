/**
 * @module
 * Public site routes: thin handlers that load data through the content repository and
 * render server-side. Reading needs no JavaScript.
 */
import type { Context, Hono } from 'hono'
import {
  findAuthor,
  findRedirect,
  findSection,
  findStoryPage,
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
import { DEFAULT_EDITION, EDITION_CODES, type EditionCode, type Editions } from '../editions/editions.js'
import { storyVersions } from '../editions/versions.js'
import type { AppDeps } from '../server/deps.js'
import { editionSite, mediaUrlFor, type SiteView } from './site-view.js'
import { ArticlePage } from './views/article.js'
import { ErrorPage, type ErrorStatus } from './views/errors.js'
import { HomePage } from './views/home.js'
import { ListingPage, type ListingData } from './views/listing.js'
import { sendHtml } from '../platform/html.js'

export const PAGE_SIZE = 20
/** Section slugs that would shadow a site route. */
export const RESERVED_SLUGS = new Set(['admin', 'api', 'static', 'media', 'tag', 'autor', 'szukaj', 'artykul', 'kontakt', 'healthz', 'sitemaps', ...EDITION_CODES])

/** What every page of an edition needs (Polish unless named). */
export async function siteView(deps: AppDeps, edition: EditionCode = DEFAULT_EDITION): Promise<SiteView> {
  const { site, sections, editions } = await deps.siteData.get()
  return {
    site: editionSite(site, sections, editions, edition),
    sections,
    publicUrl: deps.config.publicUrl,
    stylesheet: deps.assets.stylesheet.url,
    now: deps.now(),
    mediaUrl: mediaUrlFor(deps.config.mediaPublicUrl),
    edition,
    editions,
  }
}

/** The enabled edition whose prefix a path starts with (`/en/…`), else Polish. */
export function editionOfPath(editions: Editions, path: string): EditionCode {
  const m = /^\/([a-z]{2})(?:\/|$)/.exec(path)
  return m && m[1] !== DEFAULT_EDITION && editions.isEnabled(m[1]!) ? m[1] : DEFAULT_EDITION
}

/** An error page in the language of the edition the address belongs to. */
export async function renderError(c: Context, deps: AppDeps, status: ErrorStatus): Promise<Response> {
  const { editions } = await deps.siteData.get()
  const view = await siteView(deps, editionOfPath(editions, c.req.path))
  return sendHtml(c, <ErrorPage status={status} view={view} path={c.req.path} />, status)
}

/** `?strona=N`: 1 when absent, null when not a page number. */
function pageParam(c: Context): number | null {
  const raw = c.req.query('strona')
  if (raw === undefined) return 1
  return /^[1-9]\d{0,5}$/.test(raw) ? Number(raw) : null
}

export function registerSiteRoutes(app: Hono, deps: AppDeps): void {
  // Other editions first: `/:section/:slug` would take `/en/swiat`.
  for (const code of EDITION_CODES) if (code !== DEFAULT_EDITION) registerEditionRoutes(app, deps, code)
  registerEditionRoutes(app, deps, DEFAULT_EDITION)
}

/**
 * The pages of one edition under its prefix ('' for Polish): home, tag, author, section,
 * story pages. A disabled edition answers 404 everywhere; its lists show only its stories.
 */
function registerEditionRoutes(app: Hono, deps: AppDeps, code: EditionCode): void {
  const db = deps.dbh.db
  const nowIso = () => deps.now().toISOString()
  const prefix = code === DEFAULT_EDITION ? '' : `/${code}`
  /** The editions, or null when this one is off (the caller answers 404). */
  const enabled = async (): Promise<Editions | null> => {
    const { editions } = await deps.siteData.get()
    return editions.isEnabled(code) ? editions : null
  }
  const key = (k: string) => CacheKeys.inEdition(k, code)

  if (prefix) app.get(prefix, async (c) => ((await enabled()) ? c.redirect(`${prefix}/`, 301) : renderError(c, deps, 404)))
  app.get(`${prefix}/`, async (c) => {
    const editions = await enabled()
    if (!editions) return renderError(c, deps, 404)
    const view = await siteView(deps, code)
    const now = nowIso()
    const only = editions.filter(code)
    const top = await listVisible(db, { ...only }, { limit: 7, offset: 0 }, now)
    // Section blocks skip the stories already shown above them.
    const shown = new Set(top.map((a) => a.id))
    const bySection = await Promise.all(
      view.sections.map(async (section) => {
        // Only this section's stories among those above can be skipped: read no more rows than that.
        const skipped = top.filter((a) => a.section?.id === section.id).length
        const candidates = await listVisible(db, { sectionId: section.id, ...only }, { limit: 4 + skipped, offset: 0 }, now)
        return { section, articles: candidates.filter((a) => !shown.has(a.id)).slice(0, 4) }
      }),
    )
    useCacheKeys(c, CacheKeys.site, key(CacheKeys.home), ...articleKeys(top))
    for (const { section, articles } of bySection) useCacheKeys(c, key(CacheKeys.section(section.id)), ...articleKeys(articles))
    return sendHtml(
      c,
      <HomePage data={{ lead: top[0], latest: top.slice(1), bySection: bySection.filter((s) => s.articles.length > 0) }} view={view} />,
    )
  })

  async function listing(c: Context, editions: Editions, base: Omit<ListingData, 'articles' | 'page' | 'hasMore'>, filter: ListFilter, listKey: string) {
    const page = pageParam(c)
    if (page === null) return renderError(c, deps, 404)
    const now = nowIso()
    // No count of the whole list: its cost would grow with the archive.
    const { articles, hasMore } = await listVisiblePage(db, { ...filter, ...editions.filter(code) }, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }, now)
    if (page > 1 && articles.length === 0) return renderError(c, deps, 404)
    const view = await siteView(deps, code)
    useCacheKeys(c, CacheKeys.site, key(listKey), ...articleKeys(articles))
    return sendHtml(c, <ListingPage data={{ ...base, articles, page, hasMore }} view={view} />)
  }

  app.get(`${prefix}/tag/:slug`, async (c) => {
    const editions = await enabled()
    if (!editions) return renderError(c, deps, 404)
    const tag = await findTag(db, c.req.param('slug'))
    if (!tag) return movedTaxonomy(c, 'tag', c.req.param('slug'), (slug) => `${prefix}/tag/${slug}`)
    return listing(c, editions, { kind: 'tag', title: tag.name, description: '', path: `${prefix}/tag/${tag.slug}` }, { tagId: tag.id }, CacheKeys.tag(tag.id))
  })

  app.get(`${prefix}/autor/:slug`, async (c) => {
    const editions = await enabled()
    if (!editions) return renderError(c, deps, 404)
    const author = await findAuthor(db, c.req.param('slug'))
    if (!author) return movedTaxonomy(c, 'author', c.req.param('slug'), (slug) => `${prefix}/autor/${slug}`)
    const photo = author.photo_media_id !== null ? ((await mediaByIds(db, [author.photo_media_id])).get(author.photo_media_id) ?? null) : null
    return listing(c, editions, { kind: 'author', title: author.name, description: author.bio, path: `${prefix}/autor/${author.slug}`, photo }, { authorId: author.id }, CacheKeys.author(author.id))
  })

  /**
   * Renders a story, or answers 301 (moved slug or section, or the story belongs to another
   * edition), 410 (unpublished) or 404.
   */
  async function story(c: Context, kind: ArticleKind, slug: string) {
    const editions = await enabled()
    if (!editions) return renderError(c, deps, 404)
    const now = nowIso()
    // On PostgreSQL the story and its page's relations in one statement (one round trip).
    const found = await findStoryPage(db, kind, slug, now)
    if (!found) {
      const moved = await findRedirect(db, kind, slug)
      if (moved && isVisibleRow(moved, now)) return c.redirect(await pathOf(moved, editions), 301)
      return renderError(c, deps, 404)
    }
    const { row, relations } = found
    if (row.status === 'unpublished') return renderError(c, deps, 410)
    if (!isVisibleRow(row, now)) return renderError(c, deps, 404)
    const article = await loadArticleView(db, row, (await deps.siteData.get()).sections, relations)
    const canonical = editions.articlePath(article)
    if (canonical !== c.req.path) return c.redirect(canonical, 301)
    const [related, view, versions] = await Promise.all([
      kind === 'article' ? relatedArticles(db, article, 4, now, editions.filter(code)) : Promise.resolve([]),
      siteView(deps, code),
      storyVersions(db, row, editions, now, relations?.versions),
    ])
    useCacheKeys(c, CacheKeys.site, CacheKeys.article(article.id), CacheKeys.translations(row.translation_group_id ?? row.id), ...articleKeys(related))
    return sendHtml(c, <ArticlePage article={article} related={related} view={view} versions={versions} />)
  }

  /** An old section, tag or author slug: 301 to the current address (with `?strona`), else 404. */
  async function movedTaxonomy(c: Context, kind: TaxonomyKind, slug: string, path: (slug: string) => string): Promise<Response> {
    const current = await findTaxonomyRedirect(db, kind, slug)
    if (!current) return renderError(c, deps, 404)
    return c.redirect(`${path(current)}${new URL(c.req.url).search}`, 301)
  }

  async function pathOf(row: ArticleRow, editions: Editions): Promise<string> {
    const section = row.section_id !== null ? await db.selectFrom('sections').select('slug').where('id', '=', row.section_id).executeTakeFirst() : undefined
    return editions.articlePath({ kind: row.kind, slug: row.slug, section: section ?? null, language: row.language })
  }

  app.get(`${prefix}/artykul/:slug`, (c) => story(c, 'article', c.req.param('slug')))

  app.get(`${prefix}/:slug`, async (c) => {
    const editions = await enabled()
    if (!editions) return renderError(c, deps, 404)
    const slug = c.req.param('slug')
    const section = await findSection(db, slug)
    if (section) {
      return listing(c, editions, { kind: 'section', title: section.name, description: section.description, path: `${prefix}/${section.slug}` }, { sectionId: section.id }, CacheKeys.section(section.id))
    }
    // A renamed section's old address (pages never take a section's old slug: src/admin/site).
    const movedSection = await findTaxonomyRedirect(db, 'section', slug)
    if (movedSection) return c.redirect(`${prefix}/${movedSection}${new URL(c.req.url).search}`, 301)
    return story(c, 'page', slug)
  })

  app.get(`${prefix}/:section/:slug`, (c) => story(c, 'article', c.req.param('slug')))
}
