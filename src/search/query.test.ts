import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { createAnalyzer } from '../polish/analyzer.js'
import { MAX_QUERY_LENGTH, parseQuery, phraseCombinations, toFts5, toTsquery, toTsqueryPrefilter } from './query.js'

// Degraded analyzer: no dictionary needed, terms are forms and stems.
const analyzer = createAnalyzer(null)

describe('parseQuery', () => {
  it('splits words, phrases and exclusions; drops stop words', () => {
    const q = parseQuery(analyzer, 'Irak "wojna w Iraku" -sport -"piłka nożna" i')
    expect(q.clauses.map((c) => `${c.negated ? '-' : ''}${c.kind}:${c.words.map((w) => w.text).join(' ')}`)).toEqual([
      'word:Irak',
      'phrase:wojna Iraku',
      '-word:sport',
      '-phrase:piłka nożna',
    ])
    expect(q.ignored).toEqual(['w', 'i'])
  })

  it('accepts typographic quotes and ignores an unmatched one', () => {
    expect(parseQuery(analyzer, '„wojna Iraku”').clauses[0]!.kind).toBe('phrase')
    const open = parseQuery(analyzer, '"wojna Iraku')
    expect(open.clauses.map((c) => c.kind)).toEqual(['word', 'word'])
  })

  it('turns a one-word phrase into a word and drops empty ones', () => {
    expect(parseQuery(analyzer, '"Irak"').clauses[0]!.kind).toBe('word')
    expect(parseQuery(analyzer, '"" "w i"').clauses).toEqual([])
  })

  it('reads operators and punctuation as plain text', () => {
    const q = parseQuery(analyzer, 'irak OR NEAR(wojna) AND * ^ :')
    expect(q.clauses.map((c) => c.text)).toEqual(['irak', 'OR', 'NEAR', 'wojna', 'AND'])
  })

  it('cuts long input and removes control characters', () => {
    const q = parseQuery(analyzer, 'słowo '.repeat(5000))
    expect(q.truncated).toBe(true)
    expect(q.text.length).toBeLessThanOrEqual(MAX_QUERY_LENGTH)
    // Duplicates collapse to one clause.
    expect(q.clauses).toHaveLength(1)
    expect(parseQuery(analyzer, 'a\u0000b').text).toBe('a b')
  })
})

describe('engine queries', () => {
  it('compiles to FTS5 with quoted terms only', () => {
    const q = parseQuery(analyzer, 'Irak "wojna Iraku" -sport')
    expect(toFts5(q)).toBe(
      '(("irak") AND {headline lede body meta} : ("wojn irak" OR "wojn iraku" OR "wojna irak" OR "wojna iraku")) NOT ("sport")',
    )
    expect(toFts5(parseQuery(analyzer, '-sport'))).toBeNull()
  })

  it('compiles to a tsquery with phrases as <->', () => {
    const q = parseQuery(analyzer, 'Irak "wojna Iraku" -sport')
    expect(toTsquery(q)).toBe("('irak') & (('wojn' | 'wojna') <-> ('irak' | 'iraku')) & !('sport')")
  })

  it('gives PostgreSQL an index-only prefilter for phrases', () => {
    expect(toTsqueryPrefilter(parseQuery(analyzer, 'Irak -sport'))).toBeNull()
    expect(toTsqueryPrefilter(parseQuery(analyzer, 'Irak "wojna Iraku" -sport'))).toBe("('irak') & (('wojn' | 'wojna') & ('irak' | 'iraku'))")
  })

  it('limits phrase term combinations', () => {
    const words = Array.from({ length: 5 }, (_, i) => ({ text: `w${i}`, terms: ['a', 'b'] }))
    expect(phraseCombinations(words.slice(0, 2))).toHaveLength(4)
    expect(phraseCombinations(words)).toBeNull()
  })

  it('never produces FTS5 syntax errors, whatever is typed', () => {
    const db = new Database(':memory:')
    db.exec(`create virtual table search_fts using fts5(headline, headline_alt, lede, lede_alt, body, body_alt, meta, meta_alt, content='', contentless_delete=1, tokenize="unicode61 remove_diacritics 0 tokenchars '-_.@'")`)
    db.prepare('insert into search_fts (rowid, headline) values (1, ?)').run('irak wojna')
    const stmt = db.prepare('select rowid from search_fts where search_fts match ?')
    const nasty = ['"', '*', '()', 'a"b', "'", '\\', '{headline}:x', 'x:y', '^a', 'a-b', '-', 'NEAR(a b, 2)', 'a AND', 'OR', '"a" "b', '„', '😀', 'ą-ę', 'm.in.', 'a@b.pl', '3,5', 'https://x.pl/a?b=c']
    for (let i = 0; i < 500; i++) {
      const q = Array.from({ length: 1 + (i % 5) }, (_, k) => nasty[(i * 7 + k * 13) % nasty.length]).join(i % 2 ? ' ' : '')
      const fts = toFts5(parseQuery(analyzer, q))
      if (fts !== null) expect(() => stmt.all(fts), `${q} → ${fts}`).not.toThrow()
    }
    db.close()
  })
})
