/**
 * @module
 * Spelling corrections for "Czy chodziło Ci o …?": candidate words within a
 * small edit distance of a query word that matched nothing, from two sources:
 *
 * - the dictionary: a depth-first walk of the Morfologik automaton that keeps
 *   one row of the (restricted Damerau-)Levenshtein table per depth and prunes
 *   a branch as soon as the row's minimum exceeds the allowed distance, so only
 *   a tiny part of the 4 million forms is visited; letters are compared
 *   lower-cased and without diacritics, so "zolnieży" is one edit from "żołnierzy";
 * - the index vocabulary (`search_words`): word forms seen in indexed stories,
 *   with a count, so names missing from the dictionary can be corrected too and
 *   frequent words win ties.
 */
import type { PolishDictionary } from '../polish/morfologik/dictionary.js'
import { foldDiacritics } from '../polish/tokenizer.js'

export interface Correction {
  readonly word: string
  readonly distance: number
}

/** Allowed edits for a word of this length. */
export function maxEdits(length: number): number {
  return length <= 3 ? 0 : length <= 5 ? 1 : 2
}

const foldCache = new Map<string, string>()
function foldChar(ch: string): string {
  let f = foldCache.get(ch)
  if (f === undefined) {
    f = foldDiacritics(ch.toLowerCase())
    foldCache.set(ch, f)
  }
  return f
}

/** Restricted Damerau-Levenshtein distance over lower-cased, diacritic-free letters; > max when above it. */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  const s = [...a].map(foldChar)
  const t = [...b].map(foldChar)
  if (Math.abs(s.length - t.length) > max) return max + 1
  let prevPrev: number[] = []
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j)
  for (let i = 1; i <= s.length; i++) {
    const row = [i]
    let rowMin = i
    for (let j = 1; j <= t.length; j++) {
      let v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (s[i - 1] === t[j - 1] ? 0 : 1))
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) v = Math.min(v, prevPrev[j - 2]! + 1)
      row.push(v)
      if (v < rowMin) rowMin = v
    }
    if (rowMin > max) return max + 1
    prevPrev = prev
    prev = row
  }
  return prev[t.length]!
}

/** Most automaton nodes one walk may visit (bounds the worst case). */
const MAX_VISITS = 300_000

/**
 * Dictionary forms within `max` edits of `word` (compared lower-cased and
 * without diacritics), closest first. Only UTF-8 dictionaries are walked.
 */
export function dictionaryNeighbours(dict: PolishDictionary, word: string, max: number, limit = 40): Correction[] {
  if (dict.metadata.charset.name !== 'UTF-8' || max <= 0) return []
  const target = [...word].map(foldChar)
  const m = target.length
  if (m === 0 || m > 40) return []
  const fsa = dict.fsa
  const separator = dict.metadata.separator
  const found = new Map<string, number>()
  let visits = 0

  // One row of the distance table per depth, preallocated: rows[d * width + j].
  const width = m + 1
  const maxDepth = m + max + 2
  const rows = new Int32Array((maxDepth + 2) * width)
  const chars: string[] = new Array(maxDepth + 2).fill('')
  for (let j = 0; j <= m; j++) rows[j] = j

  /** Fills row `depth` for character `ch`; returns the row's minimum. */
  const step = (depth: number, ch: string): number => {
    const cur = depth * width
    const prev = cur - width
    const prevPrev = prev - width
    const prevChar = depth >= 2 ? chars[depth - 1]! : ''
    rows[cur] = rows[prev]! + 1
    let min = rows[cur]!
    for (let j = 1; j <= m; j++) {
      let v = Math.min(rows[prev + j]! + 1, rows[cur + j - 1]! + 1, rows[prev + j - 1]! + (target[j - 1] === ch ? 0 : 1))
      if (depth >= 2 && j > 1 && ch === target[j - 2] && prevChar === target[j - 1]) v = Math.min(v, rows[prevPrev + j - 2]! + 1)
      rows[cur + j] = v
      if (v < min) min = v
    }
    return min
  }

  const visit = (node: number, prefix: string, depth: number): void => {
    if (++visits > MAX_VISITS) return
    const consider = (char: string, next: number) => {
      if (next === 0 || depth + 1 > maxDepth) return
      const ch = foldChar(char)
      chars[depth + 1] = ch
      if (step(depth + 1, ch) <= max) visit(next, prefix + char, depth + 1)
    }
    for (let arc = fsa.firstArc(node); arc !== 0; arc = fsa.nextArc(arc)) {
      const label = fsa.arcLabel(arc)
      if (label === separator) {
        const d = rows[depth * width + m]!
        if (depth > 0 && d <= max) {
          const known = found.get(prefix)
          if (known === undefined || d < known) found.set(prefix, d)
        }
        continue
      }
      if (label < 0x80) {
        consider(String.fromCharCode(label), fsa.destination(arc))
      } else if ((label & 0xe0) === 0xc0) {
        const mid = fsa.destination(arc)
        if (mid === 0) continue
        for (let a2 = fsa.firstArc(mid); a2 !== 0; a2 = fsa.nextArc(a2)) {
          const code = ((label & 0x1f) << 6) | (fsa.arcLabel(a2) & 0x3f)
          consider(String.fromCharCode(code), fsa.destination(a2))
        }
      } else if ((label & 0xf0) === 0xe0) {
        const mid = fsa.destination(arc)
        if (mid === 0) continue
        for (let a2 = fsa.firstArc(mid); a2 !== 0; a2 = fsa.nextArc(a2)) {
          const mid2 = fsa.destination(a2)
          if (mid2 === 0) continue
          for (let a3 = fsa.firstArc(mid2); a3 !== 0; a3 = fsa.nextArc(a3)) {
            const code = ((label & 0x0f) << 12) | ((fsa.arcLabel(a2) & 0x3f) << 6) | (fsa.arcLabel(a3) & 0x3f)
            consider(String.fromCharCode(code), fsa.destination(a3))
          }
        }
      }
      // 4-byte characters (outside the BMP) do not occur in Polish words.
    }
  }

  visit(fsa.rootNode, '', 0)
  return [...found]
    .map(([w, distance]) => ({ word: w, distance }))
    .sort((a, b) => a.distance - b.distance || a.word.localeCompare(b.word, 'pl'))
    .slice(0, limit)
}

/** Keeps the reader's capitalisation when a correction differs only in case from a lower-case candidate. */
export function matchCase(typed: string, candidate: string): string {
  if (typed.length > 1 && typed === typed.toUpperCase() && candidate === candidate.toLowerCase()) return candidate.toUpperCase()
  const first = typed.slice(0, 1)
  if (first !== first.toLowerCase() && candidate.slice(0, 1) === candidate.slice(0, 1).toLowerCase()) {
    return candidate.slice(0, 1).toUpperCase() + candidate.slice(1)
  }
  return candidate
}
