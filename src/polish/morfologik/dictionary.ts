// Dictionary lookup over a Morfologik stemming dictionary (.dict + .info),
// behaving like Java's morfologik.stemming.DictionaryLookup (and therefore
// PolishStemmer.lookup): same byte encoding of the input, same matching,
// same lemma decoding, results in the same order, tags returned raw (a tag
// string may hold several tags joined with '+'; they are not split).
import { readFileSync } from 'node:fs'

import { UTF8 } from './charset.js'
import { decoderFor, type LemmaRecipe, type SequenceDecoder } from './encoders.js'
import { BIT_FINAL_ARC, BIT_LAST_ARC, CFSA2, LABEL_INDEX_MASK, SequenceCursor, type CFSA2Options } from './fsa.js'
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
  /** Sizes of the look-up caches, which fill as words are looked up. */
  stats(): DictionaryStats
}

export interface DictionaryStats {
  /** Bytes of the automaton's arc area. */
  readonly automatonBytes: number
  /** Nodes with a 256-entry dispatch table (6 bytes per entry). */
  readonly dispatchSlots: number
  /** Cached entry plans (one per distinct "form SEP" node seen). */
  readonly plans: number
  /** Cached tag lists (one per distinct tag-subtree node seen). */
  readonly tagLists: number
  /** Distinct tag strings kept. */
  readonly tags: number
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

/**
 * Default bound of each per-node cache (Lookup.planAt, Lookup.tagsAt). All of
 * polish.dict needs 41,300 plans (about 18 MB of heap when every form has
 * been looked up; a typical news vocabulary fills a few MB).
 */
const DEFAULT_CACHE_LIMIT = 65_536

interface PlanItem extends LemmaRecipe {
  /**
   * The lemma code (control bytes + appended bytes, without the separator),
   * one char per byte: a compact one-byte string rather than a typed array.
   */
  readonly code: string
  /**
   * The appended bytes decoded, when they form a valid string on their own;
   * then the lemma can be assembled from slices of the input string.
   * Otherwise null and the lemma is decoded from bytes.
   */
  readonly tail: string | null
  /** Tags of the entries sharing this code, in enumeration order. */
  readonly tags: readonly string[]
}

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
interface Plan {
  readonly items: readonly PlanItem[]
  /** Number of analyses: the sum of the items' tag counts. */
  readonly results: number
}

class Lookup implements PolishDictionary {
  readonly decoder: SequenceDecoder
  readonly separator: number
  private readonly separatorCode: number
  private wordBytes = new Uint8Array(64)
  /** Byte offset in wordBytes → UTF-16 index in word (-1 inside a character). */
  private charIndex = new Int32Array(65)
  /** The (converted) word of the current look-up, and its length in bytes. */
  private word = ''
  private wordLen = 0
  private stemBytes = new Uint8Array(256)
  // Depth-first walk over the "code" part of the entries (see planAt()).
  private codeBytes = new Uint8Array(64)
  private codeStack = new Int32Array(64)
  private readonly tagCursor: SequenceCursor
  /**
   * Tag lists by automaton node: the node reached right after the separator
   * that ends a lemma code. The automaton is minimal, so such nodes are
   * shared by many entries (all words with the same set of tags); walking and
   * decoding their right language once turns most of a look-up into a cache hit.
   */
  private readonly tagCache = new Map<number, readonly string[]>()
  private readonly planCache = new Map<number, Plan>()
  private readonly internedTags = new Map<string, string>()

  constructor(
    readonly fsa: CFSA2,
    readonly metadata: DictionaryMetadata,
    private readonly cacheLimit = DEFAULT_CACHE_LIMIT,
  ) {
    this.decoder = decoderFor(metadata.encoder)
    this.tagCursor = new SequenceCursor(fsa)
    this.separator = metadata.separator
    this.separatorCode = metadata.separatorChar.charCodeAt(0)
  }

  /**
   * Encodes the (converted) word into this.wordBytes and walks the automaton
   * to the node following "form + separator". Returns that node, or -1 when
   * Java's lookup would return an empty list.
   */
  entriesNode(form: string): number {
    const md = this.metadata
    const word = md.inputConversion.length > 0 ? applyReplacements(form, md.inputConversion) : form

    // No valid input can contain the separator.
    const sepCode = this.separatorCode
    for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) === sepCode) return -1

    // Encode in the dictionary's charset; unmappable input cannot be in it.
    const cs = md.charset
    const need = word.length * cs.maxBytesPerChar
    if (need > this.wordBytes.length) {
      this.wordBytes = new Uint8Array(Math.max(need, this.wordBytes.length * 2))
      this.charIndex = new Int32Array(this.wordBytes.length + 1)
    }
    const wordLen = cs.encodeIndexed(word, this.wordBytes, this.charIndex)
    if (wordLen < 0) return -1
    this.wordLen = wordLen
    this.word = word

