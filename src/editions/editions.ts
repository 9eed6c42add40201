/**
 * @module
 * Language editions of the public site. Polish is the default edition and is always on; an
 * English and a Ukrainian edition can be switched on (`DEPESZA_EDITIONS`, or the `editions`
 * settings key once the administrator saves it). A non-default edition lives under its own
 * prefix (`/en/`, `/uk/`) with its own home, lists, feeds and sitemap; Polish URLs stay as
 * they are. See docs/editions.md.
 *
 * A story belongs to the edition of its `language` when that edition is on, else to the
 * default one: switching no edition on changes nothing, and a story in a language without an
 * edition (a German quote, a wire copy not yet translated) stays on the Polish site.
 */
import { z } from 'zod'
import { articlePath } from '../content/article.js'
import type { ArticleKind } from '../content/content.table.js'
import type { Db, Tx } from '../platform/db/database.js'
import { MenuItemSchema } from '../site-settings/settings.js'

export const EDITION_CODES = ['pl', 'en', 'uk'] as const
export type EditionCode = (typeof EDITION_CODES)[number]
export const DEFAULT_EDITION: EditionCode = 'pl'

export interface EditionInfo {
  readonly code: EditionCode
  /** BCP 47 locale for Intl (dates, plurals, language names). */
  readonly locale: string
  /** Open Graph locale. */
  readonly ogLocale: string
  /** The edition's name in its own language (the language switcher). */
  readonly nativeName: string
}

export const EDITION_INFO: Readonly<Record<EditionCode, EditionInfo>> = {
  pl: { code: 'pl', locale: 'pl-PL', ogLocale: 'pl_PL', nativeName: 'Polski' },
  en: { code: 'en', locale: 'en-GB', ogLocale: 'en_GB', nativeName: 'English' },
  uk: { code: 'uk', locale: 'uk-UA', ogLocale: 'uk_UA', nativeName: 'Українська' },
}

export function isEditionCode(code: string): code is EditionCode {
  return (EDITION_CODES as readonly string[]).includes(code)
}

/**
 * Parses an editions list ("pl,en,uk"): known codes only; Polish is added when missing, so
 * it is always on. Throws with the unknown codes named.
 */
export function parseEditionList(raw: string): EditionCode[] {
  const codes = raw
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean)
  const unknown = codes.filter((c) => !isEditionCode(c))
  if (unknown.length) throw new Error(`unknown edition(s) ${unknown.join(', ')}; known: ${EDITION_CODES.join(', ')}`)
  return normalizeEditions(codes as EditionCode[])
}

/** Default first, then the others in the fixed order, without duplicates. */
export function normalizeEditions(codes: readonly EditionCode[]): EditionCode[] {
  return EDITION_CODES.filter((c) => c === DEFAULT_EDITION || codes.includes(c))
}

/** What selects an edition's stories in a listing query (see content.repository's ListFilter). */
export interface LanguageFilter {
  /** Only stories in this language. */
  language?: string
  /** Stories in any language but these (the default edition: not the other editions' ones). */
  notLanguages?: string[]
}

export interface EditionOverrides {
  name?: string | undefined
  description?: string | undefined
  menu?: Array<{ label: string; href: string }> | undefined
  footerMenu?: Array<{ label: string; href: string }> | undefined
}

/** The enabled editions and what follows from them: membership, prefixes, filters. */
export class Editions {
  readonly enabled: readonly EditionCode[]

  constructor(
    enabled: readonly EditionCode[],
    /** Per-edition site name, description and menus (settings key `editions`). */
    readonly overrides: Partial<Record<EditionCode, EditionOverrides>> = {},
  ) {
    this.enabled = normalizeEditions(enabled)
  }

  isEnabled(code: string): code is EditionCode {
    return (this.enabled as readonly string[]).includes(code)
  }

  /** The edition a story in `language` is published in. */
  of(language: string | null | undefined): EditionCode {
    return language && language !== DEFAULT_EDITION && this.isEnabled(language) ? language : DEFAULT_EDITION
  }

  /** '' for Polish, '/en' for English … */
  prefix(code: EditionCode): string {
    return code === DEFAULT_EDITION ? '' : `/${code}`
  }

  /** The edition's home page: `/`, `/en/`. */
  homePath(code: EditionCode): string {
    return `${this.prefix(code)}/`
  }

  /** A site path inside an edition: `/szukaj` → `/en/szukaj`. */
  path(code: EditionCode, path: string): string {
    return this.prefix(code) + path
  }

  /** The listing filter of an edition: no filter at all while Polish is the only one. */
  filter(code: EditionCode): LanguageFilter {
    if (code !== DEFAULT_EDITION) return { language: code }
    const others = this.enabled.filter((c) => c !== DEFAULT_EDITION)
    return others.length ? { notLanguages: others } : {}
  }

  /** A story's public path, with its edition's prefix. */
  articlePath(a: { kind: ArticleKind; slug: string; section: { slug: string } | null; language?: string | null }): string {
    return this.prefix(this.of(a.language)) + articlePath(a)
  }
}

/** Only the default edition: what the site was before editions. */
export const POLISH_ONLY = new Editions([DEFAULT_EDITION])

// ---------------------------------------------------------------------------------------
// The settings key

const OverridesSchema = z.object({
  name: z.string().trim().max(100).optional(),
  description: z.string().max(300).optional(),
  menu: z.array(MenuItemSchema).max(30).optional(),
  footerMenu: z.array(MenuItemSchema).max(30).optional(),
})

/**
 * Settings key `editions` (JSON): `{ "enabled": ["pl", "en"], "en": { "name": …,
 * "description": …, "menu": […], "footerMenu": […] } }`. When the key exists, its `enabled`
 * list wins over `DEPESZA_EDITIONS`.
 */
export const EditionSettingsSchema = z.object({
  enabled: z.array(z.enum(EDITION_CODES)).max(EDITION_CODES.length).optional(),
  en: OverridesSchema.optional(),
  uk: OverridesSchema.optional(),
})
export type EditionSettings = z.output<typeof EditionSettingsSchema>

export const EDITIONS_SETTINGS_KEY = 'editions'

export async function loadEditionSettings(db: Db | Tx): Promise<EditionSettings> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', EDITIONS_SETTINGS_KEY).executeTakeFirst()
  if (!row) return {}
  const parsed = EditionSettingsSchema.safeParse(JSON.parse(row.value))
  // A bad stored value must not take the site down: the configured editions apply.
  return parsed.success ? parsed.data : {}
}

/** Saves the key (the caller drops the `site` cache key so every page is rebuilt). */
export async function saveEditionSettings(db: Db | Tx, input: z.input<typeof EditionSettingsSchema>): Promise<EditionSettings> {
  const value = EditionSettingsSchema.parse(input)
  const json = JSON.stringify(value)
  await db
    .insertInto('settings')
    .values({ key: EDITIONS_SETTINGS_KEY, value: json })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json }))
    .execute()
  return value
}

/** The effective editions: the settings key's list when saved, else the configuration's. */
export function editionsFrom(configured: readonly EditionCode[], settings: EditionSettings): Editions {
  const { enabled, ...overrides } = settings
  // Editions normalizes: Polish always on, fixed order.
  return new Editions(enabled ?? configured, overrides)
}
