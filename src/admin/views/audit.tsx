/** The audit log (administrators): newest first, filter by action, paged by id. */
import type { AuditListItem } from '../../accounts/audit.js'
import { auditActionLabel } from '../i18n.js'
import { formatWhen } from './format.js'
import { AdminLayout, type AdminView } from './layout.js'

export interface AuditState {
  entries: AuditListItem[]
  actions: string[]
  action: string
  older: number | null
  newer: number | null
}

function pageHref(action: string, param: 'przed' | 'po', id: number): string {
  const q = new URLSearchParams()
  if (action) q.set('dzialanie', action)
  q.set(param, String(id))
  return `/admin/dziennik?${q.toString()}`
}

export function AuditPage({ view, state }: { view: AdminView; state: AuditState }) {
  const { m, lang, timeZone } = view
  return (
    <AdminLayout view={view} title={m.auditTitle}>
      <h1>{m.auditTitle}</h1>
      <form class="filters" method="get" action="/admin/dziennik">
        <div class="field">
          <label for="dziennik-dzialanie">{m.auditFilterAction}</label>
          <select id="dziennik-dzialanie" name="dzialanie">
            <option value="">{m.auditFilterAll}</option>
            {state.actions.map((a) => (
              <option value={a} selected={a === state.action}>
                {auditActionLabel(m, a)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="secondary">
          {m.auditFilter}
        </button>
      </form>
      {state.entries.length === 0 ? (
        <p class="muted">{m.auditEmpty}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{m.auditColTime}</th>
                <th scope="col">{m.auditColActor}</th>
                <th scope="col">{m.auditColAction}</th>
                <th scope="col">{m.auditColTarget}</th>
                <th scope="col">{m.auditColDetail}</th>
                <th scope="col">{m.auditColIp}</th>
              </tr>
            </thead>
            <tbody>
              {state.entries.map((e) => (
                <tr>
                  <td>
                    <time datetime={e.at}>{formatWhen(e.at, lang, timeZone)}</time>
                  </td>
                  <td>{e.actorName ? `${e.actorName} (${e.actorEmail ?? ''})` : e.actorUserId === null ? m.auditSystem : `#${e.actorUserId}`}</td>
                  <td>
                    {auditActionLabel(m, e.action)} <span class="muted mono">{e.action}</span>
                  </td>
                  <td class="mono">{e.target ?? ''}</td>
                  <td class="detail">{Object.keys(e.detail).length ? JSON.stringify(e.detail, null, 1) : ''}</td>
                  <td class="mono">{e.ip}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav class="pager" aria-label={m.auditTitle}>
        {state.newer !== null ? <a href={pageHref(state.action, 'po', state.newer)}>{m.auditNewer}</a> : null}
        {state.older !== null ? <a href={pageHref(state.action, 'przed', state.older)}>{m.auditOlder}</a> : null}
      </nav>
    </AdminLayout>
  )
}
