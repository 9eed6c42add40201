import { describe, expect, it } from 'vitest'
import { parseDocument, type BlockDocument } from './document.js'
import { documentToText, textToDocument } from './page-text.js'

const TEXT = `## Jak pracujemy

Piszemy **rzetelnie**, *spokojnie* i ~~szybko~~ [sprawdzamy](https://depesza.test/zasady).
Drugi wiersz akapitu.

- Każdy tekst czyta druga osoba.
- Podajemy **źródło**.

1. pierwszy
2. drugi

> Prawda jest ważniejsza niż pośpiech.
> — redaktor naczelny

---

![Redakcja przy pracy](media:12 "Pokój redakcji")

Cena: 5 \\* 3 zł, a \\[nawias\\] zostaje.`

describe('page text ⇄ block document', () => {
  it('reads headings, paragraphs with marks and breaks, lists, quotes, dividers and images', () => {
    const { doc, errors } = textToDocument(TEXT)
    expect(errors).toEqual([])
    expect(() => parseDocument(doc)).not.toThrow()
    expect(doc.content.map((b) => b.type)).toEqual(['heading', 'paragraph', 'list', 'list', 'quote', 'divider', 'image', 'paragraph'])
    const p = doc.content[1]!
    expect(p.type === 'paragraph' && p.content).toEqual([
      { type: 'text', text: 'Piszemy ' },
      { type: 'text', text: 'rzetelnie', marks: [{ type: 'bold' }] },
      { type: 'text', text: ', ' },
      { type: 'text', text: 'spokojnie', marks: [{ type: 'italic' }] },
      { type: 'text', text: ' i ' },
      { type: 'text', text: 'szybko', marks: [{ type: 'strike' }] },
      { type: 'text', text: ' ' },
      { type: 'text', text: 'sprawdzamy', marks: [{ type: 'link', attrs: { href: 'https://depesza.test/zasady' } }] },
      { type: 'text', text: '.' },
      { type: 'hardBreak' },
      { type: 'text', text: 'Drugi wiersz akapitu.' },
    ])
    const quote = doc.content[4]!
    expect(quote.type === 'quote' && quote.attrs?.attribution).toBe('redaktor naczelny')
    expect(doc.content[6]).toEqual({ type: 'image', attrs: { mediaId: 12, src: null, alt: 'Redakcja przy pracy', caption: 'Pokój redakcji', credit: '' } })
    const last = doc.content[7]!
    expect(last.type === 'paragraph' && last.content).toEqual([{ type: 'text', text: 'Cena: 5 * 3 zł, a [nawias] zostaje.' }])
  })

  it('writes a document back as the same text, and the text back as the same document', () => {
    const { doc } = textToDocument(TEXT)
    const again = textToDocument(documentToText(doc)).doc
    expect(again).toEqual(doc)
  })

  it('keeps blocks the text cannot show by reference to their id', () => {
    const current: BlockDocument = {
      type: 'doc',
      content: [
        { type: 'paragraph', attrs: { id: 'p1' }, content: [{ type: 'text', text: 'Wstęp.' }] },
        { type: 'factbox', attrs: { id: 'fb1', title: 'W skrócie' }, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Fakt.' }] }] },
      ],
    }
    const text = documentToText(current)
    expect(text).toBe('Wstęp.\n\n[[blok:fb1]]')
    const { doc, errors } = textToDocument(`${text}\n\nNowy akapit.`, current)
    expect(errors).toEqual([])
    expect(doc.content[1]).toEqual(current.content[1])
    expect(textToDocument('[[blok:nie-ma]]', current).errors).toEqual([{ line: 1, code: 'unknownBlock', detail: 'nie-ma' }])
  })

  it('refuses unsafe links with the line number, and keeps their text', () => {
    const { doc, errors } = textToDocument('Dobry akapit.\n\nKliknij [tu](javascript:alert(1)).')
    expect(errors).toEqual([{ line: 3, code: 'linkUnsafe', detail: 'javascript:alert(1)' }])
    const p = doc.content[1]!
    expect(p.type === 'paragraph' && p.content).toEqual([{ type: 'text', text: 'Kliknij ' }, { type: 'text', text: 'tu' }, { type: 'text', text: '.' }])
  })

  it('escapes a paragraph that would read as another block', () => {
    const doc: BlockDocument = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '- to nie lista' }] }, { type: 'paragraph', content: [{ type: 'text', text: '## ani nagłówek' }] }] }
    expect(textToDocument(documentToText(doc)).doc).toEqual(doc)
  })
})
