/**
 * @module
 * The translation desk's library layer: providers (provider.ts and the adapters), the
 * translation memory, the glossary and story segments. See docs/translation.md.
 */
import type { TranslationConfig } from '../platform/config.js'
import { DeeplProvider } from './deepl.js'
import { LibreTranslateProvider } from './libretranslate.js'
import { OpenAiCompatibleProvider } from './openai-compatible.js'
import type { TranslationProvider } from './provider.js'

export * from './provider.js'
export { DeeplProvider } from './deepl.js'
export { LibreTranslateProvider } from './libretranslate.js'
export { OpenAiCompatibleProvider } from './openai-compatible.js'
export { TranslationMemory, FUZZY_THRESHOLD, type Suggestion, type MemoryEntry } from './memory.js'
export { Glossary, GlossaryRepository, type GlossaryEntry, type GlossaryFinding } from './glossary.js'
export * from './segments.js'
export { translateStory, type DeskResult, type DeskSegment, type DeskOptions } from './desk.js'

/** The configured provider, or null for TRANSLATION_PROVIDER=none (manual translation). */
export function createTranslationProvider(config: TranslationConfig, timeoutMs?: number): TranslationProvider | null {
  const t = timeoutMs === undefined ? {} : { timeoutMs }
  switch (config.provider) {
    case 'none':
      return null
    case 'deepl':
      return new DeeplProvider({ apiKey: config.apiKey, ...(config.apiUrl ? { apiUrl: config.apiUrl } : {}), ...t })
    case 'libretranslate':
      return new LibreTranslateProvider({ url: config.url, ...(config.apiKey ? { apiKey: config.apiKey } : {}), ...t })
    case 'openai':
      return new OpenAiCompatibleProvider({ baseUrl: config.baseUrl, model: config.model, ...(config.apiKey ? { apiKey: config.apiKey } : {}), ...t })
  }
}
