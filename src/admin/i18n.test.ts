/**
 * The newsroom's two catalogues: every Polish message has an English one (same arguments,
 * same `{placeholders}` for the browser's messages, no Polish text left in it), and an
 * English-speaking user sees the dashboard, the story list, the story editor (with the
 * editor bundle's messages), the media library and the wire desk in English.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUser, loginAs, type TestUser } from '../../test/accounts.js'
import { createTestApp, DIALECTS, type TestApp } from '../../test/support.js'
import { editorEn, editorPl } from '../editor/messages.js'
import { messages, type MessageKey } from './i18n.js'

const pl = messages('pl') as Record<string, unknown>
const en = messages('en') as Record<string, unknown>
/** Letters English text never has; a message with them was not translated. */
const POLISH_LETTERS = /[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]/
/** English messages that name Polish things on purpose. */
const POLISH_ON_PURPOSE = new Set<string>(['languageSwitchLabel'])

/** The text of a message: a string, or a function called with sample arguments. */
function sample(value: unknown): string {
  if (typeof value === 'string') return value
  const fn = value as (...args: unknown[]) => string
  return fn(...Array.from({ length: fn.length }, (_, i) => (i % 2 === 0 ? 3 : 'x')))
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

describe('the message catalogues', () => {
  it('have the same keys in Polish and English', () => {
    const missing = Object.keys(pl).filter((k) => !(k in en))
    const extra = Object.keys(en).filter((k) => !(k in pl))
    expect(missing).toEqual([])
    expect(extra).toEqual([])
    expect(Object.keys(pl).length).toBeGreaterThan(300)
  })

  it('give every key an English text of the same shape, with no Polish left in it', () => {
    const untranslated: string[] = []
    for (const key of Object.keys(pl) as MessageKey[]) {
      const p = pl[key]
      const e = en[key]
      expect(typeof e, key).toBe(typeof p)
      if (typeof p === 'function') expect((e as () => string).length, key).toBe((p as () => string).length)
      const text = sample(e)
      expect(text.trim(), key).not.toBe('')
      if (!POLISH_ON_PURPOSE.has(key) && POLISH_LETTERS.test(text)) untranslated.push(`${key}: ${text}`)
      if (typeof p === 'string') expect(placeholders(text), key).toEqual(placeholders(p))
    }
    expect(untranslated).toEqual([])
  })

  it('give the editor bundle plain strings in both languages', () => {
    expect(Object.keys(editorEn).sort()).toEqual(Object.keys(editorPl).sort())
    for (const [key, text] of Object.entries(editorPl)) {
      expect(typeof text).toBe('string')
      expect(typeof (en as Record<string, unknown>)[key]).toBe('string')
    }
  })
})

/** The page's text as a person reads it: no tags, no scripts but the JSON blocks, entities decoded. */
function visibleText(html: string): string {
  return html
    .replace(/<form class="inline" method="post" action="\/admin\/konto\/jezyk">[\s\S]*?<\/form>/, '')
    .replace(/<script type="module"[^>]*><\/script>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&[a-z]+;|&#\d+;/g, ' ')
    .replace(/\s+/g, ' ')
}

describe.each(DIALECTS)('%s: the newsroom in English', (dialect) => {
  let t: TestApp
  let editor: TestUser
  beforeAll(async () => {
    t = await createTestApp(dialect)
    editor = await createUser(t.testDb.db, 'editor', { name: 'Emma Editor', language: 'en' })
  })
  afterAll(() => t.close())

  const page = async (path: string) => {
    const s = await loginAs(t, editor)
    const res = await s.get(path)
    expect(res.status, path).toBe(200)
    const html = await res.text()
    expect(html).toContain('<html lang="en">')
    return html
  }

  it('shows the dashboard in English', async () => {
    const html = await page('/admin')
    expect(html).toContain('<h1>Dashboard</h1>')
    expect(html).toContain('My drafts')
    expect(html).toContain('Nothing is waiting for review.')
    expect(html).toContain('New story')
    expect(visibleText(html)).not.toMatch(POLISH_LETTERS)
  })

  it('shows the story list in English', async () => {
    const html = await page('/admin/artykuly')
    expect(html).toContain('<h1>Stories</h1>')
    expect(html).toContain('Search headlines')
    expect(html).toContain('No stories found.')
    expect(html).toContain('>In review</option>')
    expect(visibleText(html)).not.toMatch(POLISH_LETTERS)
  })

  it('shows the story editor in English and sends the bundle its English messages', async () => {
    const html = await page('/admin/artykuly/nowy')
    expect(html).toContain('<h1>New story</h1>')
    expect(html).toContain('>Headline</label>')
    expect(html).toContain('Search engines and social media')
    expect(html).toContain('The body editor needs JavaScript')
    const block = /<script type="application\/json" id="editor-messages">([\s\S]*?)<\/script>/.exec(html)?.[1]
    expect(block).toBeDefined()
    const sent = JSON.parse(block!) as Record<string, string>
    expect(sent).toEqual(editorEn)
    expect(sent['editor.toolbar']).toBe('Text formatting')
    // The page's own text (the story data block carries no words of its own for a new story).
    expect(visibleText(html.replace(/<script type="application\/json" id="story-data">[\s\S]*?<\/script>/, ''))).not.toMatch(POLISH_LETTERS)
  })

  it('shows the media library in English, with the upload script\'s messages', async () => {
    const html = await page('/admin/media')
    expect(html).toContain('<h1>Media library</h1>')
    expect(html).toContain('Upload photos')
    expect(html).toContain('The library is empty.')
    const block = /<script type="application\/json" id="media-messages">([\s\S]*?)<\/script>/.exec(html)?.[1]
    expect(JSON.parse(block!)['media.js.uploaded']).toBe('{file}: uploaded.')
    expect(visibleText(html)).not.toMatch(POLISH_LETTERS)
  })

  it('shows the wire desk in English', async () => {
    const list = await page('/admin/serwisy')
    expect(list).toContain('<h1>Wires</h1>')
    expect(list).toContain('Search headlines')
    expect(visibleText(list)).not.toMatch(POLISH_LETTERS)
    const sources = await page('/admin/serwisy/zrodla')
    expect(sources).toContain('<h1>Wire sources</h1>')
    expect(sources).toContain('RSS/Atom feed')
    expect(visibleText(sources)).not.toMatch(POLISH_LETTERS)
    const add = await page('/admin/serwisy/dodaj')
    expect(add).toContain('Paste a text')
    expect(visibleText(add)).not.toMatch(POLISH_LETTERS)
  })

  it('explains a refused story in English, in the form and in the JSON API', async () => {
    const s = await loginAs(t, editor)
    await s.get('/admin/artykuly/nowy')
    const refused = await s.submit('/admin/artykuly/nowy', { headline: '', lede: 'Kept lede', slug: 'Zły adres!', _action: 'save' })
    expect(refused.status).toBe(422)
    const html = await refused.text()
    expect(html).toContain('Correct the marked fields:')
    expect(html).toContain('Headline: Enter a headline.')
    expect(html).toContain('Address (slug): An address may only have lower-case letters')
    expect(html).toContain('Kept lede')
    const api = await s.request('/api/admin/stories', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': s.csrf! },
      body: JSON.stringify({ story: { headline: 'Tytuł', sectionSlug: 'nie-ma-takiego' } }),
    })
    expect(api.status).toBe(422)
    const problem = (await api.json()) as { errors: Array<{ field: string; message: string }> }
    expect(problem.errors).toEqual([{ field: 'sectionSlug', message: 'Section: there is no such section.' }])
  })

  it('still shows Polish to a Polish-speaking user', async () => {
    const polish = await createUser(t.testDb.db, 'editor', { language: 'pl' })
    const s = await loginAs(t, polish)
    const html = await (await s.get('/admin/artykuly/nowy')).text()
    expect(html).toContain('<h1>Nowy artykuł</h1>')
    const block = /<script type="application\/json" id="editor-messages">([\s\S]*?)<\/script>/.exec(html)?.[1]
    expect(JSON.parse(block!)['editor.toolbar']).toBe('Formatowanie treści')
  })
})
