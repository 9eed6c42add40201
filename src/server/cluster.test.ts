/**
 * WORKERS=N (src/server/cluster.ts): siblings of one cluster hear each other's invalidations
 * over the relay at once (not through the database bus, which skips their shared origin), and
 * `depesza start` with WORKERS=2 runs a supervising primary: one set-up link, a dead worker
 * started again, every process stopped by SIGTERM, a worker that cannot start stopping all.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../platform/db/database.js'
import { migrateToLatest } from '../platform/db/migrations.js'
import { ContentService } from '../content/content.service.js'
import { basicSite, publishArticle } from '../../test/fixtures.js'
import { createSecondInstance, createTestApp, DIALECTS, freePort, type TestApp } from '../../test/support.js'
// @ts-expect-error: a plain JavaScript build script without types
import { buildBundle, freshBundle } from '../../scripts/server-bundle.mjs'
import type { Application } from './boot.js'
import type { SiblingRelay } from './cluster.js'

/** Two relays joined in memory, as the primary joins its workers. */
function relayPair(): [SiblingRelay, SiblingRelay] {
  const handlers: Array<(keys: string[]) => void> = [() => {}, () => {}]
  const relay = (me: 0 | 1): SiblingRelay => ({
    publish: (keys) => handlers[1 - me]!([...keys]),
    subscribe: (onKeys) => void (handlers[me] = onKeys),
  })
  return [relay(0), relay(1)]
}

describe.each(DIALECTS)('%s: workers of one cluster', (dialect) => {
  let t: TestApp
  let writer: Application
  let sibling: Application
  let outsider: Application

  beforeAll(async () => {
    t = await createTestApp(dialect)
    await basicSite(t.testDb.db)
    await publishArticle(t.deps.content, { headline: 'Pierwsza historia', sectionSlug: 'kraj' })
    const [a, b] = relayPair()
    writer = await createSecondInstance(t, { ownerSetup: false, cluster: { id: 'cluster-test', leader: true, relay: a } })
    sibling = await createSecondInstance(t, { ownerSetup: false, cluster: { id: 'cluster-test', leader: false, relay: b } })
    // Another server on the same database (its own origin): reached through the database bus.
    outsider = await createSecondInstance(t, { ownerSetup: false })
  })
  afterAll(async () => {
    for (const app of [writer, sibling, outsider]) await app?.close()
    await t.close()
  })

  it('drops a sibling page at once, and other servers still hear it through the database', async () => {
    for (const app of [sibling, outsider]) {
      expect(await (await app.app.request('/kraj')).text()).not.toContain('Druga historia')
      expect(app.deps.pageCache!.has('/kraj')).toBe(true)
    }
    await publishArticle(writer.deps.content, { headline: 'Druga historia', sectionSlug: 'kraj' }, 0)
    // Gone before the write returned: no polling involved (the bus skips the cluster's own origin).
    expect(sibling.deps.pageCache!.has('/kraj')).toBe(false)
    expect(await (await sibling.app.request('/kraj')).text()).toContain('Druga historia')
    const started = Date.now()
    while (outsider.deps.pageCache!.has('/kraj') && Date.now() - started < 3000) await new Promise((r) => setTimeout(r, 10))
    expect(outsider.deps.pageCache!.has('/kraj')).toBe(false)
  })
})

const BIN = path.resolve('bin/depesza.js')


