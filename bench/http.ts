/**
 * @module
 * The HTTP side of the benchmark: the real server (`node bin/depesza.js start`) as a child
 * process on 127.0.0.1, and the load generator (wrk when installed, else autocannon) with
 * its figures parsed into one shape.
 */
import { execFile, execFileSync } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { promisify } from 'node:util'
import { cpuSeconds, loadAverage, machineBusyPercent, sampleRss, spawnTracked, stopProcess, waitForQuiet, type Tracked } from './processes.js'

const execFileAsync = promisify(execFile)

/** Only loopback is ever loaded. */
export const HOST = '127.0.0.1'

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.once('error', reject)
    srv.listen(0, HOST, () => {
      const port = (srv.address() as net.AddressInfo).port
      srv.close(() => resolve(port))
    })
  })
}

export function assertLoopback(url: string): void {
  const host = new URL(url).hostname
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '[::1]') throw new Error(`refusing to load a non-loopback target: ${url}`)
}

// -- the server ----------------------------------------------------------------------------

export interface ServerOptions {
  name: string
  root: string
  dataDir: string
  databaseUrl: string
  /** undefined: the default page cache; 0 turns it off (every request renders). */
  pageCacheMB?: number
  /** Write a V8 CPU profile into this directory when the server exits. */
  cpuProfDir?: string
  /** The Morfologik dictionary, shared by all runs (extracted once). */
  dictionaryDir: string
  /** Run the server at this nice level (negative: ahead of other work; needs root). */
  nice?: number
  /** WORKERS: server processes behind one socket (src/server/cluster.ts); default 1. */
  workers?: number
}

export interface Server {
  readonly name: string
  readonly url: string
  readonly pid: number
  /** What the server printed so far (warnings, errors: LOG_LEVEL=warn). */
  output(): string
  /** From spawn to the first answered request (GET /healthz → 200), ms. */
  readonly startMs: number
  /** CPU time the server used until then (its own threads: tsx's loader thread included). */
  readonly startCpuMs: number | null
  /** The same interval on the system's monotonic clock (µs), to cut a CPU profile. */
  readonly startWindowUs: { startUs: number; endUs: number }
  stop(): Promise<void>
}

/** The environment of a server: ours, without the caller's Depesza settings. */
function serverEnv(o: ServerOptions, port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(DEPESZA_|WORKERS$|PAGE_CACHE_MB$|DATABASE_URL$|PUBLIC_URL$|PORT$|HOST$|LOG_LEVEL$|NODE_OPTIONS$|SMTP_URL$|CONTACT_TO$)/.test(k)) continue
    env[k] = v
  }
  return {
    ...env,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST,
    DEPESZA_DATA_DIR: o.dataDir,
    DATABASE_URL: o.databaseUrl,
    LOG_LEVEL: 'warn',
    ...(o.pageCacheMB !== undefined ? { PAGE_CACHE_MB: String(o.pageCacheMB) } : {}),
    DEPESZA_DICTIONARY_DIR: o.dictionaryDir,
    WORKERS: String(o.workers ?? 1),
    // A profiled server runs the sources (tsx): its profile names src/ files, not bundle chunks.
    ...(o.cpuProfDir ? { DEPESZA_BUNDLE: 'off' } : {}),
  }
}

/** Spawns through nice(1) when a nice level is given; the PID stays the command's (nice execs it). */
export function spawnNiced(name: string, command: string, args: string[], options: Parameters<typeof spawnTracked>[3], nice: number | undefined): Tracked {
  if (!nice) return spawnTracked(name, command, args, options)
  return spawnTracked(name, 'nice', ['-n', String(nice), command, ...args], options)
}

