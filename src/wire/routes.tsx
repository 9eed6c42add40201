/**
 * @module
 * The wire desk over HTTP.
 *
 * Pages (session, CSRF and no-store come from registerAdminRoutes):
 * - `/admin/serwisy` — the intake list (administrator, editor, translator), with filters;
 *   `/admin/serwisy/:id` one item; `POST /admin/serwisy/:id/wez` "Weź do redakcji";
 * - `/admin/serwisy/dodaj` — a page by URL, or pasted text (the same roles);
 * - `/admin/serwisy/zrodla` — sources (administrator, editor); `POST /admin/serwisy/ustawienia`
 *   the allow-list of internal hosts and the retention of imports (administrator only).
 *
 * Agencies: `POST /api/wire/ninjs/:sourceId` with `Authorization: Bearer <token>` and a
 * NINJS JSON body (one object or a list). 201 when stored, 200 when every item was a
 * repeat (or an update, or a withdrawal), 401 without a valid token, 400/422 for bad JSON.
 */
import type { Context, Hono } from 'hono'
import { z } from 'zod'
import { audit, csrfToken, currentUser, requireRole } from '../accounts/auth.js'
import type { Role } from '../accounts/roles.js'
import { messages } from '../admin/i18n.js'
import { adminView } from '../admin/view.js'
import { renderAdminError } from '../admin/views/errors.js'
import { NewsroomError } from '../newsroom/newsroom.service.js'
import type { AppDeps } from '../server/deps.js'
import { wireService } from './attach.js'
import { SourceInputSchema, WireError, type IngestResult, type ItemFilter, type SourceInput } from './wire.service.js'
import { EMPTY_IMPORT, EMPTY_SOURCE, ImportPage, IntakePage, ItemPage, SourceEditPage, SourcesPage, sourceValues, type FieldErrors, type ImportValues, type SourceValues } from './views.js'
import { sendHtml } from '../platform/html.js'

/** Who reads the intake, imports and takes items into the newsroom. */
export const INTAKE_ROLES: readonly Role[] = ['administrator', 'editor', 'translator']
/** Who configures sources. */
export const SOURCE_ROLES: readonly Role[] = ['administrator', 'editor']
/** Who edits the allow-list of internal hosts. */
export const SETTINGS_ROLES: readonly Role[] = ['administrator']

/** The `?ok=` notices, in the reader's language. */
const NOTICE_KEYS = ['dodano', 'duplikat', 'podobny', 'zrodlo', 'zapisano', 'usunieto', 'ustawienia'] as const
function notices(c: Context): Record<string, string> {
  const m = messages(currentUser(c).language)
  return Object.fromEntries(NOTICE_KEYS.map((k) => [k, m[`wire.done.${k}`]]))
}

function idParam(c: Context, name = 'id'): number | null {
  const raw = c.req.param(name) ?? ''
  return /^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : null
}

function field(body: Record<string, unknown>, name: string): string {
  const v = body[name]
  return typeof v === 'string' ? v : ''
}

function zodErrors(err: z.ZodError): FieldErrors {
  const out: FieldErrors = {}
  for (const issue of err.issues) {
    const key = String(issue.path[0] ?? '_')
    out[key] ??= issue.message
  }
  return out
}

function resultNotice(r: IngestResult): string {
  if (r.status === 'duplicate') return 'duplikat'
  return r.duplicateOf !== null ? 'podobny' : 'dodano'
}

