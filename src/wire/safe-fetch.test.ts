import http from 'node:http'
import net from 'node:net'
import type { AddressInfo } from 'node:net'
import zlib from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { blockedReason } from './addresses.js'
import { checkUrl, isHostAllowed, normalizeAllowedHost, responseText, safeFetch, SafeFetchError, type SafeFetchOptions } from './safe-fetch.js'

async function expectCode(p: Promise<unknown>, code: string): Promise<SafeFetchError> {
  try {
    await p
  } catch (err) {
    expect(err).toBeInstanceOf(SafeFetchError)
    expect((err as SafeFetchError).code).toBe(code)
    return err as SafeFetchError
  }
  throw new Error(`expected SafeFetchError ${code}`)
}

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)))
}

describe('blockedReason', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'cgnat'],
    ['100.127.255.254', 'cgnat'],
    ['169.254.169.254', 'link-local'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['255.255.255.255', 'reserved'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['::ffff:127.0.0.1', 'ipv4-mapped'],
    ['::ffff:7f00:1', 'ipv4-mapped'],
    ['::ffff:8.8.8.8', 'ipv4-mapped'],
    ['::127.0.0.1', 'ipv4-compatible'],
    ['64:ff9b::a00:1', 'nat64'],
    ['2002:a00:1::1', '6to4'],
    ['fd00::1', 'unique-local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['ff02::1', 'multicast'],
    ['[::1]', 'loopback'],
    ['example.org', 'invalid'],
  ])('%s → %s', (ip, reason) => {
    expect(blockedReason(ip)).toBe(reason)
  })

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2a00:1450:4001:80b::200e', '2606:4700::1111'])('%s is public', (ip) => {
    expect(blockedReason(ip)).toBeNull()
  })
})

describe('URL and allow-list checks', () => {
  it.each(['file:///etc/passwd', 'ftp://example.org/x', 'data:text/html,hi', 'javascript:alert(1)', 'gopher://example.org/'])('refuses %s', (url) => {
    expect(() => checkUrl(url)).toThrowError(expect.objectContaining({ code: 'protocol' }))
  })

  it('refuses credentials, bad ports and nonsense', () => {
    expect(() => checkUrl('http://user:pw@example.org/')).toThrowError(expect.objectContaining({ code: 'credentials' }))
    expect(() => checkUrl('http://example.org:25/')).toThrowError(expect.objectContaining({ code: 'port' }))
    expect(() => checkUrl('not a url')).toThrowError(expect.objectContaining({ code: 'invalid_url' }))
    expect(checkUrl('https://example.org/a?b=1').href).toBe('https://example.org/a?b=1')
  })

  it('normalises allow-list entries', () => {
    expect(normalizeAllowedHost(' Feeds.Example.ORG ')).toBe('feeds.example.org')
    expect(normalizeAllowedHost('127.0.0.1:8080')).toBe('127.0.0.1:8080')
    expect(normalizeAllowedHost('[::1]:8080')).toBe('[::1]:8080')
    expect(normalizeAllowedHost('::1')).toBe('::1')
    expect(normalizeAllowedHost('example.org:80')).toBe('example.org:80')
    expect(normalizeAllowedHost('http://example.org/')).toBeNull()
    expect(normalizeAllowedHost('a b')).toBeNull()
    expect(normalizeAllowedHost('host:99999')).toBeNull()
  })

  it('matches a host with any port, or host:port exactly', () => {
    const list = ['intranet.example', '127.0.0.1:4000', '[::1]:81']
    expect(isHostAllowed(new URL('http://intranet.example:9999/'), list)).toBe(true)
    expect(isHostAllowed(new URL('http://127.0.0.1:4000/x'), list)).toBe(true)
    expect(isHostAllowed(new URL('http://127.0.0.1:4001/x'), list)).toBe(false)
    expect(isHostAllowed(new URL('http://[::1]:81/'), list)).toBe(true)
    expect(isHostAllowed(new URL('http://other.example/'), list)).toBe(false)
    expect(isHostAllowed(new URL('http://127.0.0.1:4000/'), [])).toBe(false)
  })
})

