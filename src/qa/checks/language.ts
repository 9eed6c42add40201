/**
 * @module
 * Check 1: a headline, lede, block, caption or alt text in a language other than the
 * story's (the seed page's English photo caption). Error.
 *
 * Identification is done by eld (Efficient Language Detector, n-gram scores over 60
 * languages, its "small" database), which did much better than franc-min on short news
 * texts; the first call loads it (about 1.5 MB of n-grams, under a second on a quiet
 * machine).
 *
 * Short texts are unreliable, and captions are mostly names, which belong to no language
 * ("Joe Biden, Kamala Harris" comes out as Basque). So a text is reported only when all
 * of these hold:
 * - it has at least {@link MIN_LETTERS} letters (shorter: not checked at all);
 * - eld names a language other than the story's and calls its guess reliable;
 * - the story's language scores at least {@link MIN_MARGIN} below the guess;
 * - there is evidence beyond names: at least {@link MIN_ORDINARY_WORDS} ordinary words
 *   (lower-case, three letters or more, not a name particle like "al", "bin", "van"),
 *   or at least one function word of the guessed language ("and", "the", "der", …);
 * - and the text has no function word of the story's language unless it also has some of
 *   the guessed language ("Donald Tusk i Emmanuel Macron w Paryżu" stays Polish).
 * Mixed text (a Polish paragraph quoting an English sentence) is judged as a whole.
 */
import { languageName } from '../messages.js'
import type { CheckEnv, Finding, LanguageGuess, LanguageIdentifier, TextUnit } from '../types.js'

export const MIN_LETTERS = 20
export const MIN_MARGIN = 0.1
export const MIN_ORDINARY_WORDS = 3

/** Units in these roles are identified; credits and attributions are names, embed titles are the linked page's own. */
const CHECKED_ROLES = new Set<TextUnit['role']>([
  'headline', 'lede', 'paragraph', 'heading', 'quote', 'list', 'factbox', 'caption', 'alt', 'title', 'seoTitle', 'seoDescription',
])

/** Short, frequent words that give a language away (lower-case). Words shared by two languages cancel out when these two are compared. */
export const FUNCTION_WORDS: Readonly<Record<string, ReadonlySet<string>>> = {
  pl: new Set('i w z na do że się nie od po jest są oraz dla przez jak ale który która które przy pod nad przed podczas jego jej ich był była było tym tego też także czy gdy już tylko ze we o u a to'.split(' ')),
  en: new Set('the and of to in on at for with by from is are was were has have had will would said says that this these those his her their its an a who which after during as be been it not but or than into near over about i'.split(' ')),
  de: new Set('der die das und ist nicht mit von zu den dem im ein eine auf für sich auch es wird wurde hat sind bei nach'.split(' ')),
  fr: new Set('le la les et est des du un une dans pour que qui pas sur au aux avec ce il elle ont sont par'.split(' ')),
  es: new Set('el la los las y es del en un una que por con para se su al lo como pero fue'.split(' ')),
  it: new Set('il la le gli e è del della di che per con un una sono non nel alla dei'.split(' ')),
  uk: new Set('і й та в у на що не з до це як від був була'.split(' ')),
  ru: new Set('и в на что не с по это как от из к он она был была'.split(' ')),
}

/** Lower-case particles of names ("al-Sudani", "bin Salman", "van der Leyen"): not ordinary words. */
const NAME_PARTICLES = new Set(['al', 'el', 'ad', 'as', 'an', 'ar', 'az', 'at', 'bin', 'ibn', 'bint', 'abu', 'van', 'von', 'der', 'den', 'de', 'del', 'della', 'di', 'da', 'dos', 'das', 'du', 'la', 'le', 'ter', 'ten'])

