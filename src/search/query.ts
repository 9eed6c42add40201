/**
 * @module
 * Reader queries: parsing into clauses and compiling to each engine's query
 * language. Engine queries are built only from analyzed terms, each quoted, so
 * nothing a reader types ("*", "(", "^", OR, NEAR, quotes, backslashes) can reach
 * the engine as syntax.
 *
 * Syntax: words (all must match, in any inflected form), "quoted phrases"
 * (consecutive indexed words: stop words inside are skipped), -word and
 * -"phrase" to exclude. An unmatched quote is ignored. Typographic quotes
 * („…”, “…”, «…») work as well as straight ones.
 */
import type { Analyzer } from '../polish/analyzer.js'
import { tokenize } from '../polish/tokenizer.js'

/** Longer input is cut (at a space) before parsing. */
export const MAX_QUERY_LENGTH = 300
export const MAX_CLAUSES = 12
export const MAX_TERMS_PER_WORD = 12
export const MAX_PHRASE_WORDS = 8
/** Phrases whose words have more term combinations than this are matched as "all words" (looser). */
export const MAX_PHRASE_COMBINATIONS = 24

export interface QueryWord {
  /** As typed. */
  readonly text: string
  readonly terms: readonly string[]
}

export interface QueryClause {
  readonly kind: 'word' | 'phrase'
  readonly negated: boolean
  /** As typed (a phrase without its quotes). */
  readonly text: string
  readonly words: readonly QueryWord[]
}

export interface ParsedQuery {
  /** The input after trimming and cutting. */
  readonly text: string
  readonly clauses: readonly QueryClause[]
  readonly positive: readonly QueryClause[]
  readonly negative: readonly QueryClause[]
  /** Stop words left out of the query. */
  readonly ignored: readonly string[]
  /** The input was longer than MAX_QUERY_LENGTH. */
  readonly truncated: boolean
}

const OPEN_QUOTES = '"„“”«»'
const CLOSE_QUOTES = '"”“»«'
const MINUS = '-−–'

function isSpace(ch: string): boolean {
  return /\s/u.test(ch)
}

/** Trims, collapses control characters and cuts the input to MAX_QUERY_LENGTH (at a space when possible). */
export function normalizeQueryText(input: string): { text: string; truncated: boolean } {
  // eslint-disable-next-line no-control-regex
  let text = input.normalize('NFC').replace(/[\u0000-\u001f\u007f]+/g, ' ').trim()
  let truncated = false
  if (text.length > MAX_QUERY_LENGTH) {
    truncated = true
    const cut = text.slice(0, MAX_QUERY_LENGTH)
    const space = cut.lastIndexOf(' ')
    text = (space > MAX_QUERY_LENGTH / 2 ? cut.slice(0, space) : cut).trim()
    // Do not leave half a surrogate pair.
    if (/[\ud800-\udbff]$/.test(text)) text = text.slice(0, -1)
  }
  return { text, truncated }
}

export function parseQuery(analyzer: Analyzer, input: string): ParsedQuery {
  const { text, truncated } = normalizeQueryText(input)
  const clauses: QueryClause[] = []
  const ignored: string[] = []
  const seen = new Set<string>()

  const wordsOf = (chunk: string): QueryWord[] => {
    const out: QueryWord[] = []
    for (const token of tokenize(chunk)) {
      const t = analyzer.queryTerms(token)
      if (t.stop) {
        ignored.push(token.text)
        continue
      }
      out.push({ text: token.text, terms: t.terms.slice(0, MAX_TERMS_PER_WORD) })
    }
    return out
  }
  const add = (clause: QueryClause) => {
    const key = `${clause.negated ? '-' : '+'}${clause.kind}:${clause.words.map((w) => w.terms.join('|')).join(' ')}`
    if (seen.has(key) || clauses.length >= MAX_CLAUSES) return
    seen.add(key)
    clauses.push(clause)
  }

  let i = 0
  const n = text.length
  while (i < n) {
    while (i < n && isSpace(text[i]!)) i++
    if (i >= n) break
    let negated = false
    if (MINUS.includes(text[i]!) && i + 1 < n && !isSpace(text[i + 1]!)) {
      negated = true
      i++
    }
    if (OPEN_QUOTES.includes(text[i]!)) {
      let j = i + 1
      while (j < n && !CLOSE_QUOTES.includes(text[j]!)) j++
      if (j >= n) {
        // Unmatched quote: ignore it, read on as plain words.
        i++
        continue
      }
      const phraseText = text.slice(i + 1, j).trim()
      i = j + 1
      const words = wordsOf(phraseText).slice(0, MAX_PHRASE_WORDS)
      if (words.length === 1) add({ kind: 'word', negated, text: phraseText, words })
      else if (words.length > 1) add({ kind: 'phrase', negated, text: phraseText, words })
      continue
    }
    let j = i
    while (j < n && !isSpace(text[j]!) && !OPEN_QUOTES.includes(text[j]!)) j++
    const chunk = text.slice(i, j)
    i = j
    for (const word of wordsOf(chunk)) add({ kind: 'word', negated, text: word.text, words: [word] })
  }
  return {
    text,
    clauses,
    positive: clauses.filter((c) => !c.negated),
    negative: clauses.filter((c) => c.negated),
    ignored,
    truncated,
  }
}

