/**
 * @module
 * Sections, tags and authors as the newsroom manages them: lists with story counts,
 * create, rename, slug changes (the old address keeps answering with a 301 through
 * `taxonomy_redirects`), tag merges, deletions. Each write runs in one transaction and is
 * then announced to listeners (page cache, search index) with the stories whose pages show
 * the changed name, so exactly those pages are rebuilt (see `keysForTaxonomyChange`).
 *
 * Working copies in the newsroom (`article_drafts`) name sections and authors by slug and
 * tags by name; a slug change or a rename rewrites them too, so the next save of a draft
 * does not fail on (or resurrect) the old name.
 */
import { sql } from 'kysely'
import { nowIso, type Db, type Tx } from '../platform/db/database.js'
import { slugify } from '../polish/slug.js'
import type { AuthorRow, SectionRow, TagRow } from './content.table.js'

export type TaxonomyKind = 'section' | 'tag' | 'author'
export type TaxonomyField = 'name' | 'slug' | 'description' | 'position' | 'bio' | 'photo'

export interface TaxonomyChange {
  kind: TaxonomyKind
  id: number
  action: 'create' | 'update' | 'delete' | 'merge'
  /** What an update changed. */
  fields: TaxonomyField[]
  /** Stories that show it (kicker, byline, tag list): their pages carry `article:{id}`. */
  articleIds: number[]
  /** A merge: the tag that took over the stories. */
  intoId?: number
}
export type TaxonomyListener = (change: TaxonomyChange) => void | Promise<void>

export type TaxonomyErrorCode = 'NotFound' | 'SlugTaken' | 'SlugInvalid' | 'NotEmpty' | 'SameTag'

export class TaxonomyError extends Error {
  constructor(
    readonly code: TaxonomyErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'TaxonomyError'
  }
}

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

export interface SectionInput {
  name: string
  slug: string
  description: string
  position: number
}
export interface TagInput {
  name: string
  slug: string
}
export interface AuthorInput {
  name: string
  slug: string
  bio: string
  photoMediaId: number | null
}

export type SectionItem = SectionRow & { stories: number }
export type TagItem = TagRow & { stories: number }
export type AuthorItem = AuthorRow & { stories: number }

const TABLE = { section: 'sections', tag: 'tags', author: 'authors' } as const

type Conn = Db | Tx

// ── reading ──────────────────────────────────────────────────────────────────

export async function listSectionsWithCounts(db: Conn): Promise<SectionItem[]> {
  const rows = await db
    .selectFrom('sections')
    .leftJoin('articles', (j) => j.onRef('articles.section_id', '=', 'sections.id').on('articles.kind', '=', 'article'))
    .selectAll('sections')
    .select((eb) => eb.fn.count<number>('articles.id').as('stories'))
    .groupBy(['sections.id', 'sections.slug', 'sections.name', 'sections.description', 'sections.position', 'sections.created_at'])
    .orderBy('sections.position')
    .orderBy('sections.name')
    .execute()
  return rows.map((r) => ({ ...r, stories: Number(r.stories) }))
}

/** Tags by name, filtered by a fragment of the name or slug; `limit + 1` tells whether more follow. */
export async function listTagsWithCounts(db: Conn, options: { q?: string | undefined; offset: number; limit: number }): Promise<TagItem[]> {
  let q = db
    .selectFrom('tags')
    .leftJoin('article_tags', 'article_tags.tag_id', 'tags.id')
    .selectAll('tags')
    .select((eb) => eb.fn.count<number>('article_tags.article_id').as('stories'))
    .groupBy(['tags.id', 'tags.slug', 'tags.name', 'tags.created_at'])
  const text = options.q
  if (text) {
    const like = `%${text.toLowerCase().replace(/[%_\\]/g, '')}%`
    q = q.where((eb) => eb.or([eb(eb.fn('lower', ['tags.name']), 'like', like), eb('tags.slug', 'like', `%${slugify(text).replace(/[%_]/g, '')}%`)]))
  }
  const rows = await q.orderBy('tags.name').limit(options.limit).offset(options.offset).execute()
  return rows.map((r) => ({ ...r, stories: Number(r.stories) }))
}

export async function listAuthorsWithCounts(db: Conn): Promise<AuthorItem[]> {
  const rows = await db
    .selectFrom('authors')
    .leftJoin('article_authors', 'article_authors.author_id', 'authors.id')
    .selectAll('authors')
    .select((eb) => eb.fn.count<number>('article_authors.article_id').as('stories'))
    .groupBy(['authors.id', 'authors.slug', 'authors.name', 'authors.bio', 'authors.photo_media_id', 'authors.created_at'])
    .orderBy('authors.name')
    .execute()
  return rows.map((r) => ({ ...r, stories: Number(r.stories) }))
}