describe('safeFetch against local servers', () => {
  let main: http.Server
  let other: http.Server
  let tlsHang: net.Server
  let port = 0
  let otherPort = 0
  let tlsPort = 0
  const sockets = new Set<net.Socket>()
  const seenHosts: string[] = []

  beforeAll(async () => {
    main = http.createServer((req, res) => {
      seenHosts.push(req.headers.host ?? '')
      const u = new URL(req.url ?? '/', 'http://x')
      switch (u.pathname) {
        case '/ok':
          res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' })
          res.end('zażółć gęślą jaźń')
          return
        case '/latin2':
          res.writeHead(200, { 'content-type': 'text/html' })
          res.end(Buffer.concat([Buffer.from('<html><head><meta charset="iso-8859-2"></head><body>'), Buffer.from([0xb1, 0xea, 0xb6]), Buffer.from('</body></html>')]))
          return
        case '/to-other':
          res.writeHead(302, { location: `http://127.0.0.1:${otherPort}/ok` })
          res.end()
          return
        case '/to-private':
          res.writeHead(301, { location: 'http://10.0.0.1/admin' })
          res.end()
          return
        case '/to-metadata':
          res.writeHead(307, { location: 'http://169.254.169.254/latest/meta-data/' })
          res.end()
          return
        case '/to-mapped':
          res.writeHead(302, { location: 'http://[::ffff:127.0.0.1]:80/' })
          res.end()
          return
        case '/to-file':
          res.writeHead(302, { location: 'file:///etc/passwd' })
          res.end()
          return
        case '/to-name':
          res.writeHead(302, { location: `http://internal.test:${port}/ok` })
          res.end()
          return
        case '/hop': {
          const n = Number(u.searchParams.get('n') ?? '0')
          res.writeHead(302, { location: n > 0 ? `/hop?n=${n - 1}` : '/ok' })
          res.end()
          return
        }
        case '/no-location':
          res.writeHead(302)
          res.end()
          return
        case '/huge': {
          // Never ends on its own: 64 KiB chunks until the client goes away.
          res.writeHead(200, { 'content-type': 'text/html' })
          const chunk = Buffer.alloc(64 * 1024, 'a')
          const pump = () => {
            while (!res.destroyed && res.write(chunk));
            if (!res.destroyed) res.once('drain', pump)
          }
          pump()
          res.on('close', () => res.destroy())
          return
        }
        case '/declared-huge':
          res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(50 * 1024 * 1024) })
          res.write('<html>')
          return
        case '/gzip-bomb': {
          const bomb = zlib.gzipSync(Buffer.alloc(20 * 1024 * 1024, 0))
          res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip', 'content-length': String(bomb.length) })
          res.end(bomb)
          return
        }
        case '/gzip': {
          const body = zlib.gzipSync(Buffer.from('<p>skompresowane</p>'))
          res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' })
          res.end(body)
          return
        }
        case '/slow':
          // Headers never come.
          return
        case '/trickle':
          res.writeHead(200, { 'content-type': 'text/html' })
          res.write('<p>')
          return
        case '/json':
          res.writeHead(200, { 'content-type': 'application/json' })
          res.end('{}')
          return
        case '/etag':
          if (req.headers['if-none-match'] === '"v1"') {
            res.writeHead(304, { etag: '"v1"' })
            res.end()
            return
          }
          res.writeHead(200, { etag: '"v1"', 'content-type': 'text/plain' })
          res.end('fresh')
          return
        case '/error':
          res.writeHead(500, { 'content-type': 'text/plain' })
          res.end('boom')
          return
        default:
          res.writeHead(404)
          res.end()
      }
    })
    main.on('connection', (s) => {
      sockets.add(s)
      s.on('close', () => sockets.delete(s))
    })
    other = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' })
      res.end('other')
    })
    // Accepts TCP and then says nothing: a TLS handshake never completes.
    tlsHang = net.createServer((s) => {
      sockets.add(s)
      s.on('close', () => sockets.delete(s))
    })
    port = await listen(main)
    otherPort = await listen(other)
    tlsPort = await listen(tlsHang)
  })

  afterAll(async () => {
    for (const s of sockets) s.destroy()
    await Promise.all([main, other, tlsHang].map((s) => new Promise((r) => s.close(r))))
  })

  const allowed = (): SafeFetchOptions => ({ allowedHosts: [`127.0.0.1:${port}`] })
  const base = () => `http://127.0.0.1:${port}`

  it('fetches from an allowed local host', async () => {
    const res = await safeFetch(`${base()}/ok`, allowed())
    expect(res.status).toBe(200)
    expect(res.contentType).toBe('text/plain')
    expect(res.charset).toBe('utf-8')
    expect(responseText(res)).toBe('zażółć gęślą jaźń')
    expect(res.address).toBe('127.0.0.1')
  })

  it('refuses 127.0.0.1 and localhost without the allowance', async () => {
    const err = await expectCode(safeFetch(`${base()}/ok`), 'blocked_address')
    expect(err.message).toContain('pętli zwrotnej')
    await expectCode(safeFetch(`http://localhost:${port}/ok`), 'blocked_address')
    await expectCode(safeFetch(`http://[::1]:${port}/ok`), 'blocked_address')
    await expectCode(safeFetch(`http://0x7f.1:${port}/ok`), 'blocked_address')
    await expectCode(safeFetch(`http://2130706433:${port}/ok`), 'blocked_address')
  })

  it('refuses a redirect to another 127.0.0.1 port that is not allowed', async () => {
    await expectCode(safeFetch(`${base()}/to-other`, allowed()), 'blocked_address')
    // …and follows it once that port is allowed too.
    const res = await safeFetch(`${base()}/to-other`, { allowedHosts: [`127.0.0.1:${port}`, `127.0.0.1:${otherPort}`] })
    expect(responseText(res)).toBe('other')
    expect(res.redirects).toEqual([`${base()}/to-other`])
  })

  it('refuses redirects to private, metadata and IPv4-mapped addresses without connecting', async () => {
    await expectCode(safeFetch(`${base()}/to-private`, allowed()), 'blocked_address')
    await expectCode(safeFetch(`${base()}/to-metadata`, allowed()), 'blocked_address')
    await expectCode(safeFetch(`${base()}/to-mapped`, allowed()), 'blocked_address')
  })

  it('refuses a redirect to file:', async () => {
    await expectCode(safeFetch(`${base()}/to-file`, allowed()), 'protocol')
  })

  it('checks the resolved addresses of a host name, on redirects too', async () => {
    const resolve = async (host: string) => (host === 'internal.test' ? [{ address: '192.168.0.10', family: 4 as const }] : [])
    await expectCode(safeFetch(`${base()}/to-name`, { ...allowed(), resolve }), 'blocked_address')
    const mixed = async () => [
      { address: '93.184.216.34', family: 4 as const },
      { address: '10.0.0.5', family: 4 as const },
    ]
    await expectCode(safeFetch('http://mixed.test/', { resolve: mixed }), 'blocked_address')
    await expectCode(safeFetch('http://nowhere.test/', { resolve: async () => [] }), 'dns')
  })

  it('connects to the address it checked, with the original Host header (no second DNS answer)', async () => {
    let calls = 0
    const resolve = async () => {
      calls++
      return [{ address: '127.0.0.1', family: 4 as const }]
    }
    seenHosts.length = 0
    const res = await safeFetch(`http://feed.test:${port}/ok`, { allowedHosts: [`feed.test:${port}`], resolve })
    expect(responseText(res)).toBe('zażółć gęślą jaźń')
    expect(calls).toBe(1)
    expect(seenHosts).toEqual([`feed.test:${port}`])
  })

  it('follows at most 5 redirects', async () => {
    const ok = await safeFetch(`${base()}/hop?n=3`, allowed())
    expect(ok.status).toBe(200)
    expect(ok.redirects).toHaveLength(4)
    await expectCode(safeFetch(`${base()}/hop?n=5`, allowed()), 'redirect_limit')
    await expectCode(safeFetch(`${base()}/no-location`, allowed()), 'bad_redirect')
  })

  it('cuts off a huge body with an error', async () => {
    const err = await expectCode(safeFetch(`${base()}/huge`, { ...allowed(), maxBytes: 1024 * 1024 }), 'too_large')
    expect(err.message).toContain('za duża')
    await expectCode(safeFetch(`${base()}/declared-huge`, { ...allowed(), maxBytes: 1024 * 1024 }), 'too_large')
  })

  it('limits the decompressed size (gzip bomb) and decompresses ordinary gzip', async () => {
    await expectCode(safeFetch(`${base()}/gzip-bomb`, { ...allowed(), maxBytes: 1024 * 1024 }), 'too_large')
    const res = await safeFetch(`${base()}/gzip`, allowed())
    expect(responseText(res)).toBe('<p>skompresowane</p>')
  })

  it('times out on a server that does not answer, or answers too slowly', async () => {
    const started = Date.now()
    await expectCode(safeFetch(`${base()}/slow`, { ...allowed(), timeoutMs: 300 }), 'timeout')
    expect(Date.now() - started).toBeLessThan(3000)
    await expectCode(safeFetch(`${base()}/trickle`, { ...allowed(), timeoutMs: 300 }), 'timeout')
  })

  it('times out a TLS handshake that never completes (connect timeout)', async () => {
    await expectCode(safeFetch(`https://127.0.0.1:${tlsPort}/`, { allowedHosts: [`127.0.0.1:${tlsPort}`], connectTimeoutMs: 200, timeoutMs: 5000 }), 'connect_timeout')
  })

  it('checks the content type of a successful answer', async () => {
    await expectCode(safeFetch(`${base()}/json`, { ...allowed(), contentTypes: ['text/html'] }), 'content_type')
    const res = await safeFetch(`${base()}/ok`, { ...allowed(), contentTypes: ['text/plain'] })
    expect(res.status).toBe(200)
    // Errors are returned as answers, not checked for type.
    const failed = await safeFetch(`${base()}/error`, { ...allowed(), contentTypes: ['text/html'] })
    expect(failed.status).toBe(500)
  })

  it('sends conditional headers and returns 304 with an empty body', async () => {
    const first = await safeFetch(`${base()}/etag`, allowed())
    expect(first.headers.etag).toBe('"v1"')
    const second = await safeFetch(`${base()}/etag`, { ...allowed(), headers: { 'if-none-match': '"v1"' } })
    expect(second.status).toBe(304)
    expect(second.body.length).toBe(0)
  })

  it('decodes a declared legacy charset', async () => {
    const res = await safeFetch(`${base()}/latin2`, allowed())
    expect(responseText(res)).toContain('ąęś')
  })

  it('refuses file: and ftp: outright', async () => {
    await expectCode(safeFetch('file:///etc/passwd'), 'protocol')
    await expectCode(safeFetch('ftp://127.0.0.1/'), 'protocol')
  })
})
