/**
 * @module
 * IPTC NINJS (News in JSON), versions 1.x and 2.0, into incoming items.
 *
 * Read: `uri` (required: the agency's id), `headline` (1.x) or `headlines[]` (2.0),
 * `slugline`, `byline` or `by`, `language`, `versioncreated`/`firstcreated`, `version`,
 * `pubstatus` ("canceled"/"withheld" withdraw the story), `body_html`/`body_text` (1.x) or
 * `bodies[]` (2.0, HTML preferred), `description_text`/`description_html` or
 * `descriptions[]` (the lede), and pictures among `associations` (an object in 1.x, an
 * array in 2.0) with their `renditions` (same two shapes). Other fields are ignored.
 */
import { z } from 'zod'
import type { Block, BlockDocument } from '../content/document.js'
import type { IncomingItem } from './feed.js'
import { htmlToDocument, htmlToText, safeLink, textToDocument } from './html.js'
import { normalizeLanguageTag } from './language.js'

const Text = z.string().max(2_000_000)
const TextEntry = z.object({ value: Text, contenttype: z.string().optional(), role: z.string().optional() }).passthrough()
const Rendition = z
  .object({ name: z.string().optional(), href: z.string().max(2000).optional(), mimetype: z.string().optional(), width: z.number().optional(), height: z.number().optional() })
  .passthrough()

interface NinjsLike {
  uri: string
  type?: string | undefined
  version?: string | number | undefined
  versioncreated?: string | undefined
  firstcreated?: string | undefined
  pubstatus?: string | undefined
  language?: string | undefined
  headline?: string | undefined
  headlines?: Array<z.infer<typeof TextEntry>> | undefined
  slugline?: string | undefined
  byline?: string | undefined
  by?: unknown
  body_text?: string | undefined
  body_html?: string | undefined
  bodies?: Array<z.infer<typeof TextEntry>> | undefined
  description_text?: string | undefined
  description_html?: string | undefined
  descriptions?: Array<z.infer<typeof TextEntry>> | undefined
  copyrightholder?: string | undefined
  creditline?: string | undefined
  renditions?: Record<string, z.infer<typeof Rendition>> | Array<z.infer<typeof Rendition>> | undefined
  associations?: Record<string, NinjsLike | NinjsLike[]> | NinjsLike[] | undefined
}

const base = {
  uri: z.string().trim().min(1).max(2000),
  type: z.string().max(50).optional(),
  version: z.union([z.string().max(50), z.number()]).optional(),
  versioncreated: z.string().max(100).optional(),
  firstcreated: z.string().max(100).optional(),
  pubstatus: z.string().max(50).optional(),
  language: z.string().max(20).optional(),
  headline: z.string().max(5000).optional(),
  headlines: z.array(TextEntry).max(50).optional(),
  slugline: z.string().max(1000).optional(),
  byline: z.string().max(1000).optional(),
  by: z.unknown().optional(),
  body_text: Text.optional(),
  body_html: Text.optional(),
  bodies: z.array(TextEntry).max(50).optional(),
  description_text: Text.optional(),
  description_html: Text.optional(),
  descriptions: z.array(TextEntry).max(50).optional(),
  copyrightholder: z.string().max(1000).optional(),
  creditline: z.string().max(1000).optional(),
  renditions: z.union([z.record(z.string(), Rendition), z.array(Rendition).max(100)]).optional(),
}

export const NinjsSchema: z.ZodType<NinjsLike> = z.lazy(() =>
  z
    .object({
      ...base,
      associations: z.union([z.record(z.string(), z.union([NinjsSchema, z.array(NinjsSchema).max(100)])), z.array(NinjsSchema).max(100)]).optional(),
    })
    .passthrough(),
)

/** A push or a dropped file: one NINJS object, or a list of them (at most 100). */
export const NinjsPayloadSchema = z.union([NinjsSchema, z.array(NinjsSchema).min(1).max(100)])

function pick(entries: Array<z.infer<typeof TextEntry>> | undefined, roles: string[]): z.infer<typeof TextEntry> | undefined {
  if (!entries || entries.length === 0) return undefined
  for (const role of roles) {
    const found = entries.find((e) => (e.role ?? '').toLowerCase() === role)
    if (found) return found
  }
  return entries[0]
}

function isHtml(entry: { contenttype?: string | undefined } | undefined): boolean {
  return /html/i.test(entry?.contenttype ?? '')
}

function renditionsOf(n: NinjsLike): Array<z.infer<typeof Rendition> & { name: string }> {
  const r = n.renditions
  if (!r) return []
  if (Array.isArray(r)) return r.map((x, i) => ({ ...x, name: x.name ?? String(i) }))
  return Object.entries(r).map(([name, x]) => ({ ...x, name }))
}

