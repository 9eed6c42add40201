/**
 * @module
 * From stored stories to the format-neutral feed model: absolute URLs, stable ids, Polish
 * typography in the content, plain-text summaries.
 */
import { articlePath } from '../../content/article.js'
import type { MediaRow } from '../../content/content.table.js'
import { documentText } from '../../content/document.js'
import { isoWithOffset } from '../../polish/dates.js'
import { renderStoredDocument } from '../render-document.js'
import { absoluteUrl, mediaUrlFor } from '../site-view.js'
import type { FeedArticle } from './feed-data.js'
import type { FeedChannel, FeedEntry } from './formats.js'

/**
 * Makes the site-relative URLs of rendered HTML absolute: `href="/…"`, `src="/…"` against the
 * site's origin, `href="#…"` against the story's own URL. The renderer escapes every quote in
 * text, so `href="` occurs only as a real attribute.
 */
export function absolutizeHtml(html: string, publicUrl: string, pageUrl: string): string {
  return html.replace(/(\s(?:href|src)=")(\/(?!\/)|#)/g, (_, attr: string, start: string) => (start === '#' ? `${attr}${pageUrl}#` : `${attr}${publicUrl}/`))
}

/**
 * A tag: URI (RFC 4151) naming the story by its id, so the feed id survives slug and section
 * changes: "tag:depesza.pl,2026:article-42" (year of creation).
 */
export function articleTagUri(publicUrl: string, id: number, createdAt: string): string {
  const host = new URL(publicUrl).hostname
  const year = /^\d{4}/.test(createdAt) ? createdAt.slice(0, 4) : '2000'
  return `tag:${host},${year}:article-${id}`
}

const SUMMARY_CHARS = 280

/**
 * Whitespace runs as single spaces, trimmed: `text.replace(/\s+/g, ' ').trim()`, without
 * replacing every lone space between words (all but a few matches of `\s+` in prose).
 */
function collapseSpaces(text: string): string {
  return text.replace(/\s{2,}|[^\S ]/g, ' ').trim()
}

/**
 * The paragraphs joined with single spaces, or enough of their opening to cut a summary from:
 * the whitespace-collapsed start of a prefix (the first 2 × SUMMARY_CHARS characters) is the
 * start of the whole text's (a feed of long bodies spent a tenth of its render collapsing
 * text it then threw away).
 */
function openingText(texts: readonly string[]): string {
  let joined = ''
  for (let i = 0; i < texts.length; i++) {
    joined += i > 0 ? ` ${texts[i]}` : texts[i]
    if (joined.length > 2 * SUMMARY_CHARS) {
      const opening = collapseSpaces(joined.slice(0, 2 * SUMMARY_CHARS))
      if (opening.length > SUMMARY_CHARS) return opening
    }
  }
  return collapseSpaces(joined)
}

/** The lede, or else the opening of the text cut at a word boundary. */
export function summaryOf(article: Pick<FeedArticle, 'lede' | 'body'>): string {
  if (article.lede.trim()) return article.lede.trim()
  const text = openingText(documentText(article.body))
  if (text.length <= SUMMARY_CHARS) return text
  const cut = text.slice(0, SUMMARY_CHARS)
  const space = cut.lastIndexOf(' ')
  return `${(space > SUMMARY_CHARS / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:–-]+$/, '')}…`
}

/** `<MEDIA_PUBLIC_URL>/<key>` when media have their own public URL, else `<publicUrl>/media/<key>`. */
export function absoluteMediaUrl(publicUrl: string, media: Pick<MediaRow, 'storage_key'>, mediaPublicUrl?: string): string {
  return absoluteUrl(publicUrl, mediaUrlFor(mediaPublicUrl)(media))
}

/** Site paths inside a language edition (src/editions/); Polish ones when absent. */
export interface FeedPaths {
  story(a: FeedArticle): string
  /** `/tag/x` → `/en/tag/x`. */
  at(path: string): string
}

const POLISH_PATHS: FeedPaths = { story: (a) => articlePath(a), at: (p) => p }

export function feedEntry(article: FeedArticle, publicUrl: string, mediaPublicUrl?: string, paths: FeedPaths = POLISH_PATHS): FeedEntry {
  const url = publicUrl + paths.story(article)
  const html = renderStoredDocument(article.bodyJson, article.body, {
    media: article.media,
    mediaUrl: (m) => absoluteMediaUrl(publicUrl, m, mediaPublicUrl),
    polish: article.language === 'pl',
  })
  const lead = article.leadMedia
  return {
    id: articleTagUri(publicUrl, article.id, article.createdAt),
    url,
    title: article.headline,
    summary: summaryOf(article),
    contentHtml: absolutizeHtml(html, publicUrl, url),
    published: new Date(article.publishedAt),
    updated: new Date(article.updatedAt),
    language: article.language,
    authors: article.authors.map((a) => ({ name: a.name, url: `${publicUrl}${paths.at(`/autor/${a.slug}`)}` })),
    categories: [
      ...(article.section ? [{ term: article.section.slug, label: article.section.name, scheme: `${publicUrl}${paths.at('/')}` }] : []),
      ...article.tags.map((t) => ({ term: t.slug, label: t.name, scheme: `${publicUrl}${paths.at('/tag/')}` })),
    ],
    image: lead
      ? {
          url: absoluteMediaUrl(publicUrl, lead, mediaPublicUrl),
          type: lead.mime,
          bytes: lead.bytes,
          width: lead.width,
          height: lead.height,
          alt: lead.alt,
          caption: lead.caption,
          credit: lead.credit,
        }
      : null,
  }
}

export interface ChannelInfo {
  title: string
  description: string
  /** Site path of the HTML page ("" for the home page, "/swiat", "/tag/irak" …). */
  path: string
  language: string
  timeZone: string
  publisher: string
  copyright: string
  now: Date
  /** The edition's paths and home page (`/en/`); Polish when absent. */
  paths?: FeedPaths
  homePath?: string
}

export function feedChannel(info: ChannelInfo, articles: FeedArticle[], publicUrl: string, mediaPublicUrl?: string): FeedChannel {
  const entries = articles.map((a) => feedEntry(a, publicUrl, mediaPublicUrl, info.paths))
  const newest = entries.reduce<Date | null>((max, e) => (max === null || e.updated > max ? e.updated : max), null)
  const base = publicUrl + info.path
  return {
    title: info.title,
    description: info.description,
    homeUrl: info.path && info.path !== info.homePath?.replace(/\/$/, '') ? base : `${publicUrl}${info.homePath ?? '/'}`,
    urls: { rss: `${base}/rss.xml`, atom: `${base}/atom.xml`, json: `${base}/feed.json` },
    language: info.language,
    updated: newest ?? info.now,
    publisher: { name: info.publisher, url: `${publicUrl}${info.homePath ?? '/'}` },
    copyright: info.copyright,
    entries,
    rfc3339: (date) => isoWithOffset(date, info.timeZone),
  }
}
