import { describe, expect, it } from 'vitest'
import type { LoadResult } from '../bench/http.js'
import { medianRun, rssPeakOf, type ScenarioResult } from '../bench/report.js'

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

describe('bench: the memory peak of a repeated scenario', () => {
  it('is the highest of every run, not the median run’s', () => {
    const scenario = {
      load: { serverRss: { peakMB: 140, afterMB: 139 } },
      runs: [
        { requestsPerSec: 1, cpuUsPerRequest: 1, p99Ms: 1, rssPeakMB: 151 },
        { requestsPerSec: 1, cpuUsPerRequest: 1, p99Ms: 1, rssPeakMB: 140 },
        { requestsPerSec: 1, cpuUsPerRequest: 1, p99Ms: 1, rssPeakMB: null },
      ],
    } as ScenarioResult
    expect(rssPeakOf(scenario)).toBe(151)
    expect(rssPeakOf({ ...scenario, runs: undefined } as ScenarioResult)).toBe(140)
    expect(rssPeakOf({ load: null } as ScenarioResult)).toBeNull()
  })
})
