/**
 * @module
 * The editor bundle: `src/editor/client/main.ts` (TipTap and the story page's behaviour)
 * bundled by esbuild, in memory, on first use in a process (about a second), then served
 * by the AssetRegistry under a content-hashed `/static/` URL with the long-lived cache
 * headers and precompression of every asset. Nothing to build by hand: a fresh clone's
 * `depesza start` and `npm test` build it when an editor page is first asked for.
 * `npm run build:editor` writes the same bundle to `build/editor/` (to inspect its size).
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { PROJECT_ROOT, sourcePath } from '../platform/paths.js'
import type { AssetRegistry } from '../site/assets.js'

export const EDITOR_ENTRY = sourcePath('editor', 'client', 'main.ts')
export const EDITOR_CSS = sourcePath('editor', 'editor.css')

let bundle: Promise<Uint8Array> | null = null

/** Bundles the editor (minified ES module, ES2022, source map inline in development only). */
export async function buildEditorBundle(options: { minify?: boolean } = {}): Promise<Uint8Array> {
  const esbuild = await import('esbuild')
  const result = await esbuild.build({
    entryPoints: [EDITOR_ENTRY],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022'],
    minify: options.minify ?? true,
    legalComments: 'none',
    write: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  })
  const out = result.outputFiles[0]
  if (!out) throw new Error('esbuild produced no editor bundle')
  return out.contents
}

/** The bundle of this process (built once, shared by every application in it). */
export function editorBundle(): Promise<Uint8Array> {
  if (!bundle) {
    // DEPESZA_EDITOR_MINIFY=0: readable function names in profiles (bench/editor.ts --profile).
    bundle = buildEditorBundle({ minify: process.env.DEPESZA_EDITOR_MINIFY !== '0' })
    bundle.catch(() => {
      bundle = null
    })
  }
  return bundle
}

/** Writes the bundle to a content-addressed file (the registry serves files by path). */
function bundleFile(code: Uint8Array): string {
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 16)
  const dir = path.join(os.tmpdir(), `depesza-editor-${hash}`)
  const file = path.join(dir, 'editor.js')
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true })
    const tmp = `${file}.${process.pid}.tmp`
    fs.writeFileSync(tmp, code)
    fs.renameSync(tmp, file)
  }
  return file
}

/** The story pages' stylesheet (editor, list, dashboard panels), hashed. */
export function storyStylesheet(assets: AssetRegistry): string {
  return assets.register(EDITOR_CSS).url
}

/** The editor page's script and stylesheet URLs (hashed), registered with the app's assets. */
export async function editorAssets(assets: AssetRegistry): Promise<{ js: string; css: string }> {
  const code = await editorBundle()
  return { js: assets.register(bundleFile(code)).url, css: storyStylesheet(assets) }
}

// `npm run build:editor`
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now()
  const code = await buildEditorBundle()
  const outDir = path.join(PROJECT_ROOT, 'build', 'editor')
  fs.mkdirSync(outDir, { recursive: true })
  fs.writeFileSync(path.join(outDir, 'editor.js'), code)
  const zlib = await import('node:zlib')
  const gz = zlib.gzipSync(code, { level: 9 }).length
  console.log(`build/editor/editor.js: ${(code.length / 1024).toFixed(1)} KiB (${(gz / 1024).toFixed(1)} KiB gzip) in ${Math.round(performance.now() - started)} ms`)
}
