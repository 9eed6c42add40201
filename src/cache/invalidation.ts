/**
 * @module
 * From a content change to the surrogate keys it touches, and from there to every
 * instance's page cache: locally at once, to the others through PostgreSQL LISTEN/NOTIFY.
 */
import { sql } from 'kysely'
import type pg from 'pg'
import type { Logger } from 'pino'
import type { ContentChange } from '../content/content.service.js'
import type { TaxonomyChange } from '../content/taxonomy.js'
import { loadPg, type Db } from '../platform/db/database.js'
import { POLISH_ONLY, type Editions } from '../editions/editions.js'
import { CacheKeys } from './cache-keys.js'

/**
 * The keys a change of one story touches: the story, the lists it is (or was) on in its
 * edition (or editions, when its language changed), the language versions' pages, sitemaps.
 */
export async function keysForChange(db: Db, change: ContentChange, editions: Editions = POLISH_ONLY): Promise<string[]> {
  const keys = new Set<string>([CacheKeys.article(change.articleId), CacheKeys.sitemap])
  const [row, tags, authors] = await Promise.all([
    db.selectFrom('articles').select(['section_id', 'language', 'translation_group_id']).where('id', '=', change.articleId).executeTakeFirst(),
    change.kind === 'page' ? [] : db.selectFrom('article_tags').select('tag_id').where('article_id', '=', change.articleId).execute(),
    change.kind === 'page' ? [] : db.selectFrom('article_authors').select('author_id').where('article_id', '=', change.articleId).execute(),
  ])
  // The other versions' pages list this one (hreflang): they carry the group's key.
  keys.add(CacheKeys.translations(row?.translation_group_id ?? change.articleId))
  if (change.kind === 'page') return [...keys]
  const codes = new Set([editions.of(row?.language), ...(change.previous?.language !== undefined ? [editions.of(change.previous.language)] : [])])
  const add = (key: string) => {
    for (const code of codes) keys.add(CacheKeys.inEdition(key, code))
  }
  add(CacheKeys.home)
  const sectionIds = [row?.section_id ?? null, change.previous?.sectionId ?? null]
  for (const id of sectionIds) if (id !== null) add(CacheKeys.section(id))
  for (const id of [...tags.map((t) => t.tag_id), ...(change.previous?.tagIds ?? [])]) add(CacheKeys.tag(id))
  for (const id of [...authors.map((a) => a.author_id), ...(change.previous?.authorIds ?? [])]) add(CacheKeys.author(id))
  return [...keys]
}

/** Beyond this many stories a rename drops every page (`site`) instead of naming each story. */
export const MAX_ARTICLE_KEYS = 500

/**
 * The keys a section, tag or author change touches: its own list (pages and feeds) in every
 * language edition, the stories that show its name or link its slug, and for sections the
 * in-memory section list, the home pages' order (position) and the sitemaps (story addresses
 * contain the section).
 */
export function keysForTaxonomyChange(change: TaxonomyChange, editions: readonly string[] = ['pl']): string[] {
  const list = change.kind === 'section' ? CacheKeys.section : change.kind === 'tag' ? CacheKeys.tag : CacheKeys.author
  const keys = new Set<string>()
  // Polish keeps the plain key; other editions add their code (as CacheKeys.inEdition does).
  const add = (key: string) => {
    for (const code of editions) keys.add(code === 'pl' ? key : `${key}:${code}`)
  }
  add(list(change.id))
  if (change.intoId !== undefined) add(list(change.intoId))
  if (change.kind === 'section') {
    keys.add(CacheKeys.sections)
    if (change.fields.includes('position') || change.action === 'delete') add(CacheKeys.home)
    if (change.fields.includes('slug')) keys.add(CacheKeys.sitemap)
  }
  if (change.articleIds.length > MAX_ARTICLE_KEYS) keys.add(CacheKeys.site)
  else for (const id of change.articleIds) keys.add(CacheKeys.article(id))
  return [...keys]
}

export interface InvalidationBus {
  /** Tells every other instance (this one invalidates itself directly). */
  publish(keys: readonly string[]): Promise<void>
  close(): Promise<void>
}

