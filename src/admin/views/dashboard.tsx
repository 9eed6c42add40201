/** The dashboard (a placeholder until the editorial workflow fills it) and "w przygotowaniu" pages. */
import type { Child } from 'hono/jsx'
import { AdminLayout, type AdminView } from './layout.js'

/** `children`: the panels (src/admin/stories renders my drafts, in review, scheduled, published). */
export function DashboardPage({ view, children }: { view: AdminView; children?: Child }) {
  const { m } = view
  return (
    <AdminLayout view={view} title={m.dashboardTitle}>
      <h1>{m.dashboardTitle}</h1>
      <p>{m.dashboardWelcome(view.user.name)}</p>
      {children ?? <p class="muted">{m.dashboardText}</p>}
    </AdminLayout>
  )
}

export function ComingSoonPage({ view, title }: { view: AdminView; title: string }) {
  const { m } = view
  return (
    <AdminLayout view={view} title={title}>
      <h1>{title}</h1>
      <p>{m.comingSoonText}</p>
      <p>
        <a href="/admin">{m.backToDashboard}</a>
      </p>
    </AdminLayout>
  )
}
