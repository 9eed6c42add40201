/**
 * @module
 * What the story pages and the story API share: the actor of a request, Polish problem
 * details, Polish field errors, checks of references (section, authors, slug) before a
 * save, the list with its filters, the preview through the site's own renderer.
 */
import type { Context } from 'hono'
import type { SessionUser } from '../../accounts/roles.js'
import { ArticleInputSchema, type ArticleView } from '../../content/article.js'
import type { AuthorRow, MediaRow, SectionRow } from '../../content/content.table.js'
import { mediaByIds } from '../../content/content.repository.js'
import { slugify } from '../../polish/slug.js'
import { NewsroomError, type Actor, type StorySnapshot, type StoryState } from '../../newsroom/newsroom.service.js'
import { WORKFLOW, type EditorialState, type WorkflowAction } from '../../newsroom/workflow.js'
import type { RevisionReason } from '../../newsroom/newsroom.table.js'
import { ContentError } from '../../content/content.service.js'
import { renderDocument, renderFigure } from '../../site/render-document.js'
import { mediaUrlFor } from '../../site/site-view.js'
import { searchFor } from '../../search/search.service.js'
import type { AppDeps } from '../../server/deps.js'
import { versionsByArticle } from '../../newsroom/translations.js'
import { messages, type MessageKey, type Messages } from '../i18n.js'
import { adoptOne } from './adopt.js'

export function actorOf(user: SessionUser): Actor {
  return { id: user.id, name: user.name, role: user.role }
}

// ── labels ───────────────────────────────────────────────────────────────

const PL = messages('pl')

/** A state, publication or revision reason label in the reader's language (Polish by default). */
export function stateLabel(state: EditorialState, m: Messages = PL): string {
  return m[`state.${state}`]
}

export function publicationLabel(publication: string, m: Messages = PL): string {
  const key = `publication.${publication}` as MessageKey
  return key in m ? (m[key] as string) : publication
}

export function reasonLabel(reason: string, m: Messages = PL): string {
  const key = `reason.${reason}` as MessageKey
  return key in m ? (m[key] as string) : reason
}

export const STATE_LABELS: Record<EditorialState, string> = {
  draft: stateLabel('draft'),
  in_review: stateLabel('in_review'),
  scheduled: stateLabel('scheduled'),
  published: stateLabel('published'),
}

export const PUBLICATION_LABELS: Record<StoryState['publication'], string> = {
  draft: publicationLabel('draft'),
  scheduled: publicationLabel('scheduled'),
  published: publicationLabel('published'),
  unpublished: publicationLabel('unpublished'),
}

export const REASON_LABELS = Object.fromEntries(
  (['create', 'autosave', 'save', 'submit', 'return', 'publish', 'schedule', 'unschedule', 'unpublish', 'correction', 'restore', 'conflict'] as const).map((r) => [r, reasonLabel(r)]),
) as Record<RevisionReason, string>

/** The button label of a workflow action, in the reader's language. */
export function actionLabel(action: WorkflowAction, m: Messages = PL): string {
  const key = `action.${action}` as MessageKey
  return key in m ? (m[key] as string) : (WORKFLOW.find((t) => t.action === action)?.label ?? action)
}

// ── problems (RFC 9457) ──────────────────────────────────────────────────

export type ProblemStatus = 400 | 403 | 404 | 409 | 422

export function problemJson(c: Context, status: ProblemStatus, title: string, detail: string, extra: Record<string, unknown> = {}): Response {
  return c.body(JSON.stringify({ type: 'about:blank', title, status, detail, ...extra }), status, { 'Content-Type': 'application/problem+json; charset=utf-8' })
}

export interface FieldError {
  /** The form field: headline, lede, slug, sectionSlug, authorSlugs, tags, body, source.name … */
  field: string
  message: string
}

const FIELDS = ['headline', 'lede', 'slug', 'sectionSlug', 'authorSlugs', 'tags', 'leadMediaId', 'body', 'source', 'seoTitle', 'seoDescription', 'publishedAt', 'embargoUntil', 'language'] as const

export function fieldLabel(field: string, m: Messages = PL): string {
  const name = field.split('.')[0]!
  return (FIELDS as readonly string[]).includes(name) ? m[`storyField.${name as (typeof FIELDS)[number]}`] : field
}

