import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startS3, S3_ACCESS_KEY_ID, S3_BUCKET, S3_SECRET_ACCESS_KEY, virtualHostFetch, type SeenRequest, type TestS3 } from '../../test/s3.js'
import { createTestDb, type TestDb } from '../../test/support.js'
import { ConfigError, loadConfig } from '../platform/config.js'
import { MediaError, storeImage } from './media.service.js'
import { createMediaStorage, IMMUTABLE_CACHE_CONTROL, LocalDiskStorage, MediaStorageError, readBody, S3Storage, type MediaStorage } from './storage.js'

const KEY = '2026/03/0123456789abcdef.jpg'
const TRAVERSALS = ['../secret.jpg', '2026/../../../etc/passwd', '/etc/passwd', '.hidden.jpg', '2026/.x/a.jpg', 'a//b.jpg', 'a\\..\\b.jpg', '', 'a/b.jpg/', '2026/03/%2e%2e.jpg']

async function storageError(promise: Promise<unknown>): Promise<MediaStorageError> {
  try {
    await promise
  } catch (err) {
    expect(err).toBeInstanceOf(MediaStorageError)
    return err as MediaStorageError
  }
  throw new Error('expected a MediaStorageError')
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = http.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** The behaviour every storage shares. */
async function roundTrip(storage: MediaStorage): Promise<void> {
  const bytes = Buffer.from('not really a JPEG, but bytes are bytes')
  expect(await storage.exists(KEY)).toBe(false)
  expect(await storage.get(KEY)).toBeNull()
  expect(await storage.stat(KEY)).toBeNull()
  await storage.put(KEY, bytes, 'image/jpeg')
  expect(await storage.exists(KEY)).toBe(true)
  const info = await storage.stat(KEY)
  expect(info).toMatchObject({ contentType: 'image/jpeg', size: bytes.length })
  expect(info!.etag).toMatch(/^"[^"]+"$/)
  const object = await storage.get(KEY)
  expect(object).toMatchObject({ contentType: 'image/jpeg', size: bytes.length, etag: info!.etag })
  expect(object!.body).toBeInstanceOf(ReadableStream)
  expect(await readBody(object!)).toEqual(bytes)
  await storage.delete(KEY)
  expect(await storage.exists(KEY)).toBe(false)
  expect(await storage.get(KEY)).toBeNull()
  // Deleting what is not there is not an error.
  await storage.delete(KEY)
}

describe('LocalDiskStorage', () => {
  let dataDir: string
  let storage: LocalDiskStorage

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'depesza-local-media-'))
    storage = new LocalDiskStorage(dataDir)
  })
  afterEach(() => {
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  it('puts, gets (as a stream), stats and deletes under <dataDir>/media/<key>', async () => {
    await roundTrip(storage)
    await storage.put(KEY, Buffer.from('x'), 'image/jpeg')
    expect(fs.readFileSync(path.join(dataDir, 'media', '2026', '03', '0123456789abcdef.jpg'), 'utf8')).toBe('x')
  })

  it('writes atomically: a temporary file beside the target, renamed; nothing left behind', async () => {
    const folder = path.join(dataDir, 'media', '2026', '03')
    // Concurrent writers of one key: the file is always one whole version, never a mix.
    const versions = Array.from({ length: 12 }, (_, i) => Buffer.alloc(256 * 1024, i + 1))
    await Promise.all(versions.map((v) => storage.put(KEY, v, 'image/jpeg')))
    const stored = fs.readFileSync(path.join(folder, '0123456789abcdef.jpg'))
    expect(versions.some((v) => v.equals(stored))).toBe(true)
    expect(fs.readdirSync(folder)).toEqual(['0123456789abcdef.jpg'])
  })

  it('leaves no partial or temporary file when the write fails, and says why in English', async () => {
    // The target is a directory: the rename fails after the temporary file was written.
    fs.mkdirSync(path.join(dataDir, 'media', '2026', '03', '0123456789abcdef.jpg'), { recursive: true })
    const err = await storageError(storage.put(KEY, Buffer.from('bytes'), 'image/jpeg'))
    expect(err.code).toBe('Failed')
    expect(err.message).toContain('cannot write')
    expect(fs.readdirSync(path.join(dataDir, 'media', '2026', '03'))).toEqual(['0123456789abcdef.jpg'])
    // A directory is not an object.
    expect(await storage.get(KEY)).toBeNull()
    expect(await storage.exists(KEY)).toBe(false)
  })

  it('refuses keys that could leave the media directory', async () => {
    fs.writeFileSync(path.join(dataDir, 'secret.jpg'), 'secret')
    for (const key of TRAVERSALS) {
      for (const op of [storage.put(key, Buffer.from('x'), 'image/jpeg'), storage.get(key), storage.stat(key), storage.exists(key), storage.delete(key)]) {
        expect((await storageError(op)).code, key).toBe('InvalidKey')
      }
    }
    expect(fs.readFileSync(path.join(dataDir, 'secret.jpg'), 'utf8')).toBe('secret')
    expect(fs.existsSync(path.join(dataDir, 'media'))).toBe(false)
  })
})

