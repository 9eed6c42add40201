/**
 * @module
 * Where media bytes live: a directory on local disk (the default) or a bucket of any
 * S3-compatible object store (AWS S3, MinIO, Ceph RGW, Garage, Cloudflare R2…).
 *
 * Keys are the `media.storage_key` values: `<yyyy>/<mm>/<hash>.<ext>`, content-addressed and
 * never rewritten, so a stored object is immutable. Every implementation refuses keys that
 * could leave its root (`..`, absolute paths, hidden names) with `MediaStorageError('InvalidKey')`.
 *
 * Errors are `MediaStorageError` with an English message for the log (which request, which
 * status, what to check); `storeImage` turns them into a Polish message for the newsroom.
 */
import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { Readable } from 'node:stream'
import { AwsClient } from 'aws4fetch'
import type { Config } from '../platform/config.js'

/** What `stat` tells about a stored object. */
export interface StoredObjectInfo {
  /** The MIME type recorded with the object (local disk: guessed from the extension). */
  readonly contentType: string
  readonly size: number
  /** A strong, quoted HTTP entity tag, e.g. `"1f4-18e3c0a2b10"` or an S3 `"<md5>"`. */
  readonly etag: string
}

/** A stored object being read: its body is a stream, so large files are never buffered. */
export interface StoredObject extends StoredObjectInfo {
  readonly body: ReadableStream<Uint8Array>
}

export interface MediaStorage {
  /** `local` or `s3`. */
  readonly kind: 'local' | 's3'
  /** Where objects go, for logs: a directory or `s3://bucket/prefix at endpoint`. */
  readonly description: string
  /** Stores the bytes under the key (replacing an object of the same key). */
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>
  /** The object, or null when no object has this key. */
  get(key: string): Promise<StoredObject | null>
  /** Size, type and ETag without the body, or null when absent. */
  stat(key: string): Promise<StoredObjectInfo | null>
  exists(key: string): Promise<boolean>
  /** Removes the object; removing an absent key is not an error. */
  delete(key: string): Promise<void>
}

export type MediaStorageErrorCode = 'InvalidKey' | 'Unreachable' | 'Timeout' | 'Denied' | 'NoBucket' | 'Failed'

/** A storage failure; `message` is English, for the log and the operator. */
export class MediaStorageError extends Error {
  constructor(
    readonly code: MediaStorageErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'MediaStorageError'
  }
}

/** Cache headers of stored objects: keys are content hashes, so objects never change. */
export const IMMUTABLE_CACHE_CONTROL = 'public, max-age=31536000, immutable'

const CONTENT_TYPES: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.gif': 'image/gif',
}

/** The MIME type of a media key by its extension, or null for anything else. */
export function mediaContentType(key: string): string | null {
  return CONTENT_TYPES[path.posix.extname(key).toLowerCase()] ?? null
}

const KEY_SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/

/** True for keys made of `/`-separated names of letters, digits, `.`, `_`, `-`, none hidden or empty. */
export function isValidKey(key: string): boolean {
  return key.length > 0 && key.length <= 1024 && key.split('/').every((part) => KEY_SEGMENT.test(part))
}

function assertKey(key: string): void {
  if (!isValidKey(key)) throw new MediaStorageError('InvalidKey', `invalid media key ${JSON.stringify(key)}: only a/b/c.ext names of letters, digits, ".", "_" and "-" are stored`)
}

/** The file of a stored key: `<dataDir>/media/<storage_key>`. */
export function mediaFilePath(dataDir: string, storageKey: string): string {
  return path.join(dataDir, 'media', ...storageKey.split('/'))
}

/** Today's behaviour: files under `<dataDir>/media/`, written atomically. */
export class LocalDiskStorage implements MediaStorage {
  readonly kind = 'local'
  readonly description: string
  /** The directory that holds the files (`<dataDir>/media`). */
  readonly root: string

  constructor(dataDir: string) {
    this.root = path.resolve(dataDir, 'media')
    this.description = `local disk ${this.root}`
  }

  /** The file of a key; refuses keys that would leave the root. */
  fileOf(key: string): string {
    assertKey(key)
    const file = path.join(this.root, ...key.split('/'))
    // The key check already rules this out; the second check guards against a future change.
    if (!file.startsWith(this.root + path.sep)) throw new MediaStorageError('InvalidKey', `media key ${JSON.stringify(key)} leaves ${this.root}`)
    return file
  }

