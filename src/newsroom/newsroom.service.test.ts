import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { basicSite, paragraphs } from '../../test/fixtures.js'
import { createSecondInstance, createTestApp, DIALECTS, type TestApp } from '../../test/support.js'
import { diffSnapshots, diffWords } from './diff.js'
import { NewsroomError, NewsroomService, type Actor, type ConflictDetail } from './newsroom.service.js'

const editor: Actor = { id: 1, name: 'Ewa Redaktor', role: 'editor' }
const author: Actor = { id: 2, name: 'Adam Autor', role: 'author' }
const otherAuthor: Actor = { id: 3, name: 'Olga Autorka', role: 'author' }

const story = (headline: string, text = 'Pierwszy akapit.') => ({ headline, sectionSlug: 'kraj', body: paragraphs(text) })

describe.each(DIALECTS)('%s: newsroom service', (dialect) => {
  let t: TestApp
  let newsroom: NewsroomService

  beforeAll(async () => {
    t = await createTestApp(dialect)
    await basicSite(t.testDb.db)
    newsroom = new NewsroomService(t.testDb, t.deps.content, t.deps.now)
    newsroom.handleJobs(t.jobs)
  })
  afterAll(() => t.close())

  it('takes a story from draft through review to the site', async () => {
    const created = await newsroom.createStory(author, 'article', story('Nowa droga w Łodzi'))
    expect([created.state, created.publication, created.version]).toEqual(['draft', 'draft', 1])
    expect((await t.app.request(`/kraj/${created.snapshot.slug}`)).status).toBe(404)
    await expect(newsroom.act(author, created.articleId, 'publish')).rejects.toMatchObject({ code: 'InvalidTransition' })
    await expect(newsroom.save(otherAuthor, created.articleId, story('Cudza zmiana'), 1)).rejects.toMatchObject({ code: 'Forbidden' })
    const submitted = await newsroom.act(author, created.articleId, 'submit')
    expect(submitted.state).toBe('in_review')
    await expect(newsroom.save(author, created.articleId, story('Po wysłaniu'), submitted.version)).rejects.toMatchObject({ code: 'Forbidden' })
    const published = await newsroom.act(editor, created.articleId, 'publish')
    expect([published.state, published.publication]).toEqual(['published', 'published'])
    const page = await t.app.request(`/kraj/${created.snapshot.slug}`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('Nowa droga w Łodzi')
  })

  it('keeps the live version online while an update is in review', async () => {
    const s = await newsroom.createStory(editor, 'article', story('Wersja pierwsza', 'Stara treść.'))
    const live = await newsroom.act(editor, s.articleId, 'publish')
    const slug = live.snapshot.slug
    const edited = await newsroom.save(editor, s.articleId, { ...story('Wersja druga', 'Nowa treść.'), slug }, live.version)
    expect([edited.state, edited.publication]).toEqual(['draft', 'published'])
    expect(await (await t.app.request(`/kraj/${slug}`)).text()).toContain('Stara treść.')
    await newsroom.act(editor, s.articleId, 'publish')
    const html = await (await t.app.request(`/kraj/${slug}`)).text()
    expect(html).toContain('Nowa treść.')
    expect(html).toContain('Aktualizacja:')
  })

  it('refuses to overwrite a newer version and keeps the loser in history', async () => {
    const s = await newsroom.createStory(author, 'article', story('Wspólny tekst'))
    await newsroom.save(editor, s.articleId, story('Wspólny tekst', 'Zmiana redaktora.'), s.version)
    let error: NewsroomError | undefined
    try {
      await newsroom.save(author, s.articleId, story('Wspólny tekst', 'Zmiana autora.'), s.version)
    } catch (e) {
      error = e as NewsroomError
    }
    expect(error?.code).toBe('Conflict')
    expect(error?.message).toContain('zmieniono w międzyczasie (Ewa Redaktor)')
    const detail = error!.detail as ConflictDetail
    expect(detail.current.body).toEqual(expect.objectContaining({ type: 'doc' }))
    expect(JSON.stringify(detail.current.body)).toContain('Zmiana redaktora.')
    expect(JSON.stringify(await newsroom.revision(s.articleId, detail.keptAsRevision))).toContain('Zmiana autora.')
    expect(JSON.stringify((await newsroom.get(s.articleId)).snapshot)).toContain('Zmiana redaktora.')
  })

  it('records every save as a revision and thins autosaves', async () => {
    const s = await newsroom.createStory(author, 'article', story('Historia zmian'))
    let v = s.version
    for (let i = 0; i < 5; i++) v = (await newsroom.save(author, s.articleId, story('Historia zmian', `Autozapis ${i}.`), v, 'autosave')).version
    v = (await newsroom.save(author, s.articleId, story('Historia zmian', 'Zapis.'), v)).version
    for (let i = 0; i < 3; i++) v = (await newsroom.save(author, s.articleId, story('Historia zmian', `Znowu ${i}.`), v, 'autosave')).version
    const reasons = (await newsroom.revisions(s.articleId)).map((r) => r.reason)
    expect(reasons).toEqual(['autosave', 'save', 'autosave', 'create'])
    const [newest, , older] = await newsroom.revisions(s.articleId)
    expect(JSON.stringify(await newsroom.revision(s.articleId, older!.id))).toContain('Autozapis 4.')
    expect(JSON.stringify(await newsroom.revision(s.articleId, newest!.id))).toContain('Znowu 2.')
  })

  it('restores an old revision as a new one', async () => {
    const s = await newsroom.createStory(editor, 'article', story('Przywracanie', 'Wersja A.'))
    const b = await newsroom.save(editor, s.articleId, story('Przywracanie', 'Wersja B.'), s.version)
    const first = (await newsroom.revisions(s.articleId)).at(-1)!
    const restored = await newsroom.restore(editor, s.articleId, first.id, b.version)
    expect(JSON.stringify(restored.snapshot.body)).toContain('Wersja A.')
    expect((await newsroom.revisions(s.articleId))[0]!.reason).toBe('restore')
  })

  it('publishes a scheduled story at its time, once', async () => {
    const s = await newsroom.createStory(editor, 'article', story('Zaplanowana na jutro'))
    await expect(newsroom.act(editor, s.articleId, 'schedule', { publishAt: new Date(Date.now() - 1000).toISOString() })).rejects.toMatchObject({ code: 'Invalid' })
    const at = new Date(Date.now() + 3600_000)
    const scheduled = await newsroom.act(editor, s.articleId, 'schedule', { publishAt: at.toISOString() })
    expect([scheduled.state, scheduled.publication]).toEqual(['scheduled', 'scheduled'])
    expect((await t.app.request(`/kraj/${s.snapshot.slug}`)).status).toBe(404)
    t.setNow(new Date(at.getTime() + 1000))
    try {
      expect(await t.jobs.tick()).toBeGreaterThanOrEqual(1)
      expect(await t.jobs.tick()).toBe(0)
      expect((await newsroom.get(s.articleId)).state).toBe('published')
      expect((await t.app.request(`/kraj/${s.snapshot.slug}`)).status).toBe(200)
    } finally {
      t.setNow(new Date())
    }
  })

  it('unpublishes (410) and adds corrections only to live stories', async () => {
    const s = await newsroom.createStory(editor, 'article', story('Do sprostowania'))
    await expect(newsroom.act(editor, s.articleId, 'correct', { correction: { kind: 'correction', text: 'x' } })).rejects.toBeInstanceOf(NewsroomError)
    await newsroom.act(editor, s.articleId, 'publish')
    await newsroom.act(editor, s.articleId, 'correct', { correction: { kind: 'correction', text: 'Poprawiono nazwisko.' } })
    expect(await (await t.app.request(`/kraj/${s.snapshot.slug}`)).text()).toContain('Poprawiono nazwisko.')
    const gone = await newsroom.act(editor, s.articleId, 'unpublish')
    expect([gone.state, gone.publication]).toEqual(['draft', 'unpublished'])
    expect((await t.app.request(`/kraj/${s.snapshot.slug}`)).status).toBe(410)
  })

  it('rejects invalid snapshots with field paths', async () => {
    await expect(newsroom.createStory(author, 'article', { headline: '', body: { type: 'doc', content: [] } })).rejects.toMatchObject({ code: 'Invalid' })
    await expect(newsroom.createStory(author, 'page', story('Strona'))).rejects.toMatchObject({ code: 'Forbidden' })
  })
})

describe('revision diff', () => {
  it('marks changed words only', () => {
    expect(diffWords('Premier powiedział w sobotę', 'Premier oświadczył w niedzielę')).toEqual([
      { op: 'same', text: 'Premier ' },
      { op: 'removed', text: 'powiedział' },
      { op: 'added', text: 'oświadczył' },
      { op: 'same', text: ' w ' },
      { op: 'removed', text: 'sobotę' },
      { op: 'added', text: 'niedzielę' },
    ])
  })

  it('compares blocks by id and reports added and removed ones', () => {
    const base = { headline: 'Tytuł', lede: '', tags: [], authorSlugs: [], seoTitle: '', seoDescription: '', language: 'pl' }
    const before = { ...base, body: { type: 'doc' as const, content: [{ type: 'paragraph' as const, attrs: { id: 'a' }, content: [{ type: 'text' as const, text: 'Stary akapit' }] }, { type: 'divider' as const, attrs: { id: 'b' } }] } }
    const after = { ...base, headline: 'Nowy tytuł', body: { type: 'doc' as const, content: [{ type: 'paragraph' as const, attrs: { id: 'a' }, content: [{ type: 'text' as const, text: 'Nowy akapit' }] }, { type: 'paragraph' as const, attrs: { id: 'c' }, content: [{ type: 'text' as const, text: 'Dodany' }] }] } }
    const diff = diffSnapshots(before, after)
    const by = new Map(diff.map((d) => [d.id, d]))
    expect(by.get('headline')!.status).toBe('changed')
    expect(by.get('lede')!.status).toBe('unchanged')
    expect(by.get('a')!.words).toEqual([{ op: 'removed', text: 'Stary' }, { op: 'added', text: 'Nowy' }, { op: 'same', text: ' akapit' }])
    expect(by.get('c')!.status).toBe('added')
    expect(by.get('b')!.status).toBe('removed')
  })
})

describe.each(DIALECTS)('%s: scheduled publishing across a restart', (dialect) => {
  it('publishes a story scheduled before the restart, from the restarted process, once', async () => {
    const before = await createTestApp(dialect)
    await basicSite(before.testDb.db)
    const scheduledAt = new Date(Date.now() + 1500)
    const s = await before.deps.newsroom.createStory(editor, 'article', story('Zaplanowana przed restartem'))
    await before.deps.newsroom.act(editor, s.articleId, 'schedule', { publishAt: scheduledAt.toISOString() })
    // The old process stops before the time comes; a new one starts on the same database.
    await before.jobs.stop()
    const after = await createSecondInstance(before)
    try {
      expect((await after.deps.newsroom.get(s.articleId)).state).toBe('scheduled')
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, scheduledAt.getTime() - Date.now()) + 200))
      expect(await after.jobs.tick()).toBeGreaterThanOrEqual(1)
      expect(await after.jobs.tick()).toBe(0)
      expect((await after.deps.newsroom.get(s.articleId)).state).toBe('published')
      expect((await after.app.request(`/kraj/${s.snapshot.slug}`)).status).toBe(200)
    } finally {
      await after.close()
      await before.close()
    }
  })
})
