import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { freePort } from './support.js'

const BIN = path.resolve('bin/depesza.js')
const dirs: string[] = []

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'depesza-cli-'))
  dirs.push(dir)
  return dir
}

function run(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [BIN, ...args], { env: { ...process.env, LOG_LEVEL: 'silent', ...env }, encoding: 'utf8', timeout: 60_000 })
}

afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true })
})

// Each case spawns Node (tsx transpiles on a cold cache): generous on busy machines.
describe('depesza CLI', { timeout: 120_000 }, () => {
  it('prints an overview and per-command help', () => {
    const overview = run(['--help'])
    expect(overview.status).toBe(0)
    expect(overview.stdout).toMatch(/start\s+run the site/)
    expect(overview.stdout).toMatch(/import\s+/)
    const help = run(['start', '--help'])
    expect(help.status).toBe(0)
    expect(help.stdout).toContain('--demo')
  })

  it('fails with a clear message for an unknown command or option', () => {
    const unknown = run(['publikuj'])
    expect(unknown.status).toBe(2)
    expect(unknown.stderr).toContain('unknown command "publikuj"')
    const badOption = run(['start', '--demoo'])
    expect(badOption.status).toBe(2)
    expect(badOption.stderr).toContain('--demoo')
  })

  it('names each bad configuration value and exits non-zero', () => {
    const res = run(['migrate'], { PORT: 'abc', DATABASE_URL: 'mysql://localhost/x', DEPESZA_DATA_DIR: tempDir() })
    expect(res.status).toBe(2)
    expect(res.stderr).toContain('PORT="abc"')
    expect(res.stderr).toContain('DATABASE_URL="mysql://localhost/x"')
    expect(res.stderr).not.toMatch(/\n\s+at /) // no stack trace
  })

  it('reports an unreachable PostgreSQL without a stack trace', () => {
    const res = run(['migrate'], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', DEPESZA_DATA_DIR: tempDir() })
    expect(res.status).toBe(1)
    expect(res.stderr).toMatch(/depesza migrate: .*(ECONNREFUSED|connect)/)
  })

  it('migrates a fresh SQLite database, twice without harm', () => {
    const dataDir = tempDir()
    const first = run(['migrate'], { DEPESZA_DATA_DIR: dataDir })
    expect(first.status).toBe(0)
    expect(first.stdout).toContain('Applied: 0001_content')
    expect(fs.existsSync(path.join(dataDir, 'depesza.db'))).toBe(true)
    const second = run(['migrate'], { DEPESZA_DATA_DIR: dataDir })
    expect(second.stdout).toContain('up to date')
  })

  it('starts the demo site, prints the owner set-up link, serves pages and stops on SIGTERM', async () => {
    const port = await freePort()
    const dataDir = tempDir()
    const child = spawn(process.execPath, [BIN, 'start', '--demo'], {
      env: { ...process.env, LOG_LEVEL: 'silent', PORT: String(port), DEPESZA_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (out += d))
    try {
      const deadline = Date.now() + 30_000
      while (!out.includes('/admin/setup/') && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 100))
      expect(out).toContain(`Depesza is running at http://127.0.0.1:${port}/`)
      const link = out.match(/http:\/\/127\.0\.0\.1:\d+\/admin\/setup\/[\w-]+/)![0]
      expect((await fetch(link)).status).toBe(200)
      const home = await fetch(`http://127.0.0.1:${port}/`)
      expect(home.status).toBe(200)
      expect(await home.text()).toContain('<html lang="pl">')
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200)
    } finally {
      child.kill('SIGTERM')
    }
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
    expect(code).toBe(0)
  })

  it('says clearly when the port is taken', async () => {
    const blocker = net.createServer()
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r))
    const { port } = blocker.address() as net.AddressInfo
    try {
      const res = run(['start'], { PORT: String(port), DEPESZA_DATA_DIR: tempDir() })
      expect(res.status).toBe(1)
      expect(res.stderr).toContain(`port ${port} on 127.0.0.1 is already in use`)
    } finally {
      blocker.close()
    }
  })
})
