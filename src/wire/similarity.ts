/**
 * @module
 * Near-duplicate detection for wire copy. The same story arrives from two agencies, or
 * from one agency twice with a new id and a corrected comma; editors want it once.
 *
 * - Text is normalised (lower case, letters and digits only, one space) and hashed:
 *   equal hashes are the same text.
 * - Otherwise we compare word 3-shingles by MinHash: 64 hash functions, so the share of
 *   equal positions in two signatures estimates the Jaccard similarity of their shingle
 *   sets. Above SIMILARITY_THRESHOLD (0.7) two items are duplicates.
 * - Candidates are found through locality-sensitive hashing: the signature is cut into 16
 *   bands of 4; items sharing any band are compared. A pair with similarity 0.7 shares a
 *   band with probability 1 − (1 − 0.7⁴)¹⁶ ≈ 0.99; one with 0.3 rarely (≈ 0.12), and is
 *   then refused by the full comparison.
 */
import { createHash } from 'node:crypto'

export const SIGNATURE_SIZE = 64
export const BANDS = 16
const ROWS = SIGNATURE_SIZE / BANDS
export const SIMILARITY_THRESHOLD = 0.7
const SHINGLE = 3

/** Lower case, letters and digits of any script, single spaces. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

export function textHash(text: string): string {
  return createHash('sha256').update(normalizeText(text)).digest('hex').slice(0, 32)
}

/** FNV-1a, 32 bits. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/** murmur3's finaliser: a good 32-bit mix of x and a seed. */
function mix(x: number, seed: number): number {
  let h = (x ^ seed) >>> 0
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

const SEEDS = Array.from({ length: SIGNATURE_SIZE }, (_, i) => mix(0x9e3779b9, i + 1))

function shingles(normalized: string): Set<number> {
  const words = normalized.split(' ').filter(Boolean)
  const out = new Set<number>()
  if (words.length === 0) return out
  if (words.length < SHINGLE) {
    out.add(fnv1a(words.join(' ')))
    return out
  }
  for (let i = 0; i + SHINGLE <= words.length; i++) out.add(fnv1a(words.slice(i, i + SHINGLE).join(' ')))
  return out
}

/** The MinHash signature of a text (empty for a text without words). */
export function minhash(text: string): number[] {
  const set = shingles(normalizeText(text))
  if (set.size === 0) return []
  const sig = new Array<number>(SIGNATURE_SIZE).fill(0xffffffff)
  for (const x of set) {
    for (let i = 0; i < SIGNATURE_SIZE; i++) {
      const h = mix(x, SEEDS[i]!)
      if (h < sig[i]!) sig[i] = h
    }
  }
  return sig
}

/** Estimated Jaccard similarity of two signatures (0 when either is empty). */
export function similarity(a: readonly number[], b: readonly number[]): number {
  if (a.length !== SIGNATURE_SIZE || b.length !== SIGNATURE_SIZE) return 0
  let same = 0
  for (let i = 0; i < SIGNATURE_SIZE; i++) if (a[i] === b[i]) same++
  return same / SIGNATURE_SIZE
}

/** The LSH band keys of a signature: `<band>:<hash of its rows>`. */
export function bandKeys(sig: readonly number[]): string[] {
  if (sig.length !== SIGNATURE_SIZE) return []
  const keys: string[] = []
  for (let b = 0; b < BANDS; b++) {
    let h = 0x811c9dc5
    for (let r = 0; r < ROWS; r++) h = mix(h, sig[b * ROWS + r]!)
    keys.push(`${b}:${h.toString(36)}`)
  }
  return keys
}

export function encodeSignature(sig: readonly number[]): string {
  return sig.map((n) => n.toString(36)).join('.')
}

export function decodeSignature(s: string): number[] {
  return s ? s.split('.').map((p) => Number.parseInt(p, 36)) : []
}
