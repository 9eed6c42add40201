import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS, createTestDb, type TestDb } from '../../test/support.js'
import { FUZZY_THRESHOLD, TranslationMemory, similarity, words } from './memory.js'

describe('similarity', () => {
  it('is the Dice coefficient over word sets, ignoring tags and case', () => {
    expect(words('The <b>Pentagon</b> said &amp; Co.')).toEqual(['the', 'pentagon', 'said', 'co'])
    expect(similarity(['a', 'b'], ['a', 'b'])).toBe(1)
    expect(similarity(['a', 'b', 'c', 'd'], ['a', 'b', 'c', 'e'])).toBe(0.75)
  })
})

describe.each(DIALECTS)('translation memory on %s', (dialect) => {
  let db: TestDb
  let memory: TranslationMemory
  const source = 'The <b>Pentagon</b> confirmed the strike near Baghdad airport on Friday night.'
  const target = '<b>Pentagon</b> potwierdził nalot w pobliżu lotniska w Bagdadzie w piątek w nocy.'
  beforeAll(async () => {
    db = await createTestDb(dialect)
    memory = new TranslationMemory(db.db)
    await memory.store({ sourceLang: 'en', targetLang: 'pl', sourceText: source, targetText: target })
    await memory.store({ sourceLang: 'en', targetLang: 'pl', sourceText: 'Iran vowed revenge.', targetText: 'Iran zapowiedział zemstę.' })
    await memory.store({ sourceLang: 'en', targetLang: 'uk', sourceText: source, targetText: 'Пентагон підтвердив удар.' })
  })
  afterAll(() => db.close())

  it('offers an exact match first, with score 1 (whitespace does not matter)', async () => {
    const s = await memory.suggest(`  ${source.replace(/ /g, '  ')} `, 'en', 'pl')
    expect(s[0]).toMatchObject({ exact: true, score: 1, targetText: target })
    expect(s).toHaveLength(1)
  })

  it('offers a near-identical segment as a fuzzy match with its score', async () => {
    const s = await memory.suggest('The Pentagon confirmed the strike near Baghdad airport on Friday evening.', 'en', 'pl')
    expect(s).toHaveLength(1)
    expect(s[0]!.exact).toBe(false)
    expect(s[0]!.score).toBeGreaterThanOrEqual(FUZZY_THRESHOLD)
    expect(s[0]!.score).toBeLessThan(1)
    expect(s[0]!.targetText).toBe(target)
  })

  it('does not offer a different sentence sharing a few words, or another language pair', async () => {
    expect(await memory.suggest('The Pentagon declined to comment on the report.', 'en', 'pl')).toEqual([])
    expect(await memory.suggest('Iran vowed revenge.', 'en', 'de')).toEqual([])
    expect((await memory.suggest(source, 'en', 'uk'))[0]!.targetText).toBe('Пентагон підтвердив удар.')
  })

  it('replaces a pair with the newer approved translation', async () => {
    await memory.store({ sourceLang: 'en', targetLang: 'pl', sourceText: 'Iran vowed revenge.', targetText: 'Iran zapowiedział odwet.' })
    const s = await memory.suggest('Iran vowed revenge.', 'en', 'pl')
    expect(s).toHaveLength(1)
    expect(s[0]!.targetText).toBe('Iran zapowiedział odwet.')
  })
})
