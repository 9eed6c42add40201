/**
 * Each adapter against a local HTTP server speaking that provider's documented protocol:
 * the requests it receives are asserted, and its error answers come back as typed errors
 * that still carry the input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DeeplProvider } from './deepl.js'
import { createTranslationProvider } from './index.js'
import { LibreTranslateProvider } from './libretranslate.js'
import { OpenAiCompatibleProvider } from './openai-compatible.js'
import { localServer, type Handler, type LocalServer, type Mode, type Received } from './test-servers.js'
import { BadKey, ProviderError, QuotaExceeded, Timeout, TranslationError, machineTranslate, type Segment, type TranslationProvider } from './provider.js'

const link = { type: 'link' as const, attrs: { href: 'https://example.com/report' } }
const segments: Segment[] = [
  { id: 'headline', content: [{ type: 'text', text: 'Strike kills commander' }] },
  {
    id: 'block:p1',
    content: [
      { type: 'text', text: 'The ' },
      { type: 'text', text: 'Pentagon', marks: [{ type: 'bold' }] },
      { type: 'text', text: ' confirmed it in a ' },
      { type: 'text', text: 'statement', marks: [link] },
      { type: 'text', text: '.' },
    ],
  },
]
const snapshotOfInput = JSON.stringify(segments)
const TAGGED_IN = ['Strike kills commander', 'The <b>Pentagon</b> confirmed it in a <a id="1">statement</a>.']
const TAGGED_OUT = ['Nalot zabił dowódcę', '<b>Pentagon</b> potwierdził to w <a id="1">oświadczeniu</a>.']

async function expectTypedError(provider: TranslationProvider, type: new (...args: any[]) => TranslationError): Promise<TranslationError> {
  const error = await provider.translate(segments, 'en', 'pl').then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(type)
  const typed = error as TranslationError
  // Never lose the input: the error carries it unchanged.
  expect(typed.segments).toBe(segments)
  expect(JSON.stringify(typed.segments)).toBe(snapshotOfInput)
  expect(typed.message).toMatch(/[ąćęłńóśźż]/)
  return typed
}

function commonErrorTests(make: (timeoutMs?: number) => TranslationProvider, server: () => LocalServer) {
  it('quota exceeded → QuotaExceeded', async () => {
    server().mode = 'quota'
    const e = await expectTypedError(make(), QuotaExceeded)
    expect(e.message).toContain('limit')
  })
  it('bad key → BadKey', async () => {
    server().mode = 'badkey'
    const e = await expectTypedError(make(), BadKey)
    expect(e.message).toContain('klucz API')
  })
  it('a slow answer → Timeout', async () => {
    server().mode = 'slow'
    const started = Date.now()
    const e = (await expectTypedError(make(200), Timeout)) as Timeout
    expect(Date.now() - started).toBeLessThan(1400)
    expect(e.timeoutMs).toBe(200)
    expect(e.message).toContain('0,2 s')
  })
  it('an answer of the wrong shape → ProviderError', async () => {
    server().mode = 'garbage'
    await expectTypedError(make(), ProviderError)
  })
  it('an unreachable server → ProviderError', async () => {
    const closed = await localServer(() => ({ status: 200, body: {} }))
    await closed.close()
    const provider = new LibreTranslateProvider({ url: closed.url })
    await expectTypedError(provider, ProviderError)
  })
}

describe('DeepL adapter', () => {
  let server: LocalServer
  beforeAll(async () => {
    server = await localServer((req, mode) => {
      if (req.headers.authorization !== 'DeepL-Auth-Key secret-key:fx' || mode === 'badkey') return { status: 403, body: { message: 'Forbidden' } }
      if (mode === 'quota') return { status: 456, body: { message: 'Quota exceeded' } }
      if (mode === 'garbage') return { status: 200, body: { translations: [{ text: 'jedno' }] } }
      return { status: 200, body: { translations: TAGGED_OUT.map((text) => ({ detected_source_language: 'EN', text })) } }
    })
  })
  afterAll(() => server.close())
  const make = (timeoutMs?: number) => new DeeplProvider({ apiKey: 'secret-key:fx', apiUrl: server.url, ...(timeoutMs ? { timeoutMs } : {}) })

  it('sends /v2/translate with the auth header, the text array and xml tag handling', async () => {
    server.mode = 'ok'
    server.received.length = 0
    const result = await machineTranslate(make(), segments, 'en', 'pl')
    expect(server.received).toHaveLength(1)
    const req = server.received[0]!
    expect(req.method).toBe('POST')
    expect(req.url).toBe('/v2/translate')
    expect(req.headers['content-type']).toBe('application/json')
    expect(req.headers.authorization).toBe('DeepL-Auth-Key secret-key:fx')
    expect(req.body).toMatchObject({ text: TAGGED_IN, source_lang: 'EN', target_lang: 'PL', tag_handling: 'xml' })
    expect(result[1]!.tagsLost).toBe(false)
    expect(result[1]!.content).toEqual([
      { type: 'text', text: 'Pentagon', marks: [{ type: 'bold' }] },
      { type: 'text', text: ' potwierdził to w ' },
      { type: 'text', text: 'oświadczeniu', marks: [link] },
      { type: 'text', text: '.' },
    ])
  })
  commonErrorTests(make, () => server)

  it('a rate limit (429) is a temporary QuotaExceeded', async () => {
    const limited = await localServer(() => ({ status: 429, body: { message: 'Too many requests' } }))
    try {
      const e = (await expectTypedError(new DeeplProvider({ apiKey: 'k', apiUrl: limited.url }), QuotaExceeded)) as QuotaExceeded
      expect(e.temporary).toBe(true)
    } finally {
      await limited.close()
    }
  })
})

describe('LibreTranslate adapter', () => {
  let server: LocalServer
  beforeAll(async () => {
    server = await localServer((req, mode) => {
      if (mode === 'badkey' || req.body?.api_key !== 'lt-key') return { status: 403, body: { error: 'Invalid API key' } }
      if (mode === 'quota') return { status: 429, body: { error: 'Slowdown: 30 per 1 minute' } }
      if (mode === 'garbage') return { status: 500, body: { error: 'Cannot translate text: model crashed' } }
      return { status: 200, body: { translatedText: TAGGED_OUT } }
    })
  })
  afterAll(() => server.close())
  const make = (timeoutMs?: number) => new LibreTranslateProvider({ url: `${server.url}/`, apiKey: 'lt-key', ...(timeoutMs ? { timeoutMs } : {}) })

  it('sends /translate with q as an array, source, target, format=html and api_key', async () => {
    server.mode = 'ok'
    server.received.length = 0
    const result = await machineTranslate(make(), segments, 'en', 'pl')
    const req = server.received[0]!
    expect(req.url).toBe('/translate')
    expect(req.body).toEqual({ q: TAGGED_IN, source: 'en', target: 'pl', format: 'html', api_key: 'lt-key' })
    expect(result.map((r) => r.tagged)).toEqual(TAGGED_OUT)
  })
  commonErrorTests(make, () => server)

  it('a 500 answer names the status and the provider’s reason', async () => {
    server.mode = 'garbage'
    const e = (await expectTypedError(make(), ProviderError)) as ProviderError
    expect(e.status).toBe(500)
    expect(e.message).toContain('model crashed')
  })
})

describe('OpenAI-compatible adapter', () => {
  let server: LocalServer
  beforeAll(async () => {
    server = await localServer((req, mode) => {
      if (mode === 'badkey' || req.headers.authorization !== 'Bearer sk-test')
        return { status: 401, body: { error: { message: 'Incorrect API key provided', type: 'invalid_request_error', code: 'invalid_api_key' } } }
      if (mode === 'quota') return { status: 429, body: { error: { message: 'You exceeded your current quota', type: 'insufficient_quota', code: 'insufficient_quota' } } }
      const content = mode === 'garbage' ? 'Sure! Here is the translation.' : '```json\n' + JSON.stringify({ translations: TAGGED_OUT }) + '\n```'
      return { status: 200, body: { id: 'chatcmpl-1', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] } }
    })
  })
  afterAll(() => server.close())
  const make = (timeoutMs?: number) => new OpenAiCompatibleProvider({ baseUrl: `${server.url}/v1`, model: 'test-model', apiKey: 'sk-test', ...(timeoutMs ? { timeoutMs } : {}) })

  it('sends /v1/chat/completions with the bearer key, the model and an instruction to keep tags', async () => {
    server.mode = 'ok'
    server.received.length = 0
    const result = await machineTranslate(make(), segments, 'en', 'pl')
    const req = server.received[0]!
    expect(req.url).toBe('/v1/chat/completions')
    expect(req.headers.authorization).toBe('Bearer sk-test')
    expect(req.body.model).toBe('test-model')
    expect(req.body.messages[0].role).toBe('system')
    expect(req.body.messages[0].content).toMatch(/Keep every tag/)
    expect(req.body.messages[0].content).toMatch(/from English to Polish/)
    expect(JSON.parse(req.body.messages[1].content)).toEqual(TAGGED_IN)
    expect(result.map((r) => r.tagged)).toEqual(TAGGED_OUT)
  })
  commonErrorTests(make, () => server)

  it('insufficient_quota is a lasting QuotaExceeded', async () => {
    server.mode = 'quota'
    const e = (await expectTypedError(make(), QuotaExceeded)) as QuotaExceeded
    expect(e.temporary).toBe(false)
  })
})

describe('configuration', () => {
  it('"none" means manual translation: no provider', () => {
    expect(createTranslationProvider({ provider: 'none' })).toBeNull()
  })
  it('builds each adapter from its settings', () => {
    expect(createTranslationProvider({ provider: 'deepl', apiKey: 'k:fx', apiUrl: undefined })?.name).toBe('DeepL')
    expect(createTranslationProvider({ provider: 'libretranslate', url: 'http://lt', apiKey: undefined })?.name).toBe('LibreTranslate')
    expect(createTranslationProvider({ provider: 'openai', baseUrl: 'http://llm/v1', apiKey: undefined, model: 'bielik' })?.name).toBe('bielik')
  })
  it('a caller’s abort is reported without losing the input', async () => {
    const slow = await localServer(() => ({ status: 200, body: {} }))
    slow.mode = 'slow'
    try {
      const controller = new AbortController()
      const pending = new LibreTranslateProvider({ url: slow.url }).translate(segments, 'en', 'pl', { signal: controller.signal })
      controller.abort()
      const e = await pending.catch((x: unknown) => x)
      expect(e).toBeInstanceOf(ProviderError)
      expect((e as ProviderError).segments).toBe(segments)
    } finally {
      await slow.close()
    }
  })
})
