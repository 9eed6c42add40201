import type { Generated, Selectable } from 'kysely'

export interface JobTable {
  id: Generated<number>
  kind: string
  /** Same kind + key is one job: enqueueing it again is a no-op. */
  dedupe_key: string
  payload: string
  run_at: string
  locked_by: string | null
  locked_until: string | null
  attempts: Generated<number>
  last_error: string | null
  done_at: string | null
  created_at: string
}

/** Cache invalidations for other processes on the same SQLite file. */
export interface InvalidationTable {
  id: Generated<number>
  keys: string
  origin: string
  created_at: string
}

export interface JobTables {
  jobs: JobTable
  invalidations: InvalidationTable
}

export type JobRow = Selectable<JobTable>
