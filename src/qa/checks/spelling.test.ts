import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { env, loadTestTools, noDictionary, unit, type Tools } from '../test-support.js'
import { checkSpelling } from './spelling.js'

describe.skipIf(noDictionary)('spelling against the Morfologik word list', () => {
  let tools: Tools
  beforeAll(async () => {
    tools = await loadTestTools()
  })
  afterAll(() => tools?.cleanup())

  it('reports unknown lower-case words as warnings with their span', () => {
    const text = 'Rozmowy zakonczyły się porozumieniem.'
    const [f, ...rest] = checkSpelling(unit(text), env({ dictionary: tools.dictionary }))
    expect(rest).toEqual([])
    expect(f).toMatchObject({ kind: 'spelling', severity: 'warning', start: 8, end: 18, text: 'zakonczyły' })
    expect(f!.message).toContain('„zakonczyły”')
  })

  it('leaves names, abbreviations, numbers, known compounds and the glossary alone', () => {
    const text = 'Qassem Soleimani i Daesh (IS) oraz NATO; F-16, polsko-amerykański sojusz, 2500 żołnierzy, dronów i al-Muhandis.'
    const found = checkSpelling(unit(text), env({ dictionary: tools.dictionary, glossary: ['dron'] }))
    expect(found.map((f) => f.text)).toEqual(['dronów'])
    expect(checkSpelling(unit(text), env({ dictionary: tools.dictionary, glossary: ['dronów'] }))).toEqual([])
    expect(checkSpelling(unit('wizyta szejka i ajatollaha'), env({ dictionary: tools.dictionary, knownNames: ['szejka', 'ajatollaha'] }))).toEqual([])
  })

  it('does nothing without the dictionary, for other languages, or in foreign text', () => {
    expect(checkSpelling(unit('zakonczyły'), env())).toEqual([])
    expect(checkSpelling(unit('the talks'), env({ dictionary: tools.dictionary }, { language: 'en' }))).toEqual([])
    const u = unit('and the talks', 'caption')
    const e = env({ dictionary: tools.dictionary })
    ;(e.foreign as Set<typeof u>).add(u)
    expect(checkSpelling(u, e)).toEqual([])
  })
})
