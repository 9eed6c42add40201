/** The newsroom's own stylesheet, served through the site's AssetRegistry (hashed, precompressed). */
import { sourcePath } from '../platform/paths.js'
import type { AppDeps } from '../server/deps.js'

const ADMIN_CSS = sourcePath('admin', 'assets', 'admin.css')

export function adminStylesheetUrl(deps: AppDeps): string {
  return deps.assets.register(ADMIN_CSS).url
}
