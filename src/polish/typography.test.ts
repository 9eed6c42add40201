import { describe, expect, it } from 'vitest'
import { NBSP, typographyPl, typographyRuns } from './typography.js'

// Tests write a non-breaking space as "␣" for readability.
const n = (s: string) => s.replace(/␣/g, NBSP)
const t = (s: string) => typographyPl(s).replace(/\u00A0/g, '␣')

describe('one-letter words', () => {
  it.each([
    ['Ala i kot', 'Ala i␣kot'],
    ['kot a pies', 'kot a␣pies'],
    ['mówi o tym', 'mówi o␣tym'],
    ['u nas', 'u␣nas'],
    ['jest w domu', 'jest w␣domu'],
    ['idę z psem', 'idę z␣psem'],
  ])('%s', (input, expected) => {
    expect(t(input)).toBe(expected)
  })

  it('handles capitals and sentence starts', () => {
    expect(t('A to nowość. W domu. I tak. O czym? U nas. Z nami.')).toBe(
      'A␣to nowość. W␣domu. I␣tak. O␣czym? U␣nas. Z␣nami.',
    )
  })

  it('handles chains', () => {
    expect(t('był i w domu')).toBe('był i␣w␣domu')
    expect(t('a o tym')).toBe('a␣o␣tym')
    expect(t('i a o u w z koniec')).toBe('i␣a␣o␣u␣w␣z␣koniec')
  })

  it('works after opening punctuation', () => {
    expect(t('(w tym dzieci)')).toBe('(w␣tym dzieci)')
    expect(t('„A to co?” – spytał')).toBe('„A␣to co?”␣– spytał')
    expect(t('tak – i nie')).toBe('tak␣– i␣nie')
  })

  it('leaves other letters, initials, list markers and word endings alone', () => {
    expect(t('b to nie słowo')).toBe('b to nie słowo')
    expect(t('J. Kowalski i W. Nowak')).toBe('J. Kowalski i␣W. Nowak')
    expect(t('punkt a) oraz b)')).toBe('punkt a) oraz b)')
    expect(t('Ala ma')).toBe('Ala ma')
    expect(t('kawa i')).toBe('kawa i')
    expect(t('i\nkot')).toBe('i\nkot')
  })
})

describe('numbers', () => {
  it.each([
    ['5 km', '5␣km'],
    ['10 proc.', '10␣proc.'],
    ['20 tys.', '20␣tys.'],
    ['3 mln zł', '3␣mln␣zł'],
    ['2,5 mld euro', '2,5␣mld␣euro'],
    ['5 tys. zł', '5␣tys.␣zł'],
    ['15 °C', '15␣°C'],
    ['2026 r.', '2026␣r.'],
    ['100 zł', '100␣zł'],
    ['5 %', '5␣%'],
    ['120 km/h', '120␣km/h'],
    ['50 m²', '50␣m²'],
    ['3 godz. i 15 min', '3␣godz. i␣15␣min'],
    ['XXI w.', 'XXI␣w.'],
    ['w XIX wieku', 'w␣XIX␣wieku'],
  ])('unit: %s', (input, expected) => {
    expect(t(input)).toBe(expected)
  })

  it('does not bind a unit that is only the start of a word', () => {
    expect(t('5 minut')).toBe('5 minut')
    expect(t('3 miesiące')).toBe('3 miesiące')
    expect(t('7 gramów')).toBe('7 gramów')
    expect(t('2 lata')).toBe('2 lata')
    expect(t('5 m.in.')).toBe('5 m.in.')
  })

  it('binds digit groups separated by spaces', () => {
    expect(t('10 000 osób')).toBe('10␣000 osób')
    expect(t('1 000 000 zł')).toBe('1␣000␣000␣zł')
    expect(t('12 345,67 zł')).toBe('12␣345,67␣zł')
  })

  it('does not glue a year to a following number', () => {
    expect(t('w 2026 200 osób')).toBe('w␣2026 200 osób')
    expect(t('rok 2026 1500 osób')).toBe('rok 2026 1500 osób')
  })

  it.each([
    ['nr 5', 'nr␣5'],
    ['Nr 12', 'Nr␣12'],
    ['s. 12', 's.␣12'],
    ['ul. Wiejska 4 i ul. 3 Maja', 'ul. Wiejska 4 i␣ul.␣3 Maja'],
    ['godz. 14:00', 'godz.␣14:00'],
    ['art. 7 ust. 2 pkt 3', 'art.␣7 ust.␣2␣pkt␣3'],
    ['§ 4', '§␣4'],
    ['ok. 300 osób', 'ok.␣300 osób'],
  ])('abbreviation before a number: %s', (input, expected) => {
    expect(t(input)).toBe(expected)
  })

  it('needs a whole abbreviation', () => {
    expect(t('przez las. 5 osób')).toBe('przez las. 5 osób')
    expect(t('ul. Wiejska')).toBe('ul. Wiejska')
  })
})

