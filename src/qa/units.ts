/**
 * @module
 * The story cut into the pieces of text the checks read, each with the field and block a
 * finding will point at. The plain text of a block (what offsets count in):
 * - paragraph, heading, quote: its inline text, a hard break counting as "\n";
 * - list: its items' texts joined with "\n";
 * - factbox: its paragraphs' and list items' texts joined with "\n" (the title is its own unit);
 * - image: caption, alt and credit are separate units (the block's own text, else the media row's);
 * - quote attribution, factbox and embed titles: separate units.
 * Offsets are UTF-16 code units, as JavaScript strings count them.
 */
import type { Block, Inline } from '../content/document.js'
import type { LinkSpan, QaContext, QaMedia, QaStory, TextUnit } from './types.js'

function inlineWithLinks(content: readonly Inline[] | undefined, offset: number, links: LinkSpan[]): string {
  if (!content) return ''
  let text = ''
  for (const node of content) {
    if (node.type === 'hardBreak') {
      text += '\n'
      continue
    }
    const link = node.marks?.find((m) => m.type === 'link')
    if (link && link.type === 'link') {
      const start = offset + text.length
      const last = links[links.length - 1]
      // Adjacent runs of one link (bold inside a link) make one span.
      if (last && last.href === link.attrs.href && last.end === start) last.end = start + node.text.length
      else links.push({ href: link.attrs.href, start, end: start + node.text.length })
    }
    text += node.text
  }
  return text
}

/** The media row of an id, from a Map or a plain object. */
export function mediaOf(context: QaContext, id: number | null | undefined): QaMedia | undefined {
  if (id == null || !context.media) return undefined
  const media = context.media
  return media instanceof Map ? media.get(id) : (media as Readonly<Record<number, QaMedia>>)[id]
}

/** An image's effective texts: the block's (or story's) own, else the library's. */
export interface ImageTexts {
  block: string | null
  alt: string
  caption: string
  credit: string
}

/** The lead image (block null) and every image block, with their effective texts. */
export function storyImages(story: QaStory, context: QaContext): ImageTexts[] {
  const out: ImageTexts[] = []
  const leadRow = mediaOf(context, story.leadMediaId)
  if (story.leadImage || leadRow) {
    const own = story.leadImage ?? {}
    out.push({
      block: null,
      alt: (own.alt || leadRow?.alt || '').trim(),
      caption: (own.caption || leadRow?.caption || '').trim(),
      credit: (own.credit || leadRow?.credit || '').trim(),
    })
  }
  for (const block of story.body.content) {
    if (block.type !== 'image') continue
    const row = mediaOf(context, block.attrs.mediaId)
    out.push({
      block: block.attrs.id ?? null,
      alt: (block.attrs.alt || row?.alt || '').trim(),
      caption: (block.attrs.caption || row?.caption || '').trim(),
      credit: (block.attrs.credit || row?.credit || '').trim(),
    })
  }
  return out
}

function blockUnits(block: Block, out: TextUnit[]): void {
  const id = block.attrs && 'id' in block.attrs ? (block.attrs.id ?? null) : null
  const key = id ?? ''
  const unit = (role: TextUnit['role'], field: TextUnit['field'], text: string, links: LinkSpan[] = [], suffix = '') => {
    if (text.trim().length === 0) return
    out.push({ field, block: id, role, text, links, sourceKey: suffix ? `${key}.${suffix}` : key, typeset: true })
  }
  switch (block.type) {
    case 'paragraph':
    case 'heading':
    case 'quote': {
      const links: LinkSpan[] = []
      const text = inlineWithLinks(block.content, 0, links)
      unit(block.type, 'body', text, links)
      if (block.type === 'quote' && block.attrs?.attribution) unit('attribution', 'attribution', block.attrs.attribution, [], 'attribution')
      break
    }
    case 'list': {
      const links: LinkSpan[] = []
      let text = ''
      block.content.forEach((item, i) => {
        if (i > 0) text += '\n'
        text += inlineWithLinks(item.content, text.length, links)
      })
      unit('list', 'body', text, links)
      break
    }
    case 'factbox': {
      if (block.attrs?.title) unit('title', 'title', block.attrs.title, [], 'title')
      const links: LinkSpan[] = []
      const parts: string[] = []
      let text = ''
      const add = (content: readonly Inline[] | undefined) => {
        if (parts.length > 0) text += '\n'
        const piece = inlineWithLinks(content, text.length, links)
        parts.push(piece)
        text += piece
      }
      for (const child of block.content) {
        if (child.type === 'paragraph') add(child.content)
        else for (const item of child.content) add(item.content)
      }
      unit('factbox', 'body', text, links)
      break
    }
    case 'image':
      // Texts come from storyImages (they may come from the media library).
      break
    case 'embed':
      if (block.attrs.title) unit('embedTitle', 'title', block.attrs.title, [], 'title')
      break
    case 'divider':
      break
  }
}

/** Every piece of text of a story, in reading order. */
export function textUnits(story: QaStory, context: QaContext): TextUnit[] {
  const out: TextUnit[] = []
  const field = (role: TextUnit['role'], f: TextUnit['field'], text: string | null | undefined, typeset: boolean, sourceKey: string = f) => {
    if (text && text.trim().length > 0) out.push({ field: f, block: null, role, text, links: [], sourceKey, typeset })
  }
  field('headline', 'headline', story.headline, true)
  field('lede', 'lede', story.lede, true)
  const images = new Map(storyImages(story, context).map((img) => [img.block, img]))
  const imageUnits = (img: ImageTexts | undefined) => {
    if (!img) return
    const key = img.block ?? 'lead'
    const push = (role: 'caption' | 'alt' | 'credit', text: string) => {
      // Alt text goes into an attribute as typed; captions and credits are typeset.
      if (text) out.push({ field: role, block: img.block, role, text, links: [], sourceKey: `${key}.${role}`, typeset: role !== 'alt' })
    }
    push('caption', img.caption)
    push('alt', img.alt)
    push('credit', img.credit)
  }
  imageUnits(images.get(null))
  for (const block of story.body.content) {
    if (block.type === 'image') imageUnits(images.get(block.attrs.id ?? null))
    else blockUnits(block, out)
  }
  // Meta tags and search results show these as typed.
  field('seoTitle', 'seoTitle', story.seoTitle, false)
  field('seoDescription', 'seoDescription', story.seoDescription, false)
  return out
}
