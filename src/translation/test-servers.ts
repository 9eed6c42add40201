/**
 * Local HTTP servers speaking a translation provider's protocol, for tests (the adapters'
 * own tests, the desk's HTTP and browser tests). Loopback only, port chosen by the system.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Received {
  method: string
  url: string
  headers: http.IncomingHttpHeaders
  body: any
}
export type Mode = 'ok' | 'quota' | 'badkey' | 'slow' | 'garbage'
export type Handler = (req: Received, mode: Mode) => { status: number; body: unknown }

export interface LocalServer {
  url: string
  received: Received[]
  mode: Mode
  close(): Promise<void>
}

export async function localServer(handler: Handler): Promise<LocalServer> {
  const state: LocalServer = { url: '', received: [], mode: 'ok', close: async () => {} }
  const server = http.createServer((req, res) => {
    let raw = ''
    req.setEncoding('utf8')
    req.on('data', (c: string) => (raw += c))
    req.on('end', () => {
      const received: Received = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: raw ? JSON.parse(raw) : undefined }
      state.received.push(received)
      const answer = handler(received, state.mode)
      const send = () => {
        if (res.destroyed) return
        res.writeHead(answer.status, { 'content-type': 'application/json' })
        res.end(JSON.stringify(answer.body))
      }
      if (state.mode === 'slow') setTimeout(send, 1500).unref()
      else send()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    })
  return state
}

/**
 * A LibreTranslate server (`POST /translate`, `{q: [...], format: "html"}` → `{translatedText: [...]}`)
 * that translates by a table of exact (tagged) texts; a text not in the table comes back
 * unchanged, as an unknown word does from a real engine.
 */
export function libreTranslateServer(table: Readonly<Record<string, string>>): Promise<LocalServer> {
  return localServer((req, mode) => {
    if (req.url !== '/translate' || req.method !== 'POST') return { status: 404, body: { error: 'Not Found' } }
    if (mode === 'quota') return { status: 429, body: { error: 'Too many requests' } }
    if (mode === 'badkey') return { status: 403, body: { error: 'Invalid API key' } }
    const q = (req.body as { q: string | string[] }).q
    const list = Array.isArray(q) ? q : [q]
    const out = list.map((t) => table[t] ?? t)
    return { status: 200, body: { translatedText: Array.isArray(q) ? out : out[0] } }
  })
}
