/**
 * @module
 * The wire desk in the running application (called once from server/boot.ts): its job
 * handlers (feed polls and folder scans, the expiry sweep), and `fs.watch` on the watched
 * folders, so a dropped file is taken within a second or two instead of at the next scan.
 *
 * A folder is watched by the instance that last ran its scan job (jobs are claimed by one
 * instance); other instances that happen to watch the same folder are harmless, since a
 * file is claimed by renaming it.
 */
import fs from 'node:fs'
import type { Logger } from 'pino'
import type { NewsroomService } from '../newsroom/newsroom.service.js'
import type { DbHandle } from '../platform/db/database.js'
import type { JobRunner } from '../platform/jobs/jobs.js'
import type { Resolver } from './safe-fetch.js'
import { EXPIRE_EVERY_MS, EXPIRE_JOB, FOLDER_SETTLE_MS, POLL_JOB, WireService } from './wire.service.js'
import type { WireSourceRow } from './wire.table.js'

const services = new WeakMap<DbHandle, WireService>()

export interface WireDeps {
  dbh: DbHandle
  newsroom: NewsroomService
  logger: Logger
  now: () => Date
  dataDir: string
  resolve?: Resolver
}

/** The application's wire service (one per database handle). */
export function wireService(deps: WireDeps): WireService {
  let service = services.get(deps.dbh)
  if (!service) {
    service = new WireService({ dbh: deps.dbh, newsroom: deps.newsroom, logger: deps.logger, now: deps.now, dataDir: deps.dataDir, ...(deps.resolve ? { resolve: deps.resolve } : {}) })
    services.set(deps.dbh, service)
  }
  return service
}

/** fs.watch per folder source, debounced into scans. */
export class FolderWatchers {
  private readonly watching = new Map<number, { dir: string; watcher: fs.FSWatcher; timer: NodeJS.Timeout | undefined }>()

  constructor(
    private readonly service: WireService,
    private readonly logger: Logger,
  ) {}

  ensure(source: WireSourceRow): void {
    if (!source.folder) return
    const dir = this.service.folderPath(source.folder)
    const current = this.watching.get(source.id)
    if (current?.dir === dir) return
    if (current) this.stop(source.id)
    try {
      fs.mkdirSync(dir, { recursive: true })
      const watcher = fs.watch(dir, { persistent: false }, (_event, name) => {
        if (name && String(name).startsWith('.')) return
        this.trigger(source.id)
      })
      watcher.on('error', (err) => {
        this.logger.warn({ err, source: source.id, dir }, 'wire folder watch failed; periodic scans continue')
        this.stop(source.id)
      })
      watcher.unref()
      this.watching.set(source.id, { dir, watcher, timer: undefined })
    } catch (err) {
      this.logger.warn({ err, source: source.id, dir }, 'cannot watch wire folder; periodic scans continue')
    }
  }

  /** A scan once the folder has been quiet for a moment (files must settle first). */
  trigger(sourceId: number, delayMs = FOLDER_SETTLE_MS + 100): void {
    const w = this.watching.get(sourceId)
    if (!w) return
    clearTimeout(w.timer)
    w.timer = setTimeout(() => void this.scan(sourceId), delayMs)
    w.timer.unref()
  }

  private async scan(sourceId: number): Promise<void> {
    try {
      const source = await this.service.getSource(sourceId)
      if (!source || !source.enabled || source.kind !== 'folder') {
        this.stop(sourceId)
        return
      }
      await this.service.scanFolder(source)
      // Files that arrived during the scan, or were too fresh for it.
      if (this.service.pendingFiles(source) > 0) this.trigger(sourceId)
    } catch (err) {
      this.logger.error({ err, source: sourceId }, 'wire folder scan failed')
    }
  }

  stop(sourceId: number): void {
    const w = this.watching.get(sourceId)
    if (!w) return
    clearTimeout(w.timer)
    w.watcher.close()
    this.watching.delete(sourceId)
  }

  close(): void {
    for (const id of [...this.watching.keys()]) this.stop(id)
  }
}

export interface WireAttachment {
  readonly service: WireService
  readonly watchers: FolderWatchers
  close(): Promise<void>
}

/** Registers the wire jobs and puts every source on schedule. */
export async function attachWire(deps: WireDeps & { jobs: JobRunner }): Promise<WireAttachment> {
  const service = wireService(deps)
  const watchers = new FolderWatchers(service, deps.logger)
  deps.jobs.on(POLL_JOB, (job) => service.handlePollJob(job, (source) => watchers.ensure(source)))
  deps.jobs.on(EXPIRE_JOB, async () => {
    const { expired, purged } = await service.expire()
    if (expired || purged) deps.logger.info({ expired, purged }, 'wire items expired')
    await service.ensureSchedules()
    await service.scheduleExpiry(deps.now())
  })
  // The first sweep a full interval after start: a test (or a restart) that moves the clock a
  // little does not meet an unexpected job; sweeps land on shared slots, so instances share them.
  await service.scheduleExpiry(new Date(deps.now().getTime() + EXPIRE_EVERY_MS))
  await service.ensureSchedules()
  // Folders are scanned (and watched) right after start: files may have arrived meanwhile.
  for (const s of await service.listSources()) if (s.enabled && s.kind === 'folder') await service.schedulePoll(s.id, deps.now())
  return {
    service,
    watchers,
    async close() {
      watchers.close()
    },
  }
}
