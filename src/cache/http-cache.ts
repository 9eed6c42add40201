/**
 * @module
 * The page cache on the HTTP path. Two entrances:
 * - `serveFromCache` runs on the raw Node request before any router or middleware, so a hit
 *   costs a Map look-up and one write;
 * - `pageCacheMiddleware` (Hono) builds and stores pages on a miss, once per URL at a time.
 * Signed-in staff bypass both and never poison the cache.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { MiddlewareHandler } from 'hono'
import { negotiateEncoding } from '../site/assets.js'
import { buildCachedPage, type CachedPage, type PageCache } from './page-cache.js'

/** Query parameters that change a cached page; all others (utm_*, fbclid …) are ignored. */
const PAGE_PARAMS = ['strona']
export const STAFF_COOKIE = 'depesza_session'
/** For browsers a minute; for a CDN/Varnish longer, since we purge it on change. */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=60, s-maxage=600, stale-while-revalidate=60, stale-if-error=86400'
// A handler's own Cache-Control (feeds: shorter) is kept and wins over the default.
// The building request's id is not the id of the requests a page is served to.
const DROPPED_HEADERS = new Set(['content-length', 'content-encoding', 'transfer-encoding', 'date', 'etag', 'last-modified', 'vary', 'connection', 'x-request-id'])

/** The cache key of a request URL: the path plus only the parameters that change the page. */
export function cacheUrl(pathname: string, search: string): string {
  if (!search) return pathname
  const params = new URLSearchParams(search)
  const kept: string[] = []
  for (const name of PAGE_PARAMS) {
    const value = params.get(name)
    if (value !== null) kept.push(`${name}=${encodeURIComponent(value)}`)
  }
  return kept.length ? `${pathname}?${kept.join('&')}` : pathname
}

function isStaff(cookie: string | undefined): boolean {
  return cookie !== undefined && cookie.includes(`${STAFF_COOKIE}=`)
}

function notModified(page: CachedPage, ifNoneMatch: string | undefined, ifModifiedSince: string | undefined): boolean {
  if (ifNoneMatch !== undefined) return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === page.etag)
  return ifModifiedSince !== undefined && Date.parse(ifModifiedSince) >= Date.parse(page.lastModified)
}

type Encoding = 'br' | 'gzip' | null

/**
 * The headers a cached page is served with (both entrances), as Node's flat [name, value, …]
 * list, built once per page and encoding: they are most of the work a hit does in our code.
 */
const headerLists = new WeakMap<CachedPage, Map<Encoding, string[]>>()
function pageHeaders(page: CachedPage, encoding: Encoding): string[] {
  let lists = headerLists.get(page)
  if (!lists) headerLists.set(page, (lists = new Map()))
  let list = lists.get(encoding)
  if (!list) {
    const fields: Record<string, string> = {
      'content-type': page.contentType,
      'cache-control': PUBLIC_CACHE_CONTROL,
      etag: page.etag,
      'last-modified': page.lastModified,
      vary: 'Accept-Encoding',
      'surrogate-key': page.keys.join(' '),
      'cache-tag': page.keys.join(','),
      'content-length': String(pickBody(page, encoding).length),
    }
    if (encoding) fields['content-encoding'] = encoding
    // A handler's own headers win (feeds: a shorter Cache-Control).
    for (const [name, value] of page.headers) fields[name] = value
    list = Object.entries(fields).flat()
    lists.set(encoding, list)
  }
  return list
}

/** The headers of a 304 for a cached page (both entrances). */
function notModifiedHeaders(page: CachedPage): Record<string, string> {
  return { etag: page.etag, 'cache-control': PUBLIC_CACHE_CONTROL, vary: 'Accept-Encoding' }
}

function pickBody(page: CachedPage, encoding: Encoding): Buffer {
  return encoding === 'br' ? page.brotli : encoding === 'gzip' ? page.gzip : page.body
}

/** The request headers a hit looks at. */
interface HitHeaders {
  cookie?: string
  ifNoneMatch?: string
  ifModifiedSince?: string
  acceptEncoding?: string
}

