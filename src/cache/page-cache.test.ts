import zlib from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { buildCachedPage, PageCache } from './page-cache.js'

const page = (text: string, keys: string[]) => buildCachedPage({ status: 200, contentType: 'text/html', body: Buffer.from(text), keys })

describe('PageCache', () => {
  it('prebuilds compressed bodies that decompress to the page, with a content ETag', async () => {
    const p = await page('<p>Zażółć gęślą jaźń</p>'.repeat(50), ['home'])
    expect(zlib.brotliDecompressSync(p.brotli).toString()).toBe(p.body.toString())
    expect(zlib.gunzipSync(p.gzip).toString()).toBe(p.body.toString())
    expect(p.etag).toMatch(/^"[\w-]{22}"$/)
    expect((await page('<p>Zażółć gęślą jaźń</p>'.repeat(50), [])).etag).toBe(p.etag)
  })

  it('drops exactly the pages built from the invalidated keys', async () => {
    const cache = new PageCache(10_000_000)
    cache.set('/', await page('home', ['list:all', 'article:1', 'article:2']))
    cache.set('/kraj', await page('kraj', ['list:section:1', 'article:1']))
    cache.set('/swiat', await page('swiat', ['list:section:2', 'article:2']))
    cache.set('/kraj/a', await page('a', ['article:1']))
    expect(cache.invalidate(['article:1']).sort()).toEqual(['/', '/kraj', '/kraj/a'])
    expect(cache.urls()).toEqual(['/swiat'])
    expect(cache.invalidate(['article:1'])).toEqual([])
  })

  it('evicts the least recently used pages to stay under its byte limit', async () => {
    const first = await page('x'.repeat(1000), ['a'])
    const cache = new PageCache(first.bytes * 3 + 10, first.bytes * 2)
    cache.set('/1', first)
    cache.set('/2', await page('y'.repeat(1000), ['b']))
    cache.set('/3', await page('z'.repeat(1000), ['c']))
    cache.get('/1') // now the most recently used
    cache.set('/4', await page('w'.repeat(1000), ['d']))
    expect(cache.urls().sort()).toEqual(['/1', '/3', '/4'])
    expect(cache.stats.bytes).toBeLessThanOrEqual(cache.maxBytes)
    expect(cache.stats.evictions).toBe(1)
    // The evicted page's keys no longer point anywhere.
    expect(cache.invalidate(['b'])).toEqual([])
  })

  it('serves but does not keep a page larger than its entry limit', async () => {
    const big = await page('x'.repeat(5000), ['a'])
    const cache = new PageCache(big.bytes * 2)
    cache.set('/big', big)
    expect(cache.has('/big')).toBe(false)
  })

  it('builds a hot page once for concurrent requests (single flight)', async () => {
    const cache = new PageCache(1_000_000)
    let builds = 0
    const build = async () => {
      builds++
      await new Promise((r) => setTimeout(r, 20))
      return page('hot', ['article:9'])
    }
    const results = await Promise.all(Array.from({ length: 50 }, () => cache.getOrBuild('/hot', build)))
    expect(builds).toBe(1)
    expect(new Set(results.map((r) => r?.etag)).size).toBe(1)
    expect(cache.has('/hot')).toBe(true)
  })

  it('does not keep a page whose data changed while it was being built', async () => {
    const cache = new PageCache(1_000_000)
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    const pending = cache.getOrBuild('/a', async () => {
      await gate
      return page('old', ['article:1'])
    })
    cache.invalidate(['article:1'])
    release()
    expect((await pending)?.body.toString()).toBe('old')
    expect(cache.has('/a')).toBe(false)
  })
})
