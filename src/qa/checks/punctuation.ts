/**
 * @module
 * Check 4: spacing and punctuation slips. All warnings.
 *
 * Everywhere (typography cannot repair these):
 * - `hyphen-spacing`: a space on one side of a hyphen between two words — "al -Muhandis",
 *   "al- Muhandis". A hyphen joining a name or compound has no spaces; a dash has one on
 *   each side. Not reported: a suspended hyphen before a conjunction ("dwu- i
 *   trzypiętrowy", "pół- lub całoetatowy").
 * - `unbalanced-quotes`: a double quotation mark („ “ ” ") that is never closed or closes
 *   nothing; `unbalanced-brackets`: the same for ( ) and [ ] (list enumerators "a)" "1)"
 *   are fine).
 * - `missing-space-after-punctuation`: "tak,że", "koniec.Początek" (not inside URLs, e-mail
 *   addresses, numbers such as "3,5" or abbreviations such as "m.in.").
 *
 * Only in text shown as typed — alt text and the SEO title and description, which go into
 * attributes and meta tags. In the headline, lede, body, captions, credits and titles the
 * site sets Polish typography at render time (src/polish/typography.ts), which already
 * collapses double spaces, removes a space before , . ; : ! ?, turns straight and English
 * quotes into „…” and a spaced hyphen " - " into a dash, so these are not findings there:
 * - `double-space`, `space-before-punctuation`, `hyphen-as-dash` (" - ", " -- "),
 * - `quotation-marks`: straight "…" or English “…” quotes in a Polish text.
 */
import { scanTokens } from '../../polish/tokenizer.js'
import { quote } from '../messages.js'
import type { CheckEnv, Finding, TextUnit } from '../types.js'

