import { describe, expect, it } from 'vitest'
import { SLUG_FALLBACK, slugify, uniqueSlug } from './slug.js'

describe('slugify', () => {
  it('folds every Polish letter, lower and upper case', () => {
    expect(slugify('ąćęłńóśźż')).toBe('acelnoszz')
    expect(slugify('ĄĆĘŁŃÓŚŹŻ')).toBe('acelnoszz')
    expect(slugify('Zażółć gęślą jaźń')).toBe('zazolc-gesla-jazn')
  })

  it('folds other diacritics and special letters', () => {
    expect(slugify('Crème brûlée à Zürich')).toBe('creme-brulee-a-zurich')
    expect(slugify('Straße, Æsir, Øresund, Đoković')).toBe('strasse-aesir-oresund-dokovic')
    expect(slugify('Čeština, Şanlıurfa')).toBe('cestina-sanliurfa')
  })

  it('makes a slug from a real headline', () => {
    expect(
      slugify('Premier Iraku: „Nie pozwolimy na wojnę” – al-Sudani o ataku na bazę'),
    ).toBe('premier-iraku-nie-pozwolimy-na-wojne-al-sudani-o-ataku-na-baze')
  })

  it('collapses punctuation and whitespace into single hyphens and trims them', () => {
    expect(slugify('  --Hello,   World!!  ')).toBe('hello-world')
    expect(slugify('a — b – c - d')).toBe('a-b-c-d')
    expect(slugify('tab\tand\nnewline')).toBe('tab-and-newline')
  })

  it('drops apostrophes inside names and reads & as "i"', () => {
    expect(slugify("O'Brien i O’Neill")).toBe('obrien-i-oneill')
    expect(slugify('Kowalski & Syn')).toBe('kowalski-i-syn')
  })

  it('keeps digits and NFKD-compatible forms', () => {
    expect(slugify('Wybory 2026')).toBe('wybory-2026')
    expect(slugify('ﬁnał ²')).toBe('final-2')
  })

  it('is never empty', () => {
    expect(slugify('')).toBe(SLUG_FALLBACK)
    expect(slugify('!!! ??? …')).toBe(SLUG_FALLBACK)
    expect(slugify('中文标题')).toBe(SLUG_FALLBACK)
    expect(SLUG_FALLBACK).toBe('artykul')
  })

  it('cuts long text at a word boundary within maxLength', () => {
    const long = 'Bardzo długi tytuł artykułu o wydarzeniach w Bagdadzie i okolicach miasta po ataku'
    const slug = slugify(long)
    expect(slug.length).toBeLessThanOrEqual(80)
    expect(slug).toBe('bardzo-dlugi-tytul-artykulu-o-wydarzeniach-w-bagdadzie-i-okolicach-miasta-po')
    expect(slugify('alpha beta gamma', 10)).toBe('alpha-beta')
    expect(slugify('alpha beta gamma', 11)).toBe('alpha-beta')
    expect(slugify('alpha beta gamma', 9)).toBe('alpha')
  })

  it('hard-cuts a single word longer than maxLength', () => {
    expect(slugify('a'.repeat(100))).toBe('a'.repeat(80))
    expect(slugify('Konstantynopolitańczykowianeczka', 10)).toBe('konstantyn')
  })

  it('is stable when applied to its own output', () => {
    for (const s of ['Zażółć gęślą jaźń', 'al-Sudani', '10 000 zł', 'x'.repeat(200)]) {
      expect(slugify(slugify(s))).toBe(slugify(s))
    }
  })
})

describe('uniqueSlug', () => {
  it('returns the base when free', async () => {
    expect(await uniqueSlug('wybory', () => false)).toBe('wybory')
  })

  it('appends -2, -3 … until free (sync and async checks)', async () => {
    const taken = new Set(['wybory', 'wybory-2', 'wybory-3'])
    expect(await uniqueSlug('wybory', (s) => taken.has(s))).toBe('wybory-4')
    expect(await uniqueSlug('wybory', async (s) => taken.has(s))).toBe('wybory-4')
  })

  it('does not reinterpret a trailing number in the base', async () => {
    const taken = new Set(['wybory-2026'])
    expect(await uniqueSlug('wybory-2026', (s) => taken.has(s))).toBe('wybory-2026-2')
  })

  it('keeps the suffixed slug within maxLength', async () => {
    const base = slugify('słowo '.repeat(30))
    expect(base.length).toBeLessThanOrEqual(80)
    const result = await uniqueSlug(base, (s) => s === base)
    expect(result.length).toBeLessThanOrEqual(80)
    expect(result.endsWith('-2')).toBe(true)
    expect(result).not.toContain('--')
  })

  it('uses the fallback for an empty base', async () => {
    expect(await uniqueSlug('', () => false)).toBe(SLUG_FALLBACK)
  })

  it('gives up with an error instead of looping forever', async () => {
    await expect(uniqueSlug('x', () => true)).rejects.toThrow(/no free slug/)
  })
})
