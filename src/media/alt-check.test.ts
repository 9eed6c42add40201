import pino from 'pino'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { basicSite, paragraphs } from '../../test/fixtures.js'
import { createTestApp, DIALECTS, type TestApp } from '../../test/support.js'
import type { BlockDocument } from '../content/document.js'
import { NewsroomError, NewsroomService, type Actor } from '../newsroom/newsroom.service.js'
import { imagesMissingAlt, mediaMissingAlt, missingAltMessage } from './alt-check.js'
import { updateMediaMeta } from './library.js'
import { storeImage } from './media.service.js'

const editor: Actor = { id: 1, name: 'Ewa Redaktor', role: 'editor' }

const solid = (r: number) => sharp({ create: { width: 64, height: 48, channels: 3, background: { r, g: 100, b: 50 } } }).jpeg().toBuffer()

function withImages(...images: Array<{ mediaId?: number; src?: string; alt?: string; caption?: string }>): BlockDocument {
  return {
    type: 'doc',
    content: [
      { type: 'paragraph', content: [{ type: 'text', text: 'Akapit.' }] },
      ...images.map((i) => ({ type: 'image' as const, attrs: { mediaId: i.mediaId ?? null, src: i.src ?? null, alt: i.alt ?? '', caption: i.caption ?? '', credit: '' } })),
    ],
  }
}

async function refusal(promise: Promise<unknown>): Promise<NewsroomError> {
  try {
    await promise
  } catch (err) {
    expect(err).toBeInstanceOf(NewsroomError)
    return err as NewsroomError
  }
  throw new Error('expected a NewsroomError')
}

describe.each(DIALECTS)('%s: alt text required before publishing', (dialect) => {
  let t: TestApp
  let newsroom: NewsroomService
  let described: number
  let bare: number
  let bare2: number

  beforeAll(async () => {
    t = await createTestApp(dialect)
    await basicSite(t.testDb.db)
    newsroom = new NewsroomService(t.testDb, t.deps.content, t.deps.now)
    newsroom.handleJobs(t.jobs)
    const deps = { db: t.testDb.db, storage: t.deps.mediaStorage, logger: pino({ level: 'silent' }) }
    described = (await storeImage(deps, await solid(10), { alt: 'Opisane zdjęcie', caption: '', credit: '' })).id
    bare = (await storeImage(deps, await solid(20), { alt: '  ', caption: 'Most w Toruniu', credit: '' }, { originalName: 'most.jpg' })).id
    bare2 = (await storeImage(deps, await solid(30), { alt: '', caption: '', credit: '' })).id
  })
  afterAll(() => t.close())

  it('finds library images without alt text', async () => {
    expect((await mediaMissingAlt(t.testDb.db, [described, bare, null, undefined, 999_999, bare])).map((r) => r.id)).toEqual([bare])
    expect(await mediaMissingAlt(t.testDb.db, [])).toEqual([])
    const missing = await imagesMissingAlt(t.testDb.db, {
      leadMediaId: bare,
      body: withImages({ mediaId: described }, { mediaId: bare2 }, { mediaId: bare, alt: 'Własny opis w bloku' }, { src: 'https://example.com/a.jpg' }),
    })
    expect(missing.map((m) => [m.where, m.mediaId, m.label])).toEqual([
      ['lead', bare, 'most.jpg'],
      ['block', bare2, ''],
      ['block', null, 'https://example.com/a.jpg'],
    ])
    expect(missingAltMessage(missing)).toBe(
      'Nie można opublikować: brak tekstu alternatywnego (opisu zdjęcia dla osób, które go nie widzą) – zdjęcie główne (nr ' +
        bare +
        ', „most.jpg”); zdjęcie w treści (nr ' +
        bare2 +
        '); zdjęcie w treści („https://example.com/a.jpg”). Uzupełnij go w bibliotece mediów albo w bloku zdjęcia.',
    )
  })

  it('refuses to publish or schedule a story whose images lack alt text, naming them', async () => {
    const story = await newsroom.createStory(editor, 'article', { headline: 'Zdjęcia bez opisu', sectionSlug: 'kraj', leadMediaId: bare, body: withImages({ mediaId: bare2 }) })
    const err = await refusal(newsroom.act(editor, story.articleId, 'publish'))
    expect(err.code).toBe('Invalid')
    expect(err.message).toContain(`zdjęcie główne (nr ${bare}, „most.jpg”)`)
    expect(err.message).toContain(`zdjęcie w treści (nr ${bare2})`)
    expect(err.detail).toMatchObject({ missingAlt: [{ where: 'lead', mediaId: bare }, { where: 'block', mediaId: bare2 }] })
    const scheduled = await refusal(newsroom.act(editor, story.articleId, 'schedule', { publishAt: new Date(Date.now() + 3_600_000).toISOString() }))
    expect(scheduled.code).toBe('Invalid')
    expect((await newsroom.get(story.articleId)).publication).toBe('draft')

    // The block's own alt covers its image; the library's alt covers the lead.
    const fixed = await newsroom.save(editor, story.articleId, { headline: 'Zdjęcia bez opisu', sectionSlug: 'kraj', leadMediaId: bare, body: withImages({ mediaId: bare2, alt: 'Opis w bloku' }) }, story.version + 0)
    const stillLead = await refusal(newsroom.act(editor, story.articleId, 'publish'))
    expect(stillLead.message).toContain('zdjęcie główne')
    expect(stillLead.message).not.toContain('zdjęcie w treści')
    await updateMediaMeta(t.testDb.db, bare, { alt: 'Most drogowy w Toruniu o zmierzchu', caption: 'Most w Toruniu', credit: '' }, new Date())
    const published = await newsroom.act(editor, fixed.articleId, 'publish')
    expect(published.publication).toBe('published')
  })

  it('publishes stories without images as before', async () => {
    const story = await newsroom.createStory(editor, 'article', { headline: 'Sam tekst', sectionSlug: 'kraj', body: paragraphs('Bez zdjęć.') })
    expect((await newsroom.act(editor, story.articleId, 'publish')).publication).toBe('published')
  })
})
