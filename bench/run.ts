/**
 * @module
 * `depesza bench`: builds (or reuses) the dataset, runs the real server as child processes on
 * loopback, loads each scenario with wrk (or autocannon), measures nginx serving the same
 * article as the ceiling, and reports. See docs/performance.md for the method.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pino from 'pino'
import { keysForChange, postgresBus } from '../src/cache/invalidation.js'
import { ContentService } from '../src/content/content.service.js'
import { paragraphsToDocument } from '../src/content/document.js'
import { openDatabase } from '../src/platform/db/database.js'
import { ensurePolishDictionary } from '../src/polish/morfologik/install.js'
import {
  dictionaryDir,
  dropBenchDatabase,
  freshSqliteDataDir,
  prepareDataset,
  preparePostgres,
  projectRoot,
  type Dataset,
  type ImportFigures,
} from './dataset.js'
import { compressedSize, get, runLoad, startServer, waitUntilIdle, wrkAvailable, wrkVersion, type LoadResult, type Server } from './http.js'
import { benchLemmatizer } from './lemmatizer.js'
import { nginxBinary, startNginx, type Nginx } from './nginx.js'
import { startBareNode, type BareNode } from './node-ceiling.js'
import pg from 'pg'
import { childPids, cpuSeconds, installCleanupHandlers, stopAll, treeRssMB } from './processes.js'
import { summarizeProfile } from './profile.js'
import {
  checkTargets,
  formatReport,
  machineInfo,
  writeResults,
  type DatabaseName,
  type DbRun,
  type PageWeight,
  type PublishFigures,
  type Results,
  type ScenarioResult,
  medianRun,
  rssPeakOf,
  totalCpu,
} from './report.js'

export interface BenchOptions {
  articles: number[]
  databases: DatabaseName[]
  durationSec: number
  warmupSec: number
  connections: number
  threads: number
  tool: 'wrk' | 'autocannon' | 'auto'
  postgresUrl: string
  searchQuery: string
  profile: boolean
  lemmatizer: boolean
  rebuild: boolean
  jsonFile?: string
  outputDir?: string
  corpusDir?: string
  publishTrials: number
  /** Before each measured run, wait up to this many seconds for a quiet machine. */
  waitIdleSec: number
  /** Separate server starts measured before the scenarios. */
  startTrials: number
  /** nice level for the servers, nginx and wrk (0: as this process). */
  nice: number
  /** WORKERS of the measured servers (start trials, with and without page cache). */
  workers: number
  /** Loads per scenario; the median run (by CPU per request) is reported. */
  repeat: number
}

const log = (line: string) => process.stderr.write(line + '\n')

interface Context {
  /** The database of the PostgreSQL run in progress (its backends' CPU is measured). */
  postgresUrl?: string
  o: BenchOptions
  root: string
  tmp: string
  dictionaryDir: string
  wrk: string | null
  tool: 'wrk' | 'autocannon'
}

function errorsOf(l: LoadResult): number {
  return l.errors.connect + l.errors.read + l.errors.write + l.errors.timeout + l.non2xx
}

async function load(
  ctx: Context,
  url: string,
  watchPid: number | undefined,
  opts: { paths?: string[]; durationSec?: number; extraCpuPids?: number[] } = {},
): Promise<LoadResult> {
  return runLoad(
    {
      url,
      ...(opts.paths ? { paths: opts.paths } : {}),
      ...(opts.extraCpuPids ? { extraCpuPids: opts.extraCpuPids } : {}),
      durationSec: opts.durationSec ?? ctx.o.durationSec,
      connections: ctx.o.connections,
      threads: ctx.o.threads,
      tool: ctx.tool,
      ...(watchPid !== undefined ? { watchPid } : {}),
      tmpDir: ctx.tmp,
      nice: ctx.o.nice,
      // Warm-ups need no quiet machine.
      waitIdleSec: opts.durationSec === undefined ? ctx.o.waitIdleSec : 0,
    },
    ctx.wrk,
  )
}

