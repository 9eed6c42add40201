import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { addAuthor, basicSite, paragraphs, publishArticle } from '../../test/fixtures.js'
import { createTestApp, DIALECTS, type TestApp } from '../../test/support.js'
import { mustNotSkip, polishJarProblem } from '../polish/morfologik/test-support.js'
import { SearchService, searchFor } from './search.service.js'

interface ApiResult {
  total: number
  page: number
  pages: number
  notice: string | null
  suggestion: string | null
  morphology: boolean
  query: string
  truncated: boolean
  results: Array<{ id: number; headline: string; headlineHtml: string; snippetHtml: string; path: string; url: string }>
}

const HOSTILE = [
  '"',
  '"""',
  '„wojna',
  'wojna"',
  '*',
  'irak*',
  '()',
  '(irak',
  ':^',
  '-',
  '--',
  '- -irak',
  'OR',
  'irak OR wojna',
  'NEAR(irak wojna)',
  'irak NOT wojna',
  'irak AND',
  '{headline}: irak',
  'headline:irak',
  "'; DROP TABLE articles; --",
  "irak') OR 1=1 --",
  '\\',
  "'",
  'irak & wojna | !pokój <-> x:*',
  '%_%',
  '\u0000\u0001',
  '😀 🇵🇱',
  '<script>alert(1)</script>',
  'x'.repeat(10_000),
  'irak '.repeat(2_000),
]

const DAY = 24 * 3600_000

