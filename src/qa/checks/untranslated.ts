/**
 * @module
 * Check 3: a piece of text identical to its untranslated original (`QaContext.source`,
 * keyed by block id or field — see `TextUnit.sourceKey`). Error.
 *
 * Compared after collapsing whitespace, ignoring case and Unicode normalisation forms.
 * Texts that are the same in every language are not reported: fewer than
 * {@link MIN_WORDS} words, or no lower-case word of three letters or more (names, numbers,
 * "NATO", "Joe Biden").
 */
import type { CheckEnv, Finding, TextUnit } from '../types.js'

export const MIN_WORDS = 3

const WORD_RE = /[\p{L}\p{M}\p{N}]+(?:[-'’][\p{L}\p{M}\p{N}]+)*/gu
const ORDINARY = /^[\p{Ll}][\p{L}\p{M}]{2,}$/u

function normalize(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('pl')
}

/** Whether a translation is just its original copied. */
export function isUntranslated(text: string, original: string): boolean {
  if (normalize(text) !== normalize(original)) return false
  const words = original.match(WORD_RE) ?? []
  return words.length >= MIN_WORDS && words.some((w) => ORDINARY.test(w))
}

export function checkUntranslated(unit: TextUnit, env: CheckEnv): Finding[] {
  const original = env.context.source?.[unit.sourceKey]
  if (original === undefined || !isUntranslated(unit.text, original)) return []
  const start = unit.text.length - unit.text.trimStart().length
  const end = unit.text.trimEnd().length
  return [
    {
      kind: 'untranslated',
      severity: 'error',
      field: unit.field,
      block: unit.block,
      start,
      end,
      text: unit.text.slice(start, end),
      message: env.say(
        'Ten fragment jest identyczny z nieprzetłumaczonym oryginałem. Przetłumacz go albo, jeśli ma pozostać w oryginale, oznacz to u redaktora.',
        'This text is identical to the untranslated original. Translate it, or, if it is meant to stay as it is, settle it with an editor.',
      ),
    },
  ]
}
