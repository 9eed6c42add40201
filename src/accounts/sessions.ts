/**
 * @module
 * Sessions in the database. The cookie holds a random token; the row's id is its sha256.
 *
 * Lifetime: a session ends after 2 days without use (idle) and at the latest 14 days after
 * sign-in (absolute). Each use slides `expires_at` to min(now + 2 days, created + 14 days);
 * the row is written at most once a minute per session, not on every request.
 */
import type { Db } from '../platform/db/database.js'
import { isLanguage, isRole, type SessionUser } from './roles.js'
import { newToken, sha256Hex, TOKEN_RE } from './tokens.js'

export const SESSION_IDLE_MS = 2 * 24 * 60 * 60 * 1000
export const SESSION_MAX_MS = 14 * 24 * 60 * 60 * 1000
/** Between the password and the TOTP code. */
export const MFA_PENDING_MS = 5 * 60 * 1000
const TOUCH_EVERY_MS = 60 * 1000

export interface SessionMeta {
  ip: string
  userAgent: string
}

export interface LoadedSession {
  /** sha256 of the token (the row id). */
  id: string
  /** The cookie's token (CSRF tokens are derived from it). */
  token: string
  user: SessionUser
  expiresAt: string
}

function expiry(createdAt: number, now: number): string {
  return new Date(Math.min(now + SESSION_IDLE_MS, createdAt + SESSION_MAX_MS)).toISOString()
}

/** Creates a session and returns its token (for the cookie). */
export async function createSession(db: Db, userId: number, now: Date, meta: SessionMeta, options: { mfaPending?: boolean } = {}): Promise<string> {
  const token = newToken()
  const at = now.toISOString()
  await db
    .insertInto('sessions')
    .values({
      id: sha256Hex(token),
      user_id: userId,
      created_at: at,
      last_seen_at: at,
      expires_at: options.mfaPending ? new Date(now.getTime() + MFA_PENDING_MS).toISOString() : expiry(now.getTime(), now.getTime()),
      ip: meta.ip.slice(0, 100),
      user_agent: meta.userAgent.slice(0, 500),
      mfa_pending: options.mfaPending ? 1 : 0,
    })
    .execute()
  return token
}

/** The signed-in user behind a session token, or null (unknown, expired, disabled, pending). */
export async function loadSession(db: Db, token: string, now: Date, options: { mfaPending?: boolean } = {}): Promise<LoadedSession | null> {
  if (!TOKEN_RE.test(token)) return null
  const id = sha256Hex(token)
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.created_at',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'sessions.mfa_pending',
      'users.id as user_id',
      'users.email',
      'users.name',
      'users.role',
      'users.language',
      'users.disabled',
    ])
    .where('sessions.id', '=', id)
    .executeTakeFirst()
  if (!row) return null
  const nowMs = now.getTime()
  if (Date.parse(row.expires_at) <= nowMs || row.disabled !== 0) {
    await db.deleteFrom('sessions').where('id', '=', id).execute()
    return null
  }
  if ((row.mfa_pending !== 0) !== (options.mfaPending ?? false)) return null
  if (!isRole(row.role)) return null
  let expiresAt = row.expires_at
  if (!options.mfaPending && nowMs - Date.parse(row.last_seen_at) >= TOUCH_EVERY_MS) {
    expiresAt = expiry(Date.parse(row.created_at), nowMs)
    await db.updateTable('sessions').set({ last_seen_at: now.toISOString(), expires_at: expiresAt }).where('id', '=', id).execute()
  }
  return {
    id,
    token,
    expiresAt,
    user: { id: row.user_id, email: row.email, name: row.name, role: row.role, language: isLanguage(row.language) ? row.language : 'pl' },
  }
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  if (!TOKEN_RE.test(token)) return
  await db.deleteFrom('sessions').where('id', '=', sha256Hex(token)).execute()
}

/** Ends every session of a user, except one (the current) when given. */
export async function deleteUserSessions(db: Db, userId: number, exceptToken?: string): Promise<number> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId)
  if (exceptToken) q = q.where('id', '!=', sha256Hex(exceptToken))
  const result = await q.executeTakeFirst()
  return Number(result.numDeletedRows)
}

export async function countUserSessions(db: Db, userId: number, now: Date): Promise<number> {
  const row = await db
    .selectFrom('sessions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('mfa_pending', '=', 0)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Drops expired rows (run now and then, e.g. on sign-in). */
export async function pruneSessions(db: Db, now: Date): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', now.toISOString()).execute()
}
