/**
 * The story API and pages per role, on SQLite and PostgreSQL: who may create, read, save,
 * act; Polish problem details (400/401/403/404/409/422); CSRF; revisions, diff, restore,
 * preview; the concurrency rule (two sessions, one story, no lost edit); saving without
 * JavaScript.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createStaff, createUser, loginAs, type TestUser } from '../../../test/accounts.js'
import { basicSite, paragraphs, publishArticle } from '../../../test/fixtures.js'
import type { HttpSession } from '../../../test/http-session.js'
import { createTestApp, DIALECTS, type TestApp } from '../../../test/support.js'
import type { Role } from '../../accounts/roles.js'
import type { ConflictDetail, StoryState } from '../../newsroom/newsroom.service.js'

const story = (headline: string, text = 'Pierwszy akapit.', extra: Record<string, unknown> = {}) => ({ headline, sectionSlug: 'kraj', body: paragraphs(text), ...extra })
/** As the editor sends it: blocks keep their ids from version to version. */
const withIds = (s: ReturnType<typeof story>) => ({ ...s, body: { ...s.body, content: s.body.content.map((b, i) => ({ ...b, attrs: { id: `p${i + 1}` } })) } })

interface Payload {
  story: StoryState
  actions: Array<{ action: string; label: string }>
}

interface ProblemBody {
  type: string
  title: string
  status: number
  detail: string
  errors?: Array<{ field: string; message: string }>
  conflict?: ConflictDetail
  allowed?: string[]
}

async function api(s: HttpSession, method: string, path: string, body?: unknown, options: { csrf?: boolean } = {}) {
  if (!s.csrf && options.csrf !== false) await s.get('/api/admin/me')
  const headers: Record<string, string> = { accept: 'application/json' }
  if (body !== undefined) headers['content-type'] = 'application/json'
  if (options.csrf !== false && s.csrf) headers['x-csrf-token'] = s.csrf
  const res = await s.request(path, { method, headers, ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}) })
  const type = res.headers.get('content-type') ?? ''
  const json = type.includes('json') ? ((await res.json()) as unknown) : null
  return { status: res.status, type, json }
}

function asProblem(r: { type: string; json: unknown }): ProblemBody {
  expect(r.type).toMatch(/^application\/problem\+json/)
  return r.json as ProblemBody
}

