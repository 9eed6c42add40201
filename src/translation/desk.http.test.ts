/**
 * The translation desk over HTTP, on SQLite and PostgreSQL, with a local LibreTranslate
 * server as the provider the administrator configures: a translator starts a translation,
 * machine-translates (marks and links survive), edits and approves segments (into the
 * memory); untranslated segments keep the story from being published unless an editor
 * overrides with a reason (audited); provider errors and no provider at all lose nothing;
 * the settings page never shows the key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createStaff, loginAs, type TestUser } from '../../test/accounts.js'
import { basicSite } from '../../test/fixtures.js'
import type { HttpSession } from '../../test/http-session.js'
import { createTestApp, DIALECTS, type TestApp } from '../../test/support.js'
import type { Role } from '../accounts/roles.js'
import type { StoryState } from '../newsroom/newsroom.service.js'
import { TranslationMemory } from './memory.js'
import { libreTranslateServer, type LocalServer } from './test-servers.js'

async function call(s: HttpSession, method: string, path: string, body?: unknown) {
  const res = await s.json(method, path, body)
  return { status: res.status, json: (await res.json()) as any }
}

const link = { type: 'link' as const, attrs: { href: 'https://example.com/report' } }
const ENGLISH = {
  headline: 'Iraq and the US begin talks on the coalition',
  lede: 'Both countries decided to start a dialogue about the future of the mission.',
  language: 'en',
  sectionSlug: 'kraj',
  source: { name: 'Reuters', kind: 'agency', language: 'en' },
  body: {
    type: 'doc',
    content: [
      {
        type: 'paragraph',
        attrs: { id: 'p1' },
        content: [
          { type: 'text', text: 'The ' },
          { type: 'text', text: 'Pentagon', marks: [{ type: 'bold' }] },
          { type: 'text', text: ' confirmed the talks in a ' },
          { type: 'text', text: 'statement', marks: [link] },
          { type: 'text', text: ' on Saturday.' },
        ],
      },
      { type: 'image', attrs: { id: 'img', mediaId: null, src: null, alt: 'Two men shake hands in front of flags.', caption: 'The prime minister and the general in Baghdad', credit: 'AP' } },
      { type: 'paragraph', attrs: { id: 'p2' }, content: [{ type: 'text', text: 'The first round of talks began in Baghdad.' }] },
    ],
  },
}

const TABLE: Record<string, string> = {
  'Iraq and the US begin talks on the coalition': 'Irak i USA rozpoczynają rozmowy o koalicji',
  'Both countries decided to start a dialogue about the future of the mission.': 'Oba kraje postanowiły rozpocząć dialog o przyszłości misji.',
  'The <b>Pentagon</b> confirmed the talks in a <a id="1">statement</a> on Saturday.': '<b>Pentagon</b> potwierdził rozmowy w sobotnim <a id="1">komunikacie</a>.',
  'Two men shake hands in front of flags.': 'Dwaj mężczyźni ściskają sobie dłonie na tle flag.',
  'The prime minister and the general in Baghdad': 'Premier i generał w Bagdadzie',
  AP: 'AP',
}

describe.each(DIALECTS)('%s: the translation desk', (dialect) => {
  let t: TestApp
  let server: LocalServer
  let staff: Record<Role, TestUser>
  const s = {} as Record<Role, HttpSession>

  beforeAll(async () => {
    server = await libreTranslateServer(TABLE)
    t = await createTestApp(dialect)
    await basicSite(t.testDb.db)
    staff = await createStaff(t.testDb.db)
    for (const role of Object.keys(staff) as Role[]) s[role] = await loginAs(t, staff[role])
  })
  afterAll(async () => {
    await t.close()
    await server.close()
  })

  const configure = async (fields: Record<string, string>) => {
    await s.administrator.get('/admin/ustawienia/tlumaczenie')
    return s.administrator.submit('/admin/ustawienia/tlumaczenie', fields)
  }

  const startStory = async (who: Role = 'translator') => {
    const created = await call(s[who], 'POST', '/api/admin/stories', { story: ENGLISH })
    expect(created.status, JSON.stringify(created.json)).toBe(201)
    const id = created.json.story.articleId as number
    const started = await call(s[who], 'POST', `/api/admin/stories/${id}/desk`, { version: 1, from: 'en' })
    expect(started.status, JSON.stringify(started.json)).toBe(200)
    expect(started.json.story.snapshot.language).toBe('pl')
    return { id, version: started.json.story.version as number }
  }

  it('the administrator chooses the provider; the key is sealed and never shown again; bad input keeps the form', async () => {
    const bad = await configure({ provider: 'libretranslate', url: 'ftp://x', model: '', apiKey: '' })
    expect(bad.status).toBe(422)
    const html = await bad.text()
    expect(html).toMatch(/Adres musi zaczynać się od http/)
    expect(html).toContain('value="ftp://x"')
    expect((await s.editor.get('/admin/ustawienia/tlumaczenie')).status).toBe(403)
    const ok = await configure({ provider: 'libretranslate', url: server.url, model: '', apiKey: 'tajny-klucz-123' })
    expect(ok.status).toBe(303)
    const page = await (await s.administrator.get('/admin/ustawienia/tlumaczenie')).text()
    expect(page).not.toContain('tajny-klucz-123')
    expect(page).toContain('Klucz jest zapisany')
    const stored = await t.testDb.db.selectFrom('settings').select('value').where('key', '=', 'translation_provider').executeTakeFirstOrThrow()
    expect(stored.value).not.toContain('tajny-klucz-123')
    const audit = await t.testDb.db.selectFrom('audit_log').select(['detail']).where('action', '=', 'settings.translation').execute()
    expect(audit.length).toBe(1)
    expect(audit[0]!.detail).not.toContain('tajny-klucz-123')
    // In English for an administrator who reads the newsroom in English.
    await t.testDb.db.updateTable('users').set({ language: 'en' }).where('id', '=', staff.administrator.id).execute()
    try {
      const en = await (await s.administrator.get('/admin/ustawienia/tlumaczenie')).text()
      expect(en).toContain('Machine translation')
      expect(en).toContain('A key is stored')
      expect(en).not.toContain('Dostawca')
    } finally {
      await t.testDb.db.updateTable('users').set({ language: 'pl' }).where('id', '=', staff.administrator.id).execute()
    }
  })

  it('a translator translates by machine; marks and links survive; untranslated segments block publishing', async () => {
    await configure({ provider: 'libretranslate', url: server.url, model: '', apiKey: 'tajny-klucz-123' })
    const { id, version } = await startStory()
    const before = await call(s.translator, 'GET', `/api/admin/stories/${id}/desk`)
    expect(before.json).toMatchObject({ provider: 'LibreTranslate', translation: { sourceLang: 'en', targetLang: 'pl' } })
    expect(before.json.segments.map((x: any) => [x.id, x.status])).toEqual([
      ['headline', null],
      ['lede', null],
      ['block:p1', null],
      ['block:img:caption', null],
      ['block:img:alt', null],
      ['block:img:credit', null],
      ['block:p2', null],
    ])
    const blocked = await call(s.editor, 'POST', `/api/admin/stories/${id}/actions`, { action: 'publish' })
    expect(blocked.status).toBe(422)
    expect(blocked.json.blocked).toContain('translation')
    expect(blocked.json.untranslated.map((u: any) => u.segmentId)).toContain('block:p1')

    const machine = await call(s.translator, 'POST', `/api/admin/stories/${id}/desk/machine`, { version })
    expect(machine.status, JSON.stringify(machine.json)).toBe(200)
    expect(server.received.at(-1)!.body).toMatchObject({ source: 'en', target: 'pl', format: 'html', api_key: 'tajny-klucz-123' })
    const story = machine.json.story as StoryState
    expect(story.snapshot.headline).toBe('Irak i USA rozpoczynają rozmowy o koalicji')
    expect(story.snapshot.body.content[0]).toEqual({
      type: 'paragraph',
      attrs: { id: 'p1' },
      content: [
        { type: 'text', text: 'Pentagon', marks: [{ type: 'bold' }] },
        { type: 'text', text: ' potwierdził rozmowy w sobotnim ' },
        { type: 'text', text: 'komunikacie', marks: [link] },
        { type: 'text', text: '.' },
      ],
    })
    const after = await call(s.translator, 'GET', `/api/admin/stories/${id}/desk`)
    const status = Object.fromEntries(after.json.segments.map((x: any) => [x.id, x.status]))
    // p2 is not in the server's table: it came back unchanged, still the English original.
    expect(status).toMatchObject({ headline: 'machine', 'block:p1': 'machine', 'block:img:caption': 'machine', 'block:p2': 'machine' })

    // Still English: the gate's "untranslated" check says so (an error), the desk lets the translator type it.
    const findings = await call(s.translator, 'GET', `/api/admin/stories/${id}/findings`)
    expect(findings.json.findings).toContainEqual(expect.objectContaining({ kind: 'untranslated', block: 'p2' }))
    const typed = await call(s.translator, 'PUT', `/api/admin/stories/${id}/desk/segments/block:p2`, { version: story.version, text: 'Pierwsza runda rozmów rozpoczęła się w Bagdadzie.' })
    expect(typed.status, JSON.stringify(typed.json)).toBe(200)
    const approved = await call(s.translator, 'PUT', `/api/admin/stories/${id}/desk/segments/block:img:caption`, {
      version: typed.json.story.version,
      text: 'Premier Iraku i generał Joel Vowell w Bagdadzie.',
      approve: true,
    })
    expect(approved.status).toBe(200)
    const desk = await call(s.translator, 'GET', `/api/admin/stories/${id}/desk`)
    const byId = Object.fromEntries(desk.json.segments.map((x: any) => [x.id, x]))
    expect(byId['block:p2'].status).toBe('edited')
    expect(byId['block:img:caption']).toMatchObject({ status: 'approved', target: 'Premier Iraku i generał Joel Vowell w Bagdadzie.' })
    const memory = await t.testDb.db.selectFrom('translation_memory').selectAll().where('story_id', '=', id).execute()
    expect(memory.map((m) => [m.source_text, m.target_text])).toEqual([['The prime minister and the general in Baghdad', 'Premier Iraku i generał Joel Vowell w Bagdadzie.']])

    // An edit in the editor itself marks the segment edited.
    const current = (await call(s.translator, 'GET', `/api/admin/stories/${id}`)).json.story as StoryState
    const edited = await call(s.translator, 'PUT', `/api/admin/stories/${id}`, { version: current.version, story: { ...current.snapshot, lede: 'Oba kraje postanowiły rozpocząć rozmowy o przyszłości misji.' } })
    expect(edited.status).toBe(200)
    const statuses = Object.fromEntries((await call(s.translator, 'GET', `/api/admin/stories/${id}/desk`)).json.segments.map((x: any) => [x.id, x.status]))
    expect(statuses.lede).toBe('edited')

    // Nothing untranslated and no gate errors: the editor publishes; the site credits the agency.
    const published = await call(s.editor, 'POST', `/api/admin/stories/${id}/actions`, { action: 'publish' })
    expect(published.status, JSON.stringify(published.json)).toBe(200)
    const page = await t.app.request(`/kraj/${published.json.story.snapshot.slug}`)
    expect(await page.text()).toContain('Reuters')
  })

  it('the glossary: kept by translators and editors, its renderings checked next to each segment on the desk', async () => {
    await configure({ provider: 'libretranslate', url: server.url, model: '', apiKey: 'tajny-klucz-123' })
    await s.translator.get('/admin/tlumaczenie/slownik')
    const empty = await s.translator.submit('/admin/tlumaczenie/slownik', { _action: 'add', lang: 'en', term: 'Pentagon', target: '  ', note: '' })
    expect(empty.status).toBe(422)
    const emptyHtml = await empty.text()
    expect(emptyHtml).toMatch(/Wpisz ustaloną formę po polsku/)
    expect(emptyHtml).toContain('value="Pentagon"')
    const added = await s.translator.submit('/admin/tlumaczenie/slownik', { _action: 'add', lang: 'en', term: 'Pentagon', target: 'Departament Obrony USA', note: 'w tekstach krajowych' })
    expect(added.status).toBe(303)
    expect(await (await s.translator.get('/admin/tlumaczenie/slownik?jezyk=en')).text()).toContain('Departament Obrony USA')
    expect((await s.author.get('/admin/tlumaczenie/slownik')).status).toBe(403)

    const { id, version } = await startStory()
    await call(s.translator, 'POST', `/api/admin/stories/${id}/desk/machine`, { version })
    const desk = await call(s.translator, 'GET', `/api/admin/stories/${id}/desk`)
    const p1 = desk.json.segments.find((x: any) => x.id === 'block:p1')
    expect(p1.findings).toEqual([expect.objectContaining({ term: 'Pentagon', expected: 'Departament Obrony USA' })])
    expect(p1.findings[0].message).toMatch(/według słownika redakcji/)
    const page = await (await s.translator.get(`/admin/artykuly/${id}/przeklad`)).text()
    expect(page).toContain('Departament Obrony USA')

    await s.translator.submit('/admin/tlumaczenie/slownik', { _action: 'remove', lang: 'en', term: 'Pentagon' })
    expect(await (await s.translator.get('/admin/tlumaczenie/slownik?jezyk=en')).text()).toContain('Słownik jest pusty.')
  })

  it('an editor may publish an unfinished translation with a reason (audited); writers may not touch others\u2019 stories', async () => {
    const { id } = await startStory()
    const other = await call(s.author, 'POST', `/api/admin/stories/${id}/desk/machine`, { version: 2 })
    expect(other.status).toBe(403)
    const ok = await call(s.editor, 'POST', `/api/admin/stories/${id}/actions`, { action: 'publish', override: { reason: 'Pilna wiadomość, tłumaczenie po publikacji.' } })
    expect(ok.status, JSON.stringify(ok.json)).toBe(200)
    const row = await t.testDb.db.selectFrom('audit_log').selectAll().where('action', '=', 'story.publish-override').where('target', '=', `article:${id}`).executeTakeFirstOrThrow()
    const detail = JSON.parse(row.detail) as { reason: string; blocks: Array<{ kind: string }> }
    expect(detail.reason).toBe('Pilna wiadomość, tłumaczenie po publikacji.')
    expect(detail.blocks.map((b) => b.kind)).toContain('translation')
  })

  it('does not start on a story whose group already has a Polish version (a clear refusal, nothing changed)', async () => {
    const original = await call(s.translator, 'POST', '/api/admin/stories', { story: ENGLISH })
    expect(original.status, JSON.stringify(original.json)).toBe(201)
    const id = original.json.story.articleId as number
    const polish = await call(s.translator, 'POST', `/api/admin/stories/${id}/translations`, { language: 'pl' })
    expect(polish.status, JSON.stringify(polish.json)).toBe(201)
    const refused = await call(s.translator, 'POST', `/api/admin/stories/${id}/desk`, { version: original.json.story.version, from: 'en' })
    expect(refused.status).toBeGreaterThanOrEqual(400)
    expect(refused.status).toBeLessThan(500)
    expect(JSON.stringify(refused.json)).toContain(`ma już wersję polską (nr ${polish.json.story.articleId})`)
    const after = await call(s.translator, 'GET', `/api/admin/stories/${id}`)
    expect([after.json.story.version, after.json.story.snapshot.language]).toEqual([original.json.story.version, 'en'])
  })

  it('a provider error leaves the story as it was; without a provider the desk works by hand', async () => {
    await configure({ provider: 'libretranslate', url: server.url, model: '', apiKey: 'tajny-klucz-123' })
    // An approved pair in the memory (as an earlier story leaves it).
    await new TranslationMemory(t.testDb.db).store({ sourceLang: 'en', targetLang: 'pl', sourceText: 'The prime minister and the general in Baghdad', targetText: 'Premier Iraku i generał Joel Vowell w Bagdadzie.' })
    const { id, version } = await startStory()
    server.mode = 'quota'
    try {
      const failed = await call(s.translator, 'POST', `/api/admin/stories/${id}/desk/machine`, { version })
      expect(failed.status).toBe(200)
      expect(failed.json.error).toMatchObject({ code: 'quota_exceeded' })
      expect(failed.json.error.message).toMatch(/limit/)
      // The provider's part stays English; the caption came from the memory.
      expect(failed.json.story.snapshot.headline).toBe(ENGLISH.headline)
      expect(failed.json.story.snapshot.body.content[1].attrs.caption).toBe('Premier Iraku i generał Joel Vowell w Bagdadzie.')
      expect(failed.json.story.version).toBe(version + 1)
    } finally {
      server.mode = 'ok'
    }
    await configure({ provider: 'none', url: '', model: '', apiKey: '' })
    const none = await call(s.translator, 'POST', `/api/admin/stories/${id}/desk/machine`, { version: version + 1 })
    expect(none.json.error).toMatchObject({ code: 'no_provider' })
    const manual = await call(s.translator, 'PUT', `/api/admin/stories/${id}/desk/segments/headline`, { version: version + 1, text: 'Irak i USA zaczynają rozmowy', approve: true })
    expect(manual.status).toBe(200)
    expect(manual.json.story.snapshot.headline).toBe('Irak i USA zaczynają rozmowy')
    // Formatting kept by the tags; a broken tag is reported and the text saved plain.
    const broken = await call(s.translator, 'PUT', `/api/admin/stories/${id}/desk/segments/block:p1`, { version: manual.json.story.version, text: '<b>Pentagon potwierdził rozmowy.' })
    expect(broken.status).toBe(200)
    expect(broken.json.problems[0].problem).toMatch(/Formatowanie/)
    expect(broken.json.story.snapshot.body.content[0].content).toEqual([{ type: 'text', text: 'Pentagon potwierdził rozmowy.' }])
    // The page without JavaScript: side by side, statuses, the form keeps refused text.
    const html = await (await s.translator.get(`/admin/artykuly/${id}/przeklad`)).text()
    expect(html).toContain('Iraq and the US begin talks on the coalition')
    expect(html).toContain('zatwierdzone')
    expect(html).toContain('nieprzetłumaczone')
    const empty = await s.translator.submit(`/admin/artykuly/${id}/przeklad`, { _action: 'save', version: String(broken.json.story.version), segment: 'lede', text: '  ' })
    expect(empty.status, empty.headers.get('location') ?? '').toBe(422)
    expect(await empty.text()).toMatch(/Wpisz tłumaczenie/)
  })
})
