/**
 * @module
 * Check 5: the same word, or the same lemma, repeated close together ("oświadczył w
 * oświadczeniu"). Warning.
 *
 * Within one line of text (list items and factbox entries are compared only within
 * themselves), two content words at most {@link WINDOW} content words apart
 * (stop words such as "w", "i", "że" are not counted and never compared) are a repetition
 * when
 * - they are the same word form (ignoring case), or
 * - their lemma sets (Morfologik) share a lemma: "oświadczył" → oświadczyć, "oświadczeniu" →
 *   oświadczenie, oświadczyć (the dictionary also reads it as the verb's gerund), or
 * - they share a root: two of their lemmas have a common prefix of at least
 *   {@link MIN_ROOT} letters making up at least {@link ROOT_SHARE} of the shorter lemma
 *   ("oświadczyć" / "oświadczenie": "oświadcz", 8 of 10; "wojsko" / "wojskowy"). This
 *   catches derivatives the dictionary lists as separate lemmas; the share keeps apart
 *   words that only begin alike ("międzynarodowy" / "międzyrządowy": 6 of 13).
 * Not compared: numbers, words under three letters, and a few lemmas that repeat in any
 * text without being clumsy (być, mieć, zostać, móc, który, ten, swój, …). Without the
 * dictionary, lemmas are the search analyzer's light stems.
 *
 * The same word twice in a row ("w w", "się się") is `doubled-word`, also a warning.
 */
import { isStopword } from '../../polish/stopwords.js'
import { scanTokens } from '../../polish/tokenizer.js'
import { createLexicon, type Lexicon } from '../lexicon.js'
import { quote } from '../messages.js'
import type { CheckEnv, Finding, TextUnit } from '../types.js'

export const WINDOW = 3
export const MIN_ROOT = 6
export const ROOT_SHARE = 0.75

/** Lemmas whose repetition is normal. */
export const COMMON_LEMMAS: ReadonlySet<string> = new Set(
  'być mieć zostać móc musieć chcieć mówić który ten ta to ów swój sam jeden on ona ono oni się rok raz też także jak jako inny cały każdy wszystko wszyscy bardzo'.split(' '),
)

