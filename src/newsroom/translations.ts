/**
 * @module
 * Translations as linked copies ("Przetłumacz na…"): a translation is a story of its own —
 * own working copy, workflow, revisions, slug and publication — linked to the story it was
 * translated from (`articles.translated_from_id`) and sharing a translation group with every
 * other language version (`articles.translation_group_id` = the original's id; one story per
 * language in a group). The copy starts as the original's text with the same block ids and is
 * put on the translation desk (src/translation/story.ts), so every segment counts as
 * untranslated until it is translated and the quality gate keeps it from going out before.
 */
import { EDITION_CODES, isEditionCode } from '../editions/editions.js'
import type { Db } from '../platform/db/database.js'
import { StoryTranslations } from '../translation/story.js'
import { NewsroomError, type Actor, type NewsroomService, type StoryState } from './newsroom.service.js'

/** Languages a story can be translated into: the site's possible editions. */
export const TRANSLATION_TARGETS = EDITION_CODES

export interface StoryVersionInfo {
  articleId: number
  language: string
  /** The working copy's headline (what the newsroom sees). */
  headline: string
  /** This version was the group's original. */
  original: boolean
  /** The version it was translated from, if any. */
  translatedFromId: number | null
  status: string
}

/** The language versions of a story (itself included), original first; empty when it has none. */
export async function storyVersionsOf(db: Db, articleId: number): Promise<StoryVersionInfo[]> {
  const row = await db.selectFrom('articles').select(['translation_group_id']).where('id', '=', articleId).executeTakeFirst()
  if (!row || row.translation_group_id === null) return []
  const group = row.translation_group_id
  const rows = await db
    .selectFrom('articles')
    .leftJoin('article_drafts', 'article_drafts.article_id', 'articles.id')
    .select(['articles.id', 'articles.language', 'articles.headline', 'articles.translated_from_id', 'articles.status', 'article_drafts.snapshot'])
    .where('articles.translation_group_id', '=', group)
    .orderBy('articles.id')
    .execute()
  return rows
    .map((r) => ({
      articleId: r.id,
      language: r.language,
      headline: r.snapshot ? ((JSON.parse(r.snapshot) as { headline?: string }).headline ?? r.headline) : r.headline,
      original: r.id === group,
      translatedFromId: r.translated_from_id,
      status: r.status,
    }))
    .sort((a, b) => Number(b.original) - Number(a.original) || a.articleId - b.articleId)
}

/** Language versions of many stories at once (the story list): article id → its group's members. */
export async function versionsByArticle(db: Db, articleIds: readonly number[]): Promise<Map<number, Array<{ articleId: number; language: string }>>> {
  const out = new Map<number, Array<{ articleId: number; language: string }>>()
  if (articleIds.length === 0) return out
  const own = await db.selectFrom('articles').select(['id', 'translation_group_id']).where('id', 'in', [...articleIds]).where('translation_group_id', 'is not', null).execute()
  const groups = [...new Set(own.map((r) => r.translation_group_id!))]
  if (groups.length === 0) return out
  const members = await db.selectFrom('articles').select(['id', 'language', 'translation_group_id']).where('translation_group_id', 'in', groups).orderBy('id').execute()
  for (const r of own) {
    out.set(
      r.id,
      members.filter((m) => m.translation_group_id === r.translation_group_id).map((m) => ({ articleId: m.id, language: m.language })),
    )
  }
  return out
}

/**
 * Creates the `language` version of a story as a linked copy and puts it on the translation
 * desk; when that version exists already, returns it (`created: false`). The actor becomes
 * the copy's creator (a translator may then work on it like on their own draft).
 */
export async function createTranslation(
  db: Db,
  newsroom: NewsroomService,
  actor: Actor,
  sourceId: number,
  language: string,
): Promise<{ story: StoryState; created: boolean }> {
  if (!isEditionCode(language)) throw new NewsroomError('Invalid', `Nie można tłumaczyć na ten język: wybierz jeden z: ${TRANSLATION_TARGETS.join(', ')}.`)
  const source = await newsroom.get(sourceId)
  const row = await db.selectFrom('articles').select(['id', 'slug', 'language', 'translation_group_id']).where('id', '=', sourceId).executeTakeFirstOrThrow()
  const sourceLang = source.snapshot.language || row.language
  if (sourceLang === language) throw new NewsroomError('Invalid', 'Artykuł jest już w tym języku: wybierz inny język tłumaczenia.')
  const group = row.translation_group_id ?? row.id
  const existing = await findVersion(db, group, language)
  if (existing !== null) return { story: await newsroom.get(existing), created: false }

  // A readable address of its own: the original's slug with the language, when free.
  const wanted = `${row.slug}-${language}`.slice(0, 120)
  const taken = await db.selectFrom('articles').select('id').where('kind', '=', source.kind).where('slug', '=', wanted).executeTakeFirst()
  const redirected = await db.selectFrom('article_redirects').select('article_id').where('kind', '=', source.kind).where('old_slug', '=', wanted).executeTakeFirst()
  const { publishedAt: _p, embargoUntil: _e, slug: _s, ...text } = source.snapshot
  const copy = await newsroom.createStory(actor, source.kind, { ...text, language, ...(taken || redirected ? {} : { slug: wanted }) })

  try {
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('articles').set({ translation_group_id: group }).where('id', '=', sourceId).where('translation_group_id', 'is', null).execute()
      await trx.updateTable('articles').set({ translated_from_id: sourceId, translation_group_id: group }).where('id', '=', copy.articleId).execute()
    })
  } catch (err) {
    // Someone made this language's version at the same moment (the unique index refused ours).
    const winner = await findVersion(db, group, language)
    if (winner === null || winner === copy.articleId) throw err
    await db.deleteFrom('articles').where('id', '=', copy.articleId).execute()
    return { story: await newsroom.get(winner), created: false }
  }
  // The desk compares the copy with this original: identical segments are untranslated.
  await new StoryTranslations(db).start(copy.articleId, source.snapshot, sourceLang, language, actor.id)
  return { story: await newsroom.get(copy.articleId), created: true }
}

async function findVersion(db: Db, group: number, language: string): Promise<number | null> {
  const row = await db.selectFrom('articles').select('id').where('translation_group_id', '=', group).where('language', '=', language).executeTakeFirst()
  return row?.id ?? null
}
