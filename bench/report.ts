/**
 * @module
 * The benchmark's results: their shape (also the JSON file), the machine they were measured
 * on, the targets of the performance issue checked against them, and the printed table.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { LemmatizerBenchResult } from './lemmatizer.js'
import type { ImportFigures } from './dataset.js'
import type { LoadResult } from './http.js'
import type { ProfileSummary } from './profile.js'
import { formatProfile } from './profile.js'

export type DatabaseName = 'sqlite' | 'postgres'

export interface ScenarioResult {
  id: string
  label: string
  /**
   * The server that answered: nginx, "node" (a bare Node.js server with the hit's response),
   * "cache" (default page cache) or "no-cache" (PAGE_CACHE_MB=0).
   */
  server: 'nginx' | 'node' | 'cache' | 'no-cache'
  path: string | null
  /** Status and size of one plain GET before the load. */
  status: number | null
  bytes: number | null
  load: LoadResult | null
  /** Every run with --repeat N (`load` is the median one). */
  runs?: Array<{ requestsPerSec: number; cpuUsPerRequest: number | null; p99Ms: number; rssPeakMB: number | null }>
  skipped?: string
  notes: string[]
}

export interface PageWeight {
  path: string
  htmlBytes: number
  htmlGzipBytes: number | null
  htmlBrotliBytes: number | null
  stylesheet: { url: string; bytes: number; gzipBytes: number | null; brotliBytes: number | null } | null
  /** `<script>` elements other than JSON-LD data blocks. */
  scripts: number
  jsonLdBlocks: number
}

export interface PublishFigures {
  trials: Array<{ writeMs: number; visibleMs: number }>
  medianMs: number
  maxMs: number
  method: string
}

export interface DbRun {
  database: DatabaseName
  databaseVersion: string | null
  articles: number
  datasetKey: string
  datasetSource: 'corpus' | 'synthetic'
  datasetCached: boolean
  imports: ImportFigures[]
  article: { path: string; headline: string; bodyChars: number }
  /** From spawn to the first answered request, per server started, and the CPU it used meanwhile. */
  starts: Array<{ server: string; ms: number; cpuMs: number | null; /** RSS right after the first answer (start trials). */ rssMB?: number | null }>
  scenarios: ScenarioResult[]
  /** Cache-hit req/s divided by nginx req/s, same run. */
  hitToNginx: number | null
  /** Cache-hit req/s divided by the bare Node.js server's req/s, same run (absent in older files). */
  hitToNode?: number | null
  memory: {
    cacheServerAfterLoadMB: number | null
    noCacheServerAfterLoadMB: number | null
    rssFeedPeakMB: { cache: number | null; noCache: number | null }
  }
  pageWeight: PageWeight | null
  publish: PublishFigures | { skipped: string }
  profile: ProfileSummary | null
  /** The same profiled server from spawn to its first answer. */
  startProfile: ProfileSummary | null
  errors: string[]
}

export interface Machine {
  cpu: string
  cores: number
  ramGB: number
  node: string
  os: string
  wrk: string | null
  nginx: string | null
  loadAverageAtStart: number[]
}

export interface Settings {
  articles: number[]
  databases: DatabaseName[]
  durationSec: number
  warmupSec: number
  connections: number
  threads: number
  tool: 'wrk' | 'autocannon'
  searchQuery: string
  profile: boolean
  waitIdleSec: number
  nice: number
  /** Server processes (WORKERS) of the measured servers. */
  workers: number
  /** Loads per scenario (the median run is reported); absent in files of older runs: 1. */
  repeat?: number
}

export interface TargetCheck {
  target: string
  run: string
  measured: string
  met: boolean | null
}

export interface Results {
  startedAt: string
  finishedAt: string
  machine: Machine
  settings: Settings
  runs: DbRun[]
  lemmatizer: LemmatizerBenchResult | { skipped: string }
  targets: TargetCheck[]
}

export function machineInfo(wrk: string | null, nginx: string | null): Machine {
  const cpus = os.cpus()
  let osName = `${os.type()} ${os.release()}`
  try {
    const rel = fs.readFileSync('/etc/os-release', 'utf8')
    const pretty = /^PRETTY_NAME="?([^"\n]+)"?/m.exec(rel)?.[1]
    if (pretty) osName = `${pretty}, kernel ${os.release()}`
  } catch {
    // not Linux
  }
  let cpu = cpus[0]?.model?.trim() ?? 'unknown'
  try {
    // Virtual machines often report a bare model name; lscpu may say more.
    const l = execFileSync('lscpu', { encoding: 'utf8' })
    const name = /^Model name:\s+(.+)$/m.exec(l)?.[1]?.trim()
    const mhz = /^CPU max MHz:\s+(.+)$/m.exec(l)?.[1]?.trim()
    if (name) cpu = name + (mhz ? ` (max ${Math.round(Number(mhz))} MHz)` : '')
  } catch {
    // no lscpu
  }
  return {
    cpu,
    cores: cpus.length,
    ramGB: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    os: osName,
    wrk,
    nginx,
    loadAverageAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
  }
}

