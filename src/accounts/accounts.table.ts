import type { Generated, Selectable } from 'kysely'
import type { Language, Role } from './roles.js'

export interface UserTable {
  id: Generated<number>
  /** Trimmed and lower-cased; unique. */
  email: string
  name: string
  role: Role
  /** argon2id PHC string. */
  password_hash: string
  language: Generated<Language>
  /** AES-256-GCM sealed base32 secret (see secrets.ts); set during enrolment, before it is enabled. */
  totp_secret: string | null
  totp_enabled: Generated<number>
  /** The last accepted 30-second step: a code is never accepted twice. */
  totp_last_step: number | null
  disabled: Generated<number>
  created_at: string
  last_login_at: string | null
}

export interface SessionTable {
  /** sha256 (hex) of the cookie's token: a database leak does not leak live sessions. */
  id: string
  user_id: number
  created_at: string
  last_seen_at: string
  expires_at: string
  ip: Generated<string>
  user_agent: Generated<string>
  /** 1 while the password was right but the TOTP code is still due (not a signed-in session). */
  mfa_pending: Generated<number>
}

export interface InvitationTable {
  id: Generated<number>
  token_hash: string
  email: string
  role: Role
  invited_by: number | null
  created_at: string
  expires_at: string
  used_at: string | null
  revoked_at: string | null
  /** The account created by accepting it. */
  user_id: number | null
}

export interface PasswordResetTable {
  id: Generated<number>
  token_hash: string
  user_id: number
  created_at: string
  expires_at: string
  used_at: string | null
}

export interface LoginAttemptTable {
  id: Generated<number>
  at: string
  /** The e-mail as typed (normalised), whether or not an account has it. */
  email: string
  ip: string
  success: number
}

export interface AuditLogTable {
  id: Generated<number>
  at: string
  actor_user_id: number | null
  action: string
  target: string | null
  /** JSON object. */
  detail: Generated<string>
  ip: Generated<string>
}

export interface AccountTables {
  users: UserTable
  sessions: SessionTable
  invitations: InvitationTable
  password_resets: PasswordResetTable
  login_attempts: LoginAttemptTable
  audit_log: AuditLogTable
}

export type UserRow = Selectable<UserTable>
export type InvitationRow = Selectable<InvitationTable>
export type AuditRow = Selectable<AuditLogTable>
