import { parseArgs } from 'node:util'
import { UsageError, type Command } from '../command.js'

const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/test'

function wholeNumber(name: string, raw: string, min: number, max: number): number {
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max.toLocaleString('en-US')}, got "${raw}"`)
  }
  return Number(raw)
}

function niceLevel(raw: string): number {
  if (!/^-?\d+$/.test(raw) || Number(raw) < -20 || Number(raw) > 19) throw new UsageError(`--nice must be a whole number from -20 to 19, got "${raw}"`)
  return Number(raw)
}

export const benchCommand: Command = {
  name: 'bench',
  help: `Usage: depesza bench [--articles N[,N…]] [--db sqlite|postgres|both] [--duration S] [options]

Builds a dataset of N published articles (real Polish text from ../shared/corpus/ repeated
with new ids, else synthetic), imports it through the JSONL importer and keeps it under
bench-output/datasets/ for the next run. Then starts the real server (\`depesza start\`) as
a child process on 127.0.0.1 and loads it with wrk (or autocannon):

  nginx serving the same article HTML (the ceiling), a bare Node.js server answering with
  the hit's response (Node's ceiling), article (cache hit), home, section, RSS feed, search;
  then a server with PAGE_CACHE_MB=0: article (render every request), 2,000 articles
  across the archive in turn, home, section, RSS.

It also measures the time from spawn to the first answer, memory (RSS) after the load and
during the RSS-feed run, page weight (compressed HTML and stylesheet), publish → visible on
a second instance (PostgreSQL), and the lemmatizer. Prints one table and writes the figures
to bench-output/results-<date>.json. Method and figures: docs/performance.md.

Options:
  --articles N[,N…]   articles in the dataset (default 10000; e.g. 10000,100000)
  --db WHICH          sqlite (default), postgres or both
  --postgres          the same as --db both
  --postgres-url URL  server for the fresh database depesza_bench (created and dropped;
                      default $DEPESZA_BENCH_PG_URL or ${DEFAULT_PG_URL})
  --duration S        seconds of load per scenario (default 10; the issue's method is 20)
  --warmup S          seconds of load before the first scenario of each server (default 3)
  --connections N     open connections (default 50)
  --threads N         wrk threads (default 2)
  --tool wrk|autocannon   load generator (default: wrk when installed)
  --search-query Q    the search scenario's query (default "minister")
  --profile           also record a CPU profile of the cache-miss path (node --cpu-prof)
                      and print its hottest functions
  --publish-trials N  publish → visible repetitions on PostgreSQL (default 5)
  --start-trials N    separate server starts timed before the scenarios (default 3)
  --nice=N            run the servers, nginx and wrk at nice level N (e.g. --nice=-5 on a shared
                      machine, to be measured ahead of other work; negative needs root)
  --wait-idle S       before each measured run wait up to S seconds until the machine is
                      under 20 % busy (for shared machines; default 0: only record it)
  --workers N         WORKERS of the measured servers (default 1; CPU and RSS are summed over
                      the primary and its workers)
  --repeat N          load each scenario N times and report the run with the median CPU per
                      request (default 1; single runs move by ±20 % on a shared machine)
  --skip-lemmatizer   do not run the lemmatizer benchmark
  --rebuild           rebuild the cached dataset
  --json FILE         also write the figures to FILE

Every process the benchmark starts is stopped on exit, on errors and on Ctrl-C.`,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: {
        articles: { type: 'string', default: '10000' },
        db: { type: 'string', default: 'sqlite' },
        postgres: { type: 'boolean', default: false },
        'postgres-url': { type: 'string' },
        duration: { type: 'string', default: '10' },
        warmup: { type: 'string', default: '3' },
        connections: { type: 'string', default: '50' },
        threads: { type: 'string', default: '2' },
        tool: { type: 'string' },
        'search-query': { type: 'string', default: 'minister' },
        profile: { type: 'boolean', default: false },
        'publish-trials': { type: 'string', default: '5' },
        'wait-idle': { type: 'string', default: '0' },
        'start-trials': { type: 'string', default: '3' },
        nice: { type: 'string', default: '0' },
        workers: { type: 'string', default: '1' },
        repeat: { type: 'string', default: '1' },
        'skip-lemmatizer': { type: 'boolean', default: false },
        rebuild: { type: 'boolean', default: false },
        json: { type: 'string' },
      },
    })
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`)
    const articles = values.articles.split(',').map((n) => wholeNumber('articles', n.trim().replace(/_/g, ''), 100, 1_000_000))
    const db = values.postgres ? 'both' : values.db
    if (!['sqlite', 'postgres', 'both'].includes(db)) throw new UsageError(`--db must be sqlite, postgres or both, got "${db}"`)
    const tool = values.tool ?? 'auto'
    if (!['wrk', 'autocannon', 'auto'].includes(tool)) throw new UsageError(`--tool must be wrk or autocannon, got "${tool}"`)
    const postgresUrl = values['postgres-url'] ?? process.env.DEPESZA_BENCH_PG_URL ?? DEFAULT_PG_URL
    if (db !== 'sqlite' && !/^postgres(ql)?:\/\//.test(postgresUrl)) throw new UsageError(`--postgres-url must be postgres://…, got "${postgresUrl}"`)
    const { runBenchmark } = await import('../../../bench/run.js')
    const { report, files } = await runBenchmark({
      articles,
      databases: db === 'both' ? ['sqlite', 'postgres'] : [db as 'sqlite' | 'postgres'],
      durationSec: wholeNumber('duration', values.duration, 1, 600),
      warmupSec: wholeNumber('warmup', values.warmup, 0, 120),
      connections: wholeNumber('connections', values.connections, 1, 10_000),
      threads: wholeNumber('threads', values.threads, 1, 64),
      tool: tool as 'wrk' | 'autocannon' | 'auto',
      postgresUrl,
      searchQuery: values['search-query'],
      profile: values.profile,
      lemmatizer: !values['skip-lemmatizer'],
      rebuild: values.rebuild,
      publishTrials: wholeNumber('publish-trials', values['publish-trials'], 1, 100),
      waitIdleSec: wholeNumber('wait-idle', values['wait-idle'], 0, 3600),
      startTrials: wholeNumber('start-trials', values['start-trials'], 0, 20),
      nice: niceLevel(values.nice),
      workers: wholeNumber('workers', values.workers, 1, 64),
      repeat: wholeNumber('repeat', values.repeat, 1, 20),
      ...(values.json !== undefined ? { jsonFile: values.json } : {}),
    })
    process.stdout.write(report + '\n')
    process.stdout.write(`Figures: ${files.join(', ')}\n`)
    return 0
  },
}
