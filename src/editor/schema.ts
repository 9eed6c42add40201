/**
 * @module
 * The editor's TipTap schema: one node or mark per element of the block document
 * (src/content/document.ts), with the same names and the same attributes, so that
 * `editor.getJSON()` *is* a `BlockDocument` (checked by the round-trip tests) and no
 * conversion layer sits between the editor and the store.
 *
 * Canonical form (what the editor gives back for any valid document):
 * - every block that has an `id` in the block document carries one (new blocks get a fresh
 *   id, a split or pasted copy never repeats one);
 * - nodes carry all their attributes (`quote.attrs.attribution` is `''` rather than absent,
 *   `link.attrs.title` is `''` when there is none);
 * - marks are in schema order: link, bold, italic, strike, superscript, subscript.
 *
 * Imported only as plain data by the server (no DOM needed until an editor is created).
 */
import { Extension, InputRule, Mark, Node, mergeAttributes, type Editor, type Extensions, type JSONContent, type NodeViewRenderer } from '@tiptap/core'
import type { Node as PmNode, NodeType, ResolvedPos } from '@tiptap/pm/model'
import { Fragment } from '@tiptap/pm/model'
import { Plugin, PluginKey, TextSelection, type EditorState, type Transaction } from '@tiptap/pm/state'
import { history, redo, undo } from '@tiptap/pm/history'
import { gapCursor } from '@tiptap/pm/gapcursor'
import { dropCursor } from '@tiptap/pm/dropcursor'
import { Decoration, DecorationSet } from '@tiptap/pm/view'

/** The block id attribute: `data-block-id` in the editor's DOM; never copied by a split. */
const idAttribute = {
  id: {
    default: null as string | null,
    keepOnSplit: false,
    parseHTML: (el: HTMLElement) => el.getAttribute('data-block-id'),
    renderHTML: (attrs: Record<string, unknown>) => (attrs.id ? { 'data-block-id': attrs.id } : {}),
  },
}

/** Node types that carry a block id (all blocks but list items). */
export const ID_NODES = ['paragraph', 'heading', 'quote', 'list', 'image', 'embed', 'divider', 'factbox'] as const

const SAFE_HREF = /^(https?:\/\/|mailto:|\/(?!\/)|#)/i
export function isSafeHref(href: string): boolean {
  return SAFE_HREF.test(href.trim()) && href.length <= 2000
}

export function newBlockId(): string {
  const c = globalThis.crypto
  const raw = c && 'randomUUID' in c ? c.randomUUID() : Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2)
  return raw.replace(/-/g, '').slice(0, 12)
}

// ── nodes ────────────────────────────────────────────────────────────────

const Doc = Node.create({ name: 'doc', topNode: true, content: 'block+' })

const Text = Node.create({ name: 'text', group: 'inline' })

const HardBreak = Node.create({
  name: 'hardBreak',
  group: 'inline',
  inline: true,
  selectable: false,
  linebreakReplacement: true,
  parseHTML: () => [{ tag: 'br' }],
  renderHTML: () => ['br'],
  renderText: () => '\n',
  addKeyboardShortcuts() {
    return { 'Shift-Enter': () => insertHardBreak(this.editor), 'Mod-Enter': () => insertHardBreak(this.editor) }
  },
})

/** A line break carries no marks (the block document has none on it); typing keeps them. */
export function insertHardBreak(editor: Editor): boolean {
  const { state } = editor
  const marks = state.storedMarks ?? state.selection.$from.marks()
  const tr = state.tr.replaceSelectionWith(state.schema.nodes.hardBreak!.create(), false)
  if (marks.length) tr.setStoredMarks(marks)
  editor.view.dispatch(tr.scrollIntoView())
  return true
}

const Paragraph = Node.create({
  name: 'paragraph',
  group: 'block',
  content: 'inline*',
  priority: 1000,
  addAttributes: () => ({ ...idAttribute }),
  parseHTML: () => [{ tag: 'p' }],
  renderHTML: ({ HTMLAttributes }) => ['p', HTMLAttributes, 0],
})

const HEADING_LEVELS = [2, 3, 4] as const
export type HeadingLevel = (typeof HEADING_LEVELS)[number]

