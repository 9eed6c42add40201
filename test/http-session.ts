/**
 * @module
 * A tiny browser for HTTP tests: carries cookies between `app.request()` calls, sends the
 * site's Origin on state-changing requests (as browsers do), and remembers the last CSRF
 * token it saw in a page (`name="_csrf"`), so a test can GET a form page and then submit.
 *
 * ```ts
 * const s = new HttpSession(t.app)
 * await s.get('/admin/logowanie')
 * const res = await s.submit('/admin/logowanie', { email, password })
 * ```
 */
export const TEST_ORIGIN = 'https://depesza.test'

interface Requester {
  request(input: string, init?: RequestInit): Response | Promise<Response>
}

export interface SessionOptions {
  origin?: string
  /** Sent with every request (e.g. X-Forwarded-For with TRUST_PROXY=1). */
  headers?: Record<string, string>
}

export class HttpSession {
  readonly cookies = new Map<string, string>()
  /** The last CSRF token seen in an HTML page or /api/admin/me. */
  csrf: string | null = null
  readonly origin: string
  headers: Record<string, string>

  constructor(
    readonly app: Requester,
    options: SessionOptions = {},
  ) {
    this.origin = options.origin ?? TEST_ORIGIN
    this.headers = { ...(options.headers ?? {}) }
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  /** Any request; cookies and (for non-GET) Origin are added unless given. */
  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const method = (init.method ?? 'GET').toUpperCase()
    const headers = new Headers(init.headers)
    for (const [k, v] of Object.entries(this.headers)) if (!headers.has(k)) headers.set(k, v)
    if (this.cookies.size && !headers.has('cookie')) headers.set('cookie', this.cookieHeader())
    if (method !== 'GET' && method !== 'HEAD' && !headers.has('origin')) headers.set('origin', this.origin)
    const res = await this.app.request(path, { ...init, method, headers })
    this.store(res)
    const type = res.headers.get('content-type') ?? ''
    if (type.startsWith('text/html')) {
      const token = /name="_csrf" value="([^"]+)"/.exec(await res.clone().text())?.[1]
      if (token) this.csrf = token
    } else if (type.startsWith('application/json') && path.startsWith('/api/admin/me')) {
      const body = (await res.clone().json()) as { csrfToken?: string }
      if (body.csrfToken) this.csrf = body.csrfToken
    }
    return res
  }

  get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.request(path, { headers })
  }

  /**
   * POSTs a form (urlencoded) with the remembered CSRF token (`csrf: false` leaves it out,
   * a string sends that one instead). Without a remembered token, GETs `tokenFrom` first.
   */
  async submit(path: string, fields: Record<string, string> = {}, options: { csrf?: string | false; headers?: Record<string, string>; tokenFrom?: string } = {}): Promise<Response> {
    if (options.csrf === undefined && !this.csrf) await this.get(options.tokenFrom ?? (this.cookies.has('depesza_session') ? '/api/admin/me' : '/admin/logowanie'))
    const token = options.csrf === undefined ? this.csrf : options.csrf
    const body = new URLSearchParams(fields)
    if (token) body.set('_csrf', token)
    return this.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(options.headers ?? {}) },
      body: body.toString(),
    })
  }

  /** JSON to /api/admin/… with X-CSRF-Token. */
  async json(method: string, path: string, body?: unknown): Promise<Response> {
    if (!this.csrf && method !== 'GET') await this.get('/api/admin/me')
    const headers: Record<string, string> = { accept: 'application/json' }
    if (body !== undefined) headers['content-type'] = 'application/json'
    if (this.csrf && method !== 'GET') headers['x-csrf-token'] = this.csrf
    return this.request(path, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) })
  }

  /** Applies Set-Cookie headers (deletions included). */
  private store(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';')
      const eq = pair.indexOf('=')
      if (eq < 1) continue
      const name = pair.slice(0, eq).trim()
      const value = pair.slice(eq + 1).trim()
      const expired = attrs.some((a) => {
        const [k = '', v = ''] = a.split('=').map((x) => x.trim())
        return (k.toLowerCase() === 'max-age' && Number(v) <= 0) || (k.toLowerCase() === 'expires' && Date.parse(v) < Date.now())
      })
      if (expired || value === '') this.cookies.delete(name)
      else this.cookies.set(name, value)
      if (name === 'depesza_session') this.csrf = null
    }
  }
}
