/**
 * @module
 * What `depesza check` reads: a story as JSON (the block document the admin API accepts,
 * plus optional context) or pasted plain text. Both become a story and a partial context.
 * The formats are documented in docs/qa.md.
 */
import { z } from 'zod'
import { DocumentSchema, type Block, type BlockDocument } from '../content/document.js'
import type { QaContext, QaMedia, QaStory } from './types.js'

export class StoryInputError extends Error {
  override name = 'StoryInputError'
}

export interface ParsedStory {
  story: QaStory
  context: Pick<QaContext, 'media' | 'glossary' | 'knownNames' | 'source' | 'siteUrl'> & { knownPaths?: string[] }
}

const text = z.string().nullish().transform((v) => v ?? '')
const MediaSchema = z.object({ alt: z.string().nullish(), caption: z.string().nullish(), credit: z.string().nullish() })

export const StoryJsonSchema = z.object({
  headline: text,
  lede: text,
  body: DocumentSchema.default({ type: 'doc', content: [] }),
  language: z.string().regex(/^[a-z]{2}$/, 'language: an ISO 639-1 code such as "pl"').nullish(),
  leadMediaId: z.number().int().positive().nullish(),
  leadImage: MediaSchema.nullish(),
  seoTitle: text,
  seoDescription: text,
  publishedAt: z.string().nullish(),
  embargoUntil: z.string().nullish(),
  // Context for the checks, all optional.
  media: z.union([z.array(MediaSchema.extend({ id: z.number().int().positive() })), z.record(z.string(), MediaSchema)]).optional(),
  glossary: z.array(z.string()).optional(),
  knownNames: z.array(z.string()).optional(),
  knownPaths: z.array(z.string()).optional(),
  siteUrl: z.string().optional(),
  /** The untranslated original by block id or field (`QaContext.source`). */
  original: z.record(z.string(), z.string()).optional(),
})

function issuesText(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(top level)'}: ${i.message}`).join('; ')
}

/** A story from parsed JSON: the story itself, or `{ snapshot: story }` as the story API returns it. */
export function storyFromJson(value: unknown): ParsedStory {
  let raw = value
  if (raw && typeof raw === 'object' && !Array.isArray(raw) && 'snapshot' in raw && !('body' in raw)) raw = (raw as { snapshot: unknown }).snapshot
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new StoryInputError('expected a JSON object with "headline" and "body" (see docs/qa.md)')
  const parsed = StoryJsonSchema.safeParse(raw)
  if (!parsed.success) throw new StoryInputError(`not a story: ${issuesText(parsed.error)}`)
  const s = parsed.data
  const story: QaStory = {
    headline: s.headline,
    lede: s.lede,
    body: s.body,
    language: s.language ?? 'pl',
    leadMediaId: s.leadMediaId ?? null,
    leadImage: s.leadImage ?? null,
    seoTitle: s.seoTitle,
    seoDescription: s.seoDescription,
    publishedAt: s.publishedAt ?? null,
    embargoUntil: s.embargoUntil ?? null,
  }
  const context: ParsedStory['context'] = {}
  if (s.media) {
    const media = new Map<number, QaMedia>()
    if (Array.isArray(s.media)) for (const m of s.media) media.set(m.id, m)
    else for (const [id, m] of Object.entries(s.media)) if (/^\d+$/.test(id)) media.set(Number(id), m)
    context.media = media
  }
  if (s.glossary) context.glossary = s.glossary
  if (s.knownNames) context.knownNames = s.knownNames
  if (s.knownPaths) context.knownPaths = s.knownPaths
  if (s.siteUrl) context.siteUrl = s.siteUrl
  if (s.original) context.source = s.original
  return { story, context }
}

export function storyFromJsonText(json: string): ParsedStory {
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch (err) {
    throw new StoryInputError(`bad JSON: ${(err as Error).message}`)
  }
  return storyFromJson(value)
}

// ── plain text ───────────────────────────────────────────────────────────

