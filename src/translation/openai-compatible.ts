/**
 * @module
 * Any OpenAI-compatible chat-completions endpoint (OpenAI, a vLLM/llama.cpp/Ollama server,
 * …): `POST {baseUrl}/chat/completions` with `Authorization: Bearer KEY` (omitted when no
 * key is set), `model` and `messages`. The model gets the segments as a JSON array and is
 * told to keep the tags and answer with `{"translations": [...]}` of the same length.
 * Errors: 401 bad key, 429 rate limit (`insufficient_quota`: the quota is used up), 5xx.
 */
import { BadKey, ProviderError, QuotaExceeded, errorDetail, expectStrings, postJson, serializeInline, type Segment, type TranslateOptions, type TranslationProvider } from './provider.js'

export interface OpenAiCompatibleOptions {
  /** Up to and including the version, e.g. https://api.openai.com/v1 */
  readonly baseUrl: string
  readonly model: string
  readonly apiKey?: string
  readonly timeoutMs?: number
}

const LANGUAGE_NAMES: Record<string, string> = {
  pl: 'Polish', en: 'English', de: 'German', fr: 'French', es: 'Spanish', it: 'Italian', uk: 'Ukrainian', ru: 'Russian',
  cs: 'Czech', sk: 'Slovak', lt: 'Lithuanian', be: 'Belarusian', ar: 'Arabic', he: 'Hebrew', pt: 'Portuguese', nl: 'Dutch',
}

export function systemPrompt(from: string, to: string): string {
  const name = (code: string) => LANGUAGE_NAMES[code] ?? code
  return [
    `You are a professional news translator. Translate each item of the JSON array from ${name(from)} to ${name(to)}.`,
    'The items contain XML-like tags: <b>, <i>, <s>, <sup>, <sub>, <a id="N"> and <br/>.',
    'Keep every tag and its attributes exactly as given, around the words they belong to; do not add new tags.',
    'Keep &amp;, &lt; and &gt; escaped. Do not add explanations.',
    'Answer with a JSON object {"translations": [...]} holding exactly one translated string per item, in the same order.',
  ].join(' ')
}

export class OpenAiCompatibleProvider implements TranslationProvider {
  readonly name: string
  private readonly url: string
  private readonly timeoutMs: number

  constructor(private readonly options: OpenAiCompatibleOptions) {
    this.name = options.model
    this.url = `${options.baseUrl.replace(/\/+$/, '')}/chat/completions`
    this.timeoutMs = options.timeoutMs ?? 60_000
  }

  async translate(segments: readonly Segment[], from: string, to: string, options?: TranslateOptions): Promise<string[]> {
    const body = {
      model: this.options.model,
      temperature: 0,
      messages: [
        { role: 'system', content: systemPrompt(from, to) },
        { role: 'user', content: JSON.stringify(segments.map((s) => serializeInline(s.content).text)) },
      ],
    }
    const headers: Record<string, string> = this.options.apiKey ? { authorization: `Bearer ${this.options.apiKey}` } : {}
    const answer = await postJson(this.name, segments, this.url, headers, body, this.timeoutMs, options?.signal)
    if (answer.status === 401 || answer.status === 403) throw new BadKey(this.name, segments)
    if (answer.status === 429) {
      const code = (answer.json as { error?: { code?: unknown; type?: unknown } } | undefined)?.error
      const usedUp = code?.code === 'insufficient_quota' || code?.type === 'insufficient_quota'
      throw new QuotaExceeded(this.name, segments, !usedUp)
    }
    if (answer.status !== 200) throw new ProviderError(this.name, segments, errorDetail(answer), answer.status)
    const content = (answer.json as { choices?: Array<{ message?: { content?: unknown } }> } | undefined)?.choices?.[0]?.message?.content
    if (typeof content !== 'string') throw new ProviderError(this.name, segments, 'odpowiedź bez treści')
    return expectStrings(this.name, segments, extractTranslations(content))
  }
}

/** The translations array from the model's answer (tolerating a ```json fence or a bare array). */
export function extractTranslations(content: string): unknown {
  const unfenced = content.replace(/^\s*```(?:json)?\s*/i, '').replace(/\s*```\s*$/, '')
  try {
    const parsed: unknown = JSON.parse(unfenced)
    if (Array.isArray(parsed)) return parsed
    return (parsed as { translations?: unknown } | null)?.translations
  } catch {
    return undefined
  }
}
