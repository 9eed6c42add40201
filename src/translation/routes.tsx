/**
 * @module
 * The translation desk over HTTP (docs/translation.md).
 *
 * Pages (any signed-in newsroom member may look; changing follows the workflow: writers —
 * translators included — their own drafts, editors any story):
 * - `/admin/artykuly/:id/przeklad` — side by side; `POST` with `_action` = `start`,
 *   `machine` (all untranslated), `machine-one`, `save`, `approve` (one segment);
 * - `/admin/ustawienia/tlumaczenie` — the provider (administrator);
 * - `/admin/tlumaczenie/slownik` — the glossary (administrator, editor, translator).
 *
 * JSON (`/api/admin/stories/:id/desk`; not `…/translations`, the linked language copies of src/admin/stories/translations.tsx): `GET` the desk; `POST` start `{version, from}`;
 * `POST …/machine` `{version, segments?}`; `PUT …/segments/:segment` `{version, text?, approve?}`.
 */
import type { Context, Hono } from 'hono'
import { z } from 'zod'
import { audit, csrfToken, currentUser, requireRole, requireUser } from '../accounts/auth.js'
import { adminView } from '../admin/view.js'
import { storyStylesheet } from '../editor/build.js'
import { renderAdminError } from '../admin/views/errors.js'
import { adoptOne } from '../admin/stories/adopt.js'
import { actorOf, newsroomProblem, problemJson, storyIdParam, withStoryJson } from '../admin/stories/stories.js'
import { NewsroomError } from '../newsroom/newsroom.service.js'
import type { AppDeps } from '../server/deps.js'
import { TranslationDesk, type DeskOutcome } from './desk-service.js'
import { ProviderSettings, ProviderSettingsError } from './settings.js'
import { GlossaryRepository } from './glossary.js'
import { DeskPage, GlossaryPage, ProviderSettingsPage } from './views.js'
import { sendHtml } from '../platform/html.js'

const API = '/api/admin/stories'

const StartBody = z.object({ version: z.number().int().positive(), from: z.string().regex(/^[a-z]{2}$/).optional() })
const MachineBody = z.object({ version: z.number().int().positive(), segments: z.array(z.string().max(200)).max(2000).optional() })
const SegmentBody = z.object({ version: z.number().int().positive(), text: z.string().max(20000).optional(), approve: z.boolean().optional() })


export function providerSettings(deps: AppDeps): ProviderSettings {
  return new ProviderSettings(deps.dbh.db, deps.config)
}

export function translationDesk(deps: AppDeps): TranslationDesk {
  return new TranslationDesk(deps.dbh.db, deps.newsroom, providerSettings(deps))
}

async function json<T extends z.ZodType>(c: Context, schema: T): Promise<z.output<T> | Response> {
  let raw: unknown
  try {
    raw = await c.req.json()
  } catch {
    return problemJson(c, 400, 'Nieprawidłowe żądanie', 'Treść żądania musi być poprawnym JSON-em.')
  }
  const parsed = schema.safeParse(raw)
  if (!parsed.success) return problemJson(c, 400, 'Nieprawidłowe żądanie', `Brak lub błędne pola: ${parsed.error.issues.map((i) => i.path.join('.') || '(całość)').join(', ')}.`)
  return parsed.data
}

const outcomeJson = (o: DeskOutcome) => ({ story: o.story, ...(o.error ? { error: o.error } : {}), problems: o.problems })

