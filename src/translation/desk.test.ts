import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb } from '../../test/support.js'
import type { StorySnapshot } from '../newsroom/newsroom.service.js'
import { translateStory } from './desk.js'
import { Glossary } from './glossary.js'
import { TranslationMemory } from './memory.js'
import { QuotaExceeded, serializeInline, type Segment, type TranslationProvider } from './provider.js'
import { applySegments, untranslatedBlocks } from './segments.js'

const link = { type: 'link' as const, attrs: { href: 'https://example.com/statement' } }
const story: StorySnapshot = {
  headline: 'Strike kills Qasem Soleimani',
  lede: 'Iran vowed revenge.',
  authorSlugs: [],
  tags: [],
  language: 'en',
  seoTitle: '',
  seoDescription: '',
  body: {
    type: 'doc',
    content: [
      { type: 'paragraph', attrs: { id: 'p1' }, content: [{ type: 'text', text: 'The Pentagon confirmed it in a ' }, { type: 'text', text: 'statement', marks: [link] }, { type: 'text', text: '.' }] },
      { type: 'image', attrs: { id: 'img', mediaId: null, src: null, alt: '', caption: 'General Qasem Soleimani in 2019', credit: '' } },
    ],
  },
}

/** A fake provider: a fixed dictionary of tagged answers. */
function fakeProvider(answers: Record<string, string>, calls: Segment[][]): TranslationProvider {
  return {
    name: 'Fake',
    async translate(segments) {
      calls.push([...segments])
      return segments.map((s) => answers[serializeInline(s.content).text] ?? '??')
    },
  }
}

describe('translateStory', () => {
  let db: TestDb
  let memory: TranslationMemory
  const glossary = new Glossary([{ sourceLang: 'en', term: 'Qasem Soleimani', target: 'Kasem Sulejmani' }])
  beforeAll(async () => {
    db = await createTestDb('sqlite')
    memory = new TranslationMemory(db.db)
    await memory.store({ sourceLang: 'en', targetLang: 'pl', sourceText: 'Iran vowed revenge.', targetText: 'Iran zapowiedział odwet.' })
  })
  afterAll(() => db.close())

  it('takes exact memory matches, sends the rest to the provider, and reports glossary findings', async () => {
    const calls: Segment[][] = []
    const provider = fakeProvider(
      {
        'Strike kills Qasem Soleimani': 'Nalot zabił Kasema Sulejmaniego',
        'The Pentagon confirmed it in a <a id="1">statement</a>.': 'Pentagon potwierdził to w <a id="1">oświadczeniu</a>.',
        'General Qasem Soleimani in 2019': 'Generał Ghasem Solejmani w 2019 r.',
      },
      calls,
    )
    const result = await translateStory(story, { from: 'en', to: 'pl', provider, memory, glossary })
    expect(result.error).toBeUndefined()
    expect(calls[0]!.map((s) => s.id)).toEqual(['headline', 'block:p1', 'block:img:caption'])
    const byId = Object.fromEntries(result.segments.map((s) => [s.id, s]))
    expect(byId.lede).toMatchObject({ origin: 'memory', status: 'machine', content: [{ type: 'text', text: 'Iran zapowiedział odwet.' }] })
    expect(byId['block:p1']!.content).toEqual([{ type: 'text', text: 'Pentagon potwierdził to w ' }, { type: 'text', text: 'oświadczeniu', marks: [link] }, { type: 'text', text: '.' }])
    expect(byId.headline!.findings).toEqual([])
    expect(byId['block:img:caption']!.findings.map((f) => f.expected)).toEqual(['Kasem Sulejmani'])

    const translated = applySegments(story, new Map(result.segments.map((s) => [s.id, s.content])))
    expect(translated.body.content[1]).toMatchObject({ attrs: { caption: 'Generał Ghasem Solejmani w 2019 r.' } })
    const statuses = Object.fromEntries(result.segments.flatMap((s) => (s.status ? [[s.id, s.status]] : [])))
    expect(untranslatedBlocks(translated, statuses)).toEqual([])
  })

  it('keeps the source for manual translation when the provider fails or there is none', async () => {
    const failing: TranslationProvider = {
      name: 'Fake',
      async translate(segments) {
        throw new QuotaExceeded('Fake', segments)
      },
    }
    const failed = await translateStory(story, { from: 'en', to: 'pl', provider: failing, memory })
    expect(failed.error).toBeInstanceOf(QuotaExceeded)
    expect(failed.segments.find((s) => s.id === 'block:p1')).toMatchObject({ origin: 'source', status: undefined, content: story.body.content[0]!.type === 'paragraph' ? story.body.content[0]!.content : [] })
    expect(failed.segments.find((s) => s.id === 'lede')!.origin).toBe('memory')

    const manual = await translateStory(story, { from: 'en', to: 'pl', provider: null })
    expect(manual.error).toBeUndefined()
    expect(manual.segments.every((s) => s.origin === 'source' && s.status === undefined)).toBe(true)
    expect(untranslatedBlocks(story, {}).length).toBe(manual.segments.length)
  })
})
