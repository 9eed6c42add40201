import { describe, expect, it } from 'vitest'
import { env, unit } from '../test-support.js'
import { checkCutOff, judgeEnding } from './cut-off.js'

describe('cut-off text', () => {
  it('finds the seed caption cut off mid-name, spanning the titles and the fragment', () => {
    const text = 'Iraqi Prime Minister Mohammed Shia al Sudani (R) and Major General Joel'
    const [f, ...rest] = checkCutOff(unit(text, 'caption'), env())
    expect(rest).toEqual([])
    expect(f).toMatchObject({ kind: 'cut-off', severity: 'error', field: 'caption', start: 53, end: 71, text: 'Major General Joel' })
    expect(text.slice(f!.start, f!.end)).toBe(f!.text)
    expect(f!.message).toContain('w pół nazwiska')
  })

  it.each([
    ['Premier spotkał się z gen. Joel', 'gen. Joel'],
    ['Prime Minister al-Sudani and Major General', 'Major General'],
    ['Premier Iraku i gen.', 'gen.'],
  ])('name fragments after Polish titles and abbreviations: %s', (text, span) => {
    const v = judgeEnding(text, 'caption')!
    expect(text.slice(v.start, v.end)).toBe(span)
  })

  it('conjunctions, prepositions and signs that need a continuation', () => {
    expect(judgeEnding('Żołnierze amerykańscy i', 'caption')).toMatchObject({ kind: 'cut-off', reason: 'dangling-word' })
    expect(judgeEnding('Soldiers of the', 'caption')).toMatchObject({ kind: 'cut-off', reason: 'dangling-word' })
    expect(judgeEnding('Premier Iraku oraz', 'headline')).toMatchObject({ kind: 'cut-off', reason: 'dangling-word' })
    expect(judgeEnding('Spotkanie w Bagdadzie,', 'paragraph')).toMatchObject({ kind: 'cut-off', reason: 'bad-end' })
    expect(judgeEnding('Stany Zjednoczone i Irak –', 'lede')).toMatchObject({ kind: 'cut-off', reason: 'bad-end' })
  })

  it('complete texts are fine, with closing quotes and brackets after the full stop', () => {
    expect(judgeEnding('Premier Iraku Mohammed Szija as-Sudani (z prawej) i gen. dyw. Joel B. Vowell.', 'caption')).toBeNull()
    expect(judgeEnding('„będzie pracować nad ustaleniem warunków przeniesienia misji w Iraku.”', 'paragraph')).toBeNull()
    expect(judgeEnding('Czy to koniec misji?', 'paragraph')).toBeNull()
    expect(judgeEnding('Zapowiedziała kontynuowanie ataków (zob. niżej).', 'paragraph')).toBeNull()
    expect(judgeEnding('Urzędnicy wymienili trzy warunki:', 'paragraph')).toBeNull()
    expect(judgeEnding('Prezydent Duda.', 'caption')).toBeNull()
    expect(judgeEnding('Na zdjęciu premier', 'caption')).toBeNull()
    expect(judgeEnding('W tej sprawie wypowiedział się Prezydent.', 'paragraph')).toBeNull()
  })

  it('captions may end without a full stop; paragraphs get a warning', () => {
    expect(checkCutOff(unit('Zniszczony most na Dnieprze w Chersoniu', 'caption'), env())).toEqual([])
    const text = 'Rozpoczęcie rozmów następuje w momencie napięć'
    const [f] = checkCutOff(unit(text), env())
    expect(f).toMatchObject({ kind: 'missing-final-punctuation', severity: 'warning', start: text.lastIndexOf('napięć'), end: text.length, text: 'napięć' })
  })

  it('headings, lists and credits are not held to sentence endings; dangling ends there are warnings', () => {
    expect(checkCutOff(unit('Co dalej z koalicją', 'heading'), env())).toEqual([])
    expect(checkCutOff(unit('pierwszy punkt\ndrugi punkt', 'list'), env())).toEqual([])
    expect(checkCutOff(unit('Fot. PAP/Reuters i', 'credit'), env())).toEqual([])
    expect(checkCutOff(unit('Co dalej z koalicją i', 'heading'), env())[0]).toMatchObject({ kind: 'cut-off', severity: 'warning' })
    expect(checkCutOff(unit('Żołnierze amerykańscy w bazie i', 'alt'), env())[0]).toMatchObject({ kind: 'cut-off', severity: 'warning' })
  })

  it('speaks English on request', () => {
    const [f] = checkCutOff(unit('Major General Joel', 'caption'), env({ messages: 'en' }))
    expect(f!.message).toBe('The text looks cut off: it ends in the middle of a name: “Major General Joel”. Complete it from the original (full name, whole sentence).')
  })
})
