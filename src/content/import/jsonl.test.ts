import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { main } from '../../cli/main.js'
import { createTestApp, createTestDb, DIALECTS, type TestApp } from '../../../test/support.js'
import { ContentService } from '../content.service.js'
import { importJsonl, noonInWarsaw, parseLine, sectionDisplayName, type ImportOptions } from './jsonl.js'

const jsonl = (...records: Array<object | string>) => records.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n'

const GOOD = [
  {
    id: 'wn-1',
    title: 'Powódź na Dolnym Śląsku',
    lead: 'Woda w Odrze przekroczyła stan alarmowy.',
    body: 'Pierwszy akapit relacji.\n\nDrugi akapit, z „cytatem”.',
    date: '2009-07-01',
    section: 'wikinews',
    author: 'Jan Kowalski',
  },
  { id: 'kap-1', title: 'Festiwal w Ozorkowie', body: 'Jedyny akapit.', date: '2009-01-15', section: 'kap' },
  { id: 'med-1', title: 'Nowe media w bibliotece', body: 'Tekst o mediach.\n\n\n\nI drugi akapit.', section: 'media', author: 'Jan Kowalski' },
]

describe('parseLine and helpers', () => {
  it('validates records and explains what is wrong', () => {
    expect(parseLine('{"id": "a", "title": "T", "body": "B", "section": "s"}')).toHaveProperty('record')
    expect(parseLine('{"id": "a", "title": "T", "body": "B"')).toMatchObject({ reason: expect.stringContaining('invalid JSON') })
    expect(parseLine('[1, 2]')).toEqual({ reason: 'not a JSON object' })
    expect(parseLine('{"id": "a", "body": "B", "section": "s"}')).toEqual({ id: 'a', reason: 'title is missing' })
    expect(parseLine(JSON.stringify({ id: 'a', title: 'x'.repeat(301), body: 'B', section: 's' }))).toMatchObject({
      reason: expect.stringContaining('title is too long'),
    })
    expect(parseLine(JSON.stringify({ id: 'a', title: 'T', body: 'B', section: 's', date: '2009-02-30' }))).toMatchObject({
      reason: 'date must be a calendar date YYYY-MM-DD',
    })
    expect(parseLine(JSON.stringify({ id: 'a', title: 'T', body: ' ', section: 's' }))).toMatchObject({ reason: 'body is empty' })
    // null and "" mean "not given" for optional fields; unknown fields are ignored.
    expect(parseLine(JSON.stringify({ id: 'a', title: 'T', body: 'B', section: 's', lead: null, author: '', source_url: 'x' }))).toEqual({
      record: { id: 'a', title: 'T', body: 'B', section: 's' },
    })
  })

  it('publishes dated records at noon in Warsaw, summer and winter', () => {
    expect(noonInWarsaw('2009-07-01')).toBe('2009-07-01T12:00:00+02:00')
    expect(noonInWarsaw('2009-01-15')).toBe('2009-01-15T12:00:00+01:00')
  })

  it('names known corpus sections and capitalises others', () => {
    expect(sectionDisplayName('kap')).toBe('Kultura i społeczeństwo')
    expect(sectionDisplayName('wikinews')).toBe('Wikinews')
    expect(sectionDisplayName('nowe_media')).toBe('Nowe media')
  })
})

