import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { base32Decode, base32Encode, groupSecret, hotp, newTotpSecret, otpauthUri, totpCode, totpStep, verifyTotp } from './totp.js'

const RFC_SECRET = Buffer.from('12345678901234567890')

describe('base32 (RFC 4648)', () => {
  it('encodes and decodes the RFC test vectors', () => {
    const vectors: Array<[string, string]> = [
      ['', ''],
      ['f', 'MY'],
      ['fo', 'MZXQ'],
      ['foo', 'MZXW6'],
      ['foob', 'MZXW6YQ'],
      ['fooba', 'MZXW6YTB'],
      ['foobar', 'MZXW6YTBOI'],
    ]
    for (const [plain, encoded] of vectors) {
      expect(base32Encode(Buffer.from(plain))).toBe(encoded)
      expect(base32Decode(encoded)?.toString()).toBe(plain)
    }
  })

  it('ignores case, spaces, dashes and padding; refuses other characters', () => {
    expect(base32Decode('mzxw 6ytb-oi======')?.toString()).toBe('foobar')
    expect(base32Decode('MZXW1')).toBeNull()
  })

  it('makes 160-bit secrets that round-trip', () => {
    const secret = newTotpSecret()
    expect(secret).toMatch(/^[A-Z2-7]{32}$/)
    expect(base32Decode(secret)).toHaveLength(20)
    expect(groupSecret('ABCDEFGHIJ')).toBe('ABCD EFGH IJ')
  })
})

describe('HOTP (RFC 4226 appendix D)', () => {
  it('matches the published values', () => {
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489']
    expected.forEach((code, counter) => expect(hotp(RFC_SECRET, counter)).toBe(code))
  })
})

describe('TOTP (RFC 6238 appendix B, SHA-1)', () => {
  it('matches the published 8-digit values', () => {
    const vectors: Array<[number, string]> = [
      [59, '94287082'],
      [1111111109, '07081804'],
      [1111111111, '14050471'],
      [1234567890, '89005924'],
      [2000000000, '69279037'],
      [20000000000, '65353130'],
    ]
    for (const [seconds, code] of vectors) expect(hotp(RFC_SECRET, totpStep(new Date(seconds * 1000)), 8)).toBe(code)
  })

  it('accepts the neighbouring steps, refuses older ones and replays', () => {
    const secret = base32Encode(RFC_SECRET)
    const at = new Date('2026-11-27T12:00:10Z')
    const code = totpCode(secret, at)
    const step = totpStep(at)
    expect(verifyTotp(secret, code, at)).toBe(step)
    expect(verifyTotp(secret, code, new Date(at.getTime() + 30_000))).toBe(step)
    expect(verifyTotp(secret, code, new Date(at.getTime() - 30_000))).toBe(step)
    expect(verifyTotp(secret, code, new Date(at.getTime() + 61_000))).toBeNull()
    expect(verifyTotp(secret, code, at, { afterStep: step })).toBeNull()
    expect(verifyTotp(secret, ` ${code.slice(0, 3)} ${code.slice(3)} `, at)).toBe(step)
    expect(verifyTotp(secret, '12345', at)).toBeNull()
    expect(verifyTotp(secret, 'abcdef', at)).toBeNull()
  })

  it('agrees with an independent HMAC-SHA1 computation', () => {
    const secret = newTotpSecret()
    const at = new Date()
    const msg = Buffer.alloc(8)
    msg.writeBigUInt64BE(BigInt(Math.floor(at.getTime() / 30_000)))
    const mac = createHmac('sha1', base32Decode(secret)!).update(msg).digest()
    const o = mac[19]! & 15
    const expected = String((mac.readUInt32BE(o) & 0x7fffffff) % 1_000_000).padStart(6, '0')
    expect(totpCode(secret, at)).toBe(expected)
  })

  it('builds the otpauth URI authenticator apps import', () => {
    expect(otpauthUri('JBSWY3DPEHPK3PXP', 'anna@depesza.pl', 'Depesza Testowa')).toBe(
      'otpauth://totp/Depesza%20Testowa:anna%40depesza.pl?secret=JBSWY3DPEHPK3PXP&issuer=Depesza+Testowa&algorithm=SHA1&digits=6&period=30',
    )
  })
})
