/**
 * @module
 * Machine translation behind one interface. A segment is the text of one block, list item,
 * caption, alt text, credit or SEO field, inline marks included. Providers see it in a small
 * tagged form (see `serializeInline`) and return it in the same form; `parseTagged` turns
 * the answer back into inline nodes. Links' targets never leave the server: a link is sent
 * as `<a id="1">…</a>` and its href is restored from the source by id.
 *
 * Errors are typed (`QuotaExceeded`, `BadKey`, `Timeout`, `ProviderError`), carry a Polish
 * message for the editor and the untouched input segments, so a failed call never costs
 * the editor their work.
 */
import type { Inline, Mark } from '../content/document.js'

/** One translatable unit; `id` says where it belongs (see segments.ts). */
export interface Segment {
  readonly id: string
  readonly content: readonly Inline[]
}

export interface TranslateOptions {
  /** Cancels the call (e.g. the editor left the page); a timeout is added by the adapter. */
  readonly signal?: AbortSignal
}

export interface TranslationProvider {
  /** Shown to editors ("DeepL", "LibreTranslate", the model's name…). */
  readonly name: string
  /**
   * Translates the segments, returning one tagged string per segment, in order (parse
   * with `parseTagged`). `from`/`to` are ISO 639-1 codes ("en", "pl").
   */
  translate(segments: readonly Segment[], from: string, to: string, options?: TranslateOptions): Promise<string[]>
}

// ---------------------------------------------------------------------------------------
// Errors

export type TranslationErrorCode = 'quota_exceeded' | 'bad_key' | 'timeout' | 'provider_error'

export abstract class TranslationError extends Error {
  abstract readonly code: TranslationErrorCode
  constructor(
    message: string,
    readonly provider: string,
    /** The input, unchanged: the desk keeps it and the editor can translate by hand. */
    readonly segments: readonly Segment[],
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = new.target.name
  }
}

/** The account's character quota is used up (`temporary`: a rate limit, try again soon). */
export class QuotaExceeded extends TranslationError {
  readonly code = 'quota_exceeded' as const
  constructor(provider: string, segments: readonly Segment[], readonly temporary = false) {
    super(
      temporary
        ? `Przekroczono limit zapytań u dostawcy tłumaczeń ${provider}. Spróbuj ponownie za chwilę; tekst pozostał bez zmian.`
        : `Wyczerpano limit tłumaczeń u dostawcy ${provider}. Tekst pozostał bez zmian — przetłumacz go ręcznie albo poproś administratora o zwiększenie limitu.`,
      provider,
      segments,
    )
  }
}

export class BadKey extends TranslationError {
  readonly code = 'bad_key' as const
  constructor(provider: string, segments: readonly Segment[]) {
    super(
      `Dostawca tłumaczeń ${provider} odrzucił klucz API. Administrator musi sprawdzić ustawienia tłumaczenia; tekst pozostał bez zmian.`,
      provider,
      segments,
    )
  }
}

export class Timeout extends TranslationError {
  readonly code = 'timeout' as const
  constructor(provider: string, segments: readonly Segment[], readonly timeoutMs: number) {
    super(
      `Dostawca tłumaczeń ${provider} nie odpowiedział w ciągu ${formatSeconds(timeoutMs)} s. Spróbuj ponownie; tekst pozostał bez zmian.`,
      provider,
      segments,
    )
  }
}

export class ProviderError extends TranslationError {
  readonly code = 'provider_error' as const
  constructor(provider: string, segments: readonly Segment[], detail: string, readonly status?: number, options?: { cause?: unknown }) {
    super(`Błąd dostawcy tłumaczeń ${provider}: ${detail}. Tekst pozostał bez zmian.`, provider, segments, options)
  }
}

function formatSeconds(ms: number): string {
  return (ms / 1000).toLocaleString('pl-PL', { maximumFractionDigits: 1 })
}

// ---------------------------------------------------------------------------------------
// HTTP

export interface HttpAnswer {
  readonly status: number
  readonly text: string
  /** The body parsed as JSON, or undefined when it is not JSON. */
  readonly json: unknown
}

/**
 * POSTs JSON and reads the whole answer within `timeoutMs` (headers and body). Network
 * failures become ProviderError, the deadline Timeout, the caller's abort ProviderError.
 */
export async function postJson(
  provider: string,
  segments: readonly Segment[],
  url: string,
  headers: Record<string, string>,
  body: unknown,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<HttpAnswer> {
  const deadline = AbortSignal.timeout(timeoutMs)
  const combined = signal ? AbortSignal.any([deadline, signal]) : deadline
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      body: JSON.stringify(body),
      signal: combined,
      redirect: 'error',
    })
    const text = await res.text()
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      json = undefined
    }
    return { status: res.status, text, json }
  } catch (error) {
    if (deadline.aborted) throw new Timeout(provider, segments, timeoutMs)
    if (signal?.aborted) throw new ProviderError(provider, segments, 'tłumaczenie przerwano', undefined, { cause: error })
    throw new ProviderError(provider, segments, 'brak połączenia z serwerem', undefined, { cause: error })
  }
}

