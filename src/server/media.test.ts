import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import pino from 'pino'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startS3, S3_BUCKET, type TestS3 } from '../../test/s3.js'
import { createTestApp, createTestDb, type TestApp } from '../../test/support.js'
import { storeImage } from '../media/media.service.js'
import type { MediaStorage } from '../media/storage.js'
import { loadConfig } from '../platform/config.js'
import { buildApplication } from './boot.js'

const META = { alt: 'Niebieski kwadrat', caption: '', credit: 'Depesza' }

async function photo(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 64, channels: 3, background: { r: 20, g: 40, b: 220 } } })
    .jpeg()
    .toBuffer()
}

/** Reads a response body chunk by chunk: the bytes and how many chunks arrived. */
async function chunks(res: Response): Promise<{ bytes: Buffer; count: number }> {
  const reader = res.body!.getReader()
  const parts: Uint8Array[] = []
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    parts.push(value)
  }
  return { bytes: Buffer.concat(parts), count: parts.length }
}

/** What every storage must do behind `/media/`. */
function servesMedia(name: string, setup: () => Promise<{ app: TestApp; close(): Promise<void> }>) {
  describe(`/media/ from ${name}`, () => {
    let app: TestApp
    let close: () => Promise<void>
    let storage: MediaStorage
    let key: string
    let stored: Buffer

    beforeAll(async () => {
      ;({ app, close } = await setup())
      storage = app.deps.mediaStorage
      const row = await storeImage({ db: app.deps.dbh.db, storage }, await photo(), META)
      key = row.storage_key
      const object = await storage.get(key)
      stored = Buffer.from(await new Response(object!.body).arrayBuffer())
    })
    afterAll(async () => {
      await close?.()
    })

    it('serves the stored bytes with type, length, immutable caching and an ETag', async () => {
      const res = await app.app.request(`/media/${key}`)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('image/jpeg')
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
      expect(res.headers.get('content-length')).toBe(String(stored.length))
      expect(res.headers.get('etag')).toMatch(/^"[^"]+"$/)
      expect(Buffer.from(await res.arrayBuffer())).toEqual(stored)
    })

    it('answers 304 to a matching If-None-Match (plain, weak or in a list), 200 otherwise', async () => {
      const etag = (await app.app.request(`/media/${key}`)).headers.get('etag')!
      for (const header of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
        const res = await app.app.request(`/media/${key}`, { headers: { 'if-none-match': header } })
        expect(res.status, header).toBe(304)
        expect(res.headers.get('etag')).toBe(etag)
        expect(res.headers.get('cache-control')).toContain('immutable')
      }
      const changed = await app.app.request(`/media/${key}`, { headers: { 'if-none-match': '"something-else"' } })
      expect(changed.status).toBe(200)
      expect(Buffer.from(await changed.arrayBuffer())).toEqual(stored)
    })

    it('answers HEAD from the metadata alone', async () => {
      const res = await app.app.request(`/media/${key}`, { method: 'HEAD' })
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('image/jpeg')
      expect(res.headers.get('content-length')).toBe(String(stored.length))
      expect(res.headers.get('etag')).toMatch(/^"[^"]+"$/)
      expect(await res.text()).toBe('')
      expect((await app.app.request('/media/2026/01/0000000000000000.jpg', { method: 'HEAD' })).status).toBe(404)
    })

    it('answers 404 for a key that is not stored and for path tricks', async () => {
      for (const url of ['/media/2026/01/0000000000000000.jpg', '/media/..%2F..%2Fetc%2Fpasswd.jpg', '/media/2026/.hidden.jpg', '/media/2026/../x.jpg', `/media/${key}.tmp`, '/media/2026/01/plik.exe']) {
        const res = await app.app.request(url)
        expect(res.status, url).toBe(404)
        expect(res.headers.get('content-type')).toContain('text/html')
      }
      expect((await app.app.request('/media/2026/01/0000000000000000.jpg', { headers: { 'if-none-match': '"x"' } })).status).toBe(404)
    })

    it('streams a large file instead of buffering it', async () => {
      const big = randomBytes(6 * 1024 * 1024)
      await storage.put('2026/01/duzy-plik.png', big, 'image/png')
      const res = await app.app.request('/media/2026/01/duzy-plik.png')
      expect(res.status).toBe(200)
      expect(res.headers.get('content-length')).toBe(String(big.length))
      const { bytes, count } = await chunks(res)
      expect(bytes.equals(big)).toBe(true)
      expect(count).toBeGreaterThan(1)
    })
  })
}

servesMedia('local disk (the default)', async () => {
  const app = await createTestApp('sqlite')
  expect(app.deps.mediaStorage.kind).toBe('local')
  return { app, close: () => app.close() }
})

servesMedia('an S3-compatible bucket (s3rver)', async () => {
  const s3 = await startS3()
  const app = await createTestApp('sqlite', s3.env({ S3_PREFIX: 'site-media' }))
  expect(app.deps.mediaStorage.kind).toBe('s3')
  return {
    app,
    async close() {
      // Nothing went to local disk; everything is in the bucket, under the prefix.
      expect(fs.existsSync(path.join(app.config.dataDir, 'media'))).toBe(false)
      expect(fs.readdirSync(path.join(s3.directory, S3_BUCKET))).toContain('site-media')
      await app.close()
      await s3.close()
    },
  }
})

describe('/media/ when the bucket refuses', () => {
  let s3: TestS3
  beforeAll(async () => {
    s3 = await startS3()
  })
  afterAll(async () => {
    await s3.close()
  })

  it('answers 500 in Polish and logs the English detail', async () => {
    const testDb = await createTestDb('sqlite')
    const lines: string[] = []
    const logger = pino({ level: 'error' }, { write: (line: string) => void lines.push(line) })
    const config = loadConfig({ DEPESZA_DATA_DIR: testDb.dataDir, PUBLIC_URL: 'https://depesza.test', ...s3.env({ S3_SECRET_ACCESS_KEY: 'zle-haslo' }) })
    const application = await buildApplication(config, { dbh: testDb, logger, ownerSetup: false })
    try {
      const res = await application.app.request('/media/2026/01/0000000000000000.jpg')
      expect(res.status).toBe(500)
      expect(res.headers.get('content-type')).toContain('text/html')
      expect(await res.text()).toContain('Błąd serwera')
      const logged = lines.map((l) => JSON.parse(l) as { msg: string; err?: { message: string } })
      const entry = logged.find((l) => l.msg === 'media storage read failed')
      expect(entry?.err?.message).toMatch(/S3 GET .* failed: HTTP 403 SignatureDoesNotMatch/)
      expect(lines.join('\n')).not.toContain('zle-haslo')
    } finally {
      await application.close()
      await testDb.close()
    }
  })
})

describe('MEDIA_PUBLIC_URL', () => {
  let app: TestApp
  beforeAll(async () => {
    app = await createTestApp('sqlite', { MEDIA_PUBLIC_URL: 'https://cdn.example.pl/depesza/' })
  })
  afterAll(async () => {
    await app.close()
  })

  it('lets the pages load images from that origin (CSP img-src)', async () => {
    const csp = (await app.app.request('/')).headers.get('content-security-policy')!
    expect(csp).toMatch(/img-src 'self' data: https:\/\/cdn\.example\.pl[;\s]/)
  })

  it('keeps /media/ working as a fallback', async () => {
    const row = await storeImage({ db: app.deps.dbh.db, storage: app.deps.mediaStorage }, await photo(), META)
    expect((await app.app.request(`/media/${row.storage_key}`)).status).toBe(200)
  })
})