function describe(l: LoadResult): string {
  return (
    `${l.requestsPerSec.toLocaleString('en-US')} req/s, p50 ${l.latencyMs.p50.toFixed(2)} ms, p99 ${l.latencyMs.p99.toFixed(2)} ms, errors ${errorsOf(l)}` +
    `${l.serverCpu ? `, ${l.serverCpu.usPerRequest} µs CPU/req` : ''}${l.databaseCpu ? ` + ${l.databaseCpu.usPerRequest} µs in PostgreSQL` : ''}; machine ${l.machineBusyBeforePercent ?? '?'} % busy before${l.waitedForQuietSec ? ` (waited ${l.waitedForQuietSec} s)` : ''}, load avg ${l.loadAverage.before}`
  )
}

/** Stops a server and reports what it logged while measured and while stopping. */
async function stopAndCollect(server: Server, run: DbRun): Promise<void> {
  const before = server.output()
  await server.stop()
  const after = server.output()
  run.errors.push(...serverWarnings(before, server.name))
  // The tail may have moved on; what is new after the stop signal is the shutdown's.
  const overlap = after.indexOf(before.slice(-200))
  const atStop = overlap >= 0 ? after.slice(overlap + Math.min(200, before.length)) : ''
  run.errors.push(...serverWarnings(atStop, `${server.name} while stopping`))
}

/** CPU seconds of every backend process connected to the database of `url` (same machine). */
async function backendCpu(url: string): Promise<Map<number, number>> {
  const client = new pg.Client({ connectionString: url })
  const out = new Map<number, number>()
  try {
    await client.connect()
    const { rows } = await client.query<{ pid: number }>('select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()')
    for (const r of rows) {
      const c = cpuSeconds(r.pid)
      if (c !== null) out.set(r.pid, c)
    }
  } finally {
    await client.end().catch(() => {})
  }
  return out
}

/** Warnings and errors a server logged (LOG_LEVEL=warn), one line each. */
function serverWarnings(output: string, name: string): string[] {
  const out = new Set<string>()
  for (const line of output.split('\n')) {
    if (!line.trim()) continue
    try {
      const entry = JSON.parse(line) as { level?: number; msg?: string; err?: { message?: string }; path?: string }
      if ((entry.level ?? 0) >= 40) {
        const detail = [entry.path, entry.err?.message?.split('\n')[0]?.slice(0, 200)].filter(Boolean).join(': ')
        out.add(`${name} logged: ${entry.msg ?? line.slice(0, 200)}${detail ? ` (${detail})` : ''}`)
      }
    } catch {
      // Plain lines (the start banner) and the cut first line of a kept tail are not news.
      if (/^(Depesza is running|Create the owner account)/.test(line) || !/^[A-Za-z]/.test(line)) continue
      out.add(`${name} printed: ${line.slice(0, 200)}`)
    }
  }
  return [...out]
}

/** One load of a scenario's URL, with the CPU of the server (its workers) and of PostgreSQL's backends. */
async function measureOnce(ctx: Context, server: Server | Nginx | BareNode, url: string, paths?: string[]): Promise<LoadResult> {
  // The server's CPU and memory are watched; for nginx the CPU of its master and workers;
  // on PostgreSQL also the database's backends (the queries run there, not in the server).
  const pid = server.pid
  const databaseUrl = 'startMs' in server ? ctx.postgresUrl : undefined
  const db0 = databaseUrl ? await backendCpu(databaseUrl) : null
  const t0 = performance.now()
  const result = await load(ctx, url, pid, {
    ...(paths ? { paths } : {}),
    // nginx's workers; a server's workers with WORKERS=N (none otherwise).
    extraCpuPids: childPids(pid),
  })
  if (databaseUrl && db0) {
    const wallSec = (performance.now() - t0) / 1000
    const db1 = await backendCpu(databaseUrl)
    // Backends that appeared during the run count from their start; ones that ended are lost.
    let sec = 0
    for (const [p, c] of db1) sec += c - (db0.get(p) ?? 0)
    result.databaseCpu = result.requests > 0 ? { percentOfOneCore: Math.round((sec / wallSec) * 100), usPerRequest: Math.round((sec * 1e6) / result.requests) } : null
  }
  return result
}

