/**
 * @module
 * Composition root: configuration → database (migrated) → services → HTTP app.
 * `depesza start` and the tests build the application the same way.
 */
import { createHash, randomBytes } from 'node:crypto'
import os from 'node:os'
import pino, { type Logger } from 'pino'
import { keysForChange, keysForTaxonomyChange, postgresBus, sqliteBus } from '../cache/invalidation.js'
import { PageCache } from '../cache/page-cache.js'
import { createPurger } from '../cache/purge.js'
import { handleVisibilityJobs, scheduleVisibility } from '../cache/visibility-jobs.js'
import { ContentService } from '../content/content.service.js'
import { createMediaStorage } from '../media/storage.js'
import { MediaVariantWorker } from '../media/variant-worker.js'
import { NewsroomService } from '../newsroom/newsroom.service.js'
import { qaPublishCheck, translationPublishCheck } from '../newsroom/publish-checks.js'
import { StoryGate } from '../qa/gate.js'
import { attachWire } from '../wire/attach.js'
import type { Config } from '../platform/config.js'
import { openDatabase, type DatabaseTarget, type DbHandle } from '../platform/db/database.js'
import { CacheKeys } from '../cache/cache-keys.js'
import { migrateToLatest } from '../platform/db/migrations.js'
import { attachSearch } from '../search/search.service.js'
import { JobRunner } from '../platform/jobs/jobs.js'
import { createMailer } from '../platform/mail.js'
import { AssetRegistry } from '../site/assets.js'
import { SiteData } from '../site/site-data.js'
import { createApp } from './app.js'
import type { SiblingRelay } from './cluster.js'
import type { AppDeps } from './deps.js'

export interface Application {
  readonly deps: AppDeps
  readonly app: ReturnType<typeof createApp>
  /** Timed jobs; `depesza start` starts polling, tests call `tick()`. */
  readonly jobs: JobRunner
  close(): Promise<void>
}

export function databaseTarget(config: Config): DatabaseTarget {
  return config.database.kind === 'sqlite' ? { kind: 'sqlite', file: config.database.file } : { kind: 'postgres', url: config.database.url }
}

export interface BuildOptions {
  logger?: Logger
  dbh?: DbHandle
  now?: () => Date
  /** Rotate and print the owner set-up link (only `depesza start`; other commands: false). */
  ownerSetup?: boolean
  /**
   * A worker of `WORKERS=N` (src/server/cluster.ts): its siblings' invalidations come over the
   * relay, and only the leader rebuilds a stale search index in the background.
   */
  cluster?: { id: string; leader: boolean; relay: SiblingRelay }
}

