/**
 * @module
 * What a newsroom page needs to render inside the admin shell, for handlers behind
 * `requireUser()` / `requireRole(…)`:
 *
 * ```tsx
 * app.get('/admin/artykuly', requireUser(), async (c) => {
 *   const view = await adminView(c, deps)
 *   return sendHtml(c, <AdminLayout view={view} title={view.m['nav.stories']}>…</AdminLayout>)
 * })
 * ```
 */
import type { Context } from 'hono'
import { csrfToken, currentUser } from '../accounts/auth.js'
import type { AppDeps } from '../server/deps.js'
import { adminStylesheetUrl } from './assets.js'
import { messages } from './i18n.js'
import type { AdminView } from './views/layout.js'

export type { AdminView } from './views/layout.js'
export { AdminLayout, Csrf } from './views/layout.js'

export async function adminView(c: Context, deps: AppDeps): Promise<AdminView> {
  const user = currentUser(c)
  const { site } = await deps.siteData.get()
  return {
    m: messages(user.language),
    lang: user.language,
    user,
    csrf: csrfToken(c),
    stylesheet: adminStylesheetUrl(deps),
    path: c.req.path,
    timeZone: site.timeZone,
  }
}