/** The picture's best web rendition: a named original/base/view one, else the widest. */
function pictureHref(n: NinjsLike): string | null {
  const renditions = renditionsOf(n).filter((r) => r.href && safeLink(r.href, undefined)?.startsWith('http'))
  if (renditions.length === 0) return null
  const preferred = ['original', 'baseimage', 'viewimage', 'web', 'highres']
  for (const p of preferred) {
    const found = renditions.find((r) => r.name.toLowerCase() === p)
    if (found) return safeLink(found.href!, undefined)
  }
  renditions.sort((a, b) => (b.width ?? 0) - (a.width ?? 0))
  return safeLink(renditions[0]!.href!, undefined)
}

function associationsOf(n: NinjsLike): NinjsLike[] {
  const a = n.associations
  if (!a) return []
  if (Array.isArray(a)) return a
  return Object.values(a).flatMap((v) => (Array.isArray(v) ? v : [v]))
}

function plainOf(n: NinjsLike, kind: 'description' | 'body'): string {
  const html = kind === 'description' ? n.description_html : n.body_html
  const textValue = kind === 'description' ? n.description_text : n.body_text
  const entries = kind === 'description' ? n.descriptions : n.bodies
  if (textValue) return textValue.replace(/\s+/g, ' ').trim()
  if (html) return htmlToText(html)
  const e = pick(entries, ['caption', 'summary', 'main', 'text'])
  return e ? (isHtml(e) ? htmlToText(e.value) : e.value.replace(/\s+/g, ' ').trim()) : ''
}

function headlineOf(n: NinjsLike): string {
  const h = pick(n.headlines, ['main', 'headline'])
  return (h ? (isHtml(h) ? htmlToText(h.value) : h.value) : n.headline || n.slugline || '').replace(/\s+/g, ' ').trim()
}

function bylineOf(n: NinjsLike): string {
  if (n.byline) return n.byline.replace(/\s+/g, ' ').trim()
  if (Array.isArray(n.by)) {
    return n.by
      .map((b) => (b && typeof b === 'object' && 'name' in b && typeof (b as { name: unknown }).name === 'string' ? (b as { name: string }).name : ''))
      .filter(Boolean)
      .join(', ')
  }
  return ''
}

function isoTime(raw: string | undefined): string | null {
  if (!raw) return null
  const t = Date.parse(raw)
  return Number.isNaN(t) ? null : new Date(t).toISOString()
}

/** One NINJS object as an incoming item. */
export function ninjsToItem(n: NinjsLike): IncomingItem {
  let body: BlockDocument
  const entry = pick(n.bodies, ['main', 'body', 'text'])
  const htmlEntry = n.bodies?.find((b) => isHtml(b))
  if (n.body_html) body = htmlToDocument(n.body_html)
  else if (htmlEntry) body = htmlToDocument(htmlEntry.value)
  else if (n.body_text) body = textToDocument(n.body_text)
  else if (entry) body = textToDocument(entry.value)
  else body = { type: 'doc', content: [] }
  const images: Block[] = []
  for (const assoc of associationsOf(n)) {
    if ((assoc.type ?? '').toLowerCase() !== 'picture' && (assoc.type ?? '').toLowerCase() !== 'graphic') continue
    const src = pictureHref(assoc)
    if (!src) continue
    const caption = plainOf(assoc, 'description') || plainOf(assoc, 'body') || headlineOf(assoc)
    const credit = assoc.creditline || bylineOf(assoc) || assoc.copyrightholder || ''
    images.push({ type: 'image', attrs: { mediaId: null, src, alt: '', caption: caption.slice(0, 2000), credit: credit.replace(/\s+/g, ' ').trim().slice(0, 500) } })
  }
  if (images.length && !body.content.some((b) => b.type === 'image')) body = { ...body, content: [...images.slice(0, 1), ...body.content, ...images.slice(1)] }
  const status = (n.pubstatus ?? '').toLowerCase()
  const url = /^https?:\/\//i.test(n.uri) ? safeLink(n.uri, undefined) : null
  return {
    format: 'ninjs',
    guid: n.uri,
    url,
    headline: headlineOf(n),
    lede: plainOf(n, 'description').slice(0, 2000),
    byline: bylineOf(n).slice(0, 200),
    body,
    language: normalizeLanguageTag(n.language),
    publishedAt: isoTime(n.versioncreated) ?? isoTime(n.firstcreated),
    version: n.version === undefined ? null : String(n.version),
    withdrawn: status === 'canceled' || status === 'cancelled' || status === 'withheld',
  }
}

/** Parses a NINJS payload (already JSON-decoded); throws a ZodError on a wrong shape. */
export function parseNinjs(json: unknown): IncomingItem[] {
  const parsed = NinjsPayloadSchema.parse(json)
  return (Array.isArray(parsed) ? parsed : [parsed]).map(ninjsToItem)
}
