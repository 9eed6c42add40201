import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAnalyzer, lightStem, sanitizeTerm, type Analyzer } from './analyzer.js'
import { loadDictionary } from './morfologik/dictionary.js'
import { installTestDictionary, mustNotSkip, polishJarProblem, type TestDictionary } from './morfologik/test-support.js'
import { FOLDED_STOPWORDS, isStopword, STOPWORDS } from './stopwords.js'
import { foldDiacritics, hasDiacritics, tokenize, type Token } from './tokenizer.js'

const word = (text: string, sentenceStart = false): Token => ({ text, start: 0, end: text.length, kind: 'word', sentenceStart })

describe('tokenize', () => {
  const texts = (s: string) => tokenize(s).map((t) => t.text)
  const kinds = (s: string) => tokenize(s).map((t) => `${t.text}:${t.kind}`)

  it('keeps hyphenated names, apostrophes and inner digits together', () => {
    expect(texts('Premier al-Sudani i COVID-19, F-16 oraz O’Brien i Kennedy\'ego.')).toEqual([
      'Premier', 'al-Sudani', 'i', 'COVID-19', 'F-16', 'oraz', 'O’Brien', 'i', "Kennedy'ego",
    ])
  })

  it('splits words exactly like /[\\p{L}\\p{N}\\p{M}]+(?:[-\'’][\\p{L}\\p{N}\\p{M}]+)*/u (scanned by hand), astral letters and lone surrogates included', () => {
    const reference = /[\p{L}\p{N}\p{M}]+(?:[-'’][\p{L}\p{N}\p{M}]+)*/gu
    const pool = ['a', 'Ż', 'ó', 'ǅ', 'ⅷ', '٣', '한', '\u0301', '𝐀', '𠀀', '😀', '\ud800', '\udc00', '-', "'", '’', ' ', '—', '\u3000', '_', '²']
    let seed = 7
    const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % pool.length
    for (let k = 0; k < 20_000; k++) {
      let text = ''
      for (let i = 0, n = 1 + (k % 14); i < n; i++) text += pool[next()]
      const expected = [...text.matchAll(reference)].map((m) => `${m[0]}@${m.index}`)
      expect(tokenize(text).map((t) => `${t.text}@${t.start}`), JSON.stringify(text)).toEqual(expected)
    }
  })

  it('keeps numbers with separators', () => {
    expect(kinds('Wzrost o 3,5 proc. w 2026 r., 1.000.000 zł o 10:30')).toEqual([
      'Wzrost:word', 'o:word', '3,5:number', 'proc:word', 'w:word', '2026:number', 'r:word', '1.000.000:number', 'zł:word', 'o:word', '10:30:number',
    ])
  })

  it('keeps abbreviations with their dots and does not end the sentence at them', () => {
    const t = tokenize('Mówi m.in. dr. Nowak, tzw. ekspert. Potem p.n.e. Kto?')
    expect(t.map((x) => `${x.text}:${x.kind}`)).toEqual([
      'Mówi:word', 'm.in.:abbreviation', 'dr.:abbreviation', 'Nowak:word', 'tzw.:abbreviation', 'ekspert:word', 'Potem:word', 'p.n.e.:abbreviation', 'Kto:word',
    ])
    const start = Object.fromEntries(t.map((x) => [x.text, x.sentenceStart]))
    expect(start).toMatchObject({ Mówi: true, Nowak: false, Potem: true, Kto: false })
  })

  it('keeps e-mail addresses and URLs whole, without trailing punctuation', () => {
    expect(kinds('Pisz: jan.kowalski@example.pl (albo https://www.gov.pl/web/premier).')).toEqual([
      'Pisz:word', 'jan.kowalski@example.pl:email', 'albo:word', 'https://www.gov.pl/web/premier:url',
    ])
  })

  it('gives spans into the original text', () => {
    const text = '„Żołnierze”  wrócą — do Iraku.'
    for (const t of tokenize(text)) expect(text.slice(t.start, t.end)).toBe(t.text)
  })

  it('marks sentence starts after . ! ? : and new lines', () => {
    const t = tokenize('Polska wygrała. Polska gospodarka: Rząd mówi\nNowy akapit')
    expect(t.filter((x) => x.sentenceStart).map((x) => x.text)).toEqual(['Polska', 'Polska', 'Rząd', 'Nowy'])
  })

  it('survives hostile input', () => {
    expect(tokenize('')).toEqual([])
    expect(texts('"*():^-OR NEAR \u0000 \ud800 😀')).toEqual(['OR', 'NEAR'])
    expect(tokenize('a'.repeat(100_000))).toHaveLength(1)
  })
})

describe('folding and stop words', () => {
  it('folds Polish diacritics, keeping case', () => {
    expect(foldDiacritics('Żółć łódź ĄĘŚĆŃ')).toBe('Zolc lodz AESCN')
    expect(hasDiacritics('żołnierz')).toBe(true)
    expect(hasDiacritics('zolnierz')).toBe(false)
  })

  it('has our stop words, with folded variants for plain-ASCII queries', () => {
    for (const w of ['i', 'w', 'na', 'się', 'że', 'jest', 'który', 'oraz', 'nie']) expect(isStopword(w)).toBe(true)
    for (const w of ['rząd', 'sąd', 'wojna', 'polska', 'rok', 'może']) expect(isStopword(w)).toBe(false)
    expect(FOLDED_STOPWORDS.has('sie')).toBe(true)
    expect(STOPWORDS.size).toBeGreaterThan(150)
  })
})

describe('lightStem and sanitizeTerm', () => {
  it('strips common endings of unknown words', () => {
    expect(lightStem('sudaniego')).toBe('sudan')
    expect(lightStem('sudani')).toBe('sudan')
    expect(lightStem('kowalczykowi')).toBe('kowalczyk')
    expect(lightStem('bidenem')).toBe('biden')
    expect(lightStem('zełenskiemu')).toBe('zełensk')
    expect(lightStem('al-sudaniego')).toBe('al-sudan')
    expect(lightStem("kennedy'ego")).toBe('kennedy')
    expect(lightStem('ala')).toBe('ala')
    expect(lightStem('covid19')).toBe('covid19')
  })

  it('keeps only letters, digits and - _ . @', () => {
    expect(sanitizeTerm('O’Brien')).toBe('o_brien')
    expect(sanitizeTerm('"*():^')).toBe('')
    expect(sanitizeTerm('x'.repeat(100))).toHaveLength(64)
  })
})

describe('analyzer without the dictionary (degraded mode)', () => {
  const a = createAnalyzer(null)

  it('says so and indexes forms and stems, with and without diacritics', () => {
    expect(a.morphology).toBe(false)
    expect(a.signature).toContain('no-dictionary')
    expect(a.tokenTerms(word('Żołnierzy')).terms).toEqual(['zolnierz', 'żołnierzy', 'żołnierz', 'zolnierzy'])
    expect(a.queryTerms(word('zolnierzy')).terms).toEqual(['zolnierz', 'zolnierzy'])
  })

  it('gives positions to indexed tokens only', () => {
    const tokens = a.analyze('Wojna w Iraku')
    expect(tokens.map((t) => t.position)).toEqual([0, -1, 1])
    expect(tokens[1]!.stop).toBe(true)
  })
})

describe.skipIf(polishJarProblem() !== null && !mustNotSkip())('analyzer with the Morfologik dictionary', () => {
  let installed: TestDictionary
  let a: Analyzer
  beforeAll(async () => {
    installed = await installTestDictionary()
    a = createAnalyzer(loadDictionary(installed.dictPath, installed.infoPath))
  })
  afterAll(() => installed?.cleanup())

  const doc = (text: string, sentenceStart = false) => a.tokenTerms(word(text, sentenceStart)).terms
  const query = (text: string) => a.queryTerms(word(text)).terms

  it('indexes lemmas of inflected forms, proper nouns included', () => {
    expect(a.morphology).toBe(true)
    expect(doc('Iraku')).toEqual(['irak'])
    expect(doc('Irakiem')).toEqual(['irak'])
    expect(doc('wojny')).toEqual(['wojna'])
    expect(doc('żołnierzy')).toEqual(['żołnierz'])
    expect(doc('Warszawie')).toEqual(['warszawa'])
  })

  it('keeps every lemma of an ambiguous form, the first one primary', () => {
    expect(doc('ma')).toEqual(['mieć', 'mój'])
  })

  it('treats capitals by position: sentence start adds the lower-case reading', () => {
    expect(doc('Polska')).toEqual(['polska'])
    expect(doc('Polska', true)).toEqual(['polska', 'polski'])
    // Unknown as written, known lower-cased.
    expect(doc('Sejmu')).toEqual(['sejm'])
    // Acronyms as written; shouting capitalised.
    expect(doc('USA')).toEqual(['usa'])
    expect(doc('IRAKU')).toEqual(['irak'])
  })

  it('gives unknown words their form and stem, also without diacritics', () => {
    expect(doc('Zełenskiego')).toEqual(['zelensk', 'zełenskiego', 'zełensk', 'zelenskiego'])
    expect(doc('al-Sudaniego')).toEqual(expect.arrayContaining(['al-sudan', 'al-sudaniego', 'sudan']))
  })

  it('expands plain-ASCII query words to the dictionary forms with Polish letters', () => {
    expect(a.restoreDiacritics('zolnierzy')).toEqual(['żołnierzy'])
    expect(a.restoreDiacritics('Lodz')).toContain('Łódź')
    expect(query('zolnierzy')).toContain('żołnierz')
    expect(query('Lodz')).toContain('łódź')
    expect(query('sad')).toEqual(expect.arrayContaining(['sad', 'sąd']))
    expect(query('wojny')).toEqual(['wojna'])
  })

  it('looks query words up in every case', () => {
    expect(query('iraku')).toEqual(['irak'])
    expect(query('IRAKU')).toEqual(['irak'])
    expect(query('polska')).toEqual(expect.arrayContaining(['polski', 'polska']))
  })

  it('matches query terms to document terms across forms', () => {
    const shares = (q: string, d: string) => query(q).some((t) => doc(d).includes(t))
    expect(shares('Iraku', 'Irak')).toBe(true)
    expect(shares('Irakiem', 'Iraku')).toBe(true)
    expect(shares('zolnierzy', 'żołnierze')).toBe(true)
    expect(shares('Zelenskiemu', 'Zełenskiego')).toBe(true)
    expect(shares('al-Sudani', 'al-Sudaniego')).toBe(true)
    expect(shares('Sudani', 'al-Sudaniego')).toBe(true)
    expect(shares('wojny', 'pokoju')).toBe(false)
  })

  it('analyzes text with spans, positions and stop words', () => {
    const text = 'Premier Iraku oświadczył, że 3,5 tys. żołnierzy wróci.'
    const tokens = a.analyze(text)
    expect(tokens.map((t) => text.slice(t.start, t.end))).toEqual(tokens.map((t) => t.text))
    expect(tokens.find((t) => t.text === 'że')!.stop).toBe(true)
    expect(tokens.find((t) => t.text === '3,5')!.terms).toEqual(['3.5'])
    expect(tokens.filter((t) => !t.stop).map((t) => t.position)).toEqual([0, 1, 2, 3, 4, 5, 6])
  })

  it('analyzes a news paragraph fast (cached look-ups)', () => {
    const text = 'Premier Iraku Muhammad Szia al-Sudani oświadczył w sobotę, że wojska amerykańskie opuszczą kraj do końca przyszłego roku. '.repeat(200)
    a.analyze(text)
    const started = performance.now()
    const tokens = a.analyze(text)
    const ms = performance.now() - started
    expect(tokens.length).toBe(17 * 200)
    // Generous bound for a loaded CI machine; typically 2–5 ms (about 1 µs a token).
    expect(ms).toBeLessThan(500)
  })
})