/**
 * Node's flags for the server, as `npm start` (package.json) and the systemd unit of
 * docs/deployment.md give them: a 4 MB young-generation semi-space instead of up to 16 MB
 * keeps about 20 MB of RSS off a busy server at no measurable CPU cost, and an old generation
 * allowed to grow to 1.5× what survived the last full collection (V8 picks up to 4×) keeps the
 * garbage of slow renders from piling up to 180–210 MB before it is collected (docs/performance.md).
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=4', '--heap-growing-percent=50']

export async function startServer(o: ServerOptions): Promise<Server> {
  const port = await freePort()
  const url = `http://${HOST}:${port}`
  const args = [...(o.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${o.cpuProfDir}`] : []), ...SERVER_NODE_FLAGS, path.join(o.root, 'bin', 'depesza.js'), 'start']
  const started = performance.now()
  const startUs = Number(process.hrtime.bigint() / 1000n)
  const proc = spawnNiced(o.name, process.execPath, args, { cwd: o.root, env: serverEnv(o, port) }, o.nice)
  let exited = false
  void proc.exited.then(() => (exited = true))
  const deadline = started + 60_000
  for (;;) {
    if (exited) throw new Error(`${o.name} exited before answering:\n${proc.output()}`)
    if (performance.now() > deadline) {
      await stopProcess(proc, 'SIGKILL')
      throw new Error(`${o.name} did not answer within 60 s:\n${proc.output()}`)
    }
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) })
      await res.arrayBuffer()
      if (res.ok) break
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 5))
  }
  const startMs = Math.round(performance.now() - started)
  const startWindowUs = { startUs, endUs: Number(process.hrtime.bigint() / 1000n) }
  const cpu = cpuSeconds(proc.pid)
  // With WORKERS=N the first answer comes from the leader; the line is printed once all listen.
  while (!proc.output().includes('Depesza is running at')) {
    if (exited) throw new Error(`${o.name} exited before all its workers answered:\n${proc.output()}`)
    if (performance.now() > deadline) throw new Error(`${o.name}'s workers did not all start within 60 s:\n${proc.output()}`)
    await new Promise((r) => setTimeout(r, 5))
  }
  const startCpuMs = cpu === null ? null : Math.round(cpu * 1000)
  return { name: o.name, url, pid: proc.pid, startMs, startCpuMs, startWindowUs, output: () => proc.output(), stop: () => stopProcess(proc, 'SIGTERM', 15_000) }
}

/**
 * Waits until a server has worked off what an earlier load left queued (Node answers
 * requests of closed connections too): /healthz answers within 50 ms twice in a row.
 * Returns how long that took, ms.
 */
export async function waitUntilIdle(server: Server, maxMs = 120_000): Promise<number> {
  const t0 = performance.now()
  let quick = 0
  while (quick < 2 && performance.now() - t0 < maxMs) {
    const t = performance.now()
    try {
      const res = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(maxMs) })
      await res.arrayBuffer()
    } catch {
      // counted as slow
    }
    quick = performance.now() - t < 50 ? quick + 1 : 0
  }
  return Math.round(performance.now() - t0)
}

/** Keeps a process handle for servers we need to signal ourselves (profiling). */
export type { Tracked }

/**
 * Waits (up to 10 s) until `url` answers 200 with exactly `body`; a process that exits or
 * never answers is killed and reported with its output (and `detail()`, e.g. its error log).
 */
export async function waitUntilServing(proc: Tracked, url: string, body: Buffer, detail: () => string = () => ''): Promise<void> {
  let exited = false
  void proc.exited.then(() => (exited = true))
  const deadline = Date.now() + 10_000
  for (;;) {
    if (exited) throw new Error(`${proc.name} exited:\n${proc.output()}\n${detail()}`)
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) })
      if (res.ok && Buffer.from(await res.arrayBuffer()).equals(body)) return
    } catch {
      // not yet
    }
    if (Date.now() > deadline) {
      await stopProcess(proc, 'SIGKILL')
      throw new Error(`${proc.name} did not answer on ${url}`)
    }
    await new Promise((r) => setTimeout(r, 20))
  }
}

export interface Fetched {
  status: number
  headers: Headers
  body: Buffer
}

export async function get(url: string, headers: Record<string, string> = {}): Promise<Fetched> {
  assertLoopback(url)
  const res = await fetch(url, { headers, redirect: 'manual', signal: AbortSignal.timeout(30_000) })
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) }
}

/** Size on the wire of a response in an encoding (`br`, `gzip`), from the raw socket. */
export async function compressedSize(url: string, encoding: 'br' | 'gzip'): Promise<{ bytes: number; encoding: string | null; status: number }> {
  assertLoopback(url)
  const http = await import('node:http')
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { 'accept-encoding': encoding } }, (res) => {
      let bytes = 0
      res.on('data', (c: Buffer) => (bytes += c.length))
      res.on('end', () => resolve({ bytes, encoding: (res.headers['content-encoding'] as string | undefined) ?? null, status: res.statusCode ?? 0 }))
      res.on('error', reject)
    })
    req.on('error', reject)
  })
}

// -- load ----------------------------------------------------------------------------------

export interface LoadOptions {
  url: string
  /** Cycle through these paths (of `url`'s origin) instead of requesting `url` only. */
  paths?: string[]
  durationSec: number
  connections: number
  threads: number
  tool: 'wrk' | 'autocannon'
  /** A process whose RSS and CPU time are sampled while the load runs. */
  watchPid?: number
  /** Further processes whose CPU time counts with it (nginx's workers). */
  extraCpuPids?: number[]
  tmpDir: string
  /** nice level of the load generator (wrk), as for the servers. */
  nice?: number
  /** Wait up to this long for a quiet machine before starting (0: measure the busy share only). */
  waitIdleSec?: number
}