/** The parts of a zod issue used here. */
export interface Issue {
  path: readonly PropertyKey[]
  code: string
  message: string
}

/** Zod issues as messages per field, in the reader's language (Polish by default). */
export function polishIssues(issues: readonly Issue[], m: Messages = PL): FieldError[] {
  return issues.map((issue) => {
    const path = issue.path.map(String)
    const field = path[0] === 'source' && path[1] ? `source.${path[1]}` : (path[0] ?? 'form')
    const raw = issue as unknown as { code: string; minimum?: number; maximum?: number; origin?: string; format?: string }
    let message: string
    if (field === 'headline' && (raw.code === 'too_small' || raw.code === 'invalid_type')) message = m['issue.headline']
    else if (field === 'slug') message = m['issue.slug']
    else if (path[0] === 'body') message = m['issue.body'](path.slice(1).join('.'), /link/.test(issue.message) ? m['issue.bodyLink'] : m['issue.bodyCheck'])
    else if (raw.code === 'too_big') message = m['issue.tooBig'](raw.maximum ?? 0)
    else if (raw.code === 'too_small') message = m['issue.required']
    else if (raw.format === 'url' || field === 'source.url') message = m['issue.url']
    else if (raw.format === 'datetime') message = m['issue.datetime']
    else message = m['issue.invalid']
    return { field, message: `${fieldLabel(field, m)}: ${message}` }
  })
}

/** The messages of the request's user (Polish for anonymous requests). */
function messagesOf(c: Context): Messages {
  return messages(c.get('user')?.language ?? 'pl')
}

/** A NewsroomError or ContentError as a problem response; other errors are rethrown. */
export function newsroomProblem(c: Context, err: unknown): Response {
  const m = messagesOf(c)
  if (err instanceof NewsroomError) {
    switch (err.code) {
      case 'NotFound':
        return problemJson(c, 404, m['problem.notFound'], err.message)
      case 'Forbidden':
        return problemJson(c, 403, m['problem.forbidden'], err.message)
      case 'InvalidTransition':
        return problemJson(c, 409, m['problem.transition'], m['problem.transitionDetail'], {
          allowed: (err.detail as { allowed?: string[] } | undefined)?.allowed ?? [],
        })
      case 'Invalid': {
        const errors = Array.isArray(err.detail) ? polishIssues(err.detail as Issue[], m) : [{ field: 'form', message: err.message }]
        return problemJson(c, 422, m['problem.fix'], errors.map((e) => e.message).join(' '), { errors })
      }
      case 'Blocked': {
        // Refused by the quality gate or the translation desk: the findings, and that an editor may override.
        const blocks = ((err.detail as { blocks?: unknown[] } | undefined)?.blocks ?? []) as Array<{ kind: string; message: string; detail: Record<string, unknown> }>
        return problemJson(c, 422, c.get('user')?.language === 'en' ? 'Cannot be published yet' : 'Nie można jeszcze opublikować', err.message, {
          blocked: blocks.map((b) => b.kind),
          findings: blocks.flatMap((b) => (b.detail.findings as unknown[] | undefined) ?? []),
          untranslated: blocks.flatMap((b) => (b.detail.untranslated as unknown[] | undefined) ?? []),
          overridable: true,
        })
      }
      case 'Conflict': {
        const detail = err.detail as { updatedBy: string }
        return problemJson(c, 409, m['problem.conflict'](detail.updatedBy), err.message, { conflict: err.detail })
      }
    }
  }
  if (err instanceof ContentError) {
    const field = err.code === 'SlugTaken' ? 'slug' : err.code === 'UnknownSection' ? 'sectionSlug' : err.code === 'UnknownAuthor' ? 'authorSlugs' : 'form'
    const message = field === 'slug' ? m['problem.slugTaken'] : field === 'sectionSlug' ? m['problem.noSection'] : field === 'authorSlugs' ? m['problem.noAuthor'] : err.message
    return problemJson(c, 422, m['problem.fix'], `${fieldLabel(field, m)}: ${message}`, { errors: [{ field, message: `${fieldLabel(field, m)}: ${message}` }] })
  }
  throw err
}

