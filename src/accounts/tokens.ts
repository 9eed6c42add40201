/**
 * @module
 * Random tokens for links and cookies, and how they are stored: only a sha256 of a token
 * reaches the database, so a leaked table cannot be replayed as live links or sessions.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

/** 32 random bytes, base64url (43 characters). */
export function newToken(): string {
  return randomBytes(32).toString('base64url')
}

/** What a token looks like; anything else is refused before touching the database. */
export const TOKEN_RE = /^[A-Za-z0-9_-]{20,100}$/

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex')
}

export function hmacBase64url(key: string | Buffer, message: string): string {
  return createHmac('sha256', key).update(message).digest('base64url')
}

/** Constant-time string comparison (false for different lengths). */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}
