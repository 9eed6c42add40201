/**
 * @module
 * HTML from outside (feeds, NINJS `body_html`, fetched pages) into our block document.
 *
 * The conversion is a whitelist, not a clean-up: we walk the parsed DOM (linkedom) and emit
 * only our own node types — paragraphs, headings, quotes, lists, images (with captions),
 * dividers — and inline text with bold/italic/strike/sup/sub and links. Everything else
 * disappears by construction: `<script>`, `<style>`, `<iframe>`, forms, SVG and their
 * contents are skipped; attributes are never copied (so no `on…` handlers, no `style`);
 * a link survives only as an absolute `http(s):` or `mailto:` URL (relative ones are
 * resolved against the page); images only with an `http(s):` source. The result is
 * validated with the document schema before anyone stores it.
 *
 * Pages go through @mozilla/readability first (extractArticle) to find the story among
 * menus, teasers and comments.
 */
import { createRequire } from 'node:module'
import { Readability } from '@mozilla/readability'
import { DocumentSchema, type Block, type BlockDocument, type Inline, type Mark } from '../content/document.js'

type InlineMark = Mark

const SKIP = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'svg',
  'math',
  'canvas',
  'video',
  'audio',
  'source',
  'track',
  'map',
  'form',
  'input',
  'button',
  'select',
  'option',
  'textarea',
  'label',
  'head',
  'title',
  'meta',
  'link',
  'base',
  'nav',
  'dialog',
])

const BLOCKS = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'header',
  'footer',
  'aside',
  'address',
  'center',
  'body',
  'html',
  'dl',
  'dt',
  'dd',
  'details',
  'summary',
  'caption',
  'tbody',
  'thead',
  'tfoot',
])

const MAX_TEXT = 100_000
const MAX_INLINE = 5000
const MAX_BLOCKS = 5000

function tag(node: Node): string {
  return node.nodeType === 1 ? (node as Element).tagName.toLowerCase() : ''
}

function attr(el: Element, name: string): string {
  return (el.getAttribute(name) ?? '').trim()
}

