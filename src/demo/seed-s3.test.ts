import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startS3, S3_BUCKET, type TestS3 } from '../../test/s3.js'
import { createTestApp, type TestApp } from '../../test/support.js'
import { seedDemo } from './seed.js'

/**
 * The demo site with its media in an S3-compatible bucket (s3rver), and pages linking the
 * bucket's public URL directly (MEDIA_PUBLIC_URL), as a site behind a CDN would.
 */
describe('seedDemo on S3 with MEDIA_PUBLIC_URL', () => {
  let s3: TestS3
  let app: TestApp
  let bucketUrl: string

  beforeAll(async () => {
    s3 = await startS3()
    bucketUrl = `${s3.endpoint}/${S3_BUCKET}/demo`
    app = await createTestApp('sqlite', s3.env({ S3_PREFIX: 'demo', MEDIA_PUBLIC_URL: bucketUrl }))
    expect(await seedDemo(app.deps)).toBe(true)
  })
  afterAll(async () => {
    await app?.close()
    await s3?.close()
  })

  it('stores every illustration and author photo in the bucket, none on local disk', async () => {
    const rows = await app.deps.dbh.db.selectFrom('media').select(['storage_key', 'bytes', 'mime']).execute()
    expect(rows.length).toBeGreaterThanOrEqual(14)
    for (const r of rows) {
      const info = await app.deps.mediaStorage.stat(r.storage_key)
      expect(info, r.storage_key).toMatchObject({ size: r.bytes, contentType: r.mime })
    }
    expect(fs.existsSync(path.join(app.config.dataDir, 'media'))).toBe(false)
  })

  it('links the images on the bucket, and they load from there', async () => {
    const home = await (await app.app.request('/')).text()
    const sources = [...home.matchAll(/<img src="([^"]+)"/g)].map((m) => m[1]!)
    expect(sources.length).toBeGreaterThan(3)
    for (const src of sources) expect(src.startsWith(`${bucketUrl}/`), src).toBe(true)
    expect(home).not.toContain('src="/media/')
    // The bucket's public URL serves them (s3rver lets anonymous reads through).
    const res = await fetch(sources[0]!)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/jpeg')
    expect(res.headers.get('cache-control')).toContain('immutable')
    // And the site's own /media/ still answers for the same key.
    const key = sources[0]!.slice(bucketUrl.length + 1)
    const proxied = await app.app.request(`/media/${key}`)
    expect(proxied.status).toBe(200)
    expect(Buffer.from(await proxied.arrayBuffer())).toEqual(Buffer.from(await res.arrayBuffer()))
  })

  it('uses the absolute media URL as is in social cards, JSON-LD, feeds and image sitemaps', async () => {
    const home = await (await app.app.request('/')).text()
    const story = home.match(/<a href="(\/[a-z-]+\/[a-z0-9-]+)"/)![1]!
    const page = await (await app.app.request(story)).text()
    const ogImage = page.match(/<meta property="og:image" content="([^"]+)"/)?.[1]
    expect(ogImage?.startsWith(`${bucketUrl}/`)).toBe(true)
    expect(page).toContain(`"url":"${bucketUrl}/`)
    expect(page).not.toContain(`https://depesza.test${bucketUrl}`)
    const rss = await (await app.app.request('/rss.xml')).text()
    expect(rss).toContain(`${bucketUrl}/`)
    expect(rss).not.toContain('https://depesza.test/media/')
    const sitemap = await (await app.app.request('/sitemaps/articles-1.xml')).text()
    expect(sitemap).toContain(`<image:loc>${bucketUrl}/`)
  })
})
