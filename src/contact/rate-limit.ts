/**
 * @module
 * A per-key sliding-window rate limiter kept in memory, and the client IP it is keyed by.
 *
 * Memory is bounded: each key keeps at most `limit` timestamps, stale keys are pruned as the
 * clock moves, and when more than `maxKeys` keys are live the least recently used are
 * dropped. The state is per process: with several app instances each enforces its own
 * limit, which is acceptable for a contact form (the limit is a brake, not a quota).
 */
import { isIP } from 'node:net'
import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context } from 'hono'

export interface RateLimiterOptions {
  /** Allowed events per key within the window. */
  limit: number
  windowMs: number
  /** Most keys kept at once; the least recently used go first beyond it. */
  maxKeys?: number
}

export type RateDecision = { allowed: true; remaining: number } | { allowed: false; retryAfterMs: number }

export class SlidingWindowLimiter {
  readonly limit: number
  readonly windowMs: number
  readonly maxKeys: number
  /** Key → timestamps (ms) of counted events inside the window, oldest first. Map order = recency. */
  private readonly hits = new Map<string, number[]>()
  private lastSweep = Number.NEGATIVE_INFINITY

  constructor(options: RateLimiterOptions) {
    if (!Number.isInteger(options.limit) || options.limit < 1) throw new RangeError('limit must be a positive integer')
    if (!(options.windowMs > 0)) throw new RangeError('windowMs must be positive')
    this.limit = options.limit
    this.windowMs = options.windowMs
    this.maxKeys = options.maxKeys ?? 10_000
  }

  /** Whether an event for `key` would be allowed now, without counting it. */
  check(key: string, now: number): RateDecision {
    this.sweep(now)
    const times = this.live(key, now)
    if (times.length < this.limit) return { allowed: true, remaining: this.limit - times.length }
    return { allowed: false, retryAfterMs: Math.max(1, times[0]! + this.windowMs - now) }
  }

  /** Counts an event for `key` if allowed; a refused attempt is not counted. */
  take(key: string, now: number): RateDecision {
    const decision = this.check(key, now)
    if (!decision.allowed) return decision
    const times = this.hits.get(key) ?? []
    times.push(now)
    // Re-insert so the Map's order stays least-recently-used first.
    this.hits.delete(key)
    this.hits.set(key, times)
    while (this.hits.size > this.maxKeys) {
      const oldest = this.hits.keys().next().value as string
      this.hits.delete(oldest)
    }
    return { allowed: true, remaining: this.limit - times.length }
  }

  /** Number of keys currently held (for tests and metrics). */
  get size(): number {
    return this.hits.size
  }

  /** The key's timestamps still inside the window; drops the key when none are. */
  private live(key: string, now: number): number[] {
    const times = this.hits.get(key)
    if (!times) return []
    const cutoff = now - this.windowMs
    let stale = 0
    while (stale < times.length && times[stale]! <= cutoff) stale++
    if (stale > 0) times.splice(0, stale)
    if (times.length === 0) this.hits.delete(key)
    return times
  }

  /** Drops every key whose newest event left the window; at most once per window/10. */
  private sweep(now: number): void {
    if (now - this.lastSweep < this.windowMs / 10 && this.hits.size < this.maxKeys) return
    this.lastSweep = now
    const cutoff = now - this.windowMs
    for (const [key, times] of this.hits) {
      if (times[times.length - 1]! <= cutoff) this.hits.delete(key)
    }
  }
}

/**
 * The visitor's IP address: the first hop of X-Forwarded-For when `trustProxy` is on (only
 * behind a proxy you run that sets the header), otherwise the socket's remote address from
 * @hono/node-server. 'unknown' when neither is available (e.g. `app.request()` in tests).
 */
export function clientIp(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const first = c.req.header('x-forwarded-for')?.split(',')[0]?.trim()
    if (first && isIP(first)) return first
  }
  try {
    return getConnInfo(c).remote.address || 'unknown'
  } catch {
    return 'unknown'
  }
}
