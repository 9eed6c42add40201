/**
 * @module
 * Managing the site from the newsroom (server-rendered, no JavaScript needed), registered in
 * app.tsx between `registerAdminRoutes` and `registerAdminFallbacks`:
 *
 * - `/admin/strony`      static pages ("O nas", "Kontakt"): list, new, edit, publish, unpublish (editors)
 * - `/admin/menu`        the main and footer menus: label, target (page, section, address), order (editors)
 * - `/admin/dzialy`      sections (create, rename, address, order, delete when empty) and tags
 *                        (rename, address, merge, delete) with story counts (editors)
 * - `/admin/autorzy`     authors: name, address, bio, photo from the media library (editors)
 * - `/admin/wiadomosci`  the contact inbox: newest first, unhandled filter, read, handled, delete (editors)
 * - `/admin/ustawienia`  site settings: name, description, language, time zone, publisher (administrators)
 *
 * Every form is validated here and answers 422 with the input kept and Polish (or the
 * user's language) messages. Writes go through the content layer (`ContentService`, its
 * `taxonomy`) or `deps.invalidate`, so exactly the cached pages they affect are dropped, and
 * each is recorded in the audit log.
 */
import type { Context, Hono } from 'hono'
import { audit, csrfToken, currentUser, requireRole } from '../../accounts/auth.js'
import { ADMIN_ROLES, EDITOR_ROLES } from '../../accounts/roles.js'
import { CacheKeys } from '../../cache/cache-keys.js'
import { deleteMessage, getMessage, listInbox, setHandled } from '../../contact/inbox.js'
import type { ArticleInput } from '../../content/article.js'
import { ContentError } from '../../content/content.service.js'
import type { ArticleRow, PublicationStatus } from '../../content/content.table.js'
import { DocumentSchema, EMPTY_DOCUMENT, parseDocument, type BlockDocument } from '../../content/document.js'
import { documentToText, textToDocument, type PageTextError } from '../../content/page-text.js'
import {
  getAuthor,
  getSection,
  getTag,
  listAuthorsWithCounts,
  listSectionsWithCounts,
  listTagsWithCounts,
  SLUG_PATTERN,
  TaxonomyError,
  type AuthorInput,
  type SectionInput,
} from '../../content/taxonomy.js'
import { thumbnailUrl } from '../../media/library.js'
import { slugify } from '../../polish/slug.js'
import type { AppDeps } from '../../server/deps.js'
import { RESERVED_SLUGS } from '../../site/routes.js'
import { mediaUrlFor } from '../../site/site-view.js'
import { loadSiteSettings, saveSiteSettings, type MenuItem, type SiteSettings } from '../../site-settings/settings.js'
import { DEFAULT_EDITION, EDITION_CODES, loadEditionSettings, saveEditionSettings, type EditionCode, type Editions, type EditionSettings } from '../../editions/editions.js'
import type { MessageKey, Messages } from '../i18n.js'
import { adminView } from '../view.js'
import { renderAdminError } from '../views/errors.js'
import type { Errors } from './parts.js'
import { EMPTY_PAGE, PageFormPage, PagesListPage, statusLabel, type PageFormValues } from './pages-views.js'
import {
  InboxPage,
  MENU_PATHS,
  MenusPage,
  MessagePage,
  SettingsPage,
  SITE_LANGUAGES,
  type MenuFormState,
  type MenuName,
  type MenuRow,
  type EditionValues,
  type MenuTarget,
  type SettingsValues,
} from './settings-views.js'
import { AuthorPage, AuthorsPage, EMPTY_AUTHOR, EMPTY_SECTION, SectionPage, TagPage, TaxonomyPage, type AuthorValues, type SectionValues, type TagValues } from './taxonomy-views.js'
import { sendHtml } from '../../platform/html.js'

/** The language editions besides Polish (src/editions). */
type OtherEdition = Exclude<EditionCode, 'pl'>

const TAG_PAGE = 100
const INBOX_PAGE = 30
const MAX_MENU_ROWS = 30
/** `/kontakt` is the contact form, which shows the "kontakt" page's text above it. */
const PAGE_RESERVED = new Set([...RESERVED_SLUGS].filter((s) => s !== 'kontakt'))

type Body = Record<string, string | File | (string | File)[]>

function field(body: Body, name: string): string {
  const v = body[name]
  const first = Array.isArray(v) ? v[0] : v
  return typeof first === 'string' ? first : ''
}

function idParam(c: Context): number | null {
  const raw = c.req.param('id') ?? ''
  return /^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : null
}

/** `?ok=…` after a redirect → the notice to show. */
function noticeOf(c: Context, m: Messages): string | undefined {
  const key = `notice.${c.req.query('ok') ?? ''}` as MessageKey
  const value = (m as Record<string, unknown>)[key]
  return typeof value === 'string' ? value : undefined
}

