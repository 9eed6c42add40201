/**
 * @module
 * Small helpers for the findings' messages: Polish by default, English on request.
 */
import type { MessageLanguage } from './types.js'

export function sayer(lang: MessageLanguage | undefined): (pl: string, en: string) => string {
  return lang === 'en' ? (_pl, en) => en : (pl) => pl
}

/** A quotation in the message's language: „…” in Polish, “…” in English. */
export function quote(lang: MessageLanguage | undefined, text: string): string {
  return lang === 'en' ? `“${text}”` : `„${text}”`
}

const namesPl = new Intl.DisplayNames(['pl'], { type: 'language', fallback: 'code' })
const namesEn = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' })

/** The name of a language by its ISO 639-1 code: "angielski" / "English". */
export function languageName(lang: MessageLanguage | undefined, code: string): string {
  try {
    return (lang === 'en' ? namesEn : namesPl).of(code) ?? code
  } catch {
    return code
  }
}
