/**
 * @module
 * A real HTTP server for browser tests, serving the application exactly as `depesza start`
 * does: page-cache hits answered on the raw Node request, everything else through Hono.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { getRequestListener } from '@hono/node-server'
import { serveFromCache } from '../../src/cache/http-cache.js'
import { seedDemo } from '../../src/demo/seed.js'
import type { Application } from '../../src/server/boot.js'
import { createTestApp, type TestApp } from '../support.js'

/** The request listener of `depesza start`: cache first, then the Hono app. */
export function requestListener(application: Application): http.RequestListener {
  const honoListener = getRequestListener(application.app.fetch)
  const cache = application.deps.pageCache
  return (req, res) => {
    if (!cache || !serveFromCache(cache, req, res)) void honoListener(req, res)
  }
}

export interface RunningSite {
  readonly app: TestApp
  /** "http://127.0.0.1:PORT", also the application's PUBLIC_URL. */
  readonly origin: string
  close(): Promise<void>
}

/**
 * The demo site on a fresh SQLite data directory, on 127.0.0.1 and a random port.
 * The port is taken first so that PUBLIC_URL (canonical links, the contact form's origin
 * check) is the address the browser really uses.
 */
export async function startDemoSite(env: Record<string, string> = {}): Promise<RunningSite> {
  let listener: http.RequestListener = (_req, res) => {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' }).end('starting')
  }
  const server = http.createServer({ keepAliveTimeout: 65_000 }, (req, res) => listener(req, res))
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve)
    server.once('error', reject)
    server.listen(0, '127.0.0.1')
  })
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const stopServer = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve())
      server.closeAllConnections()
    })
  let app: TestApp
  try {
    app = await createTestApp('sqlite', { PUBLIC_URL: origin, ...env })
  } catch (err) {
    await stopServer()
    throw err
  }
  try {
    if (!(await seedDemo(app.deps))) throw new Error('seedDemo created nothing on a fresh database')
  } catch (err) {
    await stopServer()
    await app.close()
    throw err
  }
  listener = requestListener(app)
  return {
    app,
    origin,
    async close() {
      await stopServer()
      await app.close()
    },
  }
}
