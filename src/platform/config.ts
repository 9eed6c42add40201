/**
 * @module
 * Configuration from the environment, validated once at start into a typed, frozen object.
 * Every bad value is named in one message so an operator can fix them all at once.
 */
import os from 'node:os'
import path from 'node:path'
import { z } from 'zod'
import { EDITION_CODES, isEditionCode, parseEditionList, type EditionCode } from '../editions/editions.js'

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

const WORKERS_HINT = 'must be a number of processes from 1 to 64, or auto (one per CPU)'

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
  MEDIA_MAX_BYTES: z.coerce.number({ message: 'must be a number of bytes, e.g. 26214400 (25 MB)' }).int().min(65_536).max(1_073_741_824).default(25 * 1024 * 1024),
  DEPESZA_DICTIONARY_DIR: z.string().min(1).optional(),
  PURGE_URL: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL of the front cache, e.g. http://127.0.0.1:6081/' }).optional(),
  PAGE_CACHE_MB: z.coerce.number({ message: 'must be a number of megabytes' }).min(0).max(65536).default(256),
  WORKERS: z.union([z.literal('auto'), z.coerce.number().int(WORKERS_HINT).min(1, WORKERS_HINT).max(64, WORKERS_HINT)], { message: WORKERS_HINT }).default(1),
  // Any length (never echoed in errors); use 32+ random characters, e.g. openssl rand -base64 32.
  DEPESZA_SECRET_KEY: z.string().optional(),
  TRUST_PROXY: z
    .enum(['0', '1', 'true', 'false'])
    .default('0')
    .transform((v) => v === '1' || v === 'true'),
  MEDIA_STORAGE: z.enum(['local', 's3'], { message: 'must be local or s3' }).default('local'),
  MEDIA_PUBLIC_URL: z
    .url({ protocol: /^https?$/, message: 'must be an absolute http(s) URL, e.g. https://cdn.example.pl/media' })
    .refine((v) => !/[?#]/.test(v), { message: 'must not contain ? or #' })
    .optional(),
  S3_ENDPOINT: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL of the S3 service, e.g. https://s3.eu-central-1.amazonaws.com or http://minio:9000' })
    .refine((v) => !/[?#]/.test(v), { message: 'must not contain ? or #' })
    .optional(),
  S3_REGION: z.string().regex(/^[a-z0-9-]{1,40}$/, 'must be a region name such as us-east-1, eu-central-1 or auto').default('us-east-1'),
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]$/, 'must be a bucket name: 3–63 lowercase letters, digits, dots and hyphens')
    .optional(),
  S3_PREFIX: z
    .string()
    .regex(/^\/*([A-Za-z0-9_-][A-Za-z0-9._-]*\/)*([A-Za-z0-9_-][A-Za-z0-9._-]*)?\/*$/, 'must be a key prefix such as depesza/media (letters, digits, ".", "_", "-" and "/")')
    .optional(),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: z.enum(['0', '1', 'true', 'false'], { message: 'must be 1/true (https://endpoint/bucket/key) or 0/false (https://bucket.endpoint/key)' }).optional(),
  // Machine translation for the translation desk (docs/translation.md); "none": manual only.
  TRANSLATION_PROVIDER: z.enum(['none', 'deepl', 'libretranslate', 'openai'], { message: 'must be none, deepl, libretranslate or openai' }).default('none'),
  DEEPL_API_KEY: z.string().optional(),
  DEEPL_API_URL: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL, e.g. https://api-free.deepl.com' }).optional(),
  LIBRETRANSLATE_URL: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL of the LibreTranslate instance' }).optional(),
  LIBRETRANSLATE_API_KEY: z.string().optional(),
  OPENAI_BASE_URL: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL up to the version, e.g. https://api.openai.com/v1' }).optional(),
  OPENAI_API_KEY: z.string().optional(),
  OPENAI_MODEL: z.string().min(1).max(200).optional(),
  // Language editions of the public site (docs/editions.md); Polish is always on.
  DEPESZA_EDITIONS: z
    .string()
    .regex(/^\s*[a-zA-Z]{2}(\s*,\s*[a-zA-Z]{2})*\s*$/, 'must be a comma-separated list of edition codes, e.g. pl,en,uk')
    .refine((v) => v.split(',').every((c) => isEditionCode(c.trim().toLowerCase())), { message: `known editions: ${EDITION_CODES.join(', ')}` })
    .default('pl'),
})

/** Where media files are kept (`MEDIA_STORAGE`). */
export type MediaStorageConfig =
  | { readonly kind: 'local' }
  | {
      readonly kind: 's3'
      /** Base URL of the service; AWS's regional endpoint when S3_ENDPOINT is not set. */
      readonly endpoint: string
      readonly region: string
      readonly bucket: string
      /** '' or a prefix ending in '/'. */
      readonly prefix: string
      readonly accessKeyId: string
      readonly secretAccessKey: string
      /** https://endpoint/bucket/key rather than https://bucket.endpoint/key. */
      readonly forcePathStyle: boolean
    }

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
  /** Largest image file the media library accepts (MEDIA_MAX_BYTES; default 25 MB). */
  readonly mediaMaxBytes: number
  readonly dictionaryDir: string
  /** Varnish/CDN to send PURGE requests to on invalidation. */
  readonly purgeUrl: string | undefined
  /** Memory for the page cache; 0 turns it off. */
  readonly pageCacheBytes: number
  /** Server processes of `depesza start` (WORKERS; `auto`: one per CPU): src/server/cluster.ts. */
  readonly workers: number
  /** Take the client IP from X-Forwarded-For (only behind a proxy you run). */
  readonly trustProxy: boolean
  /** Seals secrets at rest (TOTP seeds); without it a key kept in the database is used. */
  readonly secretKey: string | undefined
  /** Local disk (`<dataDir>/media`) or an S3-compatible bucket. */
  readonly mediaStorage: MediaStorageConfig
  /** Where pages link media (a CDN, the bucket's public URL), no trailing slash; unset: `/media/…` on this site. */
  readonly mediaPublicUrl: string | undefined
  /** Machine translation for the translation desk (TRANSLATION_PROVIDER and its settings). */
  readonly translation: TranslationConfig
  /** Language editions switched on (DEPESZA_EDITIONS; Polish always first). */
  readonly editions: readonly EditionCode[]
}

/** Which machine-translation service the desk uses; `none`: editors translate by hand. */
export type TranslationConfig =
  | { readonly provider: 'none' }
  | { readonly provider: 'deepl'; readonly apiKey: string; readonly apiUrl: string | undefined }
  | { readonly provider: 'libretranslate'; readonly url: string; readonly apiKey: string | undefined }
  | { readonly provider: 'openai'; readonly baseUrl: string; readonly apiKey: string | undefined; readonly model: string }

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
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((i) => `${i.path.join('.')}=${JSON.stringify(secret(String(i.path[0]), cleaned[String(i.path[0])]))}: ${i.message}`)
  if (cleaned.MEDIA_STORAGE === 's3') {
    for (const name of ['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY']) {
      if (cleaned[name] === undefined) problems.push(`${name}="": required when MEDIA_STORAGE=s3`)
    }
  }
  const needs: Record<string, string[]> = { deepl: ['DEEPL_API_KEY'], libretranslate: ['LIBRETRANSLATE_URL'], openai: ['OPENAI_BASE_URL', 'OPENAI_MODEL'] }
  for (const name of needs[String(cleaned.TRANSLATION_PROVIDER)] ?? []) {
    if (cleaned[name] === undefined) problems.push(`${name}="": required when TRANSLATION_PROVIDER=${cleaned.TRANSLATION_PROVIDER}`)
  }
  if (!parsed.success || problems.length) throw new ConfigError(problems)
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
    mediaMaxBytes: e.MEDIA_MAX_BYTES,
    dictionaryDir: e.DEPESZA_DICTIONARY_DIR ? path.resolve(e.DEPESZA_DICTIONARY_DIR) : path.join(dataDir, 'dictionary'),
    trustProxy: e.TRUST_PROXY,
    secretKey: e.DEPESZA_SECRET_KEY,
    purgeUrl: e.PURGE_URL,
    pageCacheBytes: Math.round(e.PAGE_CACHE_MB * 1024 * 1024),
    workers: e.WORKERS === 'auto' ? os.availableParallelism() : e.WORKERS,
    mediaStorage: mediaStorageConfig(e),
    mediaPublicUrl: e.MEDIA_PUBLIC_URL?.replace(/\/+$/, ''),
    translation: translationConfig(e),
    editions: Object.freeze(parseEditionList(e.DEPESZA_EDITIONS)),
  })
}

