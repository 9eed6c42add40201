import type { Generated, Selectable } from 'kysely'
import type { EditorialState } from './workflow.js'

/** The newsroom's working copy of a story (one per article). */
export interface ArticleDraftTable {
  article_id: number
  /** The story as edited (StorySnapshot JSON). */
  snapshot: string
  state: EditorialState
  /** Optimistic concurrency: every save must name the version it started from. */
  version: number
  created_by: number | null
  updated_by: number | null
  updated_by_name: string
  updated_at: string
}

export type RevisionReason = 'create' | 'autosave' | 'save' | 'submit' | 'return' | 'publish' | 'schedule' | 'unschedule' | 'unpublish' | 'correction' | 'restore' | 'conflict'

export interface ArticleRevisionTable {
  id: Generated<number>
  article_id: number
  version: number
  snapshot: string
  reason: RevisionReason
  user_id: number | null
  user_name: string
  created_at: string
}

export interface NewsroomTables {
  article_drafts: ArticleDraftTable
  article_revisions: ArticleRevisionTable
}

export type ArticleDraftRow = Selectable<ArticleDraftTable>
export type ArticleRevisionRow = Selectable<ArticleRevisionTable>
