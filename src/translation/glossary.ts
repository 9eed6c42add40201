/**
 * @module
 * The glossary: names and terms that must be rendered one way ("Islamic State" →
 * "Państwo Islamskie", "Qasem Soleimani" → "Kasem Sulejmani"). `applyGlossary` checks a
 * translation against its source and reports every term whose required rendering is
 * missing; the desk shows the findings next to the block and the quality gate can use them.
 *
 * Matching rules:
 * - In the source, a term matches as whole words, case-insensitively (Unicode letters and
 *   digits delimit words); whitespace inside the term matches any whitespace.
 * - In the Polish translation the expected rendering is found loosely, because Polish
 *   inflects names and terms ("Państwa Islamskiego", "Sulejmaniego"): each word of the
 *   expected rendering must appear, in order and next to each other, as a word that
 *   starts with that word's stem. A word's stem is the word without its last two
 *   letters, but at least three letters (words of three letters or fewer must match
 *   whole): "Państwo" → "Państ", "Islamskie" → "Islamsk", "Sulejmani" → "Sulejma".
 *   Comparison is case-insensitive. This accepts inflected forms and rejects other
 *   spellings ("Solejmani", "Państwo Islamu").
 */
import type { Db } from '../platform/db/database.js'

export interface GlossaryEntry {
  readonly sourceLang: string
  readonly term: string
  readonly target: string
  readonly note?: string
}

export interface GlossaryFinding {
  readonly term: string
  readonly expected: string
  /** What to do, in Polish. */
  readonly message: string
  readonly note?: string
}

const WORD = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** A whole-word, case-insensitive pattern for a source term. */
function termPattern(term: string): RegExp {
  const body = term.trim().split(/\s+/).map(escapeRegExp).join('\\s+')
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'iu')
}

/** The stem a translated word must start with (see the module's rules). */
export function stem(word: string): string {
  const w = word.toLocaleLowerCase('pl')
  return w.length <= 3 ? w : w.slice(0, Math.max(3, w.length - 2))
}

/** Whether the translation contains the expected rendering in some inflected form. */
export function containsRendering(translation: string, expected: string): boolean {
  const want = (expected.match(WORD) ?? []).map((w) => ({ stem: stem(w), short: w.length <= 3, word: w.toLocaleLowerCase('pl') }))
  if (!want.length) return true
  const have = (translation.match(WORD) ?? []).map((w) => w.toLocaleLowerCase('pl'))
  outer: for (let i = 0; i + want.length <= have.length; i++) {
    for (let j = 0; j < want.length; j++) {
      const w = want[j]!
      const h = have[i + j]!
      if (w.short ? h !== w.word : !h.startsWith(w.stem)) continue outer
    }
    return true
  }
  return false
}

export class Glossary {
  private readonly entries: ReadonlyArray<GlossaryEntry & { pattern: RegExp }>

  constructor(entries: readonly GlossaryEntry[]) {
    // Longer terms first, so "Islamic State of Iraq" is reported rather than "Islamic State" too.
    this.entries = [...entries].sort((a, b) => b.term.length - a.term.length).map((e) => ({ ...e, pattern: termPattern(e.term) }))
  }

  /** Findings for every glossary term in the source whose rendering the translation lacks. */
  applyGlossary(translatedText: string, sourceText: string): GlossaryFinding[] {
    const findings: GlossaryFinding[] = []
    let source = sourceText
    for (const entry of this.entries) {
      const match = entry.pattern.exec(source)
      if (!match) continue
      // Blank the matched term so a shorter term inside it is not reported again.
      source = source.replace(new RegExp(entry.pattern.source, 'giu'), (m) => ' '.repeat(m.length))
      if (containsRendering(translatedText, entry.target)) continue
      findings.push({
        term: entry.term,
        expected: entry.target,
        message: `W tekście źródłowym jest „${match[0]}”: według słownika redakcji w tłumaczeniu powinno być „${entry.target}” (w odpowiedniej formie).${entry.note ? ` Uwaga: ${entry.note}` : ''}`,
        ...(entry.note ? { note: entry.note } : {}),
      })
    }
    return findings
  }
}

/** The glossary table. */
export class GlossaryRepository {
  constructor(private readonly db: Db) {}

  async upsert(entry: GlossaryEntry): Promise<void> {
    const term = entry.term.replace(/\s+/g, ' ').trim()
    const target = entry.target.replace(/\s+/g, ' ').trim()
    if (!term || !target) throw new Error('Hasło i jego tłumaczenie nie mogą być puste.')
    const note = entry.note?.trim() ?? ''
    await this.db
      .insertInto('glossary')
      .values({ source_lang: entry.sourceLang, term, target, note })
      .onConflict((oc) => oc.columns(['source_lang', 'term']).doUpdateSet({ target, note }))
      .execute()
  }

  async remove(sourceLang: string, term: string): Promise<void> {
    await this.db.deleteFrom('glossary').where('source_lang', '=', sourceLang).where('term', '=', term.replace(/\s+/g, ' ').trim()).execute()
  }

  async list(sourceLang: string): Promise<GlossaryEntry[]> {
    const rows = await this.db.selectFrom('glossary').selectAll().where('source_lang', '=', sourceLang).orderBy('term').execute()
    return rows.map((r) => ({ sourceLang: r.source_lang, term: r.term, target: r.target, ...(r.note ? { note: r.note } : {}) }))
  }

  /** The glossary for one source language, ready to check translations. */
  async load(sourceLang: string): Promise<Glossary> {
    return new Glossary(await this.list(sourceLang))
  }
}
