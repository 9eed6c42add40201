/**
 * @module
 * Use cases that write content: each runs in one transaction, so a failure leaves nothing
 * half-written. Listeners (page cache, search index) learn about changes through `onChange`.
 */
import type { Db, Tx } from '../platform/db/database.js'
import { nowIso } from '../platform/db/database.js'
import { slugify, uniqueSlug } from '../polish/slug.js'
import { ArticleInputSchema, type ArticleInput, type ValidArticleInput } from './article.js'
import { withBlockIds } from './document.js'
import type { ArticleKind } from './content.table.js'
import { TaxonomyService } from './taxonomy.js'

export interface ContentChange {
  articleId: number
  kind: ArticleKind
  action: 'create' | 'update' | 'unpublish' | 'correct' | 'slug' | 'visible'
  /** Memberships before the change, when it moved the story between lists. */
  previous?: { sectionId: number | null; tagIds: number[]; authorIds: number[]; language?: string }
}
export type ContentListener = (change: ContentChange) => void | Promise<void>

export class ContentError extends Error {
  constructor(
    readonly code: 'NotFound' | 'UnknownSection' | 'UnknownAuthor' | 'SlugTaken' | 'Invalid',
    message: string,
  ) {
    super(message)
    this.name = 'ContentError'
  }
}

/** The article columns that come straight from the input (insert and update alike). */
function contentColumns(input: ValidArticleInput, sectionId: number | null, publishedAt: string | null) {
  return {
    headline: input.headline,
    lede: input.lede,
    section_id: sectionId,
    lead_media_id: input.leadMediaId ?? null,
    body: JSON.stringify(withBlockIds(input.body)),
    status: input.status,
    language: input.language,
    source: input.source ? JSON.stringify(input.source) : null,
    seo_title: input.seoTitle,
    seo_description: input.seoDescription,
    published_at: publishedAt,
    embargo_until: input.embargoUntil ? new Date(input.embargoUntil).toISOString() : null,
  }
}

export class ContentService {
  private readonly listeners: ContentListener[] = []
  /** Sections, tags and authors (taxonomy.ts): their own writes and listeners. */
  readonly taxonomy: TaxonomyService

  constructor(private readonly db: Db) {
    this.taxonomy = new TaxonomyService(db)
  }

  onChange(listener: ContentListener): void {
    this.listeners.push(listener)
  }

  private async emit(change: ContentChange): Promise<void> {
    for (const l of this.listeners) await l(change)
  }

  /**
   * Creates an article or page; returns its id. Inside a caller's transaction (`trx`) the
   * listeners are not told: they read through other connections and would not see the row
   * yet (or, on SQLite, wait for the transaction forever). The caller calls `announce` after
   * its commit.
   */
  async create(input: ArticleInput, trx?: Tx): Promise<number> {
    if (trx) return this.insert(trx, input)
    const id = await this.db.transaction().execute((t) => this.insert(t, input))
    await this.emit({ articleId: id, kind: input.kind ?? 'article', action: 'create' })
    return id
  }

  /** Tells the listeners about changes committed in the caller's own transaction. */
  async announce(changes: readonly ContentChange[]): Promise<void> {
    for (const change of changes) await this.emit(change)
  }

