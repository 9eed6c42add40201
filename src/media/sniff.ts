/**
 * @module
 * What an uploaded file is, judged by its first bytes (magic numbers), before any decoder sees
 * it: JPEG, PNG, GIF, WebP or AVIF, or nothing. The file name and the browser's Content-Type
 * are never trusted: a PDF renamed `zdjecie.jpg` is a PDF. Only files that pass this check
 * reach sharp/libvips (which would otherwise also parse SVG, TIFF, HEIC, PDF and more).
 */

export type SniffedType = 'jpeg' | 'png' | 'gif' | 'webp' | 'avif'

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

function ascii(bytes: Uint8Array, start: number, length: number): string {
  let s = ''
  for (let i = start; i < start + length && i < bytes.length; i++) s += String.fromCharCode(bytes[i]!)
  return s
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b)
}

/** The image type of the bytes, or null when they are none of the five the library takes. */
export function sniffImageType(bytes: Uint8Array): SniffedType | null {
  if (bytes.length < 12) return null
  // JPEG: SOI marker followed by another marker.
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg'
  if (startsWith(bytes, PNG_SIGNATURE)) return 'png'
  const head6 = ascii(bytes, 0, 6)
  if (head6 === 'GIF87a' || head6 === 'GIF89a') return 'gif'
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return 'webp'
  if (isAvif(bytes)) return 'avif'
  return null
}

/**
 * AVIF is an ISO-BMFF file whose first box is `ftyp` with the brand `avif` (still image) or
 * `avis` (sequence), as the major brand or among the compatible brands.
 */
function isAvif(bytes: Uint8Array): boolean {
  if (ascii(bytes, 4, 4) !== 'ftyp') return false
  const boxSize = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0
  if (boxSize < 16 || boxSize > 4096) return false
  const end = Math.min(boxSize, bytes.length)
  const brands = [ascii(bytes, 8, 4)]
  for (let offset = 16; offset + 4 <= end; offset += 4) brands.push(ascii(bytes, offset, 4))
  return brands.includes('avif') || brands.includes('avis')
}

export const SNIFFED_MIME: Record<SniffedType, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
}