export async function getSection(db: Conn, id: number): Promise<SectionRow | undefined> {
  return db.selectFrom('sections').selectAll().where('id', '=', id).executeTakeFirst()
}
export async function getTag(db: Conn, id: number): Promise<TagRow | undefined> {
  return db.selectFrom('tags').selectAll().where('id', '=', id).executeTakeFirst()
}
export async function getAuthor(db: Conn, id: number): Promise<AuthorRow | undefined> {
  return db.selectFrom('authors').selectAll().where('id', '=', id).executeTakeFirst()
}

/** The current slug for an old one, when it was renamed (the site answers 301). */
export async function findTaxonomyRedirect(db: Conn, kind: TaxonomyKind, oldSlug: string): Promise<string | undefined> {
  const row = await db.selectFrom('taxonomy_redirects').select('target_id').where('kind', '=', kind).where('old_slug', '=', oldSlug).executeTakeFirst()
  if (!row) return undefined
  const target = await db.selectFrom(TABLE[kind]).select('slug').where('id', '=', row.target_id).executeTakeFirst()
  return target?.slug
}

/** Ids of the stories (any kind, any status) a section, tag or author appears on. */
async function storiesOf(db: Conn, kind: TaxonomyKind, id: number): Promise<number[]> {
  const rows =
    kind === 'section'
      ? await db.selectFrom('articles').select('id').where('section_id', '=', id).execute()
      : kind === 'tag'
        ? await db.selectFrom('article_tags').select('article_id as id').where('tag_id', '=', id).execute()
        : await db.selectFrom('article_authors').select('article_id as id').where('author_id', '=', id).execute()
  return rows.map((r) => r.id)
}

// ── writing ──────────────────────────────────────────────────────────────────

/** A snapshot field rewrite for the newsroom's working copies. */
type SnapshotPatch = (snapshot: Record<string, unknown>) => boolean

export class TaxonomyService {
  private readonly listeners: TaxonomyListener[] = []

  constructor(private readonly db: Db) {}

  onChange(listener: TaxonomyListener): void {
    this.listeners.push(listener)
  }

  private async emit(change: TaxonomyChange): Promise<void> {
    for (const l of this.listeners) await l(change)
  }

  // sections

  async createSection(input: SectionInput): Promise<number> {
    const id = await this.db.transaction().execute(async (trx) => {
      await this.requireFreeSlug(trx, 'section', input.slug, null)
      const row = await trx
        .insertInto('sections')
        .values({ slug: input.slug, name: input.name, description: input.description, position: input.position, created_at: nowIso() })
        .returning('id')
        .executeTakeFirstOrThrow()
      return row.id
    })
    await this.emit({ kind: 'section', id, action: 'create', fields: [], articleIds: [] })
    return id
  }

  async updateSection(id: number, input: SectionInput): Promise<TaxonomyField[]> {
    const result = await this.db.transaction().execute(async (trx) => {
      const row = await getSection(trx, id)
      if (!row) throw new TaxonomyError('NotFound', `No section ${id}`)
      const fields: TaxonomyField[] = []
      if (row.name !== input.name) fields.push('name')
      if (row.slug !== input.slug) fields.push('slug')
      if (row.description !== input.description) fields.push('description')
      if (row.position !== input.position) fields.push('position')
      if (fields.includes('slug')) {
        await this.moveSlug(trx, 'section', id, row.slug, input.slug)
        await patchDrafts(trx, `"sectionSlug":${JSON.stringify(row.slug)}`, (s) => (s['sectionSlug'] === row.slug ? ((s['sectionSlug'] = input.slug), true) : false))
      }
      await trx.updateTable('sections').set({ name: input.name, slug: input.slug, description: input.description, position: input.position }).where('id', '=', id).execute()
      const shown = fields.includes('name') || fields.includes('slug')
      return { fields, articleIds: shown ? await storiesOf(trx, 'section', id) : [] }
    })
    if (result.fields.length) await this.emit({ kind: 'section', id, action: 'update', ...result })
    return result.fields
  }

