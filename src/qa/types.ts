/**
 * @module
 * The quality gate's vocabulary: what a story looks like to the checks, what they may know
 * about its surroundings, and what they report.
 */
import type { BlockDocument } from '../content/document.js'
import type { PolishDictionary } from '../polish/morfologik/dictionary.js'

export type Severity = 'error' | 'warning'

/** Where a finding is: a story field, or a field of the block named by `Finding.block`. */
export type FindingField =
  | 'headline'
  | 'lede'
  | 'body'
  | 'caption'
  | 'alt'
  | 'credit'
  | 'attribution'
  | 'title'
  | 'seoTitle'
  | 'seoDescription'
  | 'embargoUntil'

export type FindingKind =
  | 'language'
  | 'cut-off'
  | 'missing-final-punctuation'
  | 'untranslated'
  | 'hyphen-spacing'
  | 'double-space'
  | 'space-before-punctuation'
  | 'missing-space-after-punctuation'
  | 'quotation-marks'
  | 'unbalanced-quotes'
  | 'unbalanced-brackets'
  | 'hyphen-as-dash'
  | 'repetition'
  | 'doubled-word'
  | 'spelling'
  | 'missing-headline'
  | 'missing-lede'
  | 'missing-alt'
  | 'missing-credit'
  | 'headline-too-long'
  | 'seo-title-too-long'
  | 'seo-description-too-long'
  | 'broken-link'
  | 'embargo-after-schedule'

export interface Finding {
  kind: FindingKind
  severity: Severity
  field: FindingField
  /** The body block's `attrs.id`; null for story fields and the lead image. */
  block: string | null
  /** UTF-16 offsets into the plain text of that field (see `TextUnit.text`); `text` = text.slice(start, end). */
  start: number
  end: number
  text: string
  /** What is wrong and what to do, in the language asked for (Polish by default). */
  message: string
}

/** An image's texts as the media library holds them (the block's own texts win). */
export interface QaMedia {
  alt?: string | null
  caption?: string | null
  credit?: string | null
}

/**
 * The story as the checks see it: a StorySnapshot (the story as edited) fits, and so does
 * the article input of the admin API. `leadImage` carries the lead photo's texts directly
 * when there is no media library at hand (the CLI, pasted text).
 */
export interface QaStory {
  headline: string
  lede?: string | null
  body: BlockDocument
  /** ISO 639-1; default 'pl'. */
  language?: string | null
  leadMediaId?: number | null
  leadImage?: QaMedia | null
  seoTitle?: string | null
  seoDescription?: string | null
  /** The scheduled publication time (ISO 8601). */
  publishedAt?: string | null
  embargoUntil?: string | null
}

/** Identifies the language of a text; see language.ts. */
export interface LanguageGuess {
  /** ISO 639-1 code of the best guess, '' when nothing could be told. */
  language: string
  /** Scores by ISO 639-1 code (higher is likelier), as the identifier gives them. */
  scores: Readonly<Record<string, number>>
  /** The identifier's own opinion on whether the guess can be trusted. */
  reliable: boolean
}
export type LanguageIdentifier = (text: string) => LanguageGuess

export type MessageLanguage = 'pl' | 'en'

export interface QaContext {
  /** Media-library rows by id, for image blocks and the lead image. */
  media?: ReadonlyMap<number, QaMedia> | Readonly<Record<number, QaMedia>>
  /** Terms and spellings the newsroom has agreed on (never reported as misspelt). */
  glossary?: readonly string[]
  /** People, places and organisations the newsroom knows (never reported as misspelt). */
  knownNames?: readonly string[]
  /** The site's paths, for internal links; without it links are not checked. */
  knownPaths?: Iterable<string> | ((path: string) => boolean)
  /** The site's own origin ("https://depesza.pl"): absolute links to it are internal too. */
  siteUrl?: string
  /**
   * The untranslated original by key: a body block's id (its text), `<blockId>.caption` /
   * `.alt` / `.attribution` / `.title`, `headline`, `lede`, `seoTitle`, `seoDescription`,
   * `lead.caption`, `lead.alt`.
   */
  source?: Readonly<Record<string, string>>
  /** The language of the messages: Polish (default) or English. */
  messages?: MessageLanguage
  /** The Morfologik dictionary: lemmas for repetitions, the word list for spelling. Null or absent: spelling is not checked and repetitions compare stems. */
  dictionary?: PolishDictionary | null
  /** Language identification; absent or null: the language check does not run (see loadLanguageIdentifier). */
  identifyLanguage?: LanguageIdentifier | null
}

/** The role of a piece of text: decides which checks apply and how strictly. */
export type UnitRole =
  | 'headline'
  | 'lede'
  | 'paragraph'
  | 'heading'
  | 'quote'
  | 'list'
  | 'factbox'
  | 'caption'
  | 'alt'
  | 'credit'
  | 'attribution'
  | 'title'
  | 'embedTitle'
  | 'seoTitle'
  | 'seoDescription'

export interface LinkSpan {
  href: string
  start: number
  end: number
}

/** One checked piece of text: a story field, or one field of one block. */
export interface TextUnit {
  field: FindingField
  block: string | null
  role: UnitRole
  /** The plain text findings' offsets point into. */
  text: string
  /** Key into `QaContext.source`. */
  sourceKey: string
  /** Link marks over this text (body blocks only). */
  links: readonly LinkSpan[]
  /** Whether the site sets Polish typography on this text at render time (src/polish/typography.ts). */
  typeset: boolean
}

/** What a check gets besides its unit. */
export interface CheckEnv {
  readonly story: QaStory
  readonly context: QaContext
  readonly language: string
  readonly say: (pl: string, en: string) => string
  /** Units the language check found to be in another language (other text checks skip them). */
  readonly foreign: ReadonlySet<TextUnit>
}
