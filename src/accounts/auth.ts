/**
 * @module
 * The authentication API for every newsroom route (pages under `/admin`, JSON under
 * `/api/admin`):
 *
 * ```ts
 * app.use('/admin/*', sessionMiddleware(deps), csrfProtection(deps))   // done by registerAdminRoutes
 * app.get('/admin/artykuly', requireUser(), (c) => { const user = currentUser(c); … })
 * app.post('/admin/artykuly/:id/publikuj', requireRole('administrator', 'editor'), async (c) => {
 *   …; await audit(deps, c, 'article.published', `article:${id}`, { headline })
 * })
 * // forms: <input type="hidden" name="_csrf" value={csrfToken(c)} />; fetch(): header X-CSRF-Token
 * ```
 *
 * `sessionMiddleware`, `csrfProtection` and the `Cache-Control: private, no-store` header are
 * already applied to `/admin/*` and `/api/admin/*` by `registerAdminRoutes`; routes only add
 * `requireUser()` / `requireRole(…)`.
 */
import type { Context, MiddlewareHandler } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { csrf } from 'hono/csrf'
import { HTTPException } from 'hono/http-exception'
import { STAFF_COOKIE } from '../cache/http-cache.js'
import { renderAdminError } from '../admin/views/errors.js'
import type { AppDeps } from '../server/deps.js'
import { ROLES, type Role, type SessionUser } from './roles.js'
import { loadSession, SESSION_MAX_MS, type LoadedSession } from './sessions.js'
import { hmacBase64url, newToken, safeEqual, TOKEN_RE } from './tokens.js'

export { audit } from './audit.js'
export type { Role, SessionUser } from './roles.js'

declare module 'hono' {
  interface ContextVariableMap {
    /** The signed-in user; null when anonymous (set by sessionMiddleware). */
    user: SessionUser | null
    /** The session behind `user` (token, expiry). */
    authSession: LoadedSession | null
    /** The application, for the auth helpers below. */
    accountsDeps: AppDeps
    /** This request's CSRF token, once computed. */
    csrfToken: string | undefined
  }
}

/** The session cookie; the page cache treats its presence as "staff" and bypasses itself. */
export const SESSION_COOKIE = STAFF_COOKIE
/** Between password and TOTP code. */
export const MFA_COOKIE = 'depesza_mfa'
/** Seed of the CSRF token before sign-in (login, set-up, invitation and reset forms). */
export const CSRF_COOKIE = 'depesza_csrf'
export const CSRF_FIELD = '_csrf'
export const CSRF_HEADER = 'X-CSRF-Token'

const SAFE_METHODS = /^(GET|HEAD|OPTIONS)$/
const FORM_TYPES = /^\s*(application\/x-www-form-urlencoded|multipart\/form-data)/i

export function isApiPath(path: string): boolean {
  return path === '/api/admin' || path.startsWith('/api/admin/')
}

function depsOf(c: Context): AppDeps {
  const deps = c.get('accountsDeps')
  if (!deps) throw new Error('sessionMiddleware(deps) must run before the auth helpers')
  return deps
}

function secure(deps: AppDeps): boolean {
  return deps.config.publicUrl.startsWith('https:')
}

/** RFC 9457 problem details. */
export function problem(c: Context, status: 400 | 401 | 403 | 404 | 409 | 422 | 429, title: string, detail?: string): Response {
  return c.body(JSON.stringify({ type: 'about:blank', title, status, ...(detail ? { detail } : {}) }), status, {
    'Content-Type': 'application/problem+json; charset=utf-8',
  })
}

/**
 * Loads the signed-in user from the `depesza_session` cookie into `c.get('user')` (null when
 * there is none or it expired; an invalid cookie is cleared). Mount it once per request path.
 */
export function sessionMiddleware(deps: AppDeps): MiddlewareHandler {
  return async (c, next) => {
    if (c.get('accountsDeps') === deps) return next()
    c.set('accountsDeps', deps)
    c.set('user', null)
    c.set('authSession', null)
    const token = getCookie(c, SESSION_COOKIE)
    if (token) {
      const session = TOKEN_RE.test(token) ? await loadSession(deps.dbh.db, token, deps.now()) : null
      if (session) signIn(c, session)
      else clearSessionCookie(c)
    }
    await next()
  }
}

/** Makes a session this request's (after sign-in). */
export function signIn(c: Context, session: LoadedSession): void {
  c.set('authSession', session)
  c.set('user', session.user)
  c.set('csrfToken', undefined)
}

/** Forgets this request's session (after sign-out). */
export function signOut(c: Context): void {
  c.set('authSession', null)
  c.set('user', null)
  c.set('csrfToken', undefined)
}

/** HttpOnly, SameSite=Lax, Secure when PUBLIC_URL is https; the server decides expiry. */
export function setSessionCookie(c: Context, token: string): void {
  setCookie(c, SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'Lax', secure: secure(depsOf(c)), maxAge: Math.floor(SESSION_MAX_MS / 1000) })
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'Lax', secure: secure(depsOf(c)) })
}

/** The signed-in user, or a 401 (for handlers behind requireUser()). */
export function currentUser(c: Context): SessionUser {
  const user = c.get('user')
  if (!user) throw new HTTPException(401, { message: 'not signed in' })
  return user
}

