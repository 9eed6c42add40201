/**
 * @module
 * The story API under `/api/admin/stories`, used by the editor page (fetch with
 * `X-CSRF-Token`): create, get, save with the version it started from, workflow actions,
 * revisions, diffs, restore, preview. Every route needs a signed-in user (CSRF is checked by
 * the newsroom middleware for every state-changing request); what a role may do is decided by
 * the workflow table inside NewsroomService (Forbidden → 403). Errors are JSON problems
 * (`application/problem+json`) with Polish `title` and `detail`.
 */
import type { Context, Hono } from 'hono'
import { z } from 'zod'
import { currentUser, requireUser } from '../../accounts/auth.js'
import { DocumentSchema } from '../../content/document.js'
import { diffSnapshots } from '../../newsroom/diff.js'
import { withBlockIds } from '../../content/document.js'
import { clientIp } from '../../contact/rate-limit.js'
import { NewsroomError, StorySnapshotSchema, type StoryState, type StorySnapshotInput } from '../../newsroom/newsroom.service.js'
import type { AppDeps } from '../../server/deps.js'
import { adoptOne } from './adopt.js'
import { messages } from '../i18n.js'
import { actionLabel, actorOf, checkReferences, mediaInfo, newsroomProblem, polishIssues, problemJson, reasonLabel, renderPreview, storyIdParam, suggestSlug, withStoryJson } from './stories.js'

const BASE = '/api/admin/stories'

const SaveBody = z.object({
  version: z.number().int().positive(),
  reason: z.enum(['save', 'autosave']).default('save'),
  story: z.record(z.string(), z.unknown()),
})

const CreateBody = z.object({ story: z.record(z.string(), z.unknown()) })

const ActBody = z.object({
  action: z.enum(['submit', 'return', 'publish', 'schedule', 'unschedule', 'unpublish', 'correct']),
  /** The version the user looked at: a newer one answers 409 instead of acting on unseen changes. */
  version: z.number().int().positive().optional(),
  publishAt: z.string().max(64).optional(),
  correction: z.object({ kind: z.enum(['correction', 'update']), text: z.string().max(5000) }).optional(),
  /** Publish or schedule despite the quality gate's errors or untranslated segments (editors; audited). */
  override: z.object({ reason: z.string().max(1000) }).optional(),
})

const RestoreBody = z.object({ version: z.number().int().positive() })

const PreviewBody = z.object({
  headline: z.string().max(300).optional(),
  lede: z.string().max(2000).optional(),
  leadMediaId: z.number().int().positive().optional(),
  language: z.string().regex(/^[a-z]{2}$/).optional(),
  body: DocumentSchema,
})

const idOf = storyIdParam

async function jsonBody<T extends z.ZodType>(c: Context, schema: T): Promise<{ ok: true; data: z.output<T> } | { ok: false; res: Response }> {
  let raw: unknown
  try {
    raw = await c.req.json()
  } catch {
    return { ok: false, res: problemJson(c, 400, 'Nieprawidłowe żądanie', 'Treść żądania musi być poprawnym JSON-em.') }
  }
  const parsed = schema.safeParse(raw)
  if (!parsed.success) {
    const errors = polishIssues(parsed.error.issues, messages(c.get('user')?.language ?? 'pl'))
    const bodyIssue = parsed.error.issues.some((i) => i.path[0] === 'body')
    return {
      ok: false,
      res: bodyIssue
        ? problemJson(c, 422, messages(c.get('user')?.language ?? 'pl')['problem.fix'], errors.map((e) => e.message).join(' '), { errors })
        : problemJson(c, 400, 'Nieprawidłowe żądanie', `Brak lub błędne pola: ${parsed.error.issues.map((i) => i.path.join('.') || '(całość)').join(', ')}.`),
    }
  }
  return { ok: true, data: parsed.data }
}

