/**
 * @module
 * Check 2: text that looks cut off ("… and Major General Joel").
 *
 * A text is **cut off** (kind `cut-off`) when, without final punctuation, it ends
 * - on a comma, semicolon, hyphen or dash, an opening bracket or quotation mark;
 * - on a conjunction, preposition or article (Polish or English: "i", "oraz", "w", "z",
 *   "and", "of", "the", …);
 * - on a name fragment: a capitalised word right after a title ("General Joel",
 *   "gen. Joel"), or a title itself — an abbreviation ("… i gen.") or a capitalised one
 *   ("… and Major General"). The span covers the titles and the fragment ("Major General
 *   Joel"). A caption naming someone by title and
 *   surname alone ("Prezydent Duda") is reported too: add the first name or end it with
 *   a full stop.
 * Error in captions, the headline, the lede, paragraphs and quotes; warning elsewhere
 * (headings, alt text, titles, SEO fields).
 *
 * A paragraph, quote or lede that just ends without . ! ? … (closing quotes and brackets
 * may follow) is a **warning** (`missing-final-punctuation`); a paragraph may end with a
 * colon (it introduces what follows). Captions and alt text are not held to this: Polish
 * captions are commonly a phrase without a full stop (the demo site's own are), so for
 * them only the cut-off endings above count. Headings, headlines, titles, lists and
 * factboxes are not expected to end with punctuation either.
 */
import { quote } from '../messages.js'
import type { CheckEnv, Finding, TextUnit } from '../types.js'

const DANGLING_WORDS = new Set(
  (
    // Polish conjunctions and prepositions that cannot end a sentence
    'i oraz a ale lecz lub albo czy ani że żeby aby bo gdy gdyż jeśli jeżeli który która które którzy ' +
    'w we z ze na do od dla o u po przez pod nad przed za bez przy między wobec według ku ' +
    // English
    'and or but nor of the a an to with for in on at by from as that which who whose whom than into onto'
  ).split(' '),
)

/** Titles before a name (lower-case; abbreviations with and without the dot). */
export const TITLE_WORDS = new Set(
  (
    'general gen gen. major maj maj. colonel col col. lieutenant lt lt. captain capt capt. admiral adm adm. sergeant sgt sgt. commander ' +
    'president prime minister secretary senator sen sen. governor gov gov. mayor king queen prince princess sheikh sheik emir ' +
    'ayatollah pope cardinal bishop rev rev. reverend father saint st st. dr dr. doctor prof prof. professor mr mr. mrs mrs. ms ms. ' +
    'miss sir lord lady chancellor judge justice ambassador chief spokesman spokeswoman spokesperson rep rep. ' +
    'generał mjr mjr. płk płk. pułkownik ppłk ppłk. kpt kpt. kapitan por por. porucznik admirał kmdr kmdr. komandor ' +
    'sierż sierż. sierżant prezydent premier wicepremier wiceminister marszałek poseł posłanka prezes prezeska wojewoda ' +
    'gubernator burmistrz król królowa książę szejk ajatollah papież kardynał kard kard. biskup bp bp. abp abp. ks ks. ksiądz ' +
    'o. ojciec siostra św św. święty profesor mgr mgr. inż inż. pan pani rzecznik rzeczniczka kanclerz ambasador sędzia ' +
    'szef szefowa dyw dyw. bryg bryg.'
  ).split(' '),
)