export interface LoadResult {
  tool: 'wrk' | 'autocannon'
  durationSec: number
  connections: number
  threads: number
  requests: number
  requestsPerSec: number
  latencyMs: { p50: number; p75: number | null; p90: number | null; p99: number; max: number | null; mean: number | null }
  errors: { connect: number; read: number; write: number; timeout: number }
  /** Responses that were not 2xx or 3xx. */
  non2xx: number
  transferMBps: number | null
  /** Server CPU during the run: share of one core, and CPU microseconds per request. */
  serverCpu: { percentOfOneCore: number; usPerRequest: number } | null
  /** PostgreSQL: CPU of the database's backend processes serving the server, per request. */
  databaseCpu?: { percentOfOneCore: number; usPerRequest: number } | null
  serverRss: { peakMB: number | null; afterMB: number | null } | null
  /** 1-minute load average when the run started and ended (other work on the machine). */
  loadAverage: { before: number; after: number }
  /** Share of all cores busy during the second before the run (our servers idle then). */
  machineBusyBeforePercent: number | null
  /** How long the run waited for the machine to become quiet (--wait-idle). */
  waitedForQuietSec: number
}

export function wrkAvailable(): string | null {
  for (const p of ['/usr/bin/wrk', '/usr/local/bin/wrk']) if (fs.existsSync(p)) return p
  try {
    return execFileSync('sh', ['-c', 'command -v wrk'], { encoding: 'utf8' }).trim() || null
  } catch {
    return null
  }
}

export function wrkVersion(bin: string): string | null {
  try {
    execFileSync(bin, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  } catch (err) {
    // wrk prints its version with the usage and exits 1.
    const out = String((err as { stdout?: string }).stdout ?? '') + String((err as { stderr?: string }).stderr ?? '')
    return /wrk\s+(\S+)/.exec(out)?.[1] ?? null
  }
  return null
}

/** "635.91us", "1.20ms", "2.00s" → milliseconds. */
export function parseDuration(text: string): number {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(text.trim())
  if (!m) throw new Error(`cannot parse wrk duration "${text}"`)
  const v = Number(m[1])
  return m[2] === 'us' ? v / 1000 : m[2] === 'ms' ? v : m[2] === 's' ? v * 1000 : v * 60_000
}

function parseSize(text: string): number {
  const m = /^([\d.]+)([KMGT]?B)$/.exec(text.trim())
  if (!m) return NaN
  const scale: Record<string, number> = { B: 1 / 1048576, KB: 1 / 1024, MB: 1, GB: 1024, TB: 1048576 }
  return Number(m[1]) * scale[m[2]!]!
}

/** Parses `wrk --latency` output. */
export function parseWrk(
  output: string,
): Omit<LoadResult, 'tool' | 'durationSec' | 'connections' | 'threads' | 'serverCpu' | 'databaseCpu' | 'serverRss' | 'loadAverage' | 'machineBusyBeforePercent' | 'waitedForQuietSec'> {
  const pct = (p: string): number | null => {
    const m = new RegExp(`^\\s+${p}%\\s+(\\S+)`, 'm').exec(output)
    return m ? parseDuration(m[1]!) : null
  }
  const rps = /^Requests\/sec:\s+([\d.]+)/m.exec(output)
  const total = /^\s+(\d+) requests in/m.exec(output)
  const lat = /^\s+Latency\s+(\S+)\s+(\S+)\s+(\S+)/m.exec(output)
  const sock = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output)
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(output)
  const transfer = /^Transfer\/sec:\s+(\S+)/m.exec(output)
  if (!rps || !total) throw new Error(`cannot parse wrk output:\n${output}`)
  const p50 = pct('50')
  const p99 = pct('99')
  return {
    requests: Number(total[1]),
    requestsPerSec: Math.round(Number(rps[1])),
    latencyMs: {
      p50: p50 ?? NaN,
      p75: pct('75'),
      p90: pct('90'),
      p99: p99 ?? NaN,
      max: lat ? parseDuration(lat[3]!) : null,
      mean: lat ? parseDuration(lat[1]!) : null,
    },
    errors: sock
      ? { connect: Number(sock[1]), read: Number(sock[2]), write: Number(sock[3]), timeout: Number(sock[4]) }
      : { connect: 0, read: 0, write: 0, timeout: 0 },
    non2xx: non2xx ? Number(non2xx[1]) : 0,
    transferMBps: transfer ? parseSize(transfer[1]!) : null,
  }
}