const CAPTION = /^(?:fot\.|foto:|photo:|caption:|podpis:)\s*/iu
const CREDIT = /^(?:autor zdjęcia:|źródło zdjęcia:|credit:)\s*/iu
const ALT = /^(?:alt:|tekst alternatywny:|opis zdjęcia:)\s*/iu
const LEDE = /^(?:lead:|lid:)\s*/iu
const BYLINE = /^(?:autor:|by:)\s*/iu
const HEADING = /^(#{2,4})\s+/u
const PREFIXES = [CAPTION, CREDIT, ALT, LEDE, BYLINE]

interface PlainImage {
  caption: string
  alt: string
  credit: string
}

/**
 * Pasted text: the first non-empty line is the headline; paragraphs are separated by blank
 * lines (line breaks inside a paragraph become spaces), and a line starting with one of the
 * prefixes below starts a paragraph of its own. A paragraph starting with
 * - "Fot.", "Foto:", "Photo:", "Caption:" or "Podpis:" is a photo caption; a "Fot." paragraph
 *   right after a caption is that photo's credit instead ("Fot. PAP/Reuters");
 * - "Alt:", "Tekst alternatywny:" or "Opis zdjęcia:" is the alt text of the photo before it;
 * - "Autor zdjęcia:", "Źródło zdjęcia:" or "Credit:" is its credit;
 * - "Lead:" or "Lid:" is the lede; without one, the first ordinary paragraph is the lede;
 * - "Autor:" or "By:" is a byline (ignored);
 * - "## ", "### ", "#### " is a subheading.
 * A photo before the first ordinary paragraph is the lead image; later ones are image blocks
 * where they stand. Body blocks get the ids "b1", "b2", … in order.
 */
export function storyFromPlainText(input: string, options: { language?: string } = {}): ParsedStory {
  const lines = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n')
  const first = lines.findIndex((l) => l.trim().length > 0)
  if (first < 0) throw new StoryInputError('the text is empty')
  const headline = lines[first]!.trim()
  const paragraphs: string[] = []
  let current: string[] = []
  for (const line of lines.slice(first + 1)) {
    const trimmed = line.trim()
    // A blank line ends a paragraph; so does a line starting with one of the prefixes below.
    if (trimmed.length === 0 || PREFIXES.some((re) => re.test(trimmed))) {
      if (current.length > 0) paragraphs.push(current.join(' '))
      current = []
    }
    if (trimmed.length > 0) current.push(trimmed)
  }
  if (current.length > 0) paragraphs.push(current.join(' '))

  let lede: string | null = null
  let leadImage: PlainImage | null = null
  const blocks: Array<Block | PlainImage> = []
  let image: PlainImage | null = null // the photo the next alt/credit line belongs to
  let lastWasCaption = false
  const seenText = () => lede !== null || blocks.some((b) => !('alt' in b))
  for (const p of paragraphs) {
    const wasCaption: boolean = lastWasCaption
    lastWasCaption = false
    if (CAPTION.test(p)) {
      if (wasCaption && image && !image.credit && /^fot\./iu.test(p)) {
        image.credit = p.replace(CAPTION, '')
        continue
      }
      image = { caption: p.replace(CAPTION, ''), alt: '', credit: '' }
      if (!seenText() && !leadImage) leadImage = image
      else blocks.push(image)
      lastWasCaption = true
      continue
    }
    if (ALT.test(p) || CREDIT.test(p)) {
      if (!image) {
        image = { caption: '', alt: '', credit: '' }
        if (!seenText() && !leadImage) leadImage = image
        else blocks.push(image)
      }
      if (ALT.test(p)) image.alt = p.replace(ALT, '')
      else image.credit = p.replace(CREDIT, '')
      lastWasCaption = wasCaption
      continue
    }
    image = null
    if (BYLINE.test(p)) continue
    if (LEDE.test(p)) {
      lede = p.replace(LEDE, '')
      continue
    }
    const heading = HEADING.exec(p)
    if (heading) {
      blocks.push({ type: 'heading', attrs: { level: heading[1]!.length as 2 | 3 | 4 }, content: [{ type: 'text', text: p.slice(heading[0].length) }] })
      continue
    }
    if (lede === null && !paragraphs.some((q) => LEDE.test(q))) {
      lede = p
      continue
    }
    blocks.push({ type: 'paragraph', content: [{ type: 'text', text: p }] })
  }
  const body: BlockDocument = {
    type: 'doc',
    content: blocks.map((b, i): Block => {
      const id = `b${i + 1}`
      if ('alt' in b) return { type: 'image', attrs: { id, mediaId: null, src: null, alt: b.alt, caption: b.caption, credit: b.credit } }
      return { ...b, attrs: { ...(b.attrs ?? {}), id } } as Block
    }),
  }
  return {
    story: { headline, lede: lede ?? '', body, language: options.language ?? 'pl', leadImage },
    context: {},
  }
}

/** JSON when the text starts with "{", plain text otherwise. */
export function storyFromText(input: string, options: { format?: 'json' | 'text'; language?: string } = {}): ParsedStory {
  const format = options.format ?? (input.trimStart().startsWith('{') ? 'json' : 'text')
  if (format === 'text') return storyFromPlainText(input, options)
  const parsed = storyFromJsonText(input)
  if (options.language) parsed.story.language = options.language
  return parsed
}
