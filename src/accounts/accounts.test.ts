import { describe, expect, it } from 'vitest'
import { createTestDb, DIALECTS } from '../../test/support.js'
import { safeNext } from '../admin/routes.js'
import { hashPassword, verifyAgainstDummy, verifyPassword } from './passwords.js'
import { SecretBox } from './secrets.js'
import { LoginThrottle } from './throttle.js'
import { validateNewAccount } from './validation.js'

describe('passwords', () => {
  it('hashes with argon2id and verifies', async () => {
    const hash = await hashPassword('zażółć gęślą jaźń')
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
    expect(await verifyPassword(hash, 'zażółć gęślą jaźń')).toBe(true)
    expect(await verifyPassword(hash, 'zazolc gesla jazn')).toBe(false)
    expect(await verifyPassword('not a hash', 'x')).toBe(false)
    expect(await verifyAgainstDummy('x')).toBe(false)
  })
})

describe('validateNewAccount', () => {
  it('names each bad field with a message key', () => {
    expect(validateNewAccount({ email: 'nie-adres', name: '  ', password: 'krótkie', password2: 'krótkie' })).toEqual({
      ok: false,
      errors: { email: 'error.emailInvalid', name: 'error.nameRequired', password: 'error.passwordTooShort' },
    })
    expect(validateNewAccount({ email: 'a@b.pl', name: 'A', password: 'dziesięć-znaków', password2: 'inne-hasło-123' })).toEqual({
      ok: false,
      errors: { password2: 'error.passwordMismatch' },
    })
    expect(validateNewAccount({ email: ' Anna@Depesza.PL ', name: ' Anna \n Nowak ', password: 'długie-hasło-1', password2: 'długie-hasło-1' })).toEqual({
      ok: true,
      email: 'anna@depesza.pl',
      name: 'Anna Nowak',
    })
    // Ten characters as people count them, not UTF-16 units.
    expect(validateNewAccount({ email: 'a@b.pl', name: 'A', password: '😀'.repeat(9), password2: '😀'.repeat(9) })).toMatchObject({ ok: false })
  })
})

describe('safeNext', () => {
  it('keeps newsroom paths and drops everything else', () => {
    expect(safeNext('/admin/artykuly?strona=2')).toBe('/admin/artykuly?strona=2')
    expect(safeNext('/admin')).toBe('/admin')
    for (const bad of ['https://evil.example/admin', '//evil.example', '/administrator', '/admin/../kontakt', '/\\evil', '/admin\\x', '', undefined]) {
      expect(safeNext(bad)).toBe('/admin')
    }
  })
})

describe.each(DIALECTS)('%s: secrets and throttling', (dialect) => {
  it('seals secrets with the stored key, and keeps them readable after a key is configured', async () => {
    const db = await createTestDb(dialect)
    try {
      const stored = await SecretBox.open(db.db, undefined)
      const sealed = stored.seal('JBSWY3DPEHPK3PXP')
      expect(sealed).not.toContain('JBSWY3DPEHPK3PXP')
      expect(stored.open(sealed)).toBe('JBSWY3DPEHPK3PXP')
      expect(stored.open(sealed.slice(0, -2) + 'AA')).toBeNull()
      const configured = await SecretBox.open(db.db, 'a-long-random-key-from-the-environment-0123456789')
      expect(configured.open(sealed)).toBe('JBSWY3DPEHPK3PXP')
      const newer = configured.seal('X')
      expect(configured.open(newer)).toBe('X')
      expect(stored.open(newer)).toBeNull()
    } finally {
      await db.close()
    }
  })

  it('counts failures per account (cleared by a success) and per IP within the window', async () => {
    const db = await createTestDb(dialect)
    try {
      const throttle = new LoginThrottle(db.db, { perAccount: 3, perIp: 5, windowMs: 60_000 })
      const t0 = Date.parse('2026-11-27T12:00:00Z')
      const at = (s: number) => new Date(t0 + s * 1000)
      await throttle.record('a@x.pl', '1.1.1.1', false, at(0))
      await throttle.record('a@x.pl', '1.1.1.1', false, at(1))
      await throttle.record('a@x.pl', '1.1.1.1', true, at(2))
      await throttle.record('a@x.pl', '1.1.1.1', false, at(3))
      expect(await throttle.check('a@x.pl', '2.2.2.2', at(4))).toEqual({ allowed: true })
      await throttle.record('a@x.pl', '1.1.1.1', false, at(5))
      await throttle.record('a@x.pl', '2.2.2.2', false, at(6))
      expect(await throttle.check('a@x.pl', '3.3.3.3', at(7))).toEqual({ allowed: false, scope: 'account', retryAfterMs: 56_000 })
      expect(await throttle.check('a@x.pl', '3.3.3.3', at(63))).toEqual({ allowed: true })
      // 1.1.1.1 has 4 failures; one more (another account) reaches the IP limit.
      await throttle.record('b@x.pl', '1.1.1.1', false, at(10))
      expect(await throttle.check('c@x.pl', '1.1.1.1', at(11))).toMatchObject({ allowed: false, scope: 'ip' })
      expect(await throttle.check('c@x.pl', '9.9.9.9', at(11))).toEqual({ allowed: true })
    } finally {
      await db.close()
    }
  })
})
