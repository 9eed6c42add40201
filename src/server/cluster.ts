/**
 * @module
 * `WORKERS=N` (docs/deployment.md, "Workers"): `depesza start` as a small primary process and
 * N workers sharing its listening socket, so one box uses all its cores — a Node.js process
 * renders and answers on one. The primary only supervises: it starts the leader (worker 0)
 * first, which migrates, seeds and prints the set-up link, then the others; it passes each
 * invalidation from one worker to the others at once (the database bus carries them between
 * separate processes and boxes); it restarts a worker that dies and stops them all on
 * SIGTERM/SIGINT. Only the leader runs timed jobs, image variants and the search index's
 * background rebuild.
 */
import cluster, { type Worker } from 'node:cluster'

/** What a worker knows of its place in the cluster. */
export interface WorkerRole {
  readonly index: number
  /** Worker 0: jobs, image variants, background reindex, the owner set-up link. */
  readonly leader: boolean
  /** Shared by the workers of one primary: invalidations from siblings come over IPC, not the database. */
  readonly clusterId: string
  /** Started again after a crash (the leader then keeps the set-up link already printed). */
  readonly restarted: boolean
}

type ClusterMessage = { type: 'invalidate'; keys: string[] } | { type: 'ready'; lines: string[] }

function isClusterMessage(m: unknown): m is ClusterMessage {
  return typeof m === 'object' && m !== null && ((m as ClusterMessage).type === 'ready' || ((m as ClusterMessage).type === 'invalidate' && Array.isArray((m as { keys?: unknown }).keys)))
}

/** This process's role, or null when it is not a worker of `WORKERS=N`. */
export function workerRole(): WorkerRole | null {
  if (cluster.isPrimary || process.env.DEPESZA_CLUSTER_ID === undefined) return null
  const index = Number(process.env.DEPESZA_WORKER_INDEX)
  return { index, leader: index === 0, clusterId: process.env.DEPESZA_CLUSTER_ID, restarted: process.env.DEPESZA_WORKER_RESTART === '1' }
}

/** Invalidations between the workers of one primary. */
export interface SiblingRelay {
  publish(keys: readonly string[]): void
  subscribe(onKeys: (keys: string[]) => void): void
}

export function siblingRelay(): SiblingRelay {
  return {
    publish(keys) {
      process.send?.({ type: 'invalidate', keys: [...keys] } satisfies ClusterMessage)
    },
    subscribe(onKeys) {
      process.on('message', (m) => {
        if (isClusterMessage(m) && m.type === 'invalidate') onKeys(m.keys)
      })
    },
  }
}

/** A worker tells the primary it listens; the leader's lines are printed once all are ready. */
export function reportReady(lines: string[]): void {
  process.send?.({ type: 'ready', lines } satisfies ClusterMessage)
}

/** After a worker stopped or failed: its IPC channel would keep it alive. */
export function leaveCluster(): void {
  // Through the worker object, so Node does not take it for a lost primary and exit(0) at once.
  if (process.connected) cluster.worker?.disconnect()
}

export interface PrimaryOptions {
  workers: number
  clusterId: string
  /** The leader's start lines (address, set-up link), once every worker listens. */
  print: (line: string) => void
  log: (line: string) => void
  /** A worker that dies after it was ready is started again after this delay. */
  restartDelayMs?: number
}

/**
 * Runs the primary until SIGTERM/SIGINT (0) or until a worker fails at its first start, before
 * it was ready (1: a bad port, a database it cannot open — the worker has printed why).
 */
export function runPrimary(o: PrimaryOptions): Promise<number> {
  // Node's default on Linux, round-robin: the primary accepts each connection and hands it to
  // the next worker. With every worker accepting by itself (SCHED_NONE) the kernel gave 48 of
  // 50 keep-alive connections to one worker here, and the cluster served no more than one process.
  const running = new Map<number, Worker>()
  let stopping = false
  let exitCode = 0
  let done: (code: number) => void = () => {}
  const finished = new Promise<number>((resolve) => (done = resolve))

  const stopAll = (code: number) => {
    if (stopping) return
    stopping = true
    exitCode = code
    if (running.size === 0) done(code)
    for (const worker of running.values()) worker.process.kill('SIGTERM')
  }

  const start = (index: number, onReady?: (lines: string[]) => void) => {
    const worker = cluster.fork({ DEPESZA_CLUSTER_ID: o.clusterId, DEPESZA_WORKER_INDEX: String(index), DEPESZA_WORKER_RESTART: onReady ? '0' : '1' })
    let ready = false
    running.set(index, worker)
    worker.on('message', (m: unknown) => {
      if (!isClusterMessage(m)) return
      if (m.type === 'ready') {
        ready = true
        onReady?.(m.lines)
        return
      }
      for (const [other, sibling] of running) if (other !== index && sibling.isConnected()) sibling.send(m)
    })
    worker.on('exit', (code, signal) => {
      running.delete(index)
      if (stopping) {
        if (running.size === 0) done(exitCode)
        return
      }
      // Only a first start that fails is fatal (the server cannot come up); a restarted worker is retried.
      if (!ready && onReady) {
        o.log(`depesza: worker ${index} stopped before it was ready (${signal ?? `exit code ${code}`}); stopping`)
        stopAll(1)
        return
      }
      o.log(`depesza: worker ${index} died (${signal ?? `exit code ${code}`}); starting it again`)
      // Not unref'd: with every worker gone at once the timer is what keeps the primary alive.
      setTimeout(() => {
        if (!stopping) start(index)
      }, o.restartDelayMs ?? 1000)
    })
  }

  const onSignal = () => stopAll(0)
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  // The leader first: it applies migrations and seeds before the others open the database.
  start(0, (lines) => {
    let waiting = o.workers - 1
    const allReady = () => lines.forEach(o.print)
    if (waiting === 0) allReady()
    for (let i = 1; i < o.workers; i++) start(i, () => --waiting === 0 && allReady())
  })
  return finished.finally(() => {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  })
}
