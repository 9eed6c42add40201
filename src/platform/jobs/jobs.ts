/**
 * @module
 * Timed jobs (a story becoming visible at its publication or embargo time, …) stored in the
 * database, so they survive restarts, and claimed by exactly one instance: with
 * `FOR UPDATE SKIP LOCKED` on PostgreSQL; SQLite serialises writers, so its single UPDATE
 * is already exclusive. A claim is a lease: a crashed instance's jobs are retried later.
 */
import { sql } from 'kysely'
import type { Logger } from 'pino'
import { nowIso, type DbHandle } from '../db/database.js'
import type { JobRow } from './jobs.table.js'

export type JobHandler = (job: JobRow) => Promise<void>

const LEASE_MS = 60_000
const MAX_ATTEMPTS = 5

export async function enqueueJob(dbh: DbHandle, job: { kind: string; dedupeKey: string; runAt: Date; payload: unknown }): Promise<void> {
  await dbh.db
    .insertInto('jobs')
    .values({
      kind: job.kind,
      dedupe_key: job.dedupeKey,
      payload: JSON.stringify(job.payload),
      run_at: job.runAt.toISOString(),
      locked_by: null,
      locked_until: null,
      last_error: null,
      done_at: null,
      created_at: nowIso(),
    })
    .onConflict((oc) => oc.columns(['kind', 'dedupe_key']).doNothing())
    .execute()
}

/** Claims up to `limit` due jobs for this instance. */
export async function claimDueJobs(dbh: DbHandle, instanceId: string, now: Date, limit = 20): Promise<JobRow[]> {
  const nowText = now.toISOString()
  const until = new Date(now.getTime() + LEASE_MS).toISOString()
  const due = dbh.db
    .selectFrom('jobs')
    .select('id')
    .where('done_at', 'is', null)
    .where('run_at', '<=', nowText)
    .where('attempts', '<', MAX_ATTEMPTS)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', nowText)]))
    .orderBy('run_at')
    .limit(limit)
  const ids = dbh.dialect === 'postgres' ? due.modifyEnd(sql`for update skip locked`) : due
  return dbh.db
    .updateTable('jobs')
    .set((eb) => ({ locked_by: instanceId, locked_until: until, attempts: eb('attempts', '+', 1) }))
    .where('id', 'in', ids)
    .returningAll()
    .execute()
}

export class JobRunner {
  private timer: NodeJS.Timeout | undefined
  private running: Promise<void> | null = null
  private readonly handlers = new Map<string, JobHandler>()

  constructor(
    private readonly dbh: DbHandle,
    private readonly instanceId: string,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  on(kind: string, handler: JobHandler): void {
    this.handlers.set(kind, handler)
  }

  /** Polls every `intervalMs` (default 1 s: scheduled stories appear within seconds). */
  start(intervalMs = 1000): void {
    this.timer = setInterval(() => void this.tick(), intervalMs)
    this.timer.unref()
  }

  async stop(): Promise<void> {
    clearInterval(this.timer)
    await this.running
  }

  /** Runs every due job once; returns how many ran. */
  async tick(): Promise<number> {
    if (this.running) return 0
    let count = 0
    this.running = (async () => {
      const jobs = await claimDueJobs(this.dbh, this.instanceId, this.now())
      for (const job of jobs) {
        const handler = this.handlers.get(job.kind)
        try {
          if (!handler) throw new Error(`no handler for job kind "${job.kind}"`)
          await handler(job)
          await this.dbh.db.updateTable('jobs').set({ done_at: nowIso(), locked_until: null, last_error: null }).where('id', '=', job.id).execute()
          count++
        } catch (err) {
          this.logger.error({ err, job: job.id, kind: job.kind }, 'job failed')
          await this.dbh.db
            .updateTable('jobs')
            .set({ locked_until: null, last_error: String((err as Error).message ?? err).slice(0, 1000) })
            .where('id', '=', job.id)
            .execute()
        }
      }
    })()
      .catch((err) => this.logger.error({ err }, 'job polling failed'))
      .finally(() => {
        this.running = null
      })
    await this.running
    return count
  }
}
