/**
 * @module
 * Fetching other people's URLs without becoming a way into our own network (SSRF):
 *
 * - only `http:` and `https:`; no user names or passwords in the URL; the ports browsers
 *   refuse (SMTP, IRC, …) are refused too;
 * - we resolve the host name ourselves and refuse the request when any of its addresses is
 *   not public (see addresses.ts) — unless the administrator put that host (or host:port)
 *   on the allow-list;
 * - we then connect to exactly the address we checked (node:http/https with our own
 *   `lookup`), so a second DNS answer cannot point the connection elsewhere (DNS rebinding);
 *   TLS still verifies the certificate for the host name;
 * - redirects are followed by hand, at most 5, and every target is checked again;
 * - a connect timeout (TCP and TLS handshake) and a total deadline over all hops;
 * - the body is streamed and cut off past a size limit (also after decompression, so a
 *   small gzip bomb is no way around it); a declared Content-Length over it is refused
 *   before reading;
 * - the content type of a successful answer must be one the caller expects.
 */
import dns from 'node:dns'
import http from 'node:http'
import https from 'node:https'
import net from 'node:net'
import type { Readable } from 'node:stream'
import zlib from 'node:zlib'
import { blockedReason, reasonLabel } from './addresses.js'

export type SafeFetchErrorCode =
  | 'invalid_url'
  | 'protocol'
  | 'credentials'
  | 'port'
  | 'blocked_address'
  | 'dns'
  | 'connect_timeout'
  | 'timeout'
  | 'too_large'
  | 'redirect_limit'
  | 'bad_redirect'
  | 'content_type'
  | 'network'

export class SafeFetchError extends Error {
  constructor(
    readonly code: SafeFetchErrorCode,
    message: string,
    readonly url?: string,
  ) {
    super(message)
    this.name = 'SafeFetchError'
  }
}

export interface ResolvedAddress {
  address: string
  family: 4 | 6
}

export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>

export interface SafeFetchOptions {
  /** Hosts the administrator allowed to resolve to non-public addresses: `host` or `host:port`. */
  allowedHosts?: readonly string[]
  /** Body limit in bytes (after decompression). Default 5 MB. */
  maxBytes?: number
  /** TCP connect and TLS handshake, per hop. Default 5 s. */
  connectTimeoutMs?: number
  /** Everything, all redirects included. Default 20 s. */
  timeoutMs?: number
  /** Default 5. */
  maxRedirects?: number
  /** Extra request headers (conditional GET: If-None-Match, If-Modified-Since). */
  headers?: Record<string, string>
  /** Media types a 2xx answer may have (`text/html`, `application/rss+xml`, …); any when empty. */
  contentTypes?: readonly string[]
  /** DNS resolution (tests give fixed answers); default: the system resolver, all addresses. */
  resolve?: Resolver
}

export interface SafeResponse {
  /** The final URL, after redirects. */
  url: string
  status: number
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>
  /** Media type, lower case, without parameters ('' when absent). */
  contentType: string
  /** The charset parameter of Content-Type, when given. */
  charset: string | undefined
  body: Buffer
  /** Every URL that answered with a redirect, in order. */
  redirects: string[]
  /** The address we connected to for the final answer. */
  address: string
}

export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024
const USER_AGENT = 'Depesza/0.1 (wire intake)'
const REDIRECTS = new Set([301, 302, 303, 307, 308])

/** Ports that the WHATWG Fetch standard refuses ("bad ports"): other protocols' services. */
const BAD_PORTS = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137,
  139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723,
  2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
])

const systemResolver: Resolver = async (hostname) => {
  const found = await dns.promises.lookup(hostname, { all: true, verbatim: true })
  return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }))
}

function portOf(url: URL): number {
  return url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80
}

/** The bare host name of a URL (IPv6 without brackets), lower case. */
function bareHost(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '').toLowerCase()
}

/**
 * Normalises an allow-list entry: `example.org`, `example.org:8080`, `127.0.0.1:4000`,
 * `[::1]:8080` (a bare IPv6 address is the address itself, any port). Null when malformed.
 */
