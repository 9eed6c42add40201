/**
 * @module
 * The newsroom's story pages: the list (`/admin/artykuly`), the editor (`/admin/artykuly/nowy`,
 * `/admin/artykuly/:id`, which also save without JavaScript), the full-page preview as the
 * site renders it, and the dashboard's story panels (`/admin`). Registered in app.tsx
 * between `registerAdminRoutes` and `registerAdminFallbacks`, so these replace the
 * "w przygotowaniu" placeholders. The JSON API is in api.ts.
 */
import type { Context, Hono } from 'hono'
import { csrfToken, currentUser, requireUser } from '../../accounts/auth.js'
import { articlePath } from '../../content/article.js'
import { EMPTY_DOCUMENT } from '../../content/document.js'
import { clientIp } from '../../contact/rate-limit.js'
import { editorAssets, storyStylesheet } from '../../editor/build.js'
import { NewsroomError, type StoryState, type StorySnapshotInput } from '../../newsroom/newsroom.service.js'
import { allowedActions, type EditorialState, type WorkflowAction } from '../../newsroom/workflow.js'
import type { AppDeps } from '../../server/deps.js'
import { siteView } from '../../site/routes.js'
import { ArticlePage } from '../../site/views/article.js'
import { messages, type MessageKey } from '../i18n.js'
import { adminView as adminViewOf } from '../view.js'
import { DashboardPage } from '../views/dashboard.js'
import { renderAdminError } from '../views/errors.js'
import type { AdminView } from '../views/layout.js'
import { registerStoryApi } from './api.js'
import { storyVersionsOf } from '../../newsroom/translations.js'
import { TranslationsBox } from './translations.js'
import { adoptLiveStories, adoptOne } from './adopt.js'
import { EMPTY_FORM, localToIso, snapshotFromValues, valuesFromForm, valuesFromSnapshot, type StoryFormValues } from './form.js'
import { actionLabel, actorOf, checkReferences, listStories, mediaInfo, polishIssues, previewArticleView, referenceData, type FieldError, type Issue } from './stories.js'
import { EditorPage } from './views/editor-page.js'
import { DashboardPanels, StoryListPage } from './views/list-page.js'
import { sendHtml } from '../../platform/html.js'

const STATES: readonly EditorialState[] = ['draft', 'in_review', 'scheduled', 'published']

function idParam(c: Context): number | null {
  const raw = c.req.param('id') ?? ''
  return /^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : null
}

/** The `?zrobione=` notices after a workflow action. */
const NOTICES: Record<string, MessageKey> = {
  submit: 'done.submit',
  return: 'done.return',
  publish: 'done.publish',
  schedule: 'done.schedule',
  unschedule: 'done.unschedule',
  unpublish: 'done.unpublish',
  correct: 'done.correct',
}