// -- targets -----------------------------------------------------------------------------------

function scenario(run: DbRun, id: string): ScenarioResult | undefined {
  return run.scenarios.find((s) => s.id === id && s.load)
}

function errorsOf(l: LoadResult): number {
  return l.errors.connect + l.errors.read + l.errors.write + l.errors.timeout + l.non2xx
}

/** The targets of the performance issue (#6), checked against what was measured. */
export function checkTargets(runs: DbRun[]): TargetCheck[] {
  const out: TargetCheck[] = []
  for (const run of runs) {
    const name = `${run.database} ${run.articles.toLocaleString('en-US')}`
    const hit = scenario(run, 'article-hit')
    if (hit?.load && run.hitToNginx !== null) {
      out.push({
        target: 'cache hit ≥ 60 % of nginx (same run)',
        run: name,
        measured: `${Math.round(run.hitToNginx * 100)} %`,
        met: run.hitToNginx >= 0.6,
      })
      out.push({ target: 'cache hit p99 < 10 ms at 50 connections', run: name, measured: `${fmtMs(hit.load.latencyMs.p99)} ms`, met: hit.load.latencyMs.p99 < 10 })
      out.push({ target: 'cache hit: zero errors', run: name, measured: String(errorsOf(hit.load)), met: errorsOf(hit.load) === 0 })
    }
    const miss = scenario(run, 'article-miss')
    if (miss?.load) {
      const goal = run.database === 'sqlite' ? 2000 : 1000
      out.push({
        target: `cache miss ≥ ${goal.toLocaleString('en-US')} req/s (${run.database})`,
        run: name,
        measured: `${miss.load.requestsPerSec.toLocaleString('en-US')} req/s`,
        met: miss.load.requestsPerSec >= goal,
      })
    }
    const missCpu = totalCpu(miss?.load)
    if (missCpu !== null) {
      const goal = run.database === 'sqlite' ? 2000 : 1000
      const budget = Math.round(1e6 / goal)
      out.push({
        target: `cache miss CPU ≤ ${budget} µs/req (${goal.toLocaleString('en-US')} req/s on one core; load-independent reading)`,
        run: name,
        measured: `${missCpu.toLocaleString('en-US')} µs/req (${Math.round(1e6 / missCpu)} req/CPU-s)${miss?.load?.databaseCpu ? ', PostgreSQL included' : ''}`,
        met: missCpu <= budget,
      })
    }
    const rotating = scenario(run, 'article-miss-rotating')
    if (rotating?.load) {
      const goal = run.database === 'sqlite' ? 2000 : 1000
      out.push({
        target: `cache miss over the archive ≥ ${goal.toLocaleString('en-US')} req/s (${run.database}, stricter reading)`,
        run: name,
        measured: `${rotating.load.requestsPerSec.toLocaleString('en-US')} req/s`,
        met: rotating.load.requestsPerSec >= goal,
      })
    }
    if (run.starts.length > 0) {
      const ms = run.starts.map((s) => s.ms).sort((a, b) => a - b)
      const median = ms[ms.length >> 1]!
      const cpu = run.starts.map((s) => s.cpuMs).filter((c): c is number => c !== null).sort((a, b) => a - b)
      out.push({
        target: 'start to first answer < 1.5 s',
        run: name,
        measured:
          `median ${(median / 1000).toFixed(2)} s of ${ms.length} starts (${(ms[0]! / 1000).toFixed(2)}–${(ms[ms.length - 1]! / 1000).toFixed(2)} s)` +
          (cpu.length ? `; ${(cpu[cpu.length >> 1]! / 1000).toFixed(2)} s CPU` : ''),
        met: median < 1500,
      })
    }
    if ('medianMs' in run.publish) {
      out.push({
        target: 'publish → visible on another instance < 1 s',
        run: name,
        measured: `median ${run.publish.medianMs} ms, max ${run.publish.maxMs} ms`,
        met: run.publish.maxMs < 1000,
      })
    }
    const w = run.pageWeight
    if (w) {
      const html = w.htmlBrotliBytes ?? w.htmlGzipBytes
      if (html !== null) {
        out.push({
          target: 'article HTML < 30 KB compressed',
          run: name,
          measured: `${kb(w.htmlBrotliBytes)} KB br, ${kb(w.htmlGzipBytes)} KB gzip (${kb(w.htmlBytes)} KB raw)`,
          met: Math.max(w.htmlBrotliBytes ?? 0, w.htmlGzipBytes ?? 0) < 30 * 1024,
        })
      }
      if (w.stylesheet) {
        out.push({
          target: 'one stylesheet < 15 KB compressed',
          run: name,
          measured: `${kb(w.stylesheet.brotliBytes)} KB br, ${kb(w.stylesheet.gzipBytes)} KB gzip (${kb(w.stylesheet.bytes)} KB raw)`,
          met: Math.max(w.stylesheet.brotliBytes ?? 0, w.stylesheet.gzipBytes ?? 0) < 15 * 1024,
        })
      }
      out.push({ target: 'no JavaScript for readers', run: name, measured: `${w.scripts} script elements (+${w.jsonLdBlocks} JSON-LD)`, met: w.scripts === 0 })
    }
    if (run.database === 'sqlite' && run.articles >= 100_000) {
      const peak = Math.max(run.memory.rssFeedPeakMB.cache ?? 0, run.memory.rssFeedPeakMB.noCache ?? 0)
      out.push({ target: 'RSS (memory) < 150 MB at 100,000 stories on SQLite (RSS feed run)', run: name, measured: `${peak} MB peak`, met: peak < 150 })
    }
  }
  // Cost does not grow with the archive: 100k within 20 % of 10k, per database.
  for (const db of ['sqlite', 'postgres'] as const) {
    const small = runs.find((r) => r.database === db && r.articles === 10_000)
    const large = runs.find((r) => r.database === db && r.articles === 100_000)
    if (!small || !large) continue
    for (const id of ['home-miss', 'section-miss', 'article-miss', 'article-miss-rotating', 'rss-miss']) {
      const a = scenario(small, id)?.load
      const b = scenario(large, id)?.load
      if (!a || !b) continue
      // Compared by CPU per request: requests per second of two runs minutes apart also
      // compare how busy the machine was.
      const ca = totalCpu(a)
      const cb = totalCpu(b)
      if (ca !== null && cb !== null) {
        out.push({
          target: `${id} at 100k within 20 % of 10k (by CPU per request)`,
          run: db,
          measured: `${ca.toLocaleString('en-US')} → ${cb.toLocaleString('en-US')} µs/req (${Math.round((cb / ca) * 100)} %); ${a.requestsPerSec} → ${b.requestsPerSec} req/s`,
          // Within 20 %: at most 1.2 × the CPU at 10k (ca / cb ≥ 0.8 let 123 % pass).
          met: cb <= ca * 1.2,
        })
      } else {
        const ratio = b.requestsPerSec / a.requestsPerSec
        out.push({ target: `${id} at 100k within 20 % of 10k`, run: db, measured: `${Math.round(ratio * 100)} % (${b.requestsPerSec} vs ${a.requestsPerSec} req/s)`, met: ratio >= 0.8 })
      }
    }
  }
  return out
}

