/**
 * @module
 * The desk's "translate this story" step: every segment of the story gets its Polish text
 * from the translation memory (exact match) or from the provider, glossary findings and
 * memory suggestions for the side-by-side view. Without a provider (TRANSLATION_PROVIDER=none)
 * or when the provider fails, the segments keep their source text for manual translation
 * and the provider's typed error is returned beside them: nothing is lost.
 */
import type { Inline } from '../content/document.js'
import type { Glossary, GlossaryFinding } from './glossary.js'
import type { Suggestion, TranslationMemory } from './memory.js'
import { TranslationError, machineTranslate, parseTagged, serializeInline, type TranslationProvider } from './provider.js'
import { storySegments, type SegmentField, type SegmentStatus } from './segments.js'
import type { StorySnapshot } from '../newsroom/newsroom.service.js'

export interface DeskSegment {
  readonly id: string
  readonly blockId: string | null
  readonly field: SegmentField
  readonly source: readonly Inline[]
  /** The proposed Polish text (the source itself when `origin` is "source"). */
  readonly content: readonly Inline[]
  /** memory: an exact translation-memory match; machine: the provider; source: untranslated. */
  readonly origin: 'memory' | 'machine' | 'source'
  /** The status to record for the proposal (undefined: still untranslated). */
  readonly status: SegmentStatus | undefined
  readonly tagsLost: boolean
  readonly problem?: string
  readonly suggestions: readonly Suggestion[]
  readonly findings: readonly GlossaryFinding[]
}

export interface DeskResult {
  readonly segments: DeskSegment[]
  /** The provider's error, if it failed (the segments it should have translated keep their source). */
  readonly error?: TranslationError
}

export interface DeskOptions {
  readonly from: string
  readonly to: string
  readonly provider: TranslationProvider | null
  readonly memory?: TranslationMemory
  readonly glossary?: Glossary
  readonly signal?: AbortSignal
}

const plain = (content: readonly Inline[]) => content.map((n) => (n.type === 'text' ? n.text : '\n')).join('')

export async function translateStory(snapshot: StorySnapshot, options: DeskOptions): Promise<DeskResult> {
  const segments = storySegments(snapshot)
  const proposals = new Map<string, { content: readonly Inline[]; origin: DeskSegment['origin']; tagsLost: boolean; problem?: string }>()
  const suggestions = new Map<string, Suggestion[]>()
  for (const segment of segments) {
    const serialized = serializeInline(segment.content)
    const found = options.memory ? await options.memory.suggest(serialized.text, options.from, options.to) : []
    suggestions.set(segment.id, found)
    const exact = found.find((s) => s.exact)
    if (exact) {
      const parsed = parseTagged(exact.targetText, serialized)
      proposals.set(segment.id, { content: parsed.content, origin: 'memory', tagsLost: parsed.tagsLost, ...(parsed.problem ? { problem: parsed.problem } : {}) })
    }
  }
  const pending = segments.filter((s) => !proposals.has(s.id))
  let error: TranslationError | undefined
  if (options.provider && pending.length) {
    try {
      const translated = await machineTranslate(options.provider, pending, options.from, options.to, options.signal ? { signal: options.signal } : undefined)
      for (const t of translated) proposals.set(t.id, { content: t.content, origin: 'machine', tagsLost: t.tagsLost, ...(t.problem ? { problem: t.problem } : {}) })
    } catch (e) {
      if (!(e instanceof TranslationError)) throw e
      error = e
    }
  }
  return {
    segments: segments.map((segment) => {
      const p = proposals.get(segment.id) ?? { content: segment.content, origin: 'source' as const, tagsLost: false }
      const findings = p.origin === 'source' || !options.glossary ? [] : options.glossary.applyGlossary(plain(p.content), plain(segment.content))
      return {
        id: segment.id,
        blockId: segment.blockId,
        field: segment.field,
        source: segment.content,
        content: p.content,
        origin: p.origin,
        status: p.origin === 'source' ? undefined : 'machine',
        tagsLost: p.tagsLost,
        ...(p.problem ? { problem: p.problem } : {}),
        suggestions: suggestions.get(segment.id) ?? [],
        findings,
      }
    }),
    ...(error ? { error } : {}),
  }
}
