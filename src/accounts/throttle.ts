/**
 * @module
 * Sign-in throttling kept in the database (`login_attempts`), so it holds across restarts
 * and across several app instances on one PostgreSQL.
 *
 * - per account (the e-mail as typed, whether or not it exists): 5 failures within 15
 *   minutes lock further attempts until the oldest of them is 15 minutes old; a successful
 *   sign-in clears the count;
 * - per IP address: 20 failures within 15 minutes, whatever the e-mails.
 * Refused (throttled) attempts are not recorded, so a locked account unlocks on time even
 * under a continuing attack; a wrong TOTP code counts as a failure of the account.
 */
import type { Db } from '../platform/db/database.js'

export interface ThrottleLimits {
  perAccount: number
  perIp: number
  windowMs: number
}

export const DEFAULT_THROTTLE: ThrottleLimits = { perAccount: 5, perIp: 20, windowMs: 15 * 60 * 1000 }
const KEEP_MS = 24 * 60 * 60 * 1000

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterMs: number; scope: 'account' | 'ip' }

export class LoginThrottle {
  constructor(
    private readonly db: Db,
    readonly limits: ThrottleLimits = DEFAULT_THROTTLE,
  ) {}

  async check(email: string, ip: string, now: Date): Promise<ThrottleDecision> {
    const nowMs = now.getTime()
    const since = new Date(nowMs - this.limits.windowMs).toISOString()
    const accountRows = await this.db
      .selectFrom('login_attempts')
      .select(['at', 'success'])
      .where('email', '=', email)
      .where('at', '>', since)
      .orderBy('at', 'asc')
      .orderBy('id', 'asc')
      .execute()
    let failures: string[] = []
    for (const row of accountRows) failures = row.success ? [] : [...failures, row.at]
    if (failures.length >= this.limits.perAccount) {
      const oldest = failures[failures.length - this.limits.perAccount]!
      return { allowed: false, scope: 'account', retryAfterMs: Math.max(1000, Date.parse(oldest) + this.limits.windowMs - nowMs) }
    }
    const ipRows = await this.db
      .selectFrom('login_attempts')
      .select('at')
      .where('ip', '=', ip)
      .where('success', '=', 0)
      .where('at', '>', since)
      .orderBy('at', 'desc')
      .limit(this.limits.perIp)
      .execute()
    if (ipRows.length >= this.limits.perIp) {
      const oldest = ipRows[ipRows.length - 1]!.at
      return { allowed: false, scope: 'ip', retryAfterMs: Math.max(1000, Date.parse(oldest) + this.limits.windowMs - nowMs) }
    }
    return { allowed: true }
  }

  async record(email: string, ip: string, success: boolean, now: Date): Promise<void> {
    await this.db
      .insertInto('login_attempts')
      .values({ at: now.toISOString(), email: email.slice(0, 320), ip: ip.slice(0, 100), success: success ? 1 : 0 })
      .execute()
    if (!success) {
      await this.db
        .deleteFrom('login_attempts')
        .where('at', '<', new Date(now.getTime() - KEEP_MS).toISOString())
        .execute()
    }
  }
}