const ROLES = new Set<TextUnit['role']>(['headline', 'lede', 'paragraph', 'heading', 'quote', 'list', 'factbox', 'caption', 'alt', 'title', 'seoTitle', 'seoDescription'])
const LETTERS = /^[\p{L}\p{M}]+(?:[-'’][\p{L}\p{M}]+)*$/u

interface Word {
  text: string
  lower: string
  start: number
  end: number
  lemmas: readonly string[]
}

export type Relation = 'same-word' | 'same-lemma' | 'same-root'

function commonPrefix(a: string, b: string): number {
  const x = [...a]
  const y = [...b]
  let i = 0
  while (i < x.length && i < y.length && x[i] === y[i]) i++
  return i
}

export function relation(a: Pick<Word, 'lower' | 'lemmas'>, b: Pick<Word, 'lower' | 'lemmas'>): { relation: Relation; lemma?: string } | null {
  if (a.lower === b.lower) return { relation: 'same-word' }
  for (const la of a.lemmas) if (b.lemmas.includes(la)) return { relation: 'same-lemma', lemma: la }
  for (const la of a.lemmas) {
    for (const lb of b.lemmas) {
      const shared = commonPrefix(la, lb)
      if (shared >= MIN_ROOT && shared >= ROOT_SHARE * Math.min([...la].length, [...lb].length)) return { relation: 'same-root', lemma: [...la].slice(0, shared).join('') }
    }
  }
  return null
}

export interface Repetition {
  kind: 'repetition' | 'doubled-word'
  first: { text: string; start: number; end: number }
  second: { text: string; start: number; end: number }
  relation: Relation
  lemma?: string
}

/** The repetitions in one text. */
export function findRepetitions(text: string, lexicon: Lexicon): Repetition[] {
  const out: Repetition[] = []
  const content: Word[] = []
  /** Indexes into `content` that start a new line. */
  const lineBreaks = new Set<number>()
  let prev: { text: string; lower: string; start: number; end: number } | null = null
  scanTokens(text, (raw, start, end, kind, sentenceStart) => {
    // Lines (list items, factbox entries, hard breaks) are compared only within themselves.
    if (content.length > 0 && text.slice(content[content.length - 1]!.end, start).includes('\n')) lineBreaks.add(content.length)
    if (kind !== 'word') {
      prev = null
      return
    }
    const lower = raw.toLocaleLowerCase('pl')
    const last = prev as { text: string; lower: string; start: number; end: number } | null
    if (last && last.lower === lower && /^\s+$/u.test(text.slice(last.end, start)) && LETTERS.test(raw)) {
      out.push({ kind: 'doubled-word', first: last, second: { text: raw, start, end }, relation: 'same-word' })
    }
    prev = { text: raw, lower, start, end }
    if (isStopword(lower) || [...lower].length < 3 || !LETTERS.test(raw)) return
    const { lemmas } = lexicon.lemmas(raw, sentenceStart)
    const kept = lemmas.filter((l) => !COMMON_LEMMAS.has(l))
    if (kept.length === 0) return
    content.push({ text: raw, lower, start, end, lemmas: kept })
  })
  const used = new Set<number>()
  for (let i = 0; i < content.length; i++) {
    if (used.has(i)) continue
    const a = content[i]!
    for (let j = i + 1; j <= i + WINDOW && j < content.length; j++) {
      if (lineBreaks.has(j)) break
      const b = content[j]!
      const rel = relation(a, b)
      if (!rel) continue
      used.add(j)
      // Doubled words are already reported as such.
      if (!out.some((r) => r.kind === 'doubled-word' && r.first.start === a.start && r.second.start === b.start)) {
        out.push({ kind: 'repetition', first: a, second: b, relation: rel.relation, ...(rel.lemma ? { lemma: rel.lemma } : {}) })
      }
      break
    }
  }
  return out.sort((x, y) => x.first.start - y.first.start)
}

const defaultLexicons = new WeakMap<object, Lexicon>()
const noDictionary = createLexicon(null)

export function lexiconFor(env: CheckEnv): Lexicon {
  const dict = env.context.dictionary
  if (!dict) return noDictionary
  let lex = defaultLexicons.get(dict)
  if (!lex) defaultLexicons.set(dict, (lex = createLexicon(dict)))
  return lex
}

export function checkRepetition(unit: TextUnit, env: CheckEnv): Finding[] {
  if (!ROLES.has(unit.role) || env.foreign.has(unit)) return []
  const lang = env.context.messages
  return findRepetitions(unit.text, lexiconFor(env)).map((r) => {
    const start = r.first.start
    const end = r.second.end
    const a = quote(lang, r.first.text)
    const b = quote(lang, r.second.text)
    if (r.kind === 'doubled-word') {
      return {
        kind: 'doubled-word' as const,
        severity: 'warning' as const,
        field: unit.field,
        block: unit.block,
        start,
        end,
        text: unit.text.slice(start, end),
        message: env.say(`Słowo ${a} powtórzone dwa razy z rzędu. Usuń jedno.`, `The word ${a} appears twice in a row. Remove one.`),
      }
    }
    const why =
      r.relation === 'same-word'
        ? env.say('to samo słowo', 'the same word')
        : r.relation === 'same-lemma'
          ? env.say(`ta sama forma podstawowa ${quote(lang, r.lemma ?? '')}`, `the same lemma ${quote(lang, r.lemma ?? '')}`)
          : env.say(`ten sam rdzeń ${quote(lang, r.lemma ?? '')}`, `the same root ${quote(lang, r.lemma ?? '')}`)
    return {
      kind: 'repetition' as const,
      severity: 'warning' as const,
      field: unit.field,
      block: unit.block,
      start,
      end,
      text: unit.text.slice(start, end),
      message: env.say(
        `Powtórzenie: ${a} i ${b} (${why}) stoją blisko siebie. Zastąp jedno z nich wyrazem bliskoznacznym albo przebuduj zdanie.`,
        `Repetition: ${a} and ${b} (${why}) stand close together. Replace one with a synonym or rephrase the sentence.`,
      ),
    }
  })
}
