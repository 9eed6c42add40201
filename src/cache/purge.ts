/**
 * @module
 * Optional purge of a CDN or Varnish in front of Depesza: on invalidation, one `PURGE`
 * request names the surrogate keys, both as a list (`Surrogate-Key`, as Fastly-style CDNs
 * take it) and as a ready regular expression over the cached pages' `Surrogate-Key` header
 * (`X-Purge-Regex`, for Varnish bans: see docs/deployment/varnish.vcl).
 */
import type { Logger } from 'pino'

const KEY = /^[a-z0-9:_-]+$/

/**
 * `\b(article:1|list:home)\b`: keys are plain words (nothing to escape) and no key ends
 * where another continues with a letter or digit. No spaces: Varnish ban expressions would
 * need quoting.
 */
export function purgeRegex(keys: readonly string[]): string {
  return `\\b(${keys.filter((k) => KEY.test(k)).join('|')})\\b`
}

export function createPurger(url: string, logger: Logger, timeoutMs = 2000): (keys: readonly string[]) => Promise<void> {
  // A front cache that is down would otherwise log once per write.
  let lastWarning = 0
  const warn = (detail: Record<string, unknown>, msg: string) => {
    if (Date.now() - lastWarning < 60_000) return
    lastWarning = Date.now()
    logger.warn({ url, ...detail }, msg)
  }
  return async (keys) => {
    if (keys.length === 0) return
    try {
      const res = await fetch(url, {
        method: 'PURGE',
        headers: { 'Surrogate-Key': keys.join(' '), 'X-Purge-Regex': purgeRegex(keys) },
        signal: AbortSignal.timeout(timeoutMs),
      })
      if (!res.ok) warn({ status: res.status }, 'purge refused')
      await res.body?.cancel()
    } catch (err) {
      // The front cache then serves stale pages until their s-maxage: a warning, not a failure.
      const cause = (err as { cause?: { message?: string } }).cause?.message
      warn({ error: cause ?? (err as Error).message }, 'purge failed (repeats are not logged for a minute)')
    }
  }
}