// ── reference data and checks ────────────────────────────────────────────

/** A story id from the route (`:id` or another parameter), or null when it is not one. */
export function storyIdParam(c: Context, name = 'id'): number | null {
  const raw = c.req.param(name) ?? ''
  return /^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : null
}

/**
 * A JSON route on one story: 404 for a bad id, the story's working copy made on first use
 * (imported stories have none), newsroom errors as JSON problems.
 */
export function withStoryJson(deps: AppDeps, handler: (c: Context, id: number) => Promise<Response>) {
  return async (c: Context): Promise<Response> => {
    const id = storyIdParam(c)
    if (id === null) return problemJson(c, 404, 'Nie znaleziono', 'Nie ma takiego artykułu.')
    try {
      await adoptOne(deps.dbh.db, id)
      return await handler(c, id)
    } catch (err) {
      return newsroomProblem(c, err)
    }
  }
}

export interface ReferenceData {
  sections: SectionRow[]
  authors: AuthorRow[]
}

export async function referenceData(deps: AppDeps): Promise<ReferenceData> {
  const db = deps.dbh.db
  const [sections, authors] = await Promise.all([
    db.selectFrom('sections').selectAll().orderBy('position').orderBy('name').execute(),
    db.selectFrom('authors').selectAll().orderBy('name').execute(),
  ])
  return { sections, authors }
}

/**
 * What the database would refuse at publication, said at save time in Polish: an unknown
 * section or author, a slug another story uses (or used: its old address redirects).
 */
export async function checkReferences(deps: AppDeps, articleId: number | null, input: unknown, m: Messages = PL): Promise<FieldError[]> {
  const parsed = ArticleInputSchema.partial().safeParse(input)
  if (!parsed.success) return []
  const s = parsed.data
  const db = deps.dbh.db
  const errors: FieldError[] = []
  if (s.sectionSlug) {
    const found = await db.selectFrom('sections').select('id').where('slug', '=', s.sectionSlug).executeTakeFirst()
    if (!found) errors.push({ field: 'sectionSlug', message: `${fieldLabel('sectionSlug', m)}: ${m['ref.noSection']}` })
  }
  if (s.authorSlugs?.length) {
    const found = await db.selectFrom('authors').select('slug').where('slug', 'in', s.authorSlugs).execute()
    const known = new Set(found.map((a) => a.slug))
    const missing = s.authorSlugs.filter((a) => !known.has(a))
    if (missing.length) errors.push({ field: 'authorSlugs', message: `${fieldLabel('authorSlugs', m)}: ${m['ref.noAuthor'](missing.join(', '))}` })
  }
  if (s.slug) {
    let q = db.selectFrom('articles').select('id').where('kind', '=', 'article').where('slug', '=', s.slug)
    if (articleId !== null) q = q.where('id', '!=', articleId)
    let r = db.selectFrom('article_redirects').select('article_id').where('kind', '=', 'article').where('old_slug', '=', s.slug)
    if (articleId !== null) r = r.where('article_id', '!=', articleId)
    const [taken, redirected] = await Promise.all([q.executeTakeFirst(), r.executeTakeFirst()])
    if (taken || redirected) errors.push({ field: 'slug', message: `${fieldLabel('slug', m)}: ${m['ref.slugTaken']}` })
  }
  if (s.leadMediaId) {
    const found = await db.selectFrom('media').select('id').where('id', '=', s.leadMediaId).executeTakeFirst()
    if (!found) errors.push({ field: 'leadMediaId', message: `${fieldLabel('leadMediaId', m)}: ${m['ref.noMedia'](s.leadMediaId)}` })
  }
  if (s.language && articleId !== null) {
    // One version per language in a translation group (src/newsroom/translations.ts).
    const clash = await db
      .selectFrom('articles as self')
      .innerJoin('articles as other', 'other.translation_group_id', 'self.translation_group_id')
      .select('other.id')
      .where('self.id', '=', articleId)
      .where('other.id', '!=', articleId)
      .where('other.language', '=', s.language)
      .executeTakeFirst()
    if (clash) errors.push({ field: 'language', message: `Język: ten artykuł ma już wersję w tym języku (nr ${clash.id}).` })
  }
  return errors
}

