import { describe, expect, it } from 'vitest'
import { DocumentSchema, documentText, paragraphsToDocument, parseDocument, withBlockIds, type BlockDocument } from './document.js'

const full: BlockDocument = {
  type: 'doc',
  content: [
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Zwykły ' },
        { type: 'text', text: 'pogrubiony', marks: [{ type: 'bold' }] },
        { type: 'text', text: ' link', marks: [{ type: 'link', attrs: { href: 'https://example.pl/' } }] },
      ],
    },
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Śródtytuł' }] },
    { type: 'quote', attrs: { attribution: 'rzecznik' }, content: [{ type: 'text', text: 'Cytat' }] },
    { type: 'list', attrs: { ordered: true }, content: [{ type: 'listItem', content: [{ type: 'text', text: 'punkt' }] }] },
    { type: 'image', attrs: { mediaId: 3, src: null, alt: 'alt', caption: 'Podpis', credit: 'Fot. X' } },
    { type: 'embed', attrs: { url: 'https://www.youtube.com/watch?v=1', title: 'Film', provider: 'YouTube' } },
    { type: 'divider' },
    { type: 'factbox', attrs: { title: 'W skrócie' }, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'fakt' }] }] },
  ],
}

describe('block document', () => {
  it('accepts every block type and round-trips through JSON unchanged', () => {
    const parsed = parseDocument(JSON.stringify(full))
    expect(parsed).toEqual(full)
  })

  it('refuses unknown blocks, unsafe links and bad heading levels with a path', () => {
    const bad = [
      { type: 'doc', content: [{ type: 'script', content: [] }] },
      { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] }] }] },
      { type: 'doc', content: [{ type: 'heading', attrs: { level: 1 }, content: [] }] },
      { type: 'doc', content: [{ type: 'embed', attrs: { url: 'ftp://example.pl/x' } }] },
    ]
    for (const doc of bad) {
      const result = DocumentSchema.safeParse(doc)
      expect(result.success).toBe(false)
      expect(result.error!.issues[0]!.path[0]).toBe('content')
    }
  })

  it('gives blocks stable ids and keeps existing ones', () => {
    let n = 0
    const withIds = withBlockIds({ type: 'doc', content: [{ type: 'divider', attrs: { id: 'keep' } }, { type: 'paragraph' }] }, () => `id${++n}`)
    expect(withIds.content.map((b) => b.attrs?.id)).toEqual(['keep', 'id1'])
  })

  it('extracts readable text block by block, captions included', () => {
    expect(documentText(full)).toEqual(['Zwykły pogrubiony link', 'Śródtytuł', 'Cytat', 'rzecznik', 'punkt', 'Podpis', 'Film', 'W skrócie', 'fakt'])
  })

  it('builds paragraphs from plain text, dropping empty ones', () => {
    expect(paragraphsToDocument(['  Ala  ma\nkota ', '', '   '])).toEqual({
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Ala ma kota' }] }],
    })
  })
})