export function registerStoryRoutes(app: Hono, deps: AppDeps): void {
  registerStoryApi(app, deps)
  const newsroom = deps.newsroom

  const adminView = (c: Context): Promise<AdminView> => adminViewOf(c, deps)

  const notFound = (c: Context) => renderAdminError(c, deps, 404, { user: currentUser(c), csrf: csrfToken(c) })

  // ── the dashboard ───────────────────────────────────────────────────────

  app.get('/admin', requireUser(), async (c) => {
    const view = await adminView(c)
    const user = currentUser(c)
    await adoptLiveStories(deps.dbh.db)
    const [mine, review, scheduled, published, refs] = await Promise.all([
      listStories(deps, { state: 'draft', createdBy: user.id }),
      listStories(deps, { state: 'in_review' }),
      listStories(deps, { state: 'scheduled' }),
      listStories(deps, { state: 'published' }),
      referenceData(deps),
    ])
    const top = (r: { stories: unknown[] }, n = 8) => r.stories.slice(0, n) as typeof mine.stories
    const byPublished = [...published.stories].sort((a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? ''))
    const soonest = [...scheduled.stories].sort((a, b) => (a.publishedAt ?? '').localeCompare(b.publishedAt ?? ''))
    return sendHtml(
      c,
      <DashboardPage view={view}>
        <DashboardPanels view={view} stylesheet={storyStylesheet(deps.assets)} data={{ mine: top(mine), review: top(review), scheduled: soonest.slice(0, 8), published: byPublished.slice(0, 8), sections: refs.sections }} />
      </DashboardPage>,
    )
  })

  // ── the list ────────────────────────────────────────────────────────────

  app.get('/admin/artykuly', requireUser(), async (c) => {
    const view = await adminView(c)
    const stateRaw = c.req.query('stan') ?? ''
    const state = (STATES as readonly string[]).includes(stateRaw) ? (stateRaw as EditorialState) : undefined
    const mine = c.req.query('moje') === '1'
    const pageRaw = c.req.query('strona') ?? '1'
    const filter = {
      q: (c.req.query('q') ?? '').slice(0, 200).trim() || undefined,
      state,
      sectionSlug: (c.req.query('dzial') ?? '').slice(0, 120) || undefined,
      authorSlug: (c.req.query('autor') ?? '').slice(0, 120) || undefined,
      createdBy: mine ? currentUser(c).id : undefined,
      page: /^[1-9]\d{0,4}$/.test(pageRaw) ? Number(pageRaw) : 1,
    }
    await adoptLiveStories(deps.dbh.db)
    const [result, refs] = await Promise.all([listStories(deps, filter), referenceData(deps)])
    return sendHtml(c, <StoryListPage view={view} stylesheet={storyStylesheet(deps.assets)} filter={{ ...filter, mine }} {...result} sections={refs.sections} authors={refs.authors} />)
  })

  // ── the editor ──────────────────────────────────────────────────────────

  interface EditorState {
    story: StoryState | null
    values: StoryFormValues
    errors?: FieldError[]
    notice?: string
    conflict?: { updatedBy: string; updatedAt: string } | null
  }

  async function editorPage(c: Context, s: EditorState, status: 200 | 403 | 409 | 422 = 200): Promise<Response> {
    const view = await adminView(c)
    const user = currentUser(c)
    const [refs, tags, scripts, revisions, { site, editions }, versions] = await Promise.all([
      referenceData(deps),
      deps.dbh.db.selectFrom('tags').select('name').orderBy('name').limit(2000).execute(),
      editorAssets(deps.assets),
      s.story ? newsroom.revisions(s.story.articleId) : Promise.resolve([]),
      deps.siteData.get(),
      s.story ? storyVersionsOf(deps.dbh.db, s.story.articleId) : Promise.resolve([]),
    ])
    const actions: WorkflowAction[] = s.story
      ? allowedActions(user.role, user.id, { state: s.story.state, live: s.story.publication === 'published' || s.story.publication === 'scheduled', createdBy: s.story.createdBy })
      : ['save']
    const section = refs.sections.find((x) => x.slug === s.values.sectionSlug)
    const sitePath = editions.articlePath({ kind: 'article', slug: s.values.slug || 'adres-artykulu', section: section ?? null, language: s.story?.snapshot.language ?? null })
    const leadId = /^[1-9]\d{0,9}$/.test(s.values.leadMediaId) ? Number(s.values.leadMediaId) : null
    const lead = leadId ? await mediaInfo(deps, leadId) : null
    return sendHtml(
      c,
      <EditorPage
        view={view}
        story={s.story}
        values={s.values}
        actions={actions}
        sections={refs.sections}
        authors={refs.authors}
        tagNames={tags.map((t) => t.name)}
        revisions={revisions}
        errors={s.errors ?? []}
        notice={s.notice}
        conflict={s.conflict ?? null}
        scripts={scripts}
        siteName={site.name}
        publicUrl={deps.config.publicUrl}
        sitePath={sitePath}
        leadImageUrl={lead?.url ?? null}
        extras={s.story ? <TranslationsBox view={view} articleId={s.story.articleId} language={s.story.snapshot.language} versions={versions} /> : null}
      />,
      status,
    )
  }

  app.get('/admin/artykuly/nowy', requireUser(), (c) => editorPage(c, { story: null, values: { ...EMPTY_FORM } }))

  async function loadStory(c: Context): Promise<StoryState | null> {
    const id = idParam(c)
    if (id === null) return null
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const story = await newsroom.get(id)
        return story.kind === 'article' ? story : null
      } catch (err) {
        if (!(err instanceof NewsroomError && err.code === 'NotFound')) throw err
        // An imported story gets its working copy when first opened.
        if (attempt > 0 || !(await adoptOne(deps.dbh.db, id))) return null
      }
    }
    return null
  }

  app.get('/admin/artykuly/:id{[0-9]+}', requireUser(), async (c) => {
    const story = await loadStory(c)
    if (!story) return notFound(c)
    const { site } = await deps.siteData.get()
    const done = c.req.query('zrobione')
    const restored = c.req.query('przywrocono')
    const m = messages(currentUser(c).language)
    const noticeKey = done ? NOTICES[done] : undefined
    const notice =
      c.req.query('zapisano') !== undefined ? m['stories.saved'] : noticeKey ? (m[noticeKey] as string) : restored && /^\d+$/.test(restored) ? m['stories.restored'](restored) : undefined
    return editorPage(c, { story, values: valuesFromSnapshot(story.snapshot, site.timeZone), notice })
  })

  /** The working copy as the site would show it (a new tab from the editor). */
  app.get('/admin/artykuly/:id{[0-9]+}/podglad', requireUser(), async (c) => {
    const story = await loadStory(c)
    if (!story) return notFound(c)
    // In the edition the story will appear in (its language's, when that edition is on).
    const { editions } = await deps.siteData.get()
    const [article, view] = await Promise.all([previewArticleView(deps, story), siteView(deps, editions.of(story.snapshot.language))])
    return sendHtml(c, <ArticlePage article={article} related={[]} view={view} />)
  })

  // ── saving without JavaScript ─────────────────────────────────────────────

  /** Reads the posted form: the values, the action button, the schedule and correction fields. */
  async function postedForm(c: Context) {
    const body = await c.req.parseBody({ all: true })
    const one = (name: string) => {
      const v = body[name]
      const first = Array.isArray(v) ? v[0] : v
      return typeof first === 'string' ? first : ''
    }
    const all = (name: string) => {
      const v = body[name]
      return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string')
    }
    return { values: valuesFromForm(one, all), action: one('_action') || 'save', version: Number(one('version')) || 0, publishAt: one('publishAt'), correctionKind: one('correctionKind'), correctionText: one('correctionText'), overrideReason: one('overrideReason') }
  }

  app.post('/admin/artykuly/nowy', requireUser(), async (c) => {
    const { site } = await deps.siteData.get()
    const posted = await postedForm(c)
    const input = snapshotFromValues(posted.values, EMPTY_DOCUMENT, {}, site.timeZone)
    const errors = await checkReferences(deps, null, input, messages(currentUser(c).language))
    if (errors.length) return editorPage(c, { story: null, values: posted.values, errors }, 422)
    try {
      const story = await newsroom.createStory(actorOf(currentUser(c)), 'article', input as StorySnapshotInput)
      return c.redirect(`/admin/artykuly/${story.articleId}?zapisano`, 303)
    } catch (err) {
      if (err instanceof NewsroomError && err.code === 'Invalid') return editorPage(c, { story: null, values: posted.values, errors: polishIssues((err.detail ?? []) as Issue[], messages(currentUser(c).language)) }, 422)
      if (err instanceof NewsroomError && err.code === 'Forbidden') return renderAdminError(c, deps, 403, { user: currentUser(c), csrf: csrfToken(c) })
      throw err
    }
  })

  app.post('/admin/artykuly/:id{[0-9]+}', requireUser(), async (c) => {
    const story = await loadStory(c)
    if (!story) return notFound(c)
    const { site } = await deps.siteData.get()
    const posted = await postedForm(c)
    const actor = actorOf(currentUser(c))
    const allowed = await newsroom.actionsFor(actor, story.articleId)
    const keep = (errors: FieldError[], status: 403 | 409 | 422, conflict?: EditorState['conflict']) =>
      editorPage(c, { story, values: posted.values, errors, conflict: conflict ?? null }, status)
    const action = posted.action as WorkflowAction
    if (!allowed.includes(action) && !(action === 'save' && allowed.length > 0)) {
      return keep([{ field: 'form', message: messages(currentUser(c).language)['stories.actionNotAllowed'](actionLabel(action, messages(currentUser(c).language))) }], 403)
    }
    let version = story.version
    // The fields first (the body is kept: it needs the editor), when this user may save.
    if (allowed.includes('save')) {
      const input = snapshotFromValues(posted.values, story.snapshot.body, story.snapshot, site.timeZone)
      const errors = await checkReferences(deps, story.articleId, input, messages(currentUser(c).language))
      if (errors.length) return keep(errors, 422)
      try {
        version = (await newsroom.save(actor, story.articleId, input, posted.version || story.version, 'save')).version
      } catch (err) {
        if (err instanceof NewsroomError && err.code === 'Invalid') return keep(polishIssues((err.detail ?? []) as Issue[], messages(currentUser(c).language)), 422)
        if (err instanceof NewsroomError && err.code === 'Conflict') {
          const detail = err.detail as { updatedBy: string; updatedAt: string }
          const fresh = await newsroom.get(story.articleId)
          return editorPage(c, { story: fresh, values: posted.values, conflict: { updatedBy: detail.updatedBy, updatedAt: detail.updatedAt } }, 409)
        }
        throw err
      }
    }
    if (action === 'save') return c.redirect(`/admin/artykuly/${story.articleId}?zapisano`, 303)
    try {
      const options: Parameters<typeof newsroom.act>[3] = {}
      if (action === 'schedule') {
        const iso = localToIso(posted.publishAt, site.timeZone)
        if (!iso) return keep([{ field: 'publishAt', message: messages(currentUser(c).language)['stories.publishAtNeeded'] }], 422)
        options.publishAt = iso
      }
      if (action === 'correct') options.correction = { kind: posted.correctionKind === 'update' ? 'update' : 'correction', text: posted.correctionText }
      // Publishing despite the quality gate or an unfinished translation (editors; audited).
      if ((action === 'publish' || action === 'schedule') && posted.overrideReason.trim()) options.override = { reason: posted.overrideReason, ip: clientIp(c, deps.config.trustProxy) }
      await newsroom.act(actor, story.articleId, action as Exclude<WorkflowAction, 'save' | 'autosave'>, options)
    } catch (err) {
      if (err instanceof NewsroomError && (err.code === 'Invalid' || err.code === 'InvalidTransition' || err.code === 'Blocked')) {
        const field = action === 'schedule' ? 'publishAt' : action === 'correct' ? 'correctionText' : 'form'
        return keep([{ field: err.code === 'Blocked' ? 'form' : field, message: err.message }], err.code === 'InvalidTransition' ? 409 : 422)
      }
      throw err
    }
    void version
    return c.redirect(`/admin/artykuly/${story.articleId}?zrobione=${action}`, 303)
  })
}
