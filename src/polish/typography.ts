// Polish typography for plain text runs, applied at render time (the caller
// escapes HTML afterwards). Every rule is idempotent, so stored text that was
// already typeset (or typed correctly) passes through unchanged.
//
// Rules, in the order they run:
//  1. whitespace: runs of spaces/tabs collapse to one space (one NBSP if the
//     run held one); line breaks are kept;
//  2. no space before , . ; : ! ? when it ends a word ("tak ," → "tak,");
//  3. "..." → "…";
//  4. quotes: straight " ', English “ ” ‘ ’ become Polish by nesting depth:
//     „…” outside, ‚…’ inside, „…” again at the third level; apostrophes
//     between letters (O'Brien) become ’; Polish „ ” ‚ ’ already there stay;
//  5. dashes: " - ", " -- ", " — ", " – " between words → NBSP + "– ";
//     number ranges "2010-2012", "10-15", "8:00-16:00" → en dash; hyphens in
//     words ("al-Sudani"), dates ("2026-11-27"), phone numbers and postal
//     codes ("00-950") are left alone;
//  6. NBSP inside numbers grouped by spaces ("10 000"), between a number and
//     its unit or abbreviation ("5 km", "10 proc.", "3 mln zł", "2026 r.",
//     "XXI w."), and after "nr", "s.", "ul.", "godz." … before a number;
//  7. NBSP after the one-letter words a i o u w z (any case), also in chains
//     ("i w domu" → "i␣w␣domu").
// URLs and e-mail addresses are never modified.
//
// Known limits: "5 100 osób" is read as the grouped number 5100; a spaced
// hyphen between numbers ("10 - 5") is treated as a dash, not a range.

export const NBSP = '\u00A0'

/**
 * Text being transformed, with per-UTF-16-unit bookkeeping: which input run
 * each unit came from (to split the result back into runs) and whether it is
 * part of a URL/e-mail (never touched). Either is null when not needed, which
 * keeps the common case (one run, no URL) cheap.
 */
interface Tracked {
  text: string
  owner: number[] | null
  locked: boolean[] | null
}

function replaceTracked(t: Tracked, re: RegExp, replacer: (m: RegExpExecArray) => string): Tracked {
  const src = t.text
  const srcOwner = t.owner
  const srcLocked = t.locked
  let text = ''
  const owner: number[] | null = srcOwner ? [] : null
  const locked: boolean[] | null = srcLocked ? [] : null
  let last = 0
  re.lastIndex = 0
  for (let m = re.exec(src); m; m = re.exec(src)) {
    const start = m.index
    const end = start + m[0].length
    if (end === start) {
      re.lastIndex++
      continue
    }
    if (srcLocked && srcLocked.slice(start, end).includes(true)) continue
    const replacement = replacer(m)
    if (replacement === m[0]) continue
    text += src.slice(last, start)
    if (owner || locked) copyTracking(srcOwner, srcLocked, owner, locked, last, start)
    text += replacement
    // Equal lengths map unit to unit; otherwise new units take the owner of
    // the matched unit at the same offset (clamped), keeping owners ordered.
    for (let i = 0; i < replacement.length; i++) {
      owner?.push(srcOwner?.[start + Math.min(i, end - start - 1)] ?? 0)
      locked?.push(false)
    }
    last = end
  }
  if (last === 0) return t
  text += src.slice(last)
  if (owner || locked) copyTracking(srcOwner, srcLocked, owner, locked, last, src.length)
  return { text, owner, locked }
}

function copyTracking(srcOwner: number[] | null, srcLocked: boolean[] | null, owner: number[] | null, locked: boolean[] | null, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    owner?.push(srcOwner?.[i] ?? 0)
    locked?.push(srcLocked?.[i] ?? false)
  }
}

// --- URLs and e-mails -------------------------------------------------------

