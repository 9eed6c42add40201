/**
 * @module
 * The newsroom's editorial use cases: working copies with optimistic concurrency, every save
 * a revision, the workflow table enforced for every action, publication by copying the
 * approved copy onto the live `articles` row (so an update under review never disturbs the
 * live version), scheduling through timed jobs.
 */
import { z } from 'zod'
import type { Role } from '../accounts/roles.js'
import { ArticleInputSchema } from '../content/article.js'
import type { ContentService } from '../content/content.service.js'
import type { ArticleKind } from '../content/content.table.js'
import { withBlockIds } from '../content/document.js'
import { writeAudit } from '../accounts/audit.js'
import { imagesMissingAlt, missingAltMessage } from '../media/alt-check.js'
import { nowIso, type Db, type DbHandle, type Tx } from '../platform/db/database.js'
import { enqueueJob, type JobRunner } from '../platform/jobs/jobs.js'
import type { ArticleDraftRow, ArticleRevisionRow, RevisionReason } from './newsroom.table.js'
import { allowedActions, findTransition, nextState, type EditorialState, type WorkflowAction } from './workflow.js'

/** The story as the editor edits it: everything but its kind and publication status. */
export const StorySnapshotSchema = ArticleInputSchema.omit({ kind: true, status: true, externalId: true })
export type StorySnapshot = z.output<typeof StorySnapshotSchema>
export type StorySnapshotInput = z.input<typeof StorySnapshotSchema>

export interface Actor {
  id: number
  name: string
  role: Role
}

export type NewsroomErrorCode = 'NotFound' | 'Forbidden' | 'InvalidTransition' | 'Conflict' | 'Invalid' | 'Blocked'

/**
 * Something that keeps a story from going out (quality-gate errors, untranslated
 * segments). An editor may override it with a reason; the override is audited.
 */
export interface PublishBlock {
  /** `qa` (the quality gate) or `translation` (the translation desk). */
  readonly kind: string
  /** Polish, for the editor. */
  readonly message: string
  readonly detail: Record<string, unknown>
}

/** Run before publishing and scheduling (registered by the composition root). */
export type PublishCheck = (story: StoryState, actor: Actor) => Promise<PublishBlock | null>

/** An editor's decision to publish despite blocks: the reason is kept in the audit log. */
export interface PublishOverride {
  readonly reason: string
  /** The client's address, for the audit log. */
  readonly ip?: string
}

export const MIN_OVERRIDE_REASON = 5

export class NewsroomError extends Error {
  constructor(
    readonly code: NewsroomErrorCode,
    message: string,
    readonly detail?: unknown,
  ) {
    super(message)
    this.name = 'NewsroomError'
  }
}

/** What a conflicting save gets back: the version that won, and who made it. */
export interface ConflictDetail {
  currentVersion: number
  updatedBy: string
  updatedAt: string
  current: StorySnapshot
  /** The rejected copy is kept as a revision, so nothing typed is lost. */
  keptAsRevision: number
}

export interface StoryState {
  articleId: number
  kind: ArticleKind
  state: EditorialState
  version: number
  snapshot: StorySnapshot
  createdBy: number | null
  updatedBy: string
  updatedAt: string
  /** The live version's status on the site. */
  publication: 'draft' | 'scheduled' | 'published' | 'unpublished'
  publishedAt: string | null
}

export const SCHEDULED_JOB = 'story-scheduled'

/** Keep one autosave between two deliberate revisions: storage stays bounded. */
async function thinAutosaves(trx: Tx, articleId: number, keepId: number): Promise<void> {
  const lastDeliberate = await trx
    .selectFrom('article_revisions')
    .select((eb) => eb.fn.max('id').as('id'))
    .where('article_id', '=', articleId)
    .where('reason', '!=', 'autosave')
    .executeTakeFirst()
  await trx
    .deleteFrom('article_revisions')
    .where('article_id', '=', articleId)
    .where('reason', '=', 'autosave')
    .where('id', '>', Number(lastDeliberate?.id ?? 0))
    .where('id', '!=', keepId)
    .execute()
}

export class NewsroomService {
  private readonly publishChecks: PublishCheck[] = []

