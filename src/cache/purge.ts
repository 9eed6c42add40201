/**
 * @module
 * Optional purge of a CDN or Varnish in front of Depesza: on invalidation, one `PURGE`
 * request names the surrogate keys, both as a list (`Surrogate-Key`, as Fastly-style CDNs
 * take it) and as a ready regular expression over the cached pages' `Surrogate-Key` header
 * (`X-Purge-Regex`, for Varnish bans: see docs/deployment/varnish.vcl).
 */
import type { Logger } from 'pino'

const KEY = /^[a-z0-9:_-]+$/

/** `(^| )(article:1|list:home)( |$)` — keys are plain words, nothing to escape. */
export function purgeRegex(keys: readonly string[]): string {
  return `(^| )(${keys.filter((k) => KEY.test(k)).join('|')})( |$)`
}

export function createPurger(url: string, logger: Logger, timeoutMs = 2000): (keys: readonly string[]) => Promise<void> {
  return async (keys) => {
    if (keys.length === 0) return
    try {
      const res = await fetch(url, {
        method: 'PURGE',
        headers: { 'Surrogate-Key': keys.join(' '), 'X-Purge-Regex': purgeRegex(keys) },
        signal: AbortSignal.timeout(timeoutMs),
      })
      if (!res.ok) logger.warn({ status: res.status, url }, 'purge refused')
      await res.body?.cancel()
    } catch (err) {
      // The front cache then serves stale pages until their s-maxage: a warning, not a failure.
      logger.warn({ err, url }, 'purge failed')
    }
  }
}