/** What the editor gets back after every call: the story, the buttons it may show, the quality gate's findings. */
export async function storyPayload(deps: AppDeps, c: Context, story: StoryState) {
  const user = currentUser(c)
  const [actions, gate] = await Promise.all([deps.newsroom.actionsFor(actorOf(user), story.articleId), deps.gate.check(story.snapshot, story.articleId, user.language)])
  return { story, actions: actions.map((action) => ({ action, label: actionLabel(action, messages(user.language)) })), findings: gate.findings, qa: { errors: gate.errors, warnings: gate.warnings } }
}

export function registerStoryApi(app: Hono, deps: AppDeps): void {
  const newsroom = deps.newsroom
  const guard = requireUser()
  app.use(BASE, guard)
  app.use(`${BASE}/*`, guard)

  const withStory = (handler: (c: Context, id: number) => Promise<Response>) => withStoryJson(deps, handler)

  app.post(BASE, async (c) => {
    const body = await jsonBody(c, CreateBody)
    if (!body.ok) return body.res
    const errors = await checkReferences(deps, null, body.data.story, messages(currentUser(c).language))
    if (errors.length) return problemJson(c, 422, 'Popraw zaznaczone pola', errors.map((e) => e.message).join(' '), { errors })
    try {
      const story = await newsroom.createStory(actorOf(currentUser(c)), 'article', body.data.story as StorySnapshotInput)
      c.header('Location', `${BASE}/${story.articleId}`)
      return c.json(await storyPayload(deps, c, story), 201)
    } catch (err) {
      return newsroomProblem(c, err)
    }
  })

  /** A slug for a headline (the editor fills the field as the headline is typed). */
  app.get(`${BASE}/slug`, (c) => c.json({ slug: suggestSlug((c.req.query('headline') ?? '').slice(0, 300)) }))

  /** A media-library item by id (lead image field, image blocks). */
  app.get(`${BASE}/media/:id`, async (c) => {
    const id = idOf(c)
    const info = id === null ? null : await mediaInfo(deps, id)
    if (!info) return problemJson(c, 404, 'Nie znaleziono', 'Nie ma w bibliotece takiego zdjęcia.')
    return c.json(info)
  })

  /** The body (and header) as the site renders them: the live preview. */
  app.post(`${BASE}/preview`, async (c) => {
    const body = await jsonBody(c, PreviewBody)
    if (!body.ok) return body.res
    return c.json({ html: await renderPreview(deps, body.data) })
  })

  app.get(
    `${BASE}/:id{[0-9]+}`,
    withStory(async (c, id) => c.json(await storyPayload(deps, c, await newsroom.get(id)))),
  )

  app.put(
    `${BASE}/:id{[0-9]+}`,
    withStory(async (c, id) => {
      const body = await jsonBody(c, SaveBody)
      if (!body.ok) return body.res
      const { version, reason, story } = body.data
      // The workflow first: someone who may not edit learns that, not a field error.
      await newsroom.get(id)
      const actor = actorOf(currentUser(c))
      const allowed = await newsroom.actionsFor(actor, id)
      if (!allowed.includes('save')) throw new NewsroomError('Forbidden', 'Nie możesz edytować tego artykułu w tym stanie')
      const errors = await checkReferences(deps, id, story, messages(currentUser(c).language))
      if (errors.length) return problemJson(c, 422, 'Popraw zaznaczone pola', errors.map((e) => e.message).join(' '), { errors })
      const saved = await newsroom.save(actor, id, story, version, reason)
      return c.json(await storyPayload(deps, c, saved))
    }),
  )

  app.post(
    `${BASE}/:id{[0-9]+}/actions`,
    withStory(async (c, id) => {
      const body = await jsonBody(c, ActBody)
      if (!body.ok) return body.res
      const { action, version, publishAt, correction, override } = body.data
      if (version !== undefined) {
        const current = await newsroom.get(id)
        if (current.version !== version) {
          return problemJson(c, 409, `Zmieniono w międzyczasie przez ${current.updatedBy}`, 'Artykuł zmienił się od chwili, gdy go otwarto. Przejrzyj zmiany i spróbuj ponownie.', {
            conflict: { currentVersion: current.version, updatedBy: current.updatedBy, updatedAt: current.updatedAt, current: current.snapshot },
          })
        }
      }
      const story = await newsroom.act(actorOf(currentUser(c)), id, action, {
        ...(publishAt ? { publishAt } : {}),
        ...(correction ? { correction } : {}),
        ...(override ? { override: { reason: override.reason, ip: clientIp(c, deps.config.trustProxy) } } : {}),
      })
      return c.json(await storyPayload(deps, c, story))
    }),
  )

  /** The quality gate's findings for the saved copy (`GET`) or for a copy not saved yet (`POST {story}`). */
  app.get(
    `${BASE}/:id{[0-9]+}/findings`,
    withStory(async (c, id) => {
      const story = await newsroom.get(id)
      const gate = await deps.gate.check(story.snapshot, id, currentUser(c).language)
      return c.json({ articleId: id, version: story.version, findings: gate.findings, errors: gate.errors, warnings: gate.warnings })
    }),
  )

  app.post(
    `${BASE}/:id{[0-9]+}/findings`,
    withStory(async (c, id) => {
      await newsroom.get(id)
      const body = await jsonBody(c, CreateBody)
      if (!body.ok) return body.res
      const parsed = StorySnapshotSchema.safeParse(body.data.story)
      if (!parsed.success) {
        const errors = polishIssues(parsed.error.issues, messages(c.get('user')?.language ?? 'pl'))
        return problemJson(c, 422, 'Popraw zaznaczone pola', errors.map((e) => e.message).join(' '), { errors })
      }
      const gate = await deps.gate.check({ ...parsed.data, body: withBlockIds(parsed.data.body) }, id, currentUser(c).language)
      return c.json({ articleId: id, findings: gate.findings, errors: gate.errors, warnings: gate.warnings })
    }),
  )

  app.get(
    `${BASE}/:id{[0-9]+}/revisions`,
    withStory(async (c, id) => {
      await newsroom.get(id)
      const rows = await newsroom.revisions(id)
      const m = messages(currentUser(c).language)
      return c.json({
        revisions: rows.map((r) => ({ id: r.id, version: r.version, reason: r.reason, reasonLabel: reasonLabel(r.reason, m), userName: r.user_name, createdAt: r.created_at })),
      })
    }),
  )

  app.get(
    `${BASE}/:id{[0-9]+}/revisions/:rev{[0-9]+}`,
    withStory(async (c, id) => {
      const rev = idOf(c, 'rev')
      if (rev === null) return problemJson(c, 404, 'Nie znaleziono', 'Nie ma takiej wersji.')
      return c.json({ snapshot: await newsroom.revision(id, rev) })
    }),
  )

  /** `?from=<revision>&to=<revision|current>`: the word diff between two versions. */
  app.get(
    `${BASE}/:id{[0-9]+}/diff`,
    withStory(async (c, id) => {
      const from = c.req.query('from') ?? ''
      const to = c.req.query('to') ?? 'current'
      if (!/^[1-9]\d{0,9}$/.test(from) || !(to === 'current' || /^[1-9]\d{0,9}$/.test(to))) {
        return problemJson(c, 400, 'Nieprawidłowe żądanie', 'Podaj wersje do porównania: from=<nr wersji>&to=<nr wersji lub current>.')
      }
      const before = await newsroom.revision(id, Number(from))
      const after = to === 'current' ? (await newsroom.get(id)).snapshot : await newsroom.revision(id, Number(to))
      return c.json({ from: Number(from), to, blocks: diffSnapshots(before, after) })
    }),
  )

  app.post(
    `${BASE}/:id{[0-9]+}/revisions/:rev{[0-9]+}/restore`,
    withStory(async (c, id) => {
      const rev = idOf(c, 'rev')
      if (rev === null) return problemJson(c, 404, 'Nie znaleziono', 'Nie ma takiej wersji.')
      const body = await jsonBody(c, RestoreBody)
      if (!body.ok) return body.res
      const story = await newsroom.restore(actorOf(currentUser(c)), id, rev, body.data.version)
      return c.json(await storyPayload(deps, c, story))
    }),
  )
}
