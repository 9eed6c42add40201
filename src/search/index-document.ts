/**
 * @module
 * What the index stores for one story: its fields as sequences of positions,
 * each position holding the terms of one (non-stop) token, and how that is
 * written for each engine.
 *
 * Fields and weights: headline (A), lede (B), body text with image captions (C),
 * tags and author names (D).
 *
 * - SQLite FTS5 cannot put several terms at one position, so each field has
 *   two columns: `<field>` holds the primary term of every token, one per
 *   position (phrases are matched there), and `<field>_alt` the other terms
 *   (other lemmas of ambiguous forms, unknown words' variants).
 * - PostgreSQL gets a `tsvector` built here, not by `to_tsvector`: every term of
 *   a token sits at the token's position with the field's weight, so phrases
 *   can match any lemma of an ambiguous word. Fields are separated by a gap of
 *   positions so a phrase never spans two fields.
 */
import type { Analyzer } from '../polish/analyzer.js'
import { foldDiacritics } from '../polish/tokenizer.js'
import { documentText, type BlockDocument } from '../content/document.js'

export type FieldName = 'headline' | 'lede' | 'body' | 'meta'
export const FIELDS: readonly FieldName[] = ['headline', 'lede', 'body', 'meta']
export const FIELD_WEIGHT: Record<FieldName, 'A' | 'B' | 'C' | 'D'> = { headline: 'A', lede: 'B', body: 'C', meta: 'D' }

/** The text of a story the index is built from. */
export interface IndexSource {
  readonly id: number
  readonly headline: string
  readonly lede: string
  readonly body: BlockDocument
  /** Captions of the lead photo and of media-library images the body shows without a caption of its own. */
  readonly captions: readonly string[]
  readonly tags: readonly string[]
  readonly authors: readonly string[]
}

export interface IndexDocument {
  readonly id: number
  /** Per field: the terms of each indexed position, primary term first. */
  readonly fields: Record<FieldName, Array<readonly string[]>>
  /** Lower-cased word forms seen in the text (for "did you mean" suggestions). */
  readonly words: ReadonlySet<string>
}

/** Longest word form kept in the suggestion vocabulary. */
const MAX_WORD = 32
const VOCABULARY_WORD = /^[\p{L}][\p{L}-]*[\p{L}]$/u

/** The chunks of text of a field, each analyzed on its own (sentence starts, no cross-paragraph tokens). */
export function fieldTexts(src: IndexSource): Record<FieldName, string[]> {
  return {
    headline: [src.headline],
    lede: [src.lede],
    body: [...documentText(src.body), ...src.captions],
    meta: [...src.tags, ...src.authors],
  }
}

export function buildIndexDocument(analyzer: Analyzer, src: IndexSource): IndexDocument {
  const texts = fieldTexts(src)
  const words = new Set<string>()
  const fields = {} as Record<FieldName, Array<readonly string[]>>
  for (const field of FIELDS) {
    const positions: Array<readonly string[]> = []
    for (const text of texts[field]) {
      if (text.length === 0) continue
      for (const token of analyzer.analyze(text)) {
        if (token.stop) continue
        positions.push(token.terms)
        if (token.kind === 'word' && token.text.length >= 3 && token.text.length <= MAX_WORD) {
          const lower = token.text.normalize('NFC').toLowerCase()
          if (VOCABULARY_WORD.test(lower)) words.add(lower)
        }
      }
    }
    fields[field] = positions
  }
  return { id: src.id, fields, words }
}

/** The eight FTS5 column values, in the table's column order. */
export function fts5Columns(doc: IndexDocument): string[] {
  const out: string[] = []
  for (const field of FIELDS) {
    const positions = doc.fields[field]
    let primary = ''
    let alt = ''
    for (const terms of positions) {
      primary += (primary ? ' ' : '') + terms[0]!
      for (let i = 1; i < terms.length; i++) alt += (alt ? ' ' : '') + terms[i]!
    }
    out.push(primary, alt)
  }
  return out
}

/** PostgreSQL keeps positions 1..16383; later tokens share the last position. */
const MAX_PG_POSITION = 16383
/** Positions left empty between fields. */
const FIELD_GAP = 8

/** A `tsvector` literal ('term':1A,7A 'other':3B …) with every term of a token at its position. */
export function tsvectorLiteral(doc: IndexDocument): string {
  const byTerm = new Map<string, string[]>()
  let position = 1
  for (const field of FIELDS) {
    const weight = FIELD_WEIGHT[field]
    const suffix = weight === 'D' ? '' : weight
    for (const terms of doc.fields[field]) {
      const p = `${Math.min(position, MAX_PG_POSITION)}${suffix}`
      for (const term of terms) {
        const list = byTerm.get(term)
        if (list === undefined) byTerm.set(term, [p])
        else if (list.length < 256 && list[list.length - 1] !== p) list.push(p)
      }
      position++
    }
    position += FIELD_GAP
  }
  let out = ''
  for (const [term, positions] of byTerm) out += `${out ? ' ' : ''}'${term.replace(/'/g, "''").replace(/\\/g, '\\\\')}':${positions.join(',')}`
  return out
}

/** Folded form and first letter of a vocabulary word, as stored in `search_words`. */
export function vocabularyKey(word: string): { folded: string; initial: string } {
  const folded = foldDiacritics(word)
  return { folded, initial: folded.slice(0, 1) }
}
