/**
 * @module
 * The translation desk over a newsroom story: a foreign story is put on the desk (its
 * original is kept, the working copy becomes the Polish version), translated by machine
 * (all untranslated segments or one), edited and approved segment by segment. Every change
 * is an ordinary save of the working copy (workflow rules, versions, revisions); statuses
 * live in `story_translations` (story.ts). Approved segments go into the translation memory.
 */
import type { Inline } from '../content/document.js'
import { NewsroomError, type Actor, type NewsroomService, type StorySnapshot, type StoryState } from '../newsroom/newsroom.service.js'
import { storyVersionsOf } from '../newsroom/translations.js'
import type { Db } from '../platform/db/database.js'
import type { GlossaryFinding } from './glossary.js'
import { GlossaryRepository } from './glossary.js'
import { TranslationMemory, type Suggestion } from './memory.js'
import { machineTranslate, parseTagged, serializeInline, TranslationError, type TranslationProvider } from './provider.js'
import { applySegments, storySegments, type SegmentField, type SegmentStatus, type StorySegment } from './segments.js'
import type { ProviderSettings } from './settings.js'
import { effectiveStatuses, segmentKey, StoryTranslations, type SegmentRecord, type StoryTranslation } from './story.js'

/** Fields edited as plain text; the others carry inline marks and links (the tagged form). */
const PLAIN: ReadonlySet<SegmentField> = new Set(['headline', 'lede', 'seoTitle', 'seoDescription', 'attribution', 'caption', 'alt', 'credit', 'title'])

export interface DeskRow {
  readonly id: string
  readonly blockId: string | null
  readonly field: SegmentField
  readonly required: boolean
  /** Whether the text carries marks and links (tagged form) or is plain. */
  readonly rich: boolean
  /** The original (tagged form for rich fields, plain text otherwise). */
  readonly source: string
  /** The Polish copy now (same form). */
  readonly target: string
  readonly status: SegmentStatus | null
  readonly suggestions: readonly Suggestion[]
  readonly findings: readonly GlossaryFinding[]
}

export interface DeskView {
  readonly story: StoryState
  readonly translation: { sourceLang: string; targetLang: string; updatedAt: string } | null
  readonly rows: DeskRow[]
  readonly untranslated: number
  /** The configured provider's name, or null (manual translation). */
  readonly provider: string | null
}

export interface DeskOutcome {
  readonly story: StoryState
  /** The provider's typed error (nothing was changed by the failed call). */
  readonly error?: { code: string; message: string }
  /** Segments whose formatting the provider lost (kept as plain text; Polish reasons). */
  readonly problems: Array<{ id: string; problem: string }>
}

const plainText = (content: readonly Inline[]) =>
  content
    .map((n) => (n.type === 'text' ? n.text : ' '))
    .join('')
    .replace(/\s+/g, ' ')
    .trim()

function show(segment: StorySegment | undefined, rich: boolean): string {
  if (!segment) return ''
  return rich ? serializeInline(segment.content).text : plainText(segment.content)
}

export class TranslationDesk {
  private readonly store: StoryTranslations
  private readonly memory: TranslationMemory
  private readonly glossary: GlossaryRepository

  constructor(
    private readonly db: Db,
    private readonly newsroom: NewsroomService,
    private readonly settings: ProviderSettings,
  ) {
    this.store = new StoryTranslations(db)
    this.memory = new TranslationMemory(db)
    this.glossary = new GlossaryRepository(db)
  }

  translation(articleId: number): Promise<StoryTranslation | null> {
    return this.store.get(articleId)
  }

