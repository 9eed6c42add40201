/** What the HTTP layer is built from; assembled once in server/boot.ts (or by tests). */
import type { Logger } from 'pino'
import type { PageCache } from '../cache/page-cache.js'
import type { ContentService } from '../content/content.service.js'
import type { MediaStorage } from '../media/storage.js'
import type { MediaVariantWorker } from '../media/variant-worker.js'
import type { NewsroomService } from '../newsroom/newsroom.service.js'
import type { StoryGate } from '../qa/gate.js'
import type { Config } from '../platform/config.js'
import type { DbHandle } from '../platform/db/database.js'
import type { Mailer } from '../platform/mail.js'
import type { AssetRegistry } from '../site/assets.js'
import type { SiteData } from '../site/site-data.js'

export interface AppDeps {
  readonly config: Config
  readonly dbh: DbHandle
  readonly content: ContentService
  /** The editorial workflow: working copies, revisions, review, publishing (src/newsroom/). */
  readonly newsroom: NewsroomService
  /** The quality gate over working copies (src/qa/gate.ts): findings on save, checked before publishing. */
  readonly gate: StoryGate
  readonly siteData: SiteData
  readonly assets: AssetRegistry
  readonly logger: Logger
  readonly mailer: Mailer | null
  /** Media files: `<dataDir>/media` or an S3-compatible bucket (MEDIA_STORAGE). */
  readonly mediaStorage: MediaStorage
  /** Makes responsive variants of uploaded images in the background (src/media/variant-worker.ts). */
  readonly mediaVariants?: MediaVariantWorker
  /** The clock, replaceable in tests (embargo, scheduling, "last 48 hours"). */
  readonly now: () => Date
  /** One-time owner set-up token printed at first start (the newsroom issue consumes it). */
  readonly setupToken: string | null
  /** Prebuilt public pages; null when PAGE_CACHE_MB=0. */
  readonly pageCache: PageCache | null
  /** Drops the pages built from these surrogate keys here and on every other instance. */
  invalidate(keys: readonly string[]): Promise<void>
  /** Names this process among several instances (jobs' leases, invalidation messages). */
  readonly instanceId: string
}