export function registerTranslationRoutes(app: Hono, deps: AppDeps): void {
  const desk = () => translationDesk(deps)

  // ── JSON ────────────────────────────────────────────────────────────────

  const withStory = (handler: (c: Context, id: number) => Promise<Response>) => withStoryJson(deps, handler)

  app.get(
    `${API}/:id{[0-9]+}/desk`,
    withStory(async (c, id) => {
      const v = await desk().view(id)
      return c.json({ articleId: id, version: v.story.version, translation: v.translation, provider: v.provider, untranslated: v.untranslated, segments: v.rows })
    }),
  )

  app.post(
    `${API}/:id{[0-9]+}/desk`,
    withStory(async (c, id) => {
      const body = await json(c, StartBody)
      if (body instanceof Response) return body
      const story = await desk().start(actorOf(currentUser(c)), id, body.version, body.from)
      return c.json({ story })
    }),
  )

  app.post(
    `${API}/:id{[0-9]+}/desk/machine`,
    withStory(async (c, id) => {
      const body = await json(c, MachineBody)
      if (body instanceof Response) return body
      return c.json(outcomeJson(await desk().machine(actorOf(currentUser(c)), id, body.version, body.segments)))
    }),
  )

  app.put(
    `${API}/:id{[0-9]+}/desk/segments/:segment{[A-Za-z0-9:#_-]+}`,
    withStory(async (c, id) => {
      const body = await json(c, SegmentBody)
      if (body instanceof Response) return body
      const input = { ...(body.text !== undefined ? { text: body.text } : {}), ...(body.approve ? { approve: true } : {}) }
      return c.json(outcomeJson(await desk().setSegment(actorOf(currentUser(c)), id, body.version, c.req.param('segment')!, input)))
    }),
  )

  // ── the desk page ───────────────────────────────────────────────────────

  const NOTICES = ['start', 'machine', 'save', 'approve'] as const

  async function deskPage(c: Context, id: number, extra: { notice?: string; error?: string; kept?: { id: string; text: string; message: string } } = {}, status: 200 | 409 | 422 = 200) {
    const d = desk()
    const [view, data] = await Promise.all([adminView(c, deps), d.view(id)])
    if (data.story.kind !== 'article') return renderAdminError(c, deps, 404, { user: currentUser(c), csrf: csrfToken(c) })
    const user = currentUser(c)
    const canEdit = (await deps.newsroom.actionsFor(actorOf(user), id)).includes('save')
    return sendHtml(c, <DeskPage view={view} stylesheet={storyStylesheet(deps.assets)} desk={data} canEdit={canEdit} isAdmin={user.role === 'administrator'} {...extra} />, status)
  }

  app.get('/admin/artykuly/:id{[0-9]+}/przeklad', requireUser(), async (c) => {
    const id = storyIdParam(c)
    if (id === null) return renderAdminError(c, deps, 404, { user: currentUser(c), csrf: csrfToken(c) })
    try {
      await adoptOne(deps.dbh.db, id)
      const ok = NOTICES.find((n) => n === c.req.query('ok'))
      return await deskPage(c, id, ok ? { notice: (await adminView(c, deps)).m[`desk.notice.${ok}`] } : {})
    } catch (err) {
      if (err instanceof NewsroomError && err.code === 'NotFound') return renderAdminError(c, deps, 404, { user: currentUser(c), csrf: csrfToken(c) })
      throw err
    }
  })

  app.post('/admin/artykuly/:id{[0-9]+}/przeklad', requireUser(), async (c) => {
    const id = storyIdParam(c)
    if (id === null) return renderAdminError(c, deps, 404, { user: currentUser(c), csrf: csrfToken(c) })
    const form = await c.req.parseBody()
    const str = (name: string) => (typeof form[name] === 'string' ? (form[name] as string) : '')
    const action = str('_action')
    const version = Number(str('version')) || 0
    const segment = str('segment')
    const actor = actorOf(currentUser(c))
    const d = desk()
    try {
      let outcome: DeskOutcome | null = null
      if (action === 'start') await d.start(actor, id, version, str('from').trim().toLowerCase() || undefined)
      else if (action === 'machine') outcome = await d.machine(actor, id, version)
      else if (action === 'machine-one') outcome = await d.machine(actor, id, version, [segment])
      else if (action === 'save' || action === 'approve') outcome = await d.setSegment(actor, id, version, segment, { text: str('text'), approve: action === 'approve' })
      else return deskPage(c, id, { error: 'Nieznana czynność.' }, 422)
      if (outcome?.error) return deskPage(c, id, { error: outcome.error.message }, 200)
      if (outcome?.problems.length) return deskPage(c, id, { notice: outcome.problems.map((p) => p.problem).join(' ') })
      const anchor = segment ? `#seg-${segment.replace(/[^a-zA-Z0-9_-]/g, '_')}` : ''
      return c.redirect(`/admin/artykuly/${id}/przeklad?ok=${action === 'machine-one' ? 'machine' : action}${anchor}`, 303)
    } catch (err) {
      if (err instanceof NewsroomError) {
        const message =
          err.code === 'Conflict' ? 'Artykuł zmieniono w międzyczasie: odśwież stronę (Twój tekst jest poniżej i w historii zmian).' : err.code === 'Forbidden' ? 'Nie możesz zmieniać tego artykułu w obecnym stanie.' : err.message
        const kept = segment && (action === 'save' || action === 'approve') ? { id: segment, text: str('text'), message } : undefined
        return deskPage(c, id, { error: message, ...(kept ? { kept } : {}) }, err.code === 'Conflict' ? 409 : 422)
      }
      throw err
    }
  })

  // ── the glossary ──────────────────────────────────────────────────────────

  const GLOSSARY_ROLES = ['administrator', 'editor', 'translator'] as const
  const langOf = (raw: string | undefined) => (/^[a-z]{2}$/.test((raw ?? '').trim().toLowerCase()) ? raw!.trim().toLowerCase() : 'en')

  app.get('/admin/tlumaczenie/slownik', requireRole(...GLOSSARY_ROLES), async (c) => {
    const lang = langOf(c.req.query('jezyk'))
    const [view, entries] = await Promise.all([adminView(c, deps), new GlossaryRepository(deps.dbh.db).list(lang)])
    const ok = c.req.query('ok')
    return sendHtml(c, <GlossaryPage view={view} lang={lang} entries={entries} notice={ok === 'dodano' ? view.m['glossary.saved'] : ok === 'usunieto' ? view.m['glossary.removed'] : undefined} />)
  })

  app.post('/admin/tlumaczenie/slownik', requireRole(...GLOSSARY_ROLES), async (c) => {
    const form = await c.req.parseBody()
    const str = (name: string) => (typeof form[name] === 'string' ? (form[name] as string) : '')
    const lang = langOf(str('lang'))
    const repo = new GlossaryRepository(deps.dbh.db)
    const values = { term: str('term').replace(/\s+/g, ' ').trim().slice(0, 200), target: str('target').replace(/\s+/g, ' ').trim().slice(0, 200), note: str('note').trim().slice(0, 500) }
    if (str('_action') === 'remove') {
      await repo.remove(lang, values.term)
      await audit(deps, c, 'glossary.remove', `glossary:${lang}`, { term: values.term })
      return c.redirect(`/admin/tlumaczenie/slownik?jezyk=${lang}&ok=usunieto`, 303)
    }
    const errors: Record<string, string> = {}
    if (!values.term) errors.term = 'Wpisz termin w oryginale.'
    if (!values.target) errors.target = 'Wpisz ustaloną formę po polsku.'
    if (Object.keys(errors).length) {
      const [view, entries] = await Promise.all([adminView(c, deps), repo.list(lang)])
      return sendHtml(c, <GlossaryPage view={view} lang={lang} entries={entries} values={values} errors={errors} />, 422)
    }
    await repo.upsert({ sourceLang: lang, term: values.term, target: values.target, ...(values.note ? { note: values.note } : {}) })
    await audit(deps, c, 'glossary.upsert', `glossary:${lang}`, values)
    return c.redirect(`/admin/tlumaczenie/slownik?jezyk=${lang}&ok=dodano`, 303)
  })

  // ── provider settings (administrator) ─────────────────────────────────────

  app.get('/admin/ustawienia/tlumaczenie', requireRole('administrator'), async (c) => {
    const [view, settings] = await Promise.all([adminView(c, deps), providerSettings(deps).view()])
    return sendHtml(c, <ProviderSettingsPage view={view} settings={settings} notice={c.req.query('zapisano') !== undefined ? view.m['mt.saved'] : undefined} />)
  })

  app.post('/admin/ustawienia/tlumaczenie', requireRole('administrator'), async (c) => {
    const form = await c.req.parseBody()
    const str = (name: string) => (typeof form[name] === 'string' ? (form[name] as string) : '')
    const input = { provider: str('provider'), url: str('url'), model: str('model'), apiKey: str('apiKey'), removeKey: str('removeKey') === '1' }
    const settings = providerSettings(deps)
    try {
      const saved = await settings.save(input)
      // The key itself never goes to the audit log.
      await audit(deps, c, 'settings.translation', 'settings:translation_provider', { provider: saved.provider, url: saved.url, model: saved.model, keyChanged: input.apiKey.trim() !== '' || input.removeKey })
      return c.redirect('/admin/ustawienia/tlumaczenie?zapisano', 303)
    } catch (err) {
      if (!(err instanceof ProviderSettingsError)) throw err
      const view = await adminView(c, deps)
      return sendHtml(c, <ProviderSettingsPage view={view} settings={await settings.view()} values={{ provider: input.provider, url: input.url, model: input.model }} errors={err.errors} />, 422)
    }
  })
}
