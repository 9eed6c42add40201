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

// Token rules, each a sticky expression tried at a token's first character:
// URL (http(s):// or www.), e-mail, dotted abbreviation ("m.in.", "p.n.e."),
// number with separators, word (letters/digits joined by - or ').
const URL_RE = /(?:https?:\/\/|www\.)[^\s<>"„”«»]+/uy
const EMAIL_RE = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/uy
const DOTTED_RE = /(?:\p{L}{1,4}\.){2,}(?!\p{L})/uy
const NUMBER_RE = /\d+(?:[.,:]\d+)+(?![\p{L}\p{M}])/uy
// Words are letters/digits/marks joined by - ' or ’, i.e. /[\p{L}\p{N}\p{M}]+(?:[-'’][\p{L}\p{N}\p{M}]+)*/u,
// and a token starts at the first [\p{L}\p{N}\p{M}]; both are scanned by hand
// (wordCharWidth) rather than by regular expressions: two regex runs per token
// were most of the tokenizer's time.
const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u
/** Code units classified once: 1 when WORD_CHAR; code units from TABLE_SIZE on ask the expression. */
const TABLE_SIZE = 0x3000
let wordCharTable: Uint8Array | null = null

function buildWordCharTable(): Uint8Array {
  const table = new Uint8Array(TABLE_SIZE)
  for (let c = 0; c < TABLE_SIZE; c++) table[c] = WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 0
  return table
}

/** Length (1, or 2 for a surrogate pair) of the letter, digit or mark at `i`, or 0. */
function wordCharWidth(text: string, i: number, n: number, table: Uint8Array): number {
  const c = text.charCodeAt(i)
  if (c < TABLE_SIZE) return table[c]!
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
    const d = text.charCodeAt(i + 1)
    if (d >= 0xdc00 && d <= 0xdfff) return WORD_CHAR.test(text.slice(i, i + 2)) ? 2 : 0
  }
  return i < n && WORD_CHAR.test(text[i]!) ? 1 : 0
}

/** End of the word starting at `start` (which holds a word character). */
function wordEnd(text: string, start: number, n: number, table: Uint8Array): number {
  let i = start
  let w = 0
  while (i < n && (w = wordCharWidth(text, i, n, table)) > 0) i += w
  for (;;) {
    const c = text.charCodeAt(i)
    if ((c !== 45 && c !== 39 && c !== 0x2019) || i + 1 >= n) return i
    w = wordCharWidth(text, i + 1, n, table)
    if (w === 0) return i
    i += 1 + w
    while (i < n && (w = wordCharWidth(text, i, n, table)) > 0) i += w
  }
}

const TRAILING_URL_PUNCT = /[.,;:!?)\]}'’"»”…]+$/u
const DIGITS_ONLY = /^\d+$/

/** Called for every token: its text, span, kind and whether it starts a sentence. */
export type TokenVisitor = (text: string, start: number, end: number, kind: TokenKind, sentenceStart: boolean) => void

const isDigit = (c: number) => c >= 48 && c <= 57
// Whitespace as far as e-mail detection needs it (ASCII space, tab, new lines, no-break space).
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13 || c === 160 || c === 0x202f

/** Whether the text right after a token ends a sentence: optional closing quote/bracket, then . ! ? … or : (not "3.5"). */
function endsSentence(text: string, end: number): boolean {
  let i = end
  const n = text.length
  while (i < n && isSpace(text.charCodeAt(i))) i++
  const q = text.charCodeAt(i)
  if (q === 34 || q === 0x201d || q === 0xbb || q === 41) i++
  while (i < n && isSpace(text.charCodeAt(i))) i++
  const c = text.charCodeAt(i)
  if (c === 46) return !isDigit(text.charCodeAt(i + 1))
  return c === 33 || c === 63 || c === 0x2026 || c === 58
}

/**
 * Walks the tokens of a text without building token objects (the indexer's
 * path); `tokenize` is built on it.
 */
export function scanTokens(text: string, visit: TokenVisitor): void {
  const n = text.length
  const table = (wordCharTable ??= buildWordCharTable())
  let from = 0
  let prevEnd = 0
  let prevEndsSentence = true // start of text
  for (;;) {
    let start = from
    while (start < n && wordCharWidth(text, start, n, table) === 0) start++
    if (start >= n) break
    const c0 = text.charCodeAt(start)
    let end = -1
    let kind: TokenKind = 'word'
    let raw = ''
    // URL: only where "http" or "www." starts.
    if ((c0 === 104 || c0 === 119) && (text.startsWith('http', start) || text.startsWith('www.', start))) {
      URL_RE.lastIndex = start
      const m = URL_RE.exec(text)
      if (m) {
        const url = m[0].replace(TRAILING_URL_PUNCT, '')
        if (url.length >= 5 && (url.startsWith('www.') || /^https?:\/\/./.test(url))) {
          raw = url
          kind = 'url'
          end = start + url.length
        }
      }
    }
    if (end < 0) {
      const wordStop = wordEnd(text, start, n, table)
      const word = text.slice(start, wordStop)
      const next = text.charCodeAt(wordStop)
      // E-mail: an "@" before the next space.
      if (next === 64 || next === 46 || next === 95 || next === 37 || next === 43 || next === 45) {
        let j = wordStop
        while (j < n && j - start < 256 && !isSpace(text.charCodeAt(j)) && text.charCodeAt(j) !== 64) j++
        if (text.charCodeAt(j) === 64) {
          EMAIL_RE.lastIndex = start
          const m = EMAIL_RE.exec(text)
          if (m) {
            raw = m[0]
            kind = 'email'
            end = start + raw.length
          }
        }
      }
      if (end < 0 && next === 46) {
        DOTTED_RE.lastIndex = start
        const m = DOTTED_RE.exec(text)
        if (m) {
          raw = m[0]
          kind = 'abbreviation'
          end = start + raw.length
        }
      }
      if (end < 0 && isDigit(c0) && (next === 46 || next === 44 || next === 58) && isDigit(text.charCodeAt(wordStop + 1))) {
        NUMBER_RE.lastIndex = start
        const m = NUMBER_RE.exec(text)
        if (m) {
          raw = m[0]
          kind = 'number'
          end = start + raw.length
        }
      }
      if (end < 0) {
        raw = word
        end = wordStop
        kind = isDigit(c0) && DIGITS_ONLY.test(word) ? 'number' : 'word'
        // "dr." "ul." "tzw.": a known abbreviation takes its dot.
        if (kind === 'word' && next === 46 && word.length <= 5 && ABBREVIATIONS.has(word.toLowerCase())) {
          raw = word + '.'
          end++
          kind = 'abbreviation'
        }
      }
    }
    let sentenceStart = prevEndsSentence
    if (!sentenceStart) for (let i = prevEnd; i < start; i++) if (text.charCodeAt(i) === 10) sentenceStart = true
    visit(raw, start, end, kind, sentenceStart)
    prevEnd = end
    from = end
    // An abbreviation's dot does not end a sentence; a word followed by . ! ? … : does.
    prevEndsSentence = kind !== 'abbreviation' && endsSentence(text, end)
  }
}

/** Splits text into tokens with their spans. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  scanTokens(text, (t, start, end, kind, sentenceStart) => tokens.push({ text: t, start, end, kind, sentenceStart }))
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