export function suggestSlug(headline: string): string {
  return slugify(headline).slice(0, 120).replace(/-+$/, '')
}

// ── the story list ───────────────────────────────────────────────────────

export interface ListFilter {
  state?: EditorialState
  sectionSlug?: string
  authorSlug?: string
  createdBy?: number
  q?: string
  page?: number
}

export interface ListedStory {
  articleId: number
  headline: string
  sectionSlug: string | null
  authorSlugs: string[]
  state: EditorialState
  publication: string
  publishedAt: string | null
  updatedAt: string
  updatedBy: string
  createdBy: number | null
  slug: string | null
  /** The working copy's language, and the story's other language versions (src/newsroom/translations.ts). */
  language: string
  versions: Array<{ articleId: number; language: string }>
}

export const LIST_PAGE = 30
/** Working copies scanned for a filtered list (newest first): enough for a newsroom's desk. */
const LIST_WINDOW = 5000

/** Case- and diacritics-insensitive text for matching headlines. */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .replace(/ł/g, 'l')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
}

/**
 * The story list: the editorial state and the creator are filtered in SQL; section, author
 * and the headline search on the working copies (what the newsroom sees, not the live row).
 * With a query, published stories found by the site's Polish search (inflected forms) are
 * added.
 */
export async function listStories(deps: AppDeps, filter: ListFilter): Promise<{ stories: ListedStory[]; total: number; page: number; pages: number }> {
  const db = deps.dbh.db
  let q = db
    .selectFrom('article_drafts')
    .innerJoin('articles', 'articles.id', 'article_drafts.article_id')
    .select([
      'article_drafts.article_id',
      'article_drafts.snapshot',
      'article_drafts.state',
      'article_drafts.updated_at',
      'article_drafts.updated_by_name',
      'article_drafts.created_by',
      'articles.status',
      'articles.published_at',
      'articles.kind',
      'articles.language',
    ])
    .where('articles.kind', '=', 'article')
    .orderBy('article_drafts.updated_at', 'desc')
    .orderBy('article_drafts.article_id', 'desc')
  if (filter.state) q = q.where('article_drafts.state', '=', filter.state)
  if (filter.createdBy !== undefined) q = q.where('article_drafts.created_by', '=', filter.createdBy)
  const rows = await q.limit(LIST_WINDOW).execute()
  const needle = filter.q ? foldText(filter.q.trim()) : ''
  let searchIds = new Set<number>()
  if (needle) {
    try {
      const hits = await searchFor(deps).headlines(filter.q!, deps.now().toISOString(), 20)
      searchIds = new Set(hits.map((h) => h.id))
    } catch (err) {
      deps.logger.debug({ err }, 'headline search unavailable; substring match only')
    }
  }
  const nowIso = deps.now().toISOString()
  const all: ListedStory[] = []
  for (const r of rows) {
    const snap = JSON.parse(r.snapshot) as Partial<StorySnapshot>
    if (filter.sectionSlug && snap.sectionSlug !== filter.sectionSlug) continue
    if (filter.authorSlug && !(snap.authorSlugs ?? []).includes(filter.authorSlug)) continue
    if (needle && !foldText(snap.headline ?? '').includes(needle) && !searchIds.has(r.article_id)) continue
    const future = r.status === 'published' && r.published_at !== null && r.published_at > nowIso
    all.push({
      articleId: r.article_id,
      headline: snap.headline ?? '',
      sectionSlug: snap.sectionSlug ?? null,
      authorSlugs: snap.authorSlugs ?? [],
      state: r.state,
      publication: future ? 'scheduled' : r.status,
      publishedAt: r.published_at,
      updatedAt: r.updated_at,
      updatedBy: r.updated_by_name,
      createdBy: r.created_by,
      slug: snap.slug ?? null,
      language: snap.language ?? r.language,
      versions: [],
    })
  }
  const pages = Math.max(1, Math.ceil(all.length / LIST_PAGE))
  const page = Math.min(Math.max(1, filter.page ?? 1), pages)
  const shown = all.slice((page - 1) * LIST_PAGE, page * LIST_PAGE)
  const versions = await versionsByArticle(db, shown.map((s) => s.articleId))
  for (const s of shown) s.versions = (versions.get(s.articleId) ?? []).filter((v) => v.articleId !== s.articleId)
  return { stories: shown, total: all.length, page, pages }
}

