#!/usr/bin/env node
/**
 * The server bundle: `src/cli/main.ts` (every command, the server and its routes) and the
 * search analysis worker bundled by esbuild into plain JavaScript under `dist/`, so
 * `depesza start` does not transpile hundreds of TypeScript modules through tsx at every
 * start. Pure JavaScript packages are bundled too; native ones and a few others stay external
 * (EXTERNAL); commands and rarely used parts are split into chunks loaded on first use.
 *
 *   node scripts/server-bundle.mjs             build now (npm run build)
 *   node scripts/server-bundle.mjs --if-stale  build only when missing or older than the sources
 *                                              (npm's prepare, prestart and prebench steps)
 *
 * Layout: `dist/<hash>/cli.js` (+ chunks, `search-worker.js`, source maps) and
 * `dist/current.json` naming the build and the modification times of its sources.
 * bin/depesza.js runs the build only while every source still has that time; otherwise it
 * runs the sources through tsx. A new build goes to a new folder and `current.json` is
 * replaced atomically, so a server still running an older build can load its lazy chunks;
 * the two previous builds are kept, older ones removed.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const MANIFEST = 'current.json'
const KEEP_OLD_BUILDS = 2
/**
 * Packages loaded from node_modules at run time: native code (better-sqlite3, sharp, argon2,
 * pg-native), pino (its transports start worker threads by file name), build and test tools.
 * The other packages are bundled: loading hundreds of small ES modules costs more at start.
 */
const EXTERNAL = ['better-sqlite3', 'sharp', '@node-rs/argon2', 'pg', 'pg-native', 'pino', 'esbuild', 'tsx', 'linkedom', 'vitest', 'playwright-core', 'autocannon', 'happy-dom', 'smtp-server', '@20minutes/s3rver']
/** Besides the bundled modules, a change here changes the output (package.json: its `imports` give the JSX runtime). */
const EXTRA_INPUTS = ['tsconfig.json', 'package.json', 'package-lock.json', 'scripts/server-bundle.mjs']

/**
 * The entry module (absolute path) of the bundle when it matches the sources, else null
 * with the reason. Costs one stat per source file (a few ms).
 */
export function freshBundle(root = ROOT) {
  let manifest
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(root, 'dist', MANIFEST), 'utf8'))
  } catch {
    return { entry: null, reason: 'no server bundle in dist/' }
  }
  const entry = path.join(root, 'dist', manifest.build, 'cli.js')
  if (!fs.existsSync(entry)) return { entry: null, reason: `dist/${manifest.build}/cli.js is missing` }
  for (const [file, mtimeMs] of Object.entries(manifest.inputs)) {
    let stat
    try {
      stat = fs.statSync(path.join(root, file))
    } catch {
      return { entry: null, reason: `${file} was removed since the bundle was built` }
    }
    if (stat.mtimeMs !== mtimeMs) return { entry: null, reason: `${file} changed since the bundle was built` }
  }
  return { entry, reason: null }
}

/** Modification times of the files under src/ and bench/ (`depesza bench`) and the extra inputs, taken before bundling. */
function sourceTimes(root) {
  const times = new Map()
  const walk = (dir) => {
    for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, d.name)
      if (d.isDirectory()) walk(p)
      else times.set(path.relative(root, p), fs.statSync(p).mtimeMs)
    }
  }
  walk(path.join(root, 'src'))
  walk(path.join(root, 'bench'))
  for (const f of EXTRA_INPUTS) times.set(f, fs.statSync(path.join(root, f)).mtimeMs)
  return times
}

/** Builds the bundle; returns its folder name and the time it took. */
export async function buildBundle(root = ROOT) {
  const started = performance.now()
  const { build } = await import('esbuild')
  const { createHash } = await import('node:crypto')
  // Times first: a source saved while esbuild reads it makes the manifest stale, not wrong.
  const times = sourceTimes(root)
  const dist = path.join(root, 'dist')
  const staging = path.join(dist, `.staging-${process.pid}`)
  const result = await build({
    absWorkingDir: root,
    entryPoints: { cli: 'src/cli/main.ts', 'search-worker': 'src/search/index-worker.ts' },
    outdir: staging,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: EXTERNAL,
    // Bundled CommonJS packages call require(): give the ES module chunks a real one.
    banner: { js: "import { createRequire as __depeszaCreateRequire } from 'node:module'; const require = __depeszaCreateRequire(import.meta.url);" },
    // src/platform/paths.ts: files read at run time are found from the project root.
    define: { __DEPESZA_BUNDLE__: 'true' },
    sourcemap: 'linked',
    sourcesContent: false,
    metafile: true,
    write: false,
    logLevel: 'warning',
  })
  const hash = createHash('sha256')
  const files = [...result.outputFiles].sort((a, b) => a.path.localeCompare(b.path))
  for (const f of files) hash.update(path.relative(staging, f.path)).update(f.contents)
  const name = hash.digest('hex').slice(0, 12)
  const target = path.join(dist, name)
  if (!fs.existsSync(target)) {
    for (const f of files) {
      fs.mkdirSync(path.dirname(f.path), { recursive: true })
      fs.writeFileSync(f.path, f.contents)
    }
    try {
      fs.renameSync(staging, target)
    } catch (err) {
      // Another process built the same bundle meanwhile.
      fs.rmSync(staging, { recursive: true, force: true })
      if (!fs.existsSync(target)) throw err
    }
  }
  const inputs = {}
  // Bundled packages are not checked file by file: the lock file changes when they do.
  const ours = Object.keys(result.metafile.inputs).filter((f) => !f.includes('node_modules/'))
  for (const file of [...ours, ...EXTRA_INPUTS]) inputs[file] = times.get(file) ?? -1
  const tmp = path.join(dist, `${MANIFEST}.${process.pid}.tmp`)
  fs.writeFileSync(tmp, JSON.stringify({ build: name, builtAt: new Date().toISOString(), inputs }, null, 1) + '\n')
  fs.renameSync(tmp, path.join(dist, MANIFEST))
  pruneOldBuilds(dist, name)
  return { build: name, ms: Math.round(performance.now() - started) }
}

function pruneOldBuilds(dist, current) {
  const old = fs
    .readdirSync(dist, { withFileTypes: true })
    .filter((d) => d.isDirectory() && /^[0-9a-f]{12}$/.test(d.name) && d.name !== current)
    .map((d) => ({ name: d.name, mtime: fs.statSync(path.join(dist, d.name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime)
  for (const d of old.slice(KEEP_OLD_BUILDS)) fs.rmSync(path.join(dist, d.name), { recursive: true, force: true })
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const ifStale = process.argv.includes('--if-stale')
  const fresh = freshBundle()
  if (ifStale && fresh.entry) process.exit(0)
  try {
    const { build, ms } = await buildBundle()
    process.stderr.write(`server bundle: dist/${build}/ built in ${ms} ms${fresh.reason ? ` (${fresh.reason})` : ''}\n`)
  } catch (err) {
    // Before a start (--if-stale) a failed build is not fatal: bin/depesza.js runs the sources.
    process.stderr.write(`server bundle: build failed${ifStale ? ' (depesza runs from the sources)' : ''}: ${err.message}\n`)
    process.exit(ifStale ? 0 : 1)
  }
}