/** One scenario: a check GET (status, size), then the load, unless the check says skip. */
async function scenario(
  ctx: Context,
  spec: {
    id: string
    label: string
    server: Server | Nginx | BareNode
    kind: ScenarioResult['server']
    path: string | null
    paths?: string[]
    skipUnless200?: boolean
  },
): Promise<ScenarioResult> {
  const base = 'startMs' in spec.server ? spec.server.url : new URL(spec.server.url).origin
  const url = spec.path !== null ? base + spec.path : spec.server.url
  const result: ScenarioResult = { id: spec.id, label: spec.label, server: spec.kind, path: spec.path ?? new URL(url).pathname, status: null, bytes: null, load: null, notes: [] }
  const check = await get(url)
  result.status = check.status
  result.bytes = check.body.length
  if (check.status !== 200) {
    if (spec.skipUnless200) {
      result.skipped = `${spec.path} answers ${check.status}${check.status === 404 ? ' (no such route yet)' : ''}`
      log(`  ${spec.label}: skipped, ${result.skipped}`)
      return result
    }
    result.notes.push(`check GET answered ${check.status}`)
  }
  if (spec.paths) result.notes.push(`${spec.paths.length} different articles in turn`)
  if ('startMs' in spec.server) {
    const drained = await waitUntilIdle(spec.server)
    if (drained > 1000) result.notes.push(`waited ${(drained / 1000).toFixed(1)} s for the previous load's queue to drain`)
  }
  log(`  ${spec.label} …`)
  // With --repeat N the scenario is loaded N times and the run with the median CPU per request
  // (req/s where no CPU was measured) stands for it; the others are kept in `runs`.
  const runs: LoadResult[] = []
  for (let i = 0; i < ctx.o.repeat; i++) {
    runs.push(await measureOnce(ctx, spec.server, url, spec.paths))
    if (ctx.o.repeat > 1) log(`    run ${i + 1}/${ctx.o.repeat}: ${describe(runs[i]!)}`)
  }
  result.load = medianRun(runs)
  if (runs.length > 1) {
    result.runs = runs.map((l) => ({ requestsPerSec: l.requestsPerSec, cpuUsPerRequest: totalCpu(l), p99Ms: l.latencyMs.p99, rssPeakMB: l.serverRss?.peakMB ?? null }))
    const cpus = result.runs.flatMap((r) => (r.cpuUsPerRequest === null ? [] : [r.cpuUsPerRequest]))
    const rps = result.runs.map((r) => r.requestsPerSec)
    result.notes.push(
      `median of ${runs.length} runs (${Math.min(...rps).toLocaleString('en-US')}–${Math.max(...rps).toLocaleString('en-US')} req/s` +
        `${cpus.length ? `, ${Math.min(...cpus).toLocaleString('en-US')}–${Math.max(...cpus).toLocaleString('en-US')} µs CPU/req` : ''})`,
    )
  }
  const busy = result.load.machineBusyBeforePercent
  if (busy !== null && busy >= 20) result.notes.push(`machine ${busy} % busy before${result.load.waitedForQuietSec > 0 ? ` (waited ${result.load.waitedForQuietSec} s)` : ''}`)
  log(`    ${describe(result.load)}`)
  return result
}

