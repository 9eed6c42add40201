/**
 * @module
 * The Polish search analyzer: text → tokens with their spans and, for each
 * token, the terms a search index stores for it.
 *
 * Terms of a word (document side)
 * - Known to the Morfologik dictionary: all its lemmas, lower-cased
 *   ("Iraku" → irak; "ma" → mieć, mój). The form is looked up as written first;
 *   a capitalised word at a sentence start is also looked up lower-cased
 *   (so "Polska gospodarka…" gives polska and polski), a capitalised word
 *   elsewhere only when the written form is unknown ("Sejmu" → sejm), an
 *   upper-case word as written ("USA", "NATO"), then capitalised ("IRAKU" → irak).
 * - Unknown (names, new words, typos): the lower-cased form and a light stem
 *   (see {@link lightStem}), each also without diacritics ("Zełenskiego" →
 *   zełenskiego, zełensk, zelenskiego, zelensk).
 * - Hyphenated words also get the terms of their parts ("al-Sudani" → al-sudani,
 *   al-sudan, al, sudani, sudan), so a search for "Sudani" finds them.
 * - Numbers, e-mails and URLs are one term each ("3,5" → 3.5; URLs without
 *   scheme and "www.", plus their host).
 * - Stop words (stopwords.ts) get no terms and no position.
 *
 * The first term of a token is its primary term: engines that cannot put
 * several terms at one position (SQLite FTS5) match phrases on primary terms.
 * For a known word it is the first lemma the dictionary gives; for an unknown
 * word the diacritic-free stem, which every query form of the word also yields.
 *
 * Diacritics (queries typed without Polish letters)
 * Known words are indexed as lemmas only. A query word typed in plain ASCII is
 * expanded at query time: the dictionary automaton is walked with every
 * Polish letter allowed where its base letter was typed (a→ą, c→ć, e→ę, l→ł,
 * n→ń, o→ó, s→ś, z→ź/ż), which yields exactly the dictionary forms that fold to
 * the typed word ("zolnierzy" → żołnierzy → żołnierz; "Lodz" → Łódź). This costs
 * a few microseconds, no memory, and adds nothing to the index. Unknown words
 * have no dictionary entry to restore, so their diacritic-free variants are
 * indexed as extra terms instead.
 *
 * Without the dictionary (degraded mode) every word is treated as unknown:
 * forms and stems, with and without diacritics. `morphology` says which mode
 * is on; the index must be rebuilt when it changes (see `signature`).
 */
import type { PolishDictionary } from './morfologik/dictionary.js'
import { isFoldedStopword, isStopword } from './stopwords.js'
import { foldDiacritics, hasDiacritics, scanTokens, type Token, type TokenKind } from './tokenizer.js'

/** Bump when the terms produced for the same text change (the index must then be rebuilt). */
export const ANALYZER_VERSION = 1

export interface AnalyzedToken extends Token {
  /** Position among the indexed (non-stop) tokens of the analyzed text, from 0; -1 for stop words. */
  readonly position: number
  readonly stop: boolean
  /** Index terms; the first is the primary term. Empty for stop words. */
  readonly terms: readonly string[]
  /** Whether the dictionary knows the word (always false without morphology). */
  readonly known: boolean
}

export interface TokenTerms {
  readonly terms: readonly string[]
  readonly stop: boolean
  readonly known: boolean
}

export interface Analyzer {
  /** True when the Morfologik dictionary is loaded (lemmas); false in degraded mode. */
  readonly morphology: boolean
  /** Identifies the term scheme; an index built with another signature must be rebuilt. */
  readonly signature: string
  /** Tokens of a text with their index terms (document side). */
  analyze(text: string): AnalyzedToken[]
  /** Index terms of one token (document side). */
  tokenTerms(token: Pick<Token, 'text' | 'kind' | 'sentenceStart'>): TokenTerms
  /**
   * The indexer's path: the terms of every indexed (non-stop) token of a text, in
   * order, without building token objects.
   */
  forEachIndexed(text: string, visit: (terms: readonly string[], token: string, kind: TokenKind) => void): void
  /**
   * Terms to search for a query word: more permissive than the document side
   * (every case variant, diacritic restoration for ASCII input, and the unknown-word
   * terms when the word is not in the dictionary as typed).
   */
  queryTerms(token: Token): TokenTerms
  /** Lemmas the dictionary gives for a form as written (lower-cased), [] when unknown or without morphology. */
  lemmas(form: string): string[]
  /** Dictionary forms that differ from `form` only by Polish diacritics (including `form` itself if known). */
  restoreDiacritics(form: string, limit?: number): string[]
}