/** A short, safe excerpt of an error answer for the message (never the request). */
export function errorDetail(answer: HttpAnswer): string {
  const j = answer.json as { message?: unknown; error?: unknown } | undefined
  const raw =
    typeof j?.message === 'string'
      ? j.message
      : typeof j?.error === 'string'
        ? j.error
        : typeof (j?.error as { message?: unknown } | undefined)?.message === 'string'
          ? String((j!.error as { message: string }).message)
          : answer.text
  const clean = raw.replace(/\s+/g, ' ').trim().slice(0, 200)
  return `odpowiedź HTTP ${answer.status}${clean ? ` (${clean})` : ''}`
}

/** Checks that the provider returned one string per segment. */
export function expectStrings(provider: string, segments: readonly Segment[], value: unknown): string[] {
  if (!Array.isArray(value) || value.length !== segments.length || !value.every((v) => typeof v === 'string')) {
    throw new ProviderError(provider, segments, `nieoczekiwana odpowiedź (oczekiwano ${segments.length} przetłumaczonych fragmentów)`)
  }
  return value as string[]
}

// ---------------------------------------------------------------------------------------
// The tag format

type SimpleMarkType = Exclude<Mark['type'], 'link'>
const TAG_OF: Record<SimpleMarkType, string> = { bold: 'b', italic: 'i', strike: 's', superscript: 'sup', subscript: 'sub' }
const MARK_OF: Record<string, SimpleMarkType> = { b: 'bold', i: 'italic', s: 'strike', sup: 'superscript', sub: 'subscript' }
/** Outermost first: a link wraps formatting, so a bold word inside a link stays one link. */
const ORDER: Mark['type'][] = ['link', 'bold', 'italic', 'strike', 'superscript', 'subscript']

export interface Serialized {
  /** The tagged text sent to the provider. */
  readonly text: string
  /** Link marks by id ("1", "2", …) as they were in the source. */
  readonly links: ReadonlyMap<string, Mark & { type: 'link' }>
  /** Every tag name used (`b`, `i`, `a1`, `br`…), to check the answer keeps them. */
  readonly tags: ReadonlySet<string>
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' }
function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (all, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10)
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all
    }
    return ENTITIES[name.toLowerCase()] ?? all
  })
}

function sameLink(a: Mark & { type: 'link' }, b: Mark & { type: 'link' }): boolean {
  return a.attrs.href === b.attrs.href && (a.attrs.title ?? '') === (b.attrs.title ?? '')
}

/**
 * Inline content as tagged text: `<b>`, `<i>`, `<s>`, `<sup>`, `<sub>`, `<a id="N">` and
 * `<br/>` for a hard break; `&`, `<`, `>` escaped. Tags are always properly nested.
 */
export function serializeInline(content: readonly Inline[]): Serialized {
  const links = new Map<string, Mark & { type: 'link' }>()
  const tags = new Set<string>()
  const linkId = (mark: Mark & { type: 'link' }): string => {
    for (const [id, m] of links) if (sameLink(m, mark)) return id
    const id = String(links.size + 1)
    links.set(id, mark)
    return id
  }
  const keyOf = (mark: Mark): string => (mark.type === 'link' ? `a${linkId(mark)}` : TAG_OF[mark.type])
  const open = (key: string) => (key.startsWith('a') && key !== 'a' ? `<a id="${key.slice(1)}">` : `<${key}>`)
  const close = (key: string) => (key.startsWith('a') ? '</a>' : `</${key}>`)

  let out = ''
  const stack: string[] = []
  for (const node of content) {
    if (node.type === 'hardBreak') {
      out += '<br/>'
      tags.add('br')
      continue
    }
    const marks = [...(node.marks ?? [])].sort((a, b) => ORDER.indexOf(a.type) - ORDER.indexOf(b.type))
    const keys = marks.map(keyOf)
    // Keep the longest prefix of open tags this node also has; close the rest.
    let keep = 0
    while (keep < stack.length && keys.includes(stack[keep]!)) keep++
    while (stack.length > keep) out += close(stack.pop()!)
    for (const key of keys) {
      if (!stack.includes(key)) {
        out += open(key)
        stack.push(key)
        tags.add(key)
      }
    }
    out += escapeXml(node.text)
  }
  while (stack.length) out += close(stack.pop()!)
  return { text: out, links, tags }
}

export interface Parsed {
  readonly content: Inline[]
  /** True when the answer's tags could not be trusted and the text came back without marks. */
  readonly tagsLost: boolean
  /** Why (Polish), when tagsLost. */
  readonly problem?: string
}

const TOKEN = /<\s*(\/?)\s*([a-z]+)((?:\s+[a-z-]+\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))*)\s*(\/?)\s*>/gi

