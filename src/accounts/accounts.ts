/**
 * @module
 * Accounts: users, the owner set-up, invitations, password resets and TOTP enrolment.
 * HTTP lives in src/admin/routes.tsx; sessions in sessions.ts; throttling in throttle.ts.
 */
import type { Db } from '../platform/db/database.js'
import type { AppDeps } from '../server/deps.js'
import type { UserRow } from './accounts.table.js'
import { hashPassword } from './passwords.js'
import { isLanguage, isRole, type Language, type Role, type User } from './roles.js'
import { SecretBox } from './secrets.js'
import { deleteUserSessions } from './sessions.js'
import { LoginThrottle } from './throttle.js'
import { newToken, safeEqual, sha256Hex, TOKEN_RE } from './tokens.js'
import { newTotpSecret, verifyTotp } from './totp.js'

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000
export const RESET_TTL_MS = 60 * 60 * 1000
const OWNER_SETUP_KEY = 'owner_setup'
const OWNER_CREATED_KEY = 'owner_created'

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: isRole(row.role) ? row.role : 'contributor',
    language: isLanguage(row.language) ? row.language : 'pl',
    disabled: row.disabled !== 0,
    totpEnabled: row.totp_enabled !== 0,
    createdAt: row.created_at,
    lastLoginAt: row.last_login_at,
  }
}

export interface NewUser {
  email: string
  name: string
  role: Role
  password: string
  language?: Language
}

export class EmailTakenError extends Error {
  constructor() {
    super('e-mail already has an account')
  }
}

export class LastAdministratorError extends Error {
  constructor() {
    super('the last active administrator cannot be demoted or disabled')
  }
}

export interface PendingInvitation {
  id: number
  email: string
  role: Role
  createdAt: string
  expiresAt: string
  invitedByName: string | null
}

const services = new WeakMap<AppDeps, Promise<Accounts>>()

export class Accounts {
  readonly throttle: LoginThrottle

  constructor(
    readonly db: Db,
    readonly box: SecretBox,
    readonly now: () => Date,
  ) {
    this.throttle = new LoginThrottle(db)
  }

  /** One instance per application. */
  static for(deps: AppDeps): Promise<Accounts> {
    let found = services.get(deps)
    if (!found) {
      found = SecretBox.open(deps.dbh.db, deps.config.secretKey).then((box) => new Accounts(deps.dbh.db, box, deps.now))
      found.catch(() => services.delete(deps))
      services.set(deps, found)
    }
    return found
  }

  // ── users ────────────────────────────────────────────────────────────────

  async findByEmail(email: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst()
  }

