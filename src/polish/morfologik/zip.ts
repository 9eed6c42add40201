// A minimal, read-only ZIP (and therefore JAR) reader.
//
// Only what is needed to pull a few entries out of a jar: the End Of Central
// Directory record is located, the central directory is walked and entries
// stored (method 0) or deflated (method 8) are decompressed with
// node:zlib's inflateRawSync. CRC-32 of every extracted entry is verified.
// ZIP64 archives, encryption and multi-disk archives are rejected.
import { crc32, inflateRawSync } from 'node:zlib'

const SIG_EOCD = 0x06054b50
const SIG_CENTRAL = 0x02014b50
const SIG_LOCAL = 0x04034b50

export interface ZipEntry {
  /** Path inside the archive, '/'-separated. */
  readonly name: string
  readonly method: number
  readonly compressedSize: number
  readonly size: number
  readonly crc32: number
  readonly localHeaderOffset: number
  readonly flags: number
}

export class ZipFormatError extends Error {
  override name = 'ZipFormatError'
}

function findEndOfCentralDirectory(buf: Uint8Array, view: DataView): number {
  // EOCD is 22 bytes plus an optional comment of up to 65535 bytes.
  const min = Math.max(0, buf.length - 22 - 0xffff)
  for (let i = buf.length - 22; i >= min; i--) {
    if (view.getUint32(i, true) === SIG_EOCD) return i
  }
  throw new ZipFormatError('not a zip archive: end of central directory record not found')
}

/** Lists the entries of a zip archive held in memory. */
export function listZipEntries(buf: Uint8Array): ZipEntry[] {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength)
  const eocd = findEndOfCentralDirectory(buf, view)
  const diskNumber = view.getUint16(eocd + 4, true)
  const cdDisk = view.getUint16(eocd + 6, true)
  const total = view.getUint16(eocd + 10, true)
  const cdSize = view.getUint32(eocd + 12, true)
  const cdOffset = view.getUint32(eocd + 16, true)
  if (diskNumber !== 0 || cdDisk !== 0) throw new ZipFormatError('multi-disk zip archives are not supported')
  if (total === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) {
    throw new ZipFormatError('ZIP64 archives are not supported')
  }
  if (cdOffset + cdSize > eocd) throw new ZipFormatError('central directory lies outside the archive')

  const decoder = new TextDecoder('utf-8')
  const entries: ZipEntry[] = []
  let p = cdOffset
  for (let i = 0; i < total; i++) {
    if (p + 46 > buf.length || view.getUint32(p, true) !== SIG_CENTRAL) {
      throw new ZipFormatError(`corrupt central directory entry #${i}`)
    }
    const flags = view.getUint16(p + 8, true)
    const method = view.getUint16(p + 10, true)
    const crc = view.getUint32(p + 16, true)
    const compressedSize = view.getUint32(p + 20, true)
    const size = view.getUint32(p + 24, true)
    const nameLen = view.getUint16(p + 28, true)
    const extraLen = view.getUint16(p + 30, true)
    const commentLen = view.getUint16(p + 32, true)
    const localHeaderOffset = view.getUint32(p + 42, true)
    // Names are UTF-8 when bit 11 is set; otherwise CP437, which for the
    // ASCII names found in jars decodes identically.
    const name = decoder.decode(buf.subarray(p + 46, p + 46 + nameLen))
    entries.push({ name, method, compressedSize, size, crc32: crc, localHeaderOffset, flags })
    p += 46 + nameLen + extraLen + commentLen
  }
  return entries
}

/** Returns the uncompressed bytes of one entry, verifying size and CRC-32. */
export function readZipEntry(buf: Uint8Array, entry: ZipEntry): Uint8Array {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength)
  const p = entry.localHeaderOffset
  if (p + 30 > buf.length || view.getUint32(p, true) !== SIG_LOCAL) {
    throw new ZipFormatError(`corrupt local header for ${entry.name}`)
  }
  if (entry.flags & 1) throw new ZipFormatError(`encrypted entry: ${entry.name}`)
  const nameLen = view.getUint16(p + 26, true)
  const extraLen = view.getUint16(p + 28, true)
  const start = p + 30 + nameLen + extraLen
  const end = start + entry.compressedSize
  if (end > buf.length) throw new ZipFormatError(`entry ${entry.name} is truncated`)
  const raw = buf.subarray(start, end)

  let data: Uint8Array
  if (entry.method === 0) {
    data = raw
  } else if (entry.method === 8) {
    data = inflateRawSync(raw)
  } else {
    throw new ZipFormatError(`unsupported compression method ${entry.method} for ${entry.name}`)
  }
  if (data.length !== entry.size) {
    throw new ZipFormatError(`size mismatch for ${entry.name}: ${data.length} != ${entry.size}`)
  }
  if (crc32(data) >>> 0 !== entry.crc32 >>> 0) {
    throw new ZipFormatError(`CRC-32 mismatch for ${entry.name}`)
  }
  return data
}
