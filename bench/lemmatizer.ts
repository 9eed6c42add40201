// Benchmark of the Morfologik lemmatizer (src/polish/morfologik):
// dictionary load time, memory held after load, look-ups per second.
//
//   node --import tsx bench/lemmatizer.ts            (add --expose-gc for steadier memory figures)
//
// The dictionary comes from <dataDir>/dictionary (installed from the Debian
// jar if needed, see scripts/install-dictionary.ts), unless paths are given.
import { realpathSync } from 'node:fs'
import { loadavg } from 'node:os'
import { pathToFileURL } from 'node:url'

import { loadDictionary, type PolishDictionary } from '../src/polish/morfologik/dictionary.js'
import { ensurePolishDictionary } from '../src/polish/morfologik/install.js'
import { sampleSurfaceForms, shuffled } from '../src/polish/morfologik/sample.js'

export interface LemmatizerBenchOptions {
  dictPath?: string
  infoPath?: string
  dataDir?: string
  /** Take every n-th automaton sequence for the word list (default 40 → ~110k forms). */
  stride?: number
  /** Minimum measuring time per run, ms (default 1500). */
  minTimeMs?: number
  /** Print a table (default false when called, true when run as a script). */
  print?: boolean
}

export interface LemmatizerBenchResult {
  name: 'lemmatizer'
  dictBytes: number
  loadMs: number
  /** CPU time of the load (steadier than loadMs on a busy machine). */
  loadCpuMs: number
  /** One-minute load average at the end of the run. */
  machineLoad: number
  heapDeltaMB: number
  rssDeltaMB: number
  arrayBuffersDeltaMB: number
  words: number
  knownRatio: number
  /** Heap growth during the run: the look-up caches filled by the word list, MB. */
  cacheHeapMB: number
  cachedPlans: number
  cachedTagLists: number
  dispatchSlots: number
  lookups: number
  /** Wall-clock throughput. */
  lookupsPerSec: number
  /** Throughput per second of process CPU time (steadier on a busy machine). */
  lookupsPerCpuSec: number
  nsPerLookup: number
  analysesPerLookup: number
}

const MB = 1024 * 1024
const gc = (globalThis as { gc?: () => void }).gc

function settle(): NodeJS.MemoryUsage {
  gc?.()
  gc?.()
  return process.memoryUsage()
}

function measureLookups(dict: PolishDictionary, words: readonly string[], minTimeMs: number) {
  let lookups = 0
  let analyses = 0
  const cpuStart = process.cpuUsage()
  const start = performance.now()
  let elapsed = 0
  do {
    for (let i = 0; i < words.length; i++) analyses += dict.lookup(words[i]!).length
    lookups += words.length
    elapsed = performance.now() - start
  } while (elapsed < minTimeMs)
  const cpu = process.cpuUsage(cpuStart)
  return { lookups, analyses, elapsed, cpuMs: (cpu.user + cpu.system) / 1000 }
}

export async function benchLemmatizer(options: LemmatizerBenchOptions = {}): Promise<LemmatizerBenchResult> {
  let { dictPath, infoPath } = options
  if (!dictPath || !infoPath) {
    const installed = await ensurePolishDictionary(options.dataDir ? { dataDir: options.dataDir } : {})
    dictPath = installed.dictPath
    infoPath = installed.infoPath
  }

  const before = settle()
  const c0 = process.cpuUsage()
  const t0 = performance.now()
  const dict = loadDictionary(dictPath, infoPath)
  const loadMs = performance.now() - t0
  const loadCpu = process.cpuUsage(c0)
  const after = settle()

  // A realistic list: inflected forms from the dictionary itself in random
  // order, plus a share of capitalised and unknown variants as running text has.
  const forms = sampleSurfaceForms(dict, options.stride ?? 40)
  const words = shuffled([
    ...forms,
    ...forms.filter((_, i) => i % 5 === 0).map((f) => f.charAt(0).toUpperCase() + f.slice(1)),
    ...forms.filter((_, i) => i % 10 === 0).map((f) => f + 'x'),
  ])
  const known = words.reduce((n, w) => n + (dict.lookup(w).length > 0 ? 1 : 0), 0)

  measureLookups(dict, words, 300) // warm-up
  const { lookups, analyses, elapsed, cpuMs } = measureLookups(dict, words, options.minTimeMs ?? 1500)

  // Heap taken by the look-up caches once the word list has been seen: fill a
  // fresh instance (code already warm) and compare.
  const fresh = loadDictionary(dictPath, infoPath)
  const beforeFill = settle()
  for (let i = 0; i < words.length; i++) fresh.lookup(words[i]!)
  const afterFill = settle()
  const stats = fresh.stats()
  const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d
  const result: LemmatizerBenchResult = {
    name: 'lemmatizer',
    dictBytes: stats.automatonBytes,
    loadMs: round(loadMs),
    loadCpuMs: round((loadCpu.user + loadCpu.system) / 1000),
    machineLoad: round(loadavg()[0]!),
    heapDeltaMB: round((after.heapUsed - before.heapUsed) / MB),
    rssDeltaMB: round((after.rss - before.rss) / MB),
    arrayBuffersDeltaMB: round((after.arrayBuffers - before.arrayBuffers) / MB),
    words: words.length,
    knownRatio: round(known / words.length, 3),
    cacheHeapMB: round((afterFill.heapUsed - beforeFill.heapUsed) / MB),
    cachedPlans: stats.plans,
    cachedTagLists: stats.tagLists,
    dispatchSlots: stats.dispatchSlots,
    lookups,
    lookupsPerSec: Math.round(lookups / (elapsed / 1000)),
    lookupsPerCpuSec: Math.round(lookups / (cpuMs / 1000)),
    nsPerLookup: round((elapsed * 1e6) / lookups, 0),
    analysesPerLookup: round(analyses / lookups, 2),
  }
  if (options.print) {
    console.table({
      'dictionary (arcs)': `${round(result.dictBytes / MB, 2)} MB`,
      'load time': `${result.loadMs} ms (CPU ${result.loadCpuMs} ms)`,
      'heap delta after load': `${result.heapDeltaMB} MB${gc ? '' : ' (run with --expose-gc for exact figures)'}`,
      'array buffers delta': `${result.arrayBuffersDeltaMB} MB`,
      'RSS delta after load': `${result.rssDeltaMB} MB`,
      'word list': `${result.words} (known ${round(result.knownRatio * 100)} %)`,
      'look-up caches after the run': `${result.cacheHeapMB} MB (${result.cachedPlans} plans, ${result.cachedTagLists} tag lists)`,
      'look-ups': result.lookups,
      'look-ups per second': result.lookupsPerSec.toLocaleString('en-US'),
      'look-ups per CPU second': result.lookupsPerCpuSec.toLocaleString('en-US'),
      'ns per look-up': result.nsPerLookup,
      'analyses per look-up': result.analysesPerLookup,
      'machine load (1 min)': result.machineLoad,
    })
  }
  return result
}

function isMain(): boolean {
  const arg = process.argv[1]
  if (!arg) return false
  try {
    return import.meta.url === pathToFileURL(realpathSync(arg)).href
  } catch {
    return false
  }
}

if (isMain()) {
  await benchLemmatizer({ print: true })
}
