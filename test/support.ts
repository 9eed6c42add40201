/**
 * @module
 * Test support: a real application on a fresh SQLite file or a fresh PostgreSQL schema,
 * driven through `app.request()` with no port.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pino from 'pino'
import { loadConfig, type Config } from '../src/platform/config.js'
import { openDatabase, type DbHandle, type DialectName } from '../src/platform/db/database.js'
import { migrateToLatest } from '../src/platform/db/migrations.js'
import { buildApplication, type Application, type BuildOptions } from '../src/server/boot.js'

export const PG_URL = process.env.DEPESZA_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

/** Every repository test runs on both. */
export const DIALECTS: DialectName[] = ['sqlite', 'postgres']

export interface TestDb extends DbHandle {
  readonly dataDir: string
}

/** A migrated, empty database of the given dialect; `close()` removes it. */
export async function createTestDb(dialect: DialectName): Promise<TestDb> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'depesza-test-'))
  let handle: DbHandle
  let drop = async () => {}
  if (dialect === 'sqlite') {
    handle = openDatabase({ kind: 'sqlite', file: path.join(dataDir, 'test.db') })
  } else {
    const schema = `t_${randomBytes(6).toString('hex')}`
    const admin = openDatabase({ kind: 'postgres', url: PG_URL })
    try {
      await admin.db.schema.createSchema(schema).execute()
    } finally {
      await admin.close()
    }
    handle = openDatabase({ kind: 'postgres', url: PG_URL, schema })
    drop = async () => {
      const cleanup = openDatabase({ kind: 'postgres', url: PG_URL })
      try {
        await cleanup.db.schema.dropSchema(schema).cascade().execute()
      } finally {
        await cleanup.close()
      }
    }
  }
  await migrateToLatest(handle)
  return {
    db: handle.db,
    dialect,
    ...(handle.schema ? { schema: handle.schema } : {}),
    ...(handle.url ? { url: handle.url } : {}),
    dataDir,
    async close() {
      await handle.close()
      await drop()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export interface TestApp extends Application {
  readonly config: Config
  readonly testDb: TestDb
  /** Moves the application's clock (forward: run `jobs.tick()` as the scheduler would). */
  setNow(date: Date): void
}

/**
 * Another application instance on the same database (several instances behind one load
 * balancer). Its `close()` leaves the database to the first.
 */
export async function createSecondInstance(first: TestApp, options: Omit<BuildOptions, 'dbh' | 'logger'> = {}): Promise<Application> {
  const db = first.testDb
  const dbh =
    db.dialect === 'postgres'
      ? openDatabase({ kind: 'postgres', url: db.url!, ...(db.schema ? { schema: db.schema } : {}) })
      : openDatabase({ kind: 'sqlite', file: path.join(db.dataDir, 'test.db') })
  return buildApplication(first.config, { ...options, dbh, logger: pino({ level: 'silent' }) })
}

/** A TCP port free on loopback right now (for a server started as a child process): the bench's. */
export { freePort } from '../bench/http.js'

export async function createTestApp(dialect: DialectName = 'sqlite', env: Record<string, string> = {}): Promise<TestApp> {
  const testDb = await createTestDb(dialect)
  const config = loadConfig({ DEPESZA_DATA_DIR: testDb.dataDir, PUBLIC_URL: 'https://depesza.test', LOG_LEVEL: 'silent', ...env })
  let now: Date | null = null
  const application = await buildApplication(config, {
    dbh: testDb,
    logger: pino({ level: 'silent' }),
    now: () => now ?? new Date(),
  })
  return {
    ...application,
    config,
    testDb,
    setNow(date) {
      // Time never runs backwards in production: pages cached "in the future" must go.
      if (date.getTime() < (now ?? new Date()).getTime()) application.deps.pageCache?.clear()
      now = date
    },
    async close() {
      await application.close()
    },
  }
}