describe('quotes', () => {
  it('turns straight and English double quotes into Polish ones', () => {
    expect(t('Powiedział "tak".')).toBe('Powiedział „tak”.')
    expect(t('Powiedział “tak”.')).toBe('Powiedział „tak”.')
    expect(t('"Tak" – odpowiedział.')).toBe('„Tak”␣– odpowiedział.')
    expect(t('("w nawiasie")')).toBe('(„w␣nawiasie”)')
  })

  it('uses ‚…’ for nested quotes', () => {
    expect(t('"Mówił "nie" wiele razy"')).toBe('„Mówił ‚nie’ wiele razy”')
    expect(t('“He said ‘no’ twice”')).toBe('„He said ‚no’ twice”')
    expect(t(`"Mówił 'nie' wiele razy"`)).toBe('„Mówił ‚nie’ wiele razy”')
    expect(t('„Polski "wewnętrzny" cytat”')).toBe('„Polski ‚wewnętrzny’ cytat”')
  })

  it('goes back to „…” at the third level', () => {
    expect(t(`"a 'b "c" d' e"`)).toBe('„a␣‚b „c” d’ e”')
  })

  it('converts top-level single quotes by depth too', () => {
    expect(t("'Pojedyncze' na zewnątrz")).toBe('„Pojedyncze” na zewnątrz')
  })

  it('turns apostrophes into ’', () => {
    expect(t("O'Brien")).toBe('O’Brien')
    expect(t("McDonald's i rock'n'roll")).toBe('McDonald’s i␣rock’n’roll')
    expect(t("lata '90")).toBe('lata ’90')
    expect(t('"O\'Brien powiedział"')).toBe('„O’Brien powiedział”')
  })

  it('leaves correct Polish quotes untouched', () => {
    const polish = '„Już polskie ‚zagnieżdżone’ cudzysłowy” zostają, O’Brien też.'
    expect(typographyPl(polish)).toBe(polish)
  })

  it('closes German-style „…“ with ”', () => {
    expect(t('„Niemiecki styl“ też')).toBe('„Niemiecki styl” też')
  })

  it('fixes a mistyped ” used as an opening quote', () => {
    expect(t('Powiedział ”tak”.')).toBe('Powiedział „tak”.')
  })

  it('keeps quoting state across sentences and with punctuation', () => {
    expect(t('"Tak." "Nie!" "Może?"')).toBe('„Tak.” „Nie!” „Może?”')
    expect(t('Słowa: "koniec".')).toBe('Słowa: „koniec”.')
  })

  it('leaves « » alone', () => {
    expect(t('«tak»')).toBe('«tak»')
  })
})

