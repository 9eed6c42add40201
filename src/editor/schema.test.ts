// @vitest-environment happy-dom
/**
 * Round trips between the block document and the TipTap editor: the editor's JSON *is* the
 * stored document, for every node, mark and attribute; whatever the editor produces validates.
 */
import { Editor, type JSONContent } from '@tiptap/core'
import { afterEach, describe, expect, it } from 'vitest'
import { DocumentSchema, type BlockDocument } from '../content/document.js'
import { renderDocument } from '../site/render-document.js'
import { EVERY_NODE, longStory } from './fixtures.js'
import { convertBlocks, currentBlockKind, editorContent, editorExtensions, insertBlock, setBlockKind } from './schema.js'

const editors: Editor[] = []
afterEach(() => {
  for (const e of editors.splice(0)) e.destroy()
  document.body.innerHTML = ''
})

function makeEditor(content: JSONContent | string | null = null): Editor {
  const element = document.createElement('div')
  document.body.append(element)
  const editor = new Editor({ element, extensions: editorExtensions(), injectCSS: false, ...(content !== null ? { content } : {}) })
  editors.push(editor)
  return editor
}

/** Ids are generated: compare shapes with ids replaced by their order of appearance. */
function withoutIds(doc: unknown): unknown {
  return JSON.parse(JSON.stringify(doc, (key, value) => (key === 'id' ? (value ? '<id>' : value) : value)))
}

function ids(doc: JSONContent): string[] {
  const out: string[] = []
  const visit = (n: JSONContent) => {
    if (n.attrs && 'id' in n.attrs) out.push(n.attrs.id as string)
    n.content?.forEach(visit)
  }
  visit(doc)
  return out
}

function keydown(editor: Editor, key: string, extra: KeyboardEventInit = {}) {
  editor.view.dom.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...extra }))
}

describe('block document ⇄ editor', () => {
  it('the fixture is a valid block document that the validator leaves as it is', () => {
    expect(DocumentSchema.parse(EVERY_NODE)).toEqual(EVERY_NODE)
  })

  it('getJSON() after setContent(doc) equals the doc, for every node and mark', () => {
    const editor = makeEditor()
    editor.commands.setContent(EVERY_NODE)
    expect(editor.getJSON()).toEqual(EVERY_NODE)
    // …and through the constructor too.
    expect(makeEditor(EVERY_NODE).getJSON()).toEqual(EVERY_NODE)
  })

  it('each block alone round-trips (no neighbour masks a problem)', () => {
    const editor = makeEditor()
    for (const block of EVERY_NODE.content) {
      const doc: BlockDocument = { type: 'doc', content: [block] }
      editor.commands.setContent(doc)
      expect(editor.getJSON(), block.type).toEqual(doc)
    }
  })

  it('the HTML the editor renders (copy and paste) parses back to the same document', () => {
    const editor = makeEditor(EVERY_NODE)
    const html = editor.getHTML()
    const other = makeEditor()
    other.commands.setContent(html)
    expect(other.getJSON()).toEqual(EVERY_NODE)
  })

  it("the site's rendered HTML pasted into the editor gives the document back (ids aside)", () => {
    const doc = structuredClone(EVERY_NODE)
    // The site renders an image from its media item, and an empty paragraph not at all.
    doc.content = doc.content.filter((b) => !(b.type === 'image' && b.attrs.mediaId) && !(b.type === 'paragraph' && !b.content))
    const fb = doc.content.find((b) => b.type === 'factbox' && b.attrs?.title === '')
    doc.content = doc.content.filter((b) => b !== fb)
    const html = renderDocument(doc, { media: new Map(), mediaUrl: () => '', polish: false })
    const editor = makeEditor()
    editor.commands.setContent(html)
    const json = editor.getJSON()
    expect(DocumentSchema.safeParse(json).error?.issues).toBeUndefined()
    // The site marks a credit as "Fot. PAP" and shows the embed's host when it has no provider.
    const expected = withoutIds(doc) as BlockDocument
    for (const b of expected.content) if (b.type === 'embed' && !b.attrs.provider) b.attrs.provider = 'example.com'
    for (const b of expected.content) if (b.type === 'embed' && !b.attrs.title) b.attrs.title = b.attrs.url
    // The site keeps marks open across a line break; the document has none on it.
    expect(withoutIds(DocumentSchema.parse(json))).toEqual(expected)
  })

  it('documents in looser stored forms come back valid and canonical', () => {
    const loose = {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'bez id, link bez tytułu', marks: [{ type: 'italic' }, { type: 'link', attrs: { href: 'https://a.pl' } }] }] },
        { type: 'quote', content: [{ type: 'text', text: 'cytat bez atrybutów' }] },
        { type: 'list', content: [{ type: 'listItem', content: [{ type: 'text', text: 'a' }] }] },
        { type: 'divider' },
        { type: 'factbox', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x' }] }] },
        { type: 'image', attrs: { mediaId: 3 } },
      ],
    }
    const parsed = DocumentSchema.parse(loose)
    const json = makeEditor(editorContent(parsed)).getJSON()
    expect(DocumentSchema.parse(json)).toEqual(json)
    expect(withoutIds(json)).toEqual({
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          attrs: { id: '<id>' },
          content: [{ type: 'text', text: 'bez id, link bez tytułu', marks: [{ type: 'link', attrs: { href: 'https://a.pl', title: '' } }, { type: 'italic' }] }],
        },
        { type: 'quote', attrs: { id: '<id>', attribution: '' }, content: [{ type: 'text', text: 'cytat bez atrybutów' }] },
        { type: 'list', attrs: { id: '<id>', ordered: false }, content: [{ type: 'listItem', content: [{ type: 'text', text: 'a' }] }] },
        { type: 'divider', attrs: { id: '<id>' } },
        { type: 'factbox', attrs: { id: '<id>', title: '' }, content: [{ type: 'paragraph', attrs: { id: '<id>' }, content: [{ type: 'text', text: 'x' }] }] },
        { type: 'image', attrs: { id: '<id>', mediaId: 3, src: null, alt: '', caption: '', credit: '' } },
      ],
    })
    expect(new Set(ids(json)).size).toBe(ids(json).length)
  })

  it('an empty document becomes one empty paragraph (somewhere to type)', () => {
    const json = makeEditor(editorContent({ type: 'doc', content: [] })).getJSON()
    expect(withoutIds(json)).toEqual({ type: 'doc', content: [{ type: 'paragraph', attrs: { id: '<id>' } }] })
    expect(DocumentSchema.safeParse(json).success).toBe(true)
  })

  it('a 400-block story round-trips', () => {
    const doc = longStory(400)
    expect(makeEditor(doc).getJSON()).toEqual(doc)
  })
})