const Heading = Node.create({
  name: 'heading',
  group: 'block',
  content: 'inline*',
  defining: true,
  addAttributes: () => ({ ...idAttribute, level: { default: 2, rendered: false } }),
  parseHTML: () => [
    { tag: 'h1', attrs: { level: 2 } },
    { tag: 'h2', attrs: { level: 2 } },
    { tag: 'h3', attrs: { level: 3 } },
    { tag: 'h4', attrs: { level: 4 } },
    { tag: 'h5', attrs: { level: 4 } },
    { tag: 'h6', attrs: { level: 4 } },
  ],
  renderHTML: ({ node, HTMLAttributes }) => [`h${node.attrs.level as number}`, HTMLAttributes, 0],
  addKeyboardShortcuts() {
    const out: Record<string, () => boolean> = {}
    for (const level of HEADING_LEVELS) out[`Mod-Alt-${level}`] = () => setBlockKind(this.editor, { type: 'heading', level })
    out['Mod-Alt-0'] = () => setBlockKind(this.editor, { type: 'paragraph' })
    return out
  },
  addInputRules() {
    return HEADING_LEVELS.map(
      (level) =>
        new InputRule({
          find: new RegExp(`^(#{${level}})\\s$`),
          handler: ({ state, range }) => {
            const $from = state.doc.resolve(range.from)
            if ($from.parent.type.name !== 'paragraph') return null
            state.tr.delete(range.from, range.to)
            convertBlocks(state, state.tr, { type: 'heading', level })
          },
        }),
    )
  },
})

const Quote = Node.create({
  name: 'quote',
  // Before the core keymap: Enter and Backspace behave as described below.
  priority: 200,
  group: 'block',
  content: 'inline*',
  defining: true,
  addAttributes: () => ({
    ...idAttribute,
    attribution: {
      default: '',
      parseHTML: (el: HTMLElement) => (el.getAttribute('data-attribution') ?? el.querySelector('footer, cite')?.textContent ?? '').replace(/^\s*[—–-]\s*/, '').trim(),
      renderHTML: (attrs: Record<string, unknown>) => (attrs.attribution ? { 'data-attribution': attrs.attribution } : {}),
    },
  }),
  parseHTML: () => [{ tag: 'blockquote', contentElement: (el: HTMLElement) => (el.querySelector(':scope > p') as HTMLElement | null) ?? el }],
  renderHTML: ({ node, HTMLAttributes }) => {
    const who = node.attrs.attribution as string
    return who
      ? ['blockquote', HTMLAttributes, ['p', 0], ['footer', { contenteditable: 'false' }, `— ${who}`]]
      : ['blockquote', HTMLAttributes, ['p', 0]]
  },
  addKeyboardShortcuts() {
    return {
      'Mod-Shift-9': () => setBlockKind(this.editor, { type: 'quote' }),
      // One paragraph per quote: Enter at the end leaves it, elsewhere breaks the line.
      Enter: () => {
        const { $from, empty } = this.editor.state.selection
        if (!empty || $from.parent.type.name !== 'quote') return false
        if ($from.parentOffset < $from.parent.content.size) return insertHardBreak(this.editor)
        return this.editor.commands.command(({ tr, state }) => {
          const after = $from.after()
          tr.insert(after, state.schema.nodes.paragraph!.create())
          tr.setSelection(TextSelection.create(tr.doc, after + 1))
          return true
        })
      },
      Backspace: () => liftAtStart(this.editor, 'quote'),
    }
  },
  addInputRules() {
    return [
      new InputRule({
        find: /^>\s$/,
        handler: ({ state, range }) => {
          if (state.doc.resolve(range.from).parent.type.name !== 'paragraph') return null
          state.tr.delete(range.from, range.to)
          convertBlocks(state, state.tr, { type: 'quote' })
        },
      }),
    ]
  },
})

