#!/usr/bin/env node
// Entry point of the `depesza` command. Runs the prebuilt server bundle (dist/, built by
// scripts/server-bundle.mjs at `npm install`, `npm start` and `npm run bench`) while it
// matches the sources; otherwise the TypeScript sources through tsx (slower to start).
// DEPESZA_BUNDLE=off: always the sources; DEPESZA_BUNDLE=require: the bundle or an error.
import { pathToFileURL } from 'node:url'
import { freshBundle } from '../scripts/server-bundle.mjs'

const mode = process.env.DEPESZA_BUNDLE ?? 'auto'
const bundle = mode === 'off' ? { entry: null, reason: 'DEPESZA_BUNDLE=off' } : freshBundle()
let main
if (bundle.entry) {
  ;({ main } = await import(pathToFileURL(bundle.entry).href))
} else if (mode === 'require') {
  process.stderr.write(`depesza: DEPESZA_BUNDLE=require, but ${bundle.reason}; run \`npm run build\`\n`)
  process.exit(2)
} else {
  const { register } = await import('tsx/esm/api')
  register()
  ;({ main } = await import('../src/cli/main.ts'))
}
process.exitCode = await main(process.argv.slice(2))
