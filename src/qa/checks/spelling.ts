/**
 * @module
 * Check 6: spelling. Warning.
 *
 * The Morfologik dictionary holds every inflected form of about 300,000 Polish lemmas
 * (4.7 million forms), so it is used as the spell list: a word is reported when none of
 * its forms as written, lower-cased or capitalised is in it. Not checked:
 * - capitalised words (names, and — a known gap — misspelt words starting a sentence),
 *   upper-case abbreviations, words with digits, one-letter words;
 * - words of the glossary or the known names (`QaContext.glossary`, `knownNames`; case
 *   ignored, each word of a multi-word entry counts);
 * - hyphenated words whose parts are all known ("polsko-amerykański") or that have a
 *   capitalised part ("al-Sudani");
 * - texts in another language than the story (already reported by the language check),
 *   stories not in Polish, credits and attributions (names);
 * - anything when the dictionary is not loaded.
 * Hunspell (dictionary-pl + nspell) would add suggestions; the dictionary route needs no
 * more packages and covers the same ground for finding unknown words.
 */
import { scanTokens } from '../../polish/tokenizer.js'
import { quote } from '../messages.js'
import type { CheckEnv, Finding, TextUnit } from '../types.js'
import { lexiconFor } from './repetition.js'

const ROLES = new Set<TextUnit['role']>(['headline', 'lede', 'paragraph', 'heading', 'quote', 'list', 'factbox', 'caption', 'alt', 'title', 'seoTitle', 'seoDescription'])
const LETTERS = /^[\p{L}\p{M}]+(?:[-'’][\p{L}\p{M}]+)*$/u
const UPPER = /\p{Lu}/u
const WORDS = /[\p{L}\p{M}\p{N}]+/gu

function allowedWords(env: CheckEnv): Set<string> {
  const out = new Set<string>()
  for (const entry of [...(env.context.glossary ?? []), ...(env.context.knownNames ?? [])]) {
    out.add(entry.trim().toLocaleLowerCase('pl'))
    for (const m of entry.matchAll(WORDS)) out.add(m[0].toLocaleLowerCase('pl'))
  }
  return out
}

const allowedCache = new WeakMap<object, Set<string>>()

export function checkSpelling(unit: TextUnit, env: CheckEnv): Finding[] {
  if (!env.context.dictionary || env.language !== 'pl' || !ROLES.has(unit.role) || env.foreign.has(unit)) return []
  const lexicon = lexiconFor(env)
  let allowed = allowedCache.get(env.context)
  if (!allowed) allowedCache.set(env.context, (allowed = allowedWords(env)))
  const out: Finding[] = []
  const lang = env.context.messages
  scanTokens(unit.text, (raw, start, end, kind) => {
    if (kind !== 'word' || [...raw].length < 2 || !LETTERS.test(raw) || UPPER.test(raw)) return
    const lower = raw.toLocaleLowerCase('pl')
    if (allowed!.has(lower) || lexicon.known(raw)) return
    const parts = raw.split(/[-'’]/)
    if (parts.length > 1 && parts.every((p) => p.length === 0 || allowed!.has(p) || lexicon.known(p))) return
    out.push({
      kind: 'spelling',
      severity: 'warning',
      field: unit.field,
      block: unit.block,
      start,
      end,
      text: raw,
      message: env.say(
        `Słownik nie zna słowa ${quote(lang, raw)}. Sprawdź pisownię; jeśli słowo jest poprawne (termin, nazwa), dodaj je do glosariusza.`,
        `The dictionary does not know the word ${quote(lang, raw)}. Check the spelling; if it is right (a term, a name), add it to the glossary.`,
      ),
    })
  })
  return out
}