export function registerWireRoutes(app: Hono, deps: AppDeps): void {
  const wire = () => wireService({ dbh: deps.dbh, newsroom: deps.newsroom, logger: deps.logger, now: deps.now, dataDir: deps.config.dataDir })
  const notFound = (c: Context) => renderAdminError(c, deps, 404, { user: currentUser(c), csrf: csrfToken(c) })

  // ── the intake list ─────────────────────────────────────────────────────

  app.get('/admin/serwisy', requireRole(...INTAKE_ROLES), async (c) => {
    const view = await adminView(c, deps)
    const q = (name: string) => (c.req.query(name) ?? '').trim()
    const sourceRaw = q('zrodlo')
    const hoursRaw = q('godziny')
    const pageRaw = q('strona')
    const status = q('stan')
    const filter: ItemFilter = {
      q: q('q').slice(0, 200) || undefined,
      sourceId: /^[1-9]\d{0,9}$/.test(sourceRaw) ? Number(sourceRaw) : undefined,
      language: /^[a-z]{2}$/.test(q('jezyk')) ? q('jezyk') : undefined,
      status: status === 'new' || status === 'taken' ? status : undefined,
      hours: /^[1-9]\d{0,3}$/.test(hoursRaw) ? Number(hoursRaw) : undefined,
      page: /^[1-9]\d{0,4}$/.test(pageRaw) ? Number(pageRaw) : 1,
    }
    const service = wire()
    const [result, sources, languages] = await Promise.all([service.list(filter), service.listSources(), service.languages()])
    return sendHtml(c, <IntakePage view={view} filter={filter} {...result} sources={sources} languages={languages} notice={notices(c)[q('ok')]} />)
  })

  app.get('/admin/serwisy/:id{[0-9]+}', requireRole(...INTAKE_ROLES), async (c) => {
    const id = idParam(c)
    const item = id ? await wire().getItem(id) : null
    if (!item) return notFound(c)
    const view = await adminView(c, deps)
    return sendHtml(c, <ItemPage view={view} item={item} canTake={INTAKE_ROLES.includes(currentUser(c).role)} notice={notices(c)[c.req.query('ok') ?? '']} />)
  })

  app.post('/admin/serwisy/:id{[0-9]+}/wez', requireRole(...INTAKE_ROLES), async (c) => {
    const id = idParam(c)
    if (!id) return notFound(c)
    const user = currentUser(c)
    try {
      const { articleId, already } = await wire().take(id, { id: user.id, name: user.name, role: user.role })
      if (!already) await audit(deps, c, 'wire.taken', `article:${articleId}`, { wireItem: id })
      return c.redirect(`/admin/artykuly/${articleId}`, 303)
    } catch (err) {
      if (err instanceof WireError && err.code === 'NotFound') return notFound(c)
      if (err instanceof WireError && err.code === 'Conflict') return c.redirect(`/admin/serwisy/${id}`, 303)
      if (err instanceof NewsroomError && err.code === 'Forbidden') return renderAdminError(c, deps, 403, { user, csrf: csrfToken(c) })
      throw err
    }
  })

  // ── imports ─────────────────────────────────────────────────────────────

  const importPage = async (c: Context, values: ImportValues, urlErrors: FieldErrors, textErrors: FieldErrors, status: 200 | 422 = 200) => {
    const view = await adminView(c, deps)
    return sendHtml(c, <ImportPage view={view} values={values} urlErrors={urlErrors} textErrors={textErrors} />, status)
  }

  app.get('/admin/serwisy/dodaj', requireRole(...INTAKE_ROLES), (c) => importPage(c, EMPTY_IMPORT, {}, {}))

  app.post('/admin/serwisy/dodaj/url', requireRole(...INTAKE_ROLES), async (c) => {
    const body = await c.req.parseBody()
    const values: ImportValues = { ...EMPTY_IMPORT, url: field(body, 'url').trim(), urlSourceName: field(body, 'urlSourceName').trim(), urlSourceKind: field(body, 'attributionKind') === 'agency' ? 'agency' : 'outlet' }
    if (!values.url) return importPage(c, values, { url: 'Podaj adres artykułu' }, {}, 422)
    const user = currentUser(c)
    try {
      const r = await wire().importUrl(values.url, user, { sourceName: values.urlSourceName, sourceKind: values.urlSourceKind as 'agency' | 'outlet' })
      await audit(deps, c, 'wire.imported', r.id ? `wire:${r.id}` : null, { url: values.url.slice(0, 500), status: r.status })
      return c.redirect(`/admin/serwisy/${r.id}?ok=${resultNotice(r)}`, 303)
    } catch (err) {
      if (err instanceof WireError) return importPage(c, values, { url: err.message }, {}, 422)
      throw err
    }
  })

  app.post('/admin/serwisy/dodaj/tekst', requireRole(...INTAKE_ROLES), async (c) => {
    const body = await c.req.parseBody()
    const values: ImportValues = {
      ...EMPTY_IMPORT,
      text: field(body, 'text').slice(0, 500_000),
      sourceName: field(body, 'sourceName').trim(),
      sourceKind: field(body, 'attributionKind') === 'agency' ? 'agency' : 'outlet',
      sourceUrl: field(body, 'sourceUrl').trim(),
      language: field(body, 'language').trim().toLowerCase(),
    }
    const errors: FieldErrors = {}
    if (!values.text.trim()) errors.text = 'Wklej tekst'
    if (!values.sourceName) errors.sourceName = 'Podaj źródło tekstu'
    if (values.language && !/^[a-z]{2}$/.test(values.language)) errors.language = 'Kod języka to dwie litery, np. en'
    if (Object.keys(errors).length) return importPage(c, values, {}, errors, 422)
    try {
      const r = await wire().importText(values.text, currentUser(c), {
        sourceName: values.sourceName,
        sourceKind: values.sourceKind as 'agency' | 'outlet',
        url: values.sourceUrl,
        ...(values.language ? { language: values.language } : {}),
      })
      return c.redirect(`/admin/serwisy/${r.id}?ok=${resultNotice(r)}`, 303)
    } catch (err) {
      if (err instanceof WireError) return importPage(c, values, {}, { [/adres/i.test(err.message) ? 'sourceUrl' : 'text']: err.message }, 422)
      throw err
    }
  })

  // ── sources ─────────────────────────────────────────────────────────────

  const sourcesPage = async (
    c: Context,
    s: { values?: SourceValues; errors?: FieldErrors; token?: { sourceId: number; token: string }; notice?: string; settingsErrors?: FieldErrors },
    status: 200 | 422 = 200,
  ) => {
    const view = await adminView(c, deps)
    const service = wire()
    const isAdmin = SETTINGS_ROLES.includes(currentUser(c).role)
    const [sources, settings] = await Promise.all([service.listSources(), isAdmin ? service.settings() : Promise.resolve(null)])
    return sendHtml(
      c,
      <SourcesPage
        view={view}
        sources={sources}
        values={s.values ?? EMPTY_SOURCE}
        errors={s.errors ?? {}}
        token={s.token}
        notice={s.notice}
        settings={settings}
        settingsErrors={s.settingsErrors ?? {}}
        publicUrl={deps.config.publicUrl}
        dataDir={deps.config.dataDir}
      />,
      status,
    )
  }

  const sourceForm = (body: Record<string, unknown>): { values: SourceValues; input: SourceInput } => {
    const values: SourceValues = {
      name: field(body, 'name'),
      kind: field(body, 'kind'),
      attributionName: field(body, 'attributionName'),
      attributionKind: field(body, 'attributionKind') === 'outlet' ? 'outlet' : 'agency',
      url: field(body, 'url').trim(),
      folder: field(body, 'folder').trim(),
      pollMinutes: field(body, 'pollMinutes').trim() || '5',
      retainHours: field(body, 'retainHours').trim() || '72',
      enabled: field(body, 'enabled') === '1',
    }
    return {
      values,
      input: {
        name: values.name,
        kind: values.kind as 'rss',
        attributionName: values.attributionName,
        attributionKind: values.attributionKind as 'agency',
        url: values.url,
        folder: values.folder,
        pollMinutes: values.pollMinutes,
        retainHours: values.retainHours,
        enabled: values.enabled,
      } as SourceInput,
    }
  }

  app.get('/admin/serwisy/zrodla', requireRole(...SOURCE_ROLES), (c) => sourcesPage(c, { notice: notices(c)[c.req.query('ok') ?? ''] ?? '' }))

  app.post('/admin/serwisy/zrodla', requireRole(...SOURCE_ROLES), async (c) => {
    const { values, input } = sourceForm(await c.req.parseBody())
    const parsed = SourceInputSchema.safeParse(input)
    if (!parsed.success) return sourcesPage(c, { values, errors: zodErrors(parsed.error) }, 422)
    try {
      const { source, token } = await wire().createSource(input, currentUser(c))
      await audit(deps, c, 'wire.source.created', `wire-source:${source.id}`, { name: source.name, kind: source.kind })
      if (token) return sourcesPage(c, { token: { sourceId: source.id, token }, notice: notices(c).zrodlo! })
      return c.redirect('/admin/serwisy/zrodla?ok=zrodlo', 303)
    } catch (err) {
      if (err instanceof WireError) return sourcesPage(c, { values, errors: { folder: err.message } }, 422)
      throw err
    }
  })

  const editPage = async (c: Context, id: number, s: { values?: SourceValues; errors?: FieldErrors; notice?: string }, status: 200 | 422 = 200) => {
    const source = await wire().getSource(id)
    if (!source) return notFound(c)
    const view = await adminView(c, deps)
    return sendHtml(c, <SourceEditPage view={view} source={source} values={s.values ?? sourceValues(source)} errors={s.errors ?? {}} notice={s.notice} />, status)
  }

  app.get('/admin/serwisy/zrodla/:id{[0-9]+}', requireRole(...SOURCE_ROLES), (c) => {
    const id = idParam(c)
    return id ? editPage(c, id, { notice: notices(c)[c.req.query('ok') ?? ''] ?? '' }) : notFound(c)
  })

  app.post('/admin/serwisy/zrodla/:id{[0-9]+}', requireRole(...SOURCE_ROLES), async (c) => {
    const id = idParam(c)
    const source = id ? await wire().getSource(id) : undefined
    if (!source) return notFound(c)
    const { values, input } = sourceForm(await c.req.parseBody())
    const parsed = SourceInputSchema.safeParse({ ...input, kind: source.kind, folder: values.folder || source.folder || '' })
    if (!parsed.success) return editPage(c, source.id, { values: { ...values, kind: source.kind }, errors: zodErrors(parsed.error) }, 422)
    try {
      await wire().updateSource(source.id, input)
    } catch (err) {
      if (err instanceof WireError) return editPage(c, source.id, { values: { ...values, kind: source.kind }, errors: { folder: err.message } }, 422)
      throw err
    }
    await audit(deps, c, 'wire.source.updated', `wire-source:${source.id}`, { name: values.name })
    return c.redirect(`/admin/serwisy/zrodla/${source.id}?ok=zapisano`, 303)
  })

  app.post('/admin/serwisy/zrodla/:id{[0-9]+}/usun', requireRole(...SOURCE_ROLES), async (c) => {
    const id = idParam(c)
    const source = id ? await wire().getSource(id) : undefined
    if (!source) return notFound(c)
    await wire().deleteSource(source.id)
    await audit(deps, c, 'wire.source.deleted', `wire-source:${source.id}`, { name: source.name })
    return c.redirect('/admin/serwisy/zrodla?ok=usunieto', 303)
  })

  app.post('/admin/serwisy/zrodla/:id{[0-9]+}/pobierz', requireRole(...SOURCE_ROLES), async (c) => {
    const id = idParam(c)
    const source = id ? await wire().getSource(id) : undefined
    if (!source || source.kind === 'ninjs') return notFound(c)
    const outcome = await wire().poll(source)
    return sourcesPage(c, { notice: outcome.ok ? `${source.name}: ${outcome.summary}.` : `${source.name}: błąd — ${outcome.summary}` })
  })

  app.post('/admin/serwisy/zrodla/:id{[0-9]+}/token', requireRole(...SOURCE_ROLES), async (c) => {
    const id = idParam(c)
    const source = id ? await wire().getSource(id) : undefined
    if (!source || source.kind !== 'ninjs') return notFound(c)
    const token = await wire().rotateToken(source.id)
    await audit(deps, c, 'wire.source.token', `wire-source:${source.id}`, { name: source.name })
    return sourcesPage(c, { token: { sourceId: source.id, token } })
  })

  app.post('/admin/serwisy/ustawienia', requireRole(...SETTINGS_ROLES), async (c) => {
    const body = await c.req.parseBody()
    const hosts = field(body, 'allowedHosts')
      .split(/[\n,]+/)
      .map((h) => h.trim())
      .filter(Boolean)
    const retainRaw = field(body, 'retainHours').trim()
    const retainHours = Number(retainRaw)
    if (!/^\d{1,4}$/.test(retainRaw) || retainHours < 1 || retainHours > 24 * 90) {
      return sourcesPage(c, { settingsErrors: { retainHours: 'Podaj liczbę godzin od 1 do 2160' } }, 422)
    }
    try {
      const saved = await wire().saveSettings({ allowedHosts: hosts, retainHours })
      await audit(deps, c, 'wire.settings', null, { allowedHosts: saved.allowedHosts, retainHours: saved.retainHours })
    } catch (err) {
      if (err instanceof WireError) return sourcesPage(c, { settingsErrors: { allowedHosts: err.message } }, 422)
      throw err
    }
    return c.redirect('/admin/serwisy/zrodla?ok=ustawienia', 303)
  })

  // ── the NINJS push endpoint ─────────────────────────────────────────────

  app.post('/api/wire/ninjs/:sourceId', async (c) => {
    c.header('Cache-Control', 'no-store')
    const problem = (status: 400 | 401 | 403 | 415 | 422, title: string, extra: Record<string, unknown> = {}) =>
      c.body(JSON.stringify({ type: 'about:blank', title, status, ...extra }), status, { 'Content-Type': 'application/problem+json; charset=utf-8' })
    const id = idParam(c, 'sourceId')
    const auth = c.req.header('authorization') ?? ''
    const token = /^Bearer\s+([A-Za-z0-9_-]{20,100})\s*$/i.exec(auth)?.[1]
    const source = id && token ? await wire().verifyToken(id, token) : null
    if (!source) {
      c.header('WWW-Authenticate', 'Bearer realm="depesza-wire"')
      return problem(401, 'Brak lub nieprawidłowy token źródła')
    }
    if (!source.enabled) return problem(403, 'Źródło jest wyłączone')
    if (!/^application\/([a-z0-9.+-]*\+)?json\b/i.test(c.req.header('content-type') ?? '')) return problem(415, 'Oczekiwano application/json')
    let json: unknown
    try {
      json = JSON.parse(await c.req.text())
    } catch {
      return problem(400, 'Nieprawidłowy JSON')
    }
    let results: IngestResult[]
    try {
      results = await wire().ingestNinjs(source, json)
    } catch (err) {
      if (err instanceof z.ZodError) return problem(422, 'Nieprawidłowy NINJS', { errors: err.issues.slice(0, 20).map((i) => ({ path: i.path.join('.'), message: i.message })) })
      throw err
    }
    const created = results.some((r) => r.status === 'created')
    return c.json({ items: results.map((r) => ({ id: r.id, status: r.status, duplicateOf: r.duplicateOf })) }, created ? 201 : 200)
  })
}