const HYPHEN_SPACING_RE = /[\p{L}\p{M}]+(?: +-|- +)[\p{L}\p{M}]+/gu
const SUSPENDED = /- +(?:i|lub|albo|czy|oraz|a|bądź|ani)\b/u
const MISSING_SPACE_RE = /[,;!?](?=\p{L})|\.(?=\p{Lu}\p{Ll})/gu
const DOUBLE_SPACE_RE = /(?<=\S)[ \u00A0]{2,}(?=\S)/gu
const SPACE_BEFORE_PUNCT_RE = /(?<=\S)[ \u00A0]+(?=[,.;:!?](?:\s|$))/gu
const SPACED_HYPHEN_RE = /(?<=[\p{L}\p{N},.)”"]) (?:--?) (?=[\p{L}\p{N}„"(])/gu
const ENGLISH_QUOTES_RE = /"[^"\n]*"|“[^”“\n]*”|"|“/gu
const ENUMERATOR_BEFORE = /(?:^|\s)[\p{L}\p{N}]{1,2}$/u
const OPENING_CONTEXT = /[\s([{\-–—/]/u

/** Offsets of URLs and e-mail addresses, which are never checked. */
function lockedSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = []
  if (!/[@:]|www\./.test(text)) return spans
  scanTokens(text, (_t, start, end, kind) => {
    if (kind === 'url' || kind === 'email') spans.push([start, end])
  })
  return spans
}

const inside = (spans: Array<[number, number]>, at: number) => spans.some(([a, b]) => at >= a && at < b)

interface Slip {
  kind: Finding['kind']
  start: number
  end: number
}

/** Unclosed or unopened double quotation marks and brackets. */
export function unbalanced(text: string): Slip[] {
  const out: Slip[] = []
  const quotes: Array<{ ch: string; at: number }> = []
  const brackets: Array<{ ch: string; at: number }> = []
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    const before = i > 0 ? text[i - 1]! : ' '
    switch (ch) {
      case '„':
        quotes.push({ ch, at: i })
        break
      case '“':
        // „…“ (German style, a common slip) closes; otherwise English opening.
        if (quotes[quotes.length - 1]?.ch === '„' && !/\s/u.test(before)) quotes.pop()
        else quotes.push({ ch, at: i })
        break
      case '”':
        if (quotes.length > 0) quotes.pop()
        else out.push({ kind: 'unbalanced-quotes', start: i, end: i + 1 })
        break
      case '"':
        if (i === 0 || OPENING_CONTEXT.test(before)) quotes.push({ ch, at: i })
        else if (quotes.length > 0) quotes.pop()
        else out.push({ kind: 'unbalanced-quotes', start: i, end: i + 1 })
        break
      case '(':
      case '[':
        brackets.push({ ch, at: i })
        break
      case ')':
      case ']': {
        const open = brackets[brackets.length - 1]
        if (open && (open.ch === '(') === (ch === ')')) brackets.pop()
        else if (!open && ch === ')' && ENUMERATOR_BEFORE.test(text.slice(Math.max(0, i - 3), i))) break
        else out.push({ kind: 'unbalanced-brackets', start: i, end: i + 1 })
        break
      }
    }
  }
  for (const q of quotes) out.push({ kind: 'unbalanced-quotes', start: q.at, end: q.at + 1 })
  for (const b of brackets) out.push({ kind: 'unbalanced-brackets', start: b.at, end: b.at + 1 })
  return out
}

/** The slips of a text; `typeset` drops those the site's typography repairs. */
export function punctuationSlips(text: string, typeset: boolean, language: string): Slip[] {
  const locked = lockedSpans(text)
  const out: Slip[] = []
  for (const m of text.matchAll(HYPHEN_SPACING_RE)) {
    const hyphen = m.index + m[0].indexOf('-')
    if (SUSPENDED.test(text.slice(hyphen, hyphen + 12)) || inside(locked, hyphen)) continue
    out.push({ kind: 'hyphen-spacing', start: m.index, end: m.index + m[0].length })
  }
  out.push(...unbalanced(text).filter((s) => !inside(locked, s.start)))
  for (const m of text.matchAll(MISSING_SPACE_RE)) {
    if (inside(locked, m.index)) continue
    // The word around the sign, for the span: "tak,że".
    let a = m.index
    while (a > 0 && /[\p{L}\p{M}]/u.test(text[a - 1]!)) a--
    let b = m.index + 1
    while (b < text.length && /[\p{L}\p{M}]/u.test(text[b]!)) b++
    out.push({ kind: 'missing-space-after-punctuation', start: a, end: b })
  }
  if (!typeset) {
    for (const m of text.matchAll(DOUBLE_SPACE_RE)) out.push({ kind: 'double-space', start: m.index, end: m.index + m[0].length })
    for (const m of text.matchAll(SPACE_BEFORE_PUNCT_RE)) out.push({ kind: 'space-before-punctuation', start: m.index, end: m.index + m[0].length + 1 })
    for (const m of text.matchAll(SPACED_HYPHEN_RE)) if (!inside(locked, m.index)) out.push({ kind: 'hyphen-as-dash', start: m.index, end: m.index + m[0].length })
    if (language === 'pl') {
      for (const m of text.matchAll(ENGLISH_QUOTES_RE)) if (!inside(locked, m.index)) out.push({ kind: 'quotation-marks', start: m.index, end: m.index + m[0].length })
    }
  }
  return out.sort((x, y) => x.start - y.start || x.end - y.end)
}

export function checkPunctuation(unit: TextUnit, env: CheckEnv): Finding[] {
  const lang = env.context.messages
  return punctuationSlips(unit.text, unit.typeset, env.language).map((slip) => {
    const text = unit.text.slice(slip.start, slip.end)
    const q = quote(lang, text)
    let message: string
    switch (slip.kind) {
      case 'hyphen-spacing': {
        const fixed = quote(lang, text.replace(/ +- *| *- +/u, '-'))
        message = env.say(
          `Spacja przy łączniku w ${q}. W nazwach i wyrazach złożonych łącznik pisze się bez spacji: ${fixed}; jeśli to ma być myślnik, daj spacje po obu stronach („ – ”).`,
          `A space next to the hyphen in ${q}. In names and compounds the hyphen takes no spaces: ${fixed}; if a dash is meant, put spaces on both sides (“ – ”).`,
        )
        break
      }
      case 'unbalanced-quotes':
        message = env.say(
          `Cudzysłów ${q} nie ma pary. Domknij cytat („…”) albo usuń zbędny znak.`,
          `The quotation mark ${q} has no partner. Close the quotation („…”) or remove the stray mark.`,
        )
        break
      case 'unbalanced-brackets':
        message = env.say(`Nawias ${q} nie ma pary. Domknij go albo usuń.`, `The bracket ${q} has no partner. Close it or remove it.`)
        break
      case 'missing-space-after-punctuation':
        message = env.say(`Brak spacji po znaku interpunkcyjnym w ${q}. Dodaj spację.`, `No space after the punctuation mark in ${q}. Add a space.`)
        break
      case 'double-space':
        message = env.say(
          'Podwójna spacja (ten tekst trafia na stronę bez automatycznej korekty typograficznej). Zostaw jedną spację.',
          'A double space (this text is shown as typed, without automatic typography). Leave one space.',
        )
        break
      case 'space-before-punctuation':
        message = env.say(
          `Spacja przed znakiem interpunkcyjnym (${q}). Usuń ją: znak stoi tuż po słowie.`,
          `A space before the punctuation mark (${q}). Remove it: the mark follows the word directly.`,
        )
        break
      case 'hyphen-as-dash':
        message = env.say(
          `Łącznik zamiast myślnika (${q}). Między wyrazami wstaw półpauzę „–” ze spacjami.`,
          `A hyphen used as a dash (${q}). Between words use an en dash “–” with spaces.`,
        )
        break
      case 'quotation-marks':
        message = env.say(
          `Cudzysłów w stylu angielskim lub prosty: ${text}. W polskim tekście pisz „…” (dolny otwierający, górny zamykający).`,
          `English-style or straight quotation marks: ${text}. Polish text uses „…” (low opening, high closing).`,
        )
        break
      default:
        message = q
    }
    return { kind: slip.kind, severity: 'warning' as const, field: unit.field, block: unit.block, start: slip.start, end: slip.end, text, message }
  })
}
