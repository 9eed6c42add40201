import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS, createTestDb, type TestDb } from '../../test/support.js'
import { Glossary, GlossaryRepository, containsRendering, stem } from './glossary.js'

const entries = [
  { sourceLang: 'en', term: 'Islamic State', target: 'Państwo Islamskie' },
  { sourceLang: 'en', term: 'Qasem Soleimani', target: 'Kasem Sulejmani', note: 'pisownia przyjęta przez PAP' },
  { sourceLang: 'en', term: 'Abu Mahdi al-Muhandis', target: 'Abu Mahdi al-Muhandis' },
  { sourceLang: 'en', term: 'State', target: 'stan' },
]

describe('glossary rules', () => {
  it('stems drop the last two letters, keeping at least three', () => {
    expect(stem('Państwo')).toBe('państ')
    expect(stem('Islamskie')).toBe('islamsk')
    expect(stem('Iran')).toBe('ira')
    expect(stem('USA')).toBe('usa')
  })

  it.each([
    ['Bojownicy Państwa Islamskiego przyznali się do zamachu.', true],
    ['Walka z Państwem Islamskim trwa.', true],
    ['PAŃSTWO ISLAMSKIE ogłosiło…', true],
    ['Państwo Islamu ogłosiło…', false],
    ['Islamskie Państwo ogłosiło…', false],
    ['Państwo, które jest islamskie', false],
  ])('finds inflected renderings loosely: %s → %s', (text, ok) => {
    expect(containsRendering(text, 'Państwo Islamskie')).toBe(ok)
  })
})

describe('applyGlossary', () => {
  const glossary = new Glossary(entries)

  it('reports a source term whose required rendering the translation lacks', () => {
    const findings = glossary.applyGlossary('Za zamach odpowiada Islamic State.', 'The Islamic State claimed the attack.')
    expect(findings).toEqual([
      expect.objectContaining({ term: 'Islamic State', expected: 'Państwo Islamskie', message: expect.stringContaining('„Państwo Islamskie”') }),
    ])
  })

  it('accepts inflected forms and names in their Polish case', () => {
    expect(glossary.applyGlossary('Do zamachu przyznało się Państwo Islamskie.', 'The Islamic State claimed the attack.')).toEqual([])
    expect(glossary.applyGlossary('Zginął generał Kasem Sulejmani i Abu Mahdi al-Muhandis.', 'General Qasem Soleimani and Abu Mahdi al-Muhandis were killed.')).toEqual([])
    expect(glossary.applyGlossary('Pogrzeb Kasema Sulejmaniego.', 'The funeral of Qasem Soleimani.')).toEqual([])
  })

  it('reports other spellings of names, with the note', () => {
    const findings = glossary.applyGlossary('Zginął generał Ghasem Solejmani i Abu Mahdi al -Muhandis.', 'General Qasem Soleimani and Abu Mahdi al-Muhandis were killed.')
    expect(findings.map((f) => f.term)).toEqual(['Abu Mahdi al-Muhandis', 'Qasem Soleimani'].sort((a, b) => b.length - a.length))
    expect(findings.find((f) => f.term === 'Qasem Soleimani')!.message).toContain('pisownia przyjęta przez PAP')
  })

  it('matches whole words only and reports a shorter term inside a longer one once', () => {
    expect(glossary.applyGlossary('Nic.', 'Statement by the Statesman.')).toEqual([])
    expect(glossary.applyGlossary('Za zamach odpowiada Islamic State.', 'the islamic   state claimed it').map((f) => f.term)).toEqual(['Islamic State'])
  })
})

describe.each(DIALECTS)('glossary table on %s', (dialect) => {
  let db: TestDb
  beforeAll(async () => {
    db = await createTestDb(dialect)
  })
  afterAll(() => db.close())

  it('stores, updates, lists and removes entries; load() checks translations', async () => {
    const repo = new GlossaryRepository(db.db)
    for (const e of entries) await repo.upsert(e)
    await repo.upsert({ sourceLang: 'en', term: ' Islamic  State ', target: 'Państwo Islamskie', note: 'nie: ISIS' })
    await repo.upsert({ sourceLang: 'de', term: 'Islamischer Staat', target: 'Państwo Islamskie' })
    const list = await repo.list('en')
    expect(list).toHaveLength(4)
    expect(list.find((e) => e.term === 'Islamic State')!.note).toBe('nie: ISIS')
    await repo.remove('en', 'State')
    const glossary = await repo.load('en')
    expect(glossary.applyGlossary('Islamic State', 'The Islamic State said')[0]!.note).toBe('nie: ISIS')
    await expect(repo.upsert({ sourceLang: 'en', term: ' ', target: 'x' })).rejects.toThrow(/puste/)
  })
})
