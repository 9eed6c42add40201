/**
 * @module
 * Language of incoming copy, identified with eld (n-gram scores over 60 languages, its
 * "small" database: the same package and database the quality gate uses, so the process
 * loads it once) and reported as ISO 639-1. Short texts are unreliable: below MIN_CHARS,
 * or when eld does not call its guess reliable, we report nothing and keep what the source
 * declared.
 */

const MIN_CHARS = 40
const SAMPLE_CHARS = 4000

type Detector = (text: string) => { language: string; reliable: boolean }
let loaded: Promise<Detector> | null = null

function detector(): Promise<Detector> {
  loaded ??= import('eld/small').then(({ eld }) => (text: string) => {
    const r = eld.detect(text)
    return { language: r.language, reliable: r.isReliable() }
  })
  return loaded
}

/** ISO 639-1 code of the text's language, or null when unsure (too short, unreliable). */
export async function detectLanguage(text: string): Promise<string | null> {
  const sample = text.replace(/\s+/g, ' ').trim().slice(0, SAMPLE_CHARS)
  if (sample.length < MIN_CHARS) return null
  const guess = (await detector())(sample)
  return guess.reliable && /^[a-z]{2}$/.test(guess.language) ? guess.language : null
}

/** ISO 639-2/3 codes agencies use in language fields, for the common languages. */
const THREE_LETTER: Record<string, string> = {
  pol: 'pl', eng: 'en', deu: 'de', ger: 'de', fra: 'fr', fre: 'fr', spa: 'es', ita: 'it', por: 'pt', nld: 'nl', dut: 'nl', ukr: 'uk',
  rus: 'ru', bel: 'be', ces: 'cs', cze: 'cs', slk: 'sk', slo: 'sk', lit: 'lt', lav: 'lv', est: 'et', hun: 'hu', ron: 'ro', rum: 'ro',
  bul: 'bg', srp: 'sr', hrv: 'hr', slv: 'sl', ell: 'el', gre: 'el', tur: 'tr', ara: 'ar', heb: 'he', zho: 'zh', chi: 'zh', jpn: 'ja',
  kor: 'ko', swe: 'sv', dan: 'da', nor: 'no', fin: 'fi',
}

/** A declared language tag (`en-GB`, `pl`, `eng`) as ISO 639-1, or null. */
export function normalizeLanguageTag(tag: string | null | undefined): string | null {
  if (!tag) return null
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0] ?? ''
  if (/^[a-z]{2}$/.test(primary)) return primary
  return THREE_LETTER[primary] ?? null
}

const NAMES: Record<string, string> = {
  pl: 'polski', en: 'angielski', de: 'niemiecki', fr: 'francuski', es: 'hiszpański', it: 'włoski', pt: 'portugalski', nl: 'niderlandzki',
  uk: 'ukraiński', ru: 'rosyjski', be: 'białoruski', cs: 'czeski', sk: 'słowacki', lt: 'litewski', lv: 'łotewski', et: 'estoński',
  hu: 'węgierski', ro: 'rumuński', bg: 'bułgarski', sr: 'serbski', hr: 'chorwacki', bs: 'bośniacki', sl: 'słoweński', el: 'grecki',
  tr: 'turecki', ar: 'arabski', fa: 'perski', he: 'hebrajski', zh: 'chiński', ja: 'japoński', ko: 'koreański', hi: 'hindi',
  sv: 'szwedzki', da: 'duński', no: 'norweski', fi: 'fiński', ka: 'gruziński', kk: 'kazachski', az: 'azerski', vi: 'wietnamski', id: 'indonezyjski',
}

/** The language's Polish name ("angielski"), or its code. */
export function languageName(code: string | null | undefined): string {
  if (!code) return 'nieznany'
  return NAMES[code] ?? code
}