  async getRow(id: number): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()
  }

  async getUser(id: number): Promise<User | null> {
    const row = await this.getRow(id)
    return row ? toUser(row) : null
  }

  async listUsers(): Promise<User[]> {
    const rows = await this.db.selectFrom('users').selectAll().orderBy('name').orderBy('id').execute()
    return rows.map(toUser)
  }

  /** Inserts a user (the password is hashed here); EmailTakenError when the e-mail is used. */
  async createUser(input: NewUser, db: Db = this.db): Promise<number> {
    const passwordHash = await hashPassword(input.password)
    return this.insertUser(db, input, passwordHash)
  }

  private async insertUser(db: Db, input: Omit<NewUser, 'password'>, passwordHash: string): Promise<number> {
    const existing = await db.selectFrom('users').select('id').where('email', '=', input.email).executeTakeFirst()
    if (existing) throw new EmailTakenError()
    try {
      const row = await db
        .insertInto('users')
        .values({
          email: input.email,
          name: input.name,
          role: input.role,
          password_hash: passwordHash,
          language: input.language ?? 'pl',
          totp_secret: null,
          totp_last_step: null,
          created_at: this.now().toISOString(),
          last_login_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      return row.id
    } catch (err) {
      const again = await db.selectFrom('users').select('id').where('email', '=', input.email).executeTakeFirst().catch(() => undefined)
      if (again) throw new EmailTakenError()
      throw err
    }
  }

  async setPassword(userId: number, password: string): Promise<void> {
    const passwordHash = await hashPassword(password)
    await this.db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute()
  }

  async setLanguage(userId: number, language: Language): Promise<void> {
    await this.db.updateTable('users').set({ language }).where('id', '=', userId).execute()
  }

  async markSignedIn(userId: number): Promise<void> {
    await this.db.updateTable('users').set({ last_login_at: this.now().toISOString() }).where('id', '=', userId).execute()
  }

  private async otherActiveAdministrators(userId: number): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('role', '=', 'administrator')
      .where('disabled', '=', 0)
      .where('id', '!=', userId)
      .executeTakeFirstOrThrow()
    return Number(row.n)
  }

  /** Changes a role; LastAdministratorError when that would leave no active administrator. */
  async setRole(userId: number, role: Role): Promise<{ from: Role; to: Role } | null> {
    const row = await this.getRow(userId)
    if (!row) return null
    const from = toUser(row).role
    if (from === 'administrator' && role !== 'administrator' && row.disabled === 0 && (await this.otherActiveAdministrators(userId)) === 0) {
      throw new LastAdministratorError()
    }
    await this.db.updateTable('users').set({ role }).where('id', '=', userId).execute()
    return { from, to: role }
  }

  /** Disables (ending every session) or enables an account. */
  async setDisabled(userId: number, disabled: boolean): Promise<User | null> {
    const row = await this.getRow(userId)
    if (!row) return null
    if (disabled && row.role === 'administrator' && row.disabled === 0 && (await this.otherActiveAdministrators(userId)) === 0) {
      throw new LastAdministratorError()
    }
    await this.db.updateTable('users').set({ disabled: disabled ? 1 : 0 }).where('id', '=', userId).execute()
    if (disabled) await deleteUserSessions(this.db, userId)
    return toUser({ ...row, disabled: disabled ? 1 : 0 })
  }

  // ── owner set-up ────────────────────────────────────────────────────────

  async ownerCreated(): Promise<boolean> {
    const row = await this.db.selectFrom('settings').select('key').where('key', '=', OWNER_CREATED_KEY).executeTakeFirst()
    return row !== undefined
  }

  /** Whether the printed owner set-up token is the current one, unexpired and unused. */
  async ownerSetupValid(token: string): Promise<boolean> {
    if (!TOKEN_RE.test(token) || (await this.ownerCreated())) return false
    const row = await this.db.selectFrom('settings').select('value').where('key', '=', OWNER_SETUP_KEY).executeTakeFirst()
    if (!row) return false
    let stored: { tokenSha256?: unknown; expiresAt?: unknown }
    try {
      stored = JSON.parse(row.value) as typeof stored
    } catch {
      return false
    }
    if (typeof stored.tokenSha256 !== 'string' || typeof stored.expiresAt !== 'string') return false
    return safeEqual(sha256Hex(token), stored.tokenSha256) && Date.parse(stored.expiresAt) > this.now().getTime()
  }

  /**
   * Creates the owner (an administrator) and marks the set-up done, once: the
   * `owner_created` key is the lock (a second, concurrent use fails on its primary key).
   * Null when the token is no longer valid.
   */
  async completeOwnerSetup(token: string, input: Omit<NewUser, 'role'>): Promise<number | null> {
    if (!(await this.ownerSetupValid(token))) return null
    const passwordHash = await hashPassword(input.password)
    try {
      return await this.db.transaction().execute(async (trx) => {
        await trx.insertInto('settings').values({ key: OWNER_CREATED_KEY, value: JSON.stringify({ at: this.now().toISOString() }) }).execute()
        await trx.deleteFrom('settings').where('key', '=', OWNER_SETUP_KEY).execute()
        return this.insertUser(trx, { ...input, role: 'administrator' }, passwordHash)
      })
    } catch (err) {
      if (err instanceof EmailTakenError) throw err
      if (await this.ownerCreated()) return null
      throw err
    }
  }

  // ── invitations ─────────────────────────────────────────────────────────

  async openInvitationFor(email: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('invitations')
      .select('id')
      .where('email', '=', email)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', this.now().toISOString())
      .executeTakeFirst()
    return row !== undefined
  }

  async createInvitation(email: string, role: Role, invitedBy: number): Promise<{ id: number; token: string }> {
    const token = newToken()
    const now = this.now()
    const row = await this.db
      .insertInto('invitations')
      .values({
        token_hash: sha256Hex(token),
        email,
        role,
        invited_by: invitedBy,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + INVITATION_TTL_MS).toISOString(),
        used_at: null,
        revoked_at: null,
        user_id: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return { id: row.id, token }
  }

  /** A fresh link (and 7 more days) for an open invitation; the old link stops working. */
  async reissueInvitation(id: number): Promise<{ token: string; email: string; role: Role } | null> {
    const row = await this.db.selectFrom('invitations').selectAll().where('id', '=', id).where('used_at', 'is', null).where('revoked_at', 'is', null).executeTakeFirst()
    if (!row || !isRole(row.role)) return null
    const token = newToken()
    const now = this.now()
    await this.db
      .updateTable('invitations')
      .set({ token_hash: sha256Hex(token), created_at: now.toISOString(), expires_at: new Date(now.getTime() + INVITATION_TTL_MS).toISOString() })
      .where('id', '=', id)
      .execute()
    return { token, email: row.email, role: row.role }
  }

  async revokeInvitation(id: number): Promise<string | null> {
    const row = await this.db.selectFrom('invitations').select('email').where('id', '=', id).where('used_at', 'is', null).where('revoked_at', 'is', null).executeTakeFirst()
    if (!row) return null
    await this.db.updateTable('invitations').set({ revoked_at: this.now().toISOString() }).where('id', '=', id).execute()
    return row.email
  }

  async pendingInvitations(): Promise<PendingInvitation[]> {
    const rows = await this.db
      .selectFrom('invitations')
      .leftJoin('users', 'users.id', 'invitations.invited_by')
      .select(['invitations.id', 'invitations.email', 'invitations.role', 'invitations.created_at', 'invitations.expires_at', 'users.name as invited_by_name'])
      .where('invitations.used_at', 'is', null)
      .where('invitations.revoked_at', 'is', null)
      .orderBy('invitations.id', 'desc')
      .execute()
    return rows.flatMap((r) =>
      isRole(r.role) ? [{ id: r.id, email: r.email, role: r.role, createdAt: r.created_at, expiresAt: r.expires_at, invitedByName: r.invited_by_name }] : [],
    )
  }

  /** An invitation that can still be accepted. */
  async findInvitation(token: string): Promise<{ id: number; email: string; role: Role } | null> {
    if (!TOKEN_RE.test(token)) return null
    const row = await this.db
      .selectFrom('invitations')
      .select(['id', 'email', 'role'])
      .where('token_hash', '=', sha256Hex(token))
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', this.now().toISOString())
      .executeTakeFirst()
    if (!row || !isRole(row.role)) return null
    return { id: row.id, email: row.email, role: row.role }
  }

  /** Creates the invited account, once. Null when the invitation is no longer valid. */
  async acceptInvitation(token: string, input: { name: string; password: string; language?: Language }): Promise<{ userId: number; email: string; role: Role } | null> {
    const invitation = await this.findInvitation(token)
    if (!invitation) return null
    const passwordHash = await hashPassword(input.password)
    const at = this.now().toISOString()
    return this.db.transaction().execute(async (trx) => {
      const claimed = await trx
        .updateTable('invitations')
        .set({ used_at: at })
        .where('id', '=', invitation.id)
        .where('used_at', 'is', null)
        .where('revoked_at', 'is', null)
        .executeTakeFirst()
      if (Number(claimed.numUpdatedRows) !== 1) return null
      const userId = await this.insertUser(trx, { email: invitation.email, name: input.name, role: invitation.role, language: input.language ?? 'pl' }, passwordHash)
      await trx.updateTable('invitations').set({ user_id: userId }).where('id', '=', invitation.id).execute()
      return { userId, email: invitation.email, role: invitation.role }
    })
  }

  // ── password resets ─────────────────────────────────────────────────────

  /** A one-hour link; earlier unused links of the user stop working. */
  async createPasswordReset(userId: number): Promise<string> {
    const token = newToken()
    const now = this.now()
    await this.db.deleteFrom('password_resets').where('user_id', '=', userId).where('used_at', 'is', null).execute()
    await this.db
      .insertInto('password_resets')
      .values({ token_hash: sha256Hex(token), user_id: userId, created_at: now.toISOString(), expires_at: new Date(now.getTime() + RESET_TTL_MS).toISOString(), used_at: null })
      .execute()
    return token
  }

  async findPasswordReset(token: string): Promise<{ id: number; userId: number } | null> {
    if (!TOKEN_RE.test(token)) return null
    const row = await this.db
      .selectFrom('password_resets')
      .innerJoin('users', 'users.id', 'password_resets.user_id')
      .select(['password_resets.id', 'password_resets.user_id'])
      .where('password_resets.token_hash', '=', sha256Hex(token))
      .where('password_resets.used_at', 'is', null)
      .where('password_resets.expires_at', '>', this.now().toISOString())
      .where('users.disabled', '=', 0)
      .executeTakeFirst()
    return row ? { id: row.id, userId: row.user_id } : null
  }

  /** Sets the new password and signs the user out everywhere, once. */
  async completePasswordReset(token: string, password: string): Promise<number | null> {
    const reset = await this.findPasswordReset(token)
    if (!reset) return null
    const passwordHash = await hashPassword(password)
    const claimed = await this.db
      .updateTable('password_resets')
      .set({ used_at: this.now().toISOString() })
      .where('id', '=', reset.id)
      .where('used_at', 'is', null)
      .executeTakeFirst()
    if (Number(claimed.numUpdatedRows) !== 1) return null
    await this.db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', reset.userId).execute()
    await deleteUserSessions(this.db, reset.userId)
    return reset.userId
  }

  // ── TOTP ────────────────────────────────────────────────────────────────

  /** The secret being enrolled (not yet confirmed), creating one when needed. */
  async totpEnrolmentSecret(userId: number, options: { fresh?: boolean } = {}): Promise<string | null> {
    const row = await this.getRow(userId)
    if (!row || row.totp_enabled) return null
    const existing = !options.fresh && row.totp_secret ? this.box.open(row.totp_secret) : null
    if (existing) return existing
    const secret = newTotpSecret()
    await this.db.updateTable('users').set({ totp_secret: this.box.seal(secret), totp_last_step: null }).where('id', '=', userId).execute()
    return secret
  }

  /** Confirms enrolment with a code from the app; true when it is now enabled. */
  async confirmTotp(userId: number, code: string): Promise<boolean> {
    const row = await this.getRow(userId)
    if (!row || row.totp_enabled || !row.totp_secret) return false
    const secret = this.box.open(row.totp_secret)
    if (!secret) return false
    const step = verifyTotp(secret, code, this.now())
    if (step === null) return false
    await this.db.updateTable('users').set({ totp_enabled: 1, totp_last_step: step }).where('id', '=', userId).execute()
    return true
  }

  /** Checks a sign-in (or confirmation) code; each code is accepted once. */
  async verifyUserTotp(userId: number, code: string): Promise<boolean> {
    const row = await this.getRow(userId)
    if (!row || !row.totp_enabled || !row.totp_secret) return false
    const secret = this.box.open(row.totp_secret)
    if (!secret) return false
    const step = verifyTotp(secret, code, this.now(), { afterStep: row.totp_last_step })
    if (step === null) return false
    // Conditional update: two requests with the same code cannot both pass.
    const updated = await this.db
      .updateTable('users')
      .set({ totp_last_step: step })
      .where('id', '=', userId)
      .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
      .executeTakeFirst()
    return Number(updated.numUpdatedRows) === 1
  }

  async disableTotp(userId: number): Promise<void> {
    await this.db.updateTable('users').set({ totp_enabled: 0, totp_secret: null, totp_last_step: null }).where('id', '=', userId).execute()
  }
}
