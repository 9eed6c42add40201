/**
 * @module
 * Sealing small secrets at rest (the TOTP seeds) with AES-256-GCM.
 *
 * The key comes from `DEPESZA_SECRET_KEY` when it is set (recommended: then a copy of the
 * database alone does not reveal the seeds). Without it a random key is generated once and
 * kept in the `settings` table, which keeps the seeds out of query results, logs and
 * exports of the `users` table but not out of a full database dump. Sealed values name
 * their key (`v1.<key id>.…`), so setting the variable later keeps old seeds readable.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'
import type { Db } from '../platform/db/database.js'

const SETTINGS_KEY = 'accounts_secret_key'

interface Key {
  id: string
  bytes: Buffer
}

function keyFrom(material: string): Key {
  const bytes = createHash('sha256').update(`depesza-secrets:${material}`).digest()
  return { id: createHash('sha256').update(bytes).digest('hex').slice(0, 8), bytes }
}

export class SecretBox {
  private constructor(private readonly keys: readonly Key[]) {}

  /** Keys: the configured one first (used for sealing), then the stored one. */
  static async open(db: Db, configured: string | undefined): Promise<SecretBox> {
    let stored = await db.selectFrom('settings').select('value').where('key', '=', SETTINGS_KEY).executeTakeFirst()
    if (!stored) {
      await db
        .insertInto('settings')
        .values({ key: SETTINGS_KEY, value: randomBytes(32).toString('base64url') })
        .onConflict((oc) => oc.column('key').doNothing())
        .execute()
      stored = await db.selectFrom('settings').select('value').where('key', '=', SETTINGS_KEY).executeTakeFirstOrThrow()
    }
    const keys = [...(configured ? [keyFrom(configured)] : []), keyFrom(stored.value)]
    return new SecretBox(keys)
  }

  seal(plain: string): string {
    const key = this.keys[0]!
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', key.bytes, iv)
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
    return ['v1', key.id, iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.')
  }

  /** The plain text, or null when the value is damaged or sealed with a key we no longer have. */
  open(sealed: string): string | null {
    const [version, keyId, iv, body, tag] = sealed.split('.')
    if (version !== 'v1' || !iv || !body || !tag) return null
    const key = this.keys.find((k) => k.id === keyId)
    if (!key) return null
    try {
      const decipher = createDecipheriv('aes-256-gcm', key.bytes, Buffer.from(iv, 'base64url'))
      decipher.setAuthTag(Buffer.from(tag, 'base64url'))
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8')
    } catch {
      return null
    }
  }
}