const List = Node.create({
  name: 'list',
  group: 'block',
  content: 'listItem+',
  addAttributes: () => ({
    ...idAttribute,
    ordered: { default: false, parseHTML: (el: HTMLElement) => el.tagName === 'OL', rendered: false },
  }),
  parseHTML: () => [{ tag: 'ul' }, { tag: 'ol' }],
  renderHTML: ({ node, HTMLAttributes }) => [node.attrs.ordered ? 'ol' : 'ul', HTMLAttributes, 0],
  addKeyboardShortcuts() {
    return {
      'Mod-Shift-7': () => setBlockKind(this.editor, { type: 'list', ordered: true }),
      'Mod-Shift-8': () => setBlockKind(this.editor, { type: 'list', ordered: false }),
    }
  },
  addInputRules() {
    const rule = (find: RegExp, ordered: boolean) =>
      new InputRule({
        find,
        handler: ({ state, range }) => {
          if (state.doc.resolve(range.from).parent.type.name !== 'paragraph') return null
          state.tr.delete(range.from, range.to)
          convertBlocks(state, state.tr, { type: 'list', ordered })
        },
      })
    return [rule(/^\s*([-*•])\s$/, false), rule(/^\s*(1[.)])\s$/, true)]
  },
})

/** A list item holds inline content directly (the block document has no paragraphs in lists). */
const ListItem = Node.create({
  name: 'listItem',
  priority: 200,
  content: 'inline*',
  defining: true,
  parseHTML: () => [
    {
      tag: 'li',
      contentElement: (el: HTMLElement) => {
        const only = el.children.length === 1 ? el.firstElementChild : null
        return only && only.tagName === 'P' && el.textContent?.trim() === only.textContent?.trim() ? (only as HTMLElement) : el
      },
    },
  ],
  renderHTML: () => ['li', 0],
  addKeyboardShortcuts() {
    return {
      Enter: () => listItemEnter(this.editor),
      Backspace: () => liftAtStart(this.editor, 'listItem'),
    }
  },
})

const Image = Node.create({
  name: 'image',
  group: 'block',
  atom: true,
  draggable: true,
  selectable: true,
  addAttributes: () => ({
    ...idAttribute,
    mediaId: {
      default: null as number | null,
      parseHTML: (el: HTMLElement) => {
        const raw = el.getAttribute('data-media-id')
        return raw && /^[1-9]\d*$/.test(raw) ? Number(raw) : null
      },
      renderHTML: (attrs: Record<string, unknown>) => (attrs.mediaId ? { 'data-media-id': String(attrs.mediaId) } : {}),
    },
    src: {
      default: null as string | null,
      parseHTML: (el: HTMLElement) => {
        const src = (el.tagName === 'IMG' ? el : el.querySelector('img'))?.getAttribute('src') ?? null
        return src && isSafeHref(src) ? src : null
      },
      rendered: false,
    },
    alt: { default: '', parseHTML: (el: HTMLElement) => (el.tagName === 'IMG' ? el : el.querySelector('img'))?.getAttribute('alt') ?? '', rendered: false },
    caption: {
      default: '',
      parseHTML: (el: HTMLElement) => {
        const cap = el.querySelector('figcaption')
        if (!cap) return ''
        const copy = cap.cloneNode(true) as HTMLElement
        copy.querySelector('.credit')?.remove()
        return copy.textContent?.trim() ?? ''
      },
      rendered: false,
    },
    credit: { default: '', parseHTML: (el: HTMLElement) => el.querySelector('figcaption .credit')?.textContent?.trim() ?? '', rendered: false },
  }),
  parseHTML: () => [
    {
      tag: 'figure',
      getAttrs: (el: HTMLElement) => (el.querySelector('img') || el.getAttribute('data-media-id') ? null : false),
    },
    { tag: 'img[src]', getAttrs: (el: HTMLElement) => (isSafeHref(el.getAttribute('src') ?? '') ? null : false) },
  ],
  renderHTML: ({ node, HTMLAttributes }) => {
    const a = node.attrs as { src: string | null; alt: string; caption: string; credit: string }
    const caption: unknown[] = ['figcaption', a.caption]
    if (a.credit) caption.push(['span', { class: 'credit' }, a.credit])
    return ['figure', mergeAttributes(HTMLAttributes, { 'data-type': 'image' }), ['img', { src: a.src ?? '', alt: a.alt }], caption as never]
  },
})