const FINAL = /[.!?…]$/u
const CLOSERS = /[”"»’'\)\]]+$/u
const BAD_END = /[,;\-–—(\[„“«]$/u
const WORD_RE = /[\p{L}\p{M}\p{N}]+(?:[-'’][\p{L}\p{M}\p{N}]+)*\.?/gu
const UPPER_START = /^\p{Lu}/u

const DANGLING_IS_ERROR = new Set<TextUnit['role']>(['caption', 'headline', 'lede', 'paragraph', 'quote'])
const NEEDS_PUNCTUATION = new Set<TextUnit['role']>(['lede', 'paragraph', 'quote'])
const SKIPPED = new Set<TextUnit['role']>(['list', 'factbox', 'credit', 'attribution', 'embedTitle'])

interface Word {
  text: string
  start: number
  end: number
}

export interface CutOff {
  kind: 'cut-off' | 'missing-final-punctuation'
  reason: 'bad-end' | 'dangling-word' | 'name-fragment' | 'no-punctuation'
  start: number
  end: number
}

/** How a text ends, when it ends badly; null when it ends well. */
export function judgeEnding(text: string, role: TextUnit['role']): CutOff | null {
  const end = text.trimEnd().length
  if (end === 0) return null
  const body = text.slice(0, end)
  const core = body.replace(CLOSERS, '')
  const words: Word[] = []
  for (const m of body.matchAll(WORD_RE)) words.push({ text: m[0], start: m.index, end: m.index + m[0].length })
  const last = words[words.length - 1]
  // Ending on a title: an abbreviation ("… i gen.") or a capitalised one ("… and Major General").
  if (last && last.end === core.length && words.length >= 2 && TITLE_WORDS.has(last.text.toLowerCase()) && (last.text.endsWith('.') || (UPPER_START.test(last.text) && !FINAL.test(core)))) {
    let first = words.length - 1
    while (first > 0 && TITLE_WORDS.has(words[first - 1]!.text.toLowerCase())) first--
    return { kind: 'cut-off', reason: 'name-fragment', start: words[first]!.start, end: last.end }
  }
  if (FINAL.test(core)) return null
  if (role === 'paragraph' && core.endsWith(':')) return null
  if (BAD_END.test(core)) {
    const start = last && last.end >= core.length - 1 ? last.start : core.length - 1
    return { kind: 'cut-off', reason: 'bad-end', start, end }
  }
  if (!last) return null
  if (DANGLING_WORDS.has(last.text.toLowerCase())) return { kind: 'cut-off', reason: 'dangling-word', start: last.start, end: last.end }
  if (UPPER_START.test(last.text) && words.length >= 2) {
    let first = words.length - 1
    while (first > 0 && TITLE_WORDS.has(words[first - 1]!.text.toLowerCase())) first--
    if (first < words.length - 1) return { kind: 'cut-off', reason: 'name-fragment', start: words[first]!.start, end: last.end }
  }
  if (NEEDS_PUNCTUATION.has(role)) return { kind: 'missing-final-punctuation', reason: 'no-punctuation', start: last.start, end }
  return null
}

export function checkCutOff(unit: TextUnit, env: CheckEnv): Finding[] {
  if (SKIPPED.has(unit.role)) return []
  const verdict = judgeEnding(unit.text, unit.role)
  if (!verdict) return []
  const lang = env.context.messages
  const text = unit.text.slice(verdict.start, verdict.end)
  const q = quote(lang, text)
  const base = { field: unit.field, block: unit.block, start: verdict.start, end: verdict.end, text }
  if (verdict.kind === 'missing-final-punctuation') {
    return [
      {
        ...base,
        kind: 'missing-final-punctuation',
        severity: 'warning',
        message: env.say(
          `Tekst nie kończy się kropką ani innym znakiem końca zdania (ostatnie słowo: ${q}). Sprawdź, czy nie został ucięty, i dodaj kropkę.`,
          `The text does not end with a full stop or other final punctuation (last word: ${q}). Check that it was not cut off and add a full stop.`,
        ),
      },
    ]
  }
  const why =
    verdict.reason === 'name-fragment'
      ? env.say(`kończy się w pół nazwiska: ${q}`, `it ends in the middle of a name: ${q}`)
      : verdict.reason === 'dangling-word'
        ? env.say(`kończy się spójnikiem lub przyimkiem ${q}`, `it ends on the conjunction or preposition ${q}`)
        : env.say(`kończy się znakiem, po którym powinien być dalszy ciąg (${q})`, `it ends on a sign that needs a continuation (${q})`)
  return [
    {
      ...base,
      kind: 'cut-off',
      severity: DANGLING_IS_ERROR.has(unit.role) ? 'error' : 'warning',
      message: env.say(
        `Tekst wygląda na ucięty: ${why}. Uzupełnij go według oryginału (pełne imię i nazwisko, całe zdanie).`,
        `The text looks cut off: ${why}. Complete it from the original (full name, whole sentence).`,
      ),
    },
  ]
}