describe.each(DIALECTS)('importJsonl on %s', (dialect) => {
  let app: TestApp
  let dir: string

  beforeEach(async () => {
    app = await createTestApp(dialect)
    dir = app.testDb.dataDir
  })
  afterEach(async () => {
    await app.close()
  })

  const db = () => app.deps.dbh.db
  const write = (name: string, text: string | Buffer) => {
    const file = path.join(dir, name)
    fs.writeFileSync(file, text)
    return file
  }
  const run = (file: string, extra: Partial<ImportOptions> = {}) =>
    importJsonl({ db: db(), content: app.deps.content, file, publicUrl: app.config.publicUrl, invalidate: (keys) => app.deps.invalidate(keys), ...extra })

  it('imports good lines with their sections, authors, dates and paragraphs', async () => {
    // A page rendered (and cached) before the import must show the new stories after it.
    expect((await app.app.request('/')).status).toBe(200)
    const result = await run(write('a.jsonl', jsonl(...GOOD)))
    expect(result).toMatchObject({ lines: 3, imported: 3, skippedExisting: 0, bad: [] })

    const sections = await db().selectFrom('sections').select(['slug', 'name']).orderBy('slug').execute()
    // "media" would shadow /media/…: the section gets a suffix.
    expect(sections).toEqual([
      { slug: 'kap', name: 'Kultura i społeczeństwo' },
      { slug: 'media-2', name: 'Media' },
      { slug: 'wikinews', name: 'Wikinews' },
    ])
    const authors = await db().selectFrom('authors').select(['slug', 'name']).execute()
    expect(authors).toEqual([{ slug: 'jan-kowalski', name: 'Jan Kowalski' }])

    const rows = await db().selectFrom('articles').selectAll().orderBy('id').execute()
    expect(rows.map((r) => [r.external_id, r.status, r.kind])).toEqual([
      ['wn-1', 'published', 'article'],
      ['kap-1', 'published', 'article'],
      ['med-1', 'published', 'article'],
    ])
    expect(rows[0]).toMatchObject({ headline: 'Powódź na Dolnym Śląsku', lede: 'Woda w Odrze przekroczyła stan alarmowy.', published_at: '2009-07-01T10:00:00.000Z' })
    expect(rows[1]!.published_at).toBe('2009-01-15T11:00:00.000Z')
    expect(Date.now() - Date.parse(rows[2]!.published_at!)).toBeLessThan(60_000)
    const body = JSON.parse(rows[2]!.body) as { content: Array<{ type: string; content: Array<{ text: string }> }> }
    expect(body.content.map((b) => [b.type, b.content[0]!.text])).toEqual([
      ['paragraph', 'Tekst o mediach.'],
      ['paragraph', 'I drugi akapit.'],
    ])
    const links = await db().selectFrom('article_authors').select('article_id').execute()
    expect(links.map((l) => l.article_id).sort()).toEqual([rows[0]!.id, rows[2]!.id].sort())

    // The stories are on the site.
    const res = await app.app.request(result.paths.get('wn-1')!)
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('Drugi akapit')
    const home = await (await app.app.request('/')).text()
    expect(home).toContain('Festiwal')
    expect(home).toContain('Powódź na Dolnym')
    expect(home).toContain('href="/wikinews"')
  })

  it('tells the page cache about imported stories', async () => {
    await run(write('one.jsonl', jsonl(GOOD[0]!)))
    expect(await (await app.app.request('/')).text()).toContain('Powódź na Dolnym')
    // Same section, so only the announcement of the new story can refresh the cached home page.
    await run(write('two.jsonl', jsonl({ id: 'wn-2', title: 'Druga wiadomość dnia', body: 'Treść.', section: 'wikinews' })))
    expect(await (await app.app.request('/')).text()).toContain('Druga wiadomość dnia')
  })

  it('reports bad lines with their numbers and reasons and imports the rest', async () => {
    const file = write(
      'bad.jsonl',
      jsonl(
        GOOD[0]!,
        '{"id": "broken", "title": "Urwany',
        '',
        { id: 'no-title', body: 'Bez tytułu.', section: 'kap' },
        { id: 'long', title: 'T'.repeat(400), body: 'B', section: 'kap' },
        { id: 'bad-date', title: 'Zła data', body: 'B', section: 'kap', date: '2009-13-01' },
        { ...GOOD[1]!, id: 'wn-1' },
        GOOD[1]!,
      ),
    )
    const result = await run(file)
    expect(result.imported).toBe(2)
    expect(result.lines).toBe(8)
    expect(result.bad.map((b) => b.line)).toEqual([2, 4, 5, 6, 7])
    expect(result.bad[0]!.reason).toMatch(/^invalid JSON/)
    expect(result.bad[1]).toEqual({ line: 4, id: 'no-title', reason: 'title is missing' })
    expect(result.bad[2]!.reason).toContain('title is too long')
    expect(result.bad[3]!.reason).toContain('date')
    expect(result.bad[4]).toEqual({ line: 7, id: 'wn-1', reason: 'duplicate id "wn-1" (first on line 1)' })
    const ids = await db().selectFrom('articles').select('external_id').orderBy('id').execute()
    expect(ids.map((r) => r.external_id)).toEqual(['wn-1', 'kap-1'])
  })

  it('does not duplicate on re-import (existing ids are skipped, not overwritten)', async () => {
    const file = write('a.jsonl.gz', zlib.gzipSync(jsonl(...GOOD)))
    expect(await run(file)).toMatchObject({ imported: 3, skippedExisting: 0 })
    await db().updateTable('articles').set({ headline: 'Poprawione w redakcji' }).where('external_id', '=', 'kap-1').execute()
    const again = await run(file, { batchSize: 2 })
    expect(again).toMatchObject({ imported: 0, skippedExisting: 3, bad: [] })
    const rows = await db().selectFrom('articles').select(['external_id', 'headline']).orderBy('id').execute()
    expect(rows).toHaveLength(3)
    expect(rows[1]!.headline).toBe('Poprawione w redakcji')
    expect(await db().selectFrom('sections').select('id').execute()).toHaveLength(3)
    expect(await db().selectFrom('authors').select('id').execute()).toHaveLength(1)
  })

  it('writes the map of absolute URLs, for new and already present stories', async () => {
    await run(write('first.jsonl', jsonl(GOOD[0]!)))
    const mapFile = path.join(dir, 'map.json')
    await run(write('all.jsonl', jsonl(...GOOD, '{oops')), { mapFile })
    const map = JSON.parse(fs.readFileSync(mapFile, 'utf8')) as Record<string, string>
    expect(map).toEqual({
      'wn-1': 'https://depesza.test/wikinews/powodz-na-dolnym-slasku',
      'kap-1': 'https://depesza.test/kap/festiwal-w-ozorkowie',
      'med-1': 'https://depesza.test/media-2/nowe-media-w-bibliotece',
    })
  })

  it('keeps the good lines of a batch when one article fails mid-transaction', async () => {
    const real = new ContentService(db())
    const announced: number[] = []
    real.onChange((change) => {
      announced.push(change.articleId)
    })
    const content: ImportOptions['content'] = {
      announce: (changes) => real.announce(changes),
      // The article is written, then something fails: nothing of it may remain.
      async create(input, trx) {
        const id = await real.create(input, trx)
        if (input.externalId === 'x-3') throw new Error('symulowana awaria zapisu')
        return id
      },
    }
    const records = [1, 2, 3, 4, 5].map((n) => ({ id: `x-${n}`, title: `Artykuł numer ${n}`, body: `Treść ${n}.`, section: 'kap', author: 'Anna Nowak' }))
    const progress: number[] = []
    const result = await run(write('x.jsonl', jsonl(...records)), { content, batchSize: 10, onProgress: (p) => progress.push(p.imported) })
    expect(result.imported).toBe(4)
    expect(result.bad).toEqual([{ line: 3, id: 'x-3', reason: 'not imported: symulowana awaria zapisu' }])
    expect(progress).toEqual([4])
    const rows = await db().selectFrom('articles').select(['id', 'external_id']).orderBy('id').execute()
    expect(rows.map((r) => r.external_id)).toEqual(['x-1', 'x-2', 'x-4', 'x-5'])
    const links = await db().selectFrom('article_authors').select('article_id').execute()
    expect(links.map((l) => l.article_id).sort()).toEqual(rows.map((r) => r.id).sort())
    expect(result.paths.has('x-3')).toBe(false)
    // Listeners hear of the four committed stories only.
    expect(announced.sort()).toEqual(rows.map((r) => r.id).sort())
  })

  it('keeps what it read before a truncated .gz and says so', async () => {
    const whole = zlib.gzipSync(jsonl(...GOOD, ...Array.from({ length: 400 }, (_, i) => ({ id: `p-${i}`, title: `Tytuł ${i} ${'x'.repeat(i % 97)}`, body: `Treść ${i}.`, section: 'kap' }))))
    const file = write('cut.jsonl.gz', whole.subarray(0, Math.floor(whole.length * 0.6)))
    const result = await run(file, { batchSize: 100 })
    expect(result.readError).toMatch(/cannot read cut\.jsonl\.gz/)
    expect(result.imported).toBeGreaterThan(3)
    expect(result.bad).toEqual([])
  })
})

