/**
 * The server bundle (scripts/server-bundle.mjs, dist/) runs the same application as the
 * sources: `node bin/depesza.js start` from it answers pages, hashed assets and the admin
 * sign-in, and `depesza reindex` starts its analysis worker from the bundled worker entry.
 * (DEPESZA_BUNDLE=require: bin/depesza.js fails instead of falling back to the sources.)
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ContentService } from '../src/content/content.service.js'
import { openDatabase } from '../src/platform/db/database.js'
import { migrateToLatest } from '../src/platform/db/migrations.js'
// @ts-expect-error: a plain JavaScript build script without types
import { buildBundle, freshBundle } from '../scripts/server-bundle.mjs'
import { createUser, type TestUser } from './accounts.js'
import { paragraphs, publishArticle } from './fixtures.js'
import { HttpSession } from './http-session.js'
import { freePort } from './support.js'

const BIN = path.resolve('bin/depesza.js')
const HEADLINE = 'Radni przyjęli budżet miasta na przyszły rok'

describe('the server bundle', { timeout: 180_000 }, () => {
  let dir: string
  let env: NodeJS.ProcessEnv
  let server: ChildProcess | null = null
  let output = ''
  let base = ''
  let editor: TestUser

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'depesza-bundle-'))
    const dbh = openDatabase({ kind: 'sqlite', file: path.join(dir, 'depesza.db') })
    await migrateToLatest(dbh)
    const content = new ContentService(dbh.db)
    for (let i = 0; i < 3; i++) await publishArticle(content, { headline: i === 0 ? HEADLINE : `Wiadomość numer ${i}`, body: paragraphs('Rada miasta głosowała nad budżetem do późnego wieczora.') })
    editor = await createUser(dbh.db, 'editor')
    await dbh.close()

    // Built (when the sources changed since) right before the start that requires it.
    if (!(freshBundle() as { entry: string | null }).entry) await buildBundle()
    const port = await freePort()
    base = `http://127.0.0.1:${port}`
    env = { ...process.env, DEPESZA_BUNDLE: 'require', DEPESZA_DATA_DIR: dir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' }
    server = spawn(process.execPath, [BIN, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    server.stdout!.on('data', (d: Buffer) => (output += d.toString()))
    server.stderr!.on('data', (d: Buffer) => (output += d.toString()))
    const exited = new Promise((resolve) => server!.once('exit', resolve))
    const started = Date.now()
    while (!output.includes('Depesza is running at')) {
      if (server.exitCode !== null || Date.now() - started > 120_000) throw new Error(`the server did not start:\n${output}`)
      await Promise.race([new Promise((r) => setTimeout(r, 50)), exited])
    }
  })

  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server!.once('exit', resolve))
      server.kill('SIGTERM')
      await exited
    }
    if (dir) fs.rmSync(dir, { recursive: true, force: true })
  })

  it('answers the home page, an article and its hashed stylesheet', async () => {
    const home = await fetch(`${base}/`)
    expect(home.status).toBe(200)
    const html = await home.text()
    expect(html).toContain(HEADLINE)
    const css = /href="(\/static\/site\.[0-9a-f]+\.css)"/.exec(html)?.[1]
    expect(css).toBeTruthy()
    const sheet = await fetch(`${base}${css}`, { headers: { 'accept-encoding': 'br' } })
    expect(sheet.status).toBe(200)
    expect(sheet.headers.get('content-type')).toContain('text/css')
    expect((await sheet.text()).length).toBeGreaterThan(1000)

    const link = new RegExp(`href="([^"]+)"[^>]*>${HEADLINE}`).exec(html)?.[1]
    expect(link).toBeTruthy()
    const article = await fetch(new URL(link!, base))
    expect(article.status).toBe(200)
    expect(await article.text()).toContain('Rada miasta głosowała nad budżetem')
  })

  it('signs an editor in to the admin, whose stylesheet and editor script are served too', async () => {
    const s = new HttpSession({ request: (p, init) => fetch(`${base}${p}`, { ...init, redirect: 'manual' }) }, { origin: base })
    const form = await s.get('/admin/logowanie')
    expect(form.status).toBe(200)
    const res = await s.submit('/admin/logowanie', { email: editor.email, password: editor.password })
    expect(res.status).toBe(303)
    expect(s.cookies.has('depesza_session')).toBe(true)
    const admin = await s.get('/admin')
    expect(admin.status).toBe(200)
    const css = /href="(\/static\/admin\.[0-9a-f]+\.css)"/.exec(await admin.text())?.[1]
    expect(css).toBeTruthy()
    expect((await s.get(css!)).status).toBe(200)
    // The editor's script: bundled by esbuild from src/editor/client on first use.
    const page = await s.get('/admin/artykuly/nowy')
    expect(page.status).toBe(200)
    const js = /src="(\/static\/editor\.[0-9a-f]+\.js)"/.exec(await page.text())?.[1]
    expect(js).toBeTruthy()
    const script = await s.get(js!)
    expect(script.status).toBe(200)
    expect((await script.text()).length).toBeGreaterThan(10_000)
  })

  it('reindexes with an analysis worker started from the bundled worker entry', async () => {
    const res = spawnSync(process.execPath, [BIN, 'reindex', '--workers', '1'], { env: { ...env, LOG_LEVEL: 'silent' }, encoding: 'utf8', timeout: 120_000 })
    expect(res.stderr).not.toContain('could not start')
    expect(res.stdout).toMatch(/^Indexed 3 stories in [\d.]+ s with 1 analysis worker /)
    expect(res.status).toBe(0)
    const search = await fetch(`${base}/szukaj?q=${encodeURIComponent('budżet')}`)
    expect(search.status).toBe(200)
    expect(await search.text()).toContain('Radni przyjęli')
  })

  it('is used only while every source file is as it was built', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'depesza-bundle-root-'))
    try {
      fs.mkdirSync(path.join(root, 'src'))
      fs.mkdirSync(path.join(root, 'dist', 'abcdef012345'), { recursive: true })
      fs.writeFileSync(path.join(root, 'dist', 'abcdef012345', 'cli.js'), '')
      const source = path.join(root, 'src', 'a.ts')
      fs.writeFileSync(source, 'export const a = 1\n')
      const manifest = { build: 'abcdef012345', inputs: { 'src/a.ts': fs.statSync(source).mtimeMs } }
      fs.writeFileSync(path.join(root, 'dist', 'current.json'), JSON.stringify(manifest))
      expect(freshBundle(root)).toEqual({ entry: path.join(root, 'dist', 'abcdef012345', 'cli.js'), reason: null })
      fs.utimesSync(source, new Date(), new Date(Date.now() + 5000))
      expect(freshBundle(root)).toEqual({ entry: null, reason: 'src/a.ts changed since the bundle was built' })
      fs.rmSync(source)
      expect(freshBundle(root).reason).toBe('src/a.ts was removed since the bundle was built')
      fs.rmSync(path.join(root, 'dist', 'current.json'))
      expect(freshBundle(root).reason).toBe('no server bundle in dist/')
    } finally {
      fs.rmSync(root, { recursive: true, force: true })
    }
  })
})
