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
  /** The body: the block document, or its stored JSON (parsed when analyzed: cheaper to pass to a worker). */
  readonly body: BlockDocument | string
  /** Captions of the lead photo and of media-library images the body shows without a caption of its own. */
  readonly captions: readonly string[]
  readonly tags: readonly string[]
  readonly authors: readonly string[]
  /** Copied into the index for fast filtering and ranking (see store.ts). */
  readonly meta: StoryMeta
}

/** The story's visibility and filter fields, as on its `articles` row. */
export interface StoryMeta {
  readonly status: string
  readonly publishedAt: string | null
  readonly embargoUntil: string | null
  readonly sectionId: number | null
}

export interface IndexDocument {
  readonly id: number
  readonly meta: StoryMeta
  /** Per field: the terms of each indexed position, primary term first. */
  readonly fields: Record<FieldName, Array<readonly string[]>>
  /** Lower-cased word forms seen in the text (for "did you mean" suggestions). */
  readonly words: ReadonlySet<string>
}

/** Longest word form kept in the suggestion vocabulary. */
const MAX_WORD = 32
const VOCABULARY_WORD = /^[\p{L}][\p{L}-]*[\p{L}]$/u

/**
 * A stored body as a document. Bodies were validated when written, so this
 * only parses the JSON (a schema check costs more than analyzing the text);
 * anything unreadable counts as empty.
 */
export function storedBody(json: string): BlockDocument {
  try {
    const doc = JSON.parse(json) as BlockDocument
    return doc && Array.isArray(doc.content) ? doc : { type: 'doc', content: [] }
  } catch {
    return { type: 'doc', content: [] }
  }
}

function safeDocumentText(body: BlockDocument | string): string[] {
  try {
    return documentText(typeof body === 'string' ? storedBody(body) : body)
  } catch {
    // A body that does not have the block document's shape has no text to index.
    return []
  }
}

/** The chunks of text of a field, each analyzed on its own (sentence starts, no cross-paragraph tokens). */
export function fieldTexts(src: IndexSource): Record<FieldName, string[]> {
  return {
    headline: [src.headline],
    lede: [src.lede],
    body: [...safeDocumentText(src.body), ...src.captions],
    meta: [...src.tags, ...src.authors],
  }
}

export function buildIndexDocument(analyzer: Analyzer, src: IndexSource): IndexDocument {
  const texts = fieldTexts(src)
  const seen = new Set<string>()
  const fields = {} as Record<FieldName, Array<readonly string[]>>
  for (const field of FIELDS) {
    const positions: Array<readonly string[]> = []
    for (const text of texts[field]) {
      if (text.length === 0) continue
      analyzer.forEachIndexed(text, (terms, token, kind) => {
        positions.push(terms)
        if (kind === 'word' && token.length >= 3 && token.length <= MAX_WORD) seen.add(token)
      })
    }
    fields[field] = positions
  }
  // Normalise each distinct form once.
  const words = new Set<string>()
  for (const token of seen) {
    const lower = token.normalize('NFC').toLowerCase()
    if (VOCABULARY_WORD.test(lower)) words.add(lower)
  }
  return { id: src.id, meta: src.meta, fields, words }
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

/**
 * Body positions kept in the PostgreSQL ranking vector: about the first paragraph (news
 * puts the substance first). Small enough for the vector to stay in the row (no TOAST).
 */
export const RANK_BODY_POSITIONS = 40

/**
 * A `tsvector` literal ('term':1A,7A 'other':3B …) with every term of a token at its position.
 * `bodyLimit` keeps only the first positions of the body: the small ranking vector.
 */
export function tsvectorLiteral(doc: IndexDocument, bodyLimit = Number.POSITIVE_INFINITY): string {
  const byTerm = new Map<string, string[]>()
  let position = 1
  for (const field of FIELDS) {
    const weight = FIELD_WEIGHT[field]
    const suffix = weight === 'D' ? '' : weight
    const positions = doc.fields[field]
    const n = field === 'body' ? Math.min(positions.length, bodyLimit) : positions.length
    for (let i = 0; i < n; i++) {
      const p = `${Math.min(position, MAX_PG_POSITION)}${suffix}`
      for (const term of positions[i]!) {
        const list = byTerm.get(term)
        if (list === undefined) byTerm.set(term, [p])
        else if (list.length < 256 && list[list.length - 1] !== p) list.push(p)
      }
      position++
    }
    position += FIELD_GAP
  }
  let out = ''
  for (const [term, positions] of byTerm) {
    // Terms are letters, digits and - _ . @ (sanitizeTerm); quote escaping is a guard.
    const quoted = term.includes("'") || term.includes('\\') ? term.replace(/'/g, "''").replace(/\\/g, '\\\\') : term
    out += `${out ? ' ' : ''}'${quoted}':${positions.join(',')}`
  }
  return out
}

/** Folded form and first letter of a vocabulary word, as stored in `search_words`. */
export function vocabularyKey(word: string): { folded: string; initial: string } {
  const folded = foldDiacritics(word)
  return { folded, initial: folded.slice(0, 1) }
}

/** A document in the form one engine stores it, ready to write (built in a worker or in place). */
export interface PreparedDocument {
  readonly id: number
  readonly meta: StoryMeta
  /** SQLite: the eight FTS5 column values. */
  readonly columns?: readonly string[]
  /** PostgreSQL: the tsvector literal. */
  readonly tsvector?: string
  /** PostgreSQL: the small ranking vector (headline, lede, tags/authors, the body's beginning). */
  readonly rankVector?: string
  readonly words: readonly string[]
}

export function prepareDocument(doc: IndexDocument, dialect: 'sqlite' | 'postgres'): PreparedDocument {
  return dialect === 'postgres'
    ? { id: doc.id, meta: doc.meta, tsvector: tsvectorLiteral(doc), rankVector: tsvectorLiteral(doc, RANK_BODY_POSITIONS), words: [...doc.words] }
    : { id: doc.id, meta: doc.meta, columns: fts5Columns(doc), words: [...doc.words] }
}

/** A batch ready to write: its documents (without their word lists) and the batch's word counts. */
export interface PreparedBatch {
  readonly docs: PreparedDocument[]
  readonly words: Array<[string, number]>
}

/** Analyzes a batch of stories (in a worker or in place). */
export function prepareBatch(analyzer: Analyzer, sources: readonly IndexSource[], dialect: 'sqlite' | 'postgres'): PreparedBatch {
  const counts = new Map<string, number>()
  const docs = sources.map((src) => {
    const doc = buildIndexDocument(analyzer, src)
    for (const w of doc.words) counts.set(w, (counts.get(w) ?? 0) + 1)
    const prepared = prepareDocument(doc, dialect)
    return { ...prepared, words: [] }
  })
  return { docs, words: [...counts] }
}
