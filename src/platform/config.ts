/**
 * @module
 * Configuration from the environment, validated once at start into a typed, frozen object.
 * Every bad value is named in one message so an operator can fix them all at once.
 */
import path from 'node:path'
import { z } from 'zod'

const port = z.coerce
  .number({ message: 'musi być liczbą' })
  .int('musi być liczbą całkowitą')
  .min(1, 'musi być w zakresie 1–65535')
  .max(65535, 'musi być w zakresie 1–65535')

const databaseUrl = z
  .string()
  .refine((v) => v.startsWith('sqlite:') || v.startsWith('postgres://') || v.startsWith('postgresql://'), {
    message: 'must be sqlite:PATH (or empty for the default) or postgres://user@host:port/db',
  })

const EnvSchema = z.object({
  PORT: port.default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DEPESZA_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: databaseUrl.optional(),
  PUBLIC_URL: z.url({ message: 'must be an absolute http(s) URL, e.g. https://example.pl' }).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SMTP_URL: z
    .string()
    .refine((v) => /^smtps?:\/\//.test(v), { message: 'must look like smtp://user:pass@host:587 or smtps://…' })
    .optional(),
  MAIL_FROM: z.string().min(3).default('Depesza <no-reply@localhost>'),
  CONTACT_TO: z.email({ message: 'must be an e-mail address' }).optional(),
  CONTACT_RATE_LIMIT: z.coerce.number().int().min(1).default(5),
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  DEPESZA_DICTIONARY_DIR: z.string().min(1).optional(),
  PURGE_URL: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL of the front cache, e.g. http://127.0.0.1:6081/' }).optional(),
  PAGE_CACHE_MB: z.coerce.number({ message: 'must be a number of megabytes' }).min(0).max(65536).default(256),
  // Any length (never echoed in errors); use 32+ random characters, e.g. openssl rand -base64 32.
  DEPESZA_SECRET_KEY: z.string().optional(),
  TRUST_PROXY: z
    .enum(['0', '1', 'true', 'false'])
    .default('0')
    .transform((v) => v === '1' || v === 'true'),
})

export interface Config {
  readonly port: number
  readonly host: string
  readonly dataDir: string
  readonly database: { readonly kind: 'sqlite'; readonly file: string } | { readonly kind: 'postgres'; readonly url: string }
  readonly publicUrl: string
  readonly logLevel: string
  readonly smtpUrl: string | undefined
  readonly mailFrom: string
  readonly contactTo: string | undefined
  readonly contactRateLimitPerHour: number
  readonly maxBodyBytes: number
  readonly dictionaryDir: string
  /** Varnish/CDN to send PURGE requests to on invalidation. */
  readonly purgeUrl: string | undefined
  /** Memory for the page cache; 0 turns it off. */
  readonly pageCacheBytes: number
  /** Take the client IP from X-Forwarded-For (only behind a proxy you run). */
  readonly trustProxy: boolean
  /** Seals secrets at rest (TOTP seeds); without it a key kept in the database is used. */
  readonly secretKey: string | undefined
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
    this.name = 'ConfigError'
  }
}

/** Reads and validates the configuration; throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings mean "not set", as in most .env files.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''))
  const parsed = EnvSchema.safeParse(cleaned)
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.')}=${JSON.stringify(cleaned[String(i.path[0])] ?? '')}: ${i.message}`),
    )
  }
  const e = parsed.data
  const dataDir = path.resolve(e.DEPESZA_DATA_DIR)
  const database: Config['database'] = e.DATABASE_URL?.startsWith('postgres')
    ? { kind: 'postgres', url: e.DATABASE_URL }
    : { kind: 'sqlite', file: e.DATABASE_URL ? path.resolve(e.DATABASE_URL.slice('sqlite:'.length)) : path.join(dataDir, 'depesza.db') }
  const publicUrl = (e.PUBLIC_URL ?? `http://${e.HOST === '0.0.0.0' ? 'localhost' : e.HOST}:${e.PORT}`).replace(/\/+$/, '')
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    dataDir,
    database,
    publicUrl,
    logLevel: e.LOG_LEVEL,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    contactTo: e.CONTACT_TO,
    contactRateLimitPerHour: e.CONTACT_RATE_LIMIT,
    maxBodyBytes: e.MAX_BODY_BYTES,
    dictionaryDir: e.DEPESZA_DICTIONARY_DIR ? path.resolve(e.DEPESZA_DICTIONARY_DIR) : path.join(dataDir, 'dictionary'),
    trustProxy: e.TRUST_PROXY,
    secretKey: e.DEPESZA_SECRET_KEY,
    purgeUrl: e.PURGE_URL,
    pageCacheBytes: Math.round(e.PAGE_CACHE_MB * 1024 * 1024),
  })
}
