/**
 * @module
 * Our Polish stop-word list for search: words so frequent in news text that
 * they carry no meaning for finding a story (prepositions, conjunctions,
 * particles, personal and relative pronouns, the commonest forms of "być").
 * They are neither indexed nor searched; a phrase "wojna w Iraku" is matched
 * as the consecutive indexed words "wojna Irak".
 *
 * The list is of word forms, lower-case. Queries typed without Polish letters
 * are checked against the folded list too ("sie", "ze", "juz").
 *
 * Deliberately not here: words that are short but meaningful in news
 * ("rząd", "sąd", "pan", "rok", "dzień", "nowy"), numerals, "może"/"można"
 * (verbs), and negated or modal forms other than "nie".
 */
import { foldDiacritics } from './tokenizer.js'

const WORDS = `
a aby ale albo ani aż
bez bo by byli był była było były być będzie będą bardzo
choć chociaż co czy czyli czego czemu czym
dla do dlatego gdy gdyby gdyż gdzie go
i ich im inne ja jak jaka jaki jakie jako je jednak jego jej jemu jest jeszcze jeśli jeżeli już ją
kiedy kto kogo komu kim która które którego której któremu którym którą których którymi który ku
lecz lub
mi mnie mną mu my między mimo
na nad nam nami nas nawet nią nich nie niech niego niej niemu nim nimi niż no
o od oraz on ona one oni ono oprócz ów owa owe
po pod podczas ponieważ poza przed przez przy
się siebie sobie sobą
ta tak także tam te tego tej temu ten teraz też to tobie tobą ty tych tylko tym tymi tą tę
u
w we według więc właśnie wobec wśród wy was wam wami
z za zaś zatem ze znad zza
że żeby
m.in np tj tzn tzw itd itp
`

/** Stop words, lower-case, with their Polish letters. */
export const STOPWORDS: ReadonlySet<string> = new Set(WORDS.split(/\s+/).filter((w) => w.length > 0))

/** The same list with diacritics removed, for queries typed without Polish letters. */
export const FOLDED_STOPWORDS: ReadonlySet<string> = new Set([...STOPWORDS].map((w) => foldDiacritics(w)))

/** Whether a lower-cased word form is a stop word (exact form). */
export function isStopword(lower: string): boolean {
  return STOPWORDS.has(lower)
}

/** Whether a lower-cased, diacritic-free query word is a stop word typed without Polish letters. */
export function isFoldedStopword(lowerAscii: string): boolean {
  return FOLDED_STOPWORDS.has(lowerAscii)
}
