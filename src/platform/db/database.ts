/**
 * @module
 * One query layer over two databases: Kysely on better-sqlite3 (default) or PostgreSQL.
 * Timestamps are stored as ISO-8601 UTC text on both, so ordering and comparisons behave the
 * same everywhere and rows need no per-dialect conversion.
 */
import SQLite from 'better-sqlite3'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { Kysely, PostgresDialect, SqliteDialect, type PostgresPool, type PostgresPoolClient, type SqliteDatabase, type Transaction } from 'kysely'
import { createRequire } from 'node:module'
import type pg from 'pg'
import type { AccountTables } from '../../accounts/accounts.table.js'
import type { ContentTables } from '../../content/content.table.js'
import type { ContactTables } from '../../contact/contact.table.js'
import type { SiteTables } from '../../site-settings/settings.table.js'
import type { JobTables } from '../jobs/jobs.table.js'
import type { NewsroomTables } from '../../newsroom/newsroom.table.js'
import type { WireTables } from '../../wire/wire.table.js'
import type { TranslationTables } from '../../translation/translation.table.js'

export interface Database extends ContentTables, ContactTables, SiteTables, JobTables, NewsroomTables, AccountTables, TranslationTables, WireTables {}

export type Db = Kysely<Database>
export type Tx = Transaction<Database>
export type DialectName = 'sqlite' | 'postgres'

export interface DbHandle {
  readonly db: Db
  readonly dialect: DialectName
  /** PostgreSQL schema when not the default (tests use one schema per run). */
  readonly schema?: string
  /** PostgreSQL connection string (for LISTEN connections beside the pool). */
  readonly url?: string
  close(): Promise<void>
}

export type DatabaseTarget =
  | { readonly kind: 'sqlite'; readonly file: string }
  | { readonly kind: 'postgres'; readonly url: string; readonly schema?: string }

// pg is loaded when a PostgreSQL database is opened: a SQLite site's start does not pay for it.
const requireCjs = createRequire(import.meta.url)
let pgModule: typeof pg | null = null

/** The pg driver, loaded on first use. */
export function loadPg(): typeof pg {
  if (!pgModule) {
    pgModule = requireCjs('pg') as typeof pg
    // PostgreSQL returns BIGINT (e.g. count(*)) as text by default; our counts fit in a double.
    pgModule.types.setTypeParser(20, (v) => Number.parseInt(v, 10))
  }
  return pgModule
}

/** SQLite's page cache per connection, KiB (a memory/CPU trade: docs/performance.md). */
export const SQLITE_CACHE_KIB = 4096

export function openDatabase(target: DatabaseTarget): DbHandle {
  if (target.kind === 'sqlite') {
    if (target.file !== ':memory:') fs.mkdirSync(path.dirname(target.file), { recursive: true })
    const sqlite = new SQLite(target.file)
    sqlite.pragma('journal_mode = WAL')
    sqlite.pragma('synchronous = NORMAL')
    sqlite.pragma('foreign_keys = ON')
    sqlite.pragma('busy_timeout = 5000')
    // better-sqlite3 builds SQLite with a 16 MB page cache per connection; 4 MB keeps RSS down
    // (docs/performance.md). Pages beyond it come from the operating system's file cache.
    sqlite.pragma(`cache_size = -${SQLITE_CACHE_KIB}`)
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) })
    return { db, dialect: 'sqlite', close: () => db.destroy() }
  }
  const pool = new (loadPg().Pool)({
    connectionString: target.url,
    max: 10,
    ...(target.schema ? { options: `-c search_path=${target.schema}` } : {}),
  })
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: withPreparedReads(pool) }) })
  return { db, dialect: 'postgres', url: target.url, ...(target.schema ? { schema: target.schema } : {}), close: () => db.destroy() }
}

/** Named statements per pooled PostgreSQL connection (SQL with `in ($1, …)` lists varies). */
const PG_PREPARED_PER_CONNECTION = 300
/** Longer SQL is sent unnamed (rare, one-off queries). */
const PG_PREPARED_MAX_SQL = 4000
const pgStatementNames = new Map<string, string>()
const pgPrepared = new WeakMap<object, { names: Set<string>; refused: Set<string> }>()

/**
 * Reads go to PostgreSQL as named (prepared) statements: the server parses and plans a SQL
 * text once per connection instead of on every query, which was most of its CPU per page
 * render. A statement whose cached plan no longer fits the tables (a migration by another
 * instance) is sent unnamed from then on.
 */
function withPreparedReads(pool: pg.Pool): PostgresPool {
  return {
    end: () => pool.end(),
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect()
      let state = pgPrepared.get(client)
      if (!state) pgPrepared.set(client, (state = { names: new Set(), refused: new Set() }))
      const prepared = state
      return {
        query: ((sqlOrCursor: unknown, parameters?: ReadonlyArray<unknown>) => {
          if (typeof sqlOrCursor !== 'string') return client.query(sqlOrCursor as never)
          const text = sqlOrCursor
          const values = parameters as unknown[]
          if (text.length > PG_PREPARED_MAX_SQL || !/^(select|with) /.test(text)) return client.query(text, values)
          let name = pgStatementNames.get(text)
          if (name === undefined) {
            name = `d${createHash('sha1').update(text).digest('base64url').slice(0, 20)}`
            if (pgStatementNames.size >= 10_000) pgStatementNames.clear()
            pgStatementNames.set(text, name)
          }
          if (prepared.refused.has(name) || (!prepared.names.has(name) && prepared.names.size >= PG_PREPARED_PER_CONNECTION)) {
            return client.query(text, values)
          }
          prepared.names.add(name)
          return client.query({ name, text, values }).catch((err: { code?: string }) => {
            // 0A000: "cached plan must not change result type" after a table changed.
            if (err.code !== '0A000') throw err
            prepared.refused.add(name)
            return client.query(text, values)
          })
        }) as unknown as PostgresPoolClient['query'],
        release: (destroy?: boolean) => client.release(destroy),
      }
    },
  }
}

/** Prepared statements kept per SQL text (a bound: SQL with `in (?, …)` lists varies). */
const STATEMENT_CACHE_SIZE = 500

/**
 * Kysely prepares every query anew, and better-sqlite3 compiles SQL on each prepare (a tenth
 * of a page render's CPU): reuse the compiled statement of the same SQL text. A statement
 * still being iterated (a streamed query) is not handed out twice.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>()
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let stmt = cache.get(sql)
      if (stmt && !stmt.busy) return stmt
      stmt = sqlite.prepare(sql)
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!)
      cache.set(sql, stmt)
      return stmt
    },
  }
}

/** The current time as stored in the database. */
export function nowIso(): string {
  return new Date().toISOString()
}