export function registerSiteAdminRoutes(app: Hono, deps: AppDeps): void {
  const db = deps.dbh.db
  const taxonomy = deps.content.taxonomy
  const editors = requireRole(...EDITOR_ROLES)
  const admins = requireRole(...ADMIN_ROLES)
  const notFound = (c: Context) => renderAdminError(c, deps, 404, { user: currentUser(c), csrf: csrfToken(c) })
  const mediaUrl = mediaUrlFor(deps.config.mediaPublicUrl)

  /** Is the slug a page's (or a page's old address)? */
  async function pageUses(slug: string, exceptId: number | null = null): Promise<boolean> {
    const [row, moved] = await Promise.all([
      db.selectFrom('articles').select('id').where('kind', '=', 'page').where('slug', '=', slug).executeTakeFirst(),
      db.selectFrom('article_redirects').select('article_id').where('kind', '=', 'page').where('old_slug', '=', slug).executeTakeFirst(),
    ])
    return (row !== undefined && row.id !== exceptId) || (moved !== undefined && moved.article_id !== exceptId)
  }

  /** Is the slug a section's (or a section's old address)? Pages and sections share `/{slug}`. */
  async function sectionUses(slug: string, exceptId: number | null = null): Promise<boolean> {
    const [row, moved] = await Promise.all([
      db.selectFrom('sections').select('id').where('slug', '=', slug).executeTakeFirst(),
      db.selectFrom('taxonomy_redirects').select('target_id').where('kind', '=', 'section').where('old_slug', '=', slug).executeTakeFirst(),
    ])
    return (row !== undefined && row.id !== exceptId) || (moved !== undefined && moved.target_id !== exceptId)
  }

  function slugShape(slug: string): MessageKey | null {
    if (!slug) return 'error.slugRequired'
    if (slug.length > 120 || !SLUG_PATTERN.test(slug)) return 'error.slugInvalid'
    return null
  }

  /** Menu entries pointing at `from` now point at `to` (a page or section changed its address). */
  async function followInMenus(from: string, to: string): Promise<boolean> {
    const site = await loadSiteSettings(db)
    let changed = false
    const move = (items: MenuItem[]) =>
      items.map((item) => {
        if (item.href !== from) return item
        changed = true
        return { ...item, href: to }
      })
    const next = { ...site, menu: move(site.menu), footerMenu: move(site.footerMenu) }
    if (!changed) return false
    await saveSiteSettings(db, next)
    await deps.invalidate([CacheKeys.site])
    return true
  }

  // ── static pages ──────────────────────────────────────────────────────────

  app.get('/admin/strony', editors, async (c) => {
    const view = await adminView(c, deps)
    const pages = await db.selectFrom('articles').select(['id', 'headline', 'slug', 'status', 'updated_at']).where('kind', '=', 'page').orderBy('headline').execute()
    return sendHtml(c, <PagesListPage view={view} pages={pages} notice={noticeOf(c, view.m)} />)
  })

  async function pageRow(c: Context): Promise<ArticleRow | undefined> {
    const id = idParam(c)
    if (id === null) return undefined
    return db.selectFrom('articles').selectAll().where('id', '=', id).where('kind', '=', 'page').executeTakeFirst()
  }

  async function pageForm(c: Context, row: ArticleRow | undefined, values: PageFormValues, errors: Errors = {}, bodyProblems: string[] = [], status: 200 | 422 = 200) {
    const view = await adminView(c, deps)
    const page = row ? { id: row.id, status: row.status, slug: row.slug, publicUrl: deps.config.publicUrl } : null
    return sendHtml(c, <PageFormPage view={view} page={page} values={values} errors={errors} bodyProblems={bodyProblems} notice={row ? noticeOf(c, view.m) : undefined} />, status)
  }

  function pageValues(body: Body): PageFormValues {
    return {
      headline: field(body, 'headline').slice(0, 1000),
      slug: field(body, 'slug').trim().slice(0, 200),
      lede: field(body, 'lede').slice(0, 5000),
      body: field(body, 'body').slice(0, 300_000),
      seoTitle: field(body, 'seoTitle').slice(0, 1000),
      seoDescription: field(body, 'seoDescription').slice(0, 2000),
    }
  }

  function bodyProblem(m: Messages, e: PageTextError): string {
    return e.code === 'linkUnsafe' ? m['pages.bodyLinkUnsafe'](e.line, e.detail) : e.code === 'imageInvalid' ? m['pages.bodyImageInvalid'](e.line) : m['pages.bodyUnknownBlock'](e.line, e.detail)
  }

  /** Validates the form; the document and slug when it is good. */
  async function checkPage(m: Messages, v: PageFormValues, row: ArticleRow | undefined) {
    const errors: Errors = {}
    const headline = v.headline.trim()
    if (!headline) errors['headline'] = 'error.titleRequired'
    else if (headline.length > 300) errors['headline'] = 'error.titleTooLong'
    const slug = v.slug || (row ? row.slug : slugify(headline))
    const shape = slugShape(slug)
    if (shape) errors['slug'] = shape
    else if (PAGE_RESERVED.has(slug)) errors['slug'] = 'error.slugReserved'
    else if (await sectionUses(slug)) errors['slug'] = 'error.slugSection'
    else if (await pageUses(slug, row?.id ?? null)) errors['slug'] = 'error.slugTaken'
    if (v.lede.trim().length > 2000) errors['lede'] = 'error.ledeTooLong'
    if (v.seoTitle.trim().length > 300) errors['seoTitle'] = 'error.seoTitleTooLong'
    if (v.seoDescription.trim().length > 500) errors['seoDescription'] = 'error.seoDescriptionTooLong'
    const current = row ? parseDocument(row.body) : EMPTY_DOCUMENT
    const parsed = textToDocument(v.body, current)
    const problems = parsed.errors.map((e) => bodyProblem(m, e))
    let doc: BlockDocument | null = null
    if (problems.length) errors['body'] = 'error.bodyProblems'
    else {
      const checked = DocumentSchema.safeParse(parsed.doc)
      if (checked.success) doc = checked.data
      else errors['body'] = 'error.bodyInvalid'
    }
    return { errors, problems, slug, doc }
  }

  async function savePage(c: Context, row: ArticleRow | undefined): Promise<Response> {
    const m = (await adminView(c, deps)).m
    const body = (await c.req.parseBody()) as Body
    const v = pageValues(body)
    const publish = field(body, '_action') === 'publish'
    const { errors, problems, slug, doc } = await checkPage(m, v, row)
    if (Object.keys(errors).length || !doc) return pageForm(c, row, v, errors, problems, 422)
    const status: PublicationStatus = publish ? 'published' : (row?.status ?? 'draft')
    const { site } = await deps.siteData.get()
    const input: ArticleInput = {
      kind: 'page',
      slug,
      headline: v.headline.trim(),
      lede: v.lede.trim(),
      body: doc,
      status,
      language: row?.language ?? site.language,
      seoTitle: v.seoTitle.trim(),
      seoDescription: v.seoDescription.trim(),
      ...(row?.lead_media_id ? { leadMediaId: row.lead_media_id } : {}),
      // The first publication is dated by the app's clock; a page published again keeps its date.
      ...(publish && !row?.published_at ? { publishedAt: deps.now().toISOString() } : {}),
    }
    let id: number
    try {
      if (row) {
        await deps.content.update(row.id, input)
        id = row.id
      } else {
        id = await deps.content.create(input)
      }
    } catch (err) {
      if (err instanceof ContentError && err.code === 'SlugTaken') return pageForm(c, row, v, { slug: 'error.slugTaken' }, [], 422)
      throw err
    }
    const moved = row && row.slug !== slug
    if (moved && row.status === 'published') await followInMenus(`/${row.slug}`, `/${slug}`)
    await audit(deps, c, row ? 'page.updated' : 'page.created', `article:${id}`, { slug, status, ...(moved ? { from: row.slug } : {}) })
    if (publish) await audit(deps, c, 'page.published', `article:${id}`, { slug })
    return c.redirect(`/admin/strony/${id}?ok=${publish ? 'pagePublished' : 'saved'}`, 303)
  }

  app.get('/admin/strony/nowa', editors, (c) => pageForm(c, undefined, EMPTY_PAGE))
  app.post('/admin/strony/nowa', editors, (c) => savePage(c, undefined))

  app.get('/admin/strony/:id{[0-9]+}', editors, async (c) => {
    const row = await pageRow(c)
    if (!row) return notFound(c)
    const values: PageFormValues = { headline: row.headline, slug: row.slug, lede: row.lede, body: documentToText(parseDocument(row.body)), seoTitle: row.seo_title, seoDescription: row.seo_description }
    return pageForm(c, row, values)
  })

  app.post('/admin/strony/:id{[0-9]+}', editors, async (c) => {
    const row = await pageRow(c)
    if (!row) return notFound(c)
    return savePage(c, row)
  })

  app.post('/admin/strony/:id{[0-9]+}/wycofaj', editors, async (c) => {
    const row = await pageRow(c)
    if (!row) return notFound(c)
    if (row.status === 'published') {
      await deps.content.unpublish(row.id)
      await audit(deps, c, 'page.unpublished', `article:${row.id}`, { slug: row.slug })
    }
    return c.redirect(`/admin/strony/${row.id}?ok=pageUnpublished`, 303)
  })

  // ── menus ─────────────────────────────────────────────────────────────────

  /** The edition whose menus `?wydanie=` names (an enabled one besides Polish), else Polish. */
  async function menuEdition(c: Context): Promise<{ code: EditionCode; editions: Editions }> {
    const { editions } = await deps.siteData.get()
    const raw = c.req.query('wydanie') ?? ''
    return { code: raw !== DEFAULT_EDITION && editions.isEnabled(raw) ? raw : DEFAULT_EDITION, editions }
  }

  /** What a menu entry can lead to: sections, home and search in the edition; pages and the contact form. */
  async function menuTargets(m: Messages, code: EditionCode, editions: Editions): Promise<{ pages: MenuTarget[]; sections: MenuTarget[] }> {
    const [{ sections }, pages] = await Promise.all([
      deps.siteData.get(),
      db.selectFrom('articles').select(['slug', 'headline', 'status']).where('kind', '=', 'page').orderBy('headline').execute(),
    ])
    const pageTargets: MenuTarget[] = [{ value: editions.homePath(code), label: m['menus.home'] }]
    for (const p of pages) pageTargets.push({ value: `/${p.slug}`, label: p.status === 'published' ? p.headline : `${p.headline} (${statusLabel(m, p.status)})` })
    if (!pages.some((p) => p.slug === 'kontakt')) pageTargets.push({ value: '/kontakt', label: m['menus.contactForm'] })
    pageTargets.push({ value: editions.path(code, '/szukaj'), label: m['menus.search'] })
    return { pages: pageTargets, sections: sections.map((s) => ({ value: editions.path(code, `/${s.slug}`), label: s.name })) }
  }

  function rowsOf(items: MenuItem[], known: Set<string>): MenuRow[] {
    return items.map((item, i) => ({ label: item.label, target: known.has(item.href) ? item.href : 'url', url: known.has(item.href) ? '' : item.href, order: String((i + 1) * 10) }))
  }

  async function menusPage(c: Context, override: Partial<Record<MenuName, MenuFormState>> = {}, status: 200 | 422 = 200) {
    const view = await adminView(c, deps)
    const { code, editions } = await menuEdition(c)
    const [targets, site, stored] = await Promise.all([menuTargets(view.m, code, editions), loadSiteSettings(db), loadEditionSettings(db)])
    const known = new Set([...targets.pages, ...targets.sections].map((t) => t.value))
    // Another edition shows its own menus once saved; until then the site derives them (editionSite).
    const own = code === DEFAULT_EDITION ? site : (stored[code as OtherEdition] ?? {})
    const state = (name: MenuName): MenuFormState => override[name] ?? { rows: rowsOf(own[name] ?? [], known), errors: [] }
    const derived = code !== DEFAULT_EDITION && (!own.menu || !own.footerMenu)
    return sendHtml(
      c,
      <MenusPage
        view={view}
        menus={{ menu: state('menu'), footerMenu: state('footerMenu') }}
        targets={targets}
        notice={noticeOf(c, view.m)}
        editions={{ current: code, enabled: editions.enabled, derived }}
      />,
      status,
    )
  }

  app.get('/admin/menu', editors, (c) => menusPage(c))

  for (const name of ['menu', 'footerMenu'] as const) {
    app.post(`/admin/menu/${MENU_PATHS[name]}`, editors, async (c) => {
      const view = await adminView(c, deps)
      const body = (await c.req.parseBody()) as Body
      const count = Math.min(200, 1 + Math.max(-1, ...Object.keys(body).map((k) => /^(?:label|target|url|order)\.(\d{1,3})$/.exec(k)?.[1]).filter(Boolean).map(Number)))
      const { code, editions } = await menuEdition(c)
      const targets = await menuTargets(view.m, code, editions)
      const known = new Set([...targets.pages, ...targets.sections].map((t) => t.value))
      const rows: MenuRow[] = []
      const errors: Errors[] = []
      const items: Array<{ item: MenuItem; order: number; index: number }> = []
      for (let i = 0; i < count; i++) {
        const row: MenuRow = { label: field(body, `label.${i}`).trim().slice(0, 200), target: field(body, `target.${i}`).slice(0, 600), url: field(body, `url.${i}`).trim().slice(0, 600), order: field(body, `order.${i}`).trim().slice(0, 10) }
        if (!row.label && !row.target && !row.url) continue
        const e: Errors = {}
        if (!row.label) e['label'] = 'error.menuLabelRequired'
        else if (row.label.length > 60) e['label'] = 'error.menuLabelTooLong'
        let href = ''
        if (!row.target && !row.url) e['target'] = 'error.menuTargetRequired'
        else if (row.target === 'url' || (!row.target && row.url)) {
          href = row.url
          if (!href) e['url'] = 'error.menuUrlRequired'
          else if (!validMenuUrl(href)) e['url'] = 'error.menuUrlInvalid'
          if (!row.target) row.target = 'url'
        } else if (!known.has(row.target)) e['target'] = 'error.menuTargetUnknown'
        else href = row.target
        if (row.order && !/^-?\d{1,5}$/.test(row.order)) e['order'] = 'error.orderInvalid'
        rows.push(row)
        errors.push(e)
        items.push({ item: { label: row.label, href }, order: row.order && !e['order'] ? Number(row.order) : (rows.length) * 10, index: rows.length })
      }
      const alert = items.length > MAX_MENU_ROWS ? view.m['menus.tooMany'](MAX_MENU_ROWS) : undefined
      if (alert || errors.some((e) => Object.keys(e).length)) return menusPage(c, { [name]: { rows, errors, alert } }, 422)
      const sorted = items.sort((a, b) => a.order - b.order || a.index - b.index).map((x) => x.item)
      let before: MenuItem[]
      if (code === DEFAULT_EDITION) {
        before = (await loadSiteSettings(db))[name]
        await db.transaction().execute(async (trx) => saveSiteSettings(trx, { ...(await loadSiteSettings(trx)), [name]: sorted }))
      } else {
        before = (await loadEditionSettings(db))[code as OtherEdition]?.[name] ?? []
        await db.transaction().execute(async (trx) => {
          const current = await loadEditionSettings(trx)
          return saveEditionSettings(trx, { ...current, [code]: { ...(current[code as OtherEdition] ?? {}), [name]: sorted } })
        })
      }
      await deps.invalidate([CacheKeys.site])
      await audit(deps, c, 'menu.updated', `menu:${name}`, { edition: code, before: before.map((i) => `${i.label} → ${i.href}`), after: sorted.map((i) => `${i.label} → ${i.href}`) })
      return c.redirect(code === DEFAULT_EDITION ? '/admin/menu?ok=menuSaved' : `/admin/menu?wydanie=${code}&ok=menuSaved`, 303)
    })
  }

  // ── sections and tags ─────────────────────────────────────────────────────

  async function taxonomyPage(c: Context, create: { values: SectionValues; errors: Errors } = { values: EMPTY_SECTION, errors: {} }, status: 200 | 422 = 200) {
    const view = await adminView(c, deps)
    const q = (c.req.query('q') ?? '').trim().slice(0, 100)
    const rawPage = c.req.query('strona') ?? '1'
    const page = /^[1-9]\d{0,4}$/.test(rawPage) ? Number(rawPage) : 1
    const [sections, tags] = await Promise.all([listSectionsWithCounts(db), listTagsWithCounts(db, { q, offset: (page - 1) * TAG_PAGE, limit: TAG_PAGE + 1 })])
    return sendHtml(
      c,
      <TaxonomyPage view={view} sections={sections} tags={tags.slice(0, TAG_PAGE)} moreTags={tags.length > TAG_PAGE} tagQuery={q} tagPage={page} create={create} notice={noticeOf(c, view.m)} />,
      status,
    )
  }

  function sectionValues(body: Body): SectionValues {
    return { name: field(body, 'name').slice(0, 500), slug: field(body, 'slug').trim().slice(0, 200), description: field(body, 'description').slice(0, 2000), position: field(body, 'position').trim().slice(0, 10) }
  }

  async function checkSection(v: SectionValues, ownId: number | null): Promise<{ errors: Errors; input: SectionInput }> {
    const errors: Errors = {}
    const name = v.name.trim()
    if (!name) errors['name'] = 'error.nameMissing'
    else if (name.length > 100) errors['name'] = 'error.sectionNameTooLong'
    const slug = v.slug || slugify(name)
    const shape = slugShape(slug)
    if (shape) errors['slug'] = shape
    else if (RESERVED_SLUGS.has(slug)) errors['slug'] = 'error.slugReserved'
    else if (await pageUses(slug)) errors['slug'] = 'error.slugPage'
    else if (await sectionUses(slug, ownId)) errors['slug'] = 'error.slugTaken'
    if (v.description.trim().length > 500) errors['description'] = 'error.descriptionTooLong'
    const position = v.position === '' ? 0 : /^-?\d{1,5}$/.test(v.position) ? Number(v.position) : NaN
    if (Number.isNaN(position)) errors['position'] = 'error.orderInvalid'
    return { errors, input: { name, slug, description: v.description.trim(), position } }
  }

  app.get('/admin/dzialy', editors, (c) => taxonomyPage(c))

  app.post('/admin/dzialy', editors, async (c) => {
    const v = sectionValues((await c.req.parseBody()) as Body)
    const { errors, input } = await checkSection(v, null)
    if (Object.keys(errors).length) return taxonomyPage(c, { values: v, errors }, 422)
    try {
      const id = await taxonomy.createSection(input)
      await audit(deps, c, 'section.created', `section:${id}`, { name: input.name, slug: input.slug })
    } catch (err) {
      if (err instanceof TaxonomyError && err.code === 'SlugTaken') return taxonomyPage(c, { values: v, errors: { slug: 'error.slugTaken' } }, 422)
      throw err
    }
    return c.redirect('/admin/dzialy?ok=sectionCreated', 303)
  })

  async function sectionItem(id: number | null) {
    if (id === null) return undefined
    return (await listSectionsWithCounts(db)).find((s) => s.id === id)
  }

  async function sectionPage(c: Context, values?: SectionValues, errors: Errors = {}, status: 200 | 409 | 422 = 200, alert?: string) {
    const section = await sectionItem(idParam(c))
    if (!section) return notFound(c)
    const view = await adminView(c, deps)
    const v = values ?? { name: section.name, slug: section.slug, description: section.description, position: String(section.position) }
    return sendHtml(c, <SectionPage view={view} section={section} values={v} errors={errors} alert={alert ?? noticeOf(c, view.m)} />, status)
  }

  app.get('/admin/dzialy/:id{[0-9]+}', editors, (c) => sectionPage(c))

  app.post('/admin/dzialy/:id{[0-9]+}', editors, async (c) => {
    const id = idParam(c)!
    const before = await getSection(db, id)
    if (!before) return notFound(c)
    const v = sectionValues((await c.req.parseBody()) as Body)
    const { errors, input } = await checkSection(v, id)
    if (Object.keys(errors).length) return sectionPage(c, v, errors, 422)
    let fields
    try {
      fields = await taxonomy.updateSection(id, input)
    } catch (err) {
      if (err instanceof TaxonomyError && err.code === 'SlugTaken') return sectionPage(c, v, { slug: 'error.slugTaken' }, 422)
      throw err
    }
    if (fields.includes('slug')) await followInMenus(`/${before.slug}`, `/${input.slug}`)
    if (fields.length) await audit(deps, c, 'section.updated', `section:${id}`, { fields, name: input.name, slug: input.slug, ...(fields.includes('slug') ? { from: before.slug } : {}) })
    return c.redirect(`/admin/dzialy/${id}?ok=saved`, 303)
  })

  app.post('/admin/dzialy/:id{[0-9]+}/usun', editors, async (c) => {
    const id = idParam(c)!
    const before = await getSection(db, id)
    if (!before) return notFound(c)
    // A menu entry would lead to a missing page: the editor takes it out of the menu first.
    const site = await loadSiteSettings(db)
    if ([...site.menu, ...site.footerMenu].some((item) => item.href === `/${before.slug}`)) {
      return sectionPage(c, undefined, {}, 409, (await adminView(c, deps)).m['error.sectionInMenu'])
    }
    try {
      await taxonomy.deleteSection(id)
    } catch (err) {
      if (err instanceof TaxonomyError && err.code === 'NotEmpty') return sectionPage(c, undefined, {}, 409, (await adminView(c, deps)).m['error.sectionNotEmpty'])
      throw err
    }
    await audit(deps, c, 'section.deleted', `section:${id}`, { name: before.name, slug: before.slug })
    return c.redirect('/admin/dzialy?ok=sectionDeleted', 303)
  })

  async function tagItem(id: number | null) {
    if (id === null) return undefined
    const tag = await getTag(db, id)
    if (!tag) return undefined
    const n = await db.selectFrom('article_tags').select((eb) => eb.fn.countAll<number>().as('n')).where('tag_id', '=', id).executeTakeFirstOrThrow()
    return { ...tag, stories: Number(n.n) }
  }

  async function tagPage(c: Context, values?: TagValues, errors: Errors = {}, merge: { into: string; errors?: Errors } = { into: '' }, status: 200 | 422 = 200, deleteError?: Errors) {
    const tag = await tagItem(idParam(c))
    if (!tag) return notFound(c)
    const view = await adminView(c, deps)
    const names = await db.selectFrom('tags').select('name').where('id', '!=', tag.id).orderBy('name').limit(2000).execute()
    return sendHtml(
      c,
      <TagPage view={view} tag={tag} values={values ?? { name: tag.name, slug: tag.slug }} errors={errors} mergeInto={merge.into} mergeError={merge.errors} deleteError={deleteError} tagNames={names.map((n) => n.name)} />,
      status,
    )
  }

  app.get('/admin/dzialy/tagi/:id{[0-9]+}', editors, (c) => tagPage(c))

  app.post('/admin/dzialy/tagi/:id{[0-9]+}', editors, async (c) => {
    const id = idParam(c)!
    const before = await getTag(db, id)
    if (!before) return notFound(c)
    const body = (await c.req.parseBody()) as Body
    const v: TagValues = { name: field(body, 'name').trim().replace(/\s+/g, ' ').slice(0, 500), slug: field(body, 'slug').trim().slice(0, 200) }
    const errors: Errors = {}
    if (!v.name) errors['name'] = 'error.nameMissing'
    else if (v.name.length > 80) errors['name'] = 'error.tagNameTooLong'
    const slug = v.slug || slugify(v.name)
    const shape = slugShape(slug)
    if (shape) errors['slug'] = shape
    if (Object.keys(errors).length) return tagPage(c, v, errors, undefined, 422)
    let fields
    try {
      fields = await taxonomy.updateTag(id, { name: v.name, slug })
    } catch (err) {
      if (err instanceof TaxonomyError && err.code === 'SlugTaken') return tagPage(c, v, { slug: 'error.slugTakenTag' }, undefined, 422)
      throw err
    }
    if (fields.length) await audit(deps, c, 'tag.updated', `tag:${id}`, { fields, name: v.name, slug, ...(fields.includes('slug') ? { from: before.slug } : {}) })
    return c.redirect(`/admin/dzialy/tagi/${id}?ok=saved`, 303)
  })

  app.post('/admin/dzialy/tagi/:id{[0-9]+}/scal', editors, async (c) => {
    const id = idParam(c)!
    const before = await getTag(db, id)
    if (!before) return notFound(c)
    const into = field((await c.req.parseBody()) as Body, 'into').trim().slice(0, 200)
    const target = into ? await db.selectFrom('tags').selectAll().where((eb) => eb.or([eb('slug', '=', slugify(into)), eb('slug', '=', into), eb('name', '=', into)])).executeTakeFirst() : undefined
    const mergeErr: MessageKey | null = !into ? 'error.mergeTargetRequired' : !target ? 'error.mergeTargetUnknown' : target.id === id ? 'error.mergeSame' : null
    if (mergeErr || !target) return tagPage(c, undefined, {}, { into, errors: { into: mergeErr! } }, 422)
    const moved = await taxonomy.mergeTag(id, target.id)
    await audit(deps, c, 'tag.merged', `tag:${id}`, { name: before.name, slug: before.slug, into: target.id, intoName: target.name, stories: moved })
    return c.redirect(`/admin/dzialy/tagi/${target.id}?ok=tagMerged`, 303)
  })

  app.post('/admin/dzialy/tagi/:id{[0-9]+}/usun', editors, async (c) => {
    const id = idParam(c)!
    const before = await getTag(db, id)
    if (!before) return notFound(c)
    // It disappears from every story: the editor ticks that they mean it.
    if (field((await c.req.parseBody()) as Body, 'confirm') !== '1') return tagPage(c, undefined, {}, undefined, 422, { confirm: 'error.confirmDelete' })
    const stories = await taxonomy.deleteTag(id)
    await audit(deps, c, 'tag.deleted', `tag:${id}`, { name: before.name, slug: before.slug, stories })
    return c.redirect('/admin/dzialy?ok=tagDeleted#tagi', 303)
  })

  // ── authors ───────────────────────────────────────────────────────────────

  async function authorsPage(c: Context, create: { values: AuthorValues; errors: Errors } = { values: EMPTY_AUTHOR, errors: {} }, status: 200 | 422 = 200) {
    const view = await adminView(c, deps)
    return sendHtml(c, <AuthorsPage view={view} authors={await listAuthorsWithCounts(db)} create={create} notice={noticeOf(c, view.m)} />, status)
  }

  function authorValues(body: Body): AuthorValues {
    return { name: field(body, 'name').slice(0, 500), slug: field(body, 'slug').trim().slice(0, 200), bio: field(body, 'bio').slice(0, 5000), photo: field(body, 'photo').trim().slice(0, 20) }
  }

  async function checkAuthor(v: AuthorValues, ownId: number | null): Promise<{ errors: Errors; input: AuthorInput }> {
    const errors: Errors = {}
    const name = v.name.trim()
    if (!name) errors['name'] = 'error.nameRequired'
    else if (name.length > 200) errors['name'] = 'error.nameTooLong'
    const slug = v.slug || slugify(name)
    const shape = slugShape(slug)
    if (shape) errors['slug'] = shape
    else {
      const [row, moved] = await Promise.all([
        db.selectFrom('authors').select('id').where('slug', '=', slug).executeTakeFirst(),
        db.selectFrom('taxonomy_redirects').select('target_id').where('kind', '=', 'author').where('old_slug', '=', slug).executeTakeFirst(),
      ])
      if ((row && row.id !== ownId) || (moved && moved.target_id !== ownId)) errors['slug'] = 'error.slugTakenAuthor'
    }
    if (v.bio.trim().length > 2000) errors['bio'] = 'error.bioTooLong'
    let photoMediaId: number | null = null
    if (v.photo) {
      if (!/^[1-9]\d{0,9}$/.test(v.photo)) errors['photo'] = 'error.photoInvalid'
      else if (!(await db.selectFrom('media').select('id').where('id', '=', Number(v.photo)).executeTakeFirst())) errors['photo'] = 'error.photoUnknown'
      else photoMediaId = Number(v.photo)
    }
    return { errors, input: { name, slug, bio: v.bio.trim(), photoMediaId } }
  }

  app.get('/admin/autorzy', editors, (c) => authorsPage(c))

  app.post('/admin/autorzy', editors, async (c) => {
    const v = authorValues((await c.req.parseBody()) as Body)
    const { errors, input } = await checkAuthor(v, null)
    if (Object.keys(errors).length) return authorsPage(c, { values: v, errors }, 422)
    let id: number
    try {
      id = await taxonomy.createAuthor(input)
    } catch (err) {
      if (err instanceof TaxonomyError && err.code === 'SlugTaken') return authorsPage(c, { values: v, errors: { slug: 'error.slugTakenAuthor' } }, 422)
      throw err
    }
    await audit(deps, c, 'author.created', `author:${id}`, { name: input.name, slug: input.slug })
    return c.redirect(`/admin/autorzy/${id}?ok=authorCreated`, 303)
  })

  async function authorPage(c: Context, values?: AuthorValues, errors: Errors = {}, status: 200 | 409 | 422 = 200) {
    const id = idParam(c)
    const author = id === null ? undefined : (await listAuthorsWithCounts(db)).find((a) => a.id === id)
    if (!author) return notFound(c)
    const view = await adminView(c, deps)
    const photoId = values ? (/^[1-9]\d{0,9}$/.test(values.photo) ? Number(values.photo) : null) : author.photo_media_id
    const photo = photoId ? await db.selectFrom('media').selectAll().where('id', '=', photoId).executeTakeFirst() : undefined
    const v = values ?? { name: author.name, slug: author.slug, bio: author.bio, photo: author.photo_media_id ? String(author.photo_media_id) : '' }
    return sendHtml(c, <AuthorPage view={view} author={author} values={v} errors={errors} photoUrl={photo ? thumbnailUrl(photo, mediaUrl, 160) : null} />, status)
  }

  app.get('/admin/autorzy/:id{[0-9]+}', editors, (c) => authorPage(c))

  app.post('/admin/autorzy/:id{[0-9]+}', editors, async (c) => {
    const id = idParam(c)!
    const before = await getAuthor(db, id)
    if (!before) return notFound(c)
    const v = authorValues((await c.req.parseBody()) as Body)
    const { errors, input } = await checkAuthor(v, id)
    if (Object.keys(errors).length) return authorPage(c, v, errors, 422)
    let fields
    try {
      fields = await taxonomy.updateAuthor(id, input)
    } catch (err) {
      if (err instanceof TaxonomyError && err.code === 'SlugTaken') return authorPage(c, v, { slug: 'error.slugTakenAuthor' }, 422)
      throw err
    }
    if (fields.length) await audit(deps, c, 'author.updated', `author:${id}`, { fields, name: input.name, slug: input.slug, ...(fields.includes('slug') ? { from: before.slug } : {}) })
    return c.redirect(`/admin/autorzy/${id}?ok=saved`, 303)
  })

  app.post('/admin/autorzy/:id{[0-9]+}/usun', editors, async (c) => {
    const id = idParam(c)!
    const before = await getAuthor(db, id)
    if (!before) return notFound(c)
    try {
      await taxonomy.deleteAuthor(id)
    } catch (err) {
      if (err instanceof TaxonomyError && err.code === 'NotEmpty') return authorPage(c, undefined, {}, 409)
      throw err
    }
    await audit(deps, c, 'author.deleted', `author:${id}`, { name: before.name, slug: before.slug })
    return c.redirect('/admin/autorzy?ok=authorDeleted', 303)
  })

  // ── contact inbox ─────────────────────────────────────────────────────────

  app.get('/admin/wiadomosci', editors, async (c) => {
    const view = await adminView(c, deps)
    const rawPage = c.req.query('strona') ?? '1'
    const unhandledOnly = c.req.query('nowe') === '1'
    const page = /^[1-9]\d{0,5}$/.test(rawPage) ? Number(rawPage) : 1
    const inbox = await listInbox(db, { unhandled: unhandledOnly, page, pageSize: INBOX_PAGE })
    return sendHtml(c, <InboxPage view={view} {...inbox} unhandledOnly={unhandledOnly} notice={noticeOf(c, view.m)} />)
  })

  app.get('/admin/wiadomosci/:id{[0-9]+}', editors, async (c) => {
    const id = idParam(c)
    const msg = id === null ? undefined : await getMessage(db, id)
    if (!msg) return notFound(c)
    return sendHtml(c, <MessagePage view={await adminView(c, deps)} msg={msg} />)
  })

  app.post('/admin/wiadomosci/:id{[0-9]+}/zalatwione', editors, async (c) => {
    const id = idParam(c)!
    const handled = field((await c.req.parseBody()) as Body, 'handled') !== '0'
    if (!(await setHandled(db, id, handled ? deps.now().toISOString() : null))) return notFound(c)
    await audit(deps, c, handled ? 'contact.handled' : 'contact.reopened', `contact:${id}`)
    return c.redirect(`/admin/wiadomosci?ok=${handled ? 'messageHandled' : 'messageReopened'}`, 303)
  })

  app.post('/admin/wiadomosci/:id{[0-9]+}/usun', editors, async (c) => {
    const id = idParam(c)!
    const msg = await getMessage(db, id)
    if (!msg || !(await deleteMessage(db, id))) return notFound(c)
    // The message itself is personal data: the log keeps who deleted what, not its text.
    await audit(deps, c, 'contact.deleted', `contact:${id}`, { from: msg.email, sentAt: msg.created_at })
    return c.redirect('/admin/wiadomosci?ok=messageDeleted', 303)
  })

  // ── site settings (administrators) ────────────────────────────────────────

  const OTHER_EDITIONS = EDITION_CODES.filter((code): code is OtherEdition => code !== DEFAULT_EDITION)

  async function settingsPage(c: Context, values?: SettingsValues, errors: Errors = {}, status: 200 | 422 = 200, editionValues?: EditionValues) {
    const view = await adminView(c, deps)
    const [site, stored, { editions }] = await Promise.all([loadSiteSettings(db), loadEditionSettings(db), deps.siteData.get()])
    const v = values ?? { name: site.name, description: site.description, language: site.language, timeZone: site.timeZone, publisher: site.publisher }
    const e: EditionValues = editionValues ?? {
      available: OTHER_EDITIONS,
      enabled: editions.enabled,
      name: Object.fromEntries(OTHER_EDITIONS.map((code) => [code, stored[code]?.name ?? ''])),
      description: Object.fromEntries(OTHER_EDITIONS.map((code) => [code, stored[code]?.description ?? ''])),
      errors: {},
    }
    return sendHtml(c, <SettingsPage view={view} values={v} errors={errors} notice={noticeOf(c, view.m)} editions={e} />, status)
  }

  app.get('/admin/ustawienia', admins, (c) => settingsPage(c))

  app.post('/admin/ustawienia', admins, async (c) => {
    const body = (await c.req.parseBody()) as Body
    const v: SettingsValues = {
      name: field(body, 'name').slice(0, 500),
      description: field(body, 'description').slice(0, 2000),
      language: field(body, 'language').slice(0, 10),
      timeZone: field(body, 'timeZone').trim().slice(0, 100),
      publisher: field(body, 'publisher').slice(0, 1000),
    }
    const errors: Errors = {}
    if (!v.name.trim()) errors['name'] = 'error.siteNameRequired'
    else if (v.name.trim().length > 100) errors['name'] = 'error.siteNameTooLong'
    if (v.description.trim().length > 300) errors['description'] = 'error.siteDescriptionTooLong'
    if (!(SITE_LANGUAGES as readonly string[]).includes(v.language)) errors['language'] = 'error.languageInvalid'
    if (!validTimeZone(v.timeZone)) errors['timeZone'] = 'error.timeZoneInvalid'
    if (v.publisher.trim().length > 200) errors['publisher'] = 'error.publisherTooLong'
    if (Object.keys(errors).length) return settingsPage(c, v, errors, 422)
    const patch: Partial<SiteSettings> = { name: v.name.trim(), description: v.description.trim(), language: v.language, timeZone: v.timeZone, publisher: v.publisher.trim() }
    const before = await loadSiteSettings(db)
    await db.transaction().execute(async (trx) => saveSiteSettings(trx, { ...(await loadSiteSettings(trx)), ...patch }))
    await deps.invalidate([CacheKeys.site])
    const changed = (Object.keys(patch) as Array<keyof typeof patch>).filter((k) => before[k] !== patch[k])
    await audit(deps, c, 'settings.updated', 'settings:site', Object.fromEntries(changed.map((k) => [k, { from: before[k], to: patch[k] }])))
    return c.redirect('/admin/ustawienia?ok=settingsSaved', 303)
  })

  /** Language editions (the `editions` settings key): which are on, each one's name and description. */
  app.post('/admin/ustawienia/wydania', admins, async (c) => {
    const body = (await c.req.parseBody()) as Body
    const e: EditionValues = { available: OTHER_EDITIONS, enabled: [DEFAULT_EDITION], name: {}, description: {}, errors: {} }
    for (const code of OTHER_EDITIONS) {
      if (field(body, `enabled.${code}`) === '1') e.enabled = [...e.enabled, code]
      e.name[code] = field(body, `name.${code}`).trim().slice(0, 500)
      e.description[code] = field(body, `description.${code}`).trim().slice(0, 2000)
      if (e.name[code]!.length > 100) e.errors[`name.${code}`] = 'error.siteNameTooLong'
      if (e.description[code]!.length > 300) e.errors[`description.${code}`] = 'error.siteDescriptionTooLong'
    }
    if (Object.keys(e.errors).length) return settingsPage(c, undefined, {}, 422, e)
    const before = await loadEditionSettings(db)
    await db.transaction().execute(async (trx) => {
      const current = await loadEditionSettings(trx)
      const next: EditionSettings = { ...current, enabled: e.enabled as EditionCode[] }
      for (const code of OTHER_EDITIONS) {
        const { name: _n, description: _d, ...rest } = current[code] ?? {}
        next[code] = { ...rest, ...(e.name[code] ? { name: e.name[code] } : {}), ...(e.description[code] ? { description: e.description[code] } : {}) }
      }
      return saveEditionSettings(trx, next)
    })
    await deps.invalidate([CacheKeys.site])
    await audit(deps, c, 'editions.updated', 'settings:editions', { from: before.enabled ?? null, enabled: e.enabled })
    return c.redirect('/admin/ustawienia?ok=editionsSaved#wydania', 303)
  })
}

/** A menu address: a site path (`/o-nas`) or an absolute http(s) URL. */
export function validMenuUrl(href: string): boolean {
  if (href.length > 500 || /\s/.test(href)) return false
  if (/^\/(?!\/)/.test(href)) return true
  if (!/^https?:\/\//i.test(href)) return false
  try {
    return Boolean(new URL(href).hostname)
  } catch {
    return false
  }
}

function validTimeZone(tz: string): boolean {
  if (!tz || tz.length > 64) return false
  try {
    new Intl.DateTimeFormat('pl', { timeZone: tz })
    return true
  } catch {
    return false
  }
}