function childPids(pid: number): number[] {
  return fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        // The command name may hold spaces and parentheses: the parent PID follows the last ')'.
        const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8')
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid
      } catch {
        return false
      }
    })
    .map(Number)
}

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 60_000): Promise<void> {
  const started = Date.now()
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

describe('depesza start with WORKERS=2', { timeout: 180_000 }, () => {
  let dir: string
  let env: NodeJS.ProcessEnv
  let primary: ChildProcess
  let output = ''
  let base = ''

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'depesza-workers-'))
    const dbh = openDatabase({ kind: 'sqlite', file: path.join(dir, 'depesza.db') })
    await migrateToLatest(dbh)
    await basicSite(dbh.db)
    await publishArticle(new ContentService(dbh.db), { headline: 'Klaster odpowiada stronami', sectionSlug: 'kraj' })
    await dbh.close()
    if (!(freshBundle() as { entry: string | null }).entry) await buildBundle()
    const port = await freePort()
    base = `http://127.0.0.1:${port}`
    env = { ...process.env, DEPESZA_BUNDLE: 'require', DEPESZA_DATA_DIR: dir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', WORKERS: '2' }
    primary = spawn(process.execPath, [BIN, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    primary.stdout!.on('data', (d: Buffer) => (output += d.toString()))
    primary.stderr!.on('data', (d: Buffer) => (output += d.toString()))
    // Printed once every worker listens.
    await until('the start lines', () => output.includes('Depesza is running at') || primary.exitCode !== null, 120_000)
  })

  afterAll(async () => {
    if (primary.exitCode === null) {
      const exited = new Promise((resolve) => primary.once('exit', resolve))
      primary.kill('SIGTERM')
      await exited
    }
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('prints the address and one set-up link, and serves pages', async () => {
    expect(output).toContain('(2 worker processes)')
    expect(childPids(primary.pid!)).toHaveLength(2)
    const links = output.match(/\/admin\/setup\/[\w-]+/g) ?? []
    expect(links).toHaveLength(1)
    expect((await fetch(`${base}${links[0]}`)).status).toBe(200)
    const home = await fetch(`${base}/`)
    expect(home.status).toBe(200)
    expect(await home.text()).toContain('Klaster odpowiada stronami')
  })

  it('starts a dead worker again and keeps serving', async () => {
    const before = childPids(primary.pid!)
    process.kill(before[1]!, 'SIGKILL')
    await until('a new worker', () => {
      const now = childPids(primary.pid!)
      return now.length === 2 && !now.includes(before[1]!)
    })
    expect(output).toMatch(/worker \d died \(SIGKILL\); starting it again/)
    for (let i = 0; i < 10; i++) expect((await fetch(`${base}/`, { headers: { connection: 'close' } })).status).toBe(200)
    // Only the leader printed the link, and the restart did not print or rotate it.
    expect(output.match(/\/admin\/setup\//g)).toHaveLength(1)
  })

  it('starts every worker again when all died at once', async () => {
    const before = childPids(primary.pid!)
    for (const pid of before) process.kill(pid, 'SIGKILL')
    await until('two new workers', () => {
      const now = childPids(primary.pid!)
      return now.length === 2 && now.every((pid) => !before.includes(pid))
    })
    expect(primary.exitCode).toBeNull()
    await until('an answer', async () => (await fetch(`${base}/`).catch(() => null))?.status === 200)
  })

  it('stops every process on SIGTERM', async () => {
    const workers = childPids(primary.pid!)
    expect(primary.exitCode).toBeNull()
    const exited = new Promise<number | null>((resolve) => primary.once('exit', (code) => resolve(code)))
    primary.kill('SIGTERM')
    expect(await exited).toBe(0)
    for (const pid of workers) expect(fs.existsSync(`/proc/${pid}`)).toBe(false)
  })

  it('stops with an error when a worker cannot start (the port is taken)', async () => {
    const blocker = net.createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const { port } = blocker.address() as net.AddressInfo
    try {
      const failing = spawn(process.execPath, [BIN, 'start'], { env: { ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] })
      let text = ''
      failing.stderr!.on('data', (d: Buffer) => (text += d.toString()))
      const code = await new Promise<number | null>((resolve) => failing.once('exit', (c) => resolve(c)))
      expect(code).toBe(1)
      expect(text).toContain('is already in use')
      expect(text).toMatch(/worker 0 stopped before it was ready/)
    } finally {
      blocker.close()
    }
  })
})
