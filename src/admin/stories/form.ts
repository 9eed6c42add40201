/**
 * @module
 * The story form's fields ⇄ the story snapshot. Shared by the server (the page, and saving
 * without JavaScript) and the editor bundle (autosave builds the same snapshot), so both
 * read the form the same way. No Node or server imports: esbuild bundles it for the browser.
 */
import type { BlockDocument } from '../../content/document.js'

export interface StoryFormValues {
  headline: string
  lede: string
  slug: string
  sectionSlug: string
  /** Comma-separated; new tags are created on save. */
  tags: string
  authorSlugs: string[]
  leadMediaId: string
  sourceName: string
  sourceKind: string
  sourceUrl: string
  sourceLanguage: string
  seoTitle: string
  seoDescription: string
  /** `datetime-local` in the site's time zone. */
  embargoUntil: string
}

/** The snapshot as the form edits it (what StorySnapshotSchema accepts). */
export interface SnapshotInput {
  headline: string
  lede: string
  slug?: string
  sectionSlug?: string
  authorSlugs: string[]
  tags: string[]
  leadMediaId?: number
  body: BlockDocument
  language: string
  source?: { name: string; kind: string; url?: string; language?: string }
  seoTitle: string
  seoDescription: string
  publishedAt?: string
  embargoUntil?: string
}

export const EMPTY_FORM: StoryFormValues = {
  headline: '',
  lede: '',
  slug: '',
  sectionSlug: '',
  tags: '',
  authorSlugs: [],
  leadMediaId: '',
  sourceName: '',
  sourceKind: 'agency',
  sourceUrl: '',
  sourceLanguage: '',
  seoTitle: '',
  seoDescription: '',
  embargoUntil: '',
}

/** Minutes east of UTC of `tz` at `date`. */
function offsetMinutes(date: Date, tz: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(date)
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value)
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'))
  return Math.round((asUtc - date.getTime()) / 60_000)
}

/** `2026-11-28T08:00` in `tz` → ISO UTC; null when not a date-time. */
export function localToIso(local: string, tz: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local.trim())
  if (!m) return null
  const guess = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]))
  if (Number.isNaN(guess)) return null
  // Two passes settle the offset around a DST change.
  let t = guess - offsetMinutes(new Date(guess), tz) * 60_000
  t = guess - offsetMinutes(new Date(t), tz) * 60_000
  return new Date(t).toISOString()
}

/** ISO → `datetime-local` value in `tz`. */
export function isoToLocal(iso: string | null | undefined, tz: string): string {
  if (!iso) return ''
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return ''
  const local = new Date(d.getTime() + offsetMinutes(d, tz) * 60_000)
  return local.toISOString().slice(0, 16)
}

export function valuesFromSnapshot(s: Partial<SnapshotInput>, tz: string): StoryFormValues {
  return {
    headline: s.headline ?? '',
    lede: s.lede ?? '',
    slug: s.slug ?? '',
    sectionSlug: s.sectionSlug ?? '',
    tags: (s.tags ?? []).join(', '),
    authorSlugs: s.authorSlugs ?? [],
    leadMediaId: s.leadMediaId ? String(s.leadMediaId) : '',
    sourceName: s.source?.name ?? '',
    sourceKind: s.source?.kind ?? 'agency',
    sourceUrl: s.source?.url ?? '',
    sourceLanguage: s.source?.language ?? '',
    seoTitle: s.seoTitle ?? '',
    seoDescription: s.seoDescription ?? '',
    embargoUntil: isoToLocal(s.embargoUntil, tz),
  }
}

/**
 * The snapshot to save: form values, the body, and what the form does not edit kept from
 * the current snapshot (language, publication time). Empty optional fields are left out;
 * the server validates the rest and answers in Polish.
 */
export function snapshotFromValues(v: StoryFormValues, body: BlockDocument, keep: Partial<SnapshotInput>, tz: string): SnapshotInput {
  const tags = v.tags
    .split(',')
    .map((t) => t.trim().replace(/\s+/g, ' '))
    .filter((t, i, all) => t.length > 0 && all.findIndex((x) => x.toLowerCase() === t.toLowerCase()) === i)
  const out: SnapshotInput = {
    headline: v.headline.trim(),
    lede: v.lede.trim(),
    authorSlugs: [...new Set(v.authorSlugs.filter((a) => a))],
    tags,
    body,
    language: keep.language ?? 'pl',
    seoTitle: v.seoTitle.trim(),
    seoDescription: v.seoDescription.trim(),
  }
  const slug = v.slug.trim()
  if (slug) out.slug = slug
  if (v.sectionSlug) out.sectionSlug = v.sectionSlug
  const media = v.leadMediaId.trim()
  if (/^[1-9]\d{0,9}$/.test(media)) out.leadMediaId = Number(media)
  if (v.sourceName.trim()) {
    out.source = { name: v.sourceName.trim(), kind: v.sourceKind === 'outlet' ? 'outlet' : 'agency' }
    if (v.sourceUrl.trim()) out.source.url = v.sourceUrl.trim()
    if (v.sourceLanguage.trim()) out.source.language = v.sourceLanguage.trim().toLowerCase()
  }
  if (keep.publishedAt) out.publishedAt = keep.publishedAt
  if (v.embargoUntil.trim()) {
    const iso = localToIso(v.embargoUntil, tz)
    out.embargoUntil = iso ?? v.embargoUntil.trim()
  }
  return out
}

/** Form fields of a urlencoded or multipart body (server) or a FormData (browser). */
export function valuesFromForm(get: (name: string) => string, getAll: (name: string) => string[]): StoryFormValues {
  const out = { ...EMPTY_FORM }
  for (const key of Object.keys(EMPTY_FORM) as Array<keyof StoryFormValues>) {
    if (key === 'authorSlugs') out.authorSlugs = getAll('authorSlugs')
    else out[key] = get(key)
  }
  return out
}