const Embed = Node.create({
  name: 'embed',
  group: 'block',
  atom: true,
  draggable: true,
  selectable: true,
  addAttributes: () => ({
    ...idAttribute,
    url: { default: '', parseHTML: (el: HTMLElement) => el.getAttribute('data-url') ?? el.querySelector('a')?.getAttribute('href') ?? '', rendered: false },
    title: { default: '', parseHTML: (el: HTMLElement) => el.getAttribute('data-title') ?? el.querySelector('.embed-title')?.textContent?.trim() ?? '', rendered: false },
    provider: {
      default: '',
      parseHTML: (el: HTMLElement) => el.getAttribute('data-provider') ?? el.querySelector('.embed-provider')?.textContent?.trim() ?? '',
      rendered: false,
    },
  }),
  parseHTML: () => [{ tag: 'aside.embed', getAttrs: (el: HTMLElement) => (/^https?:\/\//i.test(el.getAttribute('data-url') ?? el.querySelector('a')?.getAttribute('href') ?? '') ? null : false) }],
  renderHTML: ({ node, HTMLAttributes }) => {
    const a = node.attrs as { url: string; title: string; provider: string }
    return [
      'aside',
      mergeAttributes(HTMLAttributes, { class: 'embed', 'data-url': a.url, 'data-title': a.title, 'data-provider': a.provider }),
      ['a', { href: a.url, rel: 'noopener nofollow' }, ['span', { class: 'embed-provider' }, a.provider || hostOf(a.url)], ' ', ['span', { class: 'embed-title' }, a.title || a.url]],
    ]
  },
})

export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '')
  } catch {
    return ''
  }
}

const Divider = Node.create({
  name: 'divider',
  group: 'block',
  atom: true,
  selectable: true,
  addAttributes: () => ({ ...idAttribute }),
  parseHTML: () => [{ tag: 'hr' }],
  renderHTML: ({ HTMLAttributes }) => ['hr', HTMLAttributes],
  addInputRules() {
    return [
      new InputRule({
        find: /^(?:---|—-|___)$/,
        handler: ({ state, range }) => {
          const $from = state.doc.resolve(range.from)
          // Only a paragraph holding nothing but the dashes.
          if ($from.parent.type.name !== 'paragraph' || $from.depth !== 1 || $from.parentOffset !== 0 || $from.parent.content.size !== range.to - range.from) return null
          const tr = state.tr
          const start = $from.before()
          const end = $from.after()
          tr.replaceWith(start, end, [state.schema.nodes.divider!.create(), state.schema.nodes.paragraph!.create()])
          tr.setSelection(TextSelection.create(tr.doc, start + 2))
        },
      }),
    ]
  },
})

const Factbox = Node.create({
  name: 'factbox',
  group: 'block',
  content: '(paragraph | list)+',
  defining: true,
  isolating: true,
  addAttributes: () => ({
    ...idAttribute,
    title: {
      default: '',
      parseHTML: (el: HTMLElement) => el.getAttribute('data-title') ?? el.querySelector(':scope > h2, :scope > h3, :scope > .factbox-title')?.textContent?.trim() ?? '',
      renderHTML: (attrs: Record<string, unknown>) => (attrs.title ? { 'data-title': attrs.title } : {}),
    },
  }),
  parseHTML: () => [
    {
      tag: 'aside.factbox',
      contentElement: (el: HTMLElement) => {
        const body = el.querySelector(':scope > .factbox-body') as HTMLElement | null
        if (body) return body
        const copy = el.cloneNode(true) as HTMLElement
        copy.querySelector(':scope > h2, :scope > h3')?.remove()
        return copy
      },
    },
  ],
  renderHTML: ({ node, HTMLAttributes }) => [
    'aside',
    mergeAttributes(HTMLAttributes, { class: 'factbox' }),
    ['div', { class: 'factbox-title', contenteditable: 'false', 'data-placeholder': 'Ramka' }, node.attrs.title as string],
    ['div', { class: 'factbox-body' }, 0],
  ],
})

// ── marks ────────────────────────────────────────────────────────────────