describe.each(DIALECTS)('%s: story API', (dialect) => {
  let t: TestApp
  let staff: Record<Role, TestUser>
  let other: TestUser
  const sessions = {} as Record<Role | 'other', HttpSession>

  beforeAll(async () => {
    t = await createTestApp(dialect)
    await basicSite(t.testDb.db)
    staff = await createStaff(t.testDb.db)
    other = await createUser(t.testDb.db, 'author', { name: 'Olga Inna' })
    for (const role of Object.keys(staff) as Role[]) sessions[role] = await loginAs(t, staff[role])
    sessions.other = await loginAs(t, other)
  })
  afterAll(() => t.close())

  const create = async (who: Role | 'other', input: Record<string, unknown> = story('Tekst testowy')) => {
    const r = await api(sessions[who], 'POST', '/api/admin/stories', { story: input })
    expect(r.status, JSON.stringify(r.json)).toBe(201)
    return r.json as Payload
  }

  it('answers 401 problems to anonymous requests and 403 to requests without the CSRF token', async () => {
    const anon = await t.app.request('/api/admin/stories/1')
    expect(anon.status).toBe(401)
    expect(anon.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    const created = await create('author')
    const noToken = await api(sessions.author, 'PUT', `/api/admin/stories/${created.story.articleId}`, { version: 1, story: story('x') }, { csrf: false })
    expect(noToken.status).toBe(403)
    expect(asProblem(noToken).title).toBe('Odmowa dostępu')
  })

  it('every role may start a story; each gets the buttons the workflow table gives it', async () => {
    for (const role of Object.keys(staff) as Role[]) {
      const p = await create(role, story(`Tekst roli ${role}`))
      expect(p.story.state).toBe('draft')
      expect(p.story.snapshot.slug).toBe(`tekst-roli-${role}`)
      const mine = p.actions.map((a) => a.action).sort()
      if (role === 'administrator' || role === 'editor') expect(mine).toEqual(['publish', 'save', 'schedule', 'submit'])
      else expect(mine).toEqual(['save', 'submit'])
      expect(p.actions.find((a) => a.action === 'submit')?.label).toBe('Wyślij do akceptacji')
    }
  })

  it("who may save someone else's draft: editors and administrators, not other writers", async () => {
    const { story: s } = await create('author', story('Cudzy szkic'))
    const expected: Record<Role | 'other', number> = { administrator: 200, editor: 200, author: 200, contributor: 403, translator: 403, other: 403 }
    let version = s.version
    for (const who of Object.keys(expected) as Array<Role | 'other'>) {
      const read = await api(sessions[who], 'GET', `/api/admin/stories/${s.articleId}`)
      expect(read.status, `${who} reads`).toBe(200)
      const r = await api(sessions[who], 'PUT', `/api/admin/stories/${s.articleId}`, { version, story: story('Cudzy szkic', `Zmiana: ${who}.`) })
      expect(r.status, `${who} saves`).toBe(expected[who])
      if (r.status === 200) version = (r.json as Payload).story.version
      else {
        const p = asProblem(r)
        expect(p.title).toBe('Brak uprawnień')
        expect(p.detail).toMatch(/Nie możesz edytować/)
      }
    }
  })

  it('takes a story through the workflow: submit (author), refusals, publish (editor), correction; the site shows it', async () => {
    const { story: s } = await create('author', story('Droga przez mękę', 'Treść drogi.'))
    const id = s.articleId
    // The author cannot publish their own draft (another action is possible: 409), a contributor may do nothing with it (403).
    const early = await api(sessions.author, 'POST', `/api/admin/stories/${id}/actions`, { action: 'publish' })
    expect(early.status).toBe(409)
    expect(asProblem(early).allowed).toEqual(['save', 'submit'])
    expect((await api(sessions.contributor, 'POST', `/api/admin/stories/${id}/actions`, { action: 'submit' })).status).toBe(403)
    const submitted = await api(sessions.author, 'POST', `/api/admin/stories/${id}/actions`, { action: 'submit', version: s.version })
    expect(submitted.status).toBe(200)
    expect((submitted.json as Payload).story.state).toBe('in_review')
    expect((submitted.json as Payload).actions).toEqual([])
    // In review the author may no longer save.
    expect((await api(sessions.author, 'PUT', `/api/admin/stories/${id}`, { version: 2, story: story('Po wysłaniu') })).status).toBe(403)
    // An editor who looked at an older version is told, not allowed to publish unseen changes.
    const stale = await api(sessions.editor, 'POST', `/api/admin/stories/${id}/actions`, { action: 'publish', version: 1 })
    expect(stale.status).toBe(409)
    expect(asProblem(stale).title).toBe(`Zmieniono w międzyczasie przez ${staff.author.name}`)
    const published = await api(sessions.editor, 'POST', `/api/admin/stories/${id}/actions`, { action: 'publish', version: 2 })
    expect(published.status).toBe(200)
    expect((published.json as Payload).story.publication).toBe('published')
    const page = await t.app.request(`/kraj/${s.snapshot.slug}`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('Treść drogi.')
    // Scheduling needs a future date; a correction needs text.
    const noText = await api(sessions.editor, 'POST', `/api/admin/stories/${id}/actions`, { action: 'correct', correction: { kind: 'correction', text: ' ' } })
    expect(noText.status).toBe(422)
    expect(asProblem(noText).detail).toBe('Wpisz treść sprostowania')
    const corrected = await api(sessions.editor, 'POST', `/api/admin/stories/${id}/actions`, { action: 'correct', correction: { kind: 'correction', text: 'Poprawiliśmy nazwę ulicy.' } })
    expect(corrected.status).toBe(200)
    expect(await (await t.app.request(`/kraj/${s.snapshot.slug}`)).text()).toContain('Poprawiliśmy nazwę ulicy.')
    // Unpublishing: the site answers 410.
    expect((await api(sessions.editor, 'POST', `/api/admin/stories/${id}/actions`, { action: 'unpublish' })).status).toBe(200)
    expect((await t.app.request(`/kraj/${s.snapshot.slug}`)).status).toBe(410)
  })

  it('schedules for a future time only', async () => {
    const { story: s } = await create('editor', story('Na jutro'))
    const past = await api(sessions.editor, 'POST', `/api/admin/stories/${s.articleId}/actions`, { action: 'schedule', publishAt: '2001-01-01T10:00:00Z' })
    expect(past.status).toBe(422)
    expect(asProblem(past).detail).toBe('Podaj przyszłą datę publikacji')
    const at = new Date(Date.now() + 3_600_000).toISOString()
    const ok = await api(sessions.editor, 'POST', `/api/admin/stories/${s.articleId}/actions`, { action: 'schedule', publishAt: at })
    expect(ok.status).toBe(200)
    expect((ok.json as Payload).story).toMatchObject({ state: 'scheduled', publication: 'scheduled' })
  })

  it('validates in Polish: 400 for a malformed request, 422 with fields for bad content, 404 for unknown stories', async () => {
    const { story: s } = await create('author', story('Walidacja'))
    const path = `/api/admin/stories/${s.articleId}`
    const badJson = await api(sessions.author, 'PUT', path, '{nie json')
    expect(badJson.status).toBe(400)
    expect(asProblem(badJson).title).toBe('Nieprawidłowe żądanie')
    const noVersion = await api(sessions.author, 'PUT', path, { story: story('x') })
    expect(noVersion.status).toBe(400)
    expect(asProblem(noVersion).detail).toMatch(/version/)
    const empty = await api(sessions.author, 'PUT', path, { version: s.version, story: story('  ') })
    expect(empty.status).toBe(422)
    expect(asProblem(empty).errors).toEqual([{ field: 'headline', message: 'Tytuł: Wpisz tytuł.' }])
    const badLink = await api(sessions.author, 'PUT', path, {
      version: s.version,
      story: { ...story('Link'), body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] }] }] } },
    })
    expect(badLink.status).toBe(422)
    expect(asProblem(badLink).errors?.[0]?.field).toBe('body')
    expect(asProblem(badLink).errors?.[0]?.message).toMatch(/^Treść: .*link musi zaczynać się od https:\/\//)
    const unknownSection = await api(sessions.author, 'PUT', path, { version: s.version, story: story('Dział', 'x', { sectionSlug: 'nie-ma' }) })
    expect(unknownSection.status).toBe(422)
    expect(asProblem(unknownSection).errors).toEqual([{ field: 'sectionSlug', message: 'Dział: nie ma takiego działu.' }])
    const { story: first } = await create('author', story('Zajęty adres'))
    const taken = await api(sessions.author, 'PUT', path, { version: s.version, story: story('Walidacja', 'x', { slug: first.snapshot.slug }) })
    expect(taken.status).toBe(422)
    expect(asProblem(taken).errors?.[0]).toEqual({ field: 'slug', message: 'Adres (slug): ten adres jest już zajęty przez inny artykuł.' })
    const missing = await api(sessions.author, 'GET', '/api/admin/stories/987654')
    expect(missing.status).toBe(404)
    expect(asProblem(missing).title).toBe('Nie znaleziono')
    expect((await api(sessions.author, 'POST', '/api/admin/stories/987654/actions', { action: 'submit' })).status).toBe(404)
    expect((await api(sessions.author, 'POST', `${path}/actions`, { action: 'fly' })).status).toBe(400)
  })

  it('two sessions, one story: the second save gets a 409 with both versions, nothing typed is lost', async () => {
    const { story: s } = await create('author', withIds(story('Wspólny tekst', 'Wersja wyjściowa.')))
    const path = `/api/admin/stories/${s.articleId}`
    // Both open version 1.
    const [a, b] = await Promise.all([api(sessions.author, 'GET', path), api(sessions.editor, 'GET', path)])
    const base = (a.json as Payload).story.version
    expect((b.json as Payload).story.version).toBe(base)
    const first = await api(sessions.author, 'PUT', path, { version: base, reason: 'autosave', story: withIds(story('Wspólny tekst', 'Zdanie autorki.')) })
    expect(first.status).toBe(200)
    const second = await api(sessions.editor, 'PUT', path, { version: base, story: withIds(story('Wspólny tekst', 'Zdanie redaktora.')) })
    expect(second.status).toBe(409)
    const problem = asProblem(second)
    expect(problem.title).toBe(`Zmieniono w międzyczasie przez ${staff.author.name}`)
    expect(problem.detail).toMatch(/Twoja wersja została zachowana w historii zmian/)
    const conflict = problem.conflict!
    expect(conflict.currentVersion).toBe(base + 1)
    expect(JSON.stringify(conflict.current.body)).toContain('Zdanie autorki.')
    // The rejected copy is a revision: the editor's sentence is kept.
    const kept = await api(sessions.editor, 'GET', `${path}/revisions/${conflict.keptAsRevision}`)
    expect(JSON.stringify((kept.json as { snapshot: unknown }).snapshot)).toContain('Zdanie redaktora.')
    // The diff between the two versions names the words.
    const diff = await api(sessions.editor, 'GET', `${path}/diff?from=${conflict.keptAsRevision}&to=current`)
    const words = (diff.json as { blocks: Array<{ kind: string; status: string; words: Array<{ op: string; text: string }> }> }).blocks.filter((x) => x.kind === 'block' && x.status === 'changed')
    expect(words[0]!.words).toEqual([
      { op: 'same', text: 'Zdanie ' },
      { op: 'removed', text: 'redaktora.' },
      { op: 'added', text: 'autorki.' },
    ])
    // The editor merges both and saves on top of the current version.
    const merged = await api(sessions.editor, 'PUT', path, { version: conflict.currentVersion, story: withIds(story('Wspólny tekst', 'Zdanie autorki. Zdanie redaktora.')) })
    expect(merged.status).toBe(200)
    const revisions = (await api(sessions.author, 'GET', `${path}/revisions`)).json as { revisions: Array<{ reason: string; userName: string }> }
    expect(revisions.revisions.map((r) => r.reason)).toEqual(['save', 'conflict', 'autosave', 'create'])
    expect(revisions.revisions[1]!.userName).toBe(staff.editor.name)
  })

  it('lists revisions, shows one, restores an old one as a new version', async () => {
    const { story: s } = await create('author', story('Historia', 'Pierwsza wersja.'))
    const path = `/api/admin/stories/${s.articleId}`
    const v2 = (await api(sessions.author, 'PUT', path, { version: 1, story: story('Historia', 'Druga wersja.') })).json as Payload
    const list = (await api(sessions.author, 'GET', `${path}/revisions`)).json as { revisions: Array<{ id: number; version: number; reason: string; reasonLabel: string }> }
    expect(list.revisions.map((r) => [r.version, r.reason, r.reasonLabel])).toEqual([
      [2, 'save', 'zapis'],
      [1, 'create', 'utworzenie'],
    ])
    const firstId = list.revisions[1]!.id
    const restored = await api(sessions.author, 'POST', `${path}/revisions/${firstId}/restore`, { version: v2.story.version })
    expect(restored.status).toBe(200)
    expect(JSON.stringify((restored.json as Payload).story.snapshot.body)).toContain('Pierwsza wersja.')
    expect((restored.json as Payload).story.version).toBe(3)
    const stale = await api(sessions.author, 'POST', `${path}/revisions/${firstId}/restore`, { version: 2 })
    expect(stale.status).toBe(409)
    expect((await api(sessions.other, 'POST', `${path}/revisions/${firstId}/restore`, { version: 3 })).status).toBe(403)
    expect((await api(sessions.author, 'GET', `${path}/revisions/999999`)).status).toBe(404)
    expect((await api(sessions.author, 'GET', `${path}/diff?from=abc`)).status).toBe(400)
  })

  it("previews the body with the site's renderer (Polish typography, escaped, checked links)", async () => {
    const r = await api(sessions.contributor, 'POST', '/api/admin/stories/preview', {
      headline: 'Tytuł <b>',
      body: {
        type: 'doc',
        content: [
          { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'W Łodzi' }] },
          { type: 'quote', attrs: { attribution: 'rzecznik' }, content: [{ type: 'text', text: 'To "dobry" dzień' }] },
        ],
      },
    })
    expect(r.status).toBe(200)
    const html = (r.json as { html: string }).html
    expect(html).toContain('<h1>Tytuł &lt;b&gt;</h1>')
    expect(html).toContain('<h2>W\u00a0Łodzi</h2>')
    expect(html).toContain('<blockquote><p>To „dobry” dzień</p><footer>— rzecznik</footer></blockquote>')
  })

  it('pages: editor, new story, list and dashboard for every role; saving the fields without JavaScript', async () => {
    const { story: s } = await create('author', story('Strona edytora'))
    for (const role of Object.keys(staff) as Role[]) {
      for (const path of ['/admin', '/admin/artykuly', '/admin/artykuly/nowy', `/admin/artykuly/${s.articleId}`, `/admin/artykuly/${s.articleId}/podglad`]) {
        const res = await sessions[role].get(path)
        expect(res.status, `${role} ${path}`).toBe(200)
      }
    }
    expect((await sessions.author.get('/admin/artykuly/999999')).status).toBe(404)
    const page = await (await sessions.author.get(`/admin/artykuly/${s.articleId}`)).text()
    expect(page).toMatch(/<script type="module" src="\/static\/editor\.[0-9a-f]{10}\.js">/)
    expect(page).toContain('Edytor treści potrzebuje JavaScriptu')
    expect(page).toContain('value="strona-edytora"')
    // Without JavaScript: the fields are saved, the body kept.
    await sessions.author.get(`/admin/artykuly/${s.articleId}`)
    const form = {
      version: String(s.version),
      headline: 'Strona edytora — nowy tytuł',
      lede: 'Lead bez JS.',
      slug: 'strona-edytora',
      sectionSlug: 'kraj',
      tags: 'drogi, Łódź, drogi',
      authorSlugs: 'laura-kowalczyk',
      _action: 'save',
    }
    const saved = await sessions.author.submit(`/admin/artykuly/${s.articleId}`, form)
    expect(saved.status).toBe(303)
    const after = await t.deps.newsroom.get(s.articleId)
    expect(after.snapshot).toMatchObject({ headline: 'Strona edytora — nowy tytuł', lede: 'Lead bez JS.', tags: ['drogi', 'Łódź'], authorSlugs: ['laura-kowalczyk'] })
    expect(after.snapshot.body).toEqual(s.snapshot.body)
    // Errors: the input is kept, the errors explained.
    const bad = await sessions.author.submit(`/admin/artykuly/${s.articleId}`, { ...form, version: String(after.version), headline: '', lede: 'Zachowany lead' })
    expect(bad.status).toBe(422)
    const html = await bad.text()
    expect(html).toContain('Tytuł: Wpisz tytuł.')
    expect(html).toContain('Zachowany lead')
    // A stale form: the conflict is explained, what was typed stays in the form.
    const stale = await sessions.author.submit(`/admin/artykuly/${s.articleId}`, { ...form, version: '1', lede: 'Spóźniony lead' })
    expect(stale.status).toBe(409)
    const staleHtml = await stale.text()
    expect(staleHtml).toContain(`Zmieniono w międzyczasie przez ${staff.author.name}`)
    expect(staleHtml).toContain('Spóźniony lead')
    // New story without JavaScript, then submit.
    const created = await sessions.author.submit('/admin/artykuly/nowy', { headline: 'Bez skryptów', sectionSlug: 'kraj', _action: 'save' })
    expect(created.status).toBe(303)
    const location = created.headers.get('location')!
    expect(location).toMatch(/^\/admin\/artykuly\/\d+\?zapisano$/)
    const newId = Number(/(\d+)/.exec(location)![1])
    const sub = await sessions.author.submit(`/admin/artykuly/${newId}`, { version: '1', headline: 'Bez skryptów', sectionSlug: 'kraj', _action: 'submit' })
    expect(sub.status).toBe(303)
    expect((await t.deps.newsroom.get(newId)).state).toBe('in_review')
    // The dashboard lists it for editors under "Do akceptacji".
    const dash = await (await sessions.editor.get('/admin')).text()
    expect(dash).toMatch(/Do akceptacji[\s\S]*Bez skryptów/)
    const list = await (await sessions.editor.get('/admin/artykuly?stan=in_review&q=skryptow')).text()
    expect(list).toContain('Bez skryptów')
    expect(list).not.toContain('Strona edytora')
  })

  it('imported stories (no working copy yet) show in the list and open in the editor', async () => {
    const id = await publishArticle(t.deps.content, { headline: 'Z importu agencyjnego', sectionSlug: 'kraj', tags: ['import'], body: paragraphs('Treść z agencji.') })
    const list = await (await sessions.editor.get('/admin/artykuly?q=importu')).text()
    expect(list).toContain(`/admin/artykuly/${id}`)
    const copy = await t.deps.newsroom.get(id)
    expect(copy).toMatchObject({ state: 'published', publication: 'published', version: 1, updatedBy: 'import' })
    expect(copy.snapshot).toMatchObject({ headline: 'Z importu agencyjnego', sectionSlug: 'kraj', tags: ['import'] })
    expect(copy.snapshot.body.content[0]!.attrs?.id).toMatch(/^[\w-]{6,}$/)
    expect((await sessions.editor.get(`/admin/artykuly/${id}`)).status).toBe(200)
    // Saving it (editor) keeps the live version online until published again.
    const saved = await api(sessions.editor, 'PUT', `/api/admin/stories/${id}`, { version: 1, story: { ...copy.snapshot, headline: 'Z importu — poprawione' } })
    expect(saved.status).toBe(200)
    expect((saved.json as Payload).story).toMatchObject({ state: 'draft', publication: 'published' })
    const other = await publishArticle(t.deps.content, { headline: 'Otwarty wprost', body: paragraphs('x') })
    expect((await api(sessions.author, 'GET', `/api/admin/stories/${other}`)).status).toBe(200)
  })
})