  /** Only an empty section can go (stories keep their section: move them first). */
  async deleteSection(id: number): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      if (!(await getSection(trx, id))) throw new TaxonomyError('NotFound', `No section ${id}`)
      const used = await trx.selectFrom('articles').select('id').where('section_id', '=', id).limit(1).executeTakeFirst()
      if (used) throw new TaxonomyError('NotEmpty', 'The section still has stories')
      await trx.deleteFrom('taxonomy_redirects').where('kind', '=', 'section').where('target_id', '=', id).execute()
      await trx.deleteFrom('sections').where('id', '=', id).execute()
    })
    await this.emit({ kind: 'section', id, action: 'delete', fields: [], articleIds: [] })
  }

  // tags

  async updateTag(id: number, input: TagInput): Promise<TaxonomyField[]> {
    const result = await this.db.transaction().execute(async (trx) => {
      const row = await getTag(trx, id)
      if (!row) throw new TaxonomyError('NotFound', `No tag ${id}`)
      const fields: TaxonomyField[] = []
      if (row.name !== input.name) fields.push('name')
      if (row.slug !== input.slug) fields.push('slug')
      if (fields.includes('slug')) await this.moveSlug(trx, 'tag', id, row.slug, input.slug)
      await trx.updateTable('tags').set({ name: input.name, slug: input.slug }).where('id', '=', id).execute()
      if (fields.length) await patchDrafts(trx, JSON.stringify(row.name), renameTagIn(row, input.name))
      return { fields, articleIds: fields.length ? await storiesOf(trx, 'tag', id) : [] }
    })
    if (result.fields.length) await this.emit({ kind: 'tag', id, action: 'update', ...result })
    return result.fields
  }

  /** Moves every story of `id` to `intoId` (keeping each story's tag order), then removes `id`; its address redirects. */
  async mergeTag(id: number, intoId: number): Promise<number> {
    if (id === intoId) throw new TaxonomyError('SameTag', 'A tag cannot be merged into itself')
    const articleIds = await this.db.transaction().execute(async (trx) => {
      const [from, into] = await Promise.all([getTag(trx, id), getTag(trx, intoId)])
      if (!from || !into) throw new TaxonomyError('NotFound', `No tag ${from ? intoId : id}`)
      const links = await trx.selectFrom('article_tags').select(['article_id', 'position']).where('tag_id', '=', id).execute()
      const already = new Set((await trx.selectFrom('article_tags').select('article_id').where('tag_id', '=', intoId).execute()).map((r) => r.article_id))
      await trx.deleteFrom('article_tags').where('tag_id', '=', id).execute()
      const moved = links.filter((l) => !already.has(l.article_id))
      if (moved.length) await trx.insertInto('article_tags').values(moved.map((l) => ({ article_id: l.article_id, tag_id: intoId, position: l.position }))).execute()
      await trx.updateTable('taxonomy_redirects').set({ target_id: intoId }).where('kind', '=', 'tag').where('target_id', '=', id).execute()
      await trx.deleteFrom('tags').where('id', '=', id).execute()
      await trx.deleteFrom('taxonomy_redirects').where('kind', '=', 'tag').where('old_slug', '=', from.slug).execute()
      await trx.insertInto('taxonomy_redirects').values({ kind: 'tag', old_slug: from.slug, target_id: intoId, created_at: nowIso() }).execute()
      await patchDrafts(trx, JSON.stringify(from.name), renameTagIn(from, into.name))
      return links.map((l) => l.article_id)
    })
    await this.emit({ kind: 'tag', id, action: 'merge', fields: [], articleIds, intoId })
    return articleIds.length
  }

  /** Removes the tag from its stories and the site (its address answers 404). */
  async deleteTag(id: number): Promise<number> {
    const articleIds = await this.db.transaction().execute(async (trx) => {
      const row = await getTag(trx, id)
      if (!row) throw new TaxonomyError('NotFound', `No tag ${id}`)
      const ids = await storiesOf(trx, 'tag', id)
      await trx.deleteFrom('article_tags').where('tag_id', '=', id).execute()
      await trx.deleteFrom('taxonomy_redirects').where('kind', '=', 'tag').where('target_id', '=', id).execute()
      await trx.deleteFrom('tags').where('id', '=', id).execute()
      await patchDrafts(trx, JSON.stringify(row.name), renameTagIn(row, null))
      return ids
    })
    await this.emit({ kind: 'tag', id, action: 'delete', fields: [], articleIds })
    return articleIds.length
  }

  // authors

  async createAuthor(input: AuthorInput): Promise<number> {
    const id = await this.db.transaction().execute(async (trx) => {
      await this.requireFreeSlug(trx, 'author', input.slug, null)
      const row = await trx
        .insertInto('authors')
        .values({ slug: input.slug, name: input.name, bio: input.bio, photo_media_id: input.photoMediaId, created_at: nowIso() })
        .returning('id')
        .executeTakeFirstOrThrow()
      return row.id
    })
    await this.emit({ kind: 'author', id, action: 'create', fields: [], articleIds: [] })
    return id
  }

  async updateAuthor(id: number, input: AuthorInput): Promise<TaxonomyField[]> {
    const result = await this.db.transaction().execute(async (trx) => {
      const row = await getAuthor(trx, id)
      if (!row) throw new TaxonomyError('NotFound', `No author ${id}`)
      const fields: TaxonomyField[] = []
      if (row.name !== input.name) fields.push('name')
      if (row.slug !== input.slug) fields.push('slug')
      if (row.bio !== input.bio) fields.push('bio')
      if (row.photo_media_id !== input.photoMediaId) fields.push('photo')
      if (fields.includes('slug')) {
        await this.moveSlug(trx, 'author', id, row.slug, input.slug)
        await patchDrafts(trx, JSON.stringify(row.slug), (s) => {
          const slugs = s['authorSlugs']
          if (!Array.isArray(slugs) || !slugs.includes(row.slug)) return false
          s['authorSlugs'] = slugs.map((x) => (x === row.slug ? input.slug : x))
          return true
        })
      }
      await trx.updateTable('authors').set({ name: input.name, slug: input.slug, bio: input.bio, photo_media_id: input.photoMediaId }).where('id', '=', id).execute()
      // Bylines show the name and link the slug; the bio and photo are on the author's page only.
      const shown = fields.includes('name') || fields.includes('slug')
      return { fields, articleIds: shown ? await storiesOf(trx, 'author', id) : [] }
    })
    if (result.fields.length) await this.emit({ kind: 'author', id, action: 'update', ...result })
    return result.fields
  }

  /** Only an author without stories can go. */
  async deleteAuthor(id: number): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      if (!(await getAuthor(trx, id))) throw new TaxonomyError('NotFound', `No author ${id}`)
      const used = await trx.selectFrom('article_authors').select('article_id').where('author_id', '=', id).limit(1).executeTakeFirst()
      if (used) throw new TaxonomyError('NotEmpty', 'The author still has stories')
      await trx.deleteFrom('taxonomy_redirects').where('kind', '=', 'author').where('target_id', '=', id).execute()
      await trx.deleteFrom('authors').where('id', '=', id).execute()
    })
    await this.emit({ kind: 'author', id, action: 'delete', fields: [], articleIds: [] })
  }

  // slugs

  private async requireFreeSlug(trx: Tx, kind: TaxonomyKind, slug: string, ownId: number | null): Promise<void> {
    if (!SLUG_PATTERN.test(slug) || slug.length > 120) throw new TaxonomyError('SlugInvalid', `Invalid slug "${slug}"`)
    const [row, redirect] = await Promise.all([
      trx.selectFrom(TABLE[kind]).select('id').where('slug', '=', slug).executeTakeFirst(),
      trx.selectFrom('taxonomy_redirects').select('target_id').where('kind', '=', kind).where('old_slug', '=', slug).executeTakeFirst(),
    ])
    if ((row && row.id !== ownId) || (redirect && redirect.target_id !== ownId)) throw new TaxonomyError('SlugTaken', `Slug "${slug}" is already used`)
  }

  /** The old slug answers 301; a slug coming back to its owner drops that redirect. */
  private async moveSlug(trx: Tx, kind: TaxonomyKind, id: number, oldSlug: string, newSlug: string): Promise<void> {
    await this.requireFreeSlug(trx, kind, newSlug, id)
    await trx.deleteFrom('taxonomy_redirects').where('kind', '=', kind).where('old_slug', 'in', [newSlug, oldSlug]).execute()
    await trx.insertInto('taxonomy_redirects').values({ kind, old_slug: oldSlug, target_id: id, created_at: nowIso() }).execute()
  }
}

