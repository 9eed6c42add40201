/**
 * @module
 * Stories that reached the `articles` table without the newsroom (the demo seed, importers)
 * have no working copy, so the editor could not open them and the lists would not show them.
 * `adoptLiveStories` gives them one, built from the live row exactly as the site shows it,
 * with a first revision ("utworzenie", by "import"), newest first and in bounded batches.
 */
import { withBlockIds } from '../../content/document.js'
import { loadArticleView } from '../../content/content.repository.js'
import type { ArticleRow } from '../../content/content.table.js'
import type { StorySnapshot } from '../../newsroom/newsroom.service.js'
import type { EditorialState } from '../../newsroom/workflow.js'
import { nowIso, type Db } from '../../platform/db/database.js'

export const IMPORT_USER = 'import'

async function adoptRow(db: Db, row: ArticleRow): Promise<void> {
  const view = await loadArticleView(db, row)
  const snapshot: StorySnapshot = {
    slug: view.slug,
    headline: view.headline,
    lede: view.lede,
    ...(view.section ? { sectionSlug: view.section.slug } : {}),
    authorSlugs: view.authors.map((a) => a.slug),
    tags: view.tags.map((t) => t.name),
    ...(row.lead_media_id ? { leadMediaId: row.lead_media_id } : {}),
    body: withBlockIds(view.body),
    language: view.language,
    ...(view.source ? { source: view.source } : {}),
    seoTitle: view.seoTitle,
    seoDescription: view.seoDescription,
    ...(row.published_at ? { publishedAt: row.published_at } : {}),
    ...(row.embargo_until ? { embargoUntil: row.embargo_until } : {}),
  }
  const state: EditorialState = row.status === 'published' ? (row.published_at && row.published_at > nowIso() ? 'scheduled' : 'published') : 'draft'
  const now = nowIso()
  await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('article_drafts')
      .values({ article_id: row.id, snapshot: JSON.stringify(snapshot), state, version: 1, created_by: null, updated_by: null, updated_by_name: IMPORT_USER, updated_at: row.updated_at })
      .onConflict((oc) => oc.column('article_id').doNothing())
      .executeTakeFirst()
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return
    await trx
      .insertInto('article_revisions')
      .values({ article_id: row.id, version: 1, snapshot: JSON.stringify(snapshot), reason: 'create', user_id: null, user_name: IMPORT_USER, created_at: now })
      .execute()
  })
}

/** Working copies for up to `limit` articles without one (newest first); how many were made. */
export async function adoptLiveStories(db: Db, limit = 200): Promise<number> {
  const rows = await db
    .selectFrom('articles')
    .leftJoin('article_drafts', 'article_drafts.article_id', 'articles.id')
    .selectAll('articles')
    .where('article_drafts.article_id', 'is', null)
    .where('articles.kind', '=', 'article')
    .orderBy('articles.updated_at', 'desc')
    .limit(limit)
    .execute()
  for (const row of rows) await adoptRow(db, row)
  return rows.length
}

/** A working copy for one article, when it has none (opening an imported story). */
export async function adoptOne(db: Db, articleId: number): Promise<boolean> {
  const row = await db
    .selectFrom('articles')
    .leftJoin('article_drafts', 'article_drafts.article_id', 'articles.id')
    .selectAll('articles')
    .where('articles.id', '=', articleId)
    .where('article_drafts.article_id', 'is', null)
    .where('articles.kind', '=', 'article')
    .executeTakeFirst()
  if (!row) return false
  await adoptRow(db, row)
  return true
}
