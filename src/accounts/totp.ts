/**
 * @module
 * Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP): HMAC-SHA1, 6 digits,
 * 30-second steps — what Google Authenticator, FreeOTP, Aegis and 1Password expect.
 * Secrets are 20 random bytes shown as RFC 4648 base32.
 */
import { createHmac, randomBytes } from 'node:crypto'

export const TOTP_STEP_SECONDS = 30
export const TOTP_DIGITS = 6
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

export function base32Encode(bytes: Uint8Array): string {
  let bits = 0
  let value = 0
  let out = ''
  for (const byte of bytes) {
    value = (value << 8) | byte
    bits += 8
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31]
      bits -= 5
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31]
  return out
}

/** Decodes base32, ignoring case, spaces, dashes and padding; null on any other character. */
export function base32Decode(text: string): Buffer | null {
  const clean = text.toUpperCase().replace(/[\s=-]/g, '')
  let bits = 0
  let value = 0
  const out: number[] = []
  for (const ch of clean) {
    const index = ALPHABET.indexOf(ch)
    if (index === -1) return null
    value = ((value << 5) | index) & 0xffff
    bits += 5
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff)
      bits -= 8
    }
  }
  return Buffer.from(out)
}

export function newTotpSecret(): string {
  return base32Encode(randomBytes(20))
}

/** RFC 4226 HOTP value for a counter. */
export function hotp(key: Uint8Array, counter: number, digits = TOTP_DIGITS, algorithm: 'sha1' | 'sha256' | 'sha512' = 'sha1'): string {
  const message = Buffer.alloc(8)
  message.writeBigUInt64BE(BigInt(counter))
  const mac = createHmac(algorithm, key).update(message).digest()
  const offset = mac[mac.length - 1]! & 0x0f
  const binary = ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!
  return String(binary % 10 ** digits).padStart(digits, '0')
}

export function totpStep(at: Date): number {
  return Math.floor(at.getTime() / 1000 / TOTP_STEP_SECONDS)
}

/** The code for a base32 secret at a time. */
export function totpCode(secret: string, at: Date): string {
  const key = base32Decode(secret)
  if (!key) throw new Error('invalid base32 secret')
  return hotp(key, totpStep(at))
}

/**
 * Checks a code against the steps around `at` (±`window`, for clock drift). Returns the
 * matching step, so callers can refuse a step that was already used (replay), or null.
 */
export function verifyTotp(secret: string, code: string, at: Date, options: { window?: number; afterStep?: number | null } = {}): number | null {
  const digits = code.replace(/\s+/g, '')
  if (!/^\d{6}$/.test(digits)) return null
  const key = base32Decode(secret)
  if (!key) return null
  const window = options.window ?? 1
  const current = totpStep(at)
  let matched: number | null = null
  // Check every candidate (no early exit) so timing does not tell which step matched.
  for (let step = current - window; step <= current + window; step++) {
    const ok = hotp(key, step) === digits
    if (ok && matched === null && (options.afterStep == null || step > options.afterStep)) matched = step
  }
  return matched
}

/** The `otpauth://` URI authenticator apps import (as text or a QR code). */
export function otpauthUri(secret: string, account: string, issuer: string): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`
  const params = new URLSearchParams({ secret, issuer, algorithm: 'SHA1', digits: String(TOTP_DIGITS), period: String(TOTP_STEP_SECONDS) })
  return `otpauth://totp/${label}?${params.toString()}`
}

/** "ABCD EFGH …" for reading off a screen. */
export function groupSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ')
}