describe('S3Storage against an S3-compatible server (s3rver)', () => {
  let s3: TestS3
  let vhostS3: TestS3

  beforeAll(async () => {
    s3 = await startS3()
    vhostS3 = await startS3({ allowMismatchedSignatures: true })
  })
  afterAll(async () => {
    await s3?.close()
    await vhostS3?.close()
  })

  function storage(options: Partial<ConstructorParameters<typeof S3Storage>[0]> = {}): S3Storage {
    return new S3Storage({
      endpoint: s3.endpoint,
      region: 'us-east-1',
      bucket: S3_BUCKET,
      accessKeyId: S3_ACCESS_KEY_ID,
      secretAccessKey: S3_SECRET_ACCESS_KEY,
      forcePathStyle: true,
      ...options,
    })
  }

  it('puts, gets, stats and deletes objects (path-style, signatures checked by the server)', async () => {
    await roundTrip(storage())
  })

  it('keeps keys under the prefix and records type and immutable caching with the object', async () => {
    const prefixed = storage({ prefix: '/depesza/media/' })
    expect(prefixed.urlOf(KEY)).toBe(`${s3.endpoint}/${S3_BUCKET}/depesza/media/${KEY}`)
    await prefixed.put(KEY, Buffer.from('abc'), 'image/png')
    const bare = storage()
    expect(await bare.exists(KEY)).toBe(false)
    expect(await bare.exists(`depesza/media/${KEY}`)).toBe(true)
    // What a CDN or the bucket's public URL would send on.
    const head = await fetch(`${s3.endpoint}/${S3_BUCKET}/depesza/media/${KEY}`, { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(head.headers.get('cache-control')).toBe(IMMUTABLE_CACHE_CONTROL)
    expect(head.headers.get('content-type')).toBe('image/png')
    await prefixed.delete(KEY)
  })

  it('builds virtual-host URLs (bucket in the host name), signed for that host', async () => {
    const seen: SeenRequest[] = []
    const vhost = new S3Storage({
      endpoint: `http://s3.test:${vhostS3.port}`,
      region: 'eu-central-1',
      bucket: S3_BUCKET,
      prefix: 'm',
      accessKeyId: S3_ACCESS_KEY_ID,
      secretAccessKey: S3_SECRET_ACCESS_KEY,
      forcePathStyle: false,
      fetch: virtualHostFetch(vhostS3.port, S3_SECRET_ACCESS_KEY, seen),
    })
    expect(vhost.urlOf(KEY)).toBe(`http://${S3_BUCKET}.s3.test:${vhostS3.port}/m/${KEY}`)
    await roundTrip(vhost)
    expect(fs.existsSync(path.join(vhostS3.directory, S3_BUCKET))).toBe(true)
    expect(seen.length).toBeGreaterThan(5)
    for (const r of seen) {
      expect(r.host).toBe(`${S3_BUCKET}.s3.test:${vhostS3.port}`)
      expect(r.path).toBe(`/m/${KEY}`)
      expect(r.signatureProblem, `${r.method} ${r.path}`).toBeNull()
    }
    // The independent check does catch a wrong secret.
    const wrong: SeenRequest[] = []
    const other = new S3Storage({ ...vhostOptions(), fetch: virtualHostFetch(vhostS3.port, 'another secret', wrong) })
    await other.exists(KEY)
    expect(wrong[0]!.signatureProblem).toContain('signature mismatch')

    function vhostOptions() {
      return { endpoint: `http://s3.test:${vhostS3.port}`, region: 'eu-central-1', bucket: S3_BUCKET, accessKeyId: S3_ACCESS_KEY_ID, secretAccessKey: S3_SECRET_ACCESS_KEY, forcePathStyle: false }
    }
  })

  it('answers null / false for a key that is not there', async () => {
    const s = storage()
    expect(await s.get('2026/01/nothing-here.jpg')).toBeNull()
    expect(await s.stat('2026/01/nothing-here.jpg')).toBeNull()
    expect(await s.exists('2026/01/nothing-here.jpg')).toBe(false)
    await s.delete('2026/01/nothing-here.jpg')
  })

  it('names wrong credentials clearly', async () => {
    const wrongSecret = await storageError(storage({ secretAccessKey: 'not-the-secret' }).put(KEY, Buffer.from('x'), 'image/jpeg'))
    expect(wrongSecret.code).toBe('Denied')
    expect(wrongSecret.message).toContain('HTTP 403 SignatureDoesNotMatch')
    expect(wrongSecret.message).toContain('S3_SECRET_ACCESS_KEY')
    expect(wrongSecret.message).not.toContain('not-the-secret')

    const unknownKey = await storageError(storage({ accessKeyId: 'NOBODY' }).get(KEY))
    expect(unknownKey.code).toBe('Denied')
    expect(unknownKey.message).toContain('InvalidAccessKeyId')
    expect(unknownKey.message).toContain('S3_ACCESS_KEY_ID')

    // HEAD answers carry no error body: the status alone, with what to check.
    const head = await storageError(storage({ secretAccessKey: 'not-the-secret' }).exists(KEY))
    expect(head.message).toMatch(/S3 HEAD .* failed: HTTP 403 \(access denied: check S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY/)
  })

  it('names a missing bucket, an unreachable service and a silent one', async () => {
    const noBucket = await storageError(storage({ bucket: 'no-such-bucket' }).put(KEY, Buffer.from('x'), 'image/jpeg'))
    expect(noBucket.code).toBe('NoBucket')
    expect(noBucket.message).toContain('S3_BUCKET=no-such-bucket')

    const down = await storageError(storage({ endpoint: `http://127.0.0.1:${await closedPort()}`, retries: 1 }).exists(KEY))
    expect(down.code).toBe('Unreachable')
    expect(down.message).toContain('ECONNREFUSED')
    expect(down.message).toContain('S3_ENDPOINT')

    const sockets = new Set<import('node:net').Socket>()
    const silent = http.createServer(() => {
      // Never answers.
    })
    silent.on('connection', (s) => sockets.add(s))
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    try {
      const port = (silent.address() as AddressInfo).port
      const started = Date.now()
      const slow = await storageError(storage({ endpoint: `http://127.0.0.1:${port}`, timeoutMs: 150, retries: 0 }).put(KEY, Buffer.from('x'), 'image/jpeg'))
      expect(slow.code).toBe('Timeout')
      expect(slow.message).toContain('no response within 150 ms')
      expect(Date.now() - started).toBeLessThan(5000)
    } finally {
      for (const s of sockets) s.destroy()
      await new Promise((resolve) => silent.close(resolve))
    }
  })

  it('refuses keys that could leave the prefix', async () => {
    const s = storage({ prefix: 'media' })
    for (const key of TRAVERSALS) expect((await storageError(s.put(key, Buffer.from('x'), 'image/jpeg'))).code, key).toBe('InvalidKey')
  })

  describe('storeImage on S3', () => {
    let testDb: TestDb
    beforeEach(async () => {
      testDb = await createTestDb('sqlite')
    })
    afterEach(async () => {
      await testDb.close()
    })

    it('stores the normalised image in the bucket, nothing on local disk', async () => {
      const bytes = await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 200, g: 30, b: 30 } } }).png().toBuffer()
      const s = storage({ prefix: 'newsroom' })
      const row = await storeImage({ db: testDb.db, storage: s }, bytes, { alt: 'Czerwony prostokąt', caption: '', credit: 'Depesza' })
      expect(row.storage_key).toMatch(/^\d{4}\/\d{2}\/[0-9a-f]{16}\.png$/)
      const object = await s.get(row.storage_key)
      expect(object).not.toBeNull()
      const stored = await readBody(object!)
      expect(stored.length).toBe(row.bytes)
      expect((await sharp(stored).metadata()).format).toBe('png')
      expect(fs.existsSync(path.join(testDb.dataDir, 'media'))).toBe(false)
      // The same bytes again: the existing row, no second upload needed.
      const again = await storeImage({ db: testDb.db, storage: s }, bytes, { alt: 'x', caption: '', credit: '' })
      expect(again.id).toBe(row.id)
    })

    it('refuses in Polish when the bucket cannot be written, with the English detail in the log', async () => {
      const logged: Array<{ obj: unknown; msg: string }> = []
      const logger = { error: (obj: unknown, msg: string) => void logged.push({ obj, msg }) } as never
      const bytes = await sharp({ create: { width: 10, height: 10, channels: 3, background: { r: 0, g: 0, b: 0 } } }).png().toBuffer()
      let refusal: unknown
      try {
        await storeImage({ db: testDb.db, storage: storage({ secretAccessKey: 'wrong' }), logger }, bytes, { alt: '', caption: '', credit: '' })
      } catch (err) {
        refusal = err
      }
      expect(refusal).toBeInstanceOf(MediaError)
      const err = refusal as MediaError
      expect(err.code).toBe('StorageFailed')
      expect(err.message).toContain('Nie udało się zapisać pliku')
      expect(err.cause).toBeInstanceOf(MediaStorageError)
      expect(logged).toHaveLength(1)
      expect(logged[0]!.msg).toContain('media storage')
      expect(String((logged[0]!.obj as { err: Error }).err.message)).toContain('403')
      expect(await testDb.db.selectFrom('media').selectAll().execute()).toEqual([])
    })
  })
})