export function normalizeAllowedHost(entry: string): string | null {
  const raw = entry.trim().toLowerCase()
  if (!raw || raw.length > 300 || /[\s/@?#]/.test(raw)) return null
  if (net.isIP(raw) === 6) return raw
  try {
    const url = new URL(`http://${raw}/`)
    const host = bareHost(url)
    if (!host) return null
    const display = net.isIP(host) === 6 ? `[${host}]` : host
    // "host:80" is written without its port by URL; keep what was written.
    const port = /:(\d{1,5})$/.exec(raw)?.[1]
    if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return null
    return port !== undefined ? `${display}:${Number(port)}` : host
  } catch {
    return null
  }
}

/** Whether the URL's host (any port) or host:port is on the allow-list. */
export function isHostAllowed(url: URL, allowed: readonly string[] | undefined): boolean {
  if (!allowed || allowed.length === 0) return false
  const host = bareHost(url)
  const display = net.isIP(host) === 6 ? `[${host}]` : host
  const withPort = `${display}:${portOf(url)}`
  return allowed.some((entry) => {
    const e = normalizeAllowedHost(entry)
    return e !== null && (e === host || e === withPort)
  })
}

/** Checks a URL's form (scheme, credentials, port) before anything is resolved. */
export function checkUrl(raw: string | URL): URL {
  let url: URL
  try {
    url = typeof raw === 'string' ? new URL(raw) : raw
  } catch {
    throw new SafeFetchError('invalid_url', 'Nieprawidłowy adres URL', String(raw).slice(0, 200))
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SafeFetchError('protocol', `Dozwolone są tylko adresy http:// i https:// (a nie ${url.protocol})`, url.href)
  }
  if (url.username || url.password) throw new SafeFetchError('credentials', 'Adres nie może zawierać nazwy użytkownika ani hasła', url.href)
  if (BAD_PORTS.has(portOf(url))) throw new SafeFetchError('port', `Port ${portOf(url)} jest niedozwolony`, url.href)
  if (!url.hostname) throw new SafeFetchError('invalid_url', 'Adres bez nazwy serwera', url.href)
  return url
}

/**
 * Resolves the URL's host and returns the address to connect to; throws when any address
 * is not public and the host is not allowed.
 */
export async function resolveChecked(url: URL, options: Pick<SafeFetchOptions, 'allowedHosts' | 'resolve'> = {}): Promise<ResolvedAddress> {
  const host = bareHost(url)
  const allowed = isHostAllowed(url, options.allowedHosts)
  let addresses: ResolvedAddress[]
  const literal = net.isIP(host)
  if (literal) addresses = [{ address: host, family: literal === 6 ? 6 : 4 }]
  else {
    try {
      addresses = await (options.resolve ?? systemResolver)(host)
    } catch (err) {
      throw new SafeFetchError('dns', `Nie można odnaleźć serwera ${host} (${(err as NodeJS.ErrnoException).code ?? 'DNS'})`, url.href)
    }
    if (addresses.length === 0) throw new SafeFetchError('dns', `Nie można odnaleźć serwera ${host}`, url.href)
  }
  if (!allowed) {
    // Every address, not just the first: a mixed answer is refused as a whole.
    for (const a of addresses) {
      const reason = blockedReason(a.address)
      if (reason) {
        throw new SafeFetchError(
          'blocked_address',
          `Odmowa połączenia z ${host}: ${reasonLabel(reason)} (${a.address}). Administrator może dodać ten serwer do listy dozwolonych.`,
          url.href,
        )
      }
    }
  }
  return addresses[0]!
}

interface Hop {
  status: number
  headers: Record<string, string>
  body: Buffer
}

function flatHeaders(raw: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(raw)) {
    if (v === undefined) continue
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v
  }
  return out
}

function decoded(res: http.IncomingMessage): Readable {
  const encoding = (res.headers['content-encoding'] ?? '').trim().toLowerCase()
  if (encoding === 'gzip' || encoding === 'x-gzip') return res.pipe(zlib.createGunzip())
  if (encoding === 'deflate') return res.pipe(zlib.createInflate())
  if (encoding === 'br') return res.pipe(zlib.createBrotliDecompress())
  return res
}

/** One request to one checked address; the body is read only when `readBody`. */
function requestOnce(url: URL, target: ResolvedAddress, o: Required<Pick<SafeFetchOptions, 'maxBytes' | 'connectTimeoutMs'>> & { headers: Record<string, string>; deadline: number }, readBody: (status: number) => boolean): Promise<Hop> {
  return new Promise<Hop>((resolve, reject) => {
    const isHttps = url.protocol === 'https:'
    const host = bareHost(url)
    let settled = false
    let connectTimer: NodeJS.Timeout | undefined
    const remaining = o.deadline - Date.now()
    const fail = (err: SafeFetchError) => {
      if (settled) return
      settled = true
      clearTimeout(connectTimer)
      clearTimeout(totalTimer)
      req.destroy()
      reject(err)
    }
    const totalTimer = setTimeout(() => fail(new SafeFetchError('timeout', 'Przekroczono czas oczekiwania na odpowiedź serwera', url.href)), Math.max(1, remaining))
    const lookup = ((_hostname: string, options: dns.LookupOptions, callback: (...args: unknown[]) => void) => {
      // Always the address we checked, never a fresh DNS answer.
      if (options && options.all) callback(null, [{ address: target.address, family: target.family }])
      else callback(null, target.address, target.family)
    }) as unknown as net.LookupFunction
    const requestOptions: https.RequestOptions = {
      protocol: url.protocol,
      hostname: host,
      port: portOf(url),
      path: `${url.pathname}${url.search}`,
      method: 'GET',
      headers: {
        'user-agent': USER_AGENT,
        accept: '*/*',
        'accept-encoding': 'gzip, deflate, br',
        ...o.headers,
      },
      agent: false,
      lookup,
      ...(isHttps && !net.isIP(host) ? { servername: host } : {}),
    }
    const req = (isHttps ? https : http).request(requestOptions)
    req.on('socket', (socket) => {
      connectTimer = setTimeout(
        () => fail(new SafeFetchError('connect_timeout', `Serwer ${host} nie odpowiada (przekroczono czas łączenia)`, url.href)),
        Math.max(1, Math.min(o.connectTimeoutMs, o.deadline - Date.now())),
      )
      socket.once(isHttps ? 'secureConnect' : 'connect', () => clearTimeout(connectTimer))
    })
    req.on('error', (err: NodeJS.ErrnoException) => {
      fail(err instanceof SafeFetchError ? err : new SafeFetchError('network', `Błąd połączenia z ${host}: ${err.code ?? err.message}`, url.href))
    })
    req.on('response', (res) => {
      clearTimeout(connectTimer)
      const status = res.statusCode ?? 0
      const headers = flatHeaders(res.headers)
      if (!readBody(status)) {
        res.destroy()
        settled = true
        clearTimeout(totalTimer)
        req.destroy()
        resolve({ status, headers, body: Buffer.alloc(0) })
        return
      }
      const declared = Number(headers['content-length'])
      if (Number.isFinite(declared) && declared > o.maxBytes) {
        fail(new SafeFetchError('too_large', `Odpowiedź jest za duża (${declared} B, limit ${o.maxBytes} B)`, url.href))
        res.destroy()
        return
      }
      const chunks: Buffer[] = []
      let size = 0
      const stream = decoded(res)
      stream.on('data', (chunk: Buffer) => {
        if (settled) return
        size += chunk.length
        if (size > o.maxBytes) {
          // Settle first: destroying emits 'aborted'/'error' that must not win.
          fail(new SafeFetchError('too_large', `Odpowiedź jest za duża (ponad ${o.maxBytes} B)`, url.href))
          stream.destroy()
          res.destroy()
          return
        }
        chunks.push(chunk)
      })
      stream.on('error', (err: Error) => fail(new SafeFetchError('network', `Błąd odczytu odpowiedzi: ${err.message}`, url.href)))
      res.on('error', (err: Error) => fail(new SafeFetchError('network', `Błąd odczytu odpowiedzi: ${err.message}`, url.href)))
      // A connection closed before the end is an error, not a short body.
      res.on('aborted', () => fail(new SafeFetchError('network', 'Połączenie przerwane przed końcem odpowiedzi', url.href)))
      stream.on('end', () => {
        if (settled) return
        settled = true
        clearTimeout(totalTimer)
        resolve({ status, headers, body: Buffer.concat(chunks, size) })
      })
    })
    req.end()
  })
}

/** The media type and charset of a Content-Type header. */
export function parseContentType(value: string | undefined): { type: string; charset: string | undefined } {
  if (!value) return { type: '', charset: undefined }
  const [type = '', ...params] = value.split(';')
  let charset: string | undefined
  for (const p of params) {
    const m = /^\s*charset\s*=\s*"?([^";\s]+)"?\s*$/i.exec(p)
    if (m) charset = m[1]!.toLowerCase()
  }
  return { type: type.trim().toLowerCase(), charset }
}