    // The whole form must be a proper prefix of some sequence …
    // … and be followed by the separator (on a non-final arc).
    return this.fsa.matchFollowedBy(this.wordBytes, 0, wordLen, this.separator)
  }

  /**
   * The lemma of a plan item for the current word: slices of the input
   * string plus the cached tail when every cut falls on a character
   * boundary (always, for single-byte charsets), else decoded from bytes.
   */
  lemmaFor(item: PlanItem): string {
    if (item.tail === null) return this.lemmaOfCode(item.code)
    const len = this.wordLen
    const index = this.charIndex
    const word = this.word
    let lemma = ''
    if (item.keepHead > 0) {
      const c = item.keepHead <= len ? index[item.keepHead]! : -1
      if (c < 0) return this.lemmaOfCode(item.code)
      lemma = word.slice(0, c)
    }
    if (item.from >= 0) {
      const end = len - item.trimEnd
      if (item.from > end) return this.lemmaOfCode(item.code) // corrupt: throws like Java
      const a = index[item.from]!
      const b = index[end]!
      if (a < 0 || b < 0) return this.lemmaOfCode(item.code)
      lemma += word.slice(a, b)
    }
    return lemma + item.tail
  }

  private planItem(bytes: Uint8Array, tags: readonly string[]): PlanItem {
    const code = String.fromCharCode.apply(null, bytes as unknown as number[])
    if (bytes.length < this.decoder.prefixBytes) {
      // Malformed (shorter than its control bytes): the byte path reports it.
      return { keepHead: 0, from: -1, trimEnd: 0, tailStart: 0, code, tail: null, tags }
    }
    const recipe = this.decoder.recipe(bytes)
    const cs = this.metadata.charset
    let tail: string | null
    if (cs === UTF8) {
      try {
        tail = fatalUtf8.decode(bytes.subarray(recipe.tailStart))
      } catch {
        tail = null
      }
    } else {
      tail = cs.decode(bytes, recipe.tailStart, bytes.length)
    }
    return {
      keepHead: recipe.keepHead,
      from: recipe.from,
      trimEnd: recipe.trimEnd,
      tailStart: recipe.tailStart,
      code,
      tail,
      tags,
    }
  }

  private lemmaOfCode(code: string): string {
    const bytes = new Uint8Array(code.length)
    for (let i = 0; i < code.length; i++) bytes[i] = code.charCodeAt(i)
    return this.lemmaOf(bytes, bytes.length)
  }

  /** The lemma for a code held in code[0, codeLen). */
  lemmaOf(code: Uint8Array, codeLen: number): string {
    const wordLen = this.wordLen
    if (this.stemBytes.length < wordLen + codeLen) this.stemBytes = new Uint8Array((wordLen + codeLen) * 2)
    const stemLen = this.decoder.decode(this.wordBytes, wordLen, code, codeLen, this.stemBytes)
    return stemLen > 0 ? this.metadata.charset.decode(this.stemBytes, 0, stemLen) : ''
  }

  /** All tags below `node` in depth-first order, decoded (cached). */
  tagsAt(node: number): readonly string[] {
    const hit = this.tagCache.get(node)
    if (hit !== undefined) return hit
    const cs = this.metadata.charset
    const tags: string[] = []
    const cursor = this.tagCursor.restart(node)
    for (let len = cursor.next(); len >= 0; len = cursor.next()) {
      const tag = len > 0 ? cs.decode(cursor.buffer, 0, len) : ''
      let interned = this.internedTags.get(tag)
      if (interned === undefined) {
        if (this.internedTags.size < this.cacheLimit) this.internedTags.set(tag, tag)
        interned = tag
      }
      tags.push(interned)
    }
    if (this.tagCache.size < this.cacheLimit) this.tagCache.set(node, tags)
    return tags
  }

  lookup(form: string): WordData[] {
    const start = this.entriesNode(form)
    if (start < 0) return []
    const plan = this.planAt(start)
    const results: WordData[] = new Array(plan.results)
    for (let i = 0, r = 0; i < plan.items.length; i++) {
      const item = plan.items[i]!
      const lemma = this.lemmaFor(item)
      const tags = item.tags
      for (let j = 0; j < tags.length; j++) results[r++] = { lemma, tags: tags[j]! }
    }
    return results
  }

  /**
   * The entries below `start` (the node after "form SEP") as a list of
   * (lemma code, tags) in the order Java enumerates them. The list depends
   * only on the node, and the minimal automaton shares these nodes widely
   * (41,300 of them serve the 4.7 million forms of polish.dict), so it is
   * computed once per node and cached.
   */
  planAt(start: number): Plan {
    const hit = this.planCache.get(start)
    if (hit !== undefined) return hit

    // Every sequence below `start` reads  code SEP tag , where code begins
    // with `prefixBytes` control bytes (which may equal SEP) and SEP is the
    // first separator after them. Walk the code part depth-first, in arc
    // order (= the order of Java's ByteSequenceIterator); at the separator,
    // the subtree holds only tags.
    const fsa = this.fsa
    const arcs = fsa.arcs
    const labels = fsa.labels
    const separator = this.separator
    const prefixBytes = this.decoder.prefixBytes
    const plan: PlanItem[] = []
    let code = this.codeBytes
    let stack = this.codeStack
    let depth = 0
    stack[depth++] = fsa.firstArc(start)
    while (depth > 0) {
      const level = depth - 1
      const arc = stack[level]!
      if (arc === 0) {
        depth--
        continue
      }
      const flag = arcs[arc]!
      const index = flag & LABEL_INDEX_MASK
      stack[level] = flag & BIT_LAST_ARC ? 0 : fsa.skipArc(arc)
      const label = index !== 0 ? labels[index]! : arcs[arc + 1]!
      if (level >= code.length) {
        const grown = new Uint8Array(code.length * 2)
        grown.set(code)
        this.codeBytes = code = grown
      }
      code[level] = label
      const target = fsa.destination(arc)

      if (label === separator && level >= prefixBytes) {
        // code = code[0, level); the tag follows. A final separator arc is an
        // entry with an empty tag, enumerated before the subtree.
        const tags = target !== 0 ? this.tagsAt(target) : []
        plan.push(this.planItem(code.subarray(0, level), flag & BIT_FINAL_ARC ? ['', ...tags] : tags))
        continue
      }
      if (flag & BIT_FINAL_ARC) {
        // A sequence without a separator after the code: all of it is code.
        plan.push(this.planItem(code.subarray(0, level + 1), ['']))
      }
      if (target !== 0) {
        if (depth === stack.length) {
          const grown = new Int32Array(stack.length * 2)
          grown.set(stack)
          this.codeStack = stack = grown
        }
        stack[depth++] = fsa.firstArc(target)
      }
    }
    const result: Plan = { items: plan, results: plan.reduce((n, item) => n + item.tags.length, 0) }
    if (this.planCache.size < this.cacheLimit) this.planCache.set(start, result)
    return result
  }

  stats(): DictionaryStats {
    return {
      automatonBytes: this.fsa.arcs.byteLength,
      dispatchSlots: this.fsa.dispatchSlots,
      plans: this.planCache.size,
      tagLists: this.tagCache.size,
      tags: this.internedTags.size,
    }
  }
}

