import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLexicon, type Lexicon } from '../lexicon.js'
import { env, loadTestTools, noDictionary, unit, type Tools } from '../test-support.js'
import { checkRepetition, findRepetitions, relation } from './repetition.js'

const SEED = 'Premier Iraku Mohammed Shia al-Sudani oświadczył w oświadczeniu, że sponsorował „rozpoczęcie pierwszej rundy dwustronnego dialogu”.'

describe('repetition rule', () => {
  it('same word, same lemma, shared root (prefix of 6+ letters covering 3/4 of the shorter lemma)', () => {
    expect(relation({ lower: 'iraku', lemmas: ['irak'] }, { lower: 'iraku', lemmas: ['irak'] })).toEqual({ relation: 'same-word' })
    expect(relation({ lower: 'oświadczył', lemmas: ['oświadczyć'] }, { lower: 'oświadczeniu', lemmas: ['oświadczenie', 'oświadczyć'] })).toEqual({ relation: 'same-lemma', lemma: 'oświadczyć' })
    expect(relation({ lower: 'oświadczył', lemmas: ['oświadczyć'] }, { lower: 'oświadczeniu', lemmas: ['oświadczenie'] })).toEqual({ relation: 'same-root', lemma: 'oświadcz' })
    expect(relation({ lower: 'wojsko', lemmas: ['wojsko'] }, { lower: 'wojskowe', lemmas: ['wojskowy'] })).toEqual({ relation: 'same-root', lemma: 'wojsko' })
    expect(relation({ lower: 'międzynarodowy', lemmas: ['międzynarodowy'] }, { lower: 'międzyrządowy', lemmas: ['międzyrządowy'] })).toBeNull()
    expect(relation({ lower: 'przedstawił', lemmas: ['przedstawić'] }, { lower: 'przedsiębiorca', lemmas: ['przedsiębiorca'] })).toBeNull()
  })

  it('without the dictionary: same words and light stems, stop words never compared', () => {
    const lex = createLexicon(null)
    expect(findRepetitions('Atak nastąpił po ataku na bazę.', lex).map((r) => [r.first.text, r.second.text, r.relation])).toEqual([['Atak', 'ataku', 'same-lemma']])
    expect(findRepetitions('w Iraku i w Syrii, i w Iranie', lex)).toEqual([])
    // The seed's pair through the root rule on stems: "oświadczył" / "oświadczeni".
    expect(findRepetitions(SEED, lex).map((r) => [r.first.text, r.second.text, r.relation, r.lemma])).toEqual([['oświadczył', 'oświadczeniu', 'same-root', 'oświadcz']])
  })

  it('only within the window, and only within a line', () => {
    const lex = createLexicon(null)
    expect(findRepetitions('Ataki trwały długo, potem przyszła cisza, nowe ataki.', lex)).toEqual([])
    expect(findRepetitions('ataki na bazę\nataki dronów', lex)).toEqual([])
  })

  it('a word doubled by mistake', () => {
    const [r] = findRepetitions('Rozmowy odbyły się się w Bagdadzie.', createLexicon(null))
    expect(r).toMatchObject({ kind: 'doubled-word', first: { text: 'się', start: 15 }, second: { text: 'się', start: 19 } })
  })
})

describe.skipIf(noDictionary)('repetition with the Morfologik lemmas', () => {
  let tools: Tools
  let lex: Lexicon
  beforeAll(async () => {
    tools = await loadTestTools()
    lex = createLexicon(tools.dictionary)
  })
  afterAll(() => tools?.cleanup())

  it('finds "oświadczył w oświadczeniu" with its span, as a warning', () => {
    const [f, ...rest] = checkRepetition(unit(SEED), env({ dictionary: tools.dictionary }))
    expect(rest).toEqual([])
    const start = SEED.indexOf('oświadczył')
    expect(f).toMatchObject({ kind: 'repetition', severity: 'warning', field: 'body', block: 'b1', start, end: start + 'oświadczył w oświadczeniu'.length, text: 'oświadczył w oświadczeniu' })
    expect(f!.message).toBe('Powtórzenie: „oświadczył” i „oświadczeniu” (ta sama forma podstawowa „oświadczyć”) stoją blisko siebie. Zastąp jedno z nich wyrazem bliskoznacznym albo przebuduj zdanie.')
  })

  it('inflected forms of one lemma; common verbs are not counted', () => {
    expect(findRepetitions('Decyzja zapadła, a decyzję ogłoszono wieczorem.', lex).map((r) => r.lemma)).toEqual(['decyzja'])
    expect(findRepetitions('Był tam i był zadowolony, że był.', lex)).toEqual([])
  })

  it('the corrected sentence has none', () => {
    expect(findRepetitions('Premier Iraku Mohammed Szija as-Sudani poinformował w oświadczeniu, że zainaugurował rozmowy.', lex)).toEqual([])
  })

  it('not in text judged to be in another language', () => {
    const u = unit('The statement stated that statements were made.', 'caption')
    const e = env({ dictionary: tools.dictionary })
    ;(e.foreign as Set<typeof u>).add(u)
    expect(checkRepetition(u, e)).toEqual([])
  })
})