  private async insert(trx: Tx, raw: ArticleInput): Promise<number> {
    const input = ArticleInputSchema.parse(raw)
    const now = nowIso()
    const sectionId = input.sectionSlug ? await this.sectionId(trx, input.sectionSlug) : null
    const slug = input.slug
      ? await this.requireFreeSlug(trx, input.kind, input.slug)
      : await uniqueSlug(slugify(input.headline), (s) => this.slugTaken(trx, input.kind, s))
    const publishedAt =
      input.publishedAt !== undefined
        ? new Date(input.publishedAt).toISOString()
        : input.status === 'published'
          ? now
          : null
    const { id } = await trx
      .insertInto('articles')
      .values({
        kind: input.kind,
        external_id: input.externalId ?? null,
        slug,
        ...contentColumns(input, sectionId, publishedAt),
        updated_at: publishedAt ?? now,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await this.setAuthors(trx, id, input.authorSlugs)
    await this.setTags(trx, id, input.tags)
    return id
  }

  /**
   * Replaces a story's content and publication fields (what the newsroom publishes). An old
   * slug keeps answering with a 301. Listeners learn the lists the story was on before, so
   * a story moved between sections leaves both up to date.
   */
  async update(articleId: number, raw: ArticleInput, options: { touch?: boolean } = {}): Promise<void> {
    const input = ArticleInputSchema.parse(raw)
    const { kind, previous } = await this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('articles').select(['kind', 'slug', 'section_id', 'published_at', 'status', 'language']).where('id', '=', articleId).executeTakeFirst()
      if (!row) throw new ContentError('NotFound', `No article ${articleId}`)
      const [tags, authors] = await Promise.all([
        trx.selectFrom('article_tags').select('tag_id').where('article_id', '=', articleId).execute(),
        trx.selectFrom('article_authors').select('author_id').where('article_id', '=', articleId).execute(),
      ])
      const now = nowIso()
      const slug = input.slug ?? row.slug
      if (slug !== row.slug) {
        await trx.deleteFrom('article_redirects').where('kind', '=', row.kind).where('old_slug', '=', slug).where('article_id', '=', articleId).execute()
        await this.requireFreeSlug(trx, row.kind, slug)
        await trx.insertInto('article_redirects').values({ kind: row.kind, old_slug: row.slug, article_id: articleId, created_at: now }).execute()
      }
      const publishedAt = input.publishedAt !== undefined ? new Date(input.publishedAt).toISOString() : (row.published_at ?? (input.status === 'published' ? now : null))
      await trx
        .updateTable('articles')
        .set({
          slug,
          ...contentColumns(input, input.sectionSlug ? await this.sectionId(trx, input.sectionSlug) : null, publishedAt),
          // The reader-visible "updated" time moves only for real updates of a live story.
          ...(options.touch === false ? {} : { updated_at: row.status === 'published' ? now : (publishedAt ?? now) }),
        })
        .where('id', '=', articleId)
        .execute()
      await this.setAuthors(trx, articleId, input.authorSlugs)
      await this.setTags(trx, articleId, input.tags)
      return { kind: row.kind, previous: { sectionId: row.section_id, tagIds: tags.map((t) => t.tag_id), authorIds: authors.map((a) => a.author_id), language: row.language } }
    })
    await this.emit({ articleId, kind, action: 'update', previous })
  }

  private async sectionId(trx: Tx, slug: string): Promise<number> {
    const row = await trx.selectFrom('sections').select('id').where('slug', '=', slug).executeTakeFirst()
    if (!row) throw new ContentError('UnknownSection', `Unknown section "${slug}"`)
    return row.id
  }

  private async slugTaken(trx: Tx, kind: ArticleKind, slug: string): Promise<boolean> {
    const [article, redirect] = await Promise.all([
      trx.selectFrom('articles').select('id').where('kind', '=', kind).where('slug', '=', slug).executeTakeFirst(),
      trx.selectFrom('article_redirects').select('article_id').where('kind', '=', kind).where('old_slug', '=', slug).executeTakeFirst(),
    ])
    return article !== undefined || redirect !== undefined
  }

  private async requireFreeSlug(trx: Tx, kind: ArticleKind, slug: string): Promise<string> {
    if (await this.slugTaken(trx, kind, slug)) throw new ContentError('SlugTaken', `Slug "${slug}" is already used`)
    return slug
  }

  private async setAuthors(trx: Tx, articleId: number, slugs: string[]): Promise<void> {
    await trx.deleteFrom('article_authors').where('article_id', '=', articleId).execute()
    if (slugs.length === 0) return
    const authors = await trx.selectFrom('authors').select(['id', 'slug']).where('slug', 'in', slugs).execute()
    const bySlug = new Map(authors.map((a) => [a.slug, a.id]))
    const missing = slugs.filter((s) => !bySlug.has(s))
    if (missing.length > 0) throw new ContentError('UnknownAuthor', `Unknown author(s): ${missing.join(', ')}`)
    await trx
      .insertInto('article_authors')
      .values([...new Set(slugs)].map((s, position) => ({ article_id: articleId, author_id: bySlug.get(s)!, position })))
      .execute()
  }

