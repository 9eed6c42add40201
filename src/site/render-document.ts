/**
 * @module
 * Our own renderer from the block document to HTML. Every text run is typeset for Polish
 * and escaped; links are re-checked; embeds become plain link cards with no third-party code.
 */
import type { Block, BlockDocument, Inline, Mark } from '../content/document.js'
import type { MediaRow } from '../content/content.table.js'
import { imageHtml, responsiveImage, SIZES, type ResponsiveImage } from '../media/responsive.js'
import { KeptStrings } from '../platform/kept-strings.js'
import { typographyRuns } from '../polish/typography.js'
import { escapeHtml } from './html.js'

export interface RenderContext {
  /** Media-library items referenced by image blocks. */
  media: ReadonlyMap<number, MediaRow>
  mediaUrl(media: MediaRow): string
  /** Apply Polish typography (off for other languages). */
  polish: boolean
}

const SAFE_HREF = /^(https?:\/\/|mailto:|\/(?!\/)|#)/i

const MARK_TAGS: Record<Exclude<Mark['type'], 'link'>, string> = {
  bold: 'strong',
  italic: 'em',
  strike: 's',
  superscript: 'sup',
  subscript: 'sub',
}

function openMark(mark: Mark): string {
  if (mark.type !== 'link') return `<${MARK_TAGS[mark.type]}>`
  const href = SAFE_HREF.test(mark.attrs.href) ? mark.attrs.href : '#'
  const external = /^https?:\/\//i.test(href)
  const title = mark.attrs.title ? ` title="${escapeHtml(mark.attrs.title)}"` : ''
  return `<a href="${escapeHtml(href)}"${title}${external ? ' rel="noopener nofollow"' : ''}>`
}

function closeMark(mark: Mark): string {
  return mark.type === 'link' ? '</a>' : `</${MARK_TAGS[mark.type]}>`
}

function sameMark(a: Mark, b: Mark): boolean {
  return a.type === b.type && (a.type !== 'link' || (b.type === 'link' && a.attrs.href === b.attrs.href))
}

/** Renders inline nodes, keeping marks open across adjacent runs that share them. */
export function renderInline(content: readonly Inline[] | undefined, ctx: Pick<RenderContext, 'polish'>): string {
  if (!content || content.length === 0) return ''
  const texts = content.map((n) => (n.type === 'text' ? n.text : '\n'))
  const typeset = ctx.polish ? typographyRuns(texts) : texts
  let html = ''
  let open: Mark[] = []
  content.forEach((node, i) => {
    const marks = node.type === 'text' ? (node.marks ?? []) : open
    let keep = 0
    while (keep < open.length && keep < marks.length && sameMark(open[keep]!, marks[keep]!)) keep++
    for (let j = open.length - 1; j >= keep; j--) html += closeMark(open[j]!)
    for (let j = keep; j < marks.length; j++) html += openMark(marks[j]!)
    open = marks
    html += node.type === 'text' ? escapeHtml(typeset[i]!) : '<br>'
  })
  for (let j = open.length - 1; j >= 0; j--) html += closeMark(open[j]!)
  return html
}

/** Typesets and escapes a plain string (captions, headlines). */
/** Typeset short texts (headlines, ledes, captions: the same ones on many pages), by text. */
const typesetTexts = new Map<string, string>()
const TYPESET_TEXTS = 2000
const TYPESET_MAX_CHARS = 600

export function renderText(text: string, ctx: Pick<RenderContext, 'polish'>): string {
  if (!ctx.polish) return escapeHtml(text)
  if (text.length > TYPESET_MAX_CHARS) return escapeHtml(typographyRuns([text])[0]!)
  let html = typesetTexts.get(text)
  if (html === undefined) {
    html = escapeHtml(typographyRuns([text])[0]!)
    // Oldest first out: a bound, not an LRU (a hit costs no reordering).
    if (typesetTexts.size >= TYPESET_TEXTS) typesetTexts.delete(typesetTexts.keys().next().value!)
    typesetTexts.set(text, html)
  }
  return html
}

function blockIdAttr(block: Block): string {
  const id = block.attrs && 'id' in block.attrs ? block.attrs.id : undefined
  return id ? ` id="b-${escapeHtml(id)}"` : ''
}

/** "Fot. PAP" — unless the credit already says what it is ("Ilustracja: …", "Fot. …"). */
function creditLabel(credit: string, ctx: Pick<RenderContext, 'polish'>): string {
  const labelled = /^(fot\.|foto|fotografia|ilustracja|grafika|rys\.|rysunek|infografika|źródło|mat\.|materiały)\b/i.test(credit) || credit.includes(':')
  return renderText(labelled ? credit : `Fot. ${credit}`, ctx)
}

/**
 * A figure with its caption and credit. With `responsive` (a library image's variants, see
 * src/media/responsive.ts) the image is a `<picture>` with AVIF and WebP sources and a srcset.
 */
export function renderFigure(
  image: { src: string; alt: string; caption: string; credit: string; width?: number; height?: number; responsive?: ResponsiveImage | null; sizes?: string },
  ctx: Pick<RenderContext, 'polish'>,
  extra: { id?: string; className?: string; eager?: boolean } = {},
): string {
  const loading = extra.eager ? ' fetchpriority="high"' : ' loading="lazy" decoding="async"'
  const caption =
    image.caption || image.credit
      ? `<figcaption>${image.caption ? renderText(image.caption, ctx) : ''}${
          image.credit ? ` <span class="credit">${creditLabel(image.credit, ctx)}</span>` : ''
        }</figcaption>`
      : ''
  const img = imageHtml({ src: image.src, alt: image.alt, width: image.width, height: image.height, responsive: image.responsive, sizes: image.sizes ?? SIZES.article, attrs: loading })
  return `<figure${extra.id ?? ''}${extra.className ? ` class="${extra.className}"` : ''}>${img}${caption}</figure>`
}

function renderBlock(block: Block, ctx: RenderContext): string {
  const id = blockIdAttr(block)
  switch (block.type) {
    case 'paragraph':
      return block.content?.length ? `<p${id}>${renderInline(block.content, ctx)}</p>` : ''
    case 'heading': {
      const level = block.attrs.level
      return `<h${level}${id}>${renderInline(block.content, ctx)}</h${level}>`
    }
    case 'quote': {
      const who = block.attrs?.attribution ? `<footer>— ${renderText(block.attrs.attribution, ctx)}</footer>` : ''
      return `<blockquote${id}><p>${renderInline(block.content, ctx)}</p>${who}</blockquote>`
    }
    case 'list': {
      const tag = block.attrs?.ordered ? 'ol' : 'ul'
      const items = block.content.map((item) => `<li>${renderInline(item.content, ctx)}</li>`).join('')
      return `<${tag}${id}>${items}</${tag}>`
    }
    case 'image': {
      const media = block.attrs.mediaId ? ctx.media.get(block.attrs.mediaId) : undefined
      const src = media ? ctx.mediaUrl(media) : block.attrs.src
      if (!src) return ''
      return renderFigure(
        {
          src,
          alt: block.attrs.alt || media?.alt || '',
          caption: block.attrs.caption || media?.caption || '',
          credit: block.attrs.credit || media?.credit || '',
          ...(media ? { width: media.width, height: media.height, responsive: responsiveImage(media, ctx.mediaUrl) } : {}),
        },
        ctx,
        { id },
      )
    }
    case 'embed': {
      // A link card: no third-party script or iframe, so no tracking before the reader clicks.
      const host = new URL(block.attrs.url).hostname.replace(/^www\./, '')
      const title = block.attrs.title || block.attrs.url
      return `<aside${id} class="embed"><a href="${escapeHtml(block.attrs.url)}" rel="noopener nofollow"><span class="embed-provider">${escapeHtml(
        block.attrs.provider || host,
      )}</span> <span class="embed-title">${renderText(title, ctx)}</span></a></aside>`
    }
    case 'divider':
      return `<hr${id}>`
    case 'factbox': {
      const title = block.attrs?.title ? `<h2>${renderText(block.attrs.title, ctx)}</h2>` : ''
      return `<aside${id} class="factbox">${title}${block.content.map((b) => renderBlock(b, ctx)).join('')}</aside>`
    }
  }
}

export function renderDocument(doc: BlockDocument, ctx: RenderContext): string {
  return doc.content.map((block) => renderBlock(block, ctx)).join('\n')
}

/** Rendered bodies by their exact inputs, up to 4 MB of keys and values. */
const renderedBodies = new KeptStrings(4 * 1024 * 1024)

/**
 * `renderDocument` of a stored body, kept by its exact inputs: the stored JSON, the language
 * switch and every media item the body may show with its URL. A story's update, another
 * caption or a moved media origin is another key, so nothing needs dropping and nothing
 * stale is served; old versions age out (LRU by bytes). Typography of a body is most of an
 * article render's own work and most of a feed's.
 */
export function renderStoredDocument(json: string | undefined, doc: BlockDocument, ctx: RenderContext): string {
  if (json === undefined) return renderDocument(doc, ctx)
  let key = ctx.polish ? 'pl' : '-'
  for (const m of ctx.media.values()) key += `\u0000${JSON.stringify(m)}\u0000${ctx.mediaUrl(m)}`
  key += `\u0001${json}`
  const kept = renderedBodies.get(key)
  if (kept !== undefined) return kept
  const html = renderDocument(doc, ctx)
  renderedBodies.set(key, html)
  return html
}
