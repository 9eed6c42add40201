/**
 * @module
 * Real images made in the tests (no binary fixtures in the repository): a photo-like JPEG with
 * EXIF orientation and a GPS position, a PNG with transparent pixels, a PNG whose header claims
 * a huge size (a decompression bomb), a file that is no image but is named `.jpg`.
 */
import { deflateSync } from 'node:zlib'
import sharp from 'sharp'

/** Smooth colour fields with some grain: encodes like a photo, not like a flat fill. */
export async function photoPixels(width: number, height: number, seed = 1): Promise<Buffer> {
  const cw = Math.max(2, Math.round(width / 40))
  const ch = Math.max(2, Math.round(height / 40))
  const coarse = Buffer.alloc(cw * ch * 3)
  let x = seed * 2654435761
  const rand = () => {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    return (x >>> 0) / 4294967296
  }
  for (let i = 0; i < coarse.length; i++) coarse[i] = Math.floor(rand() * 256)
  const smooth = await sharp(coarse, { raw: { width: cw, height: ch, channels: 3 } }).resize(width, height, { kernel: 'cubic' }).raw().toBuffer()
  for (let i = 0; i < smooth.length; i += 5) smooth[i] = Math.max(0, Math.min(255, smooth[i]! + Math.floor(rand() * 24) - 12))
  return smooth
}

export const GPS_EXIF = {
  IFD0: { Make: 'Depesza Testowa', Model: 'Aparat 1', Copyright: 'Test' },
  IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 13/1 3000/100', GPSLongitudeRef: 'E', GPSLongitude: '21/1 0/1 4200/100' },
}

/**
 * A JPEG stored `width`×`height` as the camera saw it, with EXIF orientation `orientation`
 * (6: turn 90° clockwise to show it) and a GPS position in Warsaw.
 */
export async function jpegWithExif(width: number, height: number, options: { orientation?: number; quality?: number; seed?: number } = {}): Promise<Buffer> {
  const pixels = await photoPixels(width, height, options.seed ?? 1)
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: options.quality ?? 90 })
    .withExif(GPS_EXIF)
    .withMetadata({ orientation: options.orientation ?? 1 })
    .toBuffer()
}

/** A PNG with a transparent border around an opaque disc-like square. */
export async function pngWithTransparency(width = 800, height = 600): Promise<Buffer> {
  const data = Buffer.alloc(width * height * 4)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4
      const inside = x > width / 4 && x < (3 * width) / 4 && y > height / 4 && y < (3 * height) / 4
      data[i] = 30 + (x % 200)
      data[i + 1] = 90
      data[i + 2] = 160 + (y % 90)
      data[i + 3] = inside ? 255 : 0
    }
  }
  return sharp(data, { raw: { width, height, channels: 4 } }).png().toBuffer()
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
})()

function crc32(bytes: Buffer): number {
  let c = 0xffffffff
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

/**
 * A valid PNG header claiming `width`×`height` pixels (default 100 000 × 100 000 = 10 Gpx,
 * 30 GB decoded) followed by a little compressed data: a decompression bomb that must be
 * refused from its header, before anything is decoded.
 */
export function pngBomb(width = 100_000, height = 100_000): Buffer {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 2 // RGB
  ihdr[10] = 0
  ihdr[11] = 0
  ihdr[12] = 0
  // The first rows of zeros (each row: filter byte + 3 bytes per pixel), compressed.
  const idat = deflateSync(Buffer.alloc((1 + width * 3) * 4), { level: 9 })
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', ihdr), pngChunk('IDAT', idat), pngChunk('IEND', Buffer.alloc(0))])
}

/** A PDF document, as someone might rename it `zdjecie.jpg`. */
export function notAnImage(): Buffer {
  return Buffer.from(
    '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
    'latin1',
  )
}

/** Whether an EXIF block (as sharp's metadata().exif) has a GPS IFD pointer (tag 0x8825). */
export function exifHasGps(exif: Buffer | undefined): boolean {
  if (!exif) return false
  for (let i = 0; i + 1 < exif.length; i++) {
    if ((exif[i] === 0x88 && exif[i + 1] === 0x25) || (exif[i] === 0x25 && exif[i + 1] === 0x88)) return true
  }
  return false
}
