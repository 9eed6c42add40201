/**
 * @module
 * Accounts for tests: `createUser(db, role)` inserts a user (argon2id hash, as the app
 * does); `loginAs(t, user)` returns an HttpSession signed in as that user (a session row
 * and its cookie, without going through the sign-in form and its throttling).
 */
import type { Db } from '../src/platform/db/database.js'
import { hashPassword } from '../src/accounts/passwords.js'
import type { Language, Role, SessionUser } from '../src/accounts/roles.js'
import { createSession } from '../src/accounts/sessions.js'
import { HttpSession, type SessionOptions } from './http-session.js'

export interface TestUser extends SessionUser {
  password: string
}

let counter = 0
const hashes = new Map<string, Promise<string>>()

export async function createUser(
  db: Db,
  role: Role,
  options: { email?: string; name?: string; password?: string; language?: Language; disabled?: boolean } = {},
): Promise<TestUser> {
  const n = ++counter
  const email = (options.email ?? `${role}${n}.${process.pid}@depesza.test`).toLowerCase()
  const name = options.name ?? `Test ${role} ${n}`
  const password = options.password ?? 'hasło-testowe-123'
  const language = options.language ?? 'pl'
  // One argon2 hash per distinct password keeps suites fast.
  let hash = hashes.get(password)
  if (!hash) hashes.set(password, (hash = hashPassword(password)))
  const row = await db
    .insertInto('users')
    .values({
      email,
      name,
      role,
      password_hash: await hash,
      language,
      totp_secret: null,
      totp_last_step: null,
      disabled: options.disabled ? 1 : 0,
      created_at: new Date().toISOString(),
      last_login_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { id: row.id, email, name, role, language, password }
}

interface AppLike {
  app: { request(input: string, init?: RequestInit): Response | Promise<Response> }
  deps: { dbh: { db: Db }; now: () => Date }
}

/** A signed-in session for the user (cookie `depesza_session` set in the jar). */
export async function loginAs(t: AppLike, user: { id: number }, options: SessionOptions = {}): Promise<HttpSession> {
  const token = await createSession(t.deps.dbh.db, user.id, t.deps.now(), { ip: '127.0.0.1', userAgent: 'vitest' })
  const session = new HttpSession(t.app, options)
  session.cookies.set('depesza_session', token)
  return session
}

/** One user of every role. */
export async function createStaff(db: Db): Promise<Record<Role, TestUser>> {
  return {
    administrator: await createUser(db, 'administrator'),
    editor: await createUser(db, 'editor'),
    author: await createUser(db, 'author'),
    contributor: await createUser(db, 'contributor'),
    translator: await createUser(db, 'translator'),
  }
}