export async function buildApplication(config: Config, options: BuildOptions = {}): Promise<Application> {
  const logger = options.logger ?? pino({ level: config.logLevel })
  const dbh = options.dbh ?? openDatabase(databaseTarget(config))
  await migrateToLatest(dbh)
  const now = options.now ?? (() => new Date())
  const instanceId = `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`
  const content = new ContentService(dbh.db)
  const siteData = new SiteData(dbh.db, config.editions)
  const pageCache = config.pageCacheBytes > 0 ? new PageCache(config.pageCacheBytes) : null
  const invalidateHere = (keys: readonly string[]) => {
    pageCache?.invalidate(keys)
    if (keys.includes(CacheKeys.site) || keys.includes(CacheKeys.sections)) siteData.invalidate()
  }
  // The workers of one cluster share an origin on the database bus: they hear each other over IPC.
  const origin = options.cluster?.id ?? instanceId
  const bus =
    dbh.dialect === 'postgres' && dbh.url
      ? await postgresBus({ url: dbh.url, schema: dbh.schema, db: dbh.db, instanceId: origin, onKeys: invalidateHere, logger })
      : sqliteBus({ db: dbh.db, instanceId: origin, onKeys: invalidateHere, logger })
  options.cluster?.relay.subscribe(invalidateHere)
  const purge = config.purgeUrl ? createPurger(config.purgeUrl, logger) : null
  const invalidate = async (keys: readonly string[]) => {
    invalidateHere(keys)
    options.cluster?.relay.publish(keys)
    await Promise.all([bus.publish(keys), purge?.(keys)])
  }
  content.onChange(async (change) => {
    await invalidate(await keysForChange(dbh.db, change, (await siteData.get()).editions))
    await scheduleVisibility(dbh, change, now())
  })
  // Search index kept in step with content (loads the Polish dictionary; warns when missing).
  const search = await attachSearch({ dbh, content, config, logger }, { rebuildStale: options.cluster?.leader ?? true })
  // Sections, tags, authors: their pages and the stories that show them; renamed tags and
  // authors are searched by their new names.
  content.taxonomy.onChange(async (change) => {
    await invalidate(keysForTaxonomyChange(change, (await siteData.get()).editions.enabled))
    if (change.kind !== 'section' && change.articleIds.length && (change.action !== 'update' || change.fields.includes('name'))) {
      await search.indexArticles(change.articleIds).catch((err: unknown) => logger.error({ err }, 'search index update after a rename failed; run `depesza reindex`'))
    }
  })
  const jobs = new JobRunner(dbh, instanceId, logger, now)
  handleVisibilityJobs(jobs, content)
  const newsroom = new NewsroomService(dbh, content, now)
  newsroom.handleJobs(jobs)
  // Before publishing: the quality gate's errors and untranslated segments (overridable, audited).
  const gate = new StoryGate({ db: dbh.db, dictionary: () => search.dictionary(), siteUrl: config.publicUrl })
  newsroom.addPublishCheck(qaPublishCheck(gate))
  newsroom.addPublishCheck(translationPublishCheck(dbh.db))
  // The wire desk: feed polls, folder scans, expiry (src/wire/).
  const wire = await attachWire({ dbh, jobs, newsroom, logger, now, dataDir: config.dataDir })
  const mailer = config.smtpUrl ? createMailer(config.smtpUrl, config.mailFrom) : null
  const mediaStorage = createMediaStorage(config)
  logger.debug({ storage: mediaStorage.description, publicUrl: config.mediaPublicUrl ?? null }, 'media storage')
  const mediaVariants = new MediaVariantWorker({ dbh, storage: mediaStorage, logger, now, invalidate })
  const deps: AppDeps = {
    config,
    dbh,
    content,
    newsroom,
    gate,
    siteData,
    assets: new AssetRegistry(),
    logger,
    mailer,
    mediaStorage,
    mediaVariants,
    now,
    setupToken: options.ownerSetup === false ? null : await ownerSetupToken(dbh),
    pageCache,
    invalidate,
    instanceId,
  }
  const app = createApp(deps)
  // The gate's broken-link check asks the site itself, as a reader would (redirects count as found).
  gate.checkLinksWith(async (path) => {
    const res = await app.request(path, { headers: { accept: 'text/html' } })
    await res.body?.cancel()
    if (res.status >= 500) throw new Error(`${path} answered ${res.status}`)
    return res.status < 400
  })
  return {
    deps,
    app,
    jobs,
    async close() {
      await mediaVariants.stop()
      await jobs.stop()
      await wire.close()
      await bus.close()
      mailer?.close()
      await dbh.close()
    },
  }
}

const SETUP_KEY = 'owner_setup'
const SETUP_TTL_MS = 24 * 60 * 60 * 1000

/**
 * A fresh one-time owner set-up token while no owner exists. Only its hash and expiry are
 * stored; the plain token exists in this process's memory and the printed link.
 */
async function ownerSetupToken(dbh: DbHandle): Promise<string | null> {
  const done = await dbh.db.selectFrom('settings').select('value').where('key', '=', 'owner_created').executeTakeFirst()
  if (done) return null
  const token = randomBytes(24).toString('base64url')
  const value = JSON.stringify({
    tokenSha256: createHash('sha256').update(token).digest('hex'),
    expiresAt: new Date(Date.now() + SETUP_TTL_MS).toISOString(),
  })
  await dbh.db
    .insertInto('settings')
    .values({ key: SETUP_KEY, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute()
  return token
}
