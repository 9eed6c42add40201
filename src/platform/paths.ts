/**
 * @module
 * Where the project's own files are, the same from the sources (run through tsx or vitest)
 * and from the server bundle in `dist/` (scripts/server-bundle.mjs): an `import.meta.url`
 * means a different folder in each, so files read at run time (stylesheets, scripts of the
 * admin, the editor's sources, worker entries) are named from the project root instead.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

/** Set to `true` by the bundler (esbuild `define`); undeclared when running from sources. */
declare const __DEPESZA_BUNDLE__: boolean | undefined

/** True in the server bundle, false when running from the TypeScript sources. */
export const BUNDLED: boolean = typeof __DEPESZA_BUNDLE__ !== 'undefined' && __DEPESZA_BUNDLE__

/** The folder holding the project's package.json (the nearest one above this module). */
export const PROJECT_ROOT: string = findRoot(path.dirname(fileURLToPath(import.meta.url)))

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`)
  }
}

/** A path under `src/`, e.g. `sourcePath('site', 'assets')`. */
export function sourcePath(...parts: string[]): string {
  return path.join(PROJECT_ROOT, 'src', ...parts)
}

/**
 * The entry of a worker thread: from the bundle its bundled entry (`<bundle>/<name>.js`,
 * next to this module's chunk), from the sources the `.mjs` file under `src/` that
 * registers tsx and imports the worker's TypeScript module.
 */
export function workerEntry(bundleName: string, sourceBoot: string): URL {
  return BUNDLED ? new URL(`./${bundleName}.js`, import.meta.url) : pathToFileURL(sourcePath(sourceBoot))
}
