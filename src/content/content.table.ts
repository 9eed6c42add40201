/** Row types of the content tables; insert/select/update types derive from one interface each. */
import type { Generated, Insertable, Selectable, Updateable } from 'kysely'

export interface MediaTable {
  id: Generated<number>
  storage_key: string
  mime: string
  width: number
  height: number
  bytes: number
  alt: Generated<string>
  caption: Generated<string>
  credit: Generated<string>
  copyright: Generated<string>
  usage_terms: Generated<string>
  created_at: string
  /** Who uploaded it (null: seeded, imported, or the account was removed). */
  uploaded_by: Generated<number | null>
  /** The uploaded file's own name (shown and searched in the library). */
  original_name: Generated<string>
  /** When the metadata was last edited. */
  updated_at: Generated<string | null>
  /** alt, caption, credit, copyright and the file name, folded (src/media/search-text.ts). */
  search_text: Generated<string>
  /** Responsive variants as JSON: `[{ format, width, height, key, bytes }]` (src/media/variants.ts). */
  variants: Generated<string>
  /** 'pending' (the worker will make the variants), 'ready', or 'failed'. */
  variants_state: Generated<string>
  variants_attempts: Generated<number>
  /** The lease of the instance making the variants. */
  variants_locked_until: Generated<string | null>
  variants_error: Generated<string>
}

export interface AuthorTable {
  id: Generated<number>
  slug: string
  name: string
  bio: Generated<string>
  photo_media_id: number | null
  created_at: string
}

export interface SectionTable {
  id: Generated<number>
  slug: string
  name: string
  description: Generated<string>
  position: Generated<number>
  created_at: string
}

export interface TagTable {
  id: Generated<number>
  slug: string
  name: string
  created_at: string
}

export type ArticleKind = 'article' | 'page'
export type PublicationStatus = 'draft' | 'scheduled' | 'published' | 'unpublished'

export interface ArticleTable {
  id: Generated<number>
  kind: ArticleKind
  external_id: string | null
  slug: string
  headline: string
  lede: Generated<string>
  section_id: number | null
  lead_media_id: number | null
  /** The block document as JSON (see document.ts). */
  body: string
  status: PublicationStatus
  language: Generated<string>
  /** Source/attribution as JSON (see article.ts), or null for own reporting. */
  source: string | null
  seo_title: Generated<string>
  seo_description: Generated<string>
  published_at: string | null
  embargo_until: string | null
  updated_at: string
  created_at: string
  /** The story this one was translated from (null: an original, or its source was deleted). */
  translated_from_id: Generated<number | null>
  /** Shared by every language version of a story: the original's id (null: no translations). */
  translation_group_id: Generated<number | null>
}

export interface ArticleAuthorTable {
  article_id: number
  author_id: number
  position: Generated<number>
  /**
   * Copies of the story's columns that decide whether and where it is listed, kept by triggers
   * (migrations 0015, 0018): lists and related stories read visibility from the link row alone,
   * walking (author_id, kind, status, published_at).
   */
  published_at: Generated<string | null>
  status: Generated<PublicationStatus | null>
  embargo_until: Generated<string | null>
  kind: Generated<ArticleKind | null>
  language: Generated<string | null>
}

export interface ArticleTagTable {
  article_id: number
  tag_id: number
  position: Generated<number>
  /**
   * Copies of the story's columns that decide whether and where it is listed, kept by triggers
   * (migrations 0015, 0018): lists and related stories read visibility from the link row alone,
   * walking (tag_id, kind, status, published_at).
   */
  published_at: Generated<string | null>
  status: Generated<PublicationStatus | null>
  embargo_until: Generated<string | null>
  kind: Generated<ArticleKind | null>
  language: Generated<string | null>
}

export interface CorrectionTable {
  id: Generated<number>
  article_id: number
  kind: 'correction' | 'update'
  text: string
  created_at: string
}

export interface ArticleRedirectTable {
  kind: ArticleKind
  old_slug: string
  article_id: number
  created_at: string
}

/** An old section, tag or author slug that answers 301 to the current one (taxonomy.ts). */
export interface TaxonomyRedirectTable {
  kind: 'section' | 'tag' | 'author'
  old_slug: string
  target_id: number
  created_at: string
}

export interface ContentTables {
  media: MediaTable
  authors: AuthorTable
  sections: SectionTable
  tags: TagTable
  articles: ArticleTable
  article_authors: ArticleAuthorTable
  article_tags: ArticleTagTable
  corrections: CorrectionTable
  article_redirects: ArticleRedirectTable
  taxonomy_redirects: TaxonomyRedirectTable
}

export type MediaRow = Selectable<MediaTable>
export type AuthorRow = Selectable<AuthorTable>
export type SectionRow = Selectable<SectionTable>
export type TagRow = Selectable<TagTable>
export type ArticleRow = Selectable<ArticleTable>
export type InsertableArticleRow = Insertable<ArticleTable>
export type UpdateableArticleRow = Updateable<ArticleTable>
export type CorrectionRow = Selectable<CorrectionTable>