const Link = Mark.create({
  name: 'link',
  priority: 1000,
  inclusive: false,
  addAttributes: () => ({
    href: { default: '', parseHTML: (el: HTMLElement) => el.getAttribute('href') ?? '' },
    title: { default: '', parseHTML: (el: HTMLElement) => el.getAttribute('title') ?? '', renderHTML: (a: Record<string, unknown>) => (a.title ? { title: a.title } : {}) },
  }),
  parseHTML: () => [{ tag: 'a[href]', getAttrs: (el: HTMLElement) => (isSafeHref(el.getAttribute('href') ?? '') ? null : false) }],
  renderHTML: ({ HTMLAttributes }) => ['a', mergeAttributes(HTMLAttributes, { rel: 'noopener nofollow' }), 0],
})

function simpleMark(name: string, tags: string[], shortcut: string, excludes?: string) {
  return Mark.create({
    name,
    ...(excludes ? { excludes } : {}),
    parseHTML: () => tags.map((tag) => ({ tag })),
    renderHTML: () => [tags[0]!, 0],
    addKeyboardShortcuts() {
      return { [shortcut]: () => this.editor.commands.toggleMark(name) }
    },
  })
}

const Bold = simpleMark('bold', ['strong', 'b'], 'Mod-b')
const Italic = simpleMark('italic', ['em', 'i'], 'Mod-i')
const Strike = simpleMark('strike', ['s', 'del', 'strike'], 'Mod-Shift-s')
const Superscript = simpleMark('superscript', ['sup'], 'Mod-.', 'subscript')
const Subscript = simpleMark('subscript', ['sub'], 'Mod-,', 'superscript')

// ── behaviour ────────────────────────────────────────────────────────────

const blockIdsKey = new PluginKey('blockIds')

/**
 * Gives every block a unique id after each change: new blocks get one, copies (split, paste,
 * duplicated drag) get a fresh one, the first occurrence keeps its own. Walks only the top
 * level and fact boxes, so it costs microseconds even on long stories.
 */
export function assignBlockIds(state: EditorState, tr: Transaction = state.tr): Transaction | null {
  const seen = new Set<string>()
  let changed = false
  const visit = (node: PmNode, pos: number) => {
    if ('id' in node.attrs) {
      const id = node.attrs.id as string | null
      if (!id || seen.has(id)) {
        const fresh = newBlockId()
        tr.setNodeAttribute(pos, 'id', fresh)
        seen.add(fresh)
        changed = true
      } else seen.add(id)
    }
    if (node.type.name === 'factbox') node.forEach((child, offset) => visit(child, pos + 1 + offset))
  }
  tr.doc.forEach((node, offset) => visit(node, offset))
  return changed ? tr : null
}

/**
 * Marks the top-level blocks around the selection (`near-caret`). The stylesheet lets the
 * browser skip layout and paint of every other block (`content-visibility: auto`), which
 * keeps a keystroke cheap on long stories; the blocks being edited are never skipped, so a
 * block just inserted by Enter takes the caret where ProseMirror puts it.
 */
const NEAR = 2
function nearCaret(state: EditorState): DecorationSet {
  const doc = state.doc
  const { from, to } = state.selection
  const first = Math.max(0, doc.resolve(Math.min(from, doc.content.size)).index(0) - NEAR)
  const last = Math.min(doc.childCount - 1, doc.resolve(Math.min(to, doc.content.size)).index(0) + NEAR)
  const decorations: Decoration[] = []
  let pos = 0
  for (let i = 0; i < doc.childCount; i++) {
    const child = doc.child(i)
    if (i >= first && i <= last) decorations.push(Decoration.node(pos, pos + child.nodeSize, { class: 'near-caret' }))
    else if (i > last) break
    pos += child.nodeSize
  }
  return DecorationSet.create(doc, decorations)
}

const Behaviour = Extension.create({
  name: 'depeszaBehaviour',
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: blockIdsKey,
        appendTransaction: (transactions, _old, state) => (transactions.some((t) => t.docChanged) ? assignBlockIds(state) : null),
      }),
      new Plugin({ props: { decorations: nearCaret } }),
      history(),
      gapCursor(),
      dropCursor({ color: 'currentColor', width: 2 }),
    ]
  },
  addKeyboardShortcuts() {
    return {
      'Mod-z': () => undo(this.editor.state, this.editor.view.dispatch),
      'Mod-Shift-z': () => redo(this.editor.state, this.editor.view.dispatch),
      'Mod-y': () => redo(this.editor.state, this.editor.view.dispatch),
    }
  },
})