/**
 * Reads them from `rawHeaders` (name, value, … as sent) in one pass, instead of having Node
 * build `req.headers`, an object of every field. Names match in any case; repeated fields are
 * joined as Node joins them, and a repeated If-Modified-Since keeps the first.
 */
function hitHeaders(raw: string[]): HitHeaders {
  const found: HitHeaders = {}
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!
    const value = raw[i + 1]!
    if (name.length === 6 && name.toLowerCase() === 'cookie') found.cookie = found.cookie === undefined ? value : `${found.cookie}; ${value}`
    else if (name.length === 13 && name.toLowerCase() === 'if-none-match') found.ifNoneMatch = found.ifNoneMatch === undefined ? value : `${found.ifNoneMatch}, ${value}`
    else if (name.length === 15 && name.toLowerCase() === 'accept-encoding') found.acceptEncoding = found.acceptEncoding === undefined ? value : `${found.acceptEncoding}, ${value}`
    else if (name.length === 17 && name.toLowerCase() === 'if-modified-since') found.ifModifiedSince ??= value
  }
  return found
}

/** The fast path: answers a cache hit on the raw request, or returns false. */
export function serveFromCache(cache: PageCache, req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false
  const headers = hitHeaders(req.rawHeaders)
  if (isStaff(headers.cookie)) return false
  const url = req.url ?? '/'
  const q = url.indexOf('?')
  const page = cache.get(q === -1 ? url : cacheUrl(url.slice(0, q), url.slice(q)))
  if (!page) return false
  if (notModified(page, headers.ifNoneMatch, headers.ifModifiedSince)) {
    res.writeHead(304, notModifiedHeaders(page))
    res.end()
    return true
  }
  const encoding = negotiateEncoding(headers.acceptEncoding)
  res.writeHead(page.status, pageHeaders(page, encoding))
  res.end(req.method === 'HEAD' ? undefined : pickBody(page, encoding))
  return true
}

function respond(page: CachedPage, method: string, acceptEncoding: string | undefined, ifNoneMatch: string | undefined, ifModifiedSince: string | undefined): Response {
  if (notModified(page, ifNoneMatch, ifModifiedSince)) {
    return new Response(null, { status: 304, headers: notModifiedHeaders(page) })
  }
  const encoding = negotiateEncoding(acceptEncoding)
  const list = pageHeaders(page, encoding)
  const headers = new Headers()
  for (let i = 0; i < list.length; i += 2) headers.set(list[i]!, list[i + 1]!)
  return new Response(method === 'HEAD' ? null : new Uint8Array(pickBody(page, encoding)), { status: page.status, headers })
}

/**
 * Builds cacheable pages through the cache (single flight) and answers from it. A handler
 * makes its response cacheable by declaring surrogate keys (`useCacheKeys`); only 200s are kept.
 */
export function pageCacheMiddleware(cache: PageCache): MiddlewareHandler {
  return async (c, next) => {
    const method = c.req.method
    if ((method !== 'GET' && method !== 'HEAD') || isStaff(c.req.header('cookie'))) {
      await next()
      if (isStaff(c.req.header('cookie'))) c.header('Cache-Control', 'private, no-store')
      return
    }
    const url = new URL(c.req.url)
    const key = cacheUrl(url.pathname, url.search)
    let built = false
    const page = await cache.getOrBuild(key, async () => {
      built = true
      await next()
      const keys = c.get('cacheKeys')
      if (!keys || keys.size === 0 || c.res.status !== 200) return null
      const headers: Array<[string, string]> = []
      c.res.headers.forEach((value, name) => {
        if (!DROPPED_HEADERS.has(name)) headers.push([name, value])
      })
      return buildCachedPage({
        status: 200,
        contentType: c.res.headers.get('content-type') ?? 'text/html; charset=utf-8',
        body: Buffer.from(await c.res.clone().arrayBuffer()),
        keys: [...keys],
        headers,
      })
    })
    if (!page) {
      // Not cacheable: the builder already has its response; a waiter renders its own.
      if (!built) await next()
      return
    }
    // Reset first: Hono's setter would otherwise copy the built response's headers over ours.
    c.res = undefined as unknown as Response
    c.res = respond(page, method, c.req.header('accept-encoding'), c.req.header('if-none-match'), c.req.header('if-modified-since'))
  }
}
