/**
 * @module
 * What every public page needs besides its own content: site settings, sections, the
 * canonical origin, the stylesheet URL and the clock.
 */
import type { MediaRow, SectionRow } from '../content/content.table.js'
import { DEFAULT_EDITION, EDITION_INFO, POLISH_ONLY, type EditionCode, type Editions } from '../editions/editions.js'
import { stringsFor, type SiteStrings } from '../editions/strings.js'
import type { SiteSettings } from '../site-settings/settings.js'

export interface SiteView {
  /** The settings as this edition shows them (name, description, menus, language). */
  site: SiteSettings
  sections: SectionRow[]
  publicUrl: string
  stylesheet: string
  now: Date
  mediaUrl(media: MediaRow): string
  /** The language edition the page belongs to (src/editions/). */
  edition?: EditionCode
  editions?: Editions
}

/** The page's edition and its strings, Polish when the view names none. */
export function editionOf(view: Pick<SiteView, 'edition' | 'editions'>): { code: EditionCode; editions: Editions; t: SiteStrings } {
  const code = view.edition ?? DEFAULT_EDITION
  return { code, editions: view.editions ?? POLISH_ONLY, t: stringsFor(code) }
}

/** A story's path in its edition (`/swiat/x`, `/en/swiat/x`). */
export function storyPath(view: Pick<SiteView, 'editions'>, a: { kind: 'article' | 'page'; slug: string; section: { slug: string } | null; language?: string | null }): string {
  return (view.editions ?? POLISH_ONLY).articlePath(a)
}

/** A site path inside the page's edition: `/tag/x` → `/en/tag/x`. */
export function editionPath(view: Pick<SiteView, 'edition' | 'editions'>, path: string): string {
  const { code, editions } = editionOf(view)
  return editions.path(code, path)
}

/**
 * The site settings as an edition shows them: Polish as saved; another edition with its own
 * name, description and menus from the `editions` settings key, or else a menu of the
 * sections inside the edition and no footer links.
 */
export function editionSite(site: SiteSettings, sections: readonly SectionRow[], editions: Editions, code: EditionCode): SiteSettings {
  if (code === DEFAULT_EDITION) return site
  const o = editions.overrides[code] ?? {}
  const prefix = editions.prefix(code)
  return {
    ...site,
    language: code,
    name: o.name || site.name,
    description: o.description ?? '',
    menu: o.menu ?? sections.map((s) => ({ label: s.name, href: `${prefix}/${s.slug}` })),
    footerMenu: o.footerMenu ?? [],
  }
}

/** Open Graph locale of an edition. */
export function ogLocale(code: EditionCode): string {
  return EDITION_INFO[code].ogLocale
}

/** A stored image on this site: `/media/<storage_key>`. */
export function mediaUrl(media: Pick<MediaRow, 'storage_key'>): string {
  return `/media/${media.storage_key}`
}

/**
 * The site's media URL builder: `<MEDIA_PUBLIC_URL>/<storage_key>` (a CDN, the bucket's
 * public URL) when that is set, else `mediaUrl`.
 */
export function mediaUrlFor(mediaPublicUrl: string | undefined): (media: Pick<MediaRow, 'storage_key'>) => string {
  return mediaPublicUrl ? (media) => `${mediaPublicUrl}/${media.storage_key}` : mediaUrl
}

/** A site-relative URL made absolute; an absolute one (media on another origin) is kept. */
export function absoluteUrl(publicUrl: string, url: string): string {
  return /^https?:\/\//.test(url) ? url : publicUrl + url
}