// -- printing --------------------------------------------------------------------------------

export function fmtMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return '–'
  return ms < 1 ? ms.toFixed(2) : ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : Math.round(ms).toString()
}

function kb(bytes: number | null | undefined): string {
  return bytes === null || bytes === undefined ? '–' : (bytes / 1024).toFixed(1)
}

function table(head: string[], rows: string[][], right: Set<number>): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (right.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd()
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n')
}

/** CPU per request of the answering process, plus PostgreSQL's backends when measured. */
export function totalCpu(l: LoadResult | null | undefined): number | null {
  if (!l?.serverCpu) return null
  return l.serverCpu.usPerRequest + (l.databaseCpu?.usPerRequest ?? 0)
}

/** The highest RSS the server reached during a scenario: over every run when it was repeated. */
export function rssPeakOf(s: ScenarioResult): number | null {
  const peaks = (s.runs ?? [{ rssPeakMB: s.load?.serverRss?.peakMB ?? null }]).flatMap((r) => (r.rssPeakMB === null ? [] : [r.rssPeakMB]))
  return peaks.length ? Math.max(...peaks) : null
}

/** The run with the median CPU per request (the lower middle of an even count), else the median req/s. */
export function medianRun(runs: LoadResult[]): LoadResult {
  const byCpu = runs.every((l) => totalCpu(l) !== null)
  const sorted = [...runs].sort((a, b) => (byCpu ? totalCpu(a)! - totalCpu(b)! : b.requestsPerSec - a.requestsPerSec))
  return sorted[Math.floor((sorted.length - 1) / 2)]!
}