/**
 * What to load into the editor: the stored document with an id on every block (the same
 * rule as the editor's own, for content given to the constructor), or one empty paragraph
 * to type into.
 */
export function editorContent(doc: { type: 'doc'; content: readonly unknown[] }): JSONContent {
  const seen = new Set<string>()
  const withId = (node: JSONContent): JSONContent => {
    let out = node
    if ((ID_NODES as readonly string[]).includes(node.type ?? '')) {
      const id = node.attrs?.id as string | null | undefined
      if (!id || seen.has(id)) {
        const fresh = newBlockId()
        out = { ...node, attrs: { ...node.attrs, id: fresh } }
        seen.add(fresh)
      } else seen.add(id)
    }
    if (node.type === 'factbox' && node.content) out = { ...out, content: node.content.map(withId) }
    return out
  }
  const content = doc.content.length ? (doc.content as JSONContent[]) : [{ type: 'paragraph' }]
  return { type: 'doc', content: content.map(withId) }
}

/** The editor's extensions, in schema order (marks: link first, so a link spans its formatting). */
export function editorExtensions(options: { imageView?: NodeViewRenderer } = {}): Extensions {
  const image = options.imageView ? Image.extend({ addNodeView: () => options.imageView! }) : Image
  return [Doc, Text, Paragraph, Heading, Quote, List, ListItem, image, Embed, Divider, Factbox, HardBreak, Link, Bold, Italic, Strike, Superscript, Subscript, Behaviour]
}

// ── block conversions ────────────────────────────────────────────────────

export type BlockKind = { type: 'paragraph' } | { type: 'heading'; level: HeadingLevel } | { type: 'quote' } | { type: 'list'; ordered: boolean }

/** What kind of text block the selection starts in (for the toolbar's pressed state). */
export function currentBlockKind(state: EditorState): BlockKind | null {
  const { $from } = state.selection
  for (let d = $from.depth; d > 0; d--) {
    const node = $from.node(d)
    switch (node.type.name) {
      case 'paragraph':
        return { type: 'paragraph' }
      case 'heading':
        return { type: 'heading', level: node.attrs.level as HeadingLevel }
      case 'quote':
        return { type: 'quote' }
      case 'listItem':
        return { type: 'list', ordered: Boolean($from.node(d - 1).attrs.ordered) }
    }
  }
  return null
}

export function sameKind(a: BlockKind | null, b: BlockKind): boolean {
  if (!a || a.type !== b.type) return false
  if (a.type === 'heading' && b.type === 'heading') return a.level === b.level
  if (a.type === 'list' && b.type === 'list') return a.ordered === b.ordered
  return true
}

const TEXT_BLOCKS = new Set(['paragraph', 'heading', 'quote', 'list'])

/**
 * Turns the text blocks touched by the selection into `kind` (or back into paragraphs when
 * they all already are `kind`): lines are kept, ids too (a block's first line keeps its id).
 * Works at the top level and inside fact boxes (where only paragraphs and lists may live).
 */