describe('dashes', () => {
  it('turns a spaced hyphen or em dash into a spaced en dash bound to the word before', () => {
    expect(t('Premier - jak zawsze - milczał.')).toBe('Premier␣– jak zawsze␣– milczał.')
    expect(t('Premier — jak zawsze — milczał.')).toBe('Premier␣– jak zawsze␣– milczał.')
    expect(t('Premier -- milczał')).toBe('Premier␣– milczał')
    expect(t('Premier – milczał')).toBe('Premier␣– milczał')
  })

  it('makes number ranges unspaced en dashes', () => {
    expect(t('2010-2012')).toBe('2010–2012')
    expect(t('10-15 osób')).toBe('10–15 osób')
    expect(t('1,5-2 mln')).toBe('1,5–2␣mln')
    expect(t('godz. 8:00-16:00')).toBe('godz.␣8:00–16:00')
    expect(t('(2010-2012).')).toBe('(2010–2012).')
  })

  it('never touches hyphens inside words, dates, codes or phone numbers', () => {
    for (const s of [
      'al-Sudani',
      'biało-czerwony',
      'COVID-19',
      'F-16',
      '2-letni',
      'dn. 2026-11-27',
      '00-950 Warszawa',
      'tel. 22-123-45-67',
      'al -Muhandis',
      'ISBN 978-83-01-00000-1',
    ]) {
      expect(typographyPl(s).replace(/\u00A0/g, ' ')).toBe(s)
    }
  })
})

describe('spaces and punctuation', () => {
  it('collapses runs of spaces and tabs, keeps line breaks', () => {
    expect(t('raz   dwa\t\ttrzy')).toBe('raz dwa trzy')
    expect(t('raz\ndwa')).toBe('raz\ndwa')
    expect(t('raz ␣ dwa'.replace(/␣/g, NBSP))).toBe('raz␣dwa')
  })

  it('removes spaces before , . ; : ! ?', () => {
    expect(t('Tak , nie . Może ; raczej : dobrze ! Czy ?')).toBe('Tak, nie. Może; raczej: dobrze! Czy?')
    expect(t('Naprawdę ?!')).toBe('Naprawdę?!')
    expect(t('koniec ."')).toBe('koniec.”')
  })

  it('keeps a space before a dot that starts a word', () => {
    expect(t('technologia .NET')).toBe('technologia .NET')
  })

  it('turns three dots into an ellipsis', () => {
    expect(t('I tak dalej...')).toBe('I␣tak dalej…')
    expect(t('I tak dalej ...')).toBe('I␣tak dalej…')
    expect(t('Cóż... zobaczymy')).toBe('Cóż… zobaczymy')
    expect(t('dwie.. kropki i cztery....')).toBe('dwie.. kropki i␣cztery....')
  })
})

describe('URLs and e-mails', () => {
  it('leaves them intact', () => {
    const s = 'Zob. https://depesza.pl/a i-b?x="1"&y=2-3 oraz www.example.com/w z i jan.i@a-b.pl'
    const out = typographyPl(s)
    expect(out).toContain('https://depesza.pl/a')
    expect(out).toContain('www.example.com/w')
    expect(out).toContain('jan.i@a-b.pl')
  })

  it('leaves sentence punctuation after a URL to the text', () => {
    expect(t('Wejdź na https://depesza.pl/a-1 .')).toBe('Wejdź na https://depesza.pl/a-1.')
    expect(t('(zob. https://x.pl/1-2)')).toBe('(zob. https://x.pl/1-2)')
  })

  it('does not convert quotes or dashes inside a URL', () => {
    const url = "https://x.pl/o'brien/2010-2012/a...b"
    expect(typographyPl(`Link: ${url} i tyle`)).toBe(n(`Link: ${url} i␣tyle`))
  })
})