export function scenarioRows(runs: DbRun[]): string[][] {
  const rows: string[][] = []
  for (const run of runs) {
    for (const s of run.scenarios) {
      const l = s.load
      const notes = [...s.notes]
      if (s.skipped) notes.unshift(`skipped: ${s.skipped}`)
      if (l?.serverCpu) notes.push(`${s.server === 'nginx' || s.server === 'node' ? s.server : 'server'} used ${l.serverCpu.percentOfOneCore} % of a core`)
      if (l?.serverCpu && l.databaseCpu) {
        notes.push(`CPU: server ${l.serverCpu.usPerRequest.toLocaleString('en-US')} + PostgreSQL ${l.databaseCpu.usPerRequest.toLocaleString('en-US')} µs/req (PostgreSQL used ${l.databaseCpu.percentOfOneCore} % of a core)`)
      }
      const cpu = totalCpu(l)
      rows.push([
        run.database,
        run.articles.toLocaleString('en-US'),
        s.label,
        l ? l.requestsPerSec.toLocaleString('en-US') : '–',
        l ? fmtMs(l.latencyMs.p50) : '–',
        l ? fmtMs(l.latencyMs.p99) : '–',
        l ? `${errorsOf(l)}` : '–',
        cpu ? cpu.toLocaleString('en-US') : '–',
        cpu ? Math.round(1e6 / cpu).toLocaleString('en-US') : '–',
        notes.join('; '),
      ])
    }
  }
  return rows
}

