/**
 * @module
 * Settings and sections change rarely and are on every page: keep them in memory and drop
 * them when the newsroom changes either.
 */
import { listSections } from '../content/content.repository.js'
import type { SectionRow } from '../content/content.table.js'
import type { Db } from '../platform/db/database.js'
import { loadSiteSettings, type SiteSettings } from '../site-settings/settings.js'

export class SiteData {
  private cached: Promise<{ site: SiteSettings; sections: SectionRow[] }> | null = null

  constructor(private readonly db: Db) {}

  get(): Promise<{ site: SiteSettings; sections: SectionRow[] }> {
    if (!this.cached) {
      const loading = Promise.all([loadSiteSettings(this.db), listSections(this.db)]).then(([site, sections]) => ({ site, sections }))
      // A failed load must not stick.
      loading.catch(() => {
        if (this.cached === loading) this.cached = null
      })
      this.cached = loading
    }
    return this.cached
  }

  invalidate(): void {
    this.cached = null
  }
}
