/**
 * @module
 * The language versions of a story as readers see them: the visible members of its
 * translation group, one per language (a unique index keeps it so), with their paths in
 * their editions. Used for hreflang links on article pages and in the sitemaps.
 */
import { VERSION_COLUMNS, visibleAt, type VersionMemberRow } from '../content/content.repository.js'
import type { ArticleKind } from '../content/content.table.js'
import type { Db, Tx } from '../platform/db/database.js'
import type { EditionCode, Editions } from './editions.js'

export interface VersionRow {
  id: number
  groupId: number
  kind: ArticleKind
  slug: string
  language: string
  headline: string
  sectionSlug: string | null
}

export interface StoryVersion {
  id: number
  code: EditionCode
  path: string
  headline: string
}

/** Visible members of the given groups (one query). */
export async function versionRows(db: Db | Tx, groupIds: readonly number[], now: string): Promise<VersionRow[]> {
  const ids = [...new Set(groupIds)]
  if (ids.length === 0) return []
  const rows = await db
    .selectFrom('articles')
    .leftJoin('sections', 'sections.id', 'articles.section_id')
    .select(VERSION_COLUMNS)
    .where('articles.translation_group_id', 'in', ids)
    .where(visibleAt(now))
    .orderBy('articles.id')
    .execute()
  return rows.map(toVersionRow)
}

function toVersionRow(r: VersionMemberRow): VersionRow {
  return { id: r.id, groupId: r.translation_group_id!, kind: r.kind, slug: r.slug, language: r.language, headline: r.headline, sectionSlug: r.section_slug }
}

/**
 * The versions readers can switch between: members whose language has its own enabled
 * edition (a story in a language without one lives in the Polish edition and would compete
 * with the Polish version for its place). Fewer than two means no alternates at all.
 */
export function readerVersions(rows: readonly VersionRow[], editions: Editions): StoryVersion[] {
  const out: StoryVersion[] = []
  for (const r of rows) {
    if (editions.of(r.language) !== r.language) continue
    const code = r.language as EditionCode
    if (out.some((v) => v.code === code)) continue
    out.push({ id: r.id, code, path: editions.articlePath({ kind: r.kind, slug: r.slug, section: r.sectionSlug !== null ? { slug: r.sectionSlug } : null, language: r.language }), headline: r.headline })
  }
  return out.length > 1 ? out : []
}

/**
 * The versions of one story (its group's id, or its own when it has none); `members` are its
 * group's visible members when already read with the story (`findStoryPage`).
 */
export async function storyVersions(
  db: Db | Tx,
  row: { id: number; translation_group_id: number | null },
  editions: Editions,
  now: string,
  members?: readonly VersionMemberRow[],
): Promise<StoryVersion[]> {
  if (row.translation_group_id === null || editions.enabled.length < 2) return []
  return readerVersions(members ? members.map(toVersionRow) : await versionRows(db, [row.translation_group_id], now), editions)
}
