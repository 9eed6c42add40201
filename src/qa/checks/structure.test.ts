import { describe, expect, it } from 'vitest'
import type { BlockDocument } from '../../content/document.js'
import { env, paragraph } from '../test-support.js'
import type { QaContext, QaStory } from '../types.js'
import { textUnits } from '../units.js'
import { checkStructure, MAX_TITLE, sitePath } from './structure.js'

function run(story: Partial<QaStory>, context: QaContext = {}) {
  const full: QaStory = { headline: 'Irak i USA rozpoczynają rozmowy', lede: 'Pierwsza runda w Bagdadzie.', body: { type: 'doc', content: [] }, ...story }
  return checkStructure(textUnits(full, context), env(context, full))
}

describe('story structure', () => {
  it('a complete story has no findings', () => {
    expect(run({})).toEqual([])
  })

  it('missing headline (error) and lede (warning)', () => {
    expect(run({ headline: ' ', lede: '' }).map((f) => [f.kind, f.severity, f.field])).toEqual([
      ['missing-headline', 'error', 'headline'],
      ['missing-lede', 'warning', 'lede'],
    ])
  })

  it('a headline too long for search results: the span is what gets cut off', () => {
    const headline = 'Irak i USA rozpoczynają formalne rozmowy w celu zakończenia koalicji utworzonej do walki z Państwem Islamskim'
    const [f] = run({ headline })
    expect(f).toMatchObject({ kind: 'headline-too-long', severity: 'warning', field: 'headline', start: MAX_TITLE, end: headline.length, text: headline.slice(MAX_TITLE) })
    // A short SEO title is what search results show: fine.
    expect(run({ headline, seoTitle: 'Irak i USA rozmawiają o końcu koalicji' })).toEqual([])
    expect(run({ seoTitle: headline })[0]).toMatchObject({ kind: 'seo-title-too-long', field: 'seoTitle' })
    expect(run({ seoDescription: 'x'.repeat(170) })[0]).toMatchObject({ kind: 'seo-description-too-long', start: 160, end: 170 })
  })

  it('images: alt text missing is an error, credit missing a warning; the library fills in', () => {
    const body: BlockDocument = {
      type: 'doc',
      content: [
        { type: 'image', attrs: { id: 'img1', mediaId: 7, src: null, alt: '', caption: 'Bagdad', credit: '' } },
        { type: 'image', attrs: { id: 'img2', mediaId: null, src: '/media/x.jpg', alt: '', caption: '', credit: 'PAP' } },
      ],
    }
    const media = new Map([[7, { alt: 'Widok Bagdadu z lotu ptaka', credit: 'Reuters' }]])
    expect(run({ body }, { media }).map((f) => [f.kind, f.severity, f.field, f.block])).toEqual([['missing-alt', 'error', 'alt', 'img2']])
    expect(run({ body }).map((f) => [f.kind, f.block])).toEqual([
      ['missing-alt', 'img1'],
      ['missing-credit', 'img1'],
      ['missing-alt', 'img2'],
    ])
    // The lead image, from the library or given directly.
    expect(run({ leadMediaId: 7 }, { media: { 7: { alt: '', credit: 'AP' } } }).map((f) => [f.kind, f.block])).toEqual([['missing-alt', null]])
    expect(run({ leadImage: { alt: 'Premier Iraku', caption: 'x' } }).map((f) => [f.kind, f.block])).toEqual([['missing-credit', null]])
  })

  it('broken internal links, when the known paths are given', () => {
    const body: BlockDocument = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          attrs: { id: 'p1' },
          content: [
            { type: 'text', text: 'Zobacz ' },
            { type: 'text', text: 'wcześniejszy tekst', marks: [{ type: 'link', attrs: { href: '/swiat/irak-wybory?ref=x' } }] },
            { type: 'text', text: ', ' },
            { type: 'text', text: 'archiwum', marks: [{ type: 'link', attrs: { href: '/swiat/stare/' } }] },
            { type: 'text', text: ', ' },
            { type: 'text', text: 'Reuters', marks: [{ type: 'link', attrs: { href: 'https://reuters.com/x' } }] },
            { type: 'text', text: ' i ' },
            { type: 'text', text: 'nasz serwis', marks: [{ type: 'link', attrs: { href: 'https://depesza.pl/brak' } }] },
            { type: 'text', text: '.' },
          ],
        },
      ],
    }
    const found = run({ body }, { knownPaths: ['/swiat/irak-wybory', '/swiat/stare'], siteUrl: 'https://depesza.pl' })
    expect(found.map((f) => [f.kind, f.severity, f.block, f.start, f.end, f.text])).toEqual([['broken-link', 'error', 'p1', 47, 58, 'nasz serwis']])
    expect(run({ body })).toEqual([])
    expect(run({ body }, { knownPaths: () => true })).toEqual([])
    expect(sitePath('//evil.example/x', null)).toBeNull()
    expect(sitePath('#przypisy', null)).toBeNull()
  })

  it('an embargo later than the scheduled time is an error', () => {
    const [f] = run({ publishedAt: '2026-11-27T10:00:00.000Z', embargoUntil: '2026-11-27T12:00:00.000Z' })
    expect(f).toMatchObject({ kind: 'embargo-after-schedule', severity: 'error', field: 'embargoUntil', block: null, text: '2026-11-27T12:00:00.000Z' })
    expect(run({ publishedAt: '2026-11-27T12:00:00.000Z', embargoUntil: '2026-11-27T12:00:00+00:00' })).toEqual([])
    expect(run({ embargoUntil: '2026-11-27T12:00:00.000Z' })).toEqual([])
  })

  it('speaks English on request', () => {
    const [f] = run({ body: { type: 'doc', content: [paragraph('p1', 'Tekst.')] }, lede: '' }, { messages: 'en' })
    expect(f!.message).toMatch(/^No lede\./)
  })
})