export function convertBlocks(state: EditorState, tr: Transaction, kind: BlockKind): boolean {
  const { $from, $to } = tr.selection
  // The container: the doc or the fact box the selection is in.
  let depth = 0
  for (let d = $from.depth; d > 0; d--) if ($from.node(d).type.name === 'factbox') depth = d
  if ($to.depth < depth || $to.node(depth) !== $from.node(depth)) depth = 0
  const container = $from.node(depth)
  const startIndex = Math.min($from.index(depth), container.childCount - 1)
  // A position between blocks (an all-selection's end) belongs to the block before it.
  let endIndex = $to.index(depth)
  if ($to.depth === depth && endIndex > startIndex) endIndex--
  endIndex = Math.max(startIndex, Math.min(endIndex, container.childCount - 1))
  const blocks: PmNode[] = []
  for (let i = startIndex; i <= endIndex; i++) blocks.push(container.child(i))
  if (blocks.some((b) => !TEXT_BLOCKS.has(b.type.name))) return false
  const schema = state.schema
  const kindOf = (b: PmNode): BlockKind =>
    b.type.name === 'heading' ? { type: 'heading', level: b.attrs.level as HeadingLevel } : b.type.name === 'list' ? { type: 'list', ordered: Boolean(b.attrs.ordered) } : ({ type: b.type.name } as BlockKind)
  const target: BlockKind = blocks.every((b) => sameKind(kindOf(b), kind)) ? { type: 'paragraph' } : kind
  // Lines: inline content with the id of the block it opens (the first line of each block).
  const lines: Array<{ content: Fragment; id: string | null }> = []
  for (const b of blocks) {
    if (b.type.name === 'list') b.forEach((item, _o, i) => lines.push({ content: item.content, id: i === 0 ? (b.attrs.id as string | null) : null }))
    else lines.push({ content: b.content, id: b.attrs.id as string | null })
  }
  // Where the cursor was, as (line, offset), to put it back.
  const startPos = $from.posAtIndex(startIndex, depth)
  const cursorLine = lineAt(container, startIndex, endIndex, $from, depth)
  let replacement: PmNode[]
  if (target.type === 'list') {
    const items = lines.map((l) => schema.nodes.listItem!.create(null, l.content))
    replacement = [schema.nodes.list!.create({ id: lines[0]?.id ?? null, ordered: target.ordered }, items)]
  } else {
    const type = schema.nodes[target.type]!
    const attrs = (id: string | null) => (target.type === 'heading' ? { id, level: target.level } : { id })
    replacement = lines.map((l) => type.create(attrs(l.id), l.content))
  }
  const endPos = $from.posAtIndex(endIndex + 1, depth)
  const $start = tr.doc.resolve(startPos)
  if (!$start.parent.canReplace(startIndex, endIndex + 1, Fragment.from(replacement))) return false
  tr.replaceWith(startPos, endPos, replacement)
  // Cursor back on the same line at the same offset.
  let pos = startPos
  let remaining = cursorLine.line
  for (const node of replacement) {
    if (node.type.name === 'list') {
      let inner = pos + 1
      let found = false
      node.forEach((item) => {
        if (found) return
        if (remaining === 0) {
          pos = inner + 1 + Math.min(cursorLine.offset, item.content.size)
          found = true
        } else {
          remaining--
          inner += item.nodeSize
        }
      })
      if (found) break
      pos += node.nodeSize
    } else {
      if (remaining === 0) {
        pos = pos + 1 + Math.min(cursorLine.offset, node.content.size)
        break
      }
      remaining--
      pos += node.nodeSize
    }
  }
  tr.setSelection(TextSelection.create(tr.doc, Math.min(pos, tr.doc.content.size)))
  return true
}

function lineAt(container: PmNode, startIndex: number, endIndex: number, $from: ResolvedPos, depth: number): { line: number; offset: number } {
  let line = 0
  for (let i = startIndex; i < $from.index(depth) && i <= endIndex; i++) {
    const b = container.child(i)
    line += b.type.name === 'list' ? b.childCount : 1
  }
  if ($from.depth === depth) return { line, offset: 0 }
  const block = container.child($from.index(depth))
  if (block.type.name === 'list') line += $from.index(depth + 1)
  return { line, offset: $from.parentOffset }
}

/** A toolbar or shortcut action: convert the selected blocks, as one undoable step. */
export function setBlockKind(editor: Editor, kind: BlockKind): boolean {
  const tr = editor.state.tr
  if (!convertBlocks(editor.state, tr, kind)) return false
  editor.view.dispatch(tr.scrollIntoView())
  return true
}

