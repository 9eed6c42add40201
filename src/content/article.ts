/**
 * @module
 * The article and page model at the boundary: what importers, the admin API and the demo
 * seed submit, validated with zod, and what the site renders.
 */
import { z } from 'zod'
import { DocumentSchema, type BlockDocument } from './document.js'
import type { ArticleKind, AuthorRow, CorrectionRow, MediaRow, PublicationStatus, SectionRow, TagRow } from './content.table.js'

const isoDate = z.iso.datetime({ offset: true, message: 'expected an ISO-8601 date-time, e.g. 2026-11-27T14:05:00+01:00' })
const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'slug: lower-case letters, digits and single hyphens only')
  .max(120)

/** Where a story came from when it is not the newsroom's own reporting. */
export const SourceSchema = z.object({
  /** Agency or outlet name, e.g. "Reuters", "The Guardian". */
  name: z.string().min(1).max(200),
  url: z.url({ protocol: /^https?$/ }).max(2000).optional(),
  /** ISO 639-1 code of the original language when the story was translated. */
  language: z.string().regex(/^[a-z]{2}$/).optional(),
  kind: z.enum(['agency', 'outlet']).default('outlet'),
})
export type Source = z.infer<typeof SourceSchema>

export const ArticleInputSchema = z.object({
  kind: z.enum(['article', 'page']).default('article'),
  externalId: z.string().min(1).max(200).optional(),
  slug: slug.optional(),
  headline: z.string().trim().min(1, 'headline is required').max(300),
  lede: z.string().trim().max(2000).default(''),
  sectionSlug: slug.optional(),
  authorSlugs: z.array(slug).max(20).default([]),
  tags: z.array(z.string().trim().min(1).max(80)).max(50).default([]),
  leadMediaId: z.number().int().positive().optional(),
  body: DocumentSchema,
  status: z.enum(['draft', 'scheduled', 'published', 'unpublished']).default('draft'),
  language: z.string().regex(/^[a-z]{2}$/).default('pl'),
  source: SourceSchema.optional(),
  seoTitle: z.string().max(300).default(''),
  seoDescription: z.string().max(500).default(''),
  publishedAt: isoDate.optional(),
  embargoUntil: isoDate.optional(),
})
export type ArticleInput = z.input<typeof ArticleInputSchema>
export type ValidArticleInput = z.output<typeof ArticleInputSchema>

export interface ArticleSummary {
  id: number
  kind: ArticleKind
  slug: string
  headline: string
  lede: string
  publishedAt: string
  updatedAt: string
  section: Pick<SectionRow, 'id' | 'slug' | 'name'> | null
  leadMedia: MediaRow | null
  /** ISO 639-1; decides the story's edition (src/editions/). */
  language: string
}

export interface ArticleView extends ArticleSummary {
  externalId: string | null
  status: PublicationStatus
  language: string
  body: BlockDocument
  /** The stored JSON `body` was parsed from (a key for the rendered-body cache); absent in previews. */
  bodyJson?: string
  source: Source | null
  seoTitle: string
  seoDescription: string
  authors: AuthorRow[]
  tags: TagRow[]
  corrections: CorrectionRow[]
  /** Media referenced by image blocks, by id. */
  media: Map<number, MediaRow>
}

export function articlePath(a: { kind: ArticleKind; slug: string; section: { slug: string } | null }): string {
  if (a.kind === 'page') return `/${a.slug}`
  return a.section ? `/${a.section.slug}/${a.slug}` : `/artykul/${a.slug}`
}
