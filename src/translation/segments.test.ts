import { describe, expect, it } from 'vitest'
import type { StorySnapshot } from '../newsroom/newsroom.service.js'
import { applySegments, checkPublishable, nextStatus, storySegments, untranslatedBlocks } from './segments.js'

const link = { type: 'link' as const, attrs: { href: '/swiat/iran' } }
const story: StorySnapshot = {
  headline: 'US strike kills Iranian commander',
  lede: 'Qasem Soleimani was killed near Baghdad airport.',
  authorSlugs: [],
  tags: [],
  language: 'en',
  seoTitle: '',
  seoDescription: 'Soleimani killed in Baghdad',
  body: {
    type: 'doc',
    content: [
      { type: 'paragraph', attrs: { id: 'p1' }, content: [{ type: 'text', text: 'The ' }, { type: 'text', text: 'Pentagon', marks: [link] }, { type: 'text', text: ' confirmed.' }] },
      { type: 'image', attrs: { id: 'img', mediaId: null, src: '/media/a.jpg', alt: 'Burning car', caption: 'The wreckage of the car', credit: 'Reuters' } },
      { type: 'list', attrs: { id: 'l1', ordered: false }, content: [{ type: 'listItem', content: [{ type: 'text', text: 'One' }] }, { type: 'listItem', content: [{ type: 'text', text: 'Two' }] }] },
      { type: 'divider', attrs: { id: 'd' } },
      { type: 'factbox', attrs: { id: 'f', title: 'Who was he' }, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'A general.' }] }] },
    ],
  },
}

describe('story segments', () => {
  it('cut a story into stable, addressed segments (empty fields left out)', () => {
    const segs = storySegments(story)
    expect(segs.map((s) => s.id)).toEqual([
      'headline',
      'lede',
      'block:p1',
      'block:img:caption',
      'block:img:alt',
      'block:img:credit',
      'block:l1:item:0',
      'block:l1:item:1',
      'block:f:title',
      'block:f:0',
      'seoDescription',
    ])
    expect(segs.find((s) => s.id === 'block:img:credit')!.required).toBe(false)
    expect(segs.find((s) => s.id === 'block:f:0')!.blockId).toBe('f')
  })

  it('put translations back in place, keeping structure, ids and links', () => {
    const translated = applySegments(
      story,
      new Map([
        ['headline', [{ type: 'text' as const, text: 'Amerykański nalot zabił irańskiego dowódcę' }]],
        ['block:p1', [{ type: 'text' as const, text: 'Pentagon', marks: [link] }, { type: 'text' as const, text: ' potwierdził.' }]],
        ['block:img:caption', [{ type: 'text' as const, text: 'Wrak' }, { type: 'hardBreak' as const }, { type: 'text' as const, text: 'samochodu' }]],
        ['block:l1:item:1', [{ type: 'text' as const, text: 'Dwa' }]],
        ['block:f:0', [{ type: 'text' as const, text: 'Generał.' }]],
      ]),
    )
    expect(translated.headline).toBe('Amerykański nalot zabił irańskiego dowódcę')
    expect(translated.lede).toBe(story.lede)
    const [p, img, list, divider, factbox] = translated.body.content
    expect(p).toEqual({ type: 'paragraph', attrs: { id: 'p1' }, content: [{ type: 'text', text: 'Pentagon', marks: [link] }, { type: 'text', text: ' potwierdził.' }] })
    expect(img).toMatchObject({ attrs: { id: 'img', caption: 'Wrak samochodu', alt: 'Burning car', src: '/media/a.jpg' } })
    expect(list).toMatchObject({ content: [{ content: [{ text: 'One' }] }, { content: [{ text: 'Dwa' }] }] })
    expect(divider).toEqual(story.body.content[3])
    expect(factbox).toMatchObject({ attrs: { id: 'f', title: 'Who was he' }, content: [{ content: [{ text: 'Generał.' }] }] })
  })
})

describe('translation status', () => {
  it('moves machine → edited → approved; a changed source starts again', () => {
    expect(nextStatus(undefined, 'machine-translated')).toBe('machine')
    expect(nextStatus('machine', 'edited')).toBe('edited')
    expect(nextStatus('edited', 'approved')).toBe('approved')
    expect(nextStatus('approved', 'edited')).toBe('edited')
    expect(nextStatus(undefined, 'approved')).toBeUndefined()
    expect(nextStatus('approved', 'source-changed')).toBeUndefined()
  })

  it('lists required segments without a translation and blocks publishing until an override with a reason', () => {
    const all = Object.fromEntries(storySegments(story).map((s) => [s.id, 'approved' as const]))
    expect(untranslatedBlocks(story, all)).toEqual([])
    expect(checkPublishable(story, all)).toEqual({ ok: true, overridden: false })

    const { ['block:img:caption']: _caption, ['block:img:credit']: _credit, ['block:f:0']: _f, ...partial } = all
    const missing = untranslatedBlocks(story, partial)
    expect(missing.map((m) => [m.segmentId, m.blockId, m.field])).toEqual([
      ['block:img:caption', 'img', 'caption'],
      ['block:f:0', 'f', 'text'],
    ])
    expect(missing[0]!.message).toContain('podpis zdjęcia')

    const refused = checkPublishable(story, partial)
    expect(refused.ok).toBe(false)
    if (!refused.ok) expect(refused.message).toContain('2\u00a0elementy')
    expect(checkPublishable(story, partial, { reason: ' ', userId: 1 }).ok).toBe(false)
    const overridden = checkPublishable(story, partial, { reason: 'Pilna informacja, podpis dosłany później', userId: 1 })
    expect(overridden).toMatchObject({ ok: true, overridden: true, reason: 'Pilna informacja, podpis dosłany później' })
  })
})
