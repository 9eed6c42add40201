/**
 * @module
 * Translation memory: approved segment pairs (tagged source → tagged target, provider.ts's
 * format) kept per language pair and offered again when the same or a similar segment
 * comes up in a later story.
 *
 * - Exact match: the sha256 of the source with whitespace collapsed (tags included, so a
 *   match also carries its formatting). Score 1.
 * - Fuzzy match: text normalised to lower-case words without tags; candidates are rows
 *   that contain one of the segment's two longest words (a LIKE over `source_norm` within
 *   the language pair, newest first, at most CANDIDATES rows), scored by the Dice
 *   coefficient over word sets (2·|A∩B| / (|A|+|B|)); kept at FUZZY_THRESHOLD (0.85) or
 *   more. Dice on word sets tolerates a changed word or two in a long sentence and word
 *   order changes, but not a different sentence that shares a few names.
 */
import { createHash } from 'node:crypto'
import { nowIso, type Db } from '../platform/db/database.js'

export const FUZZY_THRESHOLD = 0.85
const CANDIDATES = 200
const MAX_SUGGESTIONS = 5

export interface Suggestion {
  readonly sourceText: string
  readonly targetText: string
  /** 1 for an exact match, otherwise the fuzzy similarity (≥ FUZZY_THRESHOLD). */
  readonly score: number
  readonly exact: boolean
  readonly storyId: number | null
  readonly updatedAt: string
}

export interface MemoryEntry {
  readonly sourceLang: string
  readonly targetLang: string
  readonly sourceText: string
  readonly targetText: string
  readonly storyId?: number | null
}

/** The exact-match form: NFC, whitespace collapsed and trimmed. */
export function exactForm(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim()
}

export function sourceHash(text: string): string {
  return createHash('sha256').update(exactForm(text)).digest('hex')
}

/** The words of a segment: tags and entities removed, lower case, letters and digits. */
export function words(text: string): string[] {
  const plain = text
    .replace(/<[^>]*>/g, ' ')
    .replace(/&[a-z#0-9]+;/gi, ' ')
    .normalize('NFC')
    .toLowerCase()
  return plain.match(/[\p{L}\p{N}]+/gu) ?? []
}

/** Dice coefficient of two word sets (1 for two empty texts). */
export function similarity(a: readonly string[], b: readonly string[]): number {
  const sa = new Set(a)
  const sb = new Set(b)
  if (sa.size === 0 && sb.size === 0) return 1
  let common = 0
  for (const w of sa) if (sb.has(w)) common++
  return (2 * common) / (sa.size + sb.size)
}

export class TranslationMemory {
  constructor(private readonly db: Db) {}

  /** Stores an approved pair; the same source in the same pair is replaced by the newer translation. */
  async store(entry: MemoryEntry): Promise<void> {
    const source = exactForm(entry.sourceText)
    const target = exactForm(entry.targetText)
    if (!source || !target) return
    const row = {
      source_lang: entry.sourceLang,
      target_lang: entry.targetLang,
      source_hash: sourceHash(source),
      source_text: source,
      target_text: target,
      source_norm: ` ${words(source).join(' ')} `,
      story_id: entry.storyId ?? null,
      updated_at: nowIso(),
    }
    await this.db
      .insertInto('translation_memory')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['source_lang', 'target_lang', 'source_hash']).doUpdateSet({ target_text: row.target_text, story_id: row.story_id, updated_at: row.updated_at }),
      )
      .execute()
  }

  /** Suggestions for a segment, best first: the exact match (if any), then fuzzy ones. */
  async suggest(text: string, from: string, to: string): Promise<Suggestion[]> {
    const source = exactForm(text)
    if (!source) return []
    const out: Suggestion[] = []
    const exact = await this.db
      .selectFrom('translation_memory')
      .selectAll()
      .where('source_lang', '=', from)
      .where('target_lang', '=', to)
      .where('source_hash', '=', sourceHash(source))
      .executeTakeFirst()
    if (exact) out.push({ sourceText: exact.source_text, targetText: exact.target_text, score: 1, exact: true, storyId: exact.story_id, updatedAt: exact.updated_at })

    const mine = words(source)
    const keys = [...new Set(mine)].sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).slice(0, 2)
    if (keys.length) {
      const candidates = await this.db
        .selectFrom('translation_memory')
        .selectAll()
        .where('source_lang', '=', from)
        .where('target_lang', '=', to)
        // Words are letters and digits only, so they need no LIKE escaping.
        .where((eb) => eb.or(keys.map((k) => eb('source_norm', 'like', `% ${k} %`))))
        .orderBy('updated_at', 'desc')
        .limit(CANDIDATES)
        .execute()
      const fuzzy = candidates
        .filter((r) => r.id !== exact?.id)
        .map((r) => ({ row: r, score: similarity(mine, r.source_norm.trim().split(' ')) }))
        .filter((c) => c.score >= FUZZY_THRESHOLD)
        .sort((a, b) => b.score - a.score || (a.row.updated_at < b.row.updated_at ? 1 : -1))
      for (const { row, score } of fuzzy) {
        out.push({ sourceText: row.source_text, targetText: row.target_text, score: Math.round(score * 1000) / 1000, exact: false, storyId: row.story_id, updatedAt: row.updated_at })
      }
    }
    return out.slice(0, MAX_SUGGESTIONS)
  }
}
