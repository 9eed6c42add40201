/**
 * @module
 * Sitemaps (sitemaps.org 0.9 with Google's image and news extensions) and robots.txt.
 */
import { el, xmlDocument, type XmlBytes } from './xml.js'

export const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9'
export const IMAGE_NS = 'http://www.google.com/schemas/sitemap-image/1.1'
export const NEWS_NS = 'http://www.google.com/schemas/sitemap-news/0.9'
/** hreflang alternates of a URL (language versions; src/editions/). */
export const XHTML_NS = 'http://www.w3.org/1999/xhtml'

/** Google's limits: 50,000 URLs per sitemap, 1,000 per news sitemap. */
export const MAX_SITEMAP_URLS = 50_000
export const MAX_NEWS_URLS = 1_000

export function sitemapIndex(entries: Array<{ loc: string; lastmod?: string | undefined }>): XmlBytes {
  return xmlDocument(
    el(
      'sitemapindex',
      { xmlns: SITEMAP_NS },
      entries.map((e) => el('sitemap', null, el('loc', null, e.loc), e.lastmod ? el('lastmod', null, e.lastmod) : null)),
    ),
  )
}

export interface SitemapUrl {
  loc: string
  lastmod?: string | undefined
  image?: { loc: string } | null | undefined
  /** Every language version, this one included, and `x-default`. */
  alternates?: Array<{ hreflang: string; href: string }> | undefined
}

export function urlSet(urls: SitemapUrl[]): XmlBytes {
  const withImages = urls.some((u) => u.image)
  const withAlternates = urls.some((u) => u.alternates?.length)
  return xmlDocument(
    el(
      'urlset',
      { xmlns: SITEMAP_NS, 'xmlns:image': withImages ? IMAGE_NS : null, 'xmlns:xhtml': withAlternates ? XHTML_NS : null },
      urls.map((u) =>
        el(
          'url',
          null,
          el('loc', null, u.loc),
          u.lastmod ? el('lastmod', null, u.lastmod) : null,
          (u.alternates ?? []).map((a) => el('xhtml:link', { rel: 'alternate', hreflang: a.hreflang, href: a.href })),
          u.image ? el('image:image', null, el('image:loc', null, u.image.loc)) : null,
        ),
      ),
    ),
  )
}

export interface NewsUrl {
  loc: string
  title: string
  publicationDate: string
  /** The story's edition's language when not the publication's. */
  language?: string
}

export function newsSitemap(publication: { name: string; language: string }, urls: NewsUrl[]): XmlBytes {
  return xmlDocument(
    el(
      'urlset',
      { xmlns: SITEMAP_NS, 'xmlns:news': NEWS_NS },
      urls.map((u) =>
        el(
          'url',
          null,
          el('loc', null, u.loc),
          el(
            'news:news',
            null,
            el('news:publication', null, el('news:name', null, publication.name), el('news:language', null, u.language ?? publication.language)),
            el('news:publication_date', null, u.publicationDate),
            el('news:title', null, u.title),
          ),
        ),
      ),
    ),
  )
}

/** `editionPrefixes`: the other editions' prefixes (`/en`), whose search pages stay out too. */
export function robotsTxt(publicUrl: string, editionPrefixes: readonly string[] = []): string {
  return [
    'User-agent: *',
    'Allow: /',
    'Disallow: /admin/',
    'Disallow: /szukaj',
    ...editionPrefixes.map((p) => `Disallow: ${p}/szukaj`),
    '',
    `Sitemap: ${publicUrl}/sitemap.xml`,
    `Sitemap: ${publicUrl}/sitemap-news.xml`,
    '',
  ].join('\n')
}
