import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../test/support.js'
import { mustNotSkip, polishJarProblem } from '../polish/morfologik/test-support.js'
import { QUERIES } from './relevance/queries.js'
import { loadFixtures } from './relevance/relevance.js'
import { searchFor } from './search.service.js'

describe.skipIf(polishJarProblem() !== null && !mustNotSkip())('reindex with analysis workers', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp('sqlite')
    await loadFixtures(t.testDb, t.deps.content)
  })
  afterAll(() => t?.close())

  it('builds the same index in worker threads as in the main thread', async () => {
    const search = searchFor(t.deps)
    const now = new Date().toISOString()
    const run = async () => Promise.all(QUERIES.map(async (q) => (await search.search({ q: q.q, now, pageSize: 10 })).hits.map((h) => h.id)))
    const inThread = await search.reindexAll(undefined, { workers: 0, batchSize: 7 })
    expect(inThread.workers).toBe(0)
    const before = await run()
    const inWorkers = await search.reindexAll(undefined, { workers: 2, batchSize: 7 })
    expect(inWorkers.workers).toBe(2)
    expect(inWorkers.indexed).toBe(inThread.indexed)
    expect(await run()).toEqual(before)
    expect(await search.stats()).toMatchObject({ stale: 0 })
  })
})