/**
 * A direct transcription of Java's DictionaryLookup.lookup (every sequence
 * below "form SEP" is walked and split at the first separator after the
 * code's control bytes). Slower than PolishDictionary.lookup, which must give
 * identical results; kept as an executable specification for tests.
 */
export function referenceLookup(dict: PolishDictionary, form: string): WordData[] {
  if (!(dict instanceof Lookup)) throw new TypeError('referenceLookup needs a dictionary from createDictionary/loadDictionary')
  const start = dict.entriesNode(form)
  if (start < 0) return []
  const cs = dict.metadata.charset
  const prefixBytes = dict.decoder.prefixBytes
  const results: WordData[] = []
  const cursor = new SequenceCursor(dict.fsa).restart(start)
  for (let len = cursor.next(); len >= 0; len = cursor.next()) {
    const ba = cursor.buffer
    let sepPos = prefixBytes
    while (sepPos < len && ba[sepPos] !== dict.separator) sepPos++
    const lemma = dict.lemmaOf(ba, sepPos)
    const tagStart = sepPos + 1
    results.push({ lemma, tags: tagStart < len ? cs.decode(ba, tagStart, len) : '' })
  }
  return results
}

export interface LoadOptions {
  /** Tuning of the automaton reader (dispatch tables). */
  fsa?: CFSA2Options
  /** Bound of the per-node plan and tag-list caches (default 65,536; 0 disables caching). */
  cacheLimit?: number
}

/** Builds a dictionary from in-memory bytes of the .dict file and text of the .info file. */
export function createDictionary(dictBytes: Uint8Array, infoText: string, options: LoadOptions = {}): PolishDictionary {
  const metadata = parseDictionaryMetadata(infoText)
  const fsa = new CFSA2(dictBytes, options.fsa)
  return new Lookup(fsa, metadata, options.cacheLimit ?? DEFAULT_CACHE_LIMIT)
}

/** Loads a Morfologik dictionary from its .dict and .info files (synchronously). */
export function loadDictionary(dictPath: string, infoPath: string, options: LoadOptions = {}): PolishDictionary {
  const bytes = readFileSync(dictPath)
  // The .info file is a Java properties file read as UTF-8 by morfologik.
  const info = readFileSync(infoPath, 'utf8')
  return createDictionary(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), info, options)
}
