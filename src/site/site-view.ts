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

export function mediaUrl(media: Pick<MediaRow, 'storage_key'>): string {
  return `/media/${media.storage_key}`
}
