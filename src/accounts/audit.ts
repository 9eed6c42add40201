/**
 * @module
 * The audit log: who did what, when, to what, from where. Written by the accounts module
 * (sign-ins, failed sign-ins, role changes, invitations …) and by the editorial workflow
 * (publish, unpublish, corrections) through `audit()`; read by administrators on
 * `/admin/dziennik`.
 */
import type { Context } from 'hono'
import { clientIp } from '../contact/rate-limit.js'
import type { Db } from '../platform/db/database.js'
import type { AppDeps } from '../server/deps.js'

export interface AuditEntry {
  actorUserId: number | null
  action: string
  target: string | null
  detail?: Record<string, unknown>
  ip?: string
  at: Date
}

export async function writeAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: entry.at.toISOString(),
      actor_user_id: entry.actorUserId,
      action: entry.action.slice(0, 100),
      target: entry.target === null ? null : entry.target.slice(0, 500),
      detail: JSON.stringify(entry.detail ?? {}),
      ip: (entry.ip ?? '').slice(0, 100),
    })
    .execute()
}

/**
 * Records an action by the signed-in user of this request (`c.get('user')`; none for
 * anonymous requests such as a failed sign-in), with the client's IP and the app's clock.
 * `target` names the object, e.g. `user:12`, `article:345`; `detail` is any JSON object.
 */
export async function audit(deps: AppDeps, c: Context, action: string, target: string | null, detail: Record<string, unknown> = {}): Promise<void> {
  const user = c.get('user')
  await writeAudit(deps.dbh.db, {
    actorUserId: user ? user.id : null,
    action,
    target,
    detail,
    ip: clientIp(c, deps.config.trustProxy),
    at: deps.now(),
  })
}

export interface AuditListItem {
  id: number
  at: string
  actorUserId: number | null
  actorName: string | null
  actorEmail: string | null
  action: string
  target: string | null
  detail: Record<string, unknown>
  ip: string
}

/** Newest first; `beforeId` pages backwards, `afterId` forwards (then still newest first). */
export async function listAudit(
  db: Db,
  options: { action?: string | undefined; beforeId?: number | undefined; afterId?: number | undefined; limit: number },
): Promise<AuditListItem[]> {
  let q = db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_user_id')
    .select([
      'audit_log.id',
      'audit_log.at',
      'audit_log.actor_user_id',
      'audit_log.action',
      'audit_log.target',
      'audit_log.detail',
      'audit_log.ip',
      'users.name as actor_name',
      'users.email as actor_email',
    ])
  if (options.action) q = q.where('audit_log.action', '=', options.action)
  if (options.beforeId !== undefined) q = q.where('audit_log.id', '<', options.beforeId)
  if (options.afterId !== undefined) q = q.where('audit_log.id', '>', options.afterId)
  const rows = await q
    .orderBy('audit_log.id', options.afterId !== undefined ? 'asc' : 'desc')
    .limit(options.limit)
    .execute()
  if (options.afterId !== undefined) rows.reverse()
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actorUserId: r.actor_user_id,
    actorName: r.actor_name,
    actorEmail: r.actor_email,
    action: r.action,
    target: r.target,
    detail: parseDetail(r.detail),
    ip: r.ip,
  }))
}

/** Distinct actions present in the log (for the filter). */
export async function auditActions(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('audit_log').select('action').distinct().orderBy('action').execute()
  return rows.map((r) => r.action)
}

function parseDetail(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text)
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : { value }
  } catch {
    return { raw: text }
  }
}