/** GET a URL under the rules above. Non-2xx answers are returned (with their limited body), not thrown. */
export async function safeFetch(raw: string | URL, options: SafeFetchOptions = {}): Promise<SafeResponse> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES
  const maxRedirects = options.maxRedirects ?? 5
  const deadline = Date.now() + (options.timeoutMs ?? 20_000)
  const connectTimeoutMs = options.connectTimeoutMs ?? 5_000
  let url = checkUrl(raw)
  const origin = url.origin
  const redirects: string[] = []
  for (;;) {
    const target = await resolveChecked(url, options)
    if (Date.now() >= deadline) throw new SafeFetchError('timeout', 'Przekroczono czas oczekiwania na odpowiedź serwera', url.href)
    // Conditional headers belong to the URL they were learnt from.
    const headers = url.origin === origin ? { ...options.headers } : {}
    const hop = await requestOnce(url, target, { maxBytes, connectTimeoutMs, headers, deadline }, (status) => !(REDIRECTS.has(status) || status === 304))
    if (REDIRECTS.has(hop.status)) {
      const location = hop.headers.location
      if (!location) throw new SafeFetchError('bad_redirect', `Przekierowanie (${hop.status}) bez adresu docelowego`, url.href)
      if (redirects.length >= maxRedirects) throw new SafeFetchError('redirect_limit', `Za dużo przekierowań (limit ${maxRedirects})`, url.href)
      let next: URL
      try {
        next = new URL(location, url)
      } catch {
        throw new SafeFetchError('bad_redirect', 'Przekierowanie pod nieprawidłowy adres', url.href)
      }
      redirects.push(url.href)
      url = checkUrl(next)
      continue
    }
    const { type, charset } = parseContentType(hop.headers['content-type'])
    if (hop.status >= 200 && hop.status < 300 && options.contentTypes && options.contentTypes.length > 0 && !options.contentTypes.includes(type)) {
      throw new SafeFetchError('content_type', `Nieoczekiwany typ treści: ${type || '(brak)'}`, url.href)
    }
    return { url: url.href, status: hop.status, headers: hop.headers, contentType: type, charset, body: hop.body, redirects, address: target.address }
  }
}

/**
 * The body as text: the charset from Content-Type, else one declared in the document
 * (`<meta charset>`, `<?xml encoding?>`), else UTF-8 (a BOM wins over all).
 */
export function responseText(res: Pick<SafeResponse, 'body' | 'charset'>): string {
  const body = res.body
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return new TextDecoder('utf-8').decode(body.subarray(3))
  const head = body.subarray(0, 2048).toString('latin1')
  const declared =
    res.charset ??
    /<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/i.exec(head)?.[1] ??
    /<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9._-]+)/i.exec(head)?.[1]
  try {
    return new TextDecoder(declared?.toLowerCase() ?? 'utf-8').decode(body)
  } catch {
    return new TextDecoder('utf-8').decode(body)
  }
}