/**
 * Parses a provider's tagged answer back into inline nodes, using the source's
 * serialisation for links. Unknown tags, unbalanced tags, unknown link ids or tags of the
 * source that went missing → the plain text (tags removed, entities decoded) without
 * marks, flagged, so the editor re-applies formatting by hand.
 */
export function parseTagged(tagged: string, source: Serialized): Parsed {
  const nodes: Inline[] = []
  const stack: Array<{ key: string; mark: Mark }> = []
  const seen = new Set<string>()
  let problem: string | undefined
  let last = 0
  const pushText = (raw: string) => {
    const text = unescapeXml(raw)
    if (!text) return
    const marks = stack.map((s) => s.mark)
    const prev = nodes[nodes.length - 1]
    if (prev?.type === 'text' && sameMarks(prev.marks ?? [], marks)) {
      nodes[nodes.length - 1] = { ...prev, text: prev.text + text }
      return
    }
    nodes.push(marks.length ? { type: 'text', text, marks } : { type: 'text', text })
  }
  for (const m of tagged.matchAll(TOKEN)) {
    pushText(tagged.slice(last, m.index))
    last = m.index + m[0].length
    const closing = m[1] === '/'
    const name = m[2]!.toLowerCase()
    const selfClosing = m[4] === '/'
    if (name === 'br') {
      nodes.push({ type: 'hardBreak' })
      seen.add('br')
      continue
    }
    let key: string
    let mark: Mark
    if (name === 'a') {
      if (closing) {
        key = stack.length && stack[stack.length - 1]!.key.startsWith('a') ? stack[stack.length - 1]!.key : 'a?'
        mark = { type: 'bold' }
      } else {
        const id = /\bid\s*=\s*["']?(\d+)/i.exec(m[3] ?? '')?.[1]
        const link = id ? source.links.get(id) : undefined
        if (!link) {
          problem ??= 'tłumaczenie zawiera odnośnik, którego nie było w tekście źródłowym'
          break
        }
        key = `a${id}`
        mark = link
      }
    } else if (MARK_OF[name]) {
      key = name
      mark = { type: MARK_OF[name] } as Mark
    } else {
      problem ??= `nieznany znacznik <${name}> w tłumaczeniu`
      break
    }
    if (selfClosing) continue
    if (closing) {
      if (stack[stack.length - 1]?.key !== key) {
        problem ??= 'znaczniki formatowania w tłumaczeniu są źle zagnieżdżone'
        break
      }
      stack.pop()
    } else {
      stack.push({ key, mark })
      seen.add(key)
    }
  }
  if (!problem) {
    pushText(tagged.slice(last))
    if (stack.length) problem = 'znaczniki formatowania w tłumaczeniu nie są domknięte'
  }
  if (!problem) {
    const missing = [...source.tags].filter((t) => !seen.has(t))
    if (missing.length) problem = 'w tłumaczeniu zabrakło formatowania albo odnośnika z tekstu źródłowego'
  }
  if (problem) return { content: plainContent(tagged), tagsLost: true, problem }
  return { content: nodes, tagsLost: false }
}

/** The text of a tagged string without any marks (hard breaks kept). */
export function plainContent(tagged: string): Inline[] {
  const out: Inline[] = []
  const parts = tagged.split(/<\s*br\s*\/?\s*>/i)
  parts.forEach((part, i) => {
    if (i > 0) out.push({ type: 'hardBreak' })
    const text = unescapeXml(part.replace(/<[^>]*>/g, ''))
    if (text) out.push({ type: 'text', text })
  })
  return out
}

function sameMarks(a: readonly Mark[], b: readonly Mark[]): boolean {
  return a.length === b.length && a.every((m, i) => JSON.stringify(m) === JSON.stringify(b[i]))
}

// ---------------------------------------------------------------------------------------
// The desk's entry point

export interface TranslatedSegment {
  readonly id: string
  readonly content: Inline[]
  /** The raw tagged answer, for the translation memory. */
  readonly tagged: string
  readonly tagsLost: boolean
  readonly problem?: string
}

/**
 * Translates segments with a provider and parses the answers back. Empty segments are not
 * sent. Errors are the provider's typed errors, carrying the input.
 */
export async function machineTranslate(
  provider: TranslationProvider,
  segments: readonly Segment[],
  from: string,
  to: string,
  options?: TranslateOptions,
): Promise<TranslatedSegment[]> {
  const sendable = segments.filter((s) => s.content.some((n) => n.type === 'text' && n.text.trim() !== ''))
  const answers = sendable.length ? await provider.translate(sendable, from, to, options) : []
  const byId = new Map(sendable.map((s, i) => [s.id, answers[i]!]))
  return segments.map((segment) => {
    const answer = byId.get(segment.id)
    if (answer === undefined) return { id: segment.id, content: [...segment.content], tagged: '', tagsLost: false }
    const parsed = parseTagged(answer, serializeInline(segment.content))
    return { id: segment.id, content: parsed.content, tagged: answer, tagsLost: parsed.tagsLost, ...(parsed.problem ? { problem: parsed.problem } : {}) }
  })
}