/** A wrk script that requests the paths of a file in turn (each thread from its own offset). */
function rotationScript(tmpDir: string, paths: string[]): string {
  const list = path.join(tmpDir, `paths-${process.pid}-${Date.now()}.txt`)
  fs.writeFileSync(list, paths.join('\n') + '\n')
  const script = path.join(tmpDir, `rotate-${process.pid}-${Date.now()}.lua`)
  fs.writeFileSync(
    script,
    `local paths = {}
for line in io.lines(${JSON.stringify(list)}) do
  if #line > 0 then paths[#paths + 1] = line end
end
local i = 0
function setup(thread)
  thread:set("offset", i)
  i = i + math.floor(#paths / 2) + 7
end
function init(args)
  i = tonumber(offset) or 0
end
function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
`,
  )
  return script
}

async function runWrk(bin: string, o: LoadOptions) {
  const args = ['-t', String(o.threads), '-c', String(o.connections), '-d', `${o.durationSec}s`, '--timeout', '5s', '--latency']
  if (o.paths?.length) args.push('-s', rotationScript(o.tmpDir, o.paths))
  args.push(o.url)
  // wrk runs for the duration; the child is tracked so Ctrl-C stops it too.
  const proc = spawnNiced('wrk', bin, args, {}, o.nice)
  const code = await proc.exited
  if (code !== 0) throw new Error(`wrk failed (${code}):\n${proc.output()}`)
  return parseWrk(proc.output())
}

async function runAutocannon(o: LoadOptions) {
  // autocannon ships no types; a variable specifier keeps tsc from looking for them.
  const specifier = 'autocannon'
  const { default: autocannon } = (await import(specifier)) as { default: (opts: object) => Promise<AutocannonResult> }
  let i = 0
  const paths = o.paths
  const result = await autocannon({
    url: o.url,
    connections: o.connections,
    duration: o.durationSec,
    timeout: 5,
    ...(paths?.length
      ? { requests: [{ setupRequest: (req: { path: string }) => ({ ...req, path: paths[(i = (i + 1) % paths.length)] }) }] }
      : {}),
  })
  return {
    requests: result.requests.total,
    requestsPerSec: Math.round(result.requests.average),
    latencyMs: {
      p50: result.latency.p50,
      p75: result.latency.p75 ?? null,
      p90: result.latency.p90 ?? null,
      p99: result.latency.p99,
      max: result.latency.max,
      mean: result.latency.average,
    },
    errors: { connect: 0, read: result.errors - result.timeouts, write: 0, timeout: result.timeouts },
    non2xx: result.non2xx,
    transferMBps: result.throughput.average / 1048576,
  }
}

interface AutocannonResult {
  requests: { total: number; average: number }
  latency: { p50: number; p75?: number; p90?: number; p99: number; max: number; average: number }
  errors: number
  timeouts: number
  non2xx: number
  throughput: { average: number }
}

/** Runs one bounded load against a loopback URL and measures the watched server meanwhile. */
export async function runLoad(o: LoadOptions, wrkBin: string | null): Promise<LoadResult> {
  assertLoopback(o.url)
  const quiet = o.waitIdleSec && o.waitIdleSec > 0 ? await waitForQuiet(o.waitIdleSec) : { busyPercent: await machineBusyPercent(1000), waitedSec: 0 }
  const before = loadAverage()
  const pids = o.watchPid !== undefined ? [o.watchPid, ...(o.extraCpuPids ?? [])] : []
  const cpuOf = () => {
    let sum = 0
    for (const pid of pids) {
      const c = cpuSeconds(pid)
      if (c === null) return null
      sum += c
    }
    return pids.length ? sum : null
  }
  const cpu0 = cpuOf()
  const sampler = o.watchPid !== undefined ? sampleRss(o.watchPid) : null
  const t0 = performance.now()
  const parsed = o.tool === 'wrk' && wrkBin ? await runWrk(wrkBin, o) : await runAutocannon(o)
  const wallSec = (performance.now() - t0) / 1000
  const rss = sampler?.stop() ?? null
  const cpu1 = cpuOf()
  const cpu = cpu0 !== null && cpu1 !== null ? cpu1 - cpu0 : null
  return {
    tool: o.tool === 'wrk' && wrkBin ? 'wrk' : 'autocannon',
    durationSec: o.durationSec,
    connections: o.connections,
    threads: o.threads,
    ...parsed,
    serverCpu:
      cpu !== null && parsed.requests > 0
        ? { percentOfOneCore: Math.round((cpu / wallSec) * 100), usPerRequest: Math.round((cpu * 1e6) / parsed.requests) }
        : null,
    serverRss: rss ? { peakMB: rss.peakMB, afterMB: rss.lastMB } : null,
    loadAverage: { before, after: loadAverage() },
    machineBusyBeforePercent: quiet.busyPercent,
    waitedForQuietSec: quiet.waitedSec,
  }
}

export { execFileAsync }