  /** Tags are named freely; unknown ones are created on the fly. */
  private async setTags(trx: Tx, articleId: number, names: string[]): Promise<void> {
    await trx.deleteFrom('article_tags').where('article_id', '=', articleId).execute()
    const bySlug = new Map<string, string>()
    for (const name of names) bySlug.set(slugify(name), name)
    if (bySlug.size === 0) return
    const slugs = [...bySlug.keys()]
    await trx
      .insertInto('tags')
      .values(slugs.map((slug) => ({ slug, name: bySlug.get(slug)!, created_at: nowIso() })))
      .onConflict((oc) => oc.column('slug').doNothing())
      .execute()
    const tags = await trx.selectFrom('tags').select(['id', 'slug']).where('slug', 'in', slugs).execute()
    const ids = new Map(tags.map((t) => [t.slug, t.id]))
    await trx
      .insertInto('article_tags')
      .values(slugs.map((slug, position) => ({ article_id: articleId, tag_id: ids.get(slug)!, position })))
      .execute()
  }

  /** Changes the slug and keeps the old one answering with a 301. */
  async changeSlug(articleId: number, newSlug: string): Promise<void> {
    const kind = await this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('articles').select(['slug', 'kind']).where('id', '=', articleId).executeTakeFirst()
      if (!row) throw new ContentError('NotFound', `No article ${articleId}`)
      if (row.slug === newSlug) return row.kind
      // A slug may come back to its article: drop that redirect instead of refusing.
      await trx.deleteFrom('article_redirects').where('kind', '=', row.kind).where('old_slug', '=', newSlug).where('article_id', '=', articleId).execute()
      await this.requireFreeSlug(trx, row.kind, newSlug)
      await trx.insertInto('article_redirects').values({ kind: row.kind, old_slug: row.slug, article_id: articleId, created_at: nowIso() }).execute()
      await trx.updateTable('articles').set({ slug: newSlug }).where('id', '=', articleId).execute()
      return row.kind
    })
    await this.emit({ articleId, kind, action: 'slug' })
  }

  /** Adds a dated "Sprostowanie" (correction) or "Aktualizacja" (update) note. */
  async addCorrection(articleId: number, kind: 'correction' | 'update', text: string): Promise<void> {
    const trimmed = text.trim()
    if (trimmed.length === 0) throw new ContentError('Invalid', 'A correction needs text')
    const now = nowIso()
    const articleKind = await this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('articles').select('kind').where('id', '=', articleId).executeTakeFirst()
      if (!row) throw new ContentError('NotFound', `No article ${articleId}`)
      await trx.insertInto('corrections').values({ article_id: articleId, kind, text: trimmed, created_at: now }).execute()
      await trx.updateTable('articles').set({ updated_at: now }).where('id', '=', articleId).execute()
      return row.kind
    })
    await this.emit({ articleId, kind: articleKind, action: 'correct' })
  }

  /** Tells listeners that a story's publication or embargo time has come. */
  async notifyVisible(articleId: number): Promise<void> {
    const row = await this.db.selectFrom('articles').select('kind').where('id', '=', articleId).executeTakeFirst()
    if (row) await this.emit({ articleId, kind: row.kind, action: 'visible' })
  }

  /** Takes a story off the site; its address answers 410 Gone. */
  async unpublish(articleId: number): Promise<void> {
    const row = await this.db
      .updateTable('articles')
      .set({ status: 'unpublished', updated_at: nowIso() })
      .where('id', '=', articleId)
      .returning('kind')
      .executeTakeFirst()
    if (!row) throw new ContentError('NotFound', `No article ${articleId}`)
    await this.emit({ articleId, kind: row.kind, action: 'unpublish' })
  }
}
