/** The newsroom's own stylesheet, served through the site's AssetRegistry (hashed, precompressed). */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { AppDeps } from '../server/deps.js'

const ADMIN_CSS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'assets', 'admin.css')

export function adminStylesheetUrl(deps: AppDeps): string {
  return deps.assets.register(ADMIN_CSS).url
}
