import { sql } from 'kysely'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { basicSite, paragraphs, publishArticle } from '../../test/fixtures.js'
import { createTestApp, type TestApp } from '../../test/support.js'
import { mustNotSkip, polishJarProblem } from '../polish/morfologik/test-support.js'
import { buildApplication } from '../server/boot.js'
import { searchFor } from './search.service.js'

describe.skipIf(polishJarProblem() !== null && !mustNotSkip())('search index check at start', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp('sqlite')
    await basicSite(t.testDb.db)
    for (let i = 0; i < 3; i++) await publishArticle(t.deps.content, { headline: `Żołnierze wracają z misji ${i}`, sectionSlug: 'kraj', body: paragraphs('Wojna w Iraku.') })
  })
  afterAll(() => t?.close())

  async function restart() {
    const lines: string[] = []
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) })
    // A second application on the same database, as after a restart (not closed: it shares the handle).
    const app = await buildApplication(t.config, { dbh: t.testDb, logger })
    await searchFor(app.deps).background
    return { app, lines }
  }

  it('rebuilds a missing index in the background', async () => {
    await sql`insert into search_fts(search_fts) values ('delete-all')`.execute(t.testDb.db)
    await sql`delete from search_docs`.execute(t.testDb.db)
    const { app, lines } = await restart()
    expect(lines.some((l) => l.includes('search index is out of date'))).toBe(true)
    expect(lines.some((l) => l.includes('search index rebuilt'))).toBe(true)
    const res = (await (await app.app.request('/api/search?q=zolnierzy')).json()) as { total: number }
    expect(res.total).toBe(3)
  })

  it('rebuilds entries made by another analyzer, and leaves a current index alone', async () => {
    await sql`update search_docs set signature = 'analyzer-v0+no-dictionary'`.execute(t.testDb.db)
    const first = await restart()
    expect(first.lines.some((l) => l.includes('search index rebuilt'))).toBe(true)
    expect(await searchFor(first.app.deps).stats()).toMatchObject({ documents: 3, stale: 0 })
    const second = await restart()
    expect(second.lines.some((l) => l.includes('out of date'))).toBe(false)
    expect(second.lines.some((l) => l.includes('Polish dictionary'))).toBe(true)
  })
})
