/** The newsroom's error pages: 403 (role), 404, and a refused form (CSRF). */
import type { Context } from 'hono'
import type { SessionUser } from '../../accounts/roles.js'
import type { AppDeps } from '../../server/deps.js'
import { adminStylesheetUrl } from '../assets.js'
import { messages } from '../i18n.js'
import { AdminLayout, AuthLayout } from './layout.js'
import { sendHtml } from '../../platform/html.js'

export type AdminErrorKind = 403 | 404 | 'csrf'

export async function renderAdminError(c: Context, deps: AppDeps, kind: AdminErrorKind, who: { user: SessionUser | null; csrf: string }): Promise<Response> {
  const lang = who.user?.language ?? 'pl'
  const m = messages(lang)
  const title = kind === 403 ? m.forbiddenTitle : kind === 404 ? m.notFoundTitle : m.csrfTitle
  const body = kind === 403 ? m.forbiddenText : kind === 404 ? m.notFoundText : m.csrfText
  const status = kind === 404 ? 404 : 403
  const stylesheet = adminStylesheetUrl(deps)
  c.header('Cache-Control', 'private, no-store')
  if (!who.user) {
    return sendHtml(
      c,
      <AuthLayout m={m} lang={lang} stylesheet={stylesheet} title={title}>
        <h1>{title}</h1>
        <p>{body}</p>
        <p>
          <a href="/admin/logowanie">{m.backToLogin}</a>
        </p>
      </AuthLayout>,
      status,
    )
  }
  const timeZone = (await deps.siteData.get()).site.timeZone
  return sendHtml(
    c,
    <AdminLayout view={{ m, lang, user: who.user, csrf: who.csrf, stylesheet, path: c.req.path, timeZone }} title={title}>
      <h1>{title}</h1>
      <p>{body}</p>
      <p>
        <a href="/admin">{m.backToDashboard}</a>
      </p>
    </AdminLayout>,
    status,
  )
}
