/**
 * @module
 * Makes responsive variants in the background, so an upload answers as soon as the original
 * is stored (a 12-Mpx photo's fifteen variants cost seconds of CPU, mostly AVIF).
 *
 * The `media` table is the queue: a row is `variants_state = 'pending'` until its variants
 * are stored and listed in `media.variants` ('ready'), or it failed three times ('failed').
 * A row is claimed with a lease (`variants_locked_until`, with `FOR UPDATE SKIP LOCKED` on
 * PostgreSQL), so with several instances each image is made once; a crashed instance's
 * claim expires and another picks the row up. Work is one image at a time per process.
 *
 * - `kick()`: after an upload, start now in this process (no waiting for the next poll).
 * - `start()`: `depesza start` polls every few seconds (rows left by a restart, rows from
 *   before variants existed, retries, uploads taken by another instance).
 * - `stop()`: waits for the image in hand; `idle()`: waits until the queue is empty (tests).
 */
import type { Logger } from 'pino'
import type { MediaRow } from '../content/content.table.js'
import type { DbHandle } from '../platform/db/database.js'
import { cacheKeysForMedia } from './library.js'
import { readBody, type MediaStorage } from './storage.js'
import { generateVariants, VARIANT_MIME, type MediaVariant } from './variants.js'

const LEASE_MS = 10 * 60_000
export const MAX_VARIANT_ATTEMPTS = 3

export interface MediaVariantWorkerOptions {
  readonly dbh: DbHandle
  readonly storage: MediaStorage
  readonly logger: Pick<Logger, 'info' | 'warn' | 'error' | 'debug'>
  readonly now?: () => Date
  /** Drops cached pages that show the image (they now get `<picture>`). */
  readonly invalidate?: (keys: readonly string[]) => Promise<void>
}

export class MediaVariantWorker {
  private timer: NodeJS.Timeout | undefined
  private draining: Promise<void> | null = null
  private again = false
  private stopped = false

  constructor(private readonly options: MediaVariantWorkerOptions) {}

  private now(): Date {
    return this.options.now?.() ?? new Date()
  }

  /** Polls every `intervalMs` (default 5 s). */
  start(intervalMs = 5000): void {
    this.stopped = false
    clearInterval(this.timer)
    this.timer = setInterval(() => this.kick(), intervalMs)
    this.timer.unref()
    this.kick()
  }

  /** Works through the pending rows now, in the background; a no-op once stopped. */
  kick(): void {
    if (this.stopped) return
    if (this.draining) {
      this.again = true
      return
    }
    this.draining = (async () => {
      do {
        this.again = false
        while (!this.stopped && (await this.runOnce()) > 0) {
          // one image at a time
        }
      } while (this.again && !this.stopped)
    })()
      .catch((err: unknown) => this.options.logger.error({ err }, 'media variants: polling failed'))
      .finally(() => {
        this.draining = null
      })
  }

  /** Resolves when nothing is being worked on (after the current drain, including kicks made meanwhile). */
  async idle(): Promise<void> {
    while (this.draining) await this.draining
  }

  async stop(): Promise<void> {
    this.stopped = true
    clearInterval(this.timer)
    await this.idle()
  }

  /** Claims one pending row and makes its variants; returns how many rows it handled (0 or 1). */
  async runOnce(): Promise<number> {
    const row = await this.claim()
    if (!row) return 0
    await this.process(row)
    return 1
  }

  /**
   * Picks the oldest claimable row and leases it. Two steps in a transaction (an `UPDATE … WHERE
   * id IN (SELECT … LIMIT 1 FOR UPDATE SKIP LOCKED)` may lease more than one row on
   * PostgreSQL); the UPDATE repeats the lease condition, so two processes on one SQLite file
   * never both win either.
   */
  private async claim(): Promise<MediaRow | undefined> {
    const { dbh } = this.options
    const now = this.now()
    const nowText = now.toISOString()
    const until = new Date(now.getTime() + LEASE_MS).toISOString()
    return dbh.db.transaction().execute(async (trx) => {
      let next = trx
        .selectFrom('media')
        .select('id')
        .where('variants_state', '=', 'pending')
        .where('variants_attempts', '<', MAX_VARIANT_ATTEMPTS)
        .where((eb) => eb.or([eb('variants_locked_until', 'is', null), eb('variants_locked_until', '<', nowText)]))
        .orderBy('id')
        .limit(1)
      if (dbh.dialect === 'postgres') next = next.forUpdate().skipLocked()
      const row = await next.executeTakeFirst()
      if (!row) return undefined
      return trx
        .updateTable('media')
        .set((eb) => ({ variants_locked_until: until, variants_attempts: eb('variants_attempts', '+', 1) }))
        .where('id', '=', row.id)
        .where('variants_state', '=', 'pending')
        .where((eb) => eb.or([eb('variants_locked_until', 'is', null), eb('variants_locked_until', '<', nowText)]))
        .returningAll()
        .executeTakeFirst()
    })
  }

  private async process(row: MediaRow): Promise<void> {
    const { dbh, storage, logger } = this.options
    const started = performance.now()
    try {
      const object = await storage.get(row.storage_key)
      if (!object) throw new Error(`original ${row.storage_key} is missing from the media storage`)
      const original = await readBody(object)
      const result = await generateVariants(original, row.storage_key)
      const listed: MediaVariant[] = []
      for (const v of result.variants) {
        if (!(await storage.exists(v.key))) await storage.put(v.key, v.data, VARIANT_MIME[v.format])
        listed.push({ format: v.format, width: v.width, height: v.height, key: v.key, bytes: v.bytes })
      }
      await dbh.db
        .updateTable('media')
        .set({ variants: JSON.stringify(listed), variants_state: 'ready', variants_locked_until: null, variants_error: result.skipped ? `skipped: ${result.skipped}` : '' })
        .where('id', '=', row.id)
        .execute()
      logger.info({ media: row.id, variants: listed.length, ms: Math.round(performance.now() - started), timings: result.timings }, 'media variants made')
      if (listed.length > 0) await this.invalidate(row.id)
    } catch (err) {
      const attempts = row.variants_attempts
      const final = attempts >= MAX_VARIANT_ATTEMPTS
      logger.error({ err, media: row.id, key: row.storage_key, attempt: attempts, final }, 'media variants failed')
      // Retried after a pause (30 s, 60 s); the page shows the original meanwhile.
      const retryAt = new Date(this.now().getTime() + 30_000 * attempts).toISOString()
      await dbh.db
        .updateTable('media')
        .set({
          variants_state: final ? 'failed' : 'pending',
          variants_locked_until: final ? null : retryAt,
          variants_error: String((err as Error)?.message ?? err).slice(0, 1000),
        })
        .where('id', '=', row.id)
        .execute()
    }
  }

  private async invalidate(mediaId: number): Promise<void> {
    if (!this.options.invalidate) return
    try {
      await this.options.invalidate(await cacheKeysForMedia(this.options.dbh.db, mediaId))
    } catch (err) {
      this.options.logger.warn({ err, media: mediaId }, 'media variants: cache invalidation failed')
    }
  }
}
