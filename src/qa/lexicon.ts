/**
 * @module
 * The words the gate knows: lemmas for the repetition check and a spell list for the
 * spelling check, both from the Morfologik dictionary (every form it holds is a correctly
 * spelt word). Without the dictionary, lemmas fall back to the search analyzer's light
 * stem and nothing counts as known.
 */
import { lightStem } from '../polish/analyzer.js'
import type { PolishDictionary } from '../polish/morfologik/dictionary.js'

export interface Lexicon {
  readonly morphology: boolean
  /** Lower-case lemmas of a form (the light stem when unknown or without the dictionary). */
  lemmas(form: string, sentenceStart: boolean): { lemmas: readonly string[]; known: boolean }
  /** Whether the dictionary holds the form as written, lower-cased or capitalised. */
  known(form: string): boolean
}

const capitalize = (s: string) => s.slice(0, 1).toUpperCase() + s.slice(1)

export function createLexicon(dict: PolishDictionary | null): Lexicon {
  const cache = new Map<string, { lemmas: readonly string[]; known: boolean }>()
  const lookup = (form: string, out: Set<string>): boolean => {
    if (!dict) return false
    const found = dict.lookup(form)
    for (const wd of found) out.add(wd.lemma.toLocaleLowerCase('pl'))
    return found.length > 0
  }
  return {
    morphology: dict !== null,
    lemmas(form, sentenceStart) {
      const key = (sentenceStart ? '^' : '') + form
      const hit = cache.get(key)
      if (hit) return hit
      const lower = form.toLocaleLowerCase('pl')
      const out = new Set<string>()
      if (form === lower) {
        if (!lookup(form, out)) lookup(capitalize(form), out)
      } else if (form === form.toLocaleUpperCase('pl') && form.length > 1) {
        if (!lookup(form, out) && !lookup(capitalize(lower), out)) lookup(lower, out)
      } else if (!lookup(form, out) || sentenceStart) {
        lookup(lower, out)
      }
      const result = out.size > 0 ? { lemmas: [...out], known: true } : { lemmas: [lightStem(lower)], known: false }
      if (cache.size > 50_000) cache.clear()
      cache.set(key, result)
      return result
    },
    known(form) {
      if (!dict) return false
      const lower = form.toLocaleLowerCase('pl')
      return dict.lookup(form).length > 0 || (lower !== form && dict.lookup(lower).length > 0) || dict.lookup(capitalize(lower)).length > 0
    },
  }
}