  async view(articleId: number): Promise<DeskView> {
    const [story, translation, provider] = await Promise.all([this.newsroom.get(articleId), this.store.get(articleId), this.settings.provider().catch(() => null)])
    if (!translation) return { story, translation: null, rows: [], untranslated: 0, provider: provider?.name ?? null }
    const statuses = effectiveStatuses(translation, story.snapshot)
    const glossary = await this.glossary.load(translation.sourceLang)
    const originals = storySegments(translation.source)
    const current = new Map(storySegments(story.snapshot).map((s) => [s.id, s]))
    const rows: DeskRow[] = []
    for (const original of originals) {
      const rich = !PLAIN.has(original.field)
      const now = current.get(original.id)
      const status = statuses[original.id] ?? null
      const tagged = serializeInline(original.content).text
      const suggestions = (await this.memory.suggest(tagged, translation.sourceLang, translation.targetLang)).slice(0, 3)
      const findings = status && now ? glossary.applyGlossary(plainText(now.content), plainText(original.content)) : []
      rows.push({ id: original.id, blockId: original.blockId, field: original.field, required: original.required, rich, source: show(original, rich), target: show(now, rich), status, suggestions, findings })
    }
    const untranslated = rows.filter((r) => r.required && r.status === null && r.target !== '').length
    return { story, translation: { sourceLang: translation.sourceLang, targetLang: translation.targetLang, updatedAt: translation.updatedAt }, rows, untranslated, provider: provider?.name ?? null }
  }

  /**
   * Puts a story on the desk: its current text becomes the original, the working copy is
   * marked Polish (the attribution keeps the original's language).
   */
  async start(actor: Actor, articleId: number, version: number, from?: string): Promise<StoryState> {
    const story = await this.newsroom.get(articleId)
    const existing = await this.store.get(articleId)
    if (existing) return story
    const sourceLang = (from ?? (story.snapshot.language !== 'pl' ? story.snapshot.language : story.snapshot.source?.language) ?? '').toLowerCase()
    if (!/^[a-z]{2}$/.test(sourceLang) || sourceLang === 'pl') throw new NewsroomError('Invalid', 'Podaj język oryginału (dwie litery, np. en) — inny niż polski.')
    // The desk translates into Polish in place: not when the story's group already has a Polish version.
    const polish = (await storyVersionsOf(this.db, articleId)).find((v) => v.articleId !== articleId && v.language === 'pl')
    if (polish) throw new NewsroomError('Invalid', `Ten artykuł ma już wersję polską (nr ${polish.articleId}): tłumacz tamtą wersję albo wróć do niej.`)
    const snapshot: StorySnapshot = { ...story.snapshot, language: 'pl', ...(story.snapshot.source ? { source: { ...story.snapshot.source, language: sourceLang } } : {}) }
    const saved = await this.newsroom.save(actor, articleId, snapshot, version, 'save')
    await this.store.start(articleId, story.snapshot, sourceLang, 'pl', actor.id)
    return saved
  }

  private async mustTranslation(articleId: number): Promise<StoryTranslation> {
    const t = await this.store.get(articleId)
    if (!t) throw new NewsroomError('Invalid', 'Ten artykuł nie jest tłumaczony: najpierw rozpocznij tłumaczenie.')
    return t
  }

  /** Records statuses for segments as they are now in `story`. */
  private async record(articleId: number, story: StoryState, ids: Iterable<string>, status: SegmentStatus): Promise<void> {
    const now = new Map(storySegments(story.snapshot).map((s) => [s.id, s]))
    const updates: Record<string, SegmentRecord> = {}
    for (const id of ids) {
      const s = now.get(id)
      if (s) updates[id] = { status, text: segmentKey(s.content) }
    }
    await this.store.record(articleId, updates)
  }