// ---------------------------------------------------------------------------
// Helpers

const SUFFIXES = [
  'owie', 'iego', 'iemu',
  'ach', 'ami', 'ego', 'emu', 'iem', 'ich', 'ych', 'imi', 'ymi', 'owi',
  'ów', 'om', 'em', 'ej', 'im', 'ym', 'ie',
  'a', 'e', 'i', 'o', 'u', 'y', 'ą', 'ę',
]
const LETTERS_ONLY = /^[\p{L}\p{M}]+$/u
const APOSTROPHE = /['’]/

/**
 * A light stem for words the dictionary does not know: the lower-cased word
 * without its longest common Polish inflectional ending, keeping at least three
 * letters ("Sudaniego" → sudan, "Kowalczykowi" → kowalczyk, "Bidenem" → biden).
 * Words shorter than four letters and words with digits are left alone; an
 * apostrophe ends the stem ("Kennedy'ego" → kennedy); in a hyphenated word only
 * the last part is stemmed ("al-Sudaniego" → al-sudan).
 */
export function lightStem(lower: string): string {
  const apostrophe = lower.search(APOSTROPHE)
  if (apostrophe >= 2) return lower.slice(0, apostrophe)
  const hyphen = lower.lastIndexOf('-')
  if (hyphen > 0) return lower.slice(0, hyphen + 1) + lightStem(lower.slice(hyphen + 1))
  if (lower.length < 4 || !LETTERS_ONLY.test(lower)) return lower
  for (const suffix of SUFFIXES) {
    if (lower.endsWith(suffix) && lower.length - suffix.length >= 3) return lower.slice(0, -suffix.length)
  }
  return lower
}

const TERM_UNSAFE = /[^\p{L}\p{N}\-_.@]+/gu
const TERM_EDGES = /^[-_.@]+|[-_.@]+$/g
const MAX_TERM_LENGTH = 64

/**
 * Makes a term safe for both engines: lower-case letters, digits and `- _ . @`
 * only (FTS5 is set up with exactly these as token characters), at most 64 characters.
 */
export function sanitizeTerm(term: string): string {
  let t = term.normalize('NFC').toLowerCase().replace(TERM_UNSAFE, '_').replace(TERM_EDGES, '')
  if (t.length > MAX_TERM_LENGTH) t = t.slice(0, MAX_TERM_LENGTH)
  return t
}

type Case = 'lower' | 'capitalized' | 'upper' | 'mixed'

function caseOf(form: string): Case {
  const lower = form.toLowerCase()
  if (form === lower) return 'lower'
  const upper = form.toUpperCase()
  if (form === upper) return form.length > 1 ? 'upper' : 'capitalized'
  const first = form.slice(0, 1)
  return first === first.toUpperCase() && form.slice(1) === lower.slice(1) ? 'capitalized' : 'mixed'
}

function capitalize(lower: string): string {
  return lower.slice(0, 1).toUpperCase() + lower.slice(1)
}

function pushUnique(out: string[], term: string): void {
  if (term.length > 0 && !out.includes(term)) out.push(term)
}

/** The unknown-word terms: diacritic-free stem first (primary), then form, stem, folded form. */
function fallbackTerms(lower: string, out: string[] = []): string[] {
  const form = sanitizeTerm(lower)
  const stem = sanitizeTerm(lightStem(lower))
  pushUnique(out, foldDiacritics(stem))
  pushUnique(out, form)
  pushUnique(out, stem)
  pushUnique(out, foldDiacritics(form))
  return out
}

function numberTerm(text: string): string {
  return sanitizeTerm(text.replace(/[,:]/g, '.'))
}

function urlTerms(text: string): string[] {
  const bare = text.toLowerCase().replace(/^https?:\/\//, '').replace(/^www\./, '')
  const out: string[] = []
  pushUnique(out, sanitizeTerm(bare))
  const host = bare.split(/[/?#]/, 1)[0] ?? ''
  pushUnique(out, sanitizeTerm(host))
  return out
}

// Polish letters by their base letter, for diacritic restoration.
const RESTORE: Record<string, string[]> = {
  a: ['ą'], c: ['ć'], e: ['ę'], l: ['ł'], n: ['ń'], o: ['ó'], s: ['ś'], z: ['ż', 'ź'],
  A: ['Ą'], C: ['Ć'], E: ['Ę'], L: ['Ł'], N: ['Ń'], O: ['Ó'], S: ['Ś'], Z: ['Ż', 'Ź'],
}
const PLAIN_WORD = /^[A-Za-z][A-Za-z-]*$/

const CACHE_LIMIT = 200_000

// ---------------------------------------------------------------------------

class PolishAnalyzer implements Analyzer {
  readonly morphology: boolean
  readonly signature: string
  // Terms by token text, mid-sentence and at a sentence start.
  private readonly docCache = new Map<string, TokenTerms>()
  private readonly startCache = new Map<string, TokenTerms>()
  private readonly queryCache = new Map<string, TokenTerms>()
  private readonly charBytes = new Map<string, Uint8Array>()

  constructor(private readonly dict: PolishDictionary | null) {
    this.morphology = dict !== null
    this.signature = `analyzer-v${ANALYZER_VERSION}+${dict ? `morfologik-${dict.fsa.arcs.length}` : 'no-dictionary'}`
  }

  analyze(text: string): AnalyzedToken[] {
    const out: AnalyzedToken[] = []
    let position = 0
    scanTokens(text, (raw, start, end, kind, sentenceStart) => {
      const t = this.termsOf(raw, kind, sentenceStart)
      // An explicit literal (not a spread): one object shape, several times faster.
      out.push({
        text: raw,
        start,
        end,
        kind,
        sentenceStart,
        position: t.stop ? -1 : position++,
        stop: t.stop,
        terms: t.terms,
        known: t.known,
      })
    })
    return out
  }

  forEachIndexed(text: string, visit: (terms: readonly string[], token: string, kind: TokenKind) => void): void {
    scanTokens(text, (raw, _start, _end, kind, sentenceStart) => {
      const t = this.termsOf(raw, kind, sentenceStart)
      if (!t.stop) visit(t.terms, raw, kind)
    })
  }

  lemmas(form: string): string[] {
    if (!this.dict) return []
    const out: string[] = []
    for (const wd of this.dict.lookup(form)) pushUnique(out, sanitizeTerm(wd.lemma))
    return out
  }

  tokenTerms(token: Pick<Token, 'text' | 'kind' | 'sentenceStart'>): TokenTerms {
    return this.termsOf(token.text, token.kind, token.sentenceStart)
  }

  private termsOf(text: string, kind: TokenKind, sentenceStart: boolean): TokenTerms {
    switch (kind) {
      case 'number':
        return { terms: [numberTerm(text)], stop: false, known: false }
      case 'email':
        return { terms: [sanitizeTerm(text)], stop: false, known: false }
      case 'url':
        return { terms: urlTerms(text), stop: false, known: false }
      case 'abbreviation': {
        const bare = text.toLowerCase().replace(/\.$/, '')
        return isStopword(bare) ? STOP : { terms: [sanitizeTerm(bare)], stop: false, known: false }
      }
      case 'word':
        break
    }
    const cache = sentenceStart ? this.startCache : this.docCache
    const hit = cache.get(text)
    if (hit) return hit
    const result = this.wordTerms(text.normalize('NFC'), sentenceStart)
    if (cache.size >= CACHE_LIMIT) cache.clear()
    cache.set(text, result)
    return result
  }

  private wordTerms(form: string, sentenceStart: boolean): TokenTerms {
    const lower = form.toLowerCase()
    if (isStopword(lower)) return STOP
    const terms: string[] = []
    const known = this.docLemmas(form, lower, sentenceStart, terms)
    if (!known) fallbackTerms(lower, terms)
    if (form.includes('-')) {
      const parts = form.split('-')
      parts.forEach((part, i) => {
        if (part.length === 0) return
        const partLower = part.toLowerCase()
        if (isStopword(partLower)) return
        if (!this.docLemmas(part, partLower, sentenceStart && i === 0, terms)) fallbackTerms(partLower, terms)
      })
    }
    return terms.length > 0 ? { terms, stop: false, known } : STOP
  }

  /** Adds the lemmas for a document word to `out`; false when the dictionary knows none. */
  private docLemmas(form: string, lower: string, sentenceStart: boolean, out: string[]): boolean {
    if (!this.dict) return false
    const before = out.length
    const add = (f: string) => {
      for (const wd of this.dict!.lookup(f)) pushUnique(out, sanitizeTerm(wd.lemma))
      return out.length > before
    }
    switch (caseOf(form)) {
      case 'lower':
        if (!add(form)) add(capitalize(form))
        break
      case 'capitalized':
        if (!add(form) || sentenceStart) add(lower)
        break
      case 'upper':
        if (!add(form) && !add(capitalize(lower))) add(lower)
        break
      case 'mixed':
        if (!add(form)) add(lower)
        break
    }
    return out.length > before
  }

  queryTerms(token: Token): TokenTerms {
    if (token.kind !== 'word') {
      const t = this.tokenTerms(token)
      return t
    }
    const hit = this.queryCache.get(token.text)
    if (hit) return hit
    const result = this.queryWordTerms(token.text.normalize('NFC'))
    if (this.queryCache.size >= CACHE_LIMIT) this.queryCache.clear()
    this.queryCache.set(token.text, result)
    return result
  }

  private queryWordTerms(form: string): TokenTerms {
    const lower = form.toLowerCase()
    const plain = !hasDiacritics(lower)
    if (isStopword(lower) || (plain && isFoldedStopword(lower))) return STOP
    const terms: string[] = []
    let known = false
    if (this.dict) {
      const add = (f: string) => {
        let found = false
        for (const wd of this.dict!.lookup(f)) {
          pushUnique(terms, sanitizeTerm(wd.lemma))
          found = true
        }
        return found
      }
      const cased = capitalize(lower)
      // Every case variant: readers type "iraku", "Iraku", "IRAKU" alike.
      known = add(form)
      if (lower !== form) known = add(lower) || known
      if (cased !== form) known = add(cased) || known
      if (plain && PLAIN_WORD.test(form)) {
        for (const variant of lower === cased ? [lower] : [lower, cased]) {
          for (const restored of this.restoreDiacritics(variant)) if (restored !== variant) add(restored)
        }
      }
    }
    if (!known) fallbackTerms(lower, terms)
    return terms.length > 0 ? { terms, stop: false, known } : STOP
  }

  restoreDiacritics(form: string, limit = 16): string[] {
    const dict = this.dict
    if (!dict || form.length === 0 || form.length > 40) return []
    const fsa = dict.fsa
    const separator = dict.metadata.separator
    const chars = [...form]
    const results: string[] = []
    const chosen: string[] = []
    const walk = (i: number, node: number): void => {
      if (results.length >= limit) return
      if (i === chars.length) {
        if (fsa.getArc(node, separator) !== 0) results.push(chosen.join(''))
        return
      }
      const ch = chars[i]!
      for (const candidate of [ch, ...(RESTORE[ch] ?? [])]) {
        const next = this.follow(node, candidate)
        if (next === 0) continue
        chosen.push(candidate)
        walk(i + 1, next)
        chosen.pop()
      }
    }
    walk(0, fsa.rootNode)
    return results
  }

  /** The automaton node after `ch`'s UTF-8 bytes from `node`, or 0. */
  private follow(node: number, ch: string): number {
    const fsa = this.dict!.fsa
    let bytes = this.charBytes.get(ch)
    if (!bytes) {
      const cs = this.dict!.metadata.charset
      const buf = new Uint8Array(ch.length * cs.maxBytesPerChar)
      const n = cs.encode(ch, buf)
      // A character the dictionary's charset cannot encode is in no entry.
      bytes = n < 0 ? new Uint8Array(0) : buf.slice(0, n)
      this.charBytes.set(ch, bytes)
    }
    if (bytes.length === 0) return 0
    for (const b of bytes) {
      if (node === 0) return 0
      const arc = fsa.getArc(node, b)
      if (arc === 0) return 0
      node = fsa.destination(arc)
    }
    return node
  }
}

const STOP: TokenTerms = Object.freeze({ terms: Object.freeze([]) as readonly string[], stop: true, known: false })

/**
 * An analyzer over the Morfologik dictionary, or in degraded mode (forms and
 * stems only) when `dict` is null.
 */
export function createAnalyzer(dict: PolishDictionary | null): Analyzer {
  return new PolishAnalyzer(dict)
}
