/**
 * @module
 * RSS 2.0, RSS 1.0 (RDF) and Atom 1.0 into incoming items, with fast-xml-parser.
 * Documents with entity declarations (`<!ENTITY`) are refused before parsing: a feed has
 * no use for them and they are how "billion laughs" and external-entity attacks start.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import type { BlockDocument, Block } from '../content/document.js'
import { htmlToDocument, htmlToText, richTextToDocument, safeLink, textToDocument } from './html.js'
import { normalizeLanguageTag } from './language.js'

export type IncomingFormat = 'rss' | 'atom' | 'ninjs' | 'html' | 'text'

/** One story as a source gives it, before deduplication and storage. */
export interface IncomingItem {
  format: IncomingFormat
  /** The source's own id (RSS guid, Atom id, NINJS uri); null when it has none. */
  guid: string | null
  /** The story's web address, when it has one. */
  url: string | null
  headline: string
  lede: string
  byline: string
  body: BlockDocument
  /** Declared by the source (ISO 639-1), not detected. */
  language: string | null
  /** ISO time the source gives (published or updated). */
  publishedAt: string | null
  /** NINJS version (an update replaces an item not yet taken). */
  version?: string | null
  /** NINJS pubstatus "canceled"/"withheld": the agency withdrew the story. */
  withdrawn?: boolean
}

export class FeedError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'FeedError'
  }
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: true,
  // Atom content may be XHTML markup: keep it as raw text to convert as HTML.
  stopNodes: ['feed.entry.content', 'feed.entry.summary', 'feed.entry.title'],
  isArray: (_name, jpath) =>
    ['rss.channel.item', 'feed.entry', 'rdf:RDF.item', 'feed.entry.link', 'feed.entry.author', 'rss.channel.item.enclosure', 'rss.channel.item.media:content', 'rss.channel.item.category'].includes(
      String(jpath),
    ),
})

type XmlValue = string | number | boolean | XmlObject | XmlValue[] | undefined | null
interface XmlObject {
  [key: string]: XmlValue
}

function text(v: XmlValue): string {
  if (v === undefined || v === null) return ''
  if (typeof v === 'string') return v
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  if (Array.isArray(v)) return text(v[0])
  return text(v['#text'])
}

function obj(v: XmlValue): XmlObject {
  if (Array.isArray(v)) return obj(v[0])
  return v && typeof v === 'object' ? v : {}
}

function list(v: XmlValue): XmlValue[] {
  if (v === undefined || v === null) return []
  return Array.isArray(v) ? v : [v]
}

function isoTime(raw: string): string | null {
  if (!raw) return null
  const t = Date.parse(raw.trim())
  return Number.isNaN(t) ? null : new Date(t).toISOString()
}

/** Decodes the XML escapes and CDATA sections of raw (stop-node) text. */
export function decodeXml(raw: string): string {
  let out = ''
  let rest = raw
  for (;;) {
    const start = rest.indexOf('<![CDATA[')
    if (start < 0) break
    out += decodeEntities(rest.slice(0, start))
    const end = rest.indexOf(']]>', start)
    if (end < 0) {
      out += rest.slice(start + 9)
      rest = ''
      break
    }
    out += rest.slice(start + 9, end)
    rest = rest.slice(end + 3)
  }
  return out + decodeEntities(rest)
}

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (m, e: string) => {
    const k = e.toLowerCase()
    if (k === 'lt') return '<'
    if (k === 'gt') return '>'
    if (k === 'amp') return '&'
    if (k === 'quot') return '"'
    if (k === 'apos') return "'"
    const code = k.startsWith('#x') ? Number.parseInt(k.slice(2), 16) : Number.parseInt(k.slice(1), 10)
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : m
  })
}

/** Atom text constructs: type text (default), html, or xhtml (markup inside a div). */
function atomText(v: XmlValue): { html: string | null; text: string } {
  const o = obj(v)
  const raw = typeof v === 'string' ? v : text(o)
  const type = text(o['@_type']).toLowerCase()
  if (type === 'xhtml') {
    const html = raw.replace(/^\s*<(?:\w+:)?div[^>]*>/, '').replace(/<\/(?:\w+:)?div>\s*$/, '')
    return { html, text: htmlToText(html) }
  }
  const decoded = decodeXml(raw)
  if (type === 'html' || type === 'text/html') return { html: decoded, text: htmlToText(decoded) }
  return { html: null, text: decoded.replace(/\s+/g, ' ').trim() }
}

function leadImage(src: string | null, caption: string, credit: string): Block[] {
  if (!src) return []
  return [{ type: 'image', attrs: { mediaId: null, src, alt: '', caption: caption.slice(0, 2000), credit: credit.slice(0, 500) } }]
}

function withLeadImage(body: BlockDocument, image: Block[]): BlockDocument {
  if (image.length === 0 || body.content.some((b) => b.type === 'image')) return body
  return { ...body, content: [...image, ...body.content] }
}