describe.skipIf(polishJarProblem() !== null && !mustNotSkip()).each(DIALECTS)('%s: search', (dialect) => {
  let t: TestApp
  const ids: Record<string, number> = {}

  async function api(query: string): Promise<ApiResult> {
    const res = await t.app.request(`/api/search?${query}`)
    expect(res.status).toBe(200)
    return (await res.json()) as ApiResult
  }
  const found = async (q: string, extra = '') => (await api(`q=${encodeURIComponent(q)}${extra}`)).results.map((r) => r.id)

  beforeAll(async () => {
    t = await createTestApp(dialect)
    const { db } = t.testDb
    await basicSite(db)
    await addAuthor(db, 'jan-nowak', 'Jan Nowak')
    const content = t.deps.content
    ids.iraq = await publishArticle(
      content,
      {
        headline: 'Premier Iraku zapowiada wycofanie wojsk USA',
        lede: 'Rząd w Bagdadzie i Waszyngton uzgodniły harmonogram.',
        sectionSlug: 'swiat',
        authorSlugs: ['laura-kowalczyk'],
        tags: ['Irak'],
        body: paragraphs(
          'Wojna w Iraku trwała wiele lat. Ponad dwa tysiące żołnierzy amerykańskich wróci do domu przed końcem roku.',
          'Kod <script>alert(1)</script> w tekście nie może się wykonać & nie psuje strony.',
        ),
      },
      60,
    )
    ids.ukraine = await publishArticle(
      content,
      { headline: 'Wojna na Ukrainie: trzeci rok walk', lede: 'Front prawie się nie przesuwa.', sectionSlug: 'swiat', body: paragraphs('Wojna zmieniła Europę.') },
      120,
    )
    ids.soldier = await publishArticle(
      content,
      {
        headline: 'Żołnierz z Podlasia odznaczony',
        lede: 'Wyniósł dzieci z płonącego domu.',
        sectionSlug: 'kraj',
        authorSlugs: ['jan-nowak'],
        tags: ['Wojsko'],
        body: paragraphs('Żołnierz służy w brygadzie w Białymstoku.'),
      },
      30 * 24 * 60,
    )
    ids.grain = await publishArticle(
      content,
      {
        headline: 'Rozmowy z Irakiem o handlu',
        lede: 'Polska chce sprzedawać Irakowi więcej zboża.',
        sectionSlug: 'kraj',
        body: paragraphs('Eksperci przypominają, że wojna zniszczyła tamtejsze rolnictwo. Dziś Irak kupuje zboże z Europy.'),
      },
      90,
    )
    ids.history = await publishArticle(
      content,
      {
        headline: 'Historia: wojna w Iraku w 2003 roku',
        lede: 'Jak zaczęła się interwencja.',
        sectionSlug: 'swiat',
        body: paragraphs('Dwadzieścia lat temu koalicja weszła do Iraku.'),
        publishedAt: '2024-03-20T10:00:00Z',
      },
      0,
    )
    const future = new Date(Date.now() + 3600_000).toISOString()
    ids.embargoed = await content.create({
      headline: 'Tajny raport o Iraku',
      sectionSlug: 'swiat',
      body: paragraphs('Raport o Iraku pod embargiem.'),
      status: 'published',
      publishedAt: new Date(Date.now() - 60_000).toISOString(),
      embargoUntil: future,
    })
    ids.scheduled = await content.create({ headline: 'Zaplanowany tekst o Iraku', sectionSlug: 'swiat', body: paragraphs('Jutro.'), status: 'published', publishedAt: future })
    ids.draft = await content.create({ headline: 'Szkic o Iraku', sectionSlug: 'swiat', body: paragraphs('Roboczy.') })
    ids.unpublished = await publishArticle(content, { headline: 'Wycofany tekst o Iraku', sectionSlug: 'swiat' })
    await content.unpublish(ids.unpublished)
    await content.create({ kind: 'page', slug: 'o-iraku', headline: 'Strona o Iraku', body: paragraphs('Irak.'), status: 'published' })
  })
  afterAll(() => t?.close())

  it('finds inflected forms: "Iraku", "Irakiem", "irak", "IRAK" all find Irak', async () => {
    for (const q of ['Iraku', 'Irakiem', 'irak', 'IRAK', 'Irakowi']) {
      const r = await found(q)
      expect(r, q).toEqual(expect.arrayContaining([ids.iraq, ids.grain, ids.history]))
    }
  })

  it('"wojny" finds "wojna"; "żołnierzy" and "zolnierzy" find "żołnierz"', async () => {
    expect(await found('wojny')).toEqual(expect.arrayContaining([ids.ukraine, ids.iraq, ids.grain, ids.history]))
    for (const q of ['żołnierzy', 'zolnierzy', 'Zolnierzem', 'ŻOŁNIERZE']) {
      const r = await found(q)
      expect(r, q).toEqual(expect.arrayContaining([ids.soldier, ids.iraq]))
      // The headline match ranks first.
      expect(r[0], q).toBe(ids.soldier)
    }
  })

  it('ranks a headline match above a body match', async () => {
    const r = await found('Ukrainie')
    expect(r[0]).toBe(ids.ukraine)
    expect((await found('wojna'))[0]).toBe(ids.ukraine)
  })

  it('matches a quoted phrase only when its words stand together (stop words skipped)', async () => {
    const r = await found('"wojna w Iraku"')
    expect(r).toEqual(expect.arrayContaining([ids.iraq, ids.history]))
    expect(r).not.toContain(ids.grain)
    expect(await found('"wojny w Iraku"')).toEqual(expect.arrayContaining([ids.iraq, ids.history]))
    expect(await found('„Iraku wojna”')).toEqual([])
  })

  it('excludes -words and -"phrases"', async () => {
    const r = await found('Irak -zboże')
    expect(r).toEqual(expect.arrayContaining([ids.iraq, ids.history]))
    expect(r).not.toContain(ids.grain)
    const p = await found('Irak -"wojna w Iraku"')
    expect(p).toContain(ids.grain)
    expect(p).not.toContain(ids.iraq)
  })

  it('filters by section, author, tag and date range', async () => {
    expect(await found('Irak', '&dzial=kraj')).toEqual([ids.grain])
    expect(await found('żołnierz', '&autor=jan-nowak')).toEqual([ids.soldier])
    expect(await found('wojna', '&tag=irak')).toEqual([ids.iraq])
    const recent = await found('"wojna w Iraku"', '&od=2025-01-01')
    expect(recent).toEqual([ids.iraq])
    expect(await found('"wojna w Iraku"', '&od=2024-03-20&do=2024-03-20')).toEqual([ids.history])
    expect(await found('"wojna w Iraku"', '&do=2024-03-19')).toEqual([])
    // An unknown section finds nothing; a malformed date is ignored and reported.
    expect(await found('Irak', '&dzial=nie-ma-takiego')).toEqual([])
    const bad = await api('q=Irak&od=2024-13-45')
    expect(bad.total).toBeGreaterThan(0)
    expect((bad as unknown as { filters: { invalid: string[] } }).filters.invalid).toContain('od')
  })

  it('never shows unpublished, draft, scheduled or embargoed stories, nor pages', async () => {
    const hidden = [ids.embargoed, ids.scheduled, ids.draft, ids.unpublished]
    for (const q of ['Iraku', 'raport', 'Zaplanowany', 'szkic', 'wycofany', 'embargiem']) {
      const r = await found(q)
      for (const id of hidden) expect(r, q).not.toContain(id)
    }
    expect((await api('q=Strona%20o%20Iraku')).results.map((x) => x.path)).not.toContain('/o-iraku')
    const html = await (await t.app.request('/szukaj?q=raport')).text()
    expect(html).not.toContain('Tajny raport')
    const heads = await (await t.app.request('/api/search/headlines?q=Tajny')).json()
    expect(heads).toEqual({ query: 'Tajny', results: [] })
  })

  it('shows embargoed and scheduled stories once their time comes, without any event', async () => {
    t.setNow(new Date(Date.now() + 2 * 3600_000))
    try {
      expect(await found('raport')).toContain(ids.embargoed)
      expect(await found('Zaplanowany')).toContain(ids.scheduled)
    } finally {
      t.setNow(new Date())
    }
  })

  it('checks what it shows against the articles table, even if the index is out of step', async () => {
    const id = await publishArticle(t.deps.content, { headline: 'Pelikany nad Bugiem', sectionSlug: 'kraj' })
    expect(await found('pelikan')).toEqual([id])
    // Changed behind the service's back: no event, the index still says "published".
    await t.testDb.db.updateTable('articles').set({ status: 'draft' }).where('id', '=', id).execute()
    expect(await found('pelikan')).toEqual([])
    const heads = (await (await t.app.request('/api/search/headlines?q=Pelikany')).json()) as { results: unknown[] }
    expect(heads.results).toEqual([])
    await t.testDb.db.updateTable('articles').set({ status: 'published' }).where('id', '=', id).execute()
  })

  it('follows corrections and slug changes, and drops unpublished stories', async () => {
    const id = await publishArticle(t.deps.content, { headline: 'Kormorany nad Wisłą', sectionSlug: 'kraj' })
    expect(await found('kormoranów')).toEqual([id])
    await t.deps.content.changeSlug(id, 'ptaki-nad-wisla')
    expect((await api('q=kormoran')).results[0]!.path).toBe('/kraj/ptaki-nad-wisla')
    await t.deps.content.addCorrection(id, 'correction', 'Poprawiono nazwę gatunku.')
    expect(await found('kormoran')).toEqual([id])
    await t.deps.content.unpublish(id)
    expect(await found('kormoran')).toEqual([])
    const { db } = t.testDb
    const row = await db.withTables<{ search_docs: { article_id: number } }>().selectFrom('search_docs').select('article_id').where('article_id', '=', id).executeTakeFirst()
    expect(row).toBeUndefined()
  })

  it('rebuilds the whole index (reindex)', async () => {
    const search = searchFor(t.deps)
    const db = t.testDb.db
    if (dialect === 'sqlite') await sql`insert into search_fts(search_fts) values ('delete-all')`.execute(db)
    await sql`delete from search_docs`.execute(db)
    await sql`delete from search_words`.execute(db)
    expect(await found('Iraku')).toEqual([])
    const progress: number[] = []
    const result = await search.reindexAll((p) => progress.push(p.done), { batchSize: 2 })
    // Published and scheduled/embargoed articles (not pages, drafts or unpublished ones).
    expect(result.indexed).toBe(8)
    expect(progress.at(-1)).toBe(8)
    expect(await found('Iraku')).toEqual(expect.arrayContaining([ids.iraq, ids.grain, ids.history]))
    expect(await found('Iraku')).not.toContain(ids.embargoed)
    expect(await search.stats()).toMatchObject({ documents: 8, stale: 0 })
    if (dialect === 'postgres') {
      // Built once at the end of the rebuild of an empty index.
      const idx = await sql<{ n: number }>`select count(*)::int as n from pg_indexes where indexname = 'search_docs_document_idx' and schemaname = current_schema()`.execute(db)
      expect(idx.rows[0]!.n).toBe(1)
    }
  })

  it('answers hostile and broken queries normally', async () => {
    for (const q of HOSTILE) {
      const page = await t.app.request(`/szukaj?q=${encodeURIComponent(q)}`)
      expect(page.status, q).toBe(200)
      const html = await page.text()
      expect(html, q).not.toMatch(/fts5|syntax error|SQLITE|tsquery|<script>alert/i)
      const res = await t.app.request(`/api/search?q=${encodeURIComponent(q)}&strona=${encodeURIComponent(q.slice(0, 5))}&limit=abc`)
      expect(res.status, q).toBe(200)
      const heads = await t.app.request(`/api/search/headlines?q=${encodeURIComponent(q)}`)
      expect(heads.status, q).toBe(200)
    }
    // Malformed percent-encoding and invalid UTF-8 in the URL itself.
    for (const raw of ['%', '%E', '%FF%FE', '%ED%A0%80', '%C0%AF', 'a%00b']) {
      for (const path of ['/szukaj', '/api/search', '/api/search/headlines']) {
        const res = await t.app.request(`${path}?q=${raw}&dzial=${raw}&od=${raw}`)
        expect(res.status, `${path} ${raw}`).toBe(200)
      }
    }
    const long = await api(`q=${'x'.repeat(10_000)}`)
    expect(long.truncated).toBe(true)
    expect(long.total).toBe(0)
    // Quotes left open are ignored: the words still count.
    expect(await found('"wojna w Iraku')).toEqual(expect.arrayContaining([ids.iraq, ids.history, ids.grain]))
    // Operators are plain words here: no story has "or", so stories with some of the words are shown.
    const or = await api('q=Irak%20OR%20Ukrainie')
    expect(or.notice).toBe('partial')
    expect(or.results.map((r) => r.id)).toEqual(expect.arrayContaining([ids.ukraine, ids.iraq]))
  })

  it('explains empty results in Polish, with a suggestion for a typo', async () => {
    const stop = await (await t.app.request('/szukaj?q=i+w+na')).text()
    expect(stop).toContain('wyłącznie z bardzo częstych słów')
    const negative = await (await t.app.request('/szukaj?q=-irak')).text()
    expect(negative).toContain('same wykluczenia')
    const none = await (await t.app.request('/szukaj?q=Irakk')).text()
    expect(none).toContain('Nie znaleźliśmy artykułów pasujących do zapytania „Irakk”')
    expect(none).toMatch(/Czy chodziło Ci o: <a href="\/szukaj\?q=Iraku?">Iraku?<\/a>\?/)
    expect((await api('q=zolnieży')).suggestion).toBe('żołnierzy')
    expect((await api('q=Podlasiaa%20odznaczony')).suggestion).toBe('Podlasia odznaczony')
    const partial = await (await t.app.request('/szukaj?q=Ukrainie+kormoran')).text()
    expect(partial).toContain('Żaden artykuł nie zawiera wszystkich wpisanych słów')
    expect(partial).toContain('<mark>Ukrainie</mark>')
    const empty = await t.app.request('/szukaj')
    expect(empty.status).toBe(200)
    expect(await empty.text()).toContain('name="q"')
  })

  it('highlights the words as they stand in the text, as safe HTML', async () => {
    const r = await api('q=alert')
    const hit = r.results.find((x) => x.id === ids.iraq)!
    expect(hit.headlineHtml).toBe('Premier Iraku zapowiada wycofanie wojsk USA')
    expect((await api('q=Irakiem')).results.find((x) => x.id === ids.iraq)!.headlineHtml).toBe('Premier <mark>Iraku</mark> zapowiada wycofanie wojsk USA')
    expect(hit.snippetHtml).toContain('&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt;')
    expect(hit.snippetHtml).not.toContain('<script')
    const z = await api('q=zolnierzy')
    expect(z.results.find((x) => x.id === ids.iraq)!.snippetHtml).toContain('<mark>żołnierzy</mark>')
    // "i" is a stop word, so this finds Irak; the query itself is escaped everywhere.
    const html = await (await t.app.request('/szukaj?q=%3Ci%3EIrak%3C%2Fi%3E')).text()
    expect(html).not.toContain('<i>Irak</i>')
    expect(html).toContain('value="&lt;i&gt;Irak&lt;/i&gt;"')
    expect(html).toContain('<mark>Iraku</mark>')
  })

  it('paginates', async () => {
    for (let i = 0; i < 12; i++) await publishArticle(t.deps.content, { headline: `Posiedzenie Sejmu numer ${i + 1}`, sectionSlug: 'kraj' }, 200 + i)
    const first = await (await t.app.request('/szukaj?q=sejm')).text()
    expect(first).toContain('Znaleźliśmy 12 artykułów')
    expect(first).toContain('href="/szukaj?q=sejm&amp;strona=2" rel="next"')
    const second = await api('q=sejm&strona=2')
    expect(second).toMatchObject({ page: 2, pages: 2, total: 12 })
    expect(second.results).toHaveLength(2)
    const past = await (await t.app.request('/szukaj?q=sejm&strona=9')).text()
    expect(past).toContain('Na tej stronie nie ma już wyników')
  })

  it('completes headlines from a prefix (newsroom autocomplete)', async () => {
    const res = (await (await t.app.request('/api/search/headlines?q=Ira')).json()) as { results: Array<{ id: number; headline: string }> }
    expect(res.results.map((r) => r.id)).toEqual(expect.arrayContaining([ids.iraq, ids.grain, ids.history]))
    expect(res.results.map((r) => r.id)).not.toContain(ids.ukraine)
    const z = (await (await t.app.request('/api/search/headlines?q=zolnierz%20z%20Podl')).json()) as { results: Array<{ id: number }> }
    expect(z.results.map((r) => r.id)).toEqual([ids.soldier])
  })

  it('ranks only the newest matches of very common words, and says so', async () => {
    const status = Promise.resolve({ dictionary: null, source: 'missing' as const, dir: '', ms: 0, message: '' })
    const small = new SearchService(t.testDb, status, undefined, { candidateLimit: 2 })
    const r = await small.search({ q: 'Iraku', now: new Date().toISOString() })
    expect(r.totalIsLowerBound).toBe(true)
    expect(r.total).toBe(2)
    // The two newest of the matching stories (by id), best first.
    expect(r.hits.map((h) => h.id).sort()).toEqual([ids.grain, ids.history].sort())
    const all = await api('q=Iraku')
    expect((all as unknown as { totalIsLowerBound: boolean }).totalIsLowerBound).toBe(false)
  })

  it('reports that morphology is on', async () => {
    expect((await api('q=irak')).morphology).toBe(true)
    expect(await searchFor(t.deps).status()).toMatchObject({ morphology: true })
  })
})