  /** Writes a temporary file beside the target, flushes it and renames it into place. */
  async put(key: string, bytes: Uint8Array, _contentType: string): Promise<void> {
    const file = this.fileOf(key)
    const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`
    try {
      await fs.promises.mkdir(path.dirname(file), { recursive: true })
      const handle = await fs.promises.open(tmp, 'wx')
      try {
        await handle.writeFile(bytes)
        await handle.datasync()
      } finally {
        await handle.close()
      }
      await fs.promises.rename(tmp, file)
    } catch (err) {
      await fs.promises.rm(tmp, { force: true })
      throw new MediaStorageError('Failed', `cannot write ${file}: ${(err as Error).message}`, { cause: err })
    }
  }

  async get(key: string): Promise<StoredObject | null> {
    const file = this.fileOf(key)
    let handle: fs.promises.FileHandle
    try {
      handle = await fs.promises.open(file, 'r')
    } catch (err) {
      if (isMissing(err)) return null
      throw new MediaStorageError('Failed', `cannot read ${file}: ${(err as Error).message}`, { cause: err })
    }
    try {
      const stat = await handle.stat()
      if (!stat.isFile()) {
        await handle.close()
        return null
      }
      const stream = handle.createReadStream({ autoClose: true })
      return { ...localInfo(key, stat), body: Readable.toWeb(stream) as ReadableStream<Uint8Array> }
    } catch (err) {
      await handle.close().catch(() => {})
      throw new MediaStorageError('Failed', `cannot read ${file}: ${(err as Error).message}`, { cause: err })
    }
  }

  async stat(key: string): Promise<StoredObjectInfo | null> {
    const file = this.fileOf(key)
    try {
      const stat = await fs.promises.stat(file)
      return stat.isFile() ? localInfo(key, stat) : null
    } catch (err) {
      if (isMissing(err)) return null
      throw new MediaStorageError('Failed', `cannot stat ${file}: ${(err as Error).message}`, { cause: err })
    }
  }

  async exists(key: string): Promise<boolean> {
    return (await this.stat(key)) !== null
  }

  async delete(key: string): Promise<void> {
    const file = this.fileOf(key)
    try {
      await fs.promises.rm(file, { force: true })
    } catch (err) {
      throw new MediaStorageError('Failed', `cannot delete ${file}: ${(err as Error).message}`, { cause: err })
    }
  }
}

function isMissing(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException).code
  return code === 'ENOENT' || code === 'ENOTDIR'
}

function localInfo(key: string, stat: fs.Stats): StoredObjectInfo {
  return {
    contentType: mediaContentType(key) ?? 'application/octet-stream',
    size: stat.size,
    etag: `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`,
  }
}

export interface S3StorageOptions {
  /** The service's base URL, e.g. `https://s3.eu-central-1.amazonaws.com` or `http://127.0.0.1:9000`. */
  readonly endpoint: string
  /** Signing region (`us-east-1` for most self-hosted servers, `auto` for R2). */
  readonly region: string
  readonly bucket: string
  /** Prepended to every key (`depesza/` → `depesza/2026/03/….jpg`); empty for none. */
  readonly prefix?: string
  readonly accessKeyId: string
  readonly secretAccessKey: string
  readonly sessionToken?: string
  /** `https://endpoint/bucket/key` (true) or `https://bucket.endpoint/key` (false). */
  readonly forcePathStyle: boolean
  /** How long to wait for a response's headers (default 20 s). */
  readonly timeoutMs?: number
  /** Further attempts after a network error, 5xx or 429 (default 2); objects are immutable, so repeating is safe. */
  readonly retries?: number
  /** The fetch to use (tests replace it). */
  readonly fetch?: typeof globalThis.fetch
}

const DEFAULT_TIMEOUT_MS = 20_000

/**
 * Objects in a bucket of an S3-compatible service, requests signed with AWS Signature V4
 * (aws4fetch). Uploads carry a signed SHA-256 of the body, `Content-Type` and immutable
 * `Cache-Control`, so a CDN or the bucket's public URL can serve them as they are.
 */
export class S3Storage implements MediaStorage {
  readonly kind = 's3'
  readonly description: string
  private readonly client: AwsClient
  private readonly base: URL
  private readonly prefix: string
  private readonly timeoutMs: number
  private readonly retries: number
  private readonly fetchImpl: typeof globalThis.fetch