function rssItem(item: XmlObject, channelLanguage: string | null, base: string | undefined): IncomingItem {
  const link = safeLink(text(item.link), base)
  const guidRaw = text(item.guid).trim()
  const headline = htmlToText(text(item.title))
  const description = text(item.description)
  const encoded = text(item['content:encoded'])
  let body = encoded ? htmlToDocument(encoded, link ?? base) : richTextToDocument(description, link ?? base)
  const lede = encoded && description ? htmlToText(description).slice(0, 2000) : ''
  let image: string | null = null
  let caption = ''
  let credit = ''
  for (const m of [...list(item['media:content']), ...list(item.enclosure)]) {
    const o = obj(m)
    const type = text(o['@_type']).toLowerCase()
    const medium = text(o['@_medium']).toLowerCase()
    if (type.startsWith('image/') || medium === 'image') {
      image = safeLink(text(o['@_url']), base)
      caption = htmlToText(text(o['media:description']) || text(item['media:description']))
      credit = htmlToText(text(o['media:credit']) || text(item['media:credit']))
      if (image) break
    }
  }
  if (!image) image = safeLink(text(obj(item['media:thumbnail'])['@_url']), base)
  body = withLeadImage(body, leadImage(image && /^https?:/.test(image) ? image : null, caption, credit))
  return {
    format: 'rss',
    guid: guidRaw || link,
    url: link,
    headline,
    lede,
    byline: htmlToText(text(item['dc:creator']) || text(item.author)).slice(0, 200),
    body,
    language: normalizeLanguageTag(text(item['dc:language'])) ?? channelLanguage,
    publishedAt: isoTime(text(item.pubDate) || text(item['dc:date'])),
  }
}

function atomEntry(entry: XmlObject, feedLanguage: string | null, base: string | undefined): IncomingItem {
  const links = list(entry.link).map(obj)
  const alternate = links.find((l) => !text(l['@_rel']) || text(l['@_rel']) === 'alternate') ?? links[0]
  const link = alternate ? safeLink(text(alternate['@_href']), base) : null
  const title = atomText(entry.title)
  const content = entry.content !== undefined ? atomText(entry.content) : null
  const summary = entry.summary !== undefined ? atomText(entry.summary) : null
  const main = content ?? summary
  let body: BlockDocument = { type: 'doc', content: [] }
  if (main) body = main.html !== null ? htmlToDocument(main.html, link ?? base) : textToDocument(main.text)
  const enclosure = links.find((l) => text(l['@_rel']) === 'enclosure' && text(l['@_type']).startsWith('image/'))
  const image = enclosure ? safeLink(text(enclosure['@_href']), base) : null
  body = withLeadImage(body, leadImage(image, '', ''))
  const authors = list(entry.author)
    .map((a) => text(obj(a).name))
    .filter(Boolean)
  return {
    format: 'atom',
    guid: text(entry.id).trim() || link,
    url: link,
    headline: title.text,
    lede: content && summary ? summary.text.slice(0, 2000) : '',
    byline: authors.join(', ').slice(0, 200),
    body,
    language: normalizeLanguageTag(text(entry['@_xml:lang'])) ?? feedLanguage,
    publishedAt: isoTime(text(entry.published) || text(entry.updated)),
  }
}

/** Parses a feed document. `base` (the feed's URL) resolves relative links. */
export function parseFeed(xml: string, base?: string): { title: string; items: IncomingItem[] } {
  if (/<!ENTITY/i.test(xml)) throw new FeedError('Kanał zawiera deklaracje encji (<!ENTITY>): odrzucono ze względów bezpieczeństwa')
  const valid = XMLValidator.validate(xml)
  if (valid !== true) throw new FeedError(`Nieprawidłowy XML (wiersz ${valid.err.line}): ${valid.err.msg.slice(0, 200)}`)
  let doc: XmlObject
  try {
    doc = parser.parse(xml) as XmlObject
  } catch (err) {
    throw new FeedError(`Nieprawidłowy XML: ${(err as Error).message.slice(0, 200)}`)
  }
  if (doc.rss !== undefined) {
    const channel = obj(obj(doc.rss).channel)
    const language = normalizeLanguageTag(text(channel.language) || text(channel['dc:language']))
    return { title: htmlToText(text(channel.title)), items: list(channel.item).map((i) => rssItem(obj(i), language, base)) }
  }
  if (doc.feed !== undefined) {
    const feed = obj(doc.feed)
    const language = normalizeLanguageTag(text(feed['@_xml:lang']))
    return { title: atomText(feed.title).text, items: list(feed.entry).map((e) => atomEntry(obj(e), language, base)) }
  }
  if (doc['rdf:RDF'] !== undefined) {
    const rdf = obj(doc['rdf:RDF'])
    const channel = obj(rdf.channel)
    const language = normalizeLanguageTag(text(channel['dc:language']))
    return { title: htmlToText(text(channel.title)), items: list(rdf.item).map((i) => rssItem(obj(i), language, base)) }
  }
  throw new FeedError('Nie rozpoznano formatu kanału (oczekiwano RSS albo Atom)')
}