/** An absolute http(s) or mailto URL for a link, or null. */
export function safeLink(href: string, base: string | undefined): string | null {
  const raw = href.trim()
  if (!raw || raw.startsWith('#')) return null
  if (/^mailto:/i.test(raw)) return raw.length <= 2000 && !/[\s<>"]/.test(raw) ? raw : null
  try {
    const url = base ? new URL(raw, base) : new URL(raw)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
    if (url.username || url.password) return null
    const out = url.href
    return out.length <= 2000 ? out : null
  } catch {
    return null
  }
}

function imageSource(el: Element, base: string | undefined): string | null {
  const candidates = [attr(el, 'src'), attr(el, 'data-src'), attr(el, 'data-original'), attr(el, 'data-lazy-src')]
  const srcset = attr(el, 'srcset') || attr(el, 'data-srcset')
  if (srcset) candidates.push(...srcset.split(',').map((c) => c.trim().split(/\s+/)[0] ?? ''))
  for (const c of candidates) {
    if (!c || /^data:/i.test(c)) continue
    const url = safeLink(c, base)
    if (url && /^https?:/i.test(url)) return url
  }
  return null
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`
}

function sameMarks(a: readonly InlineMark[] | undefined, b: readonly InlineMark[] | undefined): boolean {
  const x = a ?? []
  const y = b ?? []
  if (x.length !== y.length) return false
  return x.every((m, i) => {
    const n = y[i]!
    return m.type === n.type && (m.type !== 'link' || (n.type === 'link' && m.attrs.href === n.attrs.href))
  })
}

/** Collapses whitespace, trims the ends, drops empty runs and merges equal neighbours. */
function tidyInline(nodes: Inline[], pre = false): Inline[] {
  const out: Inline[] = []
  for (const n of nodes) {
    if (n.type === 'hardBreak') {
      out.push(n)
      continue
    }
    const text = pre ? n.text : n.text.replace(/[\s\u00a0]+/g, (m) => (m.includes('\u00a0') && !/[^\u00a0]/.test(m) ? '\u00a0' : ' '))
    const prev = out[out.length - 1]
    if (prev && prev.type === 'text' && sameMarks(prev.marks, n.marks)) prev.text += text
    else out.push({ ...n, text })
  }
  // Collapse spaces across run boundaries and trim around hard breaks and the ends.
  for (let i = 0; i < out.length; i++) {
    const n = out[i]!
    if (n.type !== 'text' || pre) continue
    const prev = out[i - 1]
    if ((!prev || prev.type === 'hardBreak' || (prev.type === 'text' && /\s$/.test(prev.text))) && n.text.startsWith(' ')) n.text = n.text.replace(/^ +/, '')
    const next = out[i + 1]
    if ((!next || next.type === 'hardBreak') && n.text.endsWith(' ')) n.text = n.text.replace(/ +$/, '')
  }
  const cleaned = out.filter((n) => n.type === 'hardBreak' || n.text.length > 0)
  while (cleaned[0]?.type === 'hardBreak') cleaned.shift()
  while (cleaned[cleaned.length - 1]?.type === 'hardBreak') cleaned.pop()
  return cleaned.slice(0, MAX_INLINE).map((n) => (n.type === 'text' ? { ...n, text: clip(n.text, MAX_TEXT), ...(n.marks?.length ? { marks: n.marks.slice(0, 10) } : {}) } : n))
}

function plain(nodes: Inline[]): string {
  return nodes
    .map((n) => (n.type === 'text' ? n.text : ' '))
    .join('')
    .replace(/\s+/g, ' ')
    .trim()
}

class Converter {
  readonly blocks: Block[] = []
  private inline: Inline[] = []

  constructor(private readonly base: string | undefined) {}

  private flush(): void {
    const content = tidyInline(this.inline)
    this.inline = []
    if (content.some((n) => n.type === 'text' && n.text.trim())) this.push({ type: 'paragraph', content })
  }

  private push(block: Block): void {
    if (this.blocks.length < MAX_BLOCKS) this.blocks.push(block)
  }

  /** Inline content of an element (blocks inside are flattened into hard breaks). */
  collectInline(el: Node, marks: InlineMark[] = [], pre = false): Inline[] {
    const out: Inline[] = []
    const walk = (node: Node, active: InlineMark[]) => {
      if (node.nodeType === 3) {
        const text = node.nodeValue ?? ''
        if (text) out.push(active.length ? { type: 'text', text, marks: [...active] } : { type: 'text', text })
        return
      }
      if (node.nodeType !== 1) return
      const t = tag(node)
      if (SKIP.has(t) || t === 'img' || t === 'picture' || t === 'figure') return
      if (t === 'br') {
        out.push({ type: 'hardBreak' })
        return
      }
      const next = this.markFor(node as Element, t, active)
      const blockish = BLOCKS.has(t) || t === 'li' || /^h[1-6]$/.test(t) || t === 'blockquote' || t === 'tr' || t === 'pre'
      if (blockish && out.length > 0) out.push({ type: 'hardBreak' })
      if (t === 'td' || t === 'th') out.push({ type: 'text', text: ' ' })
      for (const child of Array.from(node.childNodes)) walk(child, next)
    }
    for (const child of Array.from(el.childNodes)) walk(child, marks)
    return tidyInline(out, pre)
  }

  private markFor(el: Element, t: string, active: InlineMark[]): InlineMark[] {
    const add = (m: InlineMark) => (active.some((a) => a.type === m.type) ? active : [...active, m])
    switch (t) {
      case 'b':
      case 'strong':
        return add({ type: 'bold' })
      case 'i':
      case 'em':
      case 'cite':
      case 'dfn':
        return add({ type: 'italic' })
      case 's':
      case 'strike':
      case 'del':
        return add({ type: 'strike' })
      case 'sup':
        return add({ type: 'superscript' })
      case 'sub':
        return add({ type: 'subscript' })
      case 'a': {
        const href = safeLink(attr(el, 'href'), this.base)
        if (!href || active.some((a) => a.type === 'link')) return active
        const title = attr(el, 'title')
        return [...active, { type: 'link', attrs: title ? { href, title: clip(title, 300) } : { href } }]
      }
      default:
        return active
    }
  }

  private image(el: Element, caption = '', credit = ''): void {
    const src = imageSource(el, this.base)
    if (!src) return
    this.flush()
    this.push({
      type: 'image',
      attrs: { mediaId: null, src, alt: clip(attr(el, 'alt').replace(/\s+/g, ' '), 1000), caption: clip(caption || attr(el, 'title').replace(/\s+/g, ' '), 2000), credit: clip(credit, 500) },
    })
  }

  private figure(el: Element): void {
    const img = el.querySelector('img')
    const captionEl = el.querySelector('figcaption')
    let credit = ''
    let caption = ''
    if (captionEl) {
      const creditEl = captionEl.querySelector('.credit, .copyright, .byline, small')
      if (creditEl) {
        credit = plain(this.collectInline(creditEl))
        creditEl.remove()
      }
      caption = plain(this.collectInline(captionEl))
    }
    if (img) this.image(img, caption, credit)
    else if (caption) this.push({ type: 'paragraph', content: [{ type: 'text', text: clip(caption, MAX_TEXT) }] })
  }

  private list(el: Element, ordered: boolean): void {
    this.flush()
    const items: Array<{ type: 'listItem'; content: Inline[] }> = []
    const collect = (listEl: Element) => {
      for (const child of Array.from(listEl.children)) {
        if (tag(child) !== 'li') continue
        const nested = Array.from(child.children).filter((c) => tag(c) === 'ul' || tag(c) === 'ol')
        for (const n of nested) n.remove()
        const content = this.collectInline(child)
        if (content.length) items.push({ type: 'listItem', content })
        for (const n of nested) collect(n)
      }
    }
    collect(el)
    if (items.length) this.push({ type: 'list', attrs: { ordered }, content: items.slice(0, 1000) })
  }

  private quote(el: Element): void {
    this.flush()
    const citeEl = el.querySelector('footer, cite')
    let attribution = ''
    if (citeEl) {
      attribution = plain(this.collectInline(citeEl)).replace(/^[-—–\s]+/, '')
      citeEl.remove()
    }
    const content = this.collectInline(el)
    if (content.length) this.push({ type: 'quote', attrs: { attribution: clip(attribution, 500) }, content })
  }

  private table(el: Element): void {
    this.flush()
    for (const row of Array.from(el.querySelectorAll('tr'))) {
      const cells = Array.from(row.children)
        .filter((c) => tag(c) === 'td' || tag(c) === 'th')
        .map((c) => plain(this.collectInline(c)))
        .filter(Boolean)
      if (cells.length) this.push({ type: 'paragraph', content: [{ type: 'text', text: clip(cells.join(' | '), MAX_TEXT) }] })
    }
  }

  walk(node: Node, marks: InlineMark[] = []): void {
    if (node.nodeType === 3) {
      const text = node.nodeValue ?? ''
      if (text) this.inline.push(marks.length ? { type: 'text', text, marks: [...marks] } : { type: 'text', text })
      return
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return
    const t = tag(node)
    if (SKIP.has(t)) return
    const el = node as Element
    if (/^h[1-6]$/.test(t)) {
      this.flush()
      const content = this.collectInline(el)
      const n = Number(t[1])
      if (content.length) this.push({ type: 'heading', attrs: { level: n <= 2 ? 2 : n === 3 ? 3 : 4 }, content })
      return
    }
    switch (t) {
      case 'br':
        this.inline.push({ type: 'hardBreak' })
        return
      case 'hr':
        this.flush()
        this.push({ type: 'divider' })
        return
      case 'img':
        this.image(el)
        return
      case 'picture': {
        const img = el.querySelector('img')
        if (img) this.image(img)
        return
      }
      case 'figure':
        this.flush()
        this.figure(el)
        return
      case 'ul':
      case 'ol':
        this.list(el, t === 'ol')
        return
      case 'blockquote':
        this.quote(el)
        return
      case 'table':
        this.table(el)
        return
      case 'pre': {
        this.flush()
        const content = this.collectInline(el, [], true)
        if (content.length) this.push({ type: 'paragraph', content })
        return
      }
      case 'li':
        this.flush()
        for (const child of Array.from(el.childNodes)) this.walk(child, marks)
        this.flush()
        return
    }
    const block = BLOCKS.has(t) || t === 'tr' || t === ''
    if (block) this.flush()
    const next = t ? this.markFor(el, t, marks) : marks
    for (const child of Array.from(node.childNodes)) this.walk(child, next)
    if (block) this.flush()
  }

  finish(): BlockDocument {
    this.flush()
    return DocumentSchema.parse({ type: 'doc', content: this.blocks })
  }
}

// linkedom takes a second or more to load: it is loaded on first use (its CommonJS build, so
// synchronously), not with the application, so commands that never parse HTML start fast.
const requireCjs = createRequire(import.meta.url)
let parseHTML: typeof import('linkedom').parseHTML | null = null

/** A parsed HTML document (linkedom), typed as the DOM. */
export function parseDocumentHtml(html: string): Document {
  parseHTML ??= (requireCjs('linkedom') as typeof import('linkedom')).parseHTML
  return parseHTML(html).document as unknown as Document
}

/** Converts a DOM subtree to blocks. `base` resolves relative links and image sources. */
export function nodeToDocument(node: Node, base?: string): BlockDocument {
  const c = new Converter(base)
  c.walk(node)
  return c.finish()
}

/** An HTML fragment (a feed's description, NINJS body_html) to blocks. */
export function htmlToDocument(html: string, base?: string): BlockDocument {
  const doc = parseDocumentHtml(`<!DOCTYPE html><html><head></head><body>${html}</body></html>`)
  return nodeToDocument(doc.body ?? doc, base)
}

/** The text of an HTML fragment (titles that arrive with markup or entities). */
export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return html.replace(/\s+/g, ' ').trim()
  const doc = parseDocumentHtml(`<!DOCTYPE html><html><head></head><body>${html}</body></html>`)
  for (const el of Array.from(doc.querySelectorAll('script, style, template'))) el.remove()
  return (doc.body?.textContent ?? '').replace(/\s+/g, ' ').trim()
}

/** Plain text to paragraphs: blank lines separate paragraphs, single line breaks are spaces. */
export function textToDocument(text: string): BlockDocument {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n+/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
  return DocumentSchema.parse({
    type: 'doc',
    content: paragraphs.slice(0, MAX_BLOCKS).map((p) => ({ type: 'paragraph', content: [{ type: 'text', text: clip(p, MAX_TEXT) }] })),
  })
}

/** Feeds put either HTML or plain text in the same element; plain text keeps its paragraphs. */
export function richTextToDocument(value: string, base?: string): BlockDocument {
  return /<[a-zA-Z!/][^>]*>/.test(value) ? htmlToDocument(value, base) : textToDocument(decodeEntities(value))
}

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text
  const doc = parseDocumentHtml(`<!DOCTYPE html><html><body><pre>${text.replace(/</g, '&lt;')}</pre></body></html>`)
  return doc.querySelector('pre')?.textContent ?? text
}

/**
 * Pasted text, in the plain-text format of the QA command (docs/qa.md): the first non-empty
 * line is the headline; the rest, paragraphs separated by blank lines. A paragraph starting
 * with "Fot.", "Foto:", "Photo:", "Caption:" or "Podpis:" is a photo's caption (an image block
 * without a picture yet; a "Fot." paragraph right after a caption is its credit), "Alt:" /
 * "Tekst alternatywny:" / "Opis zdjęcia:" its alt text, "Autor zdjęcia:" / "Źródło zdjęcia:" /
 * "Credit:" its credit; "Lead:" / "Lid:" the lede; "Autor:" / "By:" the byline; "## " a
 * subheading. Such a line starts a paragraph of its own.
 */
export function parsePastedText(text: string): { headline: string; lede: string; byline: string; body: BlockDocument } {
  const lines = text.replace(/\r\n?/g, '\n').replace(/^\uFEFF/, '').split('\n')
  const first = lines.findIndex((l) => l.trim() !== '')
  if (first < 0) return { headline: '', lede: '', byline: '', body: { type: 'doc', content: [] } }
  const paragraphs: string[] = []
  let current: string[] = []
  for (const line of lines.slice(first + 1)) {
    const t = line.trim()
    if (!t || PASTE_PREFIXES.some((re) => re.test(t))) {
      if (current.length) paragraphs.push(current.join(' ').replace(/\s+/g, ' '))
      current = []
    }
    if (t) current.push(t)
  }
  if (current.length) paragraphs.push(current.join(' ').replace(/\s+/g, ' '))
  let lede = ''
  let byline = ''
  const blocks: Block[] = []
  let image: { caption: string; alt: string; credit: string } | null = null
  let lastWasCaption = false
  const flushImage = () => {
    if (image) blocks.push({ type: 'image', attrs: { mediaId: null, src: null, alt: clip(image.alt, 1000), caption: clip(image.caption, 2000), credit: clip(image.credit, 500) } } as Block)
    image = null
  }
  for (const p of paragraphs) {
    const wasCaption: boolean = lastWasCaption
    lastWasCaption = false
    if (PASTE_CAPTION.test(p)) {
      if (wasCaption && image && !image.credit && /^fot\./iu.test(p)) {
        image.credit = p.replace(PASTE_CAPTION, '')
        continue
      }
      flushImage()
      image = { caption: p.replace(PASTE_CAPTION, ''), alt: '', credit: '' }
      lastWasCaption = true
      continue
    }
    if (PASTE_ALT.test(p) || PASTE_CREDIT.test(p)) {
      image ??= { caption: '', alt: '', credit: '' }
      if (PASTE_ALT.test(p)) image.alt = p.replace(PASTE_ALT, '')
      else image.credit = p.replace(PASTE_CREDIT, '')
      lastWasCaption = wasCaption
      continue
    }
    flushImage()
    if (PASTE_BYLINE.test(p)) byline = p.replace(PASTE_BYLINE, '').slice(0, 200)
    else if (PASTE_LEDE.test(p)) lede = clip(p.replace(PASTE_LEDE, ''), 2000)
    else {
      const heading = /^(#{2,4})\s+/u.exec(p)
      if (heading) blocks.push({ type: 'heading', attrs: { level: heading[1]!.length as 2 | 3 | 4 }, content: [{ type: 'text', text: clip(p.slice(heading[0].length), MAX_TEXT) }] } as Block)
      else blocks.push({ type: 'paragraph', content: [{ type: 'text', text: clip(p, MAX_TEXT) }] })
    }
  }
  flushImage()
  return { headline: lines[first]!.replace(/\s+/g, ' ').trim(), lede, byline, body: DocumentSchema.parse({ type: 'doc', content: blocks.slice(0, MAX_BLOCKS) }) }
}

const PASTE_CAPTION = /^(?:fot\.|foto:|photo:|caption:|podpis:)\s*/iu
const PASTE_CREDIT = /^(?:autor zdjęcia:|źródło zdjęcia:|credit:)\s*/iu
const PASTE_ALT = /^(?:alt:|tekst alternatywny:|opis zdjęcia:)\s*/iu
const PASTE_LEDE = /^(?:lead:|lid:)\s*/iu
const PASTE_BYLINE = /^(?:autor:|by:)\s*/iu
const PASTE_PREFIXES = [PASTE_CAPTION, PASTE_CREDIT, PASTE_ALT, PASTE_LEDE, PASTE_BYLINE]

export interface ExtractedArticle {
  headline: string
  byline: string
  excerpt: string
  siteName: string
  /** As the page declares it (`<html lang>`), normalised to two letters, or ''. */
  language: string
  publishedTime: string | null
  body: BlockDocument
}

/**
 * The main text of a web page: Readability finds it, our converter turns it into blocks.
 * Falls back to the whole body when Readability finds nothing that looks like an article.
 */
export function extractArticle(html: string, url: string): ExtractedArticle {
  const doc = parseDocumentHtml(html)
  const declaredLang = (doc.documentElement?.getAttribute('lang') ?? '').trim().toLowerCase().slice(0, 2)
  const metaTitle = (doc.querySelector('meta[property="og:title"]')?.getAttribute('content') ?? '').trim()
  const docTitle = (doc.querySelector('title')?.textContent ?? '').trim()
  const h1 = (doc.querySelector('h1')?.textContent ?? '').replace(/\s+/g, ' ').trim()
  let result: ReturnType<Readability<Node>['parse']> = null
  try {
    result = new Readability<Node>(doc, { serializer: (node) => node, charThreshold: 200 }).parse()
  } catch {
    result = null
  }
  let body: BlockDocument
  if (result?.content) body = nodeToDocument(result.content, url)
  else {
    const fresh = parseDocumentHtml(html)
    body = nodeToDocument(fresh.body ?? fresh, url)
  }
  // The headline as the page's own <h1> or og:title states it; Readability's title is the
  // <title> cleaned of the site name, which is a fallback.
  const headline = (metaTitle || h1 || result?.title || docTitle).replace(/\s+/g, ' ').trim()
  // Readability keeps the headline as the first block when it is inside the article.
  const firstBlock = body.content[0]
  if (firstBlock && (firstBlock.type === 'heading' || firstBlock.type === 'paragraph') && plain(firstBlock.content ?? []) === headline) {
    body = { ...body, content: body.content.slice(1) }
  }
  const lang = (result?.lang ?? '').trim().toLowerCase().slice(0, 2) || declaredLang
  return {
    headline: clip(headline, 300),
    byline: (result?.byline ?? '').replace(/\s+/g, ' ').trim().slice(0, 200),
    excerpt: (result?.excerpt ?? '').replace(/\s+/g, ' ').trim().slice(0, 2000),
    siteName: (result?.siteName ?? '').replace(/\s+/g, ' ').trim().slice(0, 200),
    language: /^[a-z]{2}$/.test(lang) ? lang : '',
    publishedTime: result?.publishedTime ?? null,
    body,
  }
}
