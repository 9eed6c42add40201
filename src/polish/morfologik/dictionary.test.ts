import { readFileSync } from 'node:fs'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { applyReplacements, createDictionary, loadDictionary, referenceLookup, type PolishDictionary } from './dictionary.js'
import { sampleSurfaceForms } from './sample.js'
import { installTestDictionary, mustNotSkip, polishJarProblem, type TestDictionary } from './test-support.js'

// Expected values are what Java's PolishStemmer (morfologik 2.1.6,
// Debian libmorfologik-stemming2-java) returns; the oracle test checks the
// same thing mechanically on a large sample.

const problem = polishJarProblem()
if (problem && !mustNotSkip()) console.warn(`[morfologik] skipping dictionary tests: ${problem}`)
const suite = problem && !mustNotSkip() ? describe.skip : describe

suite('Polish dictionary lookup', () => {
  let installed: TestDictionary
  let dict: PolishDictionary

  beforeAll(async () => {
    if (problem) throw new Error(`CI must run the dictionary tests: ${problem}`)
    installed = await installTestDictionary()
    dict = loadDictionary(installed.dictPath, installed.infoPath)
  })
  afterAll(async () => {
    await installed?.cleanup()
  })

  const lemmas = (w: string) => dict.lookup(w).map((r) => r.lemma)

  it('reads the metadata declared in polish.info', () => {
    expect(dict.metadata.encoder).toBe('PREFIX')
    expect(dict.metadata.encoding).toBe('UTF-8')
    expect(dict.metadata.separatorChar).toBe(';')
    expect(dict.fsa.flags).toBe(0x0007)
    expect(dict.fsa.hasNumbers).toBe(false)
  })

  it('hand-picked hard cases', () => {
    expect(dict.lookup('Iraku')).toEqual([{ lemma: 'Irak', tags: 'subst:sg:gen:m3+subst:sg:loc:m3+subst:sg:voc:m3' }])
    expect(dict.lookup('wojny')).toEqual([{ lemma: 'wojna', tags: 'subst:pl:acc:f+subst:pl:nom:f+subst:pl:voc:f+subst:sg:gen:f' }])
    expect(dict.lookup('żołnierzy')).toEqual([{ lemma: 'żołnierz', tags: 'subst:pl:acc:m1+subst:pl:gen:m1' }])
    expect(dict.lookup('oświadczeniu')).toEqual([
      { lemma: 'oświadczenie', tags: 'subst:sg:dat:n2+subst:sg:loc:n2' },
      { lemma: 'oświadczyć', tags: 'ger:sg:dat.loc:n2:perf:aff:refl.nonrefl' },
    ])
    // Order as Java returns it (the automaton's arc order).
    expect(dict.lookup('była')).toEqual([
      { lemma: 'była', tags: 'subst:sg:nom:f+subst:sg:voc:f' },
      { lemma: 'były', tags: 'adj:sg:nom.voc:f:pos' },
      { lemma: 'być', tags: 'verb:praet:sg:f:ter:imperf:nonrefl' },
    ])
    expect(lemmas('posłowie')).toEqual(['posłowie', 'poseł'])
    expect(lemmas('najlepszego')).toEqual(['dobry'])
    expect(lemmas('szedł')).toEqual(['iść'])
    expect(lemmas('psa')).toEqual(['pies'])
    expect(dict.lookup('zł')).toEqual([{ lemma: 'złoty', tags: 'brev:npun' }])
    // PREFIX encoder stripping a prefix: "nie-" participles.
    expect(lemmas('nieburmistrzujące')).toEqual(['burmistrzować'])
  })

  it('returns unknown words as []', () => {
    expect(dict.lookup('xyzzy')).toEqual([])
    expect(dict.lookup('wojnyy')).toEqual([])
    expect(dict.lookup('wojn')).toEqual([]) // a prefix of entries, but no separator follows
  })

  it('is case-sensitive exactly like the raw Java lookup (no case folding)', () => {
    expect(lemmas('Iraku')).toEqual(['Irak'])
    expect(dict.lookup('iraku')).toEqual([])
    expect(dict.lookup('IRAKU')).toEqual([])
    expect(lemmas('Warszawa')).toEqual(['Warszawa'])
    expect(lemmas('warszawa')).toEqual(['warszawa']) // a common noun in PoliMorf
    expect(dict.lookup('WARSZAWA')).toEqual([])
    expect(lemmas('Polska')).toEqual(['Polska'])
    expect(lemmas('polska')).toEqual(['polski'])
    expect(dict.lookup('Rząd')).toEqual([])
    expect(lemmas('NATO')).toEqual(['NATO'])
    expect(dict.lookup('nato')).toEqual([])
  })

  it('keeps multi-tag strings joined with "+", as the raw DictionaryLookup does', () => {
    const [first] = dict.lookup('a')
    expect(first).toEqual({ lemma: 'a', tags: 'conj+interj+prep:nom+qub' })
  })

  it('rejects input Java rejects: the separator, empty input, lone surrogates', () => {
    expect(dict.lookup(';')).toEqual([])
    expect(dict.lookup('ma;kota')).toEqual([])
    expect(dict.lookup('')).toEqual([])
    expect(dict.lookup('wojny\ud800')).toEqual([])
    expect(dict.lookup('\udc00')).toEqual([])
    expect(dict.lookup('😀')).toEqual([])
  })

  it('returns fresh result objects (no reuse between calls)', () => {
    const a = dict.lookup('wojny')
    dict.lookup('Iraku')
    expect(a[0]!.lemma).toBe('wojna')
  })

  it('applies fsa.dict.input-conversion before the lookup', () => {
    const info = readFileSync(installed.infoPath, 'utf8') + '\nfsa.dict.input-conversion=IRAK Irak, ﬁ fi\n'
    const converted = createDictionary(readFileSync(installed.dictPath), info)
    expect(converted.lookup('IRAKu').map((r) => r.lemma)).toEqual(['Irak'])
    expect(converted.lookup('ﬁlmu').map((r) => r.lemma)).toEqual(dict.lookup('filmu').map((r) => r.lemma))
    expect(converted.lookup('ﬁlmu').length).toBeGreaterThan(0)
  })

  it('the fast lookup (packed arcs, caches, dispatch tables, sliced lemmas) equals the plain transcription of Java', () => {
    const forms = sampleSurfaceForms(dict, 25)
    expect(forms.length).toBeGreaterThan(100_000)
    const words = [...forms, ...forms.slice(0, 20_000).map((f) => f.toUpperCase())]
    const uncached = createDictionary(readFileSync(installed.dictPath), readFileSync(installed.infoPath, 'utf8'), {
      fsa: { dispatchDepth: -1, packed: false },
      cacheLimit: 0,
    })
    let differences = 0
    for (const w of words) {
      const a = JSON.stringify(dict.lookup(w))
      if (a !== JSON.stringify(referenceLookup(uncached, w)) || a !== JSON.stringify(uncached.lookup(w))) differences++
    }
    expect(differences).toBe(0)
    expect(dict.fsa.packedArcs).not.toBeNull()
    expect(uncached.fsa.packedArcs).toBeNull()
    expect(uncached.stats().plans).toBe(0)
    expect(dict.stats().plans).toBeGreaterThan(0)
  }, 120_000)

  it('enumerates all 4,811,854 sequences of polish.dict', () => {
    expect(dict.fsa.countSequences()).toBe(4_811_854)
  }, 120_000)
})

describe('applyReplacements', () => {
  it('replaces all occurrences, pair by pair, in order', () => {
    expect(applyReplacements('ﬁﬂﬁ', [['ﬁ', 'fi'], ['ﬂ', 'fl']])).toBe('fiflfi')
    expect(applyReplacements('abc', [['b', 'x'], ['x', 'y']])).toBe('ayc')
  })
  it("keeps Java's resume-at-index+key.length quirk", () => {
    // Java resumes the search at index + key.length(), measured in the new string.
    expect(applyReplacements('aaa', [['a', 'bb']])).toBe('bbbbbb')
    // With a shorter value the next match can be skipped, as in Java.
    expect(applyReplacements('aab', [['a', '']])).toBe('ab')
    expect(applyReplacements('xaxa', [['xa', 'y']])).toBe('yxa')
  })
})
