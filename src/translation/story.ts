/**
 * @module
 * A story on the translation desk: the original as it was when translation began (kept
 * for the left column and for the quality gate's "untranslated" check) and, per segment,
 * the status it was given (`machine`, `edited`, `approved`) with the text it was given for.
 *
 * The working copy itself is the Polish story (edited in the editor or on the desk), so a
 * status holds only while the text is the one it was recorded for:
 * - a recorded segment whose text has changed since is `edited` (someone rewrote it);
 * - an unrecorded segment that is still identical to the original is untranslated;
 * - an unrecorded segment that differs from the original (typed in the editor), or that the
 *   original does not have (a block added in Polish), is `edited`.
 */
import type { Inline } from '../content/document.js'
import type { StorySnapshot } from '../newsroom/newsroom.service.js'
import { nowIso, type Db } from '../platform/db/database.js'
import { serializeInline } from './provider.js'
import { storySegments, type SegmentStatus } from './segments.js'

export interface SegmentRecord {
  readonly status: SegmentStatus
  /** The segment's tagged text (provider.ts's format) when the status was recorded. */
  readonly text: string
}

export interface StoryTranslation {
  readonly articleId: number
  readonly sourceLang: string
  readonly targetLang: string
  readonly source: StorySnapshot
  readonly segments: Readonly<Record<string, SegmentRecord>>
  readonly updatedAt: string
}

/** A segment's content as compared for status (marks and links count: the tagged form). */
export function segmentKey(content: readonly Inline[]): string {
  return serializeInline(content).text.replace(/\s+/g, ' ').trim()
}

/** The effective status of every segment of the Polish copy (undefined: untranslated). */
export function effectiveStatuses(translation: StoryTranslation, snapshot: StorySnapshot): Record<string, SegmentStatus> {
  const original = new Map(storySegments(translation.source).map((s) => [s.id, segmentKey(s.content)]))
  const out: Record<string, SegmentStatus> = {}
  for (const segment of storySegments(snapshot)) {
    const now = segmentKey(segment.content)
    const record = translation.segments[segment.id]
    if (record) out[segment.id] = record.text === now ? record.status : 'edited'
    else if (!original.has(segment.id) || original.get(segment.id) !== now) out[segment.id] = 'edited'
  }
  return out
}

function rowToTranslation(row: { article_id: number; source_lang: string; target_lang: string; source: string; segments: string; updated_at: string }): StoryTranslation {
  return {
    articleId: row.article_id,
    sourceLang: row.source_lang,
    targetLang: row.target_lang,
    source: JSON.parse(row.source) as StorySnapshot,
    segments: JSON.parse(row.segments) as Record<string, SegmentRecord>,
    updatedAt: row.updated_at,
  }
}

/** The `story_translations` table. */
export class StoryTranslations {
  constructor(private readonly db: Db) {}

  async get(articleId: number): Promise<StoryTranslation | null> {
    const row = await this.db.selectFrom('story_translations').selectAll().where('article_id', '=', articleId).executeTakeFirst()
    return row ? rowToTranslation(row) : null
  }

  /** Records the original; a story already on the desk keeps its first original. */
  async start(articleId: number, source: StorySnapshot, from: string, to: string, userId: number | null): Promise<StoryTranslation> {
    await this.db
      .insertInto('story_translations')
      .values({ article_id: articleId, source_lang: from, target_lang: to, source: JSON.stringify(source), segments: '{}', created_by: userId, updated_at: nowIso() })
      .onConflict((oc) => oc.column('article_id').doNothing())
      .execute()
    return (await this.get(articleId))!
  }

  /** Records statuses for segments (merged into the existing ones). */
  async record(articleId: number, updates: Readonly<Record<string, SegmentRecord>>): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('story_translations').select('segments').where('article_id', '=', articleId).executeTakeFirst()
      if (!row) return
      const merged = { ...(JSON.parse(row.segments) as Record<string, SegmentRecord>), ...updates }
      await trx.updateTable('story_translations').set({ segments: JSON.stringify(merged), updated_at: nowIso() }).where('article_id', '=', articleId).execute()
    })
  }

  async remove(articleId: number): Promise<void> {
    await this.db.deleteFrom('story_translations').where('article_id', '=', articleId).execute()
  }
}