  constructor(private readonly options: S3StorageOptions) {
    const endpoint = new URL(options.endpoint)
    if (endpoint.protocol !== 'http:' && endpoint.protocol !== 'https:') throw new TypeError(`S3 endpoint must be an http(s) URL: ${options.endpoint}`)
    const basePath = endpoint.pathname.replace(/\/+$/, '')
    this.base = options.forcePathStyle
      ? new URL(`${endpoint.protocol}//${endpoint.host}${basePath}/${encodeURIComponent(options.bucket)}/`)
      : new URL(`${endpoint.protocol}//${options.bucket}.${endpoint.host}${basePath}/`)
    this.prefix = normalisePrefix(options.prefix ?? '')
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
    this.retries = options.retries ?? 2
    this.fetchImpl = options.fetch ?? globalThis.fetch
    this.client = new AwsClient({
      accessKeyId: options.accessKeyId,
      secretAccessKey: options.secretAccessKey,
      ...(options.sessionToken ? { sessionToken: options.sessionToken } : {}),
      service: 's3',
      region: options.region,
      retries: 0,
    })
    this.description = `s3://${options.bucket}/${this.prefix} at ${endpoint.origin}${basePath} (${options.forcePathStyle ? 'path-style' : 'virtual-host'})`
  }

  /** The object's URL (for logs and tests; it needs a signature to be read). */
  urlOf(key: string): string {
    assertKey(key)
    return new URL((this.prefix + key).split('/').map(encodeURIComponent).join('/'), this.base).href
  }

  async put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    const url = this.urlOf(key)
    const res = await this.send('PUT', url, {
      headers: {
        'Content-Type': contentType,
        'Cache-Control': IMMUTABLE_CACHE_CONTROL,
        'X-Amz-Content-Sha256': createHash('sha256').update(bytes).digest('hex'),
      },
      body: bytes,
    })
    if (!res.ok) throw await this.failure('PUT', url, res)
    await res.body?.cancel()
  }

  async get(key: string): Promise<StoredObject | null> {
    const url = this.urlOf(key)
    const res = await this.send('GET', url)
    if (res.status === 404) {
      await res.body?.cancel()
      return null
    }
    if (!res.ok || !res.body) throw await this.failure('GET', url, res)
    return { ...this.info(key, res), body: res.body }
  }

  async stat(key: string): Promise<StoredObjectInfo | null> {
    const url = this.urlOf(key)
    const res = await this.send('HEAD', url)
    await res.body?.cancel()
    if (res.status === 404) return null
    if (!res.ok) throw await this.failure('HEAD', url, res)
    return this.info(key, res)
  }

  async exists(key: string): Promise<boolean> {
    return (await this.stat(key)) !== null
  }

  async delete(key: string): Promise<void> {
    const url = this.urlOf(key)
    const res = await this.send('DELETE', url)
    // S3 answers 204 whether or not the key existed; some servers say 404.
    if (!res.ok && res.status !== 404) throw await this.failure('DELETE', url, res)
    await res.body?.cancel()
  }

