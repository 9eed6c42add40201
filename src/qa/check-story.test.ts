import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BlockDocument } from '../content/document.js'
import { checkStory, hasErrors, withPositionalIds } from './check-story.js'
import { loadTestTools, noDictionary, paragraph, type Tools } from './test-support.js'
import type { QaStory } from './types.js'
import { textUnits } from './units.js'

describe('the units the checks read', () => {
  it('blocks and fields with the plain text offsets count in', () => {
    const body: BlockDocument = {
      type: 'doc',
      content: [
        { type: 'paragraph', attrs: { id: 'p' }, content: [{ type: 'text', text: 'Raz' }, { type: 'hardBreak' }, { type: 'text', text: 'dwa', marks: [{ type: 'link', attrs: { href: '/a' } }] }] },
        { type: 'list', attrs: { id: 'l', ordered: false }, content: [{ type: 'listItem', content: [{ type: 'text', text: 'jeden' }] }, { type: 'listItem', content: [{ type: 'text', text: 'dwa', marks: [{ type: 'link', attrs: { href: '/b' } }] }] }] },
        { type: 'quote', attrs: { id: 'q', attribution: 'rzecznik' }, content: [{ type: 'text', text: 'Cytat.' }] },
        { type: 'factbox', attrs: { id: 'f', title: 'W skrócie' }, content: [paragraph('x', 'Pierwsze.'), { type: 'list', content: [{ type: 'listItem', content: [{ type: 'text', text: 'punkt' }] }] }] },
        { type: 'image', attrs: { id: 'i', mediaId: 4, src: null, alt: '', caption: 'Własny podpis', credit: '' } },
        { type: 'embed', attrs: { id: 'e', url: 'https://youtube.com/x', title: 'Video title', provider: 'YouTube' } },
        { type: 'divider', attrs: { id: 'd' } },
      ],
    }
    const units = textUnits({ headline: 'T', lede: 'L', body, seoTitle: 'S', seoDescription: '' }, { media: new Map([[4, { alt: 'Z biblioteki', caption: 'Biblioteczny', credit: 'PAP' }]]) })
    expect(units.map((u) => [u.field, u.block, u.role, u.text, u.sourceKey, u.typeset])).toEqual([
      ['headline', null, 'headline', 'T', 'headline', true],
      ['lede', null, 'lede', 'L', 'lede', true],
      ['body', 'p', 'paragraph', 'Raz\ndwa', 'p', true],
      ['body', 'l', 'list', 'jeden\ndwa', 'l', true],
      ['body', 'q', 'quote', 'Cytat.', 'q', true],
      ['attribution', 'q', 'attribution', 'rzecznik', 'q.attribution', true],
      ['title', 'f', 'title', 'W skrócie', 'f.title', true],
      ['body', 'f', 'factbox', 'Pierwsze.\npunkt', 'f', true],
      ['caption', 'i', 'caption', 'Własny podpis', 'i.caption', true],
      ['alt', 'i', 'alt', 'Z biblioteki', 'i.alt', false],
      ['credit', 'i', 'credit', 'PAP', 'i.credit', true],
      ['title', 'e', 'embedTitle', 'Video title', 'e.title', true],
      ['seoTitle', null, 'seoTitle', 'S', 'seoTitle', false],
    ])
    expect(units[2]!.links).toEqual([{ href: '/a', start: 4, end: 7 }])
    expect(units[3]!.links).toEqual([{ href: '/b', start: 6, end: 9 }])
  })

  it('blocks without an id get a positional one', () => {
    const doc = withPositionalIds({ type: 'doc', content: [paragraph('keep', 'A.'), { type: 'paragraph', content: [{ type: 'text', text: 'B.' }] }] })
    expect(doc.content.map((b) => b.attrs && 'id' in b.attrs && b.attrs.id)).toEqual(['keep', 'b2'])
  })
})

describe('checkStory', () => {
  const story: QaStory = {
    headline: 'Irak i USA rozpoczynają rozmowy',
    lede: 'Obydwa narody podjęły decyzję o rozpoczęciu dialogu.',
    body: {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'Przywódca milicji Abu Mahdi al -Muhandis zginął.' }] },
        { type: 'image', attrs: { mediaId: null, src: '/media/a.jpg', alt: '', caption: 'Żołnierze w bazie i', credit: 'PAP' } },
      ],
    },
    language: 'pl',
    seoDescription: 'Rozmowy  w Bagdadzie.',
  }

  it('runs the checks without tools (no language identification, no dictionary) and sorts in reading order', () => {
    const found = checkStory(story)
    expect(found.map((f) => [f.kind, f.severity, f.field, f.block, f.text])).toEqual([
      ['hyphen-spacing', 'warning', 'body', 'b1', 'al -Muhandis'],
      ['cut-off', 'error', 'caption', 'b2', 'i'],
      ['missing-alt', 'error', 'alt', 'b2', ''],
      ['double-space', 'warning', 'seoDescription', null, '  '],
    ])
    expect(hasErrors(found)).toBe(true)
    expect(hasErrors(found.filter((f) => f.severity === 'warning'))).toBe(false)
  })

  it('every finding span is exactly its text', () => {
    for (const f of checkStory(story)) {
      const unit = textUnits({ ...story, body: withPositionalIds(story.body) }, {}).find((u) => u.field === f.field && u.block === f.block)
      if (unit) expect(unit.text.slice(f.start, f.end)).toBe(f.text)
    }
  })

  it('messages in English on request', () => {
    const [f] = checkStory(story, { messages: 'en' })
    expect(f!.message).toMatch(/^A space next to the hyphen/)
  })
})

describe.skipIf(noDictionary)('checkStory with eld and the dictionary', () => {
  let tools: Tools
  beforeAll(async () => {
    tools = await loadTestTools()
  })
  afterAll(() => tools?.cleanup())

  it('a foreign-language text gets the language error, not spelling or repetition warnings', () => {
    const found = checkStory(
      {
        headline: 'Rozmowy w Bagdadzie',
        lede: 'Rozmowy trwały do wieczoru.',
        body: { type: 'doc', content: [paragraph('en', 'The statement stated that the talks started in Baghdad on Saturday.')] },
      },
      { dictionary: tools.dictionary, identifyLanguage: tools.identifyLanguage },
    )
    expect(found.map((f) => [f.kind, f.block])).toEqual([['language', 'en']])
  })
})
