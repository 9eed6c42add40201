/**
 * @module
 * Analysis for a full reindex in worker threads: the main thread reads stories
 * from the database and writes the index, workers turn stories into prepared
 * index rows (tokenizing and looking up lemmas is the CPU-heavy part). Each
 * worker loads the same dictionary files; the pool checks that its analyzer
 * signature equals the main thread's, so the index is the same either way.
 *
 * From the sources a worker starts through index-worker-boot.mjs, which registers tsx, so
 * this works under `depesza` (bin/depesza.js) and `node --import tsx` alike; from the
 * server bundle through its own bundled entry (`search-worker.js`, scripts/server-bundle.mjs).
 */
import { availableParallelism } from 'node:os'
import { isMainThread, parentPort, Worker } from 'node:worker_threads'
import { createAnalyzer, type Analyzer } from '../polish/analyzer.js'
import { loadDictionary } from '../polish/morfologik/dictionary.js'
import { workerEntry } from '../platform/paths.js'
import { prepareBatch, type IndexSource, type PreparedBatch } from './index-document.js'

export interface WorkerInit {
  readonly type: 'init'
  /** polish.dict and polish.info, or null for the degraded analyzer. */
  readonly dictionary: { readonly dictPath: string; readonly infoPath: string } | null
  readonly dialect: 'sqlite' | 'postgres'
}

interface BatchRequest {
  readonly type: 'batch'
  readonly seq: number
  readonly sources: readonly IndexSource[]
}

type WorkerReply =
  | { readonly type: 'ready'; readonly signature: string }
  | { readonly type: 'done'; readonly seq: number; readonly batch: PreparedBatch }
  | { readonly type: 'error'; readonly seq: number; readonly message: string }

/** The worker side. */
function serve(): void {
  const port = parentPort!
  let analyzer: Analyzer | null = null
  let dialect: 'sqlite' | 'postgres' = 'sqlite'
  port.on('message', (msg: WorkerInit | BatchRequest) => {
    if (msg.type === 'init') {
      try {
        analyzer = createAnalyzer(msg.dictionary ? loadDictionary(msg.dictionary.dictPath, msg.dictionary.infoPath) : null)
        dialect = msg.dialect
        port.postMessage({ type: 'ready', signature: analyzer.signature } satisfies WorkerReply)
      } catch (err) {
        port.postMessage({ type: 'error', seq: -1, message: (err as Error).message } satisfies WorkerReply)
      }
      return
    }
    try {
      port.postMessage({ type: 'done', seq: msg.seq, batch: prepareBatch(analyzer!, msg.sources, dialect) } satisfies WorkerReply)
    } catch (err) {
      port.postMessage({ type: 'error', seq: msg.seq, message: (err as Error).message } satisfies WorkerReply)
    }
  })
}

if (!isMainThread && parentPort) serve()

/** A small pool of analysis workers: batches go round robin; results come back as promises. */
export class AnalysisPool {
  private next = 0
  private seq = 0
  private readonly pending = new Map<number, { resolve: (batch: PreparedBatch) => void; reject: (err: Error) => void }>()

  private constructor(private readonly workers: Worker[]) {
    for (const w of workers) {
      w.on('message', (msg: WorkerReply) => {
        if (msg.type === 'ready') return
        const p = this.pending.get(msg.seq)
        if (!p) return
        this.pending.delete(msg.seq)
        if (msg.type === 'done') p.resolve(msg.batch)
        else p.reject(new Error(`search analysis worker: ${msg.message}`))
      })
      w.on('error', (err) => this.failAll(err))
    }
  }

  get size(): number {
    return this.workers.length
  }

  private failAll(err: Error): void {
    for (const p of this.pending.values()) p.reject(err)
    this.pending.clear()
  }

  /**
   * Starts `count` workers with the given dictionary; resolves to null (and the
   * caller analyzes in its own thread) if they cannot start or their analyzer
   * differs from `signature`.
   */
  static async start(count: number, init: WorkerInit, signature: string, timeoutMs = 30_000): Promise<AnalysisPool | null> {
    const workers: Worker[] = []
    try {
      const ready = []
      for (let i = 0; i < count; i++) {
        const w = new Worker(workerEntry('search-worker', 'search/index-worker-boot.mjs'), { stdout: false, stderr: false, resourceLimits: { maxYoungGenerationSizeMb: 64 } })
        workers.push(w)
        ready.push(
          new Promise<string>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error('timed out starting')), timeoutMs)
            w.once('message', (msg: WorkerReply) => {
              clearTimeout(timer)
              if (msg.type === 'ready') resolve(msg.signature)
              else reject(new Error(msg.type === 'error' ? msg.message : 'unexpected message'))
            })
            w.once('error', (err) => {
              clearTimeout(timer)
              reject(err)
            })
          }),
        )
        w.postMessage(init)
      }
      const signatures = await Promise.all(ready)
      if (signatures.some((s) => s !== signature)) throw new Error(`analyzer differs in workers (${signatures[0]} vs ${signature})`)
      return new AnalysisPool(workers)
    } catch {
      await Promise.all(workers.map((w) => w.terminate()))
      return null
    }
  }

  /**
   * How many workers to use on this machine: one per CPU, 1–4. The main
   * thread's share (reading stories, writing: SQLite's FTS5 about 0.4 ms of
   * CPU per story, PostgreSQL 0.1 ms plus the server's 0.3 ms) is well below
   * the analysis (1–1.4 ms per story), so with one worker on 2 CPUs the build
   * waited for that worker while the second CPU was mostly idle.
   */
  static defaultSize(): number {
    return Math.max(1, Math.min(4, availableParallelism()))
  }

  analyze(sources: readonly IndexSource[]): Promise<PreparedBatch> {
    const seq = this.seq++
    // Round robin: batches are of equal size.
    const worker = this.workers[this.next++ % this.workers.length]!
    return new Promise((resolve, reject) => {
      this.pending.set(seq, { resolve, reject })
      worker.postMessage({ type: 'batch', seq, sources } satisfies BatchRequest)
    })
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()))
  }
}