/** A tag renamed (or removed: `to` null) in a working copy's tag names. */
function renameTagIn(tag: TagRow, to: string | null): SnapshotPatch {
  return (s) => {
    const tags = s['tags']
    if (!Array.isArray(tags)) return false
    const hit = (t: unknown) => typeof t === 'string' && (t === tag.name || slugify(t) === tag.slug)
    if (!tags.some(hit)) return false
    const out: string[] = []
    for (const t of tags as string[]) {
      const name = hit(t) ? to : t
      if (name !== null && !out.some((x) => x.toLowerCase() === name.toLowerCase())) out.push(name)
    }
    s['tags'] = out
    return true
  }
}

/**
 * Rewrites the working copies whose snapshot JSON contains `fragment` (a cheap text filter,
 * case-insensitive, before the exact check in `patch`). Runs on renames only: rare writes.
 */
async function patchDrafts(trx: Tx, fragment: string, patch: SnapshotPatch): Promise<void> {
  const like = (text: string) => `%${text.replace(/[%_\\]/g, (ch) => `\\${ch}`)}%`
  // SQLite's LIKE and lower() fold ASCII only; PostgreSQL's LIKE folds nothing: both forms.
  const rows = await trx
    .selectFrom('article_drafts')
    .select(['article_id', 'snapshot'])
    .where(sql<boolean>`(snapshot like ${like(fragment)} escape '\\' or lower(snapshot) like ${like(fragment.toLowerCase())} escape '\\')`)
    .execute()
  for (const row of rows) {
    const snapshot = JSON.parse(row.snapshot) as Record<string, unknown>
    if (patch(snapshot)) await trx.updateTable('article_drafts').set({ snapshot: JSON.stringify(snapshot) }).where('article_id', '=', row.article_id).execute()
  }
}
