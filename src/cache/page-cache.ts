/**
 * @module
 * The page cache: prebuilt responses (body precompressed with brotli and gzip, ETag,
 * Last-Modified) kept in memory, LRU by bytes, dropped exactly by the keys (surrogate keys)
 * each page was built from. A hit needs no database, no rendering and no compression.
 */
import { createHash } from 'node:crypto'
import { promisify } from 'node:util'
import zlib from 'node:zlib'

const brotli = promisify(zlib.brotliCompress)
const gzip = promisify(zlib.gzip)

export interface CachedPage {
  readonly status: number
  readonly contentType: string
  readonly body: Buffer
  readonly gzip: Buffer
  readonly brotli: Buffer
  readonly etag: string
  readonly lastModified: string
  /** Surrogate keys: what the page was built from ("article:12", "section:3", "home" …). */
  readonly keys: readonly string[]
  /** Extra headers to send with the page (Cache-Control, Surrogate-Key …). */
  readonly headers: ReadonlyArray<readonly [string, string]>
  readonly bytes: number
  /** When the entry was built (ms since epoch), for its age and for stale-while-revalidate. */
  readonly builtAt: number
}

export interface PageToCache {
  status: number
  contentType: string
  body: Buffer
  keys: readonly string[]
  headers?: ReadonlyArray<readonly [string, string]>
  lastModified?: Date
}

/** Compresses once, at build time: hits only pick the encoding the client accepts. */
export async function buildCachedPage(page: PageToCache, now = Date.now()): Promise<CachedPage> {
  const [br, gz] = await Promise.all([
    brotli(page.body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: page.body.length } }),
    gzip(page.body, { level: 6 }),
  ])
  const etag = `"${createHash('sha1').update(page.body).digest('base64url').slice(0, 22)}"`
  return {
    status: page.status,
    contentType: page.contentType,
    body: page.body,
    gzip: gz,
    brotli: br,
    etag,
    lastModified: (page.lastModified ?? new Date(now)).toUTCString(),
    keys: page.keys,
    headers: page.headers ?? [],
    bytes: page.body.length + gz.length + br.length + 512,
    builtAt: now,
  }
}

export interface PageCacheStats {
  entries: number
  bytes: number
  hits: number
  misses: number
  evictions: number
  invalidations: number
}

export class PageCache {
  // A Map keeps insertion order: re-inserting on a hit makes it an LRU.
  private readonly entries = new Map<string, CachedPage>()
  private readonly byKey = new Map<string, Set<string>>()
  private readonly inflight = new Map<string, Promise<CachedPage | null>>()
  private totalBytes = 0
  readonly stats: PageCacheStats = { entries: 0, bytes: 0, hits: 0, misses: 0, evictions: 0, invalidations: 0 }

  /** @param maxEntryBytes a larger page is served but not kept, so one page cannot flush the cache */
  constructor(
    readonly maxBytes: number,
    readonly maxEntryBytes = Math.floor(maxBytes / 4),
  ) {}

  get(url: string): CachedPage | undefined {
    const page = this.entries.get(url)
    if (!page) {
      this.stats.misses++
      return undefined
    }
    this.stats.hits++
    this.entries.delete(url)
    this.entries.set(url, page)
    return page
  }

  has(url: string): boolean {
    return this.entries.has(url)
  }

  set(url: string, page: CachedPage): void {
    if (page.bytes > this.maxEntryBytes) return
    this.remove(url)
    this.entries.set(url, page)
    this.totalBytes += page.bytes
    for (const key of page.keys) {
      let urls = this.byKey.get(key)
      if (!urls) this.byKey.set(key, (urls = new Set()))
      urls.add(url)
    }
    while (this.totalBytes > this.maxBytes) {
      const oldest = this.entries.keys().next().value
      if (oldest === undefined) break
      this.remove(oldest)
      this.stats.evictions++
    }
    this.updateStats()
  }

  /**
   * Builds the page once however many requests ask for it at the same moment (single
   * flight). `build` returns null for a page that must not be cached.
   */
  async getOrBuild(url: string, build: () => Promise<CachedPage | null>): Promise<CachedPage | null> {
    const hit = this.get(url)
    if (hit) return hit
    const running = this.inflight.get(url)
    if (running) return running
    const generation = this.generation
    const promise = build()
      .then((page) => {
        // An invalidation that arrived while building makes this result stale: serve it to
        // those who waited, but do not keep it.
        if (page && generation === this.generation) this.set(url, page)
        return page
      })
      .finally(() => this.inflight.delete(url))
    this.inflight.set(url, promise)
    return promise
  }

  private generation = 0

  /** Drops every page built from any of these keys; returns the URLs dropped. */
  invalidate(keys: Iterable<string>): string[] {
    const dropped: string[] = []
    for (const key of keys) {
      const urls = this.byKey.get(key)
      if (!urls) continue
      for (const url of [...urls]) {
        if (this.remove(url)) dropped.push(url)
      }
    }
    this.generation++
    this.stats.invalidations++
    this.updateStats()
    return dropped
  }

  clear(): void {
    this.entries.clear()
    this.byKey.clear()
    this.totalBytes = 0
    this.generation++
    this.updateStats()
  }

  urls(): string[] {
    return [...this.entries.keys()]
  }

  private remove(url: string): boolean {
    const page = this.entries.get(url)
    if (!page) return false
    this.entries.delete(url)
    this.totalBytes -= page.bytes
    for (const key of page.keys) {
      const urls = this.byKey.get(key)
      urls?.delete(url)
      if (urls?.size === 0) this.byKey.delete(key)
    }
    return true
  }

  private updateStats(): void {
    this.stats.entries = this.entries.size
    this.stats.bytes = this.totalBytes
  }
}