/** All term combinations of a phrase (one term per word), or null when there are too many. */
export function phraseCombinations(words: readonly QueryWord[], limit = MAX_PHRASE_COMBINATIONS): string[][] | null {
  let count = 1
  for (const w of words) {
    count *= w.terms.length
    if (count > limit) return null
  }
  let combos: string[][] = [[]]
  for (const w of words) combos = combos.flatMap((c) => w.terms.map((t) => [...c, t]))
  return combos
}

// ---------------------------------------------------------------------------
// SQLite FTS5

const FTS_PRIMARY = '{headline lede body meta}'

function ftsTerm(term: string): string {
  return `"${term.replace(/"/g, '""')}"`
}

function ftsAny(terms: readonly string[]): string {
  return `(${terms.map(ftsTerm).join(' OR ')})`
}

function ftsClause(clause: QueryClause): string {
  if (clause.kind === 'word') return ftsAny(clause.words[0]!.terms)
  const combos = phraseCombinations(clause.words)
  if (combos === null) return `${FTS_PRIMARY} : (${clause.words.map((w) => ftsAny(w.terms)).join(' AND ')})`
  return `${FTS_PRIMARY} : (${combos.map((c) => `"${c.join(' ')}"`).join(' OR ')})`
}

/**
 * The FTS5 MATCH expression, or null when the query has nothing to look for.
 * `any`: at least one of the positive clauses instead of all (the fallback when all find nothing).
 */
export function toFts5(query: Pick<ParsedQuery, 'positive' | 'negative'>, mode: 'all' | 'any' = 'all'): string | null {
  if (query.positive.length === 0) return null
  let expr = query.positive.map(ftsClause).join(mode === 'all' ? ' AND ' : ' OR ')
  for (const clause of query.negative) expr = `(${expr}) NOT ${ftsClause(clause)}`
  return expr
}

/** FTS5 expression for headline autocomplete: complete words, and the last word also as a prefix. */
export function toFts5Headline(words: readonly QueryWord[], prefixes: readonly string[]): string | null {
  const parts = words.map((w) => ftsAny(w.terms))
  if (prefixes.length > 0) parts.push(`(${prefixes.map((p) => `${ftsTerm(p)}*`).join(' OR ')})`)
  if (parts.length === 0) return null
  return `{headline headline_alt} : (${parts.join(' AND ')})`
}

// ---------------------------------------------------------------------------
// PostgreSQL tsquery

function tsTerm(term: string, suffix = ''): string {
  return `'${term.replace(/'/g, "''").replace(/\\/g, '\\\\')}'${suffix}`
}

function tsAny(terms: readonly string[], suffix = ''): string {
  return `(${terms.map((t) => tsTerm(t, suffix)).join(' | ')})`
}

function tsClause(clause: QueryClause): string {
  if (clause.kind === 'word') return tsAny(clause.words[0]!.terms)
  return `(${clause.words.map((w) => tsAny(w.terms)).join(' <-> ')})`
}

/** The tsquery text (cast with ::tsquery, no normalisation), or null when the query has nothing to look for. */
export function toTsquery(query: Pick<ParsedQuery, 'positive' | 'negative'>, mode: 'all' | 'any' = 'all'): string | null {
  if (query.positive.length === 0) return null
  let expr = query.positive.map(tsClause).join(mode === 'all' ? ' & ' : ' | ')
  if (mode === 'any' && query.positive.length > 1) expr = `(${expr})`
  for (const clause of query.negative) expr += ` & !${tsClause(clause)}`
  return expr
}

/**
 * PostgreSQL: a looser tsquery for queries with phrases — the phrases' words as
 * "all of them", no exclusions — that the GIN index answers without reading the
 * documents; the exact query (positions, exclusions) is then checked only on the
 * newest stories it finds. Null when the query has no phrase.
 */
export function toTsqueryPrefilter(query: Pick<ParsedQuery, 'positive' | 'negative'>, mode: 'all' | 'any' = 'all'): string | null {
  if (query.positive.length === 0) return null
  if (!query.positive.some((c) => c.kind === 'phrase') && !query.negative.some((c) => c.kind === 'phrase')) return null
  const parts = query.positive.map((c) => (c.kind === 'word' ? tsAny(c.words[0]!.terms) : `(${c.words.map((w) => tsAny(w.terms)).join(' & ')})`))
  return parts.join(mode === 'all' ? ' & ' : ' | ')
}

/** tsquery for headline autocomplete (weight A only). */
export function toTsqueryHeadline(words: readonly QueryWord[], prefixes: readonly string[]): string | null {
  const parts = words.map((w) => tsAny(w.terms, ':A'))
  if (prefixes.length > 0) parts.push(`(${prefixes.map((p) => tsTerm(p, ':*A')).join(' | ')})`)
  if (parts.length === 0) return null
  return parts.join(' & ')
}

/** Every term of the positive clauses, with the clause it belongs to (for highlighting). */
export function highlightTerms(query: Pick<ParsedQuery, 'positive'>): Map<string, number[]> {
  const out = new Map<string, number[]>()
  query.positive.forEach((clause, index) => {
    for (const word of clause.words) {
      for (const term of word.terms) {
        const list = out.get(term)
        if (!list) out.set(term, [index])
        else if (!list.includes(index)) list.push(index)
      }
    }
  })
  return out
}
