/**
 * @module
 * The article body: a typed block document in ProseMirror JSON shape, so that the newsroom's
 * TipTap editor maps onto it one to one. HTML never enters here except through importers,
 * which convert it to these nodes.
 */
import { randomUUID } from 'node:crypto'
import { z } from 'zod'

const SAFE_HREF = /^(https?:\/\/|mailto:|\/(?!\/)|#)/i

export const MarkSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('bold') }),
  z.object({ type: z.literal('italic') }),
  z.object({ type: z.literal('strike') }),
  z.object({ type: z.literal('superscript') }),
  z.object({ type: z.literal('subscript') }),
  z.object({
    type: z.literal('link'),
    attrs: z.object({
      href: z.string().max(2000).regex(SAFE_HREF, 'link must be http(s), mailto, a site path or an anchor'),
      title: z.string().max(300).optional(),
    }),
  }),
])
export type Mark = z.infer<typeof MarkSchema>

export const TextNodeSchema = z.object({
  type: z.literal('text'),
  text: z.string().min(1).max(100_000),
  marks: z.array(MarkSchema).max(10).optional(),
})
export const HardBreakSchema = z.object({ type: z.literal('hardBreak') })
export const InlineSchema = z.discriminatedUnion('type', [TextNodeSchema, HardBreakSchema])
export type TextNode = z.infer<typeof TextNodeSchema>
export type Inline = z.infer<typeof InlineSchema>

const inlineContent = z.array(InlineSchema).max(5000).optional()
/** A stable block id: translation, QA findings and revision diffs point at blocks by it. */
const blockId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional()

export const ParagraphSchema = z.object({
  type: z.literal('paragraph'),
  attrs: z.object({ id: blockId }).optional(),
  content: inlineContent,
})
export const HeadingSchema = z.object({
  type: z.literal('heading'),
  attrs: z.object({ id: blockId, level: z.union([z.literal(2), z.literal(3), z.literal(4)]) }),
  content: inlineContent,
})
export const QuoteSchema = z.object({
  type: z.literal('quote'),
  attrs: z.object({ id: blockId, attribution: z.string().max(500).default('') }).optional(),
  content: inlineContent,
})
export const ListItemSchema = z.object({ type: z.literal('listItem'), content: inlineContent })
export const ListSchema = z.object({
  type: z.literal('list'),
  attrs: z.object({ id: blockId, ordered: z.boolean().default(false) }).optional(),
  content: z.array(ListItemSchema).min(1).max(1000),
})
export const ImageSchema = z.object({
  type: z.literal('image'),
  attrs: z.object({
    id: blockId,
    /** A media-library item; its alt/caption/credit are the defaults, the block's own win. */
    mediaId: z.number().int().positive().nullable().default(null),
    src: z.string().max(2000).regex(SAFE_HREF).nullable().default(null),
    alt: z.string().max(1000).default(''),
    caption: z.string().max(2000).default(''),
    credit: z.string().max(500).default(''),
  }),
})
export const EmbedSchema = z.object({
  type: z.literal('embed'),
  attrs: z.object({
    id: blockId,
    url: z.url({ protocol: /^https?$/ }).max(2000),
    title: z.string().max(500).default(''),
    provider: z.string().max(100).default(''),
  }),
})
export const DividerSchema = z.object({ type: z.literal('divider'), attrs: z.object({ id: blockId }).optional() })
export const FactboxSchema = z.object({
  type: z.literal('factbox'),
  attrs: z.object({ id: blockId, title: z.string().max(300).default('') }).optional(),
  content: z.array(z.discriminatedUnion('type', [ParagraphSchema, ListSchema])).min(1).max(100),
})

export const BlockSchema = z.discriminatedUnion('type', [
  ParagraphSchema,
  HeadingSchema,
  QuoteSchema,
  ListSchema,
  ImageSchema,
  EmbedSchema,
  DividerSchema,
  FactboxSchema,
])
export type Block = z.infer<typeof BlockSchema>
export type BlockType = Block['type']

export const DocumentSchema = z.object({
  type: z.literal('doc'),
  content: z.array(BlockSchema).max(5000),
})
export type BlockDocument = z.infer<typeof DocumentSchema>

export const EMPTY_DOCUMENT: BlockDocument = { type: 'doc', content: [] }

/** Gives every top-level block a stable id (kept when present). */
export function withBlockIds(doc: BlockDocument, newId: () => string = () => randomUUID().slice(0, 12)): BlockDocument {
  return {
    ...doc,
    content: doc.content.map((block) => {
      if (block.attrs?.id) return block
      return { ...block, attrs: { ...block.attrs, id: newId() } } as Block
    }),
  }
}

/** A document of plain paragraphs, as importers and the JSONL format give it. */
export function paragraphsToDocument(paragraphs: string[]): BlockDocument {
  return {
    type: 'doc',
    content: paragraphs
      .map((p) => p.replace(/\s+/g, ' ').trim())
      .filter((p) => p.length > 0)
      .map((text) => ({ type: 'paragraph' as const, content: [{ type: 'text' as const, text }] })),
  }
}

/** The plain text of inline content (for search, feeds' summaries and QA). */
export function inlineText(content: readonly Inline[] | undefined): string {
  if (!content) return ''
  return content.map((n) => (n.type === 'text' ? n.text : '\n')).join('')
}

/** All the readable text of a document, block by block. */
export function documentText(doc: BlockDocument): string[] {
  const out: string[] = []
  const visit = (block: Block) => {
    switch (block.type) {
      case 'paragraph':
      case 'heading':
      case 'quote':
        out.push(inlineText(block.content))
        if (block.type === 'quote' && block.attrs?.attribution) out.push(block.attrs.attribution)
        break
      case 'list':
        for (const item of block.content) out.push(inlineText(item.content))
        break
      case 'image':
        if (block.attrs.caption) out.push(block.attrs.caption)
        break
      case 'embed':
        if (block.attrs.title) out.push(block.attrs.title)
        break
      case 'factbox':
        if (block.attrs?.title) out.push(block.attrs.title)
        block.content.forEach(visit)
        break
      case 'divider':
        break
    }
  }
  doc.content.forEach(visit)
  return out.filter((t) => t.length > 0)
}

/** Parses stored or submitted JSON into a validated document; throws a ZodError with paths. */
export function parseDocument(json: unknown): BlockDocument {
  return DocumentSchema.parse(typeof json === 'string' ? JSON.parse(json) : json)
}
