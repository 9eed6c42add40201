/**
 * @module
 * Result snippets and highlighted headlines as safe HTML: the text is analyzed
 * with the same analyzer as the index, a token is marked when one of its terms
 * is a term of the query, so the words are marked as they stand in the text
 * ("Iraku", "żołnierzy"). All text is escaped; the only markup added is <mark>.
 */
import type { AnalyzedToken, Analyzer } from '../polish/analyzer.js'
import { escapeHtml } from '../site/html.js'

export interface SnippetOptions {
  /** Longest snippet in characters (without the ellipses). */
  readonly maxChars?: number
  /** Stop analyzing after this many characters of text (keeps long stories cheap). */
  readonly scanChars?: number
}

const DEFAULT_MAX = 220
const DEFAULT_SCAN = 30_000
const ELLIPSIS = '…'

/** Term → clause indexes (see query.highlightTerms). */
export type TermClauses = ReadonlyMap<string, readonly number[]>

function matchedClauses(token: AnalyzedToken, terms: TermClauses): readonly number[] | null {
  if (token.stop) return null
  let out: number[] | null = null
  for (const term of token.terms) {
    const clauses = terms.get(term)
    if (!clauses) continue
    if (out === null) out = [...clauses]
    else for (const c of clauses) if (!out.includes(c)) out.push(c)
  }
  return out
}

/** `text` escaped, with <mark> around the tokens in `marked` (indexes into `tokens`), from `from` to `to` (offsets). */
function render(text: string, tokens: readonly AnalyzedToken[], marked: { has(i: number): boolean }, from: number, to: number): string {
  let html = ''
  let at = from
  tokens.forEach((token, i) => {
    if (!marked.has(i) || token.start < from || token.end > to) return
    html += escapeHtml(text.slice(at, token.start)) + '<mark>' + escapeHtml(text.slice(token.start, token.end)) + '</mark>'
    at = token.end
  })
  return html + escapeHtml(text.slice(at, to))
}

/** The whole text, escaped, with query words marked (headlines). */
export function highlightText(analyzer: Analyzer, text: string, terms: TermClauses): string {
  const tokens = analyzer.analyze(text)
  const marked = new Set<number>()
  tokens.forEach((t, i) => {
    if (matchedClauses(t, terms)) marked.add(i)
  })
  return render(text, tokens, marked, 0, text.length)
}

interface Candidate {
  text: string
  tokens: AnalyzedToken[]
  /** Marked token index → the query clauses it matches. */
  marked: Map<number, readonly number[]>
}

/**
 * The query clauses a text shows, in a pass that makes no token objects:
 * most texts of a story are only looked at, one is shown.
 */
function clausesIn(analyzer: Analyzer, text: string, terms: TermClauses): Set<number> {
  const clauses = new Set<number>()
  analyzer.forEachIndexed(text, (tokenTerms) => {
    for (const term of tokenTerms) {
      const list = terms.get(term)
      if (list) for (const c of list) clauses.add(c)
    }
  })
  return clauses
}

/**
 * A snippet from the first texts (lede, paragraphs, captions) that shows the
 * most query clauses, cut around the matches; the beginning of the first text
 * when nothing matches.
 */
export function buildSnippet(analyzer: Analyzer, texts: readonly string[], terms: TermClauses, options: SnippetOptions = {}): string {
  const maxChars = options.maxChars ?? DEFAULT_MAX
  const scanChars = options.scanChars ?? DEFAULT_SCAN
  const wanted = new Set<number>()
  for (const list of terms.values()) for (const c of list) wanted.add(c)
  let best: { text: string; clauses: number } | null = null
  let scanned = 0
  for (const text of texts) {
    if (text.length === 0) continue
    if (scanned > scanChars) break
    scanned += text.length
    const clauses = clausesIn(analyzer, text, terms).size
    if (clauses === 0) continue
    if (!best || clauses > best.clauses) best = { text, clauses }
    if (best.clauses >= wanted.size) break
  }
  if (!best) {
    const first = texts.find((t) => t.length > 0) ?? ''
    return escapeHtml(cutAtWord(first, maxChars)) + (first.length > maxChars ? ELLIPSIS : '')
  }
  const tokens = analyzer.analyze(best.text)
  const marked = new Map<number, readonly number[]>()
  tokens.forEach((t, i) => {
    const m = matchedClauses(t, terms)
    if (m) marked.set(i, m)
  })
  return window({ text: best.text, tokens, marked }, maxChars)
}

function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text
  const cut = text.slice(0, max)
  const space = cut.lastIndexOf(' ')
  return space > max / 2 ? cut.slice(0, space) : cut
}

/** The stretch of the best text (≤ maxChars) with the most distinct matched clauses, starting a little before them. */
function window(c: Candidate, maxChars: number): string {
  const { text, tokens, marked } = c
  if (text.length <= maxChars) return render(text, tokens, marked, 0, text.length)
  const markedIdx = [...marked.keys()].sort((a, b) => a - b)
  let bestStart = 0
  let bestScore = -1
  for (const m of markedIdx) {
    // Start a few words before the match, at a token boundary.
    const startToken = Math.max(0, m - 5)
    const start = startToken === 0 ? 0 : tokens[startToken]!.start
    const end = start + maxChars
    // Distinct clauses shown first, then the number of marked words.
    const shown = new Set<number>()
    let words = 0
    for (const k of markedIdx) {
      if (tokens[k]!.start < start || tokens[k]!.end > end) continue
      words++
      for (const clause of marked.get(k)!) shown.add(clause)
    }
    const score = shown.size * 1000 + words
    if (score > bestScore) {
      bestScore = score
      bestStart = start
    }
  }
  let end = Math.min(text.length, bestStart + maxChars)
  if (end < text.length) {
    const lastSpace = text.lastIndexOf(' ', end)
    if (lastSpace > bestStart + maxChars / 2) end = lastSpace
  }
  const prefix = bestStart > 0 ? ELLIPSIS : ''
  const suffix = end < text.length ? ELLIPSIS : ''
  return prefix + render(text, tokens, marked, bestStart, end).trim() + suffix
}
