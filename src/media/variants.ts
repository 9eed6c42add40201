/**
 * @module
 * Responsive variants of a stored image: widths 320, 640, 960, 1280 and 1600 px (never wider
 * than the original; an original narrower than 1600 px adds its own width as the largest),
 * each in AVIF, WebP and a fallback (JPEG, or PNG when the image has transparent pixels).
 *
 * They are made from the stored original, which is already normalised (EXIF orientation
 * applied, metadata stripped, sRGB); sharp writes no metadata unless asked, so no variant
 * carries EXIF, GPS, XMP or ICC data. The original is decoded once and shrunk to the largest
 * width; the smaller widths are resized from that copy.
 *
 * Keys are content-addressed like originals (`<yyyy>/<mm>/<sha256-16>.<ext>`, in the
 * original's folder), so every variant is immutable and cached for a year.
 */
import { createHash } from 'node:crypto'
import path from 'node:path'
import type { Sharp } from 'sharp'
import { loadSharp } from './sharp.js'
import { z } from 'zod'
import { MAX_INPUT_PIXELS } from './media.service.js'

export const VARIANT_WIDTHS = [320, 640, 960, 1280, 1600] as const
export const VARIANT_FORMATS = ['avif', 'webp', 'jpeg', 'png'] as const
export type VariantFormat = (typeof VARIANT_FORMATS)[number]

/** Encoder settings of the variants (changing them changes the bytes, hence the keys). */
export const VARIANT_QUALITY = { avif: 55, avifEffort: 3, webp: 78, jpeg: 80 } as const

export const VARIANT_MIME: Record<VariantFormat, string> = {
  avif: 'image/avif',
  webp: 'image/webp',
  jpeg: 'image/jpeg',
  png: 'image/png',
}
const VARIANT_EXT: Record<VariantFormat, string> = { avif: 'avif', webp: 'webp', jpeg: 'jpg', png: 'png' }

export const MediaVariantSchema = z.object({
  format: z.enum(VARIANT_FORMATS),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  key: z.string().min(1),
  bytes: z.number().int().nonnegative(),
})
export type MediaVariant = z.infer<typeof MediaVariantSchema>

/** The `media.variants` column, leniently: anything unreadable counts as no variants. */
export function parseVariants(json: string | null | undefined): MediaVariant[] {
  if (!json || json === '[]') return []
  try {
    const parsed = z.array(MediaVariantSchema).safeParse(JSON.parse(json))
    return parsed.success ? parsed.data : []
  } catch {
    return []
  }
}

/** The widths made for an original this wide: never upscaled. */
export function variantWidths(originalWidth: number): number[] {
  const widths: number[] = VARIANT_WIDTHS.filter((w) => w < originalWidth)
  const largest = VARIANT_WIDTHS[VARIANT_WIDTHS.length - 1]!
  if (originalWidth <= largest) widths.push(originalWidth)
  return widths
}

export interface GeneratedVariant extends MediaVariant {
  readonly data: Buffer
}

export interface GeneratedVariants {
  readonly variants: GeneratedVariant[]
  /** Why there are none (an animation), else null. */
  readonly skipped: string | null
  /** Milliseconds spent, per format and in total (for logs and the benchmark). */
  readonly timings: Record<VariantFormat | 'decode' | 'total', number>
}

function encode(image: Sharp, format: VariantFormat): Sharp {
  switch (format) {
    case 'avif':
      return image.avif({ quality: VARIANT_QUALITY.avif, effort: VARIANT_QUALITY.avifEffort })
    case 'webp':
      return image.webp({ quality: VARIANT_QUALITY.webp })
    case 'jpeg':
      return image.jpeg({ quality: VARIANT_QUALITY.jpeg, mozjpeg: true })
    case 'png':
      return image.png({ compressionLevel: 9, adaptiveFiltering: true, palette: false })
  }
}

/** `<folder of the original>/<sha256-16>.<ext>`. */
export function variantKey(originalKey: string, data: Buffer, format: VariantFormat): string {
  const hash = createHash('sha256').update(data).digest('hex').slice(0, 16)
  const folder = path.posix.dirname(originalKey)
  return `${folder === '.' ? '' : `${folder}/`}${hash}.${VARIANT_EXT[format]}`
}

/**
 * Makes the variants of one stored original (its bytes and key). Animated GIF/WebP get none:
 * the page shows the original (sharp cannot write animated AVIF, and resizing an animation
 * is rarely worth its size). Throws on undecodable bytes.
 */
export async function generateVariants(original: Buffer, originalKey: string): Promise<GeneratedVariants> {
  const started = performance.now()
  const timings: Record<VariantFormat | 'decode' | 'total', number> = { decode: 0, avif: 0, webp: 0, jpeg: 0, png: 0, total: 0 }
  const input = { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' as const }
  const sharp = await loadSharp()
  const meta = await sharp(original, input).metadata()
  if ((meta.pages ?? 1) > 1) {
    timings.total = performance.now() - started
    return { variants: [], skipped: 'animation', timings }
  }
  if (!meta.width || !meta.height) throw new Error('image without dimensions')
  const widths = variantWidths(meta.width)
  const largest = widths[widths.length - 1]!

  // Decoded once, at the largest variant width (shrink-on-load makes this cheap for JPEG).
  const decodeStarted = performance.now()
  const base = await sharp(original, input)
    .autoOrient()
    .resize({ width: largest, withoutEnlargement: true })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true })
  const stats = await sharp(base.data, { raw: { width: base.info.width, height: base.info.height, channels: 4 } }).stats()
  const transparent = !stats.isOpaque
  timings.decode = performance.now() - decodeStarted

  const fallback: VariantFormat = transparent ? 'png' : 'jpeg'
  const variants: GeneratedVariant[] = []
  for (const width of widths) {
    const height = Math.max(1, Math.round((base.info.height * width) / base.info.width))
    for (const format of ['avif', 'webp', fallback] as const) {
      const t = performance.now()
      let image = sharp(base.data, { raw: { width: base.info.width, height: base.info.height, channels: 4 } })
      if (width !== base.info.width) image = image.resize({ width, height, fit: 'fill' })
      if (!transparent) image = image.removeAlpha()
      const out = await encode(image, format).toBuffer({ resolveWithObject: true })
      timings[format] += performance.now() - t
      variants.push({ format, width: out.info.width, height: out.info.height, key: variantKey(originalKey, out.data, format), bytes: out.data.length, data: out.data })
    }
  }
  timings.total = performance.now() - started
  for (const k of Object.keys(timings) as Array<keyof typeof timings>) timings[k] = Math.round(timings[k])
  return { variants, skipped: null, timings }
}
