/**
 * @module
 * The HTTP application: middleware, public routes, error mapping. Built from `AppDeps`, so
 * tests drive it with `app.request()` and no port.
 */
import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { HTTPException } from 'hono/http-exception'
import { requestId } from 'hono/request-id'
import { secureHeaders } from 'hono/secure-headers'
import { scriptSrcFor } from '../admin/csp.js'
import { registerAdminFallbacks, registerAdminRoutes } from '../admin/routes.js'
import { isMediaUpload, mediaUploadBodyLimit, registerMediaRoutes } from '../admin/media/routes.js'
import { registerStoryRoutes } from '../admin/stories/routes.js'
import { registerTranslationCopyRoutes } from '../admin/stories/translations.js'
import { registerSiteAdminRoutes } from '../admin/site/routes.js'
import { registerWireRoutes } from '../wire/routes.js'
import { registerTranslationRoutes } from '../translation/routes.js'
import { registerContactRoutes } from '../contact/routes.js'
import { IMMUTABLE_CACHE_CONTROL, isValidKey, mediaContentType } from '../media/storage.js'
import { registerSearchRoutes } from '../search/routes.js'
import { negotiateEncoding } from '../site/assets.js'
import { registerFeedRoutes } from '../site/feeds/routes.js'
import { registerSiteRoutes, renderError } from '../site/routes.js'
import { pageCacheMiddleware } from '../cache/http-cache.js'
import type { AppDeps } from './deps.js'

export function createApp(deps: AppDeps): Hono {
  const app = new Hono()
  const { logger } = deps

  app.use(requestId())
  app.use(async (c, next) => {
    const started = performance.now()
    await next()
    logger.info(
      { reqId: c.get('requestId'), method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round((performance.now() - started) * 10) / 10 },
      'request',
    )
  })
  // Outside the security headers, so that cached pages keep the headers they were built with.
  if (deps.pageCache) app.use(pageCacheMiddleware(deps.pageCache))
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', ...(deps.config.mediaPublicUrl ? [new URL(deps.config.mediaPublicUrl).origin] : [])],
        styleSrc: ["'self'"],
        // 'self' under /admin (the newsroom's editor bundle), 'none' for the public site.
        scriptSrc: [(c) => scriptSrcFor(c.req.path)],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
      referrerPolicy: 'strict-origin-when-cross-origin',
      crossOriginEmbedderPolicy: false,
    }),
  )
  const generalBodyLimit = bodyLimit({
    maxSize: deps.config.maxBodyBytes,
    onError: (c) => renderError(c, deps, 413),
  })
  // Image uploads may be as large as MEDIA_MAX_BYTES (src/admin/media/routes.tsx).
  const uploadBodyLimit = mediaUploadBodyLimit(deps)
  // GET and HEAD pass untouched: the limit asks for the body, which makes the Node adapter build
  // a whole Web Request (about a sixth of an article render's CPU), and no GET route reads a body.
  app.use((c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next()
    return isMediaUpload(c) ? uploadBodyLimit(c, next) : generalBodyLimit(c, next)
  })

  app.get('/healthz', async (c) => {
    try {
      await deps.dbh.db.selectFrom('settings').select('key').limit(1).execute()
      return c.json({ status: 'ok' })
    } catch (err) {
      logger.error({ err }, 'health check failed')
      return c.json({ status: 'error', detail: 'database unreachable' }, 503)
    }
  })

  app.get('/static/:file', (c) => {
    const asset = deps.assets.get(c.req.path)
    if (!asset) return renderError(c, deps, 404)
    const encoding = negotiateEncoding(c.req.header('accept-encoding'))
    c.header('Content-Type', asset.type)
    c.header('Cache-Control', 'public, max-age=31536000, immutable')
    c.header('ETag', asset.etag)
    c.header('Vary', 'Accept-Encoding')
    if (c.req.header('if-none-match') === asset.etag) return c.body(null, 304)
    if (encoding) c.header('Content-Encoding', encoding)
    const body = encoding === 'br' ? asset.brotli : encoding === 'gzip' ? asset.gzip : asset.body
    return c.body(new Uint8Array(body))
  })

  app.get('/media/:key{[A-Za-z0-9._/-]+}', (c) => serveMedia(c, deps))

  // The newsroom (/admin, /api/admin): sessions, CSRF, no-store, accounts (src/admin/routes.tsx).
  // Other newsroom modules register their routes between these two calls.
  registerAdminRoutes(app, deps)
  registerStoryRoutes(app, deps)
  registerTranslationCopyRoutes(app, deps)
  registerMediaRoutes(app, deps)
  registerWireRoutes(app, deps)
  registerTranslationRoutes(app, deps)
  registerSiteAdminRoutes(app, deps)
  registerAdminFallbacks(app, deps)

  registerContactRoutes(app, deps)
  // Before the site routes: `/:section/:slug` would take `/swiat/rss.xml`.
  registerFeedRoutes(app, deps)
  registerSearchRoutes(app, deps)
  registerSiteRoutes(app, deps)

  app.notFound((c) => renderError(c, deps, 404))
  app.onError((err, c) => {
    if (err instanceof HTTPException) {
      const status = err.status
      if (status === 404 || status === 413 || status === 429) return renderError(c, deps, status)
      return err.getResponse()
    }
    logger.error({ err, reqId: c.get('requestId'), path: c.req.path }, 'unhandled error')
    return renderError(c, deps, 500).catch(() => c.text('Błąd serwera', 500))
  })
  return app
}

/**
 * `/media/<storage_key>` from the media storage (local disk or a bucket), streamed. The type
 * comes from the extension, never from the stored object. With MEDIA_PUBLIC_URL set, pages
 * link there and this stays as a fallback (old links, feeds read before the switch).
 */
async function serveMedia(c: Context, deps: AppDeps): Promise<Response> {
  const key = c.req.param('key') ?? ''
  const type = mediaContentType(key)
  if (!isValidKey(key) || !type) return renderError(c, deps, 404)
  const storage = deps.mediaStorage
  const ifNoneMatch = c.req.header('if-none-match')
  const headers = (etag: string) => {
    c.header('Content-Type', type)
    c.header('Cache-Control', IMMUTABLE_CACHE_CONTROL)
    c.header('ETag', etag)
  }
  try {
    if (ifNoneMatch || c.req.method === 'HEAD') {
      // A revalidation or a HEAD costs a stat (a HEAD on S3), not a read of the body.
      const known = await storage.stat(key)
      if (!known) return renderError(c, deps, 404)
      headers(known.etag)
      if (etagMatches(ifNoneMatch, known.etag)) return c.body(null, 304)
      if (c.req.method === 'HEAD') {
        if (known.size > 0) c.header('Content-Length', String(known.size))
        return c.body(null, 200)
      }
    }
    const object = await storage.get(key)
    if (!object) return renderError(c, deps, 404)
    headers(object.etag)
    if (object.size > 0) c.header('Content-Length', String(object.size))
    return c.body(object.body)
  } catch (err) {
    deps.logger.error({ err, reqId: c.get('requestId'), key, storage: storage.description }, 'media storage read failed')
    return renderError(c, deps, 500)
  }
}

/** If-None-Match against one ETag: `*`, a list, weak or strong (weak comparison, RFC 9110). */
function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false
  if (header.trim() === '*') return true
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '')
  return header.split(',').some((tag) => opaque(tag) === opaque(etag))
}
