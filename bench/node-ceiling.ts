/**
 * @module
 * Node.js's own ceiling: a bare `http` server (bench/bare-node-server.mjs) answering every
 * request with the article exactly as the page cache serves it, body and headers. The issue
 * set its cache-hit target from such a server (72–90 % of nginx on its machine); measured in
 * the same run it separates what Node's HTTP stack costs from what the hit path adds.
 */
import fs from 'node:fs'
import path from 'node:path'
import { freePort, HOST, SERVER_NODE_FLAGS, spawnNiced, waitUntilServing, type Fetched } from './http.js'
import { PROJECT_ROOT } from '../src/platform/paths.js'
import { stopProcess } from './processes.js'

// From the project root: this module may run from the server bundle in dist/.
const SCRIPT = path.join(PROJECT_ROOT, 'bench', 'bare-node-server.mjs')
// Set per connection or per response by Node itself.
const NOT_REPLAYED = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding'])

export interface BareNode {
  readonly url: string
  readonly pid: number
  stop(): Promise<void>
}

/** Starts the bare server with the response of a cache hit (`hit`: a GET of the article). */
export async function startBareNode(hit: Fetched, tmpRoot: string, nice?: number): Promise<BareNode> {
  const dir = fs.mkdtempSync(path.join(tmpRoot, 'bare-node-'))
  const headers: string[] = []
  hit.headers.forEach((value, name) => {
    if (!NOT_REPLAYED.has(name)) headers.push(name, value)
  })
  fs.writeFileSync(path.join(dir, 'response.json'), JSON.stringify({ headers }))
  fs.writeFileSync(path.join(dir, 'body'), hit.body)
  const port = await freePort()
  const args = [...SERVER_NODE_FLAGS, SCRIPT, String(port), path.join(dir, 'response.json'), path.join(dir, 'body')]
  const proc = spawnNiced('bare node', process.execPath, args, {}, nice)
  const url = `http://${HOST}:${port}/article.html`
  await waitUntilServing(proc, url, hit.body)
  return {
    url,
    pid: proc.pid,
    async stop() {
      await stopProcess(proc, 'SIGTERM', 5000)
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}