// ── preview ──────────────────────────────────────────────────────────────

export interface PreviewInput {
  headline?: string
  lede?: string
  body: StorySnapshot['body']
  leadMediaId?: number | undefined
  language?: string
}

/** The body (and header) as the site renders them: the same renderer, typography and media URLs. */
export async function renderPreview(deps: AppDeps, input: PreviewInput): Promise<string> {
  const ids = [input.leadMediaId ?? null]
  for (const block of input.body.content) if (block.type === 'image' && block.attrs.mediaId) ids.push(block.attrs.mediaId)
  const media = await mediaByIds(deps.dbh.db, ids)
  const mediaUrl = mediaUrlFor(deps.config.mediaPublicUrl)
  const polish = (input.language ?? 'pl') === 'pl'
  const ctx = { media, mediaUrl, polish }
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
  const lead = input.leadMediaId ? media.get(input.leadMediaId) : undefined
  let html = ''
  if (input.headline) html += `<h1>${esc(input.headline)}</h1>`
  if (input.lede) html += `<p class="lede">${esc(input.lede)}</p>`
  if (lead) html += renderFigure({ src: mediaUrl(lead), alt: lead.alt, caption: lead.caption, credit: lead.credit, width: lead.width, height: lead.height }, ctx, { className: 'lead-media', eager: true })
  html += `<div class="article-body">${renderDocument(input.body, ctx)}</div>`
  return html
}

/** A working copy as the site's article page would show it (for the full-page preview). */
export async function previewArticleView(deps: AppDeps, story: StoryState): Promise<ArticleView> {
  const s = story.snapshot
  const db = deps.dbh.db
  const [section, authors, leadRows] = await Promise.all([
    s.sectionSlug ? db.selectFrom('sections').selectAll().where('slug', '=', s.sectionSlug).executeTakeFirst() : Promise.resolve(undefined),
    s.authorSlugs.length ? db.selectFrom('authors').selectAll().where('slug', 'in', s.authorSlugs).execute() : Promise.resolve([] as AuthorRow[]),
    mediaByIds(db, [s.leadMediaId ?? null, ...s.body.content.map((b) => (b.type === 'image' ? b.attrs.mediaId : null))]),
  ])
  const corrections = await db.selectFrom('corrections').selectAll().where('article_id', '=', story.articleId).orderBy('created_at').execute()
  const now = deps.now().toISOString()
  const order = new Map(s.authorSlugs.map((slug, i) => [slug, i]))
  return {
    id: story.articleId,
    kind: story.kind,
    slug: s.slug ?? suggestSlug(s.headline),
    headline: s.headline,
    lede: s.lede,
    publishedAt: story.publishedAt ?? now,
    updatedAt: story.publishedAt ?? now,
    section: section ? { id: section.id, slug: section.slug, name: section.name } : null,
    leadMedia: (s.leadMediaId ? leadRows.get(s.leadMediaId) : undefined) ?? null,
    externalId: null,
    status: 'draft',
    language: s.language,
    body: s.body,
    source: s.source ?? null,
    seoTitle: s.seoTitle,
    seoDescription: s.seoDescription,
    authors: [...authors].sort((a, b) => (order.get(a.slug) ?? 0) - (order.get(b.slug) ?? 0)),
    tags: s.tags.map((name, i) => ({ id: -1 - i, slug: slugify(name), name, created_at: now })),
    corrections,
    media: leadRows as Map<number, MediaRow>,
  }
}

/** A media-library item for the editor (lead image field, image blocks). */
export async function mediaInfo(deps: AppDeps, id: number): Promise<{ id: number; url: string; alt: string; caption: string; credit: string; width: number; height: number } | null> {
  const row = (await mediaByIds(deps.dbh.db, [id])).get(id)
  if (!row) return null
  return { id: row.id, url: mediaUrlFor(deps.config.mediaPublicUrl)(row), alt: row.alt, caption: row.caption, credit: row.credit, width: row.width, height: row.height }
}