/** Where anonymous requests go: the sign-in page (pages) or a 401 problem (API). */
function unauthenticated(c: Context): Response {
  if (isApiPath(c.req.path)) return problem(c, 401, 'Wymagane zalogowanie', 'Zaloguj się do panelu redakcji.')
  const url = new URL(c.req.url)
  const next = c.req.method === 'GET' ? url.pathname + url.search : ''
  return c.redirect(next && next !== '/admin' ? `/admin/logowanie?next=${encodeURIComponent(next)}` : '/admin/logowanie', 303)
}

/** Pages: redirect to `/admin/logowanie?next=…`; `/api/admin/*`: 401 problem. */
export function requireUser(): MiddlewareHandler {
  return async (c, next) => {
    depsOf(c)
    if (!c.get('user')) return unauthenticated(c)
    await next()
  }
}

/** Refuses anyone whose role is not listed: 403 page (Polish) or 403 problem (API). */
export function requireRole(...roles: Role[]): MiddlewareHandler {
  for (const role of roles) if (!ROLES.includes(role)) throw new Error(`unknown role ${role}`)
  return async (c, next) => {
    const deps = depsOf(c)
    const user = c.get('user')
    if (!user) return unauthenticated(c)
    if (!roles.includes(user.role)) {
      if (isApiPath(c.req.path)) return problem(c, 403, 'Brak dostępu', 'Twoja rola nie pozwala na tę czynność.')
      return renderAdminError(c, deps, 403, { user, csrf: csrfToken(c) })
    }
    await next()
  }
}

/** Whether the user has one of the roles (for showing or hiding links and buttons). */
export function hasRole(user: SessionUser | null, ...roles: Role[]): boolean {
  return user !== null && roles.includes(user.role)
}

/**
 * The CSRF token for forms (`name="_csrf"`) and fetch (`X-CSRF-Token`) in this request:
 * an HMAC of the session token for signed-in users (a synchronizer token bound to the
 * session, nothing stored), or of a random `depesza_csrf` cookie before sign-in
 * (double submit). Sets that cookie when needed.
 */
export function csrfToken(c: Context): string {
  const cached = c.get('csrfToken')
  if (cached) return cached
  const deps = depsOf(c)
  const session = c.get('authSession')
  let token: string
  if (session) token = hmacBase64url(session.token, 'depesza-csrf')
  else {
    let seed = getCookie(c, CSRF_COOKIE)
    if (!seed || !TOKEN_RE.test(seed)) {
      seed = newToken()
      setCookie(c, CSRF_COOKIE, seed, { path: '/admin', httpOnly: true, sameSite: 'Lax', secure: secure(deps) })
    }
    token = hmacBase64url(seed, 'depesza-csrf-anonymous')
  }
  c.set('csrfToken', token)
  return token
}

/** The token a state-changing request must carry; null when it cannot carry a valid one. */
function expectedCsrf(c: Context): string | null {
  const session = c.get('authSession')
  if (session) return hmacBase64url(session.token, 'depesza-csrf')
  const seed = getCookie(c, CSRF_COOKIE)
  return seed && TOKEN_RE.test(seed) ? hmacBase64url(seed, 'depesza-csrf-anonymous') : null
}

/**
 * Refuses a state-changing request (anything but GET/HEAD/OPTIONS) unless it comes from
 * our own origin (hono/csrf: Origin or Sec-Fetch-Site; for every content type) and carries
 * the CSRF token in `_csrf` (form) or `X-CSRF-Token` (header). 403 otherwise.
 */
export function csrfProtection(deps: AppDeps): MiddlewareHandler {
  const publicOrigin = new URL(deps.config.publicUrl).origin
  const originGuard = csrf({ origin: publicOrigin })
  return async (c, next) => {
    if (SAFE_METHODS.test(c.req.method)) return next()
    const refuse = (reason: string) => {
      deps.logger.warn({ reqId: c.get('requestId'), path: c.req.path, reason, origin: c.req.header('origin') ?? null }, 'CSRF check failed')
      if (isApiPath(c.req.path)) return problem(c, 403, 'Odmowa dostępu', 'Brak lub nieprawidłowy token CSRF albo żądanie z innej witryny.')
      const user = c.get('user')
      return renderAdminError(c, deps, 'csrf', { user, csrf: user ? csrfToken(c) : '' })
    }
    if (!(await passes(originGuard, c))) return refuse('origin')
    // hono/csrf checks form posts only; a JSON request from a browser must be ours too.
    const origin = c.req.header('origin')
    const fetchSite = c.req.header('sec-fetch-site')
    if (fetchSite === 'cross-site' || fetchSite === 'same-site') return refuse('sec-fetch-site')
    if (origin !== undefined && origin !== publicOrigin && fetchSite !== 'same-origin') return refuse('origin')
    const expected = expectedCsrf(c)
    if (!expected) return refuse('no token seed')
    let sent = c.req.header(CSRF_HEADER)
    if (sent === undefined && FORM_TYPES.test(c.req.header('content-type') ?? '')) {
      const body = await c.req.parseBody()
      const field = body[CSRF_FIELD]
      sent = typeof field === 'string' ? field : undefined
    }
    if (!sent || !safeEqual(sent, expected)) return refuse('token')
    await next()
  }
}

async function passes(guard: MiddlewareHandler, c: Context): Promise<boolean> {
  try {
    await guard(c, async () => {})
    return true
  } catch (err) {
    if (err instanceof HTTPException && err.status === 403) return false
    throw err
  }
}
