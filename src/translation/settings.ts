/**
 * @module
 * The machine-translation provider as the administrator configures it on
 * `/admin/ustawienia/tlumaczenie` (stored in `settings`, key `translation_provider`; the API
 * key sealed with the accounts' SecretBox and never sent back to a browser). Without a
 * stored choice the environment's TRANSLATION_PROVIDER (docs/translation.md) applies.
 */
import { z } from 'zod'
import { SecretBox } from '../accounts/secrets.js'
import type { Config, TranslationConfig } from '../platform/config.js'
import type { Db } from '../platform/db/database.js'
import { createTranslationProvider } from './index.js'
import type { TranslationProvider } from './provider.js'

const KEY = 'translation_provider'

export const PROVIDERS = ['none', 'deepl', 'libretranslate', 'openai'] as const
export type ProviderKind = (typeof PROVIDERS)[number]

export const PROVIDER_LABELS: Record<ProviderKind, string> = {
  none: 'brak (tłumaczenie ręczne)',
  deepl: 'DeepL',
  libretranslate: 'LibreTranslate',
  openai: 'model zgodny z API OpenAI',
}

const StoredSchema = z.object({
  provider: z.enum(PROVIDERS),
  url: z.string().default(''),
  model: z.string().default(''),
  /** Sealed (SecretBox); '' when none. */
  apiKey: z.string().default(''),
})

/** What the settings page shows: everything but the key, of which only its presence. */
export interface ProviderSettingsView {
  provider: ProviderKind
  url: string
  model: string
  hasKey: boolean
  /** Where the choice comes from: this page, or the environment. */
  origin: 'settings' | 'environment'
}

export interface ProviderSettingsInput {
  provider: string
  url: string
  model: string
  /** A new key; empty keeps the stored one. */
  apiKey: string
  removeKey: boolean
}

export class ProviderSettingsError extends Error {
  constructor(readonly errors: Record<string, string>) {
    super(Object.values(errors).join(' '))
  }
}

function fromEnvironment(t: TranslationConfig): ProviderSettingsView {
  switch (t.provider) {
    case 'none':
      return { provider: 'none', url: '', model: '', hasKey: false, origin: 'environment' }
    case 'deepl':
      return { provider: 'deepl', url: t.apiUrl ?? '', model: '', hasKey: true, origin: 'environment' }
    case 'libretranslate':
      return { provider: 'libretranslate', url: t.url, model: '', hasKey: Boolean(t.apiKey), origin: 'environment' }
    case 'openai':
      return { provider: 'openai', url: t.baseUrl, model: t.model, hasKey: Boolean(t.apiKey), origin: 'environment' }
  }
}

export class ProviderSettings {
  constructor(
    private readonly db: Db,
    private readonly config: Pick<Config, 'translation' | 'secretKey'>,
  ) {}

  private async stored(): Promise<z.output<typeof StoredSchema> | null> {
    const row = await this.db.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst()
    if (!row) return null
    const parsed = StoredSchema.safeParse(JSON.parse(row.value))
    return parsed.success ? parsed.data : null
  }

  async view(): Promise<ProviderSettingsView> {
    const s = await this.stored()
    if (!s) return fromEnvironment(this.config.translation)
    return { provider: s.provider, url: s.url, model: s.model, hasKey: s.apiKey !== '', origin: 'settings' }
  }

  /** The effective configuration (with the key in clear: server side only). */
  async effective(): Promise<TranslationConfig> {
    const s = await this.stored()
    if (!s) return this.config.translation
    const key = s.apiKey ? ((await SecretBox.open(this.db, this.config.secretKey)).open(s.apiKey) ?? '') : ''
    switch (s.provider) {
      case 'none':
        return { provider: 'none' }
      case 'deepl':
        return { provider: 'deepl', apiKey: key, apiUrl: s.url || undefined }
      case 'libretranslate':
        return { provider: 'libretranslate', url: s.url, apiKey: key || undefined }
      case 'openai':
        return { provider: 'openai', baseUrl: s.url, model: s.model, apiKey: key || undefined }
    }
  }

  /** The provider to call now, or null (manual translation). */
  async provider(timeoutMs?: number): Promise<TranslationProvider | null> {
    return createTranslationProvider(await this.effective(), timeoutMs)
  }

  /** Validates and stores the administrator's choice; Polish errors by field. */
  async save(input: ProviderSettingsInput): Promise<ProviderSettingsView> {
    const errors: Record<string, string> = {}
    const provider = (PROVIDERS as readonly string[]).includes(input.provider) ? (input.provider as ProviderKind) : null
    if (!provider) errors.provider = 'Wybierz dostawcę z listy.'
    const url = input.url.trim()
    const model = input.model.trim()
    const newKey = input.apiKey.trim()
    if (url && !/^https?:\/\/[^\s/]+/i.test(url)) errors.url = 'Adres musi zaczynać się od http:// lub https://.'
    if (url.length > 500) errors.url = 'Adres jest za długi.'
    if (model.length > 200) errors.model = 'Nazwa modelu jest za długa.'
    if (newKey.length > 500) errors.apiKey = 'Klucz jest za długi.'
    const current = await this.stored()
    const keepKey = !input.removeKey && !newKey && current?.apiKey ? current.apiKey : ''
    const hasKey = Boolean(newKey || keepKey)
    if (provider === 'libretranslate' && !url) errors.url = 'Podaj adres serwera LibreTranslate (np. http://libretranslate:5000).'
    if (provider === 'openai' && !url) errors.url = 'Podaj adres API (do wersji, np. https://api.openai.com/v1).'
    if (provider === 'openai' && !model) errors.model = 'Podaj nazwę modelu.'
    if (provider === 'deepl' && !hasKey) errors.apiKey = 'DeepL wymaga klucza API.'
    if (Object.keys(errors).length) throw new ProviderSettingsError(errors)
    const sealed = newKey ? (await SecretBox.open(this.db, this.config.secretKey)).seal(newKey) : keepKey
    const value = JSON.stringify({ provider, url, model, apiKey: provider === 'none' ? '' : sealed })
    await this.db
      .insertInto('settings')
      .values({ key: KEY, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute()
    return this.view()
  }
}
