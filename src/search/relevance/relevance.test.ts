import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, DIALECTS, type TestApp } from '../../../test/support.js'
import { mustNotSkip, polishJarProblem } from '../../polish/morfologik/test-support.js'
import { searchFor } from '../search.service.js'
import { QUERIES } from './queries.js'
import { evaluateLikeBaseline, evaluateSearch, formatComparison, loadFixtures, type RelevanceReport } from './relevance.js'
import { STORIES } from './stories.js'

/**
 * Floors, set from measurements (docs/search.md) a little below what the
 * search reaches on both databases, so a regression fails the build.
 */
const RECALL_AT_5_FLOOR = 0.95
const MRR_FLOOR = 0.95

const reports = new Map<string, RelevanceReport>()

describe.skipIf(polishJarProblem() !== null && !mustNotSkip()).each(DIALECTS)('%s: relevance', (dialect) => {
  let t: TestApp
  let ids: Map<string, number>
  beforeAll(async () => {
    t = await createTestApp(dialect)
    ids = await loadFixtures(t.testDb, t.deps.content)
  })
  afterAll(() => t?.close())

  it('has a test set of the agreed size', () => {
    expect(STORIES.length).toBeGreaterThanOrEqual(40)
    expect(QUERIES.length).toBeGreaterThanOrEqual(60)
    for (const q of QUERIES) for (const k of q.expect) expect(ids.has(k), `${q.q} → ${k}`).toBe(true)
  })

  it(`reaches recall@5 ≥ ${RECALL_AT_5_FLOOR} and MRR ≥ ${MRR_FLOOR}, well above a LIKE baseline`, async () => {
    const search = await evaluateSearch(searchFor(t.deps), ids)
    const baseline = await evaluateLikeBaseline(t.testDb, ids)
    reports.set(dialect, search)
    console.log(formatComparison(`Relevance on ${dialect}: ${search.queries} queries over ${STORIES.length} stories`, search, baseline))
    expect(search.recallAt5).toBeGreaterThanOrEqual(RECALL_AT_5_FLOOR)
    expect(search.mrr).toBeGreaterThanOrEqual(MRR_FLOOR)
    expect(search.recallAt5).toBeGreaterThan(baseline.recallAt5 + 0.2)
  })
})

describe.skipIf(polishJarProblem() !== null && !mustNotSkip())('relevance on both databases', () => {
  it('puts the same story first for (nearly) every query', () => {
    const [a, b] = DIALECTS.map((d) => reports.get(d))
    if (!a || !b) return
    const same = a.outcomes.filter((o, i) => o.got[0] === b.outcomes[i]!.got[0]).length
    console.log(`same first result on both databases: ${same}/${a.queries}`)
    expect(same / a.queries).toBeGreaterThanOrEqual(0.9)
  })
})
