/**
 * @module
 * Password hashing with argon2id (@node-rs/argon2, OWASP parameters: 19 MiB, 2 passes).
 * A sign-in for an e-mail with no account still verifies against a dummy hash, so the
 * answer takes as long as for a real account.
 */
import { hash, verify } from '@node-rs/argon2'

/** argon2id = 2 in @node-rs/argon2 (a const enum, not importable under isolatedModules). */
const ARGON2ID = 2
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const

export const PASSWORD_MIN = 10
export const PASSWORD_MAX = 256

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS as Parameters<typeof hash>[1])
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}

let dummy: Promise<string> | null = null

/** Spends the time a real verification takes; always false. */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummy ??= hashPassword('depesza-dummy-password-for-unknown-accounts')
  await verifyPassword(await dummy, password)
  return false
}
