import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../platform/config.js'

describe('translation settings', () => {
  it('default to none (manual translation)', () => {
    expect(loadConfig({}).translation).toEqual({ provider: 'none' })
  })
  it('read each provider’s settings', () => {
    expect(loadConfig({ TRANSLATION_PROVIDER: 'deepl', DEEPL_API_KEY: 'k:fx' }).translation).toEqual({ provider: 'deepl', apiKey: 'k:fx', apiUrl: undefined })
    expect(loadConfig({ TRANSLATION_PROVIDER: 'libretranslate', LIBRETRANSLATE_URL: 'http://lt:5000' }).translation).toMatchObject({ provider: 'libretranslate', url: 'http://lt:5000' })
    expect(loadConfig({ TRANSLATION_PROVIDER: 'openai', OPENAI_BASE_URL: 'http://llm/v1', OPENAI_MODEL: 'm', OPENAI_API_KEY: 's' }).translation).toEqual({
      provider: 'openai',
      baseUrl: 'http://llm/v1',
      model: 'm',
      apiKey: 's',
    })
  })
  it('name missing settings and never echo keys', () => {
    expect(() => loadConfig({ TRANSLATION_PROVIDER: 'openai' })).toThrow(/OPENAI_BASE_URL.*\n.*OPENAI_MODEL/)
    expect(() => loadConfig({ TRANSLATION_PROVIDER: 'deepl' })).toThrow(ConfigError)
    expect(() => loadConfig({ TRANSLATION_PROVIDER: 'bing', DEEPL_API_KEY: 'supersecret', DEEPL_API_URL: 'ftp://x' })).toThrow(/TRANSLATION_PROVIDER/)
    try {
      loadConfig({ TRANSLATION_PROVIDER: 'deepl', DEEPL_API_KEY: 'supersecret', DEEPL_API_URL: 'nope' })
    } catch (e) {
      expect(String(e)).not.toContain('supersecret')
    }
  })
})
