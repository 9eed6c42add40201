import { describe, expect, it } from 'vitest'
import { storyFromJson, storyFromJsonText, storyFromPlainText, storyFromText, StoryInputError } from './input.js'

describe('plain text input', () => {
  it('headline, lead photo, lede, paragraphs, later photos, subheadings', () => {
    const text = [
      '  Irak i USA rozpoczynają rozmowy  ',
      '',
      'Fot. Premier Iraku w Bagdadzie',
      'Alt: Mężczyzna w garniturze przy mównicy',
      'Fot. PAP/Reuters',
      '',
      'Autor: Laura Kowalczyk',
      '',
      'Obydwa narody podjęły decyzję',
      'o rozpoczęciu dialogu.',
      '',
      'Pierwszy akapit treści.',
      '',
      '## Co dalej',
      '',
      'Photo: Soldiers at the base',
      '',
      'Credit: AP',
      '',
      'Ostatni akapit.',
    ].join('\r\n')
    const { story } = storyFromPlainText(text)
    expect(story.headline).toBe('Irak i USA rozpoczynają rozmowy')
    expect(story.lede).toBe('Obydwa narody podjęły decyzję o rozpoczęciu dialogu.')
    expect(story.language).toBe('pl')
    expect(story.leadImage).toEqual({ caption: 'Premier Iraku w Bagdadzie', alt: 'Mężczyzna w garniturze przy mównicy', credit: 'PAP/Reuters' })
    expect(story.body.content).toEqual([
      { type: 'paragraph', attrs: { id: 'b1' }, content: [{ type: 'text', text: 'Pierwszy akapit treści.' }] },
      { type: 'heading', attrs: { id: 'b2', level: 2 }, content: [{ type: 'text', text: 'Co dalej' }] },
      { type: 'image', attrs: { id: 'b3', mediaId: null, src: null, alt: '', caption: 'Soldiers at the base', credit: 'AP' } },
      { type: 'paragraph', attrs: { id: 'b4' }, content: [{ type: 'text', text: 'Ostatni akapit.' }] },
    ])
  })

  it('an explicit "Lead:" paragraph wins; text keeps its spaces for exact offsets', () => {
    const { story } = storyFromPlainText('Tytuł\n\nPierwszy  akapit -x.\n\nLead: Streszczenie.', { language: 'en' })
    expect(story.lede).toBe('Streszczenie.')
    expect(story.language).toBe('en')
    expect(story.body.content[0]).toMatchObject({ content: [{ text: 'Pierwszy  akapit -x.' }] })
    expect(story.leadImage).toBeNull()
  })

  it('refuses empty text', () => {
    expect(() => storyFromPlainText(' \n\n ')).toThrow(StoryInputError)
  })
})

describe('JSON input', () => {
  const body = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Akapit.' }] }] }

  it('the admin API story, with context, or wrapped as the story API returns it', () => {
    const { story, context } = storyFromJson({
      headline: 'Tytuł',
      lede: 'Lead.',
      body,
      slug: 'ignored-field',
      leadMediaId: 3,
      media: [{ id: 3, alt: 'Opis', credit: 'PAP' }],
      glossary: ['dron'],
      knownNames: ['Sudani'],
      knownPaths: ['/swiat'],
      original: { b1: 'Paragraph.' },
    })
    expect(story).toMatchObject({ headline: 'Tytuł', lede: 'Lead.', language: 'pl', leadMediaId: 3 })
    expect(context.media).toEqual(new Map([[3, { id: 3, alt: 'Opis', credit: 'PAP' }]]))
    expect(context).toMatchObject({ glossary: ['dron'], knownNames: ['Sudani'], knownPaths: ['/swiat'], source: { b1: 'Paragraph.' } })
    expect(storyFromJson({ version: 3, snapshot: { headline: 'T', body } }).story.headline).toBe('T')
    expect(storyFromJson({ headline: 'T', body, media: { '3': { alt: 'a' } } }).context.media).toEqual(new Map([[3, { alt: 'a' }]]))
  })

  it('names what is wrong with a bad story', () => {
    expect(() => storyFromJsonText('{"headline": "T", "body": {"type": "doc", "content": [{"type": "paragraf"}]}}')).toThrow(/body\.content\.0\.type/)
    expect(() => storyFromJsonText('{"headline": 5}')).toThrow(/headline/)
    expect(() => storyFromJsonText('[1]')).toThrow(/expected a JSON object/)
    expect(() => storyFromJsonText('{"headline": ')).toThrow(/bad JSON/)
  })

  it('the format is told by the first character unless given', () => {
    expect(storyFromText('{"headline": "T"}').story.headline).toBe('T')
    expect(storyFromText('{not json}\n\nAkapit.', { format: 'text' }).story.headline).toBe('{not json}')
    expect(storyFromText('Tytuł\n\nAkapit.').story.lede).toBe('Akapit.')
  })
})