describe('editing keeps the document valid', () => {
  function validAfter(editor: Editor) {
    const json = editor.getJSON()
    const result = DocumentSchema.safeParse(json)
    expect(result.success, JSON.stringify(result.error?.issues)).toBe(true)
    expect(new Set(ids(json)).size, 'block ids are unique').toBe(ids(json).length)
    return json as BlockDocument
  }

  it('splitting a paragraph keeps the first half’s id and gives the second a new one', () => {
    const editor = makeEditor({ type: 'doc', content: [{ type: 'paragraph', attrs: { id: 'keep' }, content: [{ type: 'text', text: 'Ala ma kota' }] }] })
    editor.commands.setTextSelection(4)
    keydown(editor, 'Enter')
    const json = validAfter(editor)
    expect(json.content).toHaveLength(2)
    expect(json.content[0]!.attrs?.id).toBe('keep')
    expect(json.content[1]!.attrs?.id).toMatch(/^[a-z0-9]{12}$/)
  })

  it('converts blocks to headings, quotes and lists and back, keeping text, ids and the cursor', () => {
    const editor = makeEditor({
      type: 'doc',
      content: [
        { type: 'paragraph', attrs: { id: 'a' }, content: [{ type: 'text', text: 'pierwszy' }] },
        { type: 'paragraph', attrs: { id: 'b' }, content: [{ type: 'text', text: 'drugi' }] },
      ],
    })
    editor.commands.setTextSelection({ from: 3, to: 14 })
    expect(setBlockKind(editor, { type: 'list', ordered: true })).toBe(true)
    let json = validAfter(editor)
    expect(json.content).toEqual([
      { type: 'list', attrs: { id: 'a', ordered: true }, content: [{ type: 'listItem', content: [{ type: 'text', text: 'pierwszy' }] }, { type: 'listItem', content: [{ type: 'text', text: 'drugi' }] }] },
    ])
    expect(currentBlockKind(editor.state)).toEqual({ type: 'list', ordered: true })
    editor.commands.selectAll()
    setBlockKind(editor, { type: 'list', ordered: true })
    json = validAfter(editor)
    expect(json.content.map((b) => b.type)).toEqual(['paragraph', 'paragraph'])
    expect(json.content[0]!.attrs?.id).toBe('a')
    editor.commands.setTextSelection(2)
    setBlockKind(editor, { type: 'heading', level: 3 })
    setBlockKind(editor, { type: 'quote' })
    json = validAfter(editor)
    expect(json.content[0]).toEqual({ type: 'quote', attrs: { id: 'a', attribution: '' }, content: [{ type: 'text', text: 'pierwszy' }] })
  })

  it('input rules: "## " heading, "> " quote, "- " list, "1. " numbered list, "---" divider', () => {
    const editor = makeEditor()
    const type = (text: string) => {
      for (const ch of text) {
        const { from, to } = editor.state.selection
        const handled = editor.view.someProp('handleTextInput', (f) => f(editor.view, from, to, ch, () => editor.state.tr.insertText(ch, from, to)))
        if (!handled) editor.view.dispatch(editor.state.tr.insertText(ch, from, to))
      }
    }
    const newBlock = () => keydown(editor, 'Enter')
    type('## Tytuł')
    newBlock()
    type('> Cytat')
    newBlock()
    type('- punkt')
    newBlock()
    newBlock()
    type('1. pierwszy')
    newBlock()
    newBlock()
    type('---')
    type('dalej')
    const json = validAfter(editor)
    expect(withoutIds(json)).toEqual({
      type: 'doc',
      content: [
        { type: 'heading', attrs: { id: '<id>', level: 2 }, content: [{ type: 'text', text: 'Tytuł' }] },
        { type: 'quote', attrs: { id: '<id>', attribution: '' }, content: [{ type: 'text', text: 'Cytat' }] },
        { type: 'list', attrs: { id: '<id>', ordered: false }, content: [{ type: 'listItem', content: [{ type: 'text', text: 'punkt' }] }] },
        { type: 'list', attrs: { id: '<id>', ordered: true }, content: [{ type: 'listItem', content: [{ type: 'text', text: 'pierwszy' }] }] },
        { type: 'divider', attrs: { id: '<id>' } },
        { type: 'paragraph', attrs: { id: '<id>' }, content: [{ type: 'text', text: 'dalej' }] },
      ],
    })
  })

  it('Enter inside a quote breaks the line; Backspace at its start makes it a paragraph', () => {
    const editor = makeEditor({ type: 'doc', content: [{ type: 'quote', attrs: { id: 'q', attribution: 'ktoś' }, content: [{ type: 'text', text: 'abcd' }] }] })
    editor.commands.setTextSelection(3)
    keydown(editor, 'Enter')
    let json = validAfter(editor)
    expect(json.content[0]).toEqual({ type: 'quote', attrs: { id: 'q', attribution: 'ktoś' }, content: [{ type: 'text', text: 'ab' }, { type: 'hardBreak' }, { type: 'text', text: 'cd' }] })
    editor.commands.setTextSelection(1)
    keydown(editor, 'Backspace')
    json = validAfter(editor)
    expect(json.content[0]!.type).toBe('paragraph')
    expect(json.content[0]!.attrs?.id).toBe('q')
  })

  it('lists: Enter splits an item, Enter on an empty item leaves the list, Backspace lifts the first item', () => {
    const editor = makeEditor({ type: 'doc', content: [{ type: 'list', attrs: { id: 'l', ordered: false }, content: [{ type: 'listItem', content: [{ type: 'text', text: 'ab' }] }] }] })
    editor.commands.setTextSelection(4)
    keydown(editor, 'Enter')
    expect((validAfter(editor).content[0] as { content: unknown[] }).content).toHaveLength(2)
    keydown(editor, 'Enter')
    let json = validAfter(editor)
    expect(json.content.map((b) => b.type)).toEqual(['list', 'paragraph'])
    expect(json.content[0]!.attrs?.id).toBe('l')
    editor.commands.setTextSelection(2)
    keydown(editor, 'Backspace')
    json = validAfter(editor)
    expect(json.content.map((b) => b.type)).toEqual(['paragraph', 'paragraph'])
  })

  it('inserts images, embeds, dividers and fact boxes; pasted copies get new ids', () => {
    const editor = makeEditor({ type: 'doc', content: [{ type: 'paragraph', attrs: { id: 'p' }, content: [{ type: 'text', text: 'tekst' }] }] })
    editor.commands.setTextSelection(3)
    insertBlock(editor, { type: 'image', attrs: { mediaId: 5, alt: 'opis', caption: 'podpis', credit: 'PAP' } })
    insertBlock(editor, { type: 'embed', attrs: { url: 'https://example.com/x', title: 'Wpis', provider: 'Example' } })
    insertBlock(editor, { type: 'divider' })
    insertBlock(editor, { type: 'factbox', attrs: { title: 'W skrócie' }, content: [{ type: 'paragraph' }] })
    editor.commands.insertContent('fakt')
    const json = validAfter(editor)
    expect(json.content.map((b) => b.type)).toEqual(['paragraph', 'image', 'embed', 'divider', 'factbox', 'paragraph'])
    expect(withoutIds(json.content[4])).toEqual({ type: 'factbox', attrs: { id: '<id>', title: 'W skrócie' }, content: [{ type: 'paragraph', attrs: { id: '<id>' }, content: [{ type: 'text', text: 'fakt' }] }] })
    // Paste the whole thing again: every copy gets its own id.
    editor.commands.setTextSelection(editor.state.doc.content.size - 1)
    editor.commands.insertContent(editor.getHTML())
    validAfter(editor)
  })

  it('refuses block kinds a fact box cannot hold', () => {
    const editor = makeEditor({ type: 'doc', content: [{ type: 'factbox', attrs: { id: 'f', title: '' }, content: [{ type: 'paragraph', attrs: { id: 'x' }, content: [{ type: 'text', text: 'a' }] }] }] })
    editor.commands.setTextSelection(3)
    expect(convertBlocks(editor.state, editor.state.tr, { type: 'heading', level: 2 })).toBe(false)
    expect(setBlockKind(editor, { type: 'list', ordered: false })).toBe(true)
    validAfter(editor)
  })
})