export function formatReport(r: Results): string {
  const out: string[] = []
  const m = r.machine
  out.push('')
  out.push(`Depesza benchmark, ${r.startedAt}`)
  out.push(`Machine: ${m.cpu}, ${m.cores} cores, ${m.ramGB} GB RAM; ${m.os}; Node ${m.node}; wrk ${m.wrk ?? '–'}; nginx ${m.nginx ?? '–'}`)
  out.push(`Load average at start: ${m.loadAverageAtStart.join(' ')} (other work on the machine distorts every figure)`)
  const s = r.settings
  out.push(
    `Settings: ${s.tool} ${s.tool === 'wrk' ? `-t${s.threads} ` : ''}-c${s.connections} -d${s.durationSec}s per scenario${(s.repeat ?? 1) > 1 ? `, ${s.repeat} runs each (the median by CPU per request is shown)` : ''} (after ${s.warmupSec} s warm-up per server), ` +
      `load generator and servers on the same machine, loopback only; ${s.workers === 1 ? 'one server process' : `WORKERS=${s.workers} (CPU and RSS of all the server's processes)`}${s.nice ? `, servers, nginx and wrk at nice ${s.nice}` : ''}; ${s.articles.map((n) => n.toLocaleString('en-US')).join(' and ')} articles; ${s.databases.join(' and ')}`,
  )
  out.push('')
  out.push(
    table(
      ['db', 'articles', 'scenario', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'CPU µs/req', 'req/CPU-s', 'notes'],
      scenarioRows(r.runs),
      new Set([1, 3, 4, 5, 6, 7, 8]),
    ),
  )
  out.push(
    'CPU µs/req: CPU time (user + system) of the answering process(es) per request, from /proc (on PostgreSQL plus the\n' +
      "database's backend processes); req/CPU-s = 10⁶ / that:\n" +
      'what one fully available core would serve, the figure least distorted by the load generator and other work on the machine.',
  )
  for (const run of r.runs) {
    out.push('')
    out.push(`${run.database}, ${run.articles.toLocaleString('en-US')} articles (${run.datasetSource}${run.databaseVersion ? `, ${run.database} ${run.databaseVersion}` : ''}):`)
    for (const i of run.imports) {
      out.push(
        `  data (${i.database}): ${i.method === 'import' ? `imported in ${(i.ms / 1000).toFixed(1)} s (${i.articlesPerSec}/s)` : `restored from the cached dump in ${(i.ms / 1000).toFixed(1)} s`}` +
          `${run.datasetCached && i.database === 'sqlite' ? ' (dataset cached, built ' + i.builtAt.slice(0, 10) + ')' : ''}`,
      )
    }
    out.push(`  article: ${run.article.path} (${run.article.bodyChars} characters of body)`)
    out.push(`  start to first answer: ${run.starts.map((x) => `${x.server} ${x.ms} ms (${x.cpuMs ?? '?'} ms CPU${x.rssMB ? `, ${x.rssMB} MB RSS` : ''})`).join(', ')}`)
    if (run.hitToNginx !== null) out.push(`  cache hit / nginx: ${Math.round(run.hitToNginx * 100)} %`)
    if (run.hitToNode) out.push(`  cache hit / bare Node.js server: ${Math.round(run.hitToNode * 100)} %`)
    out.push(
      `  memory (RSS): cache server after load ${run.memory.cacheServerAfterLoadMB ?? '–'} MB, no-cache server after load ${run.memory.noCacheServerAfterLoadMB ?? '–'} MB; ` +
        `peak during the RSS-feed run ${run.memory.rssFeedPeakMB.cache ?? '–'} MB (cache) / ${run.memory.rssFeedPeakMB.noCache ?? '–'} MB (no cache)`,
    )
    const w = run.pageWeight
    if (w) {
      out.push(
        `  page weight: article HTML ${kb(w.htmlBytes)} KB raw, ${kb(w.htmlGzipBytes)} KB gzip, ${kb(w.htmlBrotliBytes)} KB br; ` +
          (w.stylesheet
            ? `stylesheet ${kb(w.stylesheet.bytes)} KB raw, ${kb(w.stylesheet.gzipBytes)} KB gzip, ${kb(w.stylesheet.brotliBytes)} KB br; `
            : 'no stylesheet found; ') +
          `${w.scripts} script elements`,
      )
    }
    if ('medianMs' in run.publish) {
      out.push(
        `  publish → visible on the second instance: median ${run.publish.medianMs} ms, max ${run.publish.maxMs} ms ` +
          `(${run.publish.trials.map((t) => t.visibleMs).join(', ')} ms; ${run.publish.method})`,
      )
    } else {
      out.push(`  publish → visible: ${run.publish.skipped}`)
    }
    for (const e of run.errors) out.push(`  problem: ${e}`)
    if (run.profile) out.push(formatProfile(run.profile, 'the cache-miss server during the load').replace(/^/gm, '  '))
    if (run.startProfile) out.push(formatProfile(run.startProfile, 'the same server from spawn to its first answer', 8).replace(/^/gm, '  '))
  }
  out.push('')
  if ('skipped' in r.lemmatizer) {
    out.push(`Lemmatizer: skipped (${r.lemmatizer.skipped})`)
  } else {
    const l = r.lemmatizer
    out.push(
      `Lemmatizer (morfologik, in the bench process): dictionary load ${l.loadMs} ms, ${l.lookupsPerSec.toLocaleString('en-US')} look-ups/s ` +
        `(${l.lookupsPerCpuSec.toLocaleString('en-US')} per CPU second, ${l.nsPerLookup} ns each), RSS +${l.rssDeltaMB} MB after load, ${l.words} words (${Math.round(l.knownRatio * 100)} % known)`,
    )
  }
  out.push('')
  out.push('Targets (issue 6):')
  out.push(
    table(
      ['target', 'run', 'measured', 'met'],
      r.targets.map((t) => [t.target, t.run, t.measured, t.met === null ? '?' : t.met ? 'yes' : 'NO']),
      new Set(),
    ),
  )
  out.push('')
  return out.join('\n')
}

/** The scenario table and the targets as Markdown, for docs/performance.md. */
export function formatMarkdown(r: Results): string {
  const esc = (t: string) => t.replace(/\|/g, '\\|')
  const out: string[] = []
  out.push('| db | articles | scenario | req/s | p50 ms | p99 ms | errors | CPU µs/req | req/CPU-s | notes |')
  out.push('|---|--:|---|--:|--:|--:|--:|--:|--:|---|')
  for (const row of scenarioRows(r.runs)) out.push(`| ${row.map(esc).join(' | ')} |`)
  out.push('')
  out.push('| target | run | measured | met |')
  out.push('|---|---|---|---|')
  for (const t of r.targets) out.push(`| ${esc(t.target)} | ${esc(t.run)} | ${esc(t.measured)} | ${t.met === null ? '?' : t.met ? 'yes' : '**no**'} |`)
  return out.join('\n') + '\n'
}

export function writeResults(r: Results, outputDir: string, extraFile?: string): string[] {
  fs.mkdirSync(outputDir, { recursive: true })
  const stamp = r.startedAt.replace(/[:]/g, '-').replace(/\.\d+Z$/, 'Z')
  const files = [path.join(outputDir, `results-${stamp}.json`)]
  if (extraFile) files.push(path.resolve(extraFile))
  const text = JSON.stringify(r, null, 2) + '\n'
  for (const f of files) {
    fs.mkdirSync(path.dirname(f), { recursive: true })
    fs.writeFileSync(f, text)
  }
  const md = path.join(outputDir, `results-${stamp}.md`)
  fs.writeFileSync(md, formatMarkdown(r))
  return [...files, md]
}
