import { describe, expect, it } from 'vitest'
import { stringsFor } from './strings.js'

describe('site strings per edition', () => {
  const at = new Date('2026-11-27T13:05:00Z')
  it('formats dates in the edition language and the site time zone', () => {
    expect(stringsFor('pl').dateTime(at, 'Europe/Warsaw')).toBe('27 listopada 2026, 14:05')
    expect(stringsFor('en').dateTime(at, 'Europe/Warsaw')).toBe('27 November 2026 at 14:05')
    expect(stringsFor('uk').dateTime(at, 'Europe/Warsaw')).toBe('27 листопада 2026 р. о 14:05')
  })

  it('picks plural forms by CLDR rules', () => {
    const uk = stringsFor('uk')
    expect([1, 3, 5, 21, 22, 11].map((n) => uk.stories(n))).toEqual(['1\u00A0матеріал', '3\u00A0матеріали', '5\u00A0матеріалів', '21\u00A0матеріал', '22\u00A0матеріали', '11\u00A0матеріалів'])
    expect([1, 2].map((n) => stringsFor('en').stories(n))).toEqual(['1\u00A0story', '2\u00A0stories'])
    expect([1, 2, 5].map((n) => stringsFor('pl').stories(n))).toEqual(['1 artykuł', '2 artykuły', '5 artykułów'])
  })

  it('names the language a story was translated from', () => {
    expect(stringsFor('pl').translatedFrom('en')).toBe('Tłumaczenie z języka angielskiego.')
    expect(stringsFor('en').translatedFrom('pl')).toBe('Translated from Polish.')
    expect(stringsFor('uk').translatedFrom('pl')).toBe('Переклад з польської.')
  })
})
