// Dictionary lookup over a Morfologik stemming dictionary (.dict + .info),
// behaving like Java's morfologik.stemming.DictionaryLookup (and therefore
// PolishStemmer.lookup): same byte encoding of the input, same matching,
// same lemma decoding, results in the same order, tags returned raw (a tag
// string may hold several tags joined with '+'; they are not split).
import { readFileSync } from 'node:fs'

import { decoderFor, type SequenceDecoder } from './encoders.js'
import { CFSA2, MatchKind, SequenceCursor } from './fsa.js'
import { parseDictionaryMetadata, type DictionaryMetadata } from './metadata.js'

export interface WordData {
  /** The base form ("stem" in morfologik's API); "" if the entry has none. */
  readonly lemma: string
  /** The raw tag string, e.g. "subst:sg:gen:m3" or several joined by '+'; "" if none. */
  readonly tags: string
}

export interface PolishDictionary {
  readonly metadata: DictionaryMetadata
  readonly fsa: CFSA2
  /** All analyses of an inflected form; [] when unknown. Case-sensitive, as in Java. */
  lookup(form: string): WordData[]
}

/**
 * Java's DictionaryLookup.applyReplacements, including its quirk: after a
 * replacement the search resumes at index + key.length (not value.length).
 */
export function applyReplacements(word: string, pairs: ReadonlyArray<readonly [string, string]>): string {
  let sb = word
  for (const [key, value] of pairs) {
    let index = sb.indexOf(key)
    while (index !== -1) {
      sb = sb.slice(0, index) + value + sb.slice(index + key.length)
      index = sb.indexOf(key, index + key.length)
    }
  }
  return sb
}

class Lookup implements PolishDictionary {
  private readonly decoder: SequenceDecoder
  private readonly cursor: SequenceCursor
  private readonly separator: number
  private readonly separatorCode: number
  private wordBytes = new Uint8Array(64)
  private stemBytes = new Uint8Array(256)

  constructor(
    readonly fsa: CFSA2,
    readonly metadata: DictionaryMetadata,
  ) {
    this.decoder = decoderFor(metadata.encoder)
    this.cursor = new SequenceCursor(fsa)
    this.separator = metadata.separator
    this.separatorCode = metadata.separatorChar.charCodeAt(0)
  }

  lookup(form: string): WordData[] {
    const md = this.metadata
    const word = md.inputConversion.length > 0 ? applyReplacements(form, md.inputConversion) : form

    // No valid input can contain the separator.
    const sepCode = this.separatorCode
    for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) === sepCode) return []

    // Encode in the dictionary's charset; unmappable input cannot be in it.
    const cs = md.charset
    const need = word.length * cs.maxBytesPerChar
    if (need > this.wordBytes.length) this.wordBytes = new Uint8Array(Math.max(need, this.wordBytes.length * 2))
    const wordBytes = this.wordBytes
    const wordLen = cs.encode(word, wordBytes)
    if (wordLen < 0) return []

    // The whole form must be a proper prefix of some sequence …
    const fsa = this.fsa
    if (fsa.match(wordBytes, 0, wordLen, fsa.rootNode) !== MatchKind.SEQUENCE_IS_A_PREFIX) return []
    // … and be followed by the separator.
    const sepArc = fsa.getArc(fsa.matchNode, this.separator)
    if (sepArc === 0 || fsa.isArcFinal(sepArc)) return []

    const results: WordData[] = []
    const separator = this.separator
    const decoder = this.decoder
    const prefixBytes = decoder.prefixBytes
    const cursor = this.cursor.restart(fsa.endNode(sepArc))
    for (let len = cursor.next(); len >= 0; len = cursor.next()) {
      const ba = cursor.buffer
      // The separator splitting code from tag; control bytes are skipped since
      // they may take any value, the separator's included.
      let sepPos = prefixBytes
      while (sepPos < len && ba[sepPos] !== separator) sepPos++
      if (this.stemBytes.length < wordLen + sepPos) this.stemBytes = new Uint8Array((wordLen + sepPos) * 2)
      const stemLen = decoder.decode(wordBytes, wordLen, ba, sepPos, this.stemBytes)
      const lemma = stemLen > 0 ? cs.decode(this.stemBytes, 0, stemLen) : ''
      const tagStart = sepPos + 1
      const tags = tagStart < len ? cs.decode(ba, tagStart, len) : ''
      results.push({ lemma, tags })
    }
    return results
  }
}

/** Builds a dictionary from in-memory bytes of the .dict file and text of the .info file. */
export function createDictionary(dictBytes: Uint8Array, infoText: string): PolishDictionary {
  const metadata = parseDictionaryMetadata(infoText)
  const fsa = new CFSA2(dictBytes)
  return new Lookup(fsa, metadata)
}

/** Loads a Morfologik dictionary from its .dict and .info files (synchronously). */
export function loadDictionary(dictPath: string, infoPath: string): PolishDictionary {
  const bytes = readFileSync(dictPath)
  // The .info file is a Java properties file read as UTF-8 by morfologik.
  const info = readFileSync(infoPath, 'utf8')
  return createDictionary(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), info)
}