describe('depesza import (command)', () => {
  let dataDir: string
  const env = { ...process.env }
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true)
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true)

  beforeEach(async () => {
    const testDb = await createTestDb('sqlite')
    dataDir = testDb.dataDir
    await testDb.close()
    fs.mkdirSync(dataDir, { recursive: true })
    process.env.DEPESZA_DATA_DIR = dataDir
    process.env.PUBLIC_URL = 'https://depesza.test'
    delete process.env.DATABASE_URL
    out.mockClear()
    err.mockClear()
  })
  afterEach(() => {
    fs.rmSync(dataDir, { recursive: true, force: true })
  })
  afterAll(() => {
    process.env = env
    out.mockRestore()
    err.mockRestore()
  })
  const printed = (spy: typeof out) => spy.mock.calls.map((c) => String(c[0])).join('')

  it('exits 2 on usage errors with a clear message', async () => {
    expect(await main(['import'])).toBe(2)
    expect(printed(err)).toContain('missing the file to import')
    expect(await main(['import', path.join(dataDir, 'nie-ma.jsonl')])).toBe(2)
    expect(printed(err)).toContain('file not found')
    const file = path.join(dataDir, 'a.jsonl')
    fs.writeFileSync(file, jsonl(...GOOD))
    expect(await main(['import', file, '--batch', '0'])).toBe(2)
    expect(await main(['import', file, '--map', path.join(dataDir, 'nie', 'ma', 'map.json')])).toBe(2)
    expect(await main(['import', file, '--wrong'])).toBe(2)
  })

  it('exits 0 when all lines import, 1 when some are bad, and writes the map', async () => {
    const good = path.join(dataDir, 'good.jsonl')
    fs.writeFileSync(good, jsonl(...GOOD))
    const mapFile = path.join(dataDir, 'map.json')
    expect(await main(['import', good, '--map', mapFile, '--batch', '2'])).toBe(0)
    expect(printed(out)).toContain('Imported 3 articles, skipped 0 already imported, 0 bad lines')
    expect(printed(err)).toMatch(/import: 2 lines read, 2 imported/)
    expect(Object.keys(JSON.parse(fs.readFileSync(mapFile, 'utf8')) as object)).toEqual(['wn-1', 'kap-1', 'med-1'])

    const bad = path.join(dataDir, 'bad.jsonl')
    fs.writeFileSync(bad, jsonl(...GOOD, '{"id": 1}'))
    expect(await main(['import', bad])).toBe(1)
    expect(printed(out)).toContain('Imported 0 articles, skipped 3 already imported, 1 bad lines')
    expect(printed(err)).toContain('bad.jsonl:4: id must be a string')
  })

  it('has help that says existing ids are skipped', async () => {
    expect(await main(['import', '--help'])).toBe(0)
    expect(printed(out)).toContain('are SKIPPED')
  })
})
