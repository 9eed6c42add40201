import { describe, expect, it } from 'vitest'
import type { LoadResult } from '../bench/http.js'
import { medianRun } from '../bench/report.js'

function run(requestsPerSec: number, usPerRequest: number | null): LoadResult {
  return { requestsPerSec, serverCpu: usPerRequest === null ? null : { usPerRequest, percentOfOneCore: 100 } } as LoadResult
}

describe('bench: the run that stands for a repeated scenario', () => {
  it('is the one with the median CPU per request (the lower middle of an even count)', () => {
    const runs = [run(900, 1100), run(1200, 800), run(1000, 950)]
    expect(medianRun(runs)).toBe(runs[2])
    expect(medianRun([run(1, 700), run(2, 900), run(3, 500), run(4, 800)]).serverCpu?.usPerRequest).toBe(700)
    expect(medianRun([runs[0]!])).toBe(runs[0])
  })

  it('falls back to the median req/s when CPU was not measured', () => {
    const runs = [run(900, null), run(1200, null), run(1000, null)]
    expect(medianRun(runs)).toBe(runs[2])
  })
})
