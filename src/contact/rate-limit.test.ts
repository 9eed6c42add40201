import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { clientIp, SlidingWindowLimiter } from './rate-limit.js'

const HOUR = 60 * 60 * 1000

describe('SlidingWindowLimiter', () => {
  it('allows `limit` events per window and refuses the next with the time until a slot frees', () => {
    const rl = new SlidingWindowLimiter({ limit: 3, windowMs: HOUR })
    const t0 = 1_000_000
    expect(rl.take('a', t0)).toEqual({ allowed: true, remaining: 2 })
    expect(rl.take('a', t0 + 1000)).toEqual({ allowed: true, remaining: 1 })
    expect(rl.take('a', t0 + 2000)).toEqual({ allowed: true, remaining: 0 })
    expect(rl.take('a', t0 + 3000)).toEqual({ allowed: false, retryAfterMs: HOUR - 3000 })
    expect(rl.check('a', t0 + 3000).allowed).toBe(false)
    // Other keys are independent.
    expect(rl.take('b', t0 + 3000).allowed).toBe(true)
  })

  it('slides: the oldest event leaving the window frees exactly one slot', () => {
    const rl = new SlidingWindowLimiter({ limit: 2, windowMs: HOUR })
    rl.take('a', 0)
    rl.take('a', 10 * 60_000)
    expect(rl.take('a', HOUR - 1).allowed).toBe(false)
    expect(rl.take('a', HOUR).allowed).toBe(true)
    expect(rl.take('a', HOUR + 1).allowed).toBe(false)
    expect(rl.take('a', HOUR + 10 * 60_000).allowed).toBe(true)
  })

  it('does not count refused attempts or checks', () => {
    const rl = new SlidingWindowLimiter({ limit: 1, windowMs: 1000 })
    rl.take('a', 0)
    for (let i = 1; i < 100; i++) expect(rl.take('a', i).allowed).toBe(false)
    expect(rl.check('a', 999).allowed).toBe(false)
    expect(rl.take('a', 1000).allowed).toBe(true)
  })

  it('prunes keys whose events left the window', () => {
    const rl = new SlidingWindowLimiter({ limit: 5, windowMs: 1000 })
    for (let i = 0; i < 500; i++) rl.take(`ip-${i}`, 0)
    expect(rl.size).toBe(500)
    rl.check('someone', 5000)
    expect(rl.size).toBe(0)
  })

  it('holds at most maxKeys keys, dropping the least recently used', () => {
    const rl = new SlidingWindowLimiter({ limit: 1, windowMs: HOUR, maxKeys: 100 })
    for (let i = 0; i < 1000; i++) rl.take(`ip-${i}`, i)
    expect(rl.size).toBe(100)
    // The newest keys are kept (still limited), the oldest forgotten.
    expect(rl.check('ip-999', 1000).allowed).toBe(false)
    expect(rl.check('ip-0', 1000).allowed).toBe(true)
  })

  it('rejects nonsensical options', () => {
    expect(() => new SlidingWindowLimiter({ limit: 0, windowMs: 1000 })).toThrow(RangeError)
    expect(() => new SlidingWindowLimiter({ limit: 1, windowMs: 0 })).toThrow(RangeError)
  })
})

describe('clientIp', () => {
  function appFor(trustProxy: boolean) {
    const app = new Hono()
    app.get('/', (c) => c.text(clientIp(c, trustProxy)))
    return app
  }

  it('uses the first X-Forwarded-For hop only when the proxy is trusted', async () => {
    const headers = { 'X-Forwarded-For': '203.0.113.7, 10.0.0.1' }
    expect(await (await appFor(true).request('/', { headers })).text()).toBe('203.0.113.7')
    expect(await (await appFor(false).request('/', { headers })).text()).toBe('unknown')
  })

  it('accepts IPv6 and ignores a hop that is not an IP address', async () => {
    expect(await (await appFor(true).request('/', { headers: { 'X-Forwarded-For': '2001:db8::1' } })).text()).toBe('2001:db8::1')
    expect(await (await appFor(true).request('/', { headers: { 'X-Forwarded-For': '<script>, 1.2.3.4' } })).text()).toBe('unknown')
  })

  it('reads the socket address from @hono/node-server bindings', async () => {
    const app = appFor(false)
    const env = { incoming: { socket: { remoteAddress: '198.51.100.2', remotePort: 5555, remoteFamily: 'IPv4' } } }
    expect(await (await app.request('/', {}, env)).text()).toBe('198.51.100.2')
  })
})