/**
 * Processes sharing one SQLite file (the server, and a `depesza import` run beside it):
 * invalidations are rows in `invalidations`, polled every second by each instance.
 */
export function sqliteBus(options: { db: Db; instanceId: string; onKeys: (keys: string[]) => void; logger: Logger; intervalMs?: number }): InvalidationBus {
  const { db, instanceId } = options
  let lastId: number | null = null
  let polling: Promise<void> | null = null
  const poll = async () => {
    if (lastId === null) {
      const row = await db.selectFrom('invalidations').select((eb) => eb.fn.max('id').as('max')).executeTakeFirst()
      lastId = Number(row?.max ?? 0)
      return
    }
    const rows = await db.selectFrom('invalidations').selectAll().where('id', '>', lastId).orderBy('id').execute()
    for (const row of rows) {
      lastId = row.id
      if (row.origin !== instanceId) options.onKeys(JSON.parse(row.keys) as string[])
    }
  }
  const timer = setInterval(() => {
    polling ??= poll()
      .catch((err) => options.logger.warn({ err }, 'invalidation poll failed'))
      .finally(() => (polling = null))
  }, options.intervalMs ?? 1000)
  timer.unref()
  void poll().catch(() => {})
  return {
    async publish(keys) {
      const now = new Date()
      await db.insertInto('invalidations').values({ keys: JSON.stringify(keys), origin: instanceId, created_at: now.toISOString() }).execute()
      // Every instance has read a row within seconds; an hour is plenty.
      await db.deleteFrom('invalidations').where('created_at', '<', new Date(now.getTime() - 3600_000).toISOString()).execute()
    },
    async close() {
      clearInterval(timer)
      await polling
    },
  }
}

// NOTIFY payloads are limited to 8000 bytes.
const MAX_PAYLOAD = 7000

function chunks(keys: readonly string[]): string[] {
  const out: string[] = []
  let current: string[] = []
  let size = 0
  for (const key of keys) {
    if (size + key.length + 4 > MAX_PAYLOAD && current.length) {
      out.push(JSON.stringify(current))
      current = []
      size = 0
    }
    current.push(key)
    size += key.length + 4
  }
  if (current.length) out.push(JSON.stringify(current))
  return out
}

/**
 * Several instances on one PostgreSQL: a dedicated connection LISTENs; NOTIFY carries the
 * keys. The channel is per schema so separate sites (and test runs) never mix.
 */
export async function postgresBus(options: {
  url: string
  schema: string | undefined
  db: Db
  instanceId: string
  onKeys: (keys: string[]) => void
  logger: Logger
}): Promise<InvalidationBus> {
  const channel = `depesza_invalidate_${(options.schema ?? 'public').replace(/\W/g, '_')}`.slice(0, 63)
  let client: pg.Client | null = null
  let closed = false
  let retry: NodeJS.Timeout | undefined

  const connect = async (): Promise<void> => {
    const c = new (loadPg().Client)({ connectionString: options.url })
    c.on('notification', (msg) => {
      if (msg.channel !== channel || !msg.payload) return
      try {
        const { from, keys } = JSON.parse(msg.payload) as { from: string; keys: string[] }
        if (from !== options.instanceId) options.onKeys(keys)
      } catch (err) {
        options.logger.warn({ err }, 'bad invalidation payload')
      }
    })
    c.on('error', (err) => {
      options.logger.error({ err }, 'invalidation listener lost its connection; reconnecting')
      client = null
      if (!closed) retry = setTimeout(() => void connect().catch(() => {}), 1000)
    })
    await c.connect()
    await c.query(`LISTEN ${channel}`)
    client = c
  }
  await connect()

  return {
    async publish(keys) {
      for (const chunk of chunks(keys)) {
        const payload = `{"from":${JSON.stringify(options.instanceId)},"keys":${chunk}}`
        await sql`select pg_notify(${channel}, ${payload})`.execute(options.db)
      }
    },
    async close() {
      closed = true
      clearTimeout(retry)
      await client?.end().catch(() => {})
    },
  }
}