  constructor(
    private readonly dbh: DbHandle,
    private readonly content: ContentService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private get db(): Db {
    return this.dbh.db
  }

  /** Adds a check run before publishing and scheduling (the quality gate, the translation desk). */
  addPublishCheck(check: PublishCheck): void {
    this.publishChecks.push(check)
  }

  /** What keeps the story from being published now (empty: nothing). */
  async publishBlocks(story: StoryState, actor: Actor): Promise<PublishBlock[]> {
    const found = await Promise.all(this.publishChecks.map((check) => check(story, actor)))
    return found.filter((b): b is PublishBlock => b !== null)
  }

  /** Publishes scheduled stories' editorial state when their time comes (exactly once). */
  handleJobs(jobs: JobRunner): void {
    jobs.on(SCHEDULED_JOB, async (job) => {
      const { articleId, at } = JSON.parse(job.payload) as { articleId: number; at: string }
      // Only if still scheduled for this time: a story rescheduled or withdrawn meanwhile
      // has another job (or none).
      const live = await this.db.selectFrom('articles').select('published_at').where('id', '=', articleId).executeTakeFirst()
      if (live?.published_at !== at) return
      await this.db.updateTable('article_drafts').set({ state: 'published' }).where('article_id', '=', articleId).where('state', '=', 'scheduled').execute()
    })
  }

  async createStory(actor: Actor, kind: ArticleKind, input: StorySnapshotInput): Promise<StoryState> {
    if (!['administrator', 'editor', 'author', 'contributor', 'translator'].includes(actor.role)) throw new NewsroomError('Forbidden', 'Brak uprawnień')
    if (kind === 'page' && actor.role !== 'administrator' && actor.role !== 'editor') throw new NewsroomError('Forbidden', 'Strony redagują redaktorzy')
    const snapshot = this.validate(input)
    // The live row exists from the start (slug reserved, never visible while a draft).
    const articleId = await this.content.create({ ...snapshot, kind, status: 'draft', publishedAt: undefined, embargoUntil: undefined })
    const row = await this.db.selectFrom('articles').select('slug').where('id', '=', articleId).executeTakeFirstOrThrow()
    const stored = { ...snapshot, slug: row.slug, body: withBlockIds(snapshot.body) }
    await this.db.transaction().execute(async (trx) => {
      const now = nowIso()
      await trx
        .insertInto('article_drafts')
        .values({ article_id: articleId, snapshot: JSON.stringify(stored), state: 'draft', version: 1, created_by: actor.id, updated_by: actor.id, updated_by_name: actor.name, updated_at: now })
        .execute()
      await this.addRevision(trx, articleId, 1, stored, 'create', actor)
    })
    return this.get(articleId)
  }

  async get(articleId: number): Promise<StoryState> {
    const row = await this.db
      .selectFrom('article_drafts')
      .innerJoin('articles', 'articles.id', 'article_drafts.article_id')
      .select([
        'article_drafts.article_id',
        'article_drafts.snapshot',
        'article_drafts.state',
        'article_drafts.version',
        'article_drafts.created_by',
        'article_drafts.updated_by_name',
        'article_drafts.updated_at',
        'articles.kind',
        'articles.status',
        'articles.published_at',
      ])
      .where('article_drafts.article_id', '=', articleId)
      .executeTakeFirst()
    if (!row) throw new NewsroomError('NotFound', 'Nie ma takiego artykułu')
    const future = row.status === 'published' && row.published_at !== null && row.published_at > this.now().toISOString()
    return {
      articleId: row.article_id,
      kind: row.kind,
      state: row.state,
      version: row.version,
      snapshot: JSON.parse(row.snapshot) as StorySnapshot,
      createdBy: row.created_by,
      updatedBy: row.updated_by_name,
      updatedAt: row.updated_at,
      publication: future ? 'scheduled' : row.status === 'scheduled' ? 'scheduled' : row.status,
      publishedAt: row.published_at,
    }
  }

  /** The buttons this actor may press on the story now. */
  async actionsFor(actor: Actor, articleId: number): Promise<WorkflowAction[]> {
    const story = await this.get(articleId)
    return allowedActions(actor.role, actor.id, this.access(story))
  }

  private access(story: StoryState) {
    return { state: story.state, live: story.publication === 'published' || story.publication === 'scheduled', createdBy: story.createdBy }
  }

  private validate(input: unknown): StorySnapshot {
    const parsed = StorySnapshotSchema.safeParse(input)
    if (!parsed.success) throw new NewsroomError('Invalid', 'Popraw zaznaczone pola', parsed.error.issues)
    return parsed.data
  }

  private async addRevision(trx: Tx, articleId: number, version: number, snapshot: StorySnapshot, reason: RevisionReason, actor: Actor): Promise<number> {
    const { id } = await trx
      .insertInto('article_revisions')
      .values({ article_id: articleId, version, snapshot: JSON.stringify(snapshot), reason, user_id: actor.id, user_name: actor.name, created_at: nowIso() })
      .returning('id')
      .executeTakeFirstOrThrow()
    if (reason === 'autosave') await thinAutosaves(trx, articleId, id)
    return id
  }

  /**
   * Saves the working copy. `baseVersion` is the version the editor started from: when
   * someone saved in between, nothing is overwritten — the caller gets a Conflict with the
   * other version, and the rejected copy is kept as a revision.
   */
  async save(actor: Actor, articleId: number, input: unknown, baseVersion: number, reason: 'save' | 'autosave' = 'save'): Promise<StoryState> {
    const snapshot = this.validate(input)
    const story = await this.get(articleId)
    const transition = findTransition(actor.role, actor.id, reason, this.access(story))
    if (!transition) throw new NewsroomError('Forbidden', 'Nie możesz edytować tego artykułu w tym stanie')
    const body = withBlockIds(snapshot.body)
    const stored: StorySnapshot = { ...snapshot, body }
    const result = await this.db.transaction().execute(async (trx) => {
      const now = nowIso()
      const updated = await trx
        .updateTable('article_drafts')
        .set({ snapshot: JSON.stringify(stored), version: baseVersion + 1, state: nextState(transition, story.state), updated_by: actor.id, updated_by_name: actor.name, updated_at: now })
        .where('article_id', '=', articleId)
        .where('version', '=', baseVersion)
        .executeTakeFirst()
      if (Number(updated.numUpdatedRows) === 0) {
        const kept = await this.addRevision(trx, articleId, baseVersion, stored, 'conflict', actor)
        return { conflict: kept }
      }
      await this.addRevision(trx, articleId, baseVersion + 1, stored, reason, actor)
      return { conflict: null }
    })
    if (result.conflict !== null) {
      const current = await this.get(articleId)
      const detail: ConflictDetail = { currentVersion: current.version, updatedBy: current.updatedBy, updatedAt: current.updatedAt, current: current.snapshot, keptAsRevision: result.conflict }
      throw new NewsroomError('Conflict', `Artykuł zmieniono w międzyczasie (${current.updatedBy}). Twoja wersja została zachowana w historii zmian.`, detail)
    }
    // A scheduled story's saved changes go into the scheduled live version.
    if (story.state === 'scheduled') await this.apply(articleId, stored, story.kind, 'published', story.publishedAt ?? undefined, false)
    return this.get(articleId)
  }

  /** Copies the approved copy onto the live row. */
  private async apply(articleId: number, snapshot: StorySnapshot, kind: ArticleKind, status: 'published' | 'unpublished' | 'draft', publishedAt: string | undefined, touch = true) {
    await this.content.update(articleId, { ...snapshot, kind, status, ...(publishedAt ? { publishedAt } : {}) }, { touch })
  }

  /** Any workflow action other than saving. */
  async act(
    actor: Actor,
    articleId: number,
    action: Exclude<WorkflowAction, 'save' | 'autosave'>,
    options: { publishAt?: string; correction?: { kind: 'correction' | 'update'; text: string }; override?: PublishOverride } = {},
  ): Promise<StoryState> {
    const story = await this.get(articleId)
    const transition = findTransition(actor.role, actor.id, action, this.access(story))
    if (!transition) {
      const known = allowedActions(actor.role, actor.id, this.access(story))
      throw new NewsroomError(known.length === 0 ? 'Forbidden' : 'InvalidTransition', 'Ta czynność nie jest teraz możliwa', { allowed: known })
    }
    const now = this.now()
    const state = nextState(transition, story.state)
    const reason: RevisionReason = action === 'correct' ? 'correction' : action
    if (action === 'publish' || action === 'schedule') {
      // Alt text required before publishing (src/media/alt-check.ts).
      const missing = await imagesMissingAlt(this.db, story.snapshot)
      if (missing.length > 0) throw new NewsroomError('Invalid', missingAltMessage(missing), { missingAlt: missing })
      const blocks = await this.publishBlocks(story, actor)
      if (blocks.length > 0) {
        const reason = options.override?.reason.trim() ?? ''
        if (reason.length < MIN_OVERRIDE_REASON) {
          const message = options.override
            ? `Podaj powód publikacji mimo błędów (co najmniej ${MIN_OVERRIDE_REASON} znaków).`
            : `${blocks.map((b) => b.message).join(' ')} Popraw to albo — jako wydawca — opublikuj z uzasadnieniem.`
          throw new NewsroomError('Blocked', message, { blocks })
        }
        await writeAudit(this.db, {
          actorUserId: actor.id,
          action: 'story.publish-override',
          target: `article:${articleId}`,
          detail: { action, reason, blocks: blocks.map((b) => ({ kind: b.kind, message: b.message, ...b.detail })) },
          ...(options.override?.ip ? { ip: options.override.ip } : {}),
          at: now,
        })
      }
    }
    switch (action) {
      case 'publish':
        await this.apply(articleId, story.snapshot, story.kind, 'published', story.publishedAt && story.publication === 'published' ? story.publishedAt : now.toISOString())
        break
      case 'schedule': {
        const at = options.publishAt ? new Date(options.publishAt) : null
        if (!at || Number.isNaN(at.getTime()) || at <= now) throw new NewsroomError('Invalid', 'Podaj przyszłą datę publikacji')
        if (story.snapshot.embargoUntil && new Date(story.snapshot.embargoUntil) > at) {
          throw new NewsroomError('Invalid', 'Embargo kończy się po planowanej publikacji: zmień jedną z dat')
        }
        await this.apply(articleId, story.snapshot, story.kind, 'published', at.toISOString())
        await enqueueJob(this.dbh, { kind: SCHEDULED_JOB, dedupeKey: `${articleId}@${at.toISOString()}`, runAt: at, payload: { articleId, at: at.toISOString() } })
        break
      }
      case 'unschedule':
        await this.apply(articleId, story.snapshot, story.kind, 'draft', undefined, false)
        break
      case 'unpublish':
        await this.content.unpublish(articleId)
        break
      case 'correct': {
        const text = options.correction?.text?.trim()
        if (!text) throw new NewsroomError('Invalid', 'Wpisz treść sprostowania')
        await this.content.addCorrection(articleId, options.correction!.kind, text)
        break
      }
      case 'submit':
      case 'return':
        break
    }
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('article_drafts')
        .set({ state, version: story.version + 1, updated_by: actor.id, updated_by_name: actor.name, updated_at: nowIso() })
        .where('article_id', '=', articleId)
        .execute()
      await this.addRevision(trx, articleId, story.version + 1, story.snapshot, reason, actor)
    })
    return this.get(articleId)
  }

  async revisions(articleId: number): Promise<Array<Omit<ArticleRevisionRow, 'snapshot'>>> {
    return this.db
      .selectFrom('article_revisions')
      .select(['id', 'article_id', 'version', 'reason', 'user_id', 'user_name', 'created_at'])
      .where('article_id', '=', articleId)
      .orderBy('id', 'desc')
      .execute()
  }

  async revision(articleId: number, revisionId: number): Promise<StorySnapshot> {
    const row = await this.db.selectFrom('article_revisions').select('snapshot').where('article_id', '=', articleId).where('id', '=', revisionId).executeTakeFirst()
    if (!row) throw new NewsroomError('NotFound', 'Nie ma takiej wersji')
    return JSON.parse(row.snapshot) as StorySnapshot
  }

  /** Restores an old revision as a new save (the history keeps everything). */
  async restore(actor: Actor, articleId: number, revisionId: number, baseVersion: number): Promise<StoryState> {
    const snapshot = await this.revision(articleId, revisionId)
    const state = await this.save(actor, articleId, snapshot, baseVersion, 'save')
    await this.db
      .updateTable('article_revisions')
      .set({ reason: 'restore' })
      .where('article_id', '=', articleId)
      .where('version', '=', state.version)
      .where('reason', '=', 'save')
      .execute()
    return state
  }

  /** Stories for the dashboard and the story list. */
  async list(filter: { state?: EditorialState; createdBy?: number; limit?: number; offset?: number } = {}): Promise<ArticleDraftRow[]> {
    let q = this.db.selectFrom('article_drafts').selectAll().orderBy('updated_at', 'desc')
    if (filter.state) q = q.where('state', '=', filter.state)
    if (filter.createdBy !== undefined) q = q.where('created_by', '=', filter.createdBy)
    return q.limit(filter.limit ?? 50).offset(filter.offset ?? 0).execute()
  }
}