  /**
   * Machine translation of the given segments (default: every untranslated one): exact
   * translation-memory matches first, the rest through the provider. A provider error
   * leaves the story as it was and is returned (Polish message).
   */
  async machine(actor: Actor, articleId: number, version: number, ids?: readonly string[], provider?: TranslationProvider | null): Promise<DeskOutcome> {
    const translation = await this.mustTranslation(articleId)
    const story = await this.newsroom.get(articleId)
    const statuses = effectiveStatuses(translation, story.snapshot)
    const wanted = storySegments(translation.source).filter((s) => (ids ? ids.includes(s.id) : statuses[s.id] === undefined))
    const results = new Map<string, readonly Inline[]>()
    const problems: DeskOutcome['problems'] = []
    const pending: StorySegment[] = []
    for (const segment of wanted) {
      const serialized = serializeInline(segment.content)
      const exact = (await this.memory.suggest(serialized.text, translation.sourceLang, translation.targetLang)).find((s) => s.exact)
      if (exact) results.set(segment.id, parseTagged(exact.targetText, serialized).content)
      else pending.push(segment)
    }
    const chosen = provider === undefined ? await this.settings.provider() : provider
    let error: DeskOutcome['error']
    if (pending.length && !chosen) error = { code: 'no_provider', message: 'Administrator nie wybrał dostawcy tłumaczenia maszynowego: przetłumacz tekst ręcznie.' }
    else if (pending.length && chosen) {
      try {
        for (const t of await machineTranslate(chosen, pending, translation.sourceLang, translation.targetLang)) {
          results.set(t.id, t.content)
          if (t.problem) problems.push({ id: t.id, problem: `Formatowanie utracone: ${t.problem}. Nałóż je ponownie.` })
        }
      } catch (e) {
        if (!(e instanceof TranslationError)) throw e
        error = { code: e.code, message: e.message }
      }
    }
    if (results.size === 0) return { story, ...(error ? { error } : {}), problems }
    const saved = await this.newsroom.save(actor, articleId, applySegments(story.snapshot, results), version, 'save')
    await this.record(articleId, saved, results.keys(), 'machine')
    return { story: saved, ...(error ? { error } : {}), problems }
  }

  /**
   * Sets one segment's Polish text (the form the desk shows: tagged for rich fields, plain
   * otherwise) and/or approves it. Approving stores the pair in the translation memory.
   */
  async setSegment(actor: Actor, articleId: number, version: number, id: string, input: { text?: string; approve?: boolean }): Promise<DeskOutcome> {
    const translation = await this.mustTranslation(articleId)
    const story = await this.newsroom.get(articleId)
    const original = storySegments(translation.source).find((s) => s.id === id)
    if (!original) throw new NewsroomError('NotFound', 'Nie ma takiego elementu w oryginale.')
    const problems: DeskOutcome['problems'] = []
    let saved = story
    if (input.text !== undefined) {
      const text = input.text.replace(/\r\n?/g, '\n').trim()
      if (!text) throw new NewsroomError('Invalid', 'Wpisz tłumaczenie (pole jest puste).')
      let content: Inline[]
      if (PLAIN.has(original.field)) content = [{ type: 'text', text: text.replace(/\s+/g, ' ') }]
      else {
        const parsed = parseTagged(text.replace(/\n/g, '<br/>'), serializeInline(original.content))
        content = parsed.content
        if (parsed.problem) problems.push({ id, problem: `Formatowanie nie zostało zachowane: ${parsed.problem}. Tekst zapisano bez niego.` })
      }
      const current = storySegments(story.snapshot).find((s) => s.id === id)
      if (!current || segmentKey(current.content) !== segmentKey(content)) saved = await this.newsroom.save(actor, articleId, applySegments(story.snapshot, new Map([[id, content]])), version, 'save')
      // An unchanged text keeps its status (unless approved below).
      if (saved !== story) await this.record(articleId, saved, [id], 'edited')
    }
    if (input.approve) {
      const segment = storySegments(saved.snapshot).find((s) => s.id === id)
      if (!segment) throw new NewsroomError('NotFound', 'Tego elementu nie ma już w artykule.')
      await this.record(articleId, saved, [id], 'approved')
      await this.memory.store({
        sourceLang: translation.sourceLang,
        targetLang: translation.targetLang,
        sourceText: serializeInline(original.content).text,
        targetText: serializeInline(segment.content).text,
        storyId: articleId,
      })
    }
    return { story: saved, problems }
  }
}
