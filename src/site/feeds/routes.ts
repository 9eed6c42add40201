/**
 * @module
 * Feeds (RSS 2.0, Atom 1.0, JSON Feed 1.1) for the site, each section, tag and author;
 * sitemaps (index, pages, article parts, Google News) and robots.txt.
 *
 * Register before the site routes: `/:section/:slug` would otherwise take `/swiat/rss.xml`.
 */
import { createHash } from 'node:crypto'
import type { Context, Hono } from 'hono'
import { CONTACT_PATH } from '../../contact/views.js'
import { findAuthor, findSection, findTag, listVisible, type ListFilter } from '../../content/content.repository.js'
import { findTaxonomyRedirect, type TaxonomyKind } from '../../content/taxonomy.js'
import { isoWithOffset } from '../../polish/dates.js'
import { articleKeys, CacheKeys, useCacheKeys } from '../../cache/cache-keys.js'
import { DEFAULT_EDITION, EDITION_CODES, EDITION_INFO, type EditionCode, type Editions } from '../../editions/editions.js'
import { stringsFor } from '../../editions/strings.js'
import { readerVersions, versionRows } from '../../editions/versions.js'
import type { AppDeps } from '../../server/deps.js'
import type { SiteSettings } from '../../site-settings/settings.js'
import { renderError } from '../routes.js'
import { editionSite } from '../site-view.js'
import { loadFeedArticles, sitemapArticles, sitemapPagesData, sitemapParts } from './feed-data.js'
import { absoluteMediaUrl, feedChannel, type FeedPaths } from './feed-model.js'
import { atom1, jsonFeed, rss2, type FeedChannel } from './formats.js'
import { MAX_NEWS_URLS, MAX_SITEMAP_URLS, newsSitemap, robotsTxt, sitemapIndex, urlSet, type SitemapUrl } from './sitemaps.js'
import type { XmlBytes } from './xml.js'

/** Stories per feed. */
export const FEED_SIZE = 30
/** Article URLs per sitemap part. */
export const SITEMAP_PART_SIZE = 10_000
/** The Google News sitemap lists stories published in this window. */
export const NEWS_WINDOW_MS = 48 * 60 * 60 * 1000

export const CACHE_CONTROL = 'public, max-age=300'

export const CONTENT_TYPES = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
  text: 'text/plain; charset=utf-8',
} as const

export interface FeedRouteOptions {
  /** Article URLs per sitemap part (tests use a small one). */
  sitemapPartSize?: number
  /** Stories per feed. */
  feedSize?: number
}

const FORMATS = [
  { file: 'rss.xml', type: CONTENT_TYPES.rss, write: rss2 },
  { file: 'atom.xml', type: CONTENT_TYPES.atom, write: atom1 },
  { file: 'feed.json', type: CONTENT_TYPES.json, write: jsonFeed },
] as const

/** What a feed is about: its title, page and filter; null when the slug is unknown. */
interface FeedScope {
  /** The surrogate key of the list the feed follows (which stories are in it). */
  listKey: string
  title: string
  description: string
  path: string
  filter: ListFilter
}

/**
 * Answers with the body, its ETag and cache headers, or 304 when the client has it. A text
 * is encoded once, for the hash and the answer (it was encoded for each, and measured once
 * more for its length); XML documents come as bytes already.
 */
