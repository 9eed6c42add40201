/**
 * @module
 * A story cut into translatable segments and put back together, and the per-segment
 * translation status the desk keeps (side by side: source left, Polish right).
 *
 * Segment ids are stable across saves because blocks have stable ids:
 * `headline`, `lede`, `seoTitle`, `seoDescription`; `block:ID` (paragraph, heading, quote),
 * `block:ID:attribution`, `block:ID:item:N` (list items), `block:ID:caption`, `block:ID:alt`,
 * `block:ID:credit` (images), `block:ID:title` (embeds, factboxes), and inside a factbox
 * `block:ID:N` / `block:ID:N:item:M` for its N-th paragraph or list. A block without an id
 * (never after a save) is addressed as `#INDEX`.
 */
import type { Block, Inline } from '../content/document.js'
import { inlineText } from '../content/document.js'
import type { StorySnapshot } from '../newsroom/newsroom.service.js'
import { countPl } from '../polish/plural.js'
import type { Segment } from './provider.js'

export type SegmentField = 'headline' | 'lede' | 'seoTitle' | 'seoDescription' | 'text' | 'attribution' | 'item' | 'caption' | 'alt' | 'credit' | 'title'

export interface StorySegment extends Segment {
  /** The top-level block it belongs to (null for the story's own fields). */
  readonly blockId: string | null
  readonly field: SegmentField
  /** Credit lines are mostly names and agencies: translated where needed, never required. */
  readonly required: boolean
}

const text = (s: string): Inline[] => (s ? [{ type: 'text', text: s }] : [])

function blockKey(block: Block, index: number): string {
  return block.attrs?.id ? `block:${block.attrs.id}` : `#${index}`
}

/** Every translatable segment of a story, in reading order; empty fields are left out. */
export function storySegments(snapshot: StorySnapshot): StorySegment[] {
  const out: StorySegment[] = []
  const add = (id: string, blockId: string | null, field: SegmentField, content: readonly Inline[], required = true) => {
    if (inlineText([...content]).trim()) out.push({ id, blockId, field, content, required })
  }
  add('headline', null, 'headline', text(snapshot.headline))
  add('lede', null, 'lede', text(snapshot.lede))
  const visit = (block: Block, key: string, top: string) => {
    switch (block.type) {
      case 'paragraph':
      case 'heading':
        add(key, top, 'text', block.content ?? [])
        break
      case 'quote':
        add(key, top, 'text', block.content ?? [])
        add(`${key}:attribution`, top, 'attribution', text(block.attrs?.attribution ?? ''))
        break
      case 'list':
        block.content.forEach((item, i) => add(`${key}:item:${i}`, top, 'item', item.content ?? []))
        break
      case 'image':
        add(`${key}:caption`, top, 'caption', text(block.attrs.caption))
        add(`${key}:alt`, top, 'alt', text(block.attrs.alt))
        add(`${key}:credit`, top, 'credit', text(block.attrs.credit), false)
        break
      case 'embed':
        add(`${key}:title`, top, 'title', text(block.attrs.title))
        break
      case 'factbox':
        add(`${key}:title`, top, 'title', text(block.attrs?.title ?? ''))
        block.content.forEach((child, i) => visit(child, `${key}:${i}`, top))
        break
      case 'divider':
        break
    }
  }
  snapshot.body.content.forEach((block, i) => {
    const key = blockKey(block, i)
    visit(block, key, block.attrs?.id ?? key)
  })
  add('seoTitle', null, 'seoTitle', text(snapshot.seoTitle))
  add('seoDescription', null, 'seoDescription', text(snapshot.seoDescription))
  return out
}

/** Plain fields take the text only; a hard break becomes a space. */
function plain(content: readonly Inline[]): string {
  return content
    .map((n) => (n.type === 'text' ? n.text : ' '))
    .join('')
    .replace(/\s+/g, ' ')
    .trim()
}

/**
 * The story with the given segments replaced (segment id → translated inline content);
 * segments not given stay as they are. Structure, ids, links' targets and media stay.
 */
