import type { Generated } from 'kysely'

/** Approved segment pairs, offered again in later stories (memory.ts). */
export interface TranslationMemoryTable {
  id: Generated<number>
  source_lang: string
  target_lang: string
  /** sha256 of the exact source (tagged form, whitespace collapsed): exact matches. */
  source_hash: string
  /** The tagged source segment (provider.ts's format). */
  source_text: string
  target_text: string
  /** Normalised words of the source (lower case, no tags), for fuzzy candidates. */
  source_norm: string
  story_id: number | null
  updated_at: string
}

/** Required renderings of names and terms (glossary.ts). */
export interface GlossaryTable {
  id: Generated<number>
  source_lang: string
  term: string
  target: string
  note: string
}

/** A story being translated on the desk (story.ts): its original and per-segment status. */
export interface StoryTranslationTable {
  article_id: number
  source_lang: string
  target_lang: string
  /** The story as it was when translation began (StorySnapshot JSON). */
  source: string
  /** Segment id → { status, text } (JSON; see story.ts). */
  segments: string
  created_by: number | null
  updated_at: string
}

export interface TranslationTables {
  translation_memory: TranslationMemoryTable
  glossary: GlossaryTable
  story_translations: StoryTranslationTable
}
