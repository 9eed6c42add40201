/**
 * @module
 * DeepL API v2 (`POST /v2/translate`, JSON). Authentication by the header
 * `Authorization: DeepL-Auth-Key KEY`; Free-plan keys end in ":fx" and use
 * https://api-free.deepl.com, Pro keys https://api.deepl.com. Segments are sent as the
 * `text` array with `tag_handling: "xml"`, so our `<b>`, `<a id>`… tags are kept.
 * Errors: 403 bad key, 456 quota exceeded, 429 too many requests, 5xx temporary.
 */
import { BadKey, ProviderError, QuotaExceeded, errorDetail, expectStrings, postJson, serializeInline, type Segment, type TranslateOptions, type TranslationProvider } from './provider.js'

export interface DeeplOptions {
  readonly apiKey: string
  /** Base URL; by default chosen from the key (":fx" → Free). */
  readonly apiUrl?: string
  readonly timeoutMs?: number
}

export function deeplBaseUrl(apiKey: string): string {
  return apiKey.endsWith(':fx') ? 'https://api-free.deepl.com' : 'https://api.deepl.com'
}

/** DeepL's language codes: upper case; English and Portuguese targets need a variant. */
export function deeplLanguage(code: string, role: 'source' | 'target'): string {
  const upper = code.toUpperCase()
  if (role === 'target' && upper === 'EN') return 'EN-GB'
  if (role === 'target' && upper === 'PT') return 'PT-PT'
  return upper
}

export class DeeplProvider implements TranslationProvider {
  readonly name = 'DeepL'
  private readonly url: string
  private readonly timeoutMs: number

  constructor(private readonly options: DeeplOptions) {
    this.url = `${(options.apiUrl ?? deeplBaseUrl(options.apiKey)).replace(/\/+$/, '')}/v2/translate`
    this.timeoutMs = options.timeoutMs ?? 30_000
  }

  async translate(segments: readonly Segment[], from: string, to: string, options?: TranslateOptions): Promise<string[]> {
    const body = {
      text: segments.map((s) => serializeInline(s.content).text),
      source_lang: deeplLanguage(from, 'source'),
      target_lang: deeplLanguage(to, 'target'),
      tag_handling: 'xml',
      // Our segments are single blocks: no sentence splitting on newlines inside them.
      split_sentences: 'nonewlines',
      preserve_formatting: true,
    }
    const answer = await postJson(this.name, segments, this.url, { authorization: `DeepL-Auth-Key ${this.options.apiKey}` }, body, this.timeoutMs, options?.signal)
    if (answer.status === 403 || answer.status === 401) throw new BadKey(this.name, segments)
    if (answer.status === 456) throw new QuotaExceeded(this.name, segments)
    if (answer.status === 429) throw new QuotaExceeded(this.name, segments, true)
    if (answer.status !== 200) throw new ProviderError(this.name, segments, errorDetail(answer), answer.status)
    const translations = (answer.json as { translations?: Array<{ text?: unknown }> } | undefined)?.translations
    return expectStrings(this.name, segments, Array.isArray(translations) ? translations.map((t) => t?.text) : undefined)
  }
}