/** Enter in a list item: split it, or leave the list from an empty item. */
function listItemEnter(editor: Editor): boolean {
  const { state } = editor
  const { $from, empty } = state.selection
  if ($from.parent.type.name !== 'listItem') return false
  const tr = state.tr
  if (!empty) tr.deleteSelection()
  const $pos = tr.selection.$from
  const item = $pos.parent
  if (item.content.size > 0) {
    tr.split($pos.pos, 1)
    editor.view.dispatch(tr.scrollIntoView())
    return true
  }
  // Empty item: it becomes a paragraph after (or between the halves of) the list.
  const list = $pos.node(-1)
  const index = $pos.index(-1)
  const listStart = $pos.before(-1)
  const schema = state.schema
  const before = [] as PmNode[]
  const after = [] as PmNode[]
  list.forEach((child, _o, i) => (i < index ? before.push(child) : i > index ? after.push(child) : undefined))
  const nodes: PmNode[] = []
  if (before.length) nodes.push(schema.nodes.list!.create(list.attrs, before))
  const para = schema.nodes.paragraph!.create()
  nodes.push(para)
  if (after.length) nodes.push(schema.nodes.list!.create({ ...list.attrs, id: before.length ? null : list.attrs.id }, after))
  const $list = tr.doc.resolve(listStart)
  if (!$list.parent.canReplace($list.index(), $list.index() + 1, Fragment.from(nodes))) return false
  tr.replaceWith(listStart, listStart + list.nodeSize, nodes)
  const paraPos = listStart + (before.length ? nodes[0]!.nodeSize : 0) + 1
  tr.setSelection(TextSelection.create(tr.doc, paraPos))
  editor.view.dispatch(tr.scrollIntoView())
  return true
}

/** Backspace at the very start of a quote or of a list's first item: back to a paragraph. */
function liftAtStart(editor: Editor, type: 'quote' | 'listItem'): boolean {
  const { $from, empty } = editor.state.selection
  if (!empty || $from.parentOffset !== 0 || $from.parent.type.name !== type) return false
  if (type === 'listItem' && $from.index(-1) !== 0) return false
  const kind: BlockKind = type === 'quote' ? { type: 'quote' } : { type: 'list', ordered: Boolean($from.node(-1).attrs.ordered) }
  const tr = editor.state.tr
  // Only the current line: a one-line selection converts just this block (or list item).
  if (type === 'listItem') {
    const list = $from.node(-1)
    if (list.childCount > 1) {
      const schema = editor.state.schema
      const first = list.child(0)
      const listStart = $from.before(-1)
      const rest: PmNode[] = []
      list.forEach((child, _o, i) => (i > 0 ? rest.push(child) : undefined))
      tr.replaceWith(listStart, listStart + list.nodeSize, [
        schema.nodes.paragraph!.create({ id: list.attrs.id }, first.content),
        schema.nodes.list!.create({ ...list.attrs, id: null }, rest),
      ])
      tr.setSelection(TextSelection.create(tr.doc, listStart + 1))
      editor.view.dispatch(tr)
      return true
    }
  }
  if (!convertBlocks(editor.state, tr, kind)) return false
  editor.view.dispatch(tr)
  return true
}

/** Inserts a block node (image, embed, divider, fact box) after the current block. */
export function insertBlock(editor: Editor, node: { type: string; attrs?: Record<string, unknown>; content?: unknown[] }): boolean {
  const { state } = editor
  const { $from } = state.selection
  const type: NodeType | undefined = state.schema.nodes[node.type]
  if (!type) return false
  const created = state.schema.nodeFromJSON(node)
  const tr = state.tr
  // At the top level, after the block holding the cursor (an empty paragraph is replaced).
  const top = $from.depth >= 1 ? $from.node(1) : null
  const start = $from.depth >= 1 ? $from.before(1) : $from.pos
  let insertAt: number
  if (top && top.type.name === 'paragraph' && top.content.size === 0) {
    tr.replaceWith(start, start + top.nodeSize, created)
    insertAt = start
  } else {
    insertAt = top ? start + top.nodeSize : $from.pos
    tr.insert(insertAt, created)
  }
  // A paragraph after it when it ends the story, so writing can go on.
  const afterPos = insertAt + created.nodeSize
  if (afterPos >= tr.doc.content.size) tr.insert(afterPos, state.schema.nodes.paragraph!.create())
  if (created.type.name === 'factbox') tr.setSelection(TextSelection.create(tr.doc, insertAt + 2))
  else tr.setSelection(TextSelection.near(tr.doc.resolve(Math.min(afterPos + 1, tr.doc.content.size))))
  editor.view.dispatch(tr.scrollIntoView())
  return true
}