describe('media configuration', () => {
  function problems(env: Record<string, string>): string {
    try {
      loadConfig(env)
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError)
      return (err as ConfigError).message
    }
    throw new Error('expected a ConfigError')
  }

  it('is local disk by default, linking /media/ on the site', () => {
    const c = loadConfig({})
    expect(c.mediaStorage).toEqual({ kind: 'local' })
    expect(c.mediaPublicUrl).toBeUndefined()
    expect(createMediaStorage(c)).toBeInstanceOf(LocalDiskStorage)
  })

  it('reads S3 settings: endpoint, region, bucket, prefix, keys and URL style', () => {
    const c = loadConfig({
      MEDIA_STORAGE: 's3',
      S3_ENDPOINT: 'http://minio:9000/',
      S3_BUCKET: 'depesza',
      S3_PREFIX: '/media/',
      S3_ACCESS_KEY_ID: 'AKIA1',
      S3_SECRET_ACCESS_KEY: 's3cr3t',
      MEDIA_PUBLIC_URL: 'https://cdn.example.pl/media/',
    })
    expect(c.mediaStorage).toEqual({
      kind: 's3',
      endpoint: 'http://minio:9000',
      region: 'us-east-1',
      bucket: 'depesza',
      prefix: 'media/',
      accessKeyId: 'AKIA1',
      secretAccessKey: 's3cr3t',
      // A custom endpoint means path-style unless told otherwise.
      forcePathStyle: true,
    })
    expect(c.mediaPublicUrl).toBe('https://cdn.example.pl/media')
    const s = createMediaStorage(c)
    expect(s).toBeInstanceOf(S3Storage)
    expect((s as S3Storage).urlOf(KEY)).toBe(`http://minio:9000/depesza/media/${KEY}`)
  })

  it('defaults to AWS with virtual-host URLs when no endpoint is given', () => {
    const c = loadConfig({ MEDIA_STORAGE: 's3', S3_REGION: 'eu-central-1', S3_BUCKET: 'depesza', S3_ACCESS_KEY_ID: 'a', S3_SECRET_ACCESS_KEY: 'b' })
    const s = createMediaStorage(c) as S3Storage
    expect(s.urlOf(KEY)).toBe(`https://depesza.s3.eu-central-1.amazonaws.com/${KEY}`)
    const pathStyle = loadConfig({ MEDIA_STORAGE: 's3', S3_BUCKET: 'depesza', S3_ACCESS_KEY_ID: 'a', S3_SECRET_ACCESS_KEY: 'b', S3_FORCE_PATH_STYLE: 'true' })
    expect((createMediaStorage(pathStyle) as S3Storage).urlOf(KEY)).toBe(`https://s3.us-east-1.amazonaws.com/depesza/${KEY}`)
  })

  it('names every missing S3 setting at once, with the other bad values', () => {
    const message = problems({ MEDIA_STORAGE: 's3', PORT: 'abc' })
    expect(message).toContain('PORT="abc"')
    for (const name of ['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY']) expect(message).toContain(`${name}="": required when MEDIA_STORAGE=s3`)
  })

  it('names bad values and never prints the secret', () => {
    const message = problems({
      MEDIA_STORAGE: 'ftp',
      S3_ENDPOINT: 'minio:9000',
      S3_BUCKET: 'Bad_Bucket!',
      S3_PREFIX: '../up',
      S3_REGION: 'EU Central',
      S3_FORCE_PATH_STYLE: 'yes',
      MEDIA_PUBLIC_URL: 'cdn.example.pl',
    })
    for (const name of ['MEDIA_STORAGE="ftp"', 'S3_ENDPOINT="minio:9000"', 'S3_BUCKET="Bad_Bucket!"', 'S3_PREFIX="../up"', 'S3_REGION="EU Central"', 'S3_FORCE_PATH_STYLE="yes"', 'MEDIA_PUBLIC_URL="cdn.example.pl"']) {
      expect(message).toContain(name)
    }
    expect(problems({ MEDIA_STORAGE: 's3', S3_BUCKET: 'ok-bucket', S3_ACCESS_KEY_ID: 'a', S3_SECRET_ACCESS_KEY: 'hunter2', S3_ENDPOINT: 'nope' })).not.toContain('hunter2')
  })
})
