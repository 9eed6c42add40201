// Decoders for morfologik's sequence encoders (fsa.dict.encoder).
//
// A dictionary entry is stored as `form SEP code SEP tag`, where `code` tells
// how to rebuild the lemma from the inflected form's bytes. Every code starts
// with `prefixBytes` control bytes, each holding a byte count as
// (count + 'A') & 0xff; the value 255 ("remove everything") means the lemma is
// spelled out completely. The remaining bytes are appended verbatim.
//
//   NONE   : code = lemma
//   SUFFIX : K lemmaTail            form[0, len-K) + tail
//   PREFIX : P K lemmaTail          form[P, len-K) + tail
//   INFIX  : X L K lemmaTail        form[0, X) + form[X+L, len-K) + tail

import type { EncoderType } from './metadata.js'

const REMOVE_EVERYTHING = 255
const A = 0x41

export interface SequenceDecoder {
  readonly type: EncoderType
  /** Control bytes at the start of a code (they may equal the separator byte). */
  readonly prefixBytes: number
  /**
   * Rebuilds the lemma bytes from the form `source[0, sourceLen)` and the code
   * `encoded[0, encodedLen)` into `out` (capacity >= sourceLen + encodedLen).
   * Returns the lemma's length in bytes.
   */
  decode(source: Uint8Array, sourceLen: number, encoded: Uint8Array, encodedLen: number, out: Uint8Array): number
  /**
   * The same rebuild as a recipe independent of the form (see LemmaRecipe),
   * for codes of at least `prefixBytes` bytes.
   */
  recipe(encoded: Uint8Array): LemmaRecipe
}

/**
 * lemma = form[0, keepHead) + form[from, formLength - trimEnd) (the second
 * part only when from >= 0) + code[tailStart, codeLength). Java throws when
 * keepHead > formLength or from > formLength - trimEnd.
 */
export interface LemmaRecipe {
  readonly keepHead: number
  readonly from: number
  readonly trimEnd: number
  readonly tailStart: number
}

export class CorruptEntryError extends Error {
  override name = 'CorruptEntryError'
}

function copy(src: Uint8Array, from: number, len: number, out: Uint8Array, at: number): number {
  if (len < 0) throw new CorruptEntryError('sequence code points outside the inflected form')
  for (let i = 0; i < len; i++) out[at + i] = src[from + i]!
  return at + len
}

function need(encodedLen: number, n: number): void {
  if (encodedLen < n) throw new CorruptEntryError(`sequence code shorter than its ${n} control bytes`)
}

export const NoDecoder: SequenceDecoder = {
  type: 'NONE',
  prefixBytes: 0,
  recipe() {
    return { keepHead: 0, from: -1, trimEnd: 0, tailStart: 0 }
  },
  decode(_source, _sourceLen, encoded, encodedLen, out) {
    return copy(encoded, 0, encodedLen, out, 0)
  },
}

export const TrimSuffixDecoder: SequenceDecoder = {
  type: 'SUFFIX',
  prefixBytes: 1,
  recipe(encoded) {
    const truncate = (encoded[0]! - A) & 0xff
    return truncate === REMOVE_EVERYTHING
      ? { keepHead: 0, from: -1, trimEnd: 0, tailStart: 1 }
      : { keepHead: 0, from: 0, trimEnd: truncate, tailStart: 1 }
  },
  decode(source, sourceLen, encoded, encodedLen, out) {
    need(encodedLen, 1)
    let truncate = (encoded[0]! - A) & 0xff
    if (truncate === REMOVE_EVERYTHING) truncate = sourceLen
    const p = copy(source, 0, sourceLen - truncate, out, 0)
    return copy(encoded, 1, encodedLen - 1, out, p)
  },
}

export const TrimPrefixAndSuffixDecoder: SequenceDecoder = {
  type: 'PREFIX',
  prefixBytes: 2,
  recipe(encoded) {
    const truncatePrefix = (encoded[0]! - A) & 0xff
    const truncateSuffix = (encoded[1]! - A) & 0xff
    return truncatePrefix === REMOVE_EVERYTHING || truncateSuffix === REMOVE_EVERYTHING
      ? { keepHead: 0, from: -1, trimEnd: 0, tailStart: 2 }
      : { keepHead: 0, from: truncatePrefix, trimEnd: truncateSuffix, tailStart: 2 }
  },
  decode(source, sourceLen, encoded, encodedLen, out) {
    need(encodedLen, 2)
    let truncatePrefix = (encoded[0]! - A) & 0xff
    let truncateSuffix = (encoded[1]! - A) & 0xff
    if (truncatePrefix === REMOVE_EVERYTHING || truncateSuffix === REMOVE_EVERYTHING) {
      truncatePrefix = sourceLen
      truncateSuffix = 0
    }
    const p = copy(source, truncatePrefix, sourceLen - (truncateSuffix + truncatePrefix), out, 0)
    return copy(encoded, 2, encodedLen - 2, out, p)
  },
}

export const TrimInfixAndSuffixDecoder: SequenceDecoder = {
  type: 'INFIX',
  prefixBytes: 3,
  recipe(encoded) {
    const infixIndex = (encoded[0]! - A) & 0xff
    const infixLength = (encoded[1]! - A) & 0xff
    const truncateSuffix = (encoded[2]! - A) & 0xff
    return infixLength === REMOVE_EVERYTHING || truncateSuffix === REMOVE_EVERYTHING
      ? { keepHead: 0, from: -1, trimEnd: 0, tailStart: 3 }
      : { keepHead: infixIndex, from: infixIndex + infixLength, trimEnd: truncateSuffix, tailStart: 3 }
  },
  decode(source, sourceLen, encoded, encodedLen, out) {
    need(encodedLen, 3)
    let infixIndex = (encoded[0]! - A) & 0xff
    let infixLength = (encoded[1]! - A) & 0xff
    let truncateSuffix = (encoded[2]! - A) & 0xff
    if (infixLength === REMOVE_EVERYTHING || truncateSuffix === REMOVE_EVERYTHING) {
      infixIndex = 0
      infixLength = sourceLen
      truncateSuffix = 0
    }
    if (infixIndex > sourceLen) throw new CorruptEntryError('infix index outside the inflected form')
    let p = copy(source, 0, infixIndex, out, 0)
    p = copy(source, infixIndex + infixLength, sourceLen - (infixIndex + infixLength + truncateSuffix), out, p)
    return copy(encoded, 3, encodedLen - 3, out, p)
  },
}

export function decoderFor(type: EncoderType): SequenceDecoder {
  switch (type) {
    case 'NONE':
      return NoDecoder
    case 'SUFFIX':
      return TrimSuffixDecoder
    case 'PREFIX':
      return TrimPrefixAndSuffixDecoder
    case 'INFIX':
      return TrimInfixAndSuffixDecoder
  }
}
