/**
 * @module
 * A tokenizer for Polish running text, made for search: every token keeps its
 * original span (UTF-16 offsets into the input) so results can be highlighted
 * in the text exactly as written.
 *
 * What counts as one token:
 * - words, with inner hyphens and apostrophes kept: "al-Sudani", "COVID-19",
 *   "F-16", "O'Brien", "Kennedy'ego";
 * - numbers, with decimal and thousands separators kept: "2026", "3,5", "1.000.000", "10:30";
 * - abbreviations with their dots: "m.in.", "p.n.e.", "dr.", "ul.", "tzw.";
 * - e-mail addresses and URLs, whole.
 * Everything else (punctuation, quotes, dashes, emoji) separates tokens.
 * A token also says whether it starts a sentence, which the analyzer uses to
 * decide how to treat a capital letter.
 */

export type TokenKind = 'word' | 'number' | 'abbreviation' | 'email' | 'url'

export interface Token {
  /** The token as it appears in the input. */
  readonly text: string
  /** Offset of the first UTF-16 code unit in the input. */
  readonly start: number
  /** Offset just after the token. */
  readonly end: number
  readonly kind: TokenKind
  /** First token of the text, of a line, or after . ! ? … or : (not after an abbreviation's dot). */
  readonly sentenceStart: boolean
}

/**
 * Abbreviations written with a final dot in Polish news text. A word from this
 * list followed by "." is one token and does not end the sentence.
 */
export const ABBREVIATIONS: ReadonlySet<string> = new Set([
  'al', 'albo', 'ang', 'art', 'bm', 'br', 'bryg', 'cd', 'cdn', 'cz', 'czyt', 'dn', 'doc', 'dol', 'dot', 'dr', 'ds', 'dyr',
  'ew', 'fr', 'gen', 'godz', 'gr', 'hab', 'im', 'inż', 'itd', 'itp', 'jw', 'kard', 'kol', 'kpt', 'kpr', 'księż', 'ks',
  'lek', 'lic', 'lit', 'mar', 'mgr', 'min', 'mjr', 'mln', 'mld', 'mies', 'nr', 'np', 'nt', 'ob', 'oprac', 'os', 'ok', 'orz',
  'pkt', 'płk', 'pn', 'por', 'pol', 'poz', 'pow', 'prof', 'przyp', 'ps', 'pt', 'red', 'ros', 'ryc', 'sierż', 'st', 'str',
  'szer', 'św', 'tab', 'tel', 'tj', 'tys', 'tzn', 'tzw', 'ub', 'ul', 'ur', 'wg', 'woj', 'ww', 'wyd', 'zob', 'zł', 'zm', 'ż',
])

// One pass over the text with a sticky regular expression. The alternatives,
// tried in order at each position:
//  1. URL (http(s):// or www.), 2. e-mail, 3. dotted abbreviation ("m.in.", "p.n.e."),
//  4. number with separators, 5. word (letters/digits joined by - or ').
const URL_RE = String.raw`(?:https?:\/\/|www\.)[^\s<>"„”«»]+`
const EMAIL_RE = String.raw`[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+`
const DOTTED_RE = String.raw`(?:\p{L}{1,4}\.){2,}(?!\p{L})`
const NUMBER_RE = String.raw`\d+(?:[.,:]\d+)+(?![\p{L}\p{M}])`
const WORD_RE = String.raw`[\p{L}\p{N}\p{M}]+(?:[-'’][\p{L}\p{N}\p{M}]+)*`
const TOKEN_RE = new RegExp(`(${URL_RE})|(${EMAIL_RE})|(${DOTTED_RE})|(${NUMBER_RE})|(${WORD_RE})`, 'gu')

const TRAILING_URL_PUNCT = /[.,;:!?)\]}'’"»”…]+$/u
const DIGITS_ONLY = /^\d+$/

/** Splits text into tokens with their spans. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  TOKEN_RE.lastIndex = 0
  let prevEnd = 0
  let prevEndsSentence = true // start of text
  let m: RegExpExecArray | null
  while ((m = TOKEN_RE.exec(text)) !== null) {
    let raw = m[0]
    const start = m.index
    let kind: TokenKind
    if (m[1] !== undefined) {
      kind = 'url'
      raw = raw.replace(TRAILING_URL_PUNCT, '')
      if (raw.length < 5) {
        // "www." alone and the like: let the word rule have it.
        TOKEN_RE.lastIndex = start + 1
        continue
      }
      TOKEN_RE.lastIndex = start + raw.length
    } else if (m[2] !== undefined) {
      kind = 'email'
    } else if (m[3] !== undefined) {
      kind = 'abbreviation'
    } else if (m[4] !== undefined) {
      kind = 'number'
    } else {
      kind = DIGITS_ONLY.test(raw) ? 'number' : 'word'
      // "dr." "ul." "tzw.": a known abbreviation takes its dot.
      if (kind === 'word' && text.charCodeAt(start + raw.length) === 0x2e && ABBREVIATIONS.has(raw.toLowerCase())) {
        raw += '.'
        kind = 'abbreviation'
        TOKEN_RE.lastIndex = start + raw.length
      }
    }
    const end = start + raw.length
    const sentenceStart = prevEndsSentence || text.slice(prevEnd, start).includes('\n')
    tokens.push({ text: raw, start, end, kind, sentenceStart })
    prevEnd = end
    // An abbreviation's dot does not end a sentence; a word followed by . ! ? … : does.
    prevEndsSentence = false
    if (kind !== 'abbreviation') {
      const after = text.slice(end, end + 3)
      prevEndsSentence = /^\s*["”»)]?\s*[.!?…:]/u.test(after) && !/^\.\d/.test(after)
    }
  }
  return tokens
}

// Letters that Unicode NFD does not decompose into base + combining mark.
const FOLD_EXTRA: Record<string, string> = { ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', ø: 'o', Ø: 'O', ı: 'i' }
const FOLD_EXTRA_RE = /[łŁđĐøØı]/g
const NON_ASCII = /[^\x00-\x7f]/
const COMBINING = /\p{M}+/gu

/**
 * Removes diacritics: "Żółć" → "Zolc", "łódź" → "lodz". Case is kept. Used for
 * queries typed without Polish letters.
 */
export function foldDiacritics(text: string): string {
  if (!NON_ASCII.test(text)) return text
  return text
    .replace(FOLD_EXTRA_RE, (ch) => FOLD_EXTRA[ch] ?? ch)
    .normalize('NFD')
    .replace(COMBINING, '')
    .normalize('NFC')
}

/** True when the text has a Polish (or other) diacritic letter that folding would change. */
export function hasDiacritics(text: string): boolean {
  return NON_ASCII.test(text) && foldDiacritics(text) !== text
}
