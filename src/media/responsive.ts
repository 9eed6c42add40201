/**
 * @module
 * Markup of a library image with its responsive variants:
 *
 * ```html
 * <picture>
 *   <source type="image/avif" srcset="/media/….avif 320w, …" sizes="…">
 *   <source type="image/webp" srcset="/media/….webp 320w, …" sizes="…">
 *   <img src="/media/….jpg" srcset="/media/….jpg 320w, …" sizes="…" alt="…" width="…" height="…">
 * </picture>
 * ```
 *
 * An image without variants (not made yet, an animation, an external address) is a plain
 * `<img src>`, exactly as before variants existed. `width`/`height` are the original's, so the
 * browser reserves the right box before any file arrives.
 */
import type { MediaRow } from '../content/content.table.js'
import { escapeHtml } from '../site/html.js'
import { parseVariants, VARIANT_MIME, type MediaVariant, type VariantFormat } from './variants.js'

/** `sizes` for the site's layouts (see src/site/assets/site.css). */
export const SIZES = {
  /** Article body and lead image: `.article` is at most 40rem, with 1rem of padding each side. */
  article: '(min-width: 42rem) 40rem, calc(100vw - 2rem)',
  /** Story cards: a grid of 16rem-or-wider columns in a 72rem page. */
  card: '(min-width: 70rem) 17rem, (min-width: 53rem) 33vw, (min-width: 36rem) 50vw, calc(100vw - 2rem)',
  /** The home page's lead story: 3/5 of the page from 48rem. */
  homeLead: '(min-width: 72rem) 42rem, (min-width: 48rem) 60vw, calc(100vw - 2rem)',
  /** Small pictures (an author's photo, library thumbnails). */
  thumb: '10rem',
} as const

export interface ResponsiveImage {
  /** The `<img src>`: the largest fallback variant. */
  readonly src: string
  /** srcset of each type present: `url 320w, url 640w, …`. */
  readonly avif: string
  readonly webp: string
  readonly fallback: string
  readonly fallbackType: string
}

/** The variants of a library item as srcsets, or null when it has none (yet). */
export function responsiveImage(media: MediaRow, mediaUrl: (m: MediaRow) => string): ResponsiveImage | null {
  const variants = parseVariants(media.variants)
  if (variants.length === 0) return null
  const byFormat = (format: VariantFormat) => variants.filter((v) => v.format === format).sort((a, b) => a.width - b.width)
  const url = (v: MediaVariant) => mediaUrl({ ...media, storage_key: v.key })
  const srcset = (list: MediaVariant[]) => list.map((v) => `${url(v)} ${v.width}w`).join(', ')
  const fallbackList = byFormat('jpeg').length ? byFormat('jpeg') : byFormat('png')
  const largest = fallbackList[fallbackList.length - 1]
  if (!largest) return null
  return {
    src: url(largest),
    avif: srcset(byFormat('avif')),
    webp: srcset(byFormat('webp')),
    fallback: srcset(fallbackList),
    fallbackType: VARIANT_MIME[largest.format],
  }
}

export interface ImageMarkup {
  src: string
  alt: string
  width?: number | undefined
  height?: number | undefined
  responsive?: ResponsiveImage | null | undefined
  /** Which of SIZES (or any `sizes` value); used only with variants. */
  sizes?: string | undefined
  /** Further attributes of `<img>`, already escaped, with a leading space (` loading="lazy"`). */
  attrs?: string | undefined
}

/** `<img>` or `<picture>` as described above. */
export function imageHtml(p: ImageMarkup): string {
  const size = p.width && p.height ? ` width="${p.width}" height="${p.height}"` : ''
  const attrs = p.attrs ?? ''
  const r = p.responsive
  if (!r) return `<img src="${escapeHtml(p.src)}" alt="${escapeHtml(p.alt)}"${size}${attrs}>`
  const sizes = escapeHtml(p.sizes ?? SIZES.article)
  const source = (type: string, srcset: string) => (srcset ? `<source type="${type}" srcset="${escapeHtml(srcset)}" sizes="${sizes}">` : '')
  return (
    '<picture>' +
    source('image/avif', r.avif) +
    source('image/webp', r.webp) +
    `<img src="${escapeHtml(r.src)}" srcset="${escapeHtml(r.fallback)}" sizes="${sizes}" alt="${escapeHtml(p.alt)}"${size}${attrs}>` +
    '</picture>'
  )
}