describe('search without the dictionary (degraded mode)', () => {
  let t: TestApp
  beforeAll(async () => {
    vi.stubEnv('DEPESZA_MORFOLOGIK_JAR', '/nonexistent/morfologik-polish.jar')
    t = await createTestApp('sqlite')
    await basicSite(t.testDb.db)
    await publishArticle(t.deps.content, { headline: 'Żołnierzy witano w Gdańsku', sectionSlug: 'kraj', body: paragraphs('Żołnierze wrócili z misji.') })
  })
  afterAll(async () => {
    vi.unstubAllEnvs()
    await t?.close()
  })

  it('still works on forms and stems, says so, and tells how to fix it', async () => {
    const status = await searchFor(t.deps).status()
    expect(status.morphology).toBe(false)
    expect(status.message).toContain('WITHOUT Polish morphology')
    expect(status.message).toContain('apt-get install libmorfologik-stemming2-java')
    expect(status.message).toContain('DEPESZA_DICTIONARY_DIR')
    const res = (await (await t.app.request('/api/search?q=zolnierzy')).json()) as ApiResult
    expect(res.morphology).toBe(false)
    expect(res.total).toBe(1)
    expect(((await (await t.app.request('/api/search?q=Gdańsk')).json()) as ApiResult).total).toBe(1)
  })
})