async function pageWeight(server: Server, articlePath: string): Promise<PageWeight> {
  const url = server.url + articlePath
  const plain = await get(url)
  const html = plain.body.toString('utf8')
  const [br, gz] = await Promise.all([compressedSize(url, 'br'), compressedSize(url, 'gzip')])
  const href = /<link[^>]+rel="stylesheet"[^>]*href="([^"]+)"/.exec(html)?.[1] ?? /<link[^>]+href="([^"]+\.css)"/.exec(html)?.[1]
  let stylesheet: PageWeight['stylesheet'] = null
  if (href) {
    const cssUrl = server.url + new URL(href, server.url).pathname
    const css = await get(cssUrl)
    const [cbr, cgz] = await Promise.all([compressedSize(cssUrl, 'br'), compressedSize(cssUrl, 'gzip')])
    stylesheet = {
      url: href,
      bytes: css.body.length,
      gzipBytes: cgz.encoding === 'gzip' ? cgz.bytes : null,
      brotliBytes: cbr.encoding === 'br' ? cbr.bytes : null,
    }
  }
  const scripts = [...html.matchAll(/<script\b([^>]*)>/gi)]
  const jsonLd = scripts.filter((m) => /type="application\/ld\+json"/i.test(m[1] ?? '')).length
  return {
    path: articlePath,
    htmlBytes: plain.body.length,
    htmlGzipBytes: gz.encoding === 'gzip' ? gz.bytes : null,
    htmlBrotliBytes: br.encoding === 'br' ? br.bytes : null,
    stylesheet,
    scripts: scripts.length - jsonLd,
    jsonLdBlocks: jsonLd,
  }
}

/**
 * PostgreSQL only: two instances with page caches on one database. The bench process writes
 * the story through ContentService and announces it on the same LISTEN/NOTIFY channel the
 * instances use (there is no write API yet); then it polls the second instance's home page,
 * cached before the write, until the new headline is there.
 */
async function publishToVisible(databaseUrl: string, observers: Server[], sectionSlug: string, trials: number): Promise<PublishFigures> {
  const dbh = openDatabase({ kind: 'postgres', url: databaseUrl })
  const logger = pino({ level: 'warn' }, pino.destination(2))
  const bus = await postgresBus({ url: databaseUrl, schema: undefined, db: dbh.db, instanceId: `bench:${process.pid}`, onKeys: () => {}, logger })
  const content = new ContentService(dbh.db)
  content.onChange(async (change) => bus.publish(await keysForChange(dbh.db, change)))
  const results: PublishFigures['trials'] = []
  try {
    for (let i = 0; i < trials; i++) {
      const token = `Pomiar${randomBytes(5).toString('hex')}`
      // Warm: the home page is in each instance's cache and does not show the story yet.
      for (const observer of observers) {
        for (let k = 0; k < 2; k++) {
          const before = await get(observer.url + '/')
          if (before.body.includes(token)) throw new Error('the new headline is on the page before it was published')
        }
      }
      const t0 = performance.now()
      await content.create({
        kind: 'article',
        headline: `Publikacja ${token} na stronie głównej`,
        lede: 'Artykuł dodany przez benchmark, by zmierzyć czas od publikacji do pokazania na drugiej instancji.',
        sectionSlug,
        body: paragraphsToDocument(['Treść artykułu testowego benchmarku.']),
        status: 'published',
      })
      const writeMs = performance.now() - t0
      // Visible = shown by every instance; each is polled every few milliseconds.
      await Promise.all(
        observers.map(async (observer) => {
          for (;;) {
            const page = await get(observer.url + '/')
            if (page.body.includes(token)) return
            if (performance.now() - t0 > 30_000) throw new Error(`the new story did not appear on ${observer.name} within 30 s`)
            await new Promise((r) => setTimeout(r, 2))
          }
        }),
      )
      results.push({ writeMs: Math.round(writeMs), visibleMs: Math.round(performance.now() - t0) })
      await new Promise((r) => setTimeout(r, 200))
    }
  } finally {
    await bus.close()
    await dbh.close()
  }
  const sorted = results.map((r) => r.visibleMs).sort((a, b) => a - b)
  return {
    trials: results,
    medianMs: sorted[sorted.length >> 1]!,
    maxMs: sorted[sorted.length - 1]!,
    method:
      'two server processes on one database, home page cached on both; the bench process writes the story with ContentService and NOTIFYs its keys ' +
      'as an instance does (no write API yet); time from the write until both instances show the headline',
  }
}

async function databaseVersion(db: DatabaseName, url: string): Promise<string | null> {
  const dbh = openDatabase(db === 'sqlite' ? { kind: 'sqlite', file: url.slice('sqlite:'.length) } : { kind: 'postgres', url })
  try {
    const { sql } = await import('kysely')
    const row = await sql<{ v: string }>`select ${sql.raw(db === 'sqlite' ? 'sqlite_version()' : 'version()')} as v`.execute(dbh.db)
    const v = row.rows[0]?.v ?? null
    return db === 'postgres' && v ? (/PostgreSQL (\S+)/.exec(v)?.[1] ?? v) : v
  } catch {
    return null
  } finally {
    await dbh.close()
  }
}

async function runDatabase(ctx: Context, dataset: Dataset, database: DatabaseName): Promise<DbRun> {
  const m = dataset.manifest
  const o = ctx.o
  log(`\n== ${database}, ${m.articles.toLocaleString('en-US')} articles ==`)
  const imports: ImportFigures[] = []
  if (m.imports.sqlite) imports.push(m.imports.sqlite)
  let databaseUrl: string
  let dataDirs: string[] = []
  const newDataDir = (name: string) => {
    const dir = database === 'sqlite' ? freshSqliteDataDir(dataset, ctx.tmp, name) : fs.mkdtempSync(path.join(ctx.tmp, `${name}-`))
    dataDirs.push(dir)
    return dir
  }
  const firstDir = newDataDir('cache')
  if (database === 'sqlite') {
    databaseUrl = `sqlite:${path.join(firstDir, 'depesza.db')}`
  } else {
    const prepared = await preparePostgres(dataset, o.postgresUrl, log)
    databaseUrl = prepared.url
    ctx.postgresUrl = prepared.url
    imports.push(prepared.figures)
  }
  const run: DbRun = {
    database,
    databaseVersion: await databaseVersion(database, databaseUrl),
    articles: m.articles,
    datasetKey: m.key,
    datasetSource: m.source,
    datasetCached: dataset.cached,
    imports,
    article: m.article,
    starts: [],
    scenarios: [],
    hitToNginx: null,
    hitToNode: null,
    memory: { cacheServerAfterLoadMB: null, noCacheServerAfterLoadMB: null, rssFeedPeakMB: { cache: null, noCache: null } },
    pageWeight: null,
    publish: { skipped: 'SQLite runs one instance (publish → visible on another instance is a PostgreSQL figure)' },
    profile: null,
    startProfile: null,
    errors: [],
  }
  const searchPath = `/szukaj?q=${encodeURIComponent(o.searchQuery)}`
  try {
    // --- the server with its page cache: hits, and nginx as the ceiling
    // --- start to first answer, measured on its own a few times
    for (let i = 0; i < o.startTrials; i++) {
      const trial = await startServer({ name: `depesza (start ${i + 1})`, workers: ctx.o.workers, root: ctx.root, dictionaryDir: ctx.dictionaryDir, nice: ctx.o.nice, dataDir: firstDir, databaseUrl })
      run.starts.push({ server: `start ${i + 1}`, ms: trial.startMs, cpuMs: trial.startCpuMs, rssMB: treeRssMB(trial.pid) })
      await stopAndCollect(trial, run)
    }
    if (o.startTrials > 0) log(`  start to first answer: ${run.starts.map((x) => `${x.ms} ms (${x.cpuMs ?? '?'} ms CPU, ${x.rssMB ?? '?'} MB RSS)`).join(', ')}`)
    const cache = await startServer({ name: 'depesza (cache)', workers: ctx.o.workers, root: ctx.root, dictionaryDir: ctx.dictionaryDir, nice: ctx.o.nice, dataDir: firstDir, databaseUrl })
    run.starts.push({ server: 'cache', ms: cache.startMs, cpuMs: cache.startCpuMs, rssMB: null })
    log(`  server with page cache up in ${cache.startMs} ms (pid ${cache.pid})`)
    let nginx: Nginx | null = null
    let bareNode: BareNode | null = null
    try {
      const article = await get(cache.url + m.article.path)
      if (article.status !== 200) throw new Error(`${m.article.path} answered ${article.status}`)
      run.pageWeight = await pageWeight(cache, m.article.path)
      // Fill the cache: every cacheable page twice (the second one is a hit).
      for (const p of [m.article.path, '/', m.sectionPath, '/rss.xml', searchPath]) for (let i = 0; i < 2; i++) await get(cache.url + p)
      const ngx = nginxBinary()
      if (ngx) {
        nginx = await startNginx(ngx, article.body, ctx.tmp, o.nice)
        log(`  nginx ${nginx.version ?? ''} serving the same HTML (${article.body.length} bytes) at ${nginx.url} (pid ${nginx.pid})`)
      } else {
        run.errors.push('nginx is not installed: no ceiling measured')
      }
      // As wrk asks for it: no Accept-Encoding (fetch would ask for br and decode it).
      bareNode = await startBareNode(await get(cache.url + m.article.path, { 'accept-encoding': 'identity' }), ctx.tmp, o.nice)
      if (o.warmupSec > 0) await load(ctx, cache.url + m.article.path, undefined, { durationSec: o.warmupSec })
      if (nginx) {
        const s = await scenario(ctx, { id: 'nginx', label: 'nginx static file (ceiling)', server: nginx, kind: 'nginx', path: null })
        s.notes.unshift('same HTML as the article')
        run.scenarios.push(s)
      }
      const node = await scenario(ctx, { id: 'node', label: 'bare Node.js server (its ceiling)', server: bareNode, kind: 'node', path: null })
      node.notes.unshift('the hit response (body and headers) prebuilt, node:http')
      run.scenarios.push(node)
      const hit = await scenario(ctx, { id: 'article-hit', label: 'article, cache hit', server: cache, kind: 'cache', path: m.article.path })
      run.scenarios.push(hit)
      const ratio = (id: string) => {
        const ceiling = run.scenarios.find((s) => s.id === id)?.load
        return ceiling && hit.load ? Math.round((hit.load.requestsPerSec / ceiling.requestsPerSec) * 1000) / 1000 : null
      }
      run.hitToNginx = ratio('nginx')
      run.hitToNode = ratio('node')
      if (run.hitToNode !== null) hit.notes.unshift(`${Math.round(run.hitToNode * 100)} % of bare Node.js`)
      if (run.hitToNginx !== null) hit.notes.unshift(`${Math.round(run.hitToNginx * 100)} % of nginx`)
      run.scenarios.push(await scenario(ctx, { id: 'home-hit', label: 'home page, cache hit', server: cache, kind: 'cache', path: '/' }))
      run.scenarios.push(await scenario(ctx, { id: 'section-hit', label: `section ${m.sectionPath}, cache hit`, server: cache, kind: 'cache', path: m.sectionPath }))
      const rss = await scenario(ctx, { id: 'rss-hit', label: 'RSS feed, cache hit', server: cache, kind: 'cache', path: '/rss.xml' })
      run.memory.rssFeedPeakMB.cache = rssPeakOf(rss)
      run.scenarios.push(rss)
      run.scenarios.push(
        await scenario(ctx, { id: 'search', label: `search "${o.searchQuery}"`, server: cache, kind: 'cache', path: searchPath, skipUnless200: true }),
      )
      run.memory.cacheServerAfterLoadMB = treeRssMB(cache.pid)

    } finally {
      await nginx?.stop()
      await bareNode?.stop()
      await stopAndCollect(cache, run)
    }

    // --- no page cache: every request renders from the database
    const nocache = await startServer({ name: 'depesza (no cache)', workers: ctx.o.workers, root: ctx.root, dictionaryDir: ctx.dictionaryDir, nice: ctx.o.nice, dataDir: database === 'sqlite' ? firstDir : newDataDir('nocache'), databaseUrl, pageCacheMB: 0 })
    run.starts.push({ server: 'no cache', ms: nocache.startMs, cpuMs: nocache.startCpuMs, rssMB: null })
    log(`  server without page cache (PAGE_CACHE_MB=0) up in ${nocache.startMs} ms (pid ${nocache.pid})`)
    try {
      if (o.warmupSec > 0) await load(ctx, nocache.url + m.article.path, undefined, { durationSec: o.warmupSec })
      run.scenarios.push(await scenario(ctx, { id: 'article-miss', label: 'article, cache miss (render)', server: nocache, kind: 'no-cache', path: m.article.path }))
      run.scenarios.push(
        await scenario(ctx, {
          id: 'article-miss-rotating',
          label: 'articles across the archive, miss',
          server: nocache,
          kind: 'no-cache',
          path: m.rotation[0]!,
          paths: m.rotation,
        }),
      )
      run.scenarios.push(await scenario(ctx, { id: 'home-miss', label: 'home page, miss', server: nocache, kind: 'no-cache', path: '/' }))
      run.scenarios.push(await scenario(ctx, { id: 'section-miss', label: `section ${m.sectionPath}, miss`, server: nocache, kind: 'no-cache', path: m.sectionPath }))
      const rss = await scenario(ctx, { id: 'rss-miss', label: 'RSS feed, miss', server: nocache, kind: 'no-cache', path: '/rss.xml' })
      run.memory.rssFeedPeakMB.noCache = rssPeakOf(rss)
      run.scenarios.push(rss)
      run.memory.noCacheServerAfterLoadMB = treeRssMB(nocache.pid)
    } finally {
      await stopAndCollect(nocache, run)
    }

    // --- a CPU profile of the render path, from a server of its own (profiling slows it)
    if (o.profile) {
      const profDir = fs.mkdtempSync(path.join(ctx.tmp, 'cpuprof-'))
      const prof = await startServer({
        name: 'depesza (profiled)',
        root: ctx.root,
        dictionaryDir: ctx.dictionaryDir,
        nice: o.nice,
        dataDir: database === 'sqlite' ? firstDir : newDataDir('prof'),
        databaseUrl,
        pageCacheMB: 0,
        cpuProfDir: profDir,
      })
      let window: { startUs: number; endUs: number } | undefined
      try {
        log(`  profiling the cache-miss path (node --cpu-prof, pid ${prof.pid}) …`)
        if (o.warmupSec > 0) await load(ctx, prof.url + m.article.path, undefined, { durationSec: o.warmupSec })
        // V8 stamps samples with the system's monotonic clock, as process.hrtime does.
        const startUs = Number(process.hrtime.bigint() / 1000n)
        const l = await load(ctx, prof.url + m.article.path, prof.pid)
        window = { startUs, endUs: Number(process.hrtime.bigint() / 1000n) }
        log(`    (profiled) ${describe(l)}`)
      } finally {
        await prof.stop()
      }
      const file = fs.readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'))
      if (file) {
        const keep = path.join(o.outputDir ?? path.join(ctx.root, 'bench-output'), `miss-${database}-${m.articles}.cpuprofile`)
        fs.copyFileSync(path.join(profDir, file), keep)
        run.profile = summarizeProfile(keep, ctx.root, 15, window)
        run.startProfile = summarizeProfile(keep, ctx.root, 10, prof.startWindowUs)
      } else {
        run.errors.push('the profiled server wrote no .cpuprofile')
      }
    }

    // --- PostgreSQL: two instances with page caches; publish, then read from both. Last,
    // because the story written by the bench process is not in the search index, and a
    // server started after it would rebuild the index in the background.
    if (database === 'postgres') {
      const first = await startServer({ name: 'depesza (instance 1)', root: ctx.root, dictionaryDir: ctx.dictionaryDir, nice: ctx.o.nice, dataDir: newDataDir('one'), databaseUrl })
      const second = await startServer({ name: 'depesza (instance 2)', root: ctx.root, dictionaryDir: ctx.dictionaryDir, nice: ctx.o.nice, dataDir: newDataDir('two'), databaseUrl })
      run.starts.push({ server: 'instance 1', ms: first.startMs, cpuMs: first.startCpuMs, rssMB: null }, { server: 'instance 2', ms: second.startMs, cpuMs: second.startCpuMs, rssMB: null })
      try {
        run.publish = await publishToVisible(databaseUrl, [first, second], m.sectionPath.slice(1), o.publishTrials)
        log(`  publish → visible on both instances: ${run.publish.trials.map((t) => t.visibleMs).join(', ')} ms`)
      } catch (err) {
        run.publish = { skipped: `failed: ${(err as Error).message}` }
        run.errors.push(`publish → visible: ${(err as Error).message}`)
      } finally {
        await Promise.all([stopAndCollect(first, run), stopAndCollect(second, run)])
      }
    }
  } catch (err) {
    run.errors.push((err as Error).message)
    log(`  failed: ${(err as Error).stack ?? err}`)
  } finally {
    delete ctx.postgresUrl
    if (database === 'postgres') await dropBenchDatabase(o.postgresUrl).catch((err) => run.errors.push(`drop database: ${(err as Error).message}`))
    for (const d of dataDirs) fs.rmSync(d, { recursive: true, force: true })
    dataDirs = []
  }
  return run
}

export async function runBenchmark(o: BenchOptions): Promise<{ results: Results; files: string[]; report: string }> {
  installCleanupHandlers()
  const root = projectRoot()
  const outputDir = o.outputDir ?? path.join(root, 'bench-output')
  fs.mkdirSync(outputDir, { recursive: true })
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'depesza-bench-'))
  const wrk = o.tool === 'autocannon' ? null : wrkAvailable()
  if (o.tool === 'wrk' && !wrk) throw new Error('wrk is not installed (apt-get install wrk), use --tool autocannon')
  const ctx: Context = { o, root, tmp, wrk, tool: wrk ? 'wrk' : 'autocannon', dictionaryDir: dictionaryDir(outputDir) }
  // Servers find the dictionary in place, as in a running installation (not extracted at start).
  try {
    await ensurePolishDictionary({ dataDir: outputDir })
  } catch (err) {
    log(`Note: no Polish dictionary for search (${(err as Error).message.split('\n')[0]})`)
  }
  const ngx = nginxBinary()
  const machine = machineInfo(wrk ? wrkVersion(wrk) : null, ngx ? ((await import('./nginx.js')).nginxVersion(ngx) ?? null) : null)
  const startedAt = new Date().toISOString()
  if (machine.loadAverageAtStart[0]! > 0.5 * machine.cores) {
    log(`Note: load average is ${machine.loadAverageAtStart.join(' ')} on ${machine.cores} cores; other work will lower every figure.`)
  }
  const runs: DbRun[] = []
  let lemmatizer: Results['lemmatizer'] = { skipped: 'not run (--skip-lemmatizer)' }
  try {
    for (const articles of o.articles) {
      const t0 = performance.now()
      const dataset = await prepareDataset({
        articles,
        outputDir,
        corpusDir: o.corpusDir ?? path.join(root, '..', 'shared', 'corpus'),
        rebuild: o.rebuild,
        log,
      })
      log(
        dataset.cached
          ? `Dataset ${dataset.manifest.key}: cached (imported in ${((dataset.manifest.imports.sqlite?.ms ?? 0) / 1000).toFixed(1)} s when built)`
          : `Dataset ${dataset.manifest.key}: built in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      )
      for (const database of o.databases) {
        runs.push(await runDatabase(ctx, dataset, database))
        // A long run keeps what it has measured so far.
        fs.writeFileSync(path.join(outputDir, 'results-partial.json'), JSON.stringify({ startedAt, runs }, null, 2) + '\n')
      }
    }
    if (o.lemmatizer) {
      log('\nLemmatizer …')
      try {
        lemmatizer = await benchLemmatizer({ dataDir: outputDir })
      } catch (err) {
        lemmatizer = { skipped: (err as Error).message.split('\n')[0]! }
      }
    }
  } finally {
    await stopAll()
    fs.rmSync(tmp, { recursive: true, force: true })
  }
  const results: Results = {
    startedAt,
    finishedAt: new Date().toISOString(),
    machine,
    settings: {
      articles: o.articles,
      databases: o.databases,
      durationSec: o.durationSec,
      warmupSec: o.warmupSec,
      connections: o.connections,
      threads: o.threads,
      tool: ctx.tool,
      searchQuery: o.searchQuery,
      profile: o.profile,
      waitIdleSec: o.waitIdleSec,
      nice: o.nice,
      workers: o.workers,
      repeat: o.repeat,
    },
    runs,
    lemmatizer,
    targets: checkTargets(runs),
  }
  const files = writeResults(results, outputDir, o.jsonFile)
  fs.rmSync(path.join(outputDir, 'results-partial.json'), { force: true })
  return { results, files, report: formatReport(results) }
}