/** Secrets never appear in error messages. */
function secret(name: string, value: string | undefined): string {
  return SECRET_NAMES.has(name) && value ? '(hidden)' : (value ?? '')
}
const SECRET_NAMES = new Set(['S3_SECRET_ACCESS_KEY', 'DEEPL_API_KEY', 'LIBRETRANSLATE_API_KEY', 'OPENAI_API_KEY'])

function translationConfig(e: z.output<typeof EnvSchema>): TranslationConfig {
  // Required settings are checked in loadConfig.
  switch (e.TRANSLATION_PROVIDER) {
    case 'none':
      return { provider: 'none' }
    case 'deepl':
      return { provider: 'deepl', apiKey: e.DEEPL_API_KEY!, apiUrl: e.DEEPL_API_URL }
    case 'libretranslate':
      return { provider: 'libretranslate', url: e.LIBRETRANSLATE_URL!, apiKey: e.LIBRETRANSLATE_API_KEY }
    case 'openai':
      return { provider: 'openai', baseUrl: e.OPENAI_BASE_URL!, apiKey: e.OPENAI_API_KEY, model: e.OPENAI_MODEL! }
  }
}

function mediaStorageConfig(e: z.output<typeof EnvSchema>): MediaStorageConfig {
  if (e.MEDIA_STORAGE === 'local') return { kind: 'local' }
  const prefix = (e.S3_PREFIX ?? '').replace(/^\/+|\/+$/g, '')
  return {
    kind: 's3',
    endpoint: (e.S3_ENDPOINT ?? `https://s3.${e.S3_REGION}.amazonaws.com`).replace(/\/+$/, ''),
    region: e.S3_REGION,
    // Checked in loadConfig: required when MEDIA_STORAGE=s3.
    bucket: e.S3_BUCKET!,
    prefix: prefix ? `${prefix}/` : '',
    accessKeyId: e.S3_ACCESS_KEY_ID!,
    secretAccessKey: e.S3_SECRET_ACCESS_KEY!,
    // Self-hosted services (MinIO, Ceph RGW, Garage) want path-style unless set up with a
    // wildcard domain; AWS prefers virtual-host style.
    forcePathStyle: e.S3_FORCE_PATH_STYLE === undefined ? e.S3_ENDPOINT !== undefined : e.S3_FORCE_PATH_STYLE === '1' || e.S3_FORCE_PATH_STYLE === 'true',
  }
}
