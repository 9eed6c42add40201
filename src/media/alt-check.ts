/**
 * @module
 * "Alt text required before publishing": a story whose lead image or any image block has no
 * text alternative is not published or scheduled (NewsroomService refuses with 'Invalid' and
 * a Polish message naming the images). An image block's own alt wins over the library's, as
 * on the page; an image by address (no library item) needs the block's alt.
 */
import type { BlockDocument } from '../content/document.js'
import type { MediaRow } from '../content/content.table.js'
import type { Db, Tx } from '../platform/db/database.js'

/** The library items among `mediaIds` whose alt text is empty (unknown ids are not reported). */
export async function mediaMissingAlt(db: Db | Tx, mediaIds: ReadonlyArray<number | null | undefined>): Promise<MediaRow[]> {
  const ids = [...new Set(mediaIds.filter((id): id is number => typeof id === 'number' && Number.isInteger(id) && id > 0))]
  if (ids.length === 0) return []
  const rows = await db.selectFrom('media').selectAll().where('id', 'in', ids).orderBy('id').execute()
  return rows.filter((r) => r.alt.trim() === '')
}

export interface MissingAlt {
  /** 'lead' (the story's lead image) or 'block' (an image in the body). */
  where: 'lead' | 'block'
  mediaId: number | null
  /** The block's id, for the editor to point at. */
  blockId: string | null
  /** How the newsroom recognises it: the file name, the caption, or the address. */
  label: string
}

/** Every image of a story that would be published without alt text, in page order. */
export async function imagesMissingAlt(db: Db | Tx, story: { leadMediaId?: number | null | undefined; body: BlockDocument }): Promise<MissingAlt[]> {
  const images = story.body.content.flatMap((b) => (b.type === 'image' ? [b] : []))
  const ids = [story.leadMediaId ?? null, ...images.map((b) => b.attrs.mediaId)]
  const missing = new Map((await mediaMissingAlt(db, ids)).map((r) => [r.id, r]))
  const out: MissingAlt[] = []
  const labelOf = (row: MediaRow | undefined, fallback: string) => row?.original_name || row?.caption || fallback
  if (story.leadMediaId && missing.has(story.leadMediaId)) {
    const row = missing.get(story.leadMediaId)
    out.push({ where: 'lead', mediaId: story.leadMediaId, blockId: null, label: labelOf(row, '') })
  }
  for (const block of images) {
    if (block.attrs.alt.trim() !== '') continue
    const blockId = block.attrs.id ?? null
    if (block.attrs.mediaId) {
      const row = missing.get(block.attrs.mediaId)
      if (row) out.push({ where: 'block', mediaId: block.attrs.mediaId, blockId, label: labelOf(row, block.attrs.caption) })
    } else if (block.attrs.src) {
      out.push({ where: 'block', mediaId: null, blockId, label: block.attrs.src })
    }
  }
  return out
}

/** "Nie można opublikować: brak tekstu alternatywnego (…) – zdjęcie główne (nr 12, „most.jpg”); zdjęcie w treści (nr 14). …" */
export function missingAltMessage(missing: readonly MissingAlt[]): string {
  const names = missing.map((m) => {
    const what = m.where === 'lead' ? 'zdjęcie główne' : 'zdjęcie w treści'
    const details = [m.mediaId ? `nr ${m.mediaId}` : '', m.label ? `„${m.label.length > 60 ? `${m.label.slice(0, 57)}…` : m.label}”` : ''].filter(Boolean).join(', ')
    return details ? `${what} (${details})` : what
  })
  return `Nie można opublikować: brak tekstu alternatywnego (opisu zdjęcia dla osób, które go nie widzą) – ${names.join('; ')}. Uzupełnij go w bibliotece mediów albo w bloku zdjęcia.`
}
