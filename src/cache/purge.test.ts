import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { basicSite, publishArticle } from '../../test/fixtures.js'
import { createTestApp, type TestApp } from '../../test/support.js'
import { purgeRegex } from './purge.js'

describe('purging a front cache', () => {
  const received: Array<{ method: string; keys: string; regex: string }> = []
  let front: http.Server
  let t: TestApp

  beforeAll(async () => {
    front = http.createServer((req, res) => {
      received.push({ method: req.method!, keys: String(req.headers['surrogate-key']), regex: String(req.headers['x-purge-regex']) })
      res.end('ok')
    })
    await new Promise<void>((r) => front.listen(0, '127.0.0.1', r))
    t = await createTestApp('sqlite', { PURGE_URL: `http://127.0.0.1:${(front.address() as AddressInfo).port}/` })
    await basicSite(t.testDb.db)
  })
  afterAll(async () => {
    front.close()
    await t.close()
  })

  it('builds a regular expression that matches whole keys only', () => {
    const re = new RegExp(purgeRegex(['article:1', 'list:home']))
    expect(re.test('site article:1 list:section:2')).toBe(true)
    expect(re.test('site list:home')).toBe(true)
    expect(re.test('site article:12 list:home2')).toBe(false)
    expect(new RegExp(purgeRegex(['site'])).test('sitemap article:3')).toBe(false)
    expect(purgeRegex(['article:1'])).not.toContain(' ')
  })

  it('sends one PURGE with the keys a publication touches', async () => {
    const id = await publishArticle(t.deps.content, { headline: 'Do CDN', sectionSlug: 'kraj' })
    expect(received).toHaveLength(1)
    expect(received[0]!.method).toBe('PURGE')
    expect(received[0]!.keys.split(' ')).toEqual(expect.arrayContaining([`article:${id}`, 'list:home', 'list:section:1', 'sitemap']))
    expect(new RegExp(received[0]!.regex).test(`site article:${id}`)).toBe(true)
  })

  it('does not fail a write when the front cache is down', async () => {
    front.close()
    await expect(publishArticle(t.deps.content, { headline: 'CDN nie działa', sectionSlug: 'kraj' })).resolves.toBeGreaterThan(0)
  })
})
