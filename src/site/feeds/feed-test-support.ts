/** Test helpers for feeds and sitemaps: strict XML parsing with predictable shapes. */
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { expect } from 'vitest'

/** Element paths that are always arrays, so a one-item feed parses like a long one. */
const ARRAYS = new Set([
  'rss.channel.item',
  'rss.channel.item.category',
  'rss.channel.item.dc:creator',
  'feed.link',
  'feed.entry',
  'feed.entry.author',
  'feed.entry.link',
  'feed.entry.category',
  'sitemapindex.sitemap',
  'urlset.url',
])

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  // Keep every value a string: headlines like "2026" must not become numbers.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  isArray: (_name, jpath) => ARRAYS.has(String(jpath)),
})

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Node = any

/** Asserts the document is well formed and parses it. */
export function parseXml(xml: string): Node {
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true)
  const valid = XMLValidator.validate(xml)
  expect(valid).toBe(true)
  return parser.parse(xml)
}

/** Element text whether or not the element also has attributes. */
export function text(node: Node): string {
  if (node === undefined || node === null) return ''
  if (typeof node === 'string') return node
  return String(node['#text'] ?? '')
}

export const RFC3339_OFFSET = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/
export const RFC822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d GMT$/
