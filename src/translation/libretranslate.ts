/**
 * @module
 * LibreTranslate (`POST /translate`, JSON): `q` (an array: one string per segment),
 * `source`, `target`, `format: "html"` (so tags are kept) and `api_key` when the instance
 * requires one; the answer's `translatedText` is an array in the same order.
 * Errors (`{"error": "…"}`): 400 bad request (or a missing key on instances that require
 * one), 403 invalid or banned key, 429 slow down, 500 translation failed.
 */
import { BadKey, ProviderError, QuotaExceeded, errorDetail, expectStrings, postJson, serializeInline, type Segment, type TranslateOptions, type TranslationProvider } from './provider.js'

export interface LibreTranslateOptions {
  /** The instance's base URL, e.g. https://libretranslate.example.org */
  readonly url: string
  readonly apiKey?: string
  readonly timeoutMs?: number
}

export class LibreTranslateProvider implements TranslationProvider {
  readonly name = 'LibreTranslate'
  private readonly url: string
  private readonly timeoutMs: number

  constructor(private readonly options: LibreTranslateOptions) {
    this.url = `${options.url.replace(/\/+$/, '')}/translate`
    this.timeoutMs = options.timeoutMs ?? 30_000
  }

  async translate(segments: readonly Segment[], from: string, to: string, options?: TranslateOptions): Promise<string[]> {
    const body: Record<string, unknown> = {
      q: segments.map((s) => serializeInline(s.content).text),
      source: from,
      target: to,
      format: 'html',
    }
    if (this.options.apiKey) body.api_key = this.options.apiKey
    const answer = await postJson(this.name, segments, this.url, {}, body, this.timeoutMs, options?.signal)
    const error = (answer.json as { error?: unknown } | undefined)?.error
    if (answer.status === 403) throw new BadKey(this.name, segments)
    if (answer.status === 400 && typeof error === 'string' && /api[ _-]?key/i.test(error)) throw new BadKey(this.name, segments)
    if (answer.status === 429) throw new QuotaExceeded(this.name, segments, true)
    if (answer.status !== 200) throw new ProviderError(this.name, segments, errorDetail(answer), answer.status)
    const translated = (answer.json as { translatedText?: unknown } | undefined)?.translatedText
    // One segment may come back as a plain string from older instances.
    return expectStrings(this.name, segments, typeof translated === 'string' && segments.length === 1 ? [translated] : translated)
  }
}
