/**
 * Language editions end to end, on SQLite and PostgreSQL: a Polish story translated into a
 * linked English copy through the newsroom API, both published; the English edition's home,
 * lists, feeds, sitemaps and search show only English stories and the Polish ones only
 * Polish; hreflang both ways; a disabled edition answers 404; publishing an English story
 * drops the English lists and the Polish original's page, not the Polish lists.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createStaff, loginAs, type TestUser } from '../../test/accounts.js'
import { basicSite } from '../../test/fixtures.js'
import type { HttpSession } from '../../test/http-session.js'
import { createTestApp, DIALECTS, type TestApp } from '../../test/support.js'
import type { Role } from '../accounts/roles.js'
import type { StoryState } from '../newsroom/newsroom.service.js'
import { parseXml, text } from '../site/feeds/feed-test-support.js'
import { StoryTranslations } from '../translation/story.js'
import { CacheKeys } from '../cache/cache-keys.js'
import { Editions, parseEditionList, saveEditionSettings } from './editions.js'

const ORIGIN = 'https://depesza.test'

interface Payload {
  story: StoryState
  created?: boolean
  versions?: Array<{ articleId: number; language: string; original: boolean }>
}

const doc = (...texts: string[]) => ({ type: 'doc', content: texts.map((t, i) => ({ type: 'paragraph', attrs: { id: `b${i + 1}` }, content: [{ type: 'text', text: t }] })) })

async function api(s: HttpSession, method: string, path: string, body?: unknown): Promise<{ status: number; json: Payload & { title?: string } }> {
  const res = await s.json(method, path, body)
  return { status: res.status, json: (await res.json()) as Payload & { title?: string } }
}

describe('edition list', () => {
  it('always has Polish first and refuses unknown codes', () => {
    expect(parseEditionList('en, uk')).toEqual(['pl', 'en', 'uk'])
    expect(parseEditionList('uk,pl')).toEqual(['pl', 'uk'])
    expect(() => parseEditionList('pl,de')).toThrow(/de/)
    const e = new Editions(['pl', 'en'])
    expect(e.of('en')).toBe('en')
    expect(e.of('uk')).toBe('pl') // no Ukrainian edition: the story stays Polish
    expect(e.articlePath({ kind: 'article', slug: 'x', section: { slug: 'kraj' }, language: 'en' })).toBe('/en/kraj/x')
    expect(e.filter('pl')).toEqual({ notLanguages: ['en'] })
    expect(new Editions(['pl']).filter('pl')).toEqual({})
  })
})

describe.each(DIALECTS)('%s: language editions', (dialect) => {
  let t: TestApp
  let staff: Record<Role, TestUser>
  let editor: HttpSession
  let translator: HttpSession
  let plId: number
  let enId: number
  let plPath: string
  let enPath: string

  const get = (path: string) => t.app.request(path)
  const html = async (path: string) => {
    const res = await get(path)
    expect(res.status, path).toBe(200)
    return res.text()
  }

  async function publish(id: number): Promise<void> {
    const r = await api(editor, 'POST', `/api/admin/stories/${id}/actions`, { action: 'publish' })
    expect(r.status, JSON.stringify(r.json)).toBe(200)
  }

  /** A Polish story, translated into English by the translator, both published. */
  async function pair(pl: { headline: string; text: string }, en: { headline: string; text: string }): Promise<{ pl: number; en: number }> {
    const created = await api(editor, 'POST', '/api/admin/stories', { story: { headline: pl.headline, sectionSlug: 'kraj', tags: ['Sejm'], body: doc(pl.text) } })
    expect(created.status).toBe(201)
    const source = created.json.story
    await publish(source.articleId)
    const copy = await api(translator, 'POST', `/api/admin/stories/${source.articleId}/translations`, { language: 'en' })
    expect(copy.status).toBe(201)
    const draft = copy.json.story
    const saved = await api(translator, 'PUT', `/api/admin/stories/${draft.articleId}`, {
      version: draft.version,
      story: { ...draft.snapshot, headline: en.headline, body: doc(en.text) },
    })
    expect(saved.status, JSON.stringify(saved.json)).toBe(200)
    await publish(draft.articleId)
    return { pl: source.articleId, en: draft.articleId }
  }

  beforeAll(async () => {
    t = await createTestApp(dialect, { DEPESZA_EDITIONS: 'pl,en' })
    await basicSite(t.testDb.db)
    staff = await createStaff(t.testDb.db)
    editor = await loginAs(t, staff.editor)
    translator = await loginAs(t, staff.translator)
  })
  afterAll(() => t.close())

  it('makes a linked copy in the target language, on the translation desk, not publishable untranslated', async () => {
    const created = await api(editor, 'POST', '/api/admin/stories', {
      story: { headline: 'Sejm przyjął budżet na przyszły rok', sectionSlug: 'kraj', tags: ['Sejm'], body: doc('Posłowie przyjęli ustawę budżetową po długiej debacie.') },
    })
    expect(created.status).toBe(201)
    plId = created.json.story.articleId
    await publish(plId)

    const copy = await api(translator, 'POST', `/api/admin/stories/${plId}/translations`, { language: 'en' })
    expect(copy.status).toBe(201)
    expect(copy.json.created).toBe(true)
    enId = copy.json.story.articleId
    expect(enId).not.toBe(plId)
    expect(copy.json.story.state).toBe('draft')
    expect(copy.json.story.snapshot).toMatchObject({ language: 'en', slug: 'sejm-przyjal-budzet-na-przyszly-rok-en', headline: 'Sejm przyjął budżet na przyszły rok' })
    // Same block ids: the desk's segments line up with the original's.
    expect(copy.json.story.snapshot.body.content.map((b) => b.attrs?.id)).toEqual(['b1'])
    expect(copy.json.versions!.map((v) => [v.articleId, v.language, v.original])).toEqual([
      [plId, 'pl', true],
      [enId, 'en', false],
    ])
    const rows = await t.testDb.db.selectFrom('articles').select(['id', 'translated_from_id', 'translation_group_id', 'status']).where('id', 'in', [plId, enId]).orderBy('id').execute()
    expect(rows.map((r) => [r.translated_from_id, r.translation_group_id, r.status])).toEqual([
      [null, plId, 'published'],
      [plId, plId, 'draft'],
    ])
    const desk = await new StoryTranslations(t.testDb.db).get(enId)
    expect(desk).toMatchObject({ sourceLang: 'pl', targetLang: 'en' })

    // Asking again gives the same version; a language the site has no edition for, or the story's own, is refused.
    const again = await api(editor, 'POST', `/api/admin/stories/${plId}/translations`, { language: 'en' })
    expect([again.status, again.json.created, again.json.story.articleId]).toEqual([200, false, enId])
    expect((await api(editor, 'POST', `/api/admin/stories/${plId}/translations`, { language: 'de' })).status).toBe(422)
    expect((await api(editor, 'POST', `/api/admin/stories/${plId}/translations`, { language: 'pl' })).status).toBe(422)
    expect((await api(editor, 'POST', `/api/admin/stories/999999/translations`, { language: 'en' })).status).toBe(404)

    // Untranslated (still the Polish text): the gate refuses to publish it.
    const blocked = await api(editor, 'POST', `/api/admin/stories/${enId}/actions`, { action: 'publish' })
    expect(blocked.status).toBe(422)
    expect((await t.testDb.db.selectFrom('articles').select('status').where('id', '=', enId).executeTakeFirstOrThrow()).status).toBe('draft')

    const draft = copy.json.story
    const saved = await api(translator, 'PUT', `/api/admin/stories/${enId}`, {
      version: draft.version,
      story: { ...draft.snapshot, headline: 'Parliament passes next year’s budget', body: doc('Members of parliament passed the budget bill after a long debate.') },
    })
    expect(saved.status, JSON.stringify(saved.json)).toBe(200)
    await publish(enId)
    const paths = await t.testDb.db.selectFrom('articles').select(['id', 'slug']).where('id', 'in', [plId, enId]).orderBy('id').execute()
    plPath = `/kraj/${paths[0]!.slug}`
    enPath = `/en/kraj/${paths[1]!.slug}`
  })

  it('shows the language versions in the story list and the editor', async () => {
    const list = await (await editor.get('/admin/artykuly')).text()
    expect(list).toContain(`href="/admin/artykuly/${enId}" hreflang="en"`)
    expect(list).toContain(`href="/admin/artykuly/${plId}" hreflang="pl"`)
    const page = await (await editor.get(`/admin/artykuly/${plId}`)).text()
    expect(page).toContain('Wersje językowe')
    expect(page).toContain(`action="/admin/artykuly/${plId}/tlumaczenie"`)
    // The form offers the languages that have no version yet.
    expect(page).toContain('<option value="uk">')
    expect(page).not.toContain('<option value="en">')
    // The full-page preview of the English version is an English edition's page.
    const preview = await (await editor.get(`/admin/artykuly/${enId}/podglad`)).text()
    expect(preview).toContain('<html lang="en">')
    expect(preview).toContain('Skip to content')
  })

  it('creates a translation from the form without JavaScript', async () => {
    const res = await editor.submit(`/admin/artykuly/${plId}/tlumaczenie`, { language: 'uk' })
    expect(res.status).toBe(303)
    const ukId = Number(/\/admin\/artykuly\/(\d+)/.exec(res.headers.get('location') ?? '')![1])
    const row = await t.testDb.db.selectFrom('articles').select(['language', 'translated_from_id', 'status']).where('id', '=', ukId).executeTakeFirstOrThrow()
    expect(row).toEqual({ language: 'uk', translated_from_id: plId, status: 'draft' })
    // One version per language: switching the Ukrainian copy to English is refused, in Polish.
    const current = await api(editor, 'GET', `/api/admin/stories/${ukId}`)
    const clash = await api(editor, 'PUT', `/api/admin/stories/${ukId}`, { version: current.json.story.version, story: { ...current.json.story.snapshot, language: 'en' } })
    expect(clash.status).toBe(422)
    expect(JSON.stringify(clash.json)).toContain('ma już wersję w tym języku')
  })

  it('lists English stories in the English edition only', async () => {
    const en = await html('/en/')
    expect(en).toContain('<html lang="en">')
    expect(en).toContain('Parliament passes next year’s budget')
    expect(en).not.toContain('Sejm przyjął budżet')
    expect(en).toContain('Skip to content')
    expect(en).toContain(`href="${enPath}"`)
    const pl = await html('/')
    expect(pl).toContain('<html lang="pl">')
    expect(pl).toContain('Sejm przyjął budżet')
    expect(pl).not.toContain('Parliament passes')
    expect(pl).toContain('Przejdź do treści')
    // Lists of an edition: section, tag.
    expect(await html('/en/kraj')).toContain('Parliament passes')
    expect(await html('/kraj')).not.toContain('Parliament passes')
    expect(await html('/en/tag/sejm')).not.toContain('Sejm przyjął budżet')
    // The language switcher links the editions' homes.
    expect(pl).toContain('href="/en/" hreflang="en" lang="en"')
    expect((await get('/en')).headers.get('location')).toBe('/en/')
  })

  it('renders the English story in English, with hreflang links both ways', async () => {
    const en = await html(enPath)
    expect(en).toContain('<html lang="en">')
    expect(en).toContain('<meta property="og:locale" content="en_GB"/>')
    expect(en).toMatch(/\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}/)
    expect(en).toContain('This story in other languages')
    const pl = await html(plPath)
    for (const page of [en, pl]) {
      expect(page).toContain(`<link rel="alternate" hreflang="pl" href="${ORIGIN}${plPath}"/>`)
      expect(page).toContain(`<link rel="alternate" hreflang="en" href="${ORIGIN}${enPath}"/>`)
      expect(page).toContain(`<link rel="alternate" hreflang="x-default" href="${ORIGIN}${plPath}"/>`)
    }
    expect(pl).toContain('Ten artykuł w innych językach')
    // The English story under a Polish address moves to its edition.
    const moved = await get(enPath.replace(/^\/en/, ''))
    expect(moved.status).toBe(301)
    expect(moved.headers.get('location')).toBe(enPath)
  })

  it('gives each edition its feeds and sitemaps', async () => {
    const enRss = parseXml(await html('/en/rss.xml')).rss.channel
    expect(text(enRss.language)).toBe('en')
    expect(text(enRss.link)).toBe(`${ORIGIN}/en/`)
    expect(enRss.item.map((i: { title: unknown }) => text(i.title))).toEqual(['Parliament passes next year’s budget'])
    expect(text(enRss.item[0].link)).toBe(ORIGIN + enPath)
    const plRss = parseXml(await html('/rss.xml')).rss.channel
    expect(plRss.item.map((i: { title: unknown }) => text(i.title))).toEqual(['Sejm przyjął budżet na przyszły rok'])
    const json = JSON.parse(await html('/en/feed.json')) as { language: string; items: Array<{ url: string }> }
    expect(json.language).toBe('en')
    expect(json.items.map((i) => i.url)).toEqual([ORIGIN + enPath])
    expect(parseXml(await html('/en/atom.xml')).feed.entry).toHaveLength(1)
    expect(await html('/en/kraj/rss.xml')).toContain('Parliament passes')

    const index = await html('/sitemap.xml')
    for (const file of ['pages.xml', 'articles-1.xml', 'en-pages.xml', 'en-articles-1.xml']) expect(index).toContain(`${ORIGIN}/sitemaps/${file}`)
    expect(index).not.toContain('uk-')
    const enPart = await html('/sitemaps/en-articles-1.xml')
    expect(enPart).toContain(`<loc>${ORIGIN}${enPath}</loc>`)
    expect(enPart).not.toContain(`<loc>${ORIGIN}${plPath}</loc>`)
    expect(enPart).toContain(`<xhtml:link rel="alternate" hreflang="pl" href="${ORIGIN}${plPath}"/>`)
    const plPart = await html('/sitemaps/articles-1.xml')
    expect(plPart).toContain(`<loc>${ORIGIN}${plPath}</loc>`)
    expect(plPart).not.toContain(`<loc>${ORIGIN}${enPath}</loc>`)
    expect(plPart).toContain(`<xhtml:link rel="alternate" hreflang="en" href="${ORIGIN}${enPath}"/>`)
    expect(plPart).toContain(`<xhtml:link rel="alternate" hreflang="x-default" href="${ORIGIN}${plPath}"/>`)
    expect(await html('/sitemaps/en-pages.xml')).toContain(`<loc>${ORIGIN}/en/</loc>`)
    expect(await html('/robots.txt')).toContain('Disallow: /en/szukaj\n')
    const news = await html('/sitemap-news.xml')
    expect(news).toContain('<news:language>en</news:language>')
  })

  it('searches within the edition', async () => {
    const en = await html('/en/szukaj?q=budget')
    expect(en).toContain('Parliament passes')
    expect(en).toContain('<h1>Search results</h1>')
    expect(en).toContain('Found 1\u00A0story')
    expect(en).toContain('action="/en/szukaj"')
    expect(await html('/en/szukaj?q=nonexistentword')).toContain('No stories match “nonexistentword”.')
    expect(await html('/szukaj?q=budget')).not.toContain('Parliament passes')
    expect(await html('/szukaj?q=budżet')).toContain('Sejm przyjął')
    // The JSON API searches every edition and gives each story's own address.
    const found = JSON.parse(await html('/api/search?q=budget')) as { results: Array<{ path: string; language: string }> }
    expect(found.results.map((r) => [r.path, r.language])).toEqual([[enPath, 'en']])
  })

  it('answers 404 for a disabled edition', async () => {
    for (const path of ['/uk/', '/uk', '/uk/kraj', '/uk/rss.xml', '/uk/szukaj?q=x', '/sitemaps/uk-pages.xml', '/sitemaps/pl-pages.xml', '/uk/kraj/cokolwiek']) {
      expect((await get(path)).status, path).toBe(404)
    }
    const notFound = await (await get('/en/nie-ma-takiej-strony')).text()
    expect(notFound).toContain('Page not found')
  })

  it('drops the English lists and the original’s page when an English story is published, not the Polish lists', async () => {
    const cache = t.deps.pageCache!
    const created = await api(editor, 'POST', '/api/admin/stories', { story: { headline: 'Rząd zapowiada reformę podatków', sectionSlug: 'kraj', tags: ['Sejm'], body: doc('Ministrowie przedstawili plan zmian w podatkach.') } })
    const second = created.json.story.articleId
    await publish(second)
    const copy = await api(translator, 'POST', `/api/admin/stories/${second}/translations`, { language: 'en' })
    const draft = copy.json.story
    const saved = await api(translator, 'PUT', `/api/admin/stories/${draft.articleId}`, {
      version: draft.version,
      story: { ...draft.snapshot, headline: 'Government announces a tax reform', body: doc('Ministers presented a plan of changes to taxes.') },
    })
    expect(saved.status).toBe(200)
    const slug = (id: number) => t.testDb.db.selectFrom('articles').select('slug').where('id', '=', id).executeTakeFirstOrThrow()
    const secondPath = `/kraj/${(await slug(second)).slug}`
    cache.clear()
    const pages = ['/', '/kraj', '/rss.xml', '/tag/sejm', '/en/', '/en/kraj', '/en/rss.xml', '/en/tag/sejm', plPath, enPath, secondPath, '/sitemap.xml']
    for (const p of pages) expect((await get(p)).status, p).toBe(200)
    expect(cache.urls().sort()).toEqual([...pages].sort())

    await publish(draft.articleId)

    const kept = cache.urls().sort()
    // Gone: the English home, section, tag and feed; the Polish original's page (its
    // hreflang list); the sitemaps. Kept: the Polish lists and feed, the first pair.
    expect(kept).toEqual(['/', '/kraj', '/rss.xml', '/tag/sejm', enPath, plPath].sort())
    const original = await html(secondPath)
    expect(original).toContain('hreflang="en"')
    expect(await html('/en/')).toContain('Government announces a tax reform')
    expect(await html('/')).not.toContain('Government announces')
  })
})

describe('the editions settings key', () => {
  let t: TestApp

  beforeAll(async () => {
    t = await createTestApp('sqlite')
    await basicSite(t.testDb.db)
  })
  afterAll(() => t.close())

  it('wins over DEPESZA_EDITIONS once saved, with the edition’s own name and menu', async () => {
    // DEPESZA_EDITIONS is not set: only Polish.
    expect((await t.app.request('/uk/')).status).toBe(404)
    await saveEditionSettings(t.testDb.db, {
      enabled: ['uk'],
      uk: { name: 'Depesza українською', menu: [{ label: 'Новини', href: '/uk/kraj' }] },
    })
    await t.deps.invalidate([CacheKeys.site])
    const uk = await t.app.request('/uk/')
    expect(uk.status).toBe(200)
    const page = await uk.text()
    expect(page).toContain('<html lang="uk">')
    expect(page).toContain('<title>Depesza українською</title>')
    expect(page).toContain('<a href="/uk/kraj">Новини</a>')
    expect(page).toContain('Ще не опубліковано жодного матеріалу.')
    // Polish stays on even when the saved list leaves it out; English is off.
    expect((await t.app.request('/')).status).toBe(200)
    expect((await t.app.request('/en/')).status).toBe(404)
  })
})
