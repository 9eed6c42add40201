/**
 * @module
 * One format-neutral feed model and its three serializations: RSS 2.0 (with content:encoded,
 * dc:creator, atom:link and Media RSS), Atom 1.0 and JSON Feed 1.1.
 *
 * Own code rather than the `feed` package: its v6 writes JSON Feed 1.0, puts author names
 * into RSS <author> (which must be an e-mail address), types Atom titles as HTML (so a
 * headline with markup in it would become markup in readers), derives image types from file
 * extensions ("image/jpg") and breaks CDATA sections when a text holds "]]>" twice.
 */
import { escapeHtml } from '../html.js'
import { el, xmlDocument, type Xml, type XmlBytes } from './xml.js'

export interface FeedPerson {
  name: string
  url?: string
}

export interface FeedCategory {
  /** Identifier (a slug). */
  term: string
  /** Human-readable name. */
  label: string
  /** The taxonomy's URL prefix (sections vs tags). */
  scheme: string
}

export interface FeedImage {
  url: string
  type: string
  bytes: number
  width: number
  height: number
  alt: string
  caption: string
  credit: string
}

export interface FeedEntry {
  /** Stable identifier (a tag: URI); never changes with the slug. */
  id: string
  url: string
  title: string
  /** Plain text. */
  summary: string
  /** HTML with absolute URLs. */
  contentHtml: string
  published: Date
  updated: Date
  language: string
  authors: FeedPerson[]
  categories: FeedCategory[]
  image: FeedImage | null
}

export interface FeedChannel {
  title: string
  description: string
  /** The HTML page the feed belongs to. */
  homeUrl: string
  urls: { rss: string; atom: string; json: string }
  language: string
  /** Newest change among the entries (or "now" when there are none). */
  updated: Date
  /** Feed-level author (the publication), required by Atom when an entry has none. */
  publisher: FeedPerson
  copyright: string
  entries: FeedEntry[]
  /** Formats dates as RFC 3339 with the site's offset. */
  rfc3339(date: Date): string
}

const GENERATOR = 'Depesza'

/** RFC 822 (as RFC 1123 tightened it, with a four-digit year) in GMT. */
export function rfc822(date: Date): string {
  return date.toUTCString()
}

export function rss2(feed: FeedChannel): XmlBytes {
  const items = feed.entries.map((e) =>
    el(
      'item',
      null,
      el('title', null, e.title),
      el('link', null, e.url),
      el('guid', { isPermaLink: 'false' }, e.id),
      el('pubDate', null, rfc822(e.published)),
      e.authors.map((a) => el('dc:creator', null, a.name)),
      e.categories.map((c) => el('category', { domain: c.scheme }, c.label)),
      // RSS <description> is entity-encoded HTML: the plain-text summary is HTML-escaped
      // first, so "<b>" in a lede stays text in the reader.
      e.summary ? el('description', null, escapeHtml(e.summary)) : null,
      e.contentHtml ? el('content:encoded', null, e.contentHtml) : null,
      e.image ? el('enclosure', { url: e.image.url, length: e.image.bytes, type: e.image.type }) : null,
      e.image ? mediaContent(e.image) : null,
    ),
  )
  const channel = el(
    'channel',
    null,
    el('title', null, feed.title),
    el('link', null, feed.homeUrl),
    el('description', null, feed.description || feed.title),
    el('language', null, feed.language),
    feed.copyright ? el('copyright', null, feed.copyright) : null,
    el('lastBuildDate', null, rfc822(feed.updated)),
    el('generator', null, GENERATOR),
    el('docs', null, 'https://www.rssboard.org/rss-specification'),
    el('atom:link', { href: feed.urls.rss, rel: 'self', type: 'application/rss+xml' }),
    items,
  )
  return xmlDocument(
    el(
      'rss',
      {
        version: '2.0',
        'xmlns:atom': 'http://www.w3.org/2005/Atom',
        'xmlns:content': 'http://purl.org/rss/1.0/modules/content/',
        'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
        'xmlns:media': 'http://search.yahoo.com/mrss/',
      },
      channel,
    ),
  )
}

function mediaContent(image: FeedImage): Xml {
  return el(
    'media:content',
    { url: image.url, type: image.type, medium: 'image', fileSize: image.bytes || null, width: image.width || null, height: image.height || null },
    image.caption || image.alt ? el('media:description', { type: 'plain' }, image.caption || image.alt) : null,
    image.credit ? el('media:credit', null, image.credit) : null,
  )
}

function atomPerson(tag: 'author', p: FeedPerson): Xml {
  return el(tag, null, el('name', null, p.name), p.url ? el('uri', null, p.url) : null)
}

export function atom1(feed: FeedChannel): XmlBytes {
  const entries = feed.entries.map((e) =>
    el(
      'entry',
      null,
      el('id', null, e.id),
      el('title', { type: 'text' }, e.title),
      el('link', { rel: 'alternate', type: 'text/html', href: e.url }),
      el('published', null, feed.rfc3339(e.published)),
      el('updated', null, feed.rfc3339(e.updated)),
      e.authors.map((a) => atomPerson('author', a)),
      e.categories.map((c) => el('category', { term: c.term, label: c.label, scheme: c.scheme })),
      e.summary ? el('summary', { type: 'text' }, e.summary) : null,
      e.contentHtml ? el('content', { type: 'html' }, e.contentHtml) : null,
      e.image ? el('link', { rel: 'enclosure', type: e.image.type, length: e.image.bytes || null, href: e.image.url, title: e.image.alt || null }) : null,
    ),
  )
  return xmlDocument(
    el(
      'feed',
      { xmlns: 'http://www.w3.org/2005/Atom', 'xml:lang': feed.language },
      el('id', null, feed.urls.atom),
      el('title', { type: 'text' }, feed.title),
      feed.description ? el('subtitle', { type: 'text' }, feed.description) : null,
      el('updated', null, feed.rfc3339(feed.updated)),
      el('link', { rel: 'self', type: 'application/atom+xml', href: feed.urls.atom }),
      el('link', { rel: 'alternate', type: 'text/html', href: feed.homeUrl }),
      atomPerson('author', feed.publisher),
      feed.copyright ? el('rights', { type: 'text' }, feed.copyright) : null,
      el('generator', null, GENERATOR),
      entries,
    ),
  )
}

export function jsonFeed(feed: FeedChannel): string {
  const body = {
    version: 'https://jsonfeed.org/version/1.1',
    title: feed.title,
    home_page_url: feed.homeUrl,
    feed_url: feed.urls.json,
    ...(feed.description ? { description: feed.description } : {}),
    language: feed.language,
    authors: [person(feed.publisher)],
    items: feed.entries.map((e) => ({
      id: e.id,
      url: e.url,
      title: e.title,
      ...(e.contentHtml ? { content_html: e.contentHtml } : { content_text: e.summary || e.title }),
      ...(e.summary ? { summary: e.summary } : {}),
      ...(e.image ? { image: e.image.url } : {}),
      date_published: feed.rfc3339(e.published),
      date_modified: feed.rfc3339(e.updated),
      ...(e.authors.length > 0 ? { authors: e.authors.map(person) } : {}),
      ...(e.categories.length > 0 ? { tags: e.categories.map((c) => c.label) } : {}),
      language: e.language,
    })),
  }
  return `${JSON.stringify(body, null, 2)}\n`
}

function person(p: FeedPerson): { name: string; url?: string } {
  return p.url ? { name: p.name, url: p.url } : { name: p.name }
}