const CORPUS = [
  'Premier Iraku Muhammad Szia al-Sudani oświadczył w oświadczeniu, że "nie pozwoli" na wojnę - podała agencja.',
  'W latach 2010-2012 w Bagdadzie zginęło ok. 10 000 osób, a o tym "mało kto ‘pamięta’" ...',
  "O'Brien i a o w z u: 5 km , 10 proc. ; 3 mln zł ! 15 °C ? 2026 r. - koniec",
  '  Wiele   spacji  —  i   myślniki -- oraz "cudzysłowy"  ',
  '„Już poprawny tekst” – z␣twardymi spacjami i ‚cytatami’.'.replace(/␣/g, NBSP),
  'Zob. https://depesza.pl/a-b?q="x" i napisz: redakcja@depesza.pl ...',
  '"a \'b "c" d\' e" \'f\' g',
  'Nr 5, s. 12, ul. 3 Maja 4, godz. 8:00-16:00, XXI w., 1 000 000 zł, 00-950 Warszawa.',
  '"niezamknięty cudzysłów i "zagnieżdżony',
  'Ala ma "kota", a kot ma Alę... I co?',
]

describe('idempotence', () => {
  it.each(CORPUS)('typographyPl(typographyPl(x)) === typographyPl(x): %s', (s) => {
    const once = typographyPl(s)
    expect(typographyPl(once)).toBe(once)
  })

  it('leaves the empty string empty', () => {
    expect(typographyPl('')).toBe('')
  })
})

// Deterministic pseudo-random splits for the run tests.
function* splits(s: string, count: number, seed: number): Generator<string[]> {
  let x = seed
  const rand = () => {
    x = (x * 1103515245 + 12345) % 2147483648
    return x / 2147483648
  }
  for (let k = 0; k < count; k++) {
    const cuts = new Set<number>()
    const m = 1 + Math.floor(rand() * 6)
    for (let i = 0; i < m; i++) cuts.add(Math.floor(rand() * (s.length + 1)))
    const sorted = [...cuts].sort((a, b) => a - b)
    const runs: string[] = []
    let prev = 0
    for (const c of sorted) {
      runs.push(s.slice(prev, c))
      prev = c
    }
    runs.push(s.slice(prev))
    yield runs
  }
}

describe('typographyRuns', () => {
  it('sees quotes and one-letter words across run boundaries', () => {
    expect(typographyRuns(['Powiedział "', 'tak', '".'])).toEqual(['Powiedział „', 'tak', '”.'])
    expect(typographyRuns(['Ala i', ' kot'])).toEqual(['Ala i', n('␣kot')])
    expect(typographyRuns(['Ala i ', 'kot'])).toEqual([n('Ala i␣'), 'kot'])
    expect(typographyRuns(['był ', 'w', ' domu'])).toEqual(['był ', 'w', n('␣domu')])
  })

  it('keeps the number of runs, including empty ones', () => {
    expect(typographyRuns([])).toEqual([])
    expect(typographyRuns(['', 'i tak', ''])).toEqual(['', n('i␣tak'), ''])
  })

  it('puts a collapsed or replaced sequence where it started', () => {
    expect(typographyRuns(['raz ', ' dwa'])).toEqual(['raz ', 'dwa'])
    expect(typographyRuns(['czekaj..', '.'])).toEqual(['czekaj…', ''])
    expect(typographyRuns(['Premier ', '- ', 'milczał'])).toEqual([n('Premier␣'), '– ', 'milczał'])
  })

  it('joins to exactly typographyPl of the joined text, for many splits', () => {
    let seed = 1
    for (const s of CORPUS) {
      for (const runs of splits(s, 40, seed++)) {
        const out = typographyRuns(runs)
        expect(out).toHaveLength(runs.length)
        expect(out.join('')).toBe(typographyPl(runs.join('')))
        // Idempotent per run too.
        expect(typographyRuns(out)).toEqual(out)
      }
    }
  })

  it('leaves runs of already typeset text exactly as they are', () => {
    const runs = ['„Tekst', n(' z␣twardą'), ' spacją”', n('␣– koniec.')]
    expect(typographyRuns(runs)).toEqual(runs)
  })
})
