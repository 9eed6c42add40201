/**
 * The quality gate inside the newsroom, over HTTP, on SQLite and PostgreSQL: findings with
 * every story API answer and from the findings endpoint; publishing and scheduling refused
 * while there are errors (nothing lost), accepted after fixing; an editor's override with a
 * reason, in the audit log. And the seed page end to end: pasted into the wire desk, taken
 * into the newsroom, its slips found with their spans, fixed, published.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createStaff, loginAs, type TestUser } from '../../test/accounts.js'
import { basicSite } from '../../test/fixtures.js'
import type { HttpSession } from '../../test/http-session.js'
import { createTestApp, DIALECTS, type TestApp } from '../../test/support.js'
import type { Role } from '../accounts/roles.js'
import type { Block } from '../content/document.js'
import type { StoryState } from '../newsroom/newsroom.service.js'
import type { Finding } from './types.js'

interface Payload {
  story: StoryState
  findings: Finding[]
  qa: { errors: number; warnings: number }
}

async function call(s: HttpSession, method: string, path: string, body?: unknown) {
  const res = await s.json(method, path, body)
  return { status: res.status, type: res.headers.get('content-type') ?? '', json: (await res.json()) as any }
}

const para = (id: string, text: string) => ({ type: 'paragraph' as const, attrs: { id }, content: [{ type: 'text' as const, text }] })

// The seed page (seed/article-page.txt) as an editor pastes it: the caption marked "Fot.".
const HEADLINE = 'Irak i USA rozpoczynają formalne rozmowy w celu zakończenia koalicji utworzonej do walki z Państwem Islamskim'
const CAPTION = 'Iraqi Prime Minister Mohammed Shia al Sudani (R) and Major General Joel'
const LEDE = 'Obydwa narody podjęły decyzję o rozpoczęciu dialogu, ponieważ siły amerykańskie w Iraku i Syrii są celem wspieranych przez Iran bojowników od początku wojny Izrael-Hamas.'
const P1 =
  'Premier Iraku Mohammed Shia al-Sudani oświadczył w oświadczeniu, że sponsorował „rozpoczęcie pierwszej rundy dwustronnego dialogu między Irakiem a Stanami Zjednoczonymi Ameryki w celu zakończenia misji Koalicji w Iraku”.'
const P2 =
  'Ponieważ grupa ekstremistyczna utraciła kontrolę nad zajętym niegdyś terytorium, iraccy urzędnicy okresowo wzywają do wycofania sił koalicyjnych, zwłaszcza po amerykańskim nalocie w styczniu 2020 r., w wyniku którego zginęli irański generał Qassem Soleimani i przywódca irackiej milicji Abu Mahdi al -Muhandis przed lotniskiem w Bagdadzie.'
const P3 = 'Zapowiedziała kontynuowanie ataków.'
const SEED_PASTE = [HEADLINE, '', 'Autor: Laura Kowalczyk', '', `Fot. ${CAPTION}`, '', `Lead: ${LEDE}`, '', P1, '', P2, '', P3, ''].join('\n')

describe.each(DIALECTS)('%s: the quality gate in the newsroom', (dialect) => {
  let t: TestApp
  let staff: Record<Role, TestUser>
  const s = {} as Record<Role, HttpSession>

  beforeAll(async () => {
    t = await createTestApp(dialect)
    await basicSite(t.testDb.db)
    staff = await createStaff(t.testDb.db)
    for (const role of Object.keys(staff) as Role[]) s[role] = await loginAs(t, staff[role])
  })
  afterAll(() => t.close())

  const create = async (body: Block[], extra: Record<string, unknown> = {}) => {
    const r = await call(s.editor, 'POST', '/api/admin/stories', { story: { headline: 'Rozmowy w Bagdadzie', lede: 'Delegacje spotkały się w sobotę rano.', sectionSlug: 'kraj', body: { type: 'doc', content: body }, ...extra } })
    expect(r.status, JSON.stringify(r.json)).toBe(201)
    return r.json as Payload
  }

  it('returns findings on save and from the findings endpoint, with block, span and a Polish message', async () => {
    const created = await create([para('p1', 'Premier spotkał się z generałem i')])
    expect(created.findings).toEqual([expect.objectContaining({ kind: 'cut-off', severity: 'error', field: 'body', block: 'p1', text: 'i', start: 32, end: 33 })])
    expect(created.findings[0]!.message).toMatch(/ucięty/)
    expect(created.qa).toEqual({ errors: 1, warnings: 0 })
    const id = created.story.articleId
    const saved = await call(s.editor, 'PUT', `/api/admin/stories/${id}`, { version: 1, story: { ...created.story.snapshot, body: { type: 'doc', content: [para('p1', 'Premier spotkał się z generałem al -Muhandisem.')] } } })
    expect(saved.status).toBe(200)
    expect((saved.json as Payload).findings.map((f) => [f.kind, f.block, f.text])).toEqual([['hyphen-spacing', 'p1', 'al -Muhandisem']])
    const got = await call(s.author, 'GET', `/api/admin/stories/${id}/findings`)
    expect(got.status).toBe(200)
    expect(got.json).toMatchObject({ articleId: id, version: 2, errors: 0, warnings: 1 })
    // A copy not saved yet (the editor checks as you type).
    const draft = await call(s.editor, 'POST', `/api/admin/stories/${id}/findings`, { story: { ...created.story.snapshot, headline: 'Premier i' } })
    expect(draft.json.findings.map((f: Finding) => [f.kind, f.field])).toContainEqual(['cut-off', 'headline'])
    expect((await call(s.editor, 'GET', `/api/admin/stories/${id}/findings`)).json.version).toBe(2)
    // English messages for a user who reads the newsroom in English.
    await t.testDb.db.updateTable('users').set({ language: 'en' }).where('id', '=', staff.contributor.id).execute()
    const en = await call(await loginAs(t, staff.contributor), 'GET', `/api/admin/stories/${id}/findings`)
    expect(en.json.findings[0].message).toMatch(/hyphen/i)
  })

  it('finds internal links to pages the site does not have (a published story, a section and /kontakt are found)', async () => {
    const target = await create([para('p1', 'Delegacje rozmawiały przez trzy godziny.')])
    const published = await call(s.editor, 'POST', `/api/admin/stories/${target.story.articleId}/actions`, { action: 'publish', version: 1 })
    expect(published.status, JSON.stringify(published.json)).toBe(200)
    const article = await t.testDb.db.selectFrom('articles').select('slug').where('id', '=', target.story.articleId).executeTakeFirstOrThrow()
    const linked = (id: string, text: string, href: string) => ({ type: 'paragraph' as const, attrs: { id }, content: [{ type: 'text' as const, text, marks: [{ type: 'link' as const, attrs: { href } }] }] })
    const created = await create([
      linked('p1', 'Czytaj o rozmowach.', `/kraj/${article.slug}`),
      linked('p2', 'Więcej z kraju.', 'https://depesza.test/kraj/'),
      linked('p3', 'Napisz do nas.', '/kontakt'),
      linked('p4', 'Stary tekst.', '/kraj/artykul-ktorego-nie-ma'),
      linked('p5', 'Inny serwis.', 'https://example.org/nie-nasz'),
    ])
    const broken = created.findings.filter((f) => f.kind === 'broken-link')
    expect(broken.map((f) => [f.severity, f.block, f.start, f.end, f.text])).toEqual([['error', 'p4', 0, 12, 'Stary tekst.']])
    expect(broken[0]!.message).toMatch(/takiej strony w serwisie nie ma/)
  })

  it('refuses to publish or schedule with errors (422, the findings, nothing lost); publishes after the fix', async () => {
    const created = await create([para('p1', 'Premier spotkał się z generałem i')])
    const id = created.story.articleId
    const refused = await call(s.editor, 'POST', `/api/admin/stories/${id}/actions`, { action: 'publish', version: 1 })
    expect(refused.status).toBe(422)
    expect(refused.type).toMatch(/^application\/problem\+json/)
    expect(refused.json).toMatchObject({ title: 'Nie można jeszcze opublikować', blocked: ['qa'], overridable: true })
    expect(refused.json.detail).toMatch(/Kontrola jakości znalazła 1\u00a0błąd/)
    expect(refused.json.findings).toEqual([expect.objectContaining({ kind: 'cut-off', block: 'p1' })])
    const scheduled = await call(s.editor, 'POST', `/api/admin/stories/${id}/actions`, { action: 'schedule', publishAt: new Date(Date.now() + 86_400_000).toISOString() })
    expect(scheduled.status).toBe(422)
    const after = await call(s.editor, 'GET', `/api/admin/stories/${id}`)
    expect(after.json.story).toMatchObject({ version: 1, state: 'draft', publication: 'draft' })
    expect(after.json.story.snapshot.body.content[0].content[0].text).toBe('Premier spotkał się z generałem i')
    const fixed = await call(s.editor, 'PUT', `/api/admin/stories/${id}`, { version: 1, story: { ...created.story.snapshot, body: { type: 'doc', content: [para('p1', 'Premier spotkał się z generałem i ministrem.')] } } })
    expect((fixed.json as Payload).qa.errors).toBe(0)
    const published = await call(s.editor, 'POST', `/api/admin/stories/${id}/actions`, { action: 'publish', version: 2 })
    expect(published.status, JSON.stringify(published.json)).toBe(200)
    expect(published.json.story.publication).toBe('published')
  })

  it('lets an editor publish despite errors with a reason, kept in the audit log; a too short reason is refused', async () => {
    const created = await create([para('p1', 'Premier spotkał się z generałem i')])
    const id = created.story.articleId
    const short = await call(s.editor, 'POST', `/api/admin/stories/${id}/actions`, { action: 'publish', override: { reason: 'bo' } })
    expect(short.status).toBe(422)
    expect(short.json.detail).toMatch(/Podaj powód/)
    const ok = await call(s.editor, 'POST', `/api/admin/stories/${id}/actions`, { action: 'publish', override: { reason: 'Cytat urwany celowo, tak w oryginale.' } })
    expect(ok.status, JSON.stringify(ok.json)).toBe(200)
    const rows = await t.testDb.db.selectFrom('audit_log').selectAll().where('action', '=', 'story.publish-override').where('target', '=', `article:${id}`).execute()
    expect(rows).toHaveLength(1)
    expect(rows[0]!.actor_user_id).toBe(staff.editor.id)
    const detail = JSON.parse(rows[0]!.detail) as { reason: string; action: string; blocks: Array<{ kind: string; findings: Finding[] }> }
    expect(detail).toMatchObject({ reason: 'Cytat urwany celowo, tak w oryginale.', action: 'publish' })
    expect(detail.blocks[0]!.kind).toBe('qa')
    expect(detail.blocks[0]!.findings[0]!.kind).toBe('cut-off')
    // Writers cannot publish at all (the workflow), override or not.
    const other = await create([para('p1', 'Premier spotkał się z generałem i')])
    const author = await call(s.author, 'POST', `/api/admin/stories/${other.story.articleId}/actions`, { action: 'publish', override: { reason: 'Proszę opublikować.' } })
    expect([403, 409]).toContain(author.status)
  })

  it('the form without JavaScript: publishing refused with the Polish message, then with a reason', async () => {
    const created = await create([para('p1', 'Premier spotkał się z generałem i')])
    const id = created.story.articleId
    await s.editor.get(`/admin/artykuly/${id}`)
    const fields = { version: '1', headline: 'Rozmowy w Bagdadzie', lede: 'Delegacje spotkały się w sobotę rano.', sectionSlug: 'kraj', slug: created.story.snapshot.slug ?? '', _action: 'publish' }
    const refused = await s.editor.submit(`/admin/artykuly/${id}`, fields)
    expect(refused.status, await refused.clone().text()).toBe(422)
    const refusedHtml = await refused.text()
    expect(refusedHtml).toMatch(/Kontrola jakości znalazła/)
    // The form keeps a field for the reason (inside <noscript>: the editor script has its own box).
    expect(refusedHtml).toMatch(/<noscript>[\s\S]*name="overrideReason"[\s\S]*<\/noscript>/)
    const ok = await s.editor.submit(`/admin/artykuly/${id}`, { ...fields, version: '2', overrideReason: 'Tak brzmi oryginalny cytat.' })
    expect(ok.status).toBe(303)
  })

  it('the seed page: pasted into the wire desk, taken in, its slips found with their spans, fixed and published', async () => {
    const ed = s.editor
    await ed.get('/admin/serwisy/dodaj')
    const added = await ed.submit('/admin/serwisy/dodaj/tekst', { text: SEED_PASTE, sourceName: 'Agencja testowa', attributionKind: 'agency', language: 'pl' })
    expect(added.status).toBe(303)
    const itemId = /\/admin\/serwisy\/(\d+)/.exec(added.headers.get('location') ?? '')![1]
    await ed.get(`/admin/serwisy/${itemId}`)
    const taken = await ed.submit(`/admin/serwisy/${itemId}/wez`)
    expect(taken.status).toBe(303)
    const articleId = Number(/\/admin\/artykuly\/(\d+)/.exec(taken.headers.get('location') ?? '')![1])

    const got = await call(ed, 'GET', `/api/admin/stories/${articleId}/findings`)
    expect(got.status).toBe(200)
    const story = (await call(ed, 'GET', `/api/admin/stories/${articleId}`)).json.story as StoryState
    const [image, p1, p2] = story.snapshot.body.content as Block[]
    expect(image!.type).toBe('image')
    expect(story.snapshot.lede).toBe(LEDE)
    expect(story.snapshot.source).toMatchObject({ name: 'Agencja testowa', kind: 'agency' })
    const imageId = image!.attrs!.id!
    const findings = got.json.findings as Finding[]
    const brief = findings.map((f) => ({ kind: f.kind, severity: f.severity, field: f.field, block: f.block, start: f.start, end: f.end, text: f.text }))
    expect(brief).toContainEqual({ kind: 'language', severity: 'error', field: 'caption', block: imageId, start: 0, end: CAPTION.length, text: CAPTION })
    expect(brief).toContainEqual({ kind: 'cut-off', severity: 'error', field: 'caption', block: imageId, start: 53, end: 71, text: 'Major General Joel' })
    expect(brief).toContainEqual({ kind: 'hyphen-spacing', severity: 'warning', field: 'body', block: p2!.attrs!.id, start: P2.indexOf('al -Muhandis'), end: P2.indexOf('al -Muhandis') + 12, text: 'al -Muhandis' })
    expect(brief).toContainEqual({ kind: 'repetition', severity: 'warning', field: 'body', block: p1!.attrs!.id, start: 38, end: 63, text: 'oświadczył w oświadczeniu' })
    for (const f of findings) expect(f.text).toBe(f.field === 'caption' ? CAPTION.slice(f.start, f.end) : f.text)

    const refused = await call(ed, 'POST', `/api/admin/stories/${articleId}/actions`, { action: 'publish', version: story.version })
    expect(refused.status).toBe(422)

    const fixedBody = story.snapshot.body.content.map((b) => {
      if (b === image) return { ...b, attrs: { ...b.attrs, caption: 'Premier Iraku Mohammed Szija as-Sudani (z prawej) i generał major Joel B. Vowell w Bagdadzie.', alt: 'Premier Iraku i amerykański generał ściskają sobie dłonie.', credit: 'Biuro prasowe premiera Iraku' } }
      if (b === p1) return para(p1.attrs!.id!, P1.replace('oświadczył w oświadczeniu', 'poinformował w oświadczeniu'))
      if (b === p2) return para(p2.attrs!.id!, P2.replace('al -Muhandis', 'al-Muhandis'))
      return b
    })
    const saved = await call(ed, 'PUT', `/api/admin/stories/${articleId}`, { version: story.version, story: { ...story.snapshot, sectionSlug: 'kraj', body: { type: 'doc', content: fixedBody } } })
    expect(saved.status, JSON.stringify(saved.json)).toBe(200)
    const left = (saved.json as Payload).findings
    expect(left.filter((f) => f.severity === 'error')).toEqual([])
    expect(left.map((f) => f.kind)).not.toContain('repetition')
    expect(left.map((f) => f.kind)).not.toContain('hyphen-spacing')
    const published = await call(ed, 'POST', `/api/admin/stories/${articleId}/actions`, { action: 'publish', version: (saved.json as Payload).story.version })
    expect(published.status, JSON.stringify(published.json)).toBe(200)
    const page = await t.app.request(`/kraj/${published.json.story.snapshot.slug}`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('Agencja testowa')
  })
})