const URL_RE = /(?:\b(?:https?|ftp):\/\/|\bwww\.)[^\s<>"„”“«»]+/giu
const EMAIL_RE = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu

function lockedRanges(text: string): boolean[] | null {
  // Cheap pre-checks: the e-mail pattern is slow on long text without "@".
  const hasUrl = /:\/\/|www\./i.test(text)
  const hasEmail = text.includes('@')
  if (!hasUrl && !hasEmail) return null
  const locked = new Array<boolean>(text.length).fill(false)
  const lock = (start: number, end: number) => {
    for (let i = start; i < end; i++) locked[i] = true
  }
  for (const m of hasUrl ? text.matchAll(URL_RE) : []) {
    let url = m[0]
    // Sentence punctuation after a URL is not part of it; ")" only when unbalanced.
    for (;;) {
      const trimmed = url.replace(/[.,;:!?…'’]+$/u, '')
      const noParen =
        trimmed.endsWith(')') && !trimmed.includes('(') ? trimmed.slice(0, -1) : trimmed
      if (noParen === url) break
      url = noParen
    }
    lock(m.index, m.index + url.length)
  }
  for (const m of hasEmail ? text.matchAll(EMAIL_RE) : []) lock(m.index, m.index + m[0].length)
  return locked
}

// --- 1–3: whitespace, punctuation, ellipsis -------------------------------

const SPACE_RUN_RE = /[ \t\u00A0]{2,}|\t/g
const QUOTE_CHARS = `"'„”“‚‘’«»`
const SPACE_BEFORE_PUNCT_RE = new RegExp(
  `[ \\u00A0]+(?=[,.;:!?](?:$|[\\s,.;:!?…)\\]}${QUOTE_CHARS}]))`,
  'gu',
)
const ELLIPSIS_RE = /(?<!\.)\.\.\.(?!\.)/g

// --- 4: quotes --------------------------------------------------------------

type Family = 'double' | 'single'
interface OpenQuote {
  family: Family
  close: string
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u
const LETTER = /\p{L}/u
const DIGIT = /\p{N}/u
const SPACE = /\s/u
// After these a quote mark opens a quotation.
const OPENING_CONTEXT = /[\s([{\-–—/„“‚‘«]/u

const QUOTE_RE = new RegExp(`[${QUOTE_CHARS}]`, 'gu')

function quotes(text: string, locked: boolean[] | null): string {
  QUOTE_RE.lastIndex = 0
  if (!QUOTE_RE.test(text)) return text
  const out = text.split('')
  const stack: OpenQuote[] = []
  const findOpen = (family: Family) => {
    for (let j = stack.length - 1; j >= 0; j--) if (stack[j]?.family === family) return j
    return -1
  }
  const open = (i: number, family: Family) => {
    const inner = stack.length % 2 === 1
    out[i] = inner ? '‚' : '„'
    stack.push({ family, close: inner ? '’' : '”' })
  }
  const keepOpen = (family: Family, close: string) => stack.push({ family, close })
  const close = (i: number, j: number) => {
    out[i] = stack[j]?.close ?? out[i] ?? ''
    stack.length = j
  }

  QUOTE_RE.lastIndex = 0
  for (let m = QUOTE_RE.exec(text); m; m = QUOTE_RE.exec(text)) {
    const i = m.index
    const c = m[0]
    if (locked?.[i]) continue
    // The previous character as already converted decides open vs close.
    const prev = i > 0 ? (out[i - 1] ?? '') : ''
    const next = text[i + 1] ?? ''
    const prevOpens = prev === '' || OPENING_CONTEXT.test(prev)
    const nextBlank = next === '' || SPACE.test(next)

    switch (c) {
      case '"': {
        const j = findOpen('double')
        if (prevOpens && !nextBlank) open(i, 'double')
        else if (j >= 0) close(i, j)
        else if (prevOpens) open(i, 'double')
        else out[i] = '”'
        break
      }
      case '“': {
        // Also closes „…“ (German style) and “…“.
        const j = findOpen('double')
        if (!prevOpens && j >= 0) close(i, j)
        else open(i, 'double')
        break
      }
      case '”': {
        const j = findOpen('double')
        if (j < 0 && prevOpens && !nextBlank) open(i, 'double')
        else if (j >= 0) close(i, j)
        break
      }
      case '„':
        keepOpen('double', '”')
        break
      case '‚':
        if (!nextBlank) keepOpen('single', '’')
        break
      case "'": {
        if (LETTER_OR_DIGIT.test(prev) && LETTER.test(next)) {
          out[i] = '’' // O'Brien, rock'n'roll
        } else if (prevOpens && DIGIT.test(next)) {
          out[i] = '’' // '90s
        } else if (prevOpens && !nextBlank) {
          open(i, 'single')
        } else {
          const j = findOpen('single')
          if (j >= 0 && !prevOpens) close(i, j)
          else out[i] = '’'
        }
        break
      }
      case '‘': {
        const j = findOpen('single')
        if (!prevOpens && j >= 0) close(i, j)
        else open(i, 'single')
        break
      }
      case '’': {
        if (LETTER.test(prev) && LETTER.test(next)) break // apostrophe
        const j = findOpen('single')
        if (j >= 0 && !prevOpens) close(i, j)
        break
      }
      default:
        // « » are left alone and do not count as a nesting level.
        break
    }
  }
  return out.join('')
}

// --- 5: dashes and ranges ---------------------------------------------------

const SPACED_DASH_RE = /(?<=\S)[ \u00A0](?:--?|[–—])[ \u00A0](?=\S)/gu
const NUM = String.raw`\d+(?:[.,:]\d+)?`
const RANGE_RE = new RegExp(
  String.raw`(?<![\p{L}\p{N}_\-–/.,:])(${NUM})-(${NUM})(?![\p{L}\p{N}_\-–/]|[.,:]\d)`,
  'gu',
)

// --- 6: numbers -------------------------------------------------------------

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
const alternation = (items: readonly string[]) =>
  [...items]
    .sort((a, b) => b.length - a.length)
    .map(escapeRe)
    .join('|')

/** Units and abbreviations bound to the number before them ("5 km"). */
export const UNITS_AFTER_NUMBER: readonly string[] = [
  // quantities and amounts
  'proc.', 'proc', '%', '‰', 'pkt', 'pp.', 'p.p.', 'tys.', 'tys', 'mln', 'mld', 'bln',
  'szt.', 'os.', 'egz.',
  // money
  'zł', 'gr', 'PLN', 'EUR', 'USD', 'GBP', 'CHF', 'UAH', 'euro', 'dol.', '€', '$', '£',
  // time
  'r.', 'godz.', 'h', 'min', 's', 'sek.', 'ms', 'mies.', 'tyg.',
  // length, area, volume, mass
  'km', 'm', 'cm', 'mm', 'µm', 'nm', 'mil', 'km²', 'm²', 'cm²', 'ha', 'm³', 'cm³',
  'l', 'ml', 'hl', 't', 'kg', 'dag', 'g', 'mg',
  // speed, temperature, energy, data
  'km/h', 'm/s', 'węzłów', '°C', '°F', '°', 'K', 'kW', 'MW', 'GW', 'kWh', 'MWh', 'GWh', 'TWh',
  'V', 'kV', 'Hz', 'kHz', 'MHz', 'GHz', 'dB', 'KB', 'kB', 'MB', 'GB', 'TB', 'Mb/s', 'Gb/s',
  'ppm', 'KM',
]

/** Abbreviations bound to the number after them ("nr 5", "godz. 14:00"). */
export const ABBREVIATIONS_BEFORE_NUMBER: readonly string[] = [
  'nr', 'nr.', 'no.', 's.', 'ss.', 'str.', 'ul.', 'al.', 'pl.', 'os.', 'godz.', 'art.',
  'ust.', 'pkt', 'pkt.', 'poz.', 'par.', '§', 'tel.', 'ok.', 'rozdz.', 'rys.', 'tab.',
  'tom', 't.', 'cz.', 'lok.', 'm.', 'kl.', 'lit.', 'zob.', 'ryc.', 'nb.',
]

const MULTIPLIERS = ['tys.', 'tys', 'mln', 'mld', 'bln']

// Patterns start with what they consume (digits, letters) rather than with a
// lookbehind, which would run at every position of the text.
const GROUPED_NUMBER_RE = /(\d{1,3}) (?=\d{3}(?!\d))/g
const UNIT_RE = new RegExp(
  // A unit followed by ".letter" is an abbreviation: "5 m.in." is not five metres.
  `(\\d) (?=(?:${alternation(UNITS_AFTER_NUMBER)})(?![\\p{L}\\p{N}]|\\.\\p{L}))`,
  'gu',
)
const MULTIPLIER_UNIT_RE = new RegExp(
  `(\\d\\u00A0(?:${alternation(MULTIPLIERS)})) (?=(?:${alternation(
    UNITS_AFTER_NUMBER.filter((u) => !MULTIPLIERS.includes(u)),
  )})(?![\\p{L}\\p{N}]))`,
  'gu',
)
const ROMAN_CENTURY_RE = /(?<![\p{L}\p{N}])([IVXLCDM]+) (?=w\.|wiek)/gu
const SPACE_BEFORE_DIGIT_RE = / (?=\d)/g
const ABBREVIATION_END_RE = new RegExp(
  `(?:^|[^\\p{L}\\p{N}.])(?:${alternation(ABBREVIATIONS_BEFORE_NUMBER)})$`,
  'iu',
)
const LONGEST_ABBREVIATION = Math.max(...ABBREVIATIONS_BEFORE_NUMBER.map((a) => a.length))

function groupedNumber(m: RegExpExecArray): string {
  // The group must start the number: "2026 200" is two numbers.
  const prev = m.input[m.index - 1]
  if (prev !== undefined && /[\d.,]/.test(prev)) return m[0]
  return `${m[1] ?? ''}${NBSP}`
}

function abbreviationBeforeNumber(m: RegExpExecArray): string {
  const before = m.input.slice(Math.max(0, m.index - LONGEST_ABBREVIATION - 1), m.index)
  return ABBREVIATION_END_RE.test(before) ? NBSP : m[0]
}

// --- 7: one-letter words ----------------------------------------------------

// The preceding character is checked in code (see below): consuming it would
// break chains like "i w domu", and a lookbehind would run at every position.
const ONE_LETTER_RE = /[aiouwzAIOUWZ] (?=\S)/g
const BEFORE_ONE_LETTER = /[\s([{„“‚‘"'«»–—]/u

function oneLetter(m: RegExpExecArray): string {
  const prev = m.input[m.index - 1]
  if (prev !== undefined && !BEFORE_ONE_LETTER.test(prev)) return m[0]
  return `${m[0][0] ?? ''}${NBSP}`
}

// --- pipeline ---------------------------------------------------------------

// For patterns "(kept part) ": keep the captured part, make the space an NBSP.
const keepThenNbsp = (m: RegExpExecArray) => `${m[1] ?? ''}${NBSP}`

// Replacers are module functions, not closures made on every call (renders run this per paragraph).
const spaceRun = (m: RegExpExecArray) => (m[0].includes(NBSP) ? NBSP : ' ')
const nothing = () => ''
const ellipsis = () => '…'
const spacedDash = () => `${NBSP}– `
function range(m: RegExpExecArray): string {
  const [whole, from = '', to = ''] = m
  // "00-950" is a postal code, not a range.
  if (/^\d{2}$/.test(from) && /^\d{3}$/.test(to)) return whole
  return `${from}–${to}`
}

function transform(t: Tracked): Tracked {
  t = replaceTracked(t, SPACE_RUN_RE, spaceRun)
  t = replaceTracked(t, SPACE_BEFORE_PUNCT_RE, nothing)
  t = replaceTracked(t, ELLIPSIS_RE, ellipsis)
  t = { ...t, text: quotes(t.text, t.locked) }
  t = replaceTracked(t, SPACED_DASH_RE, spacedDash)
  t = replaceTracked(t, RANGE_RE, range)
  t = replaceTracked(t, GROUPED_NUMBER_RE, groupedNumber)
  t = replaceTracked(t, UNIT_RE, keepThenNbsp)
  t = replaceTracked(t, MULTIPLIER_UNIT_RE, keepThenNbsp)
  t = replaceTracked(t, ROMAN_CENTURY_RE, keepThenNbsp)
  t = replaceTracked(t, SPACE_BEFORE_DIGIT_RE, abbreviationBeforeNumber)
  t = replaceTracked(t, ONE_LETTER_RE, oneLetter)
  return t
}

/** Applies Polish typography to one plain-text string. */
export function typographyPl(text: string): string {
  if (text === '') return text
  return transform({ text, owner: null, locked: lockedRanges(text) }).text
}

/**
 * Applies Polish typography to adjacent text runs (text split by inline marks
 * such as bold or links). The runs are typeset as one text, so quotes and
 * one-letter words see across boundaries, then split back: the joined result
 * always equals `typographyPl(runs.join(''))`, and each character stays in the
 * run it came from (a replaced sequence goes to the run where it started).
 */
export function typographyRuns(runs: readonly string[]): string[] {
  if (runs.length === 1) return [typographyPl(runs[0] ?? '')]
  const text = runs.join('')
  const owner: number[] = []
  runs.forEach((run, index) => {
    for (let i = 0; i < run.length; i++) owner.push(index)
  })
  const result = transform({ text, owner, locked: lockedRanges(text) })
  const out = runs.map(() => '')
  // Owners are non-decreasing, so each run is one contiguous slice.
  let start = 0
  for (let i = 1; i <= result.text.length; i++) {
    if (i === result.text.length || result.owner?.[i] !== result.owner?.[start]) {
      const index = result.owner?.[start] ?? 0
      out[index] = result.text.slice(start, i)
      start = i
    }
  }
  return out
}
