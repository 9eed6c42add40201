/**
 * @module
 * What every public page needs besides its own content: site settings, sections, the
 * canonical origin, the stylesheet URL and the clock.
 */
import type { MediaRow, SectionRow } from '../content/content.table.js'
import type { SiteSettings } from '../site-settings/settings.js'

export interface SiteView {
  site: SiteSettings
  sections: SectionRow[]
  publicUrl: string
  stylesheet: string
  now: Date
  mediaUrl(media: MediaRow): string
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