  private info(key: string, res: Response): StoredObjectInfo {
    const etag = res.headers.get('etag')
    const size = Number(res.headers.get('content-length') ?? Number.NaN)
    return {
      contentType: res.headers.get('content-type') ?? mediaContentType(key) ?? 'application/octet-stream',
      size: Number.isFinite(size) ? size : 0,
      // Some gateways omit the quotes; HTTP wants them.
      etag: etag ? (/^(W\/)?"/.test(etag) ? etag : `"${etag}"`) : `"${key}"`,
    }
  }

  /**
   * One signed request, repeated on network errors, 5xx and 429. The timeout covers the wait
   * for the response's headers, not the reading of a body (which streams to the reader).
   */
  private async send(method: string, url: string, init: { headers?: Record<string, string>; body?: Uint8Array } = {}): Promise<Response> {
    let lastError: MediaStorageError | null = null
    for (let attempt = 0; attempt <= this.retries; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** (attempt - 1)))
      const request = await this.client.sign(url, {
        method,
        ...(init.headers ? { headers: init.headers } : {}),
        // Node's fetch takes any Uint8Array; the DOM typings want one backed by an ArrayBuffer.
        ...(init.body ? { body: init.body as Uint8Array<ArrayBuffer> } : {}),
      })
      const abort = new AbortController()
      const timer = setTimeout(() => abort.abort(), this.timeoutMs)
      try {
        const res = await this.fetchImpl(request, { signal: abort.signal })
        if ((res.status >= 500 || res.status === 429) && attempt < this.retries) {
          lastError = await this.failure(method, url, res)
          continue
        }
        return res
      } catch (err) {
        lastError = abort.signal.aborted
          ? new MediaStorageError('Timeout', `S3 ${method} ${url} timed out: no response within ${this.timeoutMs} ms`, { cause: err })
          : new MediaStorageError('Unreachable', `S3 ${method} ${url} failed: ${networkDetail(err)} (check S3_ENDPOINT and that the service is up)`, { cause: err })
      } finally {
        clearTimeout(timer)
      }
    }
    throw lastError ?? new MediaStorageError('Failed', `S3 ${method} ${url} failed`)
  }

  /** An error naming the request, the status, the service's error code and what to check. */
  private async failure(method: string, url: string, res: Response): Promise<MediaStorageError> {
    let body = ''
    try {
      body = method === 'HEAD' ? '' : (await res.text()).slice(0, 4000)
    } catch {
      // The status says enough.
    }
    const code = /<Code>([^<]*)<\/Code>/.exec(body)?.[1] ?? ''
    const message = /<Message>([^<]*)<\/Message>/.exec(body)?.[1] ?? ''
    const detail = [code, message].filter(Boolean).join(': ')
    let kind: MediaStorageErrorCode = 'Failed'
    let hint = ''
    if (code === 'InvalidAccessKeyId' || code === 'SignatureDoesNotMatch' || code === 'InvalidToken' || res.status === 401) {
      kind = 'Denied'
      hint = ' (check S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, and S3_REGION: the signature includes it)'
    } else if (code === 'AccessDenied' || res.status === 403) {
      kind = 'Denied'
      hint = ` (access denied: check S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY and S3_REGION, and that the key may s3:GetObject, s3:PutObject, s3:DeleteObject and s3:ListBucket on bucket ${this.options.bucket})`
    } else if (code === 'NoSuchBucket') {
      kind = 'NoBucket'
      hint = ` (check S3_BUCKET=${this.options.bucket}, S3_ENDPOINT and S3_FORCE_PATH_STYLE)`
    } else if (code === 'RequestTimeTooSkewed') {
      hint = ' (this machine’s clock is off: synchronise it with NTP)'
    } else if (code === 'PermanentRedirect' || code === 'AuthorizationHeaderMalformed' || res.status === 301) {
      hint = ' (the bucket is in another region or needs another endpoint: check S3_REGION and S3_ENDPOINT)'
    }
    return new MediaStorageError(kind, `S3 ${method} ${url} failed: HTTP ${res.status}${detail ? ` ${detail}` : ''}${hint}`)
  }
}

function normalisePrefix(prefix: string): string {
  const trimmed = prefix.replace(/^\/+|\/+$/g, '')
  if (trimmed === '') return ''
  if (!isValidKey(trimmed)) throw new TypeError(`invalid S3 key prefix ${JSON.stringify(prefix)}`)
  return `${trimmed}/`
}

function networkDetail(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause
  const parts = [(err as Error).message, cause?.code ?? cause?.message].filter(Boolean)
  return parts.join(': ')
}

/** The storage the configuration asks for (`MEDIA_STORAGE`). */
export function createMediaStorage(config: Pick<Config, 'dataDir' | 'mediaStorage'>, options: { fetch?: typeof globalThis.fetch } = {}): MediaStorage {
  const m = config.mediaStorage
  if (m.kind === 'local') return new LocalDiskStorage(config.dataDir)
  return new S3Storage({
    endpoint: m.endpoint,
    region: m.region,
    bucket: m.bucket,
    prefix: m.prefix,
    accessKeyId: m.accessKeyId,
    secretAccessKey: m.secretAccessKey,
    forcePathStyle: m.forcePathStyle,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  })
}

/** Reads a stored object's whole body (tests, small files). */
export async function readBody(object: StoredObject): Promise<Buffer> {
  return Buffer.from(await new Response(object.body).arrayBuffer())
}