const WORD_RE = /[\p{L}\p{M}]+(?:[-'’][\p{L}\p{M}]+)*/gu
const LETTER_RE = /\p{L}/gu
const UPPER_START = /^\p{Lu}/u

export interface LanguageVerdict {
  /** The other language, when the text is judged to be in one. */
  foreign: string | null
  guess: LanguageGuess | null
  /** Why nothing was reported (for tests and docs). */
  reason?: 'short' | 'same' | 'unreliable' | 'margin' | 'names-only' | 'story-language-words'
}

/** Judges one text against the story's language (see the module comment for the rule). */
export function judgeLanguage(text: string, storyLanguage: string, identify: LanguageIdentifier): LanguageVerdict {
  const letters = text.match(LETTER_RE)?.length ?? 0
  if (letters < MIN_LETTERS) return { foreign: null, guess: null, reason: 'short' }
  const guess = identify(text)
  const other = guess.language
  if (!other || other === storyLanguage) return { foreign: null, guess, reason: 'same' }
  if (!guess.reliable) return { foreign: null, guess, reason: 'unreliable' }
  const top = guess.scores[other] ?? 0
  const own = guess.scores[storyLanguage] ?? 0
  if (top - own < MIN_MARGIN) return { foreign: null, guess, reason: 'margin' }
  const theirs = FUNCTION_WORDS[other]
  const ours = FUNCTION_WORDS[storyLanguage]
  let ordinary = 0
  let theirWords = 0
  let ourWords = 0
  for (const m of text.matchAll(WORD_RE)) {
    const word = m[0]
    // A hyphenated word with a capitalised part is a name ("as-Sudani").
    if (word.split(/[-'’]/).some((part) => UPPER_START.test(part))) continue
    const lower = word.toLowerCase()
    const inTheirs = theirs?.has(lower) ?? false
    const inOurs = ours?.has(lower) ?? false
    if (inTheirs && !inOurs) theirWords++
    if (inOurs && !inTheirs) ourWords++
    if ([...lower].length >= 3 && !NAME_PARTICLES.has(lower)) ordinary++
  }
  if (ourWords > 0 && theirWords === 0) return { foreign: null, guess, reason: 'story-language-words' }
  if (ordinary < MIN_ORDINARY_WORDS && theirWords === 0) return { foreign: null, guess, reason: 'names-only' }
  return { foreign: other, guess }
}

export function checkLanguage(unit: TextUnit, env: CheckEnv, identify: LanguageIdentifier): Finding[] {
  if (!CHECKED_ROLES.has(unit.role)) return []
  const verdict = judgeLanguage(unit.text, env.language, identify)
  if (!verdict.foreign) return []
  const lang = env.context.messages
  const start = unit.text.length - unit.text.trimStart().length
  const end = unit.text.trimEnd().length
  const detected = languageName(lang, verdict.foreign)
  const story = languageName(lang, env.language)
  const what = unit.field === 'caption' ? env.say('Podpis zdjęcia', 'The photo caption') : unit.field === 'alt' ? env.say('Tekst alternatywny zdjęcia', 'The alt text') : env.say('Ten tekst', 'This text')
  return [
    {
      kind: 'language',
      severity: 'error',
      field: unit.field,
      block: unit.block,
      start,
      end,
      text: unit.text.slice(start, end),
      message: env.say(
        `${what} jest w innym języku niż artykuł (rozpoznano: ${detected}; artykuł: ${story}). Przetłumacz go na język ${story}.`,
        `${what} is in another language than the story (detected: ${detected}; story: ${story}). Translate it into ${story}.`,
      ),
    },
  ]
}

let loaded: Promise<LanguageIdentifier> | null = null

/** eld's "small" database, loaded once per process (lazily: it takes a moment). */
export function loadLanguageIdentifier(): Promise<LanguageIdentifier> {
  loaded ??= import('eld/small').then(({ eld }) => {
    const detector = eld
    return (text: string): LanguageGuess => {
      const result = detector.detect(text)
      return { language: result.language, scores: result.getScores(), reliable: result.isReliable() }
    }
  })
  return loaded
}