function send(c: Context, content: string | XmlBytes, type: string): Response {
  const body = typeof content === 'string' ? Buffer.from(content, 'utf8') : content
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`
  c.header('Content-Type', type)
  c.header('Cache-Control', CACHE_CONTROL)
  c.header('ETag', etag)
  const ifNoneMatch = c.req.header('if-none-match')
  if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) return c.body(null, 304)
  return c.body(body, 200)
}

export function registerFeedRoutes(app: Hono, deps: AppDeps, options: FeedRouteOptions = {}): void {
  const db = deps.dbh.db
  const partSize = options.sitemapPartSize ?? SITEMAP_PART_SIZE
  const feedSize = options.feedSize ?? FEED_SIZE
  const publicUrl = deps.config.publicUrl

  /** The editions with the site as `code` shows it; null when that edition is off. */
  async function editionData(code: EditionCode): Promise<{ editions: Editions; site: SiteSettings; sections: Awaited<ReturnType<AppDeps['siteData']['get']>>['sections'] } | null> {
    const { site, sections, editions } = await deps.siteData.get()
    if (!editions.isEnabled(code)) return null
    return { editions, site: editionSite(site, sections, editions, code), sections }
  }

  function pathsOf(editions: Editions, code: EditionCode): FeedPaths {
    return { story: (a) => editions.articlePath(a), at: (p) => editions.path(code, p) }
  }

  /** The feed's new address when its section, tag or author has a new slug (taxonomy_redirects). */
  async function movedFeed(kind: TaxonomyKind, slug: string, path: (slug: string) => string): Promise<string | null> {
    const current = await findTaxonomyRedirect(db, kind, slug)
    return current ? path(current) : null
  }

  async function feed(
    c: Context,
    code: EditionCode,
    format: (typeof FORMATS)[number],
    /** The feed's scope; a string: the feed moved there (a renamed section, tag or author), 301. */
    scopeOf: (site: SiteSettings) => Promise<FeedScope | string | null>,
  ): Promise<Response> {
    const data = await editionData(code)
    if (!data) return renderError(c, deps, 404)
    const { site, editions } = data
    const scope = await scopeOf(site)
    if (!scope) return renderError(c, deps, 404)
    if (typeof scope === 'string') return c.redirect(scope, 301)
    const now = deps.now()
    const articles = await loadFeedArticles(db, { ...scope.filter, ...editions.filter(code) }, feedSize, now.toISOString())
    useCacheKeys(c, CacheKeys.site, CacheKeys.inEdition(scope.listKey, code), ...articleKeys(articles))
    const channel: FeedChannel = feedChannel(
      {
        title: scope.title,
        description: scope.description,
        path: scope.path,
        language: site.language,
        timeZone: site.timeZone,
        publisher: site.publisher || site.name,
        copyright: `© ${site.publisher || site.name}`,
        now,
        paths: pathsOf(editions, code),
        homePath: editions.homePath(code),
      },
      articles,
      publicUrl,
      deps.config.mediaPublicUrl,
    )
    return send(c, format.write(channel), format.type)
  }

  // Other editions first: `/:section/rss.xml` would take `/en/rss.xml`.
  for (const code of [...EDITION_CODES.filter((c) => c !== DEFAULT_EDITION), DEFAULT_EDITION]) {
    const prefix = code === DEFAULT_EDITION ? '' : `/${code}`
    const polish = code === DEFAULT_EDITION
    for (const format of FORMATS) {
      app.get(`${prefix}/${format.file}`, (c) =>
        feed(c, code, format, async (site) => ({
          listKey: CacheKeys.home,
          title: site.name,
          description: site.description || (polish ? site.description : stringsFor(code).latestFrom(site.name)),
          path: prefix,
          filter: {},
        })),
      )

      app.get(`${prefix}/tag/:slug/${format.file}`, (c) =>
        feed(c, code, format, async (site) => {
          const tag = await findTag(db, c.req.param('slug'))
          if (!tag) return movedFeed('tag', c.req.param('slug'), (slug) => `${prefix}/tag/${slug}/${format.file}`)
          return {
            listKey: CacheKeys.tag(tag.id),
            title: `${tag.name} – ${site.name}`,
            description: polish ? `Najnowsze artykuły z tagiem „${tag.name}”` : stringsFor(code).latestFrom(tag.name),
            path: `${prefix}/tag/${tag.slug}`,
            filter: { tagId: tag.id },
          }
        }),
      )

      app.get(`${prefix}/autor/:slug/${format.file}`, (c) =>
        feed(c, code, format, async (site) => {
          const author = await findAuthor(db, c.req.param('slug'))
          if (!author) return movedFeed('author', c.req.param('slug'), (slug) => `${prefix}/autor/${slug}/${format.file}`)
          return {
            listKey: CacheKeys.author(author.id),
            title: `${author.name} – ${site.name}`,
            description: author.bio || (polish ? `Najnowsze artykuły: ${author.name}` : stringsFor(code).latestFrom(author.name)),
            path: `${prefix}/autor/${author.slug}`,
            filter: { authorId: author.id },
          }
        }),
      )

      app.get(`${prefix}/:section/${format.file}`, (c) =>
        feed(c, code, format, async (site) => {
          const section = await findSection(db, c.req.param('section'))
          if (!section) return movedFeed('section', c.req.param('section'), (slug) => `${prefix}/${slug}/${format.file}`)
          return {
            listKey: CacheKeys.section(section.id),
            title: `${section.name} – ${site.name}`,
            description: section.description || (polish ? `Najnowsze artykuły z działu „${section.name}”` : stringsFor(code).latestFrom(section.name)),
            path: `${prefix}/${section.slug}`,
            filter: { sectionId: section.id },
          }
        }),
      )
    }
  }

  app.get('/robots.txt', async (c) => {
    useCacheKeys(c, CacheKeys.site)
    const { editions } = await deps.siteData.get()
    const others = editions.enabled.filter((e) => e !== DEFAULT_EDITION).map((e) => editions.prefix(e))
    return send(c, robotsTxt(publicUrl, others), CONTENT_TYPES.text)
  })

  /** Sitemap file names: Polish ones as before, other editions' with their code in front. */
  const fileOf = (code: EditionCode, name: string) => (code === DEFAULT_EDITION ? name : `${code}-${name}`)

  app.get('/sitemap.xml', async (c) => {
    useCacheKeys(c, CacheKeys.site, CacheKeys.sitemap)
    const { site, editions } = await deps.siteData.get()
    const now = deps.now().toISOString()
    const entries: Array<{ loc: string; lastmod?: string }> = []
    for (const code of editions.enabled) {
      const parts = await sitemapParts(db, partSize, now, editions.filter(code))
      entries.push(
        { loc: `${publicUrl}/sitemaps/${fileOf(code, 'pages.xml')}` },
        ...parts.map((p) => ({ loc: `${publicUrl}/sitemaps/${fileOf(code, `articles-${p.part}.xml`)}`, lastmod: isoWithOffset(new Date(p.lastmod), site.timeZone) })),
      )
    }
    return send(c, sitemapIndex(entries), CONTENT_TYPES.xml)
  })

  app.get('/sitemaps/:file', async (c) => {
    // Not found parts are not cached: only 200s are.
    useCacheKeys(c, CacheKeys.site, CacheKeys.sitemap)
    const named = /^(?:([a-z]{2})-)?(pages\.xml|articles-([1-9]\d{0,8})\.xml)$/.exec(c.req.param('file'))
    // Polish parts have no prefix ("pl-pages.xml" is not an address).
    if (!named || named[1] === DEFAULT_EDITION) return renderError(c, deps, 404)
    const code = named[1] ?? DEFAULT_EDITION
    const { site, sections, editions } = await deps.siteData.get()
    if (!editions.isEnabled(code)) return renderError(c, deps, 404)
    const lastmod = (iso: string | null | undefined) => (iso ? isoWithOffset(new Date(iso), site.timeZone) : undefined)
    const now = deps.now().toISOString()
    const only = editions.filter(code)
    const at = (path: string) => publicUrl + editions.path(code, path)

    if (named[2] === 'pages.xml') {
      const data = await sitemapPagesData(db, now, undefined, only)
      const urls: SitemapUrl[] = [
        { loc: publicUrl + editions.homePath(code), lastmod: lastmod(data.latest) },
        ...sections.map((s) => ({ loc: at(`/${s.slug}`), lastmod: lastmod(data.sections.get(s.id)) })),
        ...data.pages.map((p) => ({ loc: at(`/${p.slug}`), lastmod: lastmod(p.updatedAt) })),
        ...(code === DEFAULT_EDITION ? [{ loc: publicUrl + CONTACT_PATH }] : []),
        ...data.tags.map((t) => ({ loc: at(`/tag/${t.slug}`), lastmod: lastmod(t.lastmod) })),
        ...data.authors.map((a) => ({ loc: at(`/autor/${a.slug}`), lastmod: lastmod(a.lastmod) })),
      ]
      const seen = new Set<string>()
      const unique = urls.filter((u) => !seen.has(u.loc) && seen.add(u.loc))
      return send(c, urlSet(unique.slice(0, MAX_SITEMAP_URLS)), CONTENT_TYPES.xml)
    }

    const rows = await sitemapArticles(db, Number(named[3]), partSize, now, only)
    if (rows.length === 0) return renderError(c, deps, 404)
    // Language versions (hreflang): one query for the part's translation groups.
    const groups = editions.enabled.length > 1 ? rows.flatMap((r) => (r.groupId !== null ? [r.groupId] : [])) : []
    const members = await versionRows(db, groups, now)
    const urls: SitemapUrl[] = rows.map((r) => {
      const versions = r.groupId !== null ? readerVersions(members.filter((m) => m.groupId === r.groupId), editions) : []
      const xDefault = versions.find((v) => v.code === DEFAULT_EDITION)
      return {
        loc: publicUrl + editions.articlePath({ kind: 'article', slug: r.slug, section: r.sectionSlug !== null ? { slug: r.sectionSlug } : null, language: r.language }),
        lastmod: lastmod(r.updatedAt),
        image: r.image ? { loc: absoluteMediaUrl(publicUrl, r.image, deps.config.mediaPublicUrl) } : null,
        alternates: versions.length
          ? [...versions.map((v) => ({ hreflang: v.code, href: publicUrl + v.path })), ...(xDefault ? [{ hreflang: 'x-default', href: publicUrl + xDefault.path }] : [])]
          : undefined,
      }
    })
    return send(c, urlSet(urls), CONTENT_TYPES.xml)
  })

  app.get('/sitemap-news.xml', async (c) => {
    const { site, editions } = await deps.siteData.get()
    const now = deps.now()
    const since = new Date(now.getTime() - NEWS_WINDOW_MS).toISOString()
    // Every edition's stories, each with its edition's language.
    const articles = await listVisible(db, { since }, { limit: MAX_NEWS_URLS, offset: 0 }, now.toISOString())
    return send(
      c,
      newsSitemap(
        { name: site.name, language: site.language },
        articles.map((a) => {
          const code = editions.of(a.language)
          return {
            loc: publicUrl + editions.articlePath(a),
            title: a.headline,
            publicationDate: isoWithOffset(new Date(a.publishedAt), site.timeZone),
            ...(code !== DEFAULT_EDITION ? { language: EDITION_INFO[code].code } : {}),
          }
        }),
      ),
      CONTENT_TYPES.xml,
    )
  })
}
