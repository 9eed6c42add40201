import { describe, expect, it } from 'vitest'
import { countPl, pluralPl } from './plural.js'

const art = (n: number) => pluralPl(n, 'artykuł', 'artykuły', 'artykułów')

describe('pluralPl', () => {
  it.each([
    [1, 'artykuł'],
    [2, 'artykuły'],
    [3, 'artykuły'],
    [4, 'artykuły'],
    [5, 'artykułów'],
    [0, 'artykułów'],
    [11, 'artykułów'],
    [12, 'artykułów'],
    [13, 'artykułów'],
    [14, 'artykułów'],
    [21, 'artykułów'],
    [22, 'artykuły'],
    [24, 'artykuły'],
    [25, 'artykułów'],
    [101, 'artykułów'],
    [102, 'artykuły'],
    [112, 'artykułów'],
    [1000, 'artykułów'],
    [1002, 'artykuły'],
  ])('%d → %s', (n, expected) => {
    expect(art(n)).toBe(expected)
  })

  it('uses the "few" form for fractions (1,5 godziny)', () => {
    expect(pluralPl(1.5, 'godzina', 'godziny', 'godzin')).toBe('godziny')
    expect(pluralPl(0.5, 'godzina', 'godziny', 'godzin')).toBe('godziny')
    expect(pluralPl(2.25, 'godzina', 'godziny', 'godzin')).toBe('godziny')
  })

  it('treats negative numbers by their absolute value', () => {
    expect(art(-1)).toBe('artykuł')
    expect(art(-2)).toBe('artykuły')
    expect(art(-5)).toBe('artykułów')
  })
})

describe('countPl', () => {
  it('joins a Polish-formatted number and the form with a non-breaking space', () => {
    expect(countPl(5, 'artykuł', 'artykuły', 'artykułów')).toBe('5\u00A0artykułów')
    expect(countPl(1.5, 'godzina', 'godziny', 'godzin')).toBe('1,5\u00A0godziny')
    expect(countPl(22, 'osoba', 'osoby', 'osób')).toBe('22\u00A0osoby')
  })
})