export function applySegments(snapshot: StorySnapshot, translations: ReadonlyMap<string, readonly Inline[]>): StorySnapshot {
  const get = (id: string) => translations.get(id)
  const inline = (id: string, current: Inline[] | undefined) => {
    const t = get(id)
    return t ? [...t] : current
  }
  const str = (id: string, current: string) => {
    const t = get(id)
    return t ? plain(t) : current
  }
  const visit = (block: Block, key: string): Block => {
    switch (block.type) {
      case 'paragraph':
      case 'heading':
        return { ...block, content: inline(key, block.content) } as Block
      case 'quote':
        return {
          ...block,
          content: inline(key, block.content),
          ...(block.attrs ? { attrs: { ...block.attrs, attribution: str(`${key}:attribution`, block.attrs.attribution) } } : {}),
        }
      case 'list':
        return { ...block, content: block.content.map((item, i) => ({ ...item, content: inline(`${key}:item:${i}`, item.content) })) }
      case 'image':
        return {
          ...block,
          attrs: {
            ...block.attrs,
            caption: str(`${key}:caption`, block.attrs.caption),
            alt: str(`${key}:alt`, block.attrs.alt),
            credit: str(`${key}:credit`, block.attrs.credit),
          },
        }
      case 'embed':
        return { ...block, attrs: { ...block.attrs, title: str(`${key}:title`, block.attrs.title) } }
      case 'factbox':
        return {
          ...block,
          ...(block.attrs ? { attrs: { ...block.attrs, title: str(`${key}:title`, block.attrs.title) } } : {}),
          content: block.content.map((child, i) => visit(child, `${key}:${i}`) as typeof child),
        }
      case 'divider':
        return block
    }
  }
  return {
    ...snapshot,
    headline: str('headline', snapshot.headline),
    lede: str('lede', snapshot.lede),
    seoTitle: str('seoTitle', snapshot.seoTitle),
    seoDescription: str('seoDescription', snapshot.seoDescription),
    body: { ...snapshot.body, content: snapshot.body.content.map((block, i) => visit(block, blockKey(block, i))) },
  }
}

// ---------------------------------------------------------------------------------------
// Status

/**
 * Where a segment's translation stands: `machine` (from a provider, not yet touched),
 * `edited` (changed by an editor, or typed by hand), `approved` (checked by an editor).
 * A segment without a status is untranslated.
 */
export type SegmentStatus = 'machine' | 'edited' | 'approved'
export type SegmentStatuses = Readonly<Record<string, SegmentStatus>>

export type StatusEvent = 'machine-translated' | 'edited' | 'approved' | 'source-changed'

/**
 * The next status: a machine translation or an edit after approval needs approval again;
 * a changed source makes the segment untranslated (undefined) again.
 */
export function nextStatus(current: SegmentStatus | undefined, event: StatusEvent): SegmentStatus | undefined {
  switch (event) {
    case 'machine-translated':
      return 'machine'
    case 'edited':
      return 'edited'
    case 'approved':
      return current === undefined ? undefined : 'approved'
    case 'source-changed':
      return undefined
  }
}

export interface UntranslatedBlock {
  readonly segmentId: string
  readonly blockId: string | null
  readonly field: SegmentField
  /** Polish, for the editor and the publish refusal. */
  readonly message: string
}

const FIELD_NAMES: Record<SegmentField, string> = {
  headline: 'tytuł',
  lede: 'lead',
  seoTitle: 'tytuł SEO',
  seoDescription: 'opis SEO',
  text: 'blok tekstu',
  attribution: 'autor cytatu',
  item: 'punkt listy',
  caption: 'podpis zdjęcia',
  alt: 'tekst alternatywny zdjęcia',
  credit: 'autor zdjęcia',
  title: 'tytuł bloku',
}

/**
 * The required segments of a translated story that have no translation yet: publishing is
 * refused while this is not empty (unless an editor overrides it with a reason; see
 * `checkPublishable`). Credit lines are not required.
 */
export function untranslatedBlocks(snapshot: StorySnapshot, statuses: SegmentStatuses): UntranslatedBlock[] {
  return storySegments(snapshot)
    .filter((s) => s.required && statuses[s.id] === undefined)
    .map((s) => ({ segmentId: s.id, blockId: s.blockId, field: s.field, message: `Nieprzetłumaczony element: ${FIELD_NAMES[s.field]}. Przetłumacz go albo usuń przed publikacją.` }))
}

export interface PublishOverride {
  readonly reason: string
  readonly userId: number
}

export type PublishCheck =
  | { readonly ok: true; readonly overridden: false }
  | { readonly ok: true; readonly overridden: true; readonly reason: string; readonly untranslated: UntranslatedBlock[] }
  | { readonly ok: false; readonly untranslated: UntranslatedBlock[]; readonly message: string }

/**
 * Whether a translated story may be published. With untranslated segments it may only with
 * an editor's override naming a reason; the caller logs the override (audit log).
 */
export function checkPublishable(snapshot: StorySnapshot, statuses: SegmentStatuses, override?: PublishOverride): PublishCheck {
  const untranslated = untranslatedBlocks(snapshot, statuses)
  if (!untranslated.length) return { ok: true, overridden: false }
  const reason = override?.reason.trim() ?? ''
  if (override && reason.length >= 5) return { ok: true, overridden: true, reason, untranslated }
  return {
    ok: false,
    untranslated,
    message: override
      ? 'Podaj powód publikacji mimo nieprzetłumaczonych elementów (co najmniej 5 znaków).'
      : `Nie można opublikować: nieprzetłumaczone elementy (${countPl(untranslated.length, 'element', 'elementy', 'elementów')}). Przetłumacz je albo opublikuj z uzasadnieniem (wymaga roli wydawcy).`,
  }
}
