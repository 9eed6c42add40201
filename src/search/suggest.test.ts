import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadDictionary, type PolishDictionary } from '../polish/morfologik/dictionary.js'
import { installTestDictionary, mustNotSkip, polishJarProblem, type TestDictionary } from '../polish/morfologik/test-support.js'
import { dictionaryNeighbours, editDistance, matchCase, maxEdits } from './suggest.js'

describe('editDistance', () => {
  it('counts edits over lower-case letters without diacritics, transpositions as one', () => {
    expect(editDistance('zolnierzy', 'Żołnierzy')).toBe(0)
    expect(editDistance('prezydnet', 'prezydent')).toBe(1)
    expect(editDistance('irakk', 'irak')).toBe(1)
    expect(editDistance('abcdef', 'xyzuvw', 2)).toBe(3)
  })

  it('allows more edits for longer words', () => {
    expect([3, 4, 5, 6, 12].map(maxEdits)).toEqual([0, 1, 1, 2, 2])
  })

  it('keeps the reader’s capitals', () => {
    expect(matchCase('Warszwa', 'warszawa')).toBe('Warszawa')
    expect(matchCase('NATOO', 'nato')).toBe('NATO')
    expect(matchCase('irakk', 'Irak')).toBe('Irak')
  })
})

describe.skipIf(polishJarProblem() !== null && !mustNotSkip())('dictionaryNeighbours', () => {
  let installed: TestDictionary
  let dict: PolishDictionary
  beforeAll(async () => {
    installed = await installTestDictionary()
    dict = loadDictionary(installed.dictPath, installed.infoPath)
  })
  afterAll(() => installed?.cleanup())

  it('finds dictionary forms within the distance, closest first', () => {
    expect(dictionaryNeighbours(dict, 'prezydnet', 2)[0]).toEqual({ word: 'prezydent', distance: 1 })
    expect(dictionaryNeighbours(dict, 'irakk', 1).map((c) => c.word)).toContain('Irak')
    expect(dictionaryNeighbours(dict, 'zolnieży', 2).map((c) => c.word)).toContain('żołnierzy')
    expect(dictionaryNeighbours(dict, 'gospodrka', 1).map((c) => c.word)).toContain('gospodarka')
  })

  it('returns nothing for distance 0 or absurd input, quickly', () => {
    expect(dictionaryNeighbours(dict, 'kot', 0)).toEqual([])
    const started = performance.now()
    expect(dictionaryNeighbours(dict, 'qqqqqqqqqqqqqq', 2)).toEqual([])
    expect(performance.now() - started).toBeLessThan(2000)
  })
})
