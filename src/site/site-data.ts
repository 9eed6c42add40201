/**
 * @module
 * Settings and sections change rarely and are on every page: keep them in memory and drop
 * them when the newsroom changes either.
 */
import { listSections } from '../content/content.repository.js'
import type { SectionRow } from '../content/content.table.js'
import type { Db } from '../platform/db/database.js'
import { loadSiteSettings, type SiteSettings } from '../site-settings/settings.js'
import { DEFAULT_EDITION, editionsFrom, loadEditionSettings, type EditionCode, type Editions } from '../editions/editions.js'

export class SiteData {
  private cached: Promise<{ site: SiteSettings; sections: SectionRow[]; editions: Editions }> | null = null

  constructor(
    private readonly db: Db,
    /** DEPESZA_EDITIONS; the `editions` settings key wins once saved. */
    private readonly configuredEditions: readonly EditionCode[] = [DEFAULT_EDITION],
  ) {}

  get(): Promise<{ site: SiteSettings; sections: SectionRow[]; editions: Editions }> {
    if (!this.cached) {
      const loading = Promise.all([loadSiteSettings(this.db), listSections(this.db), loadEditionSettings(this.db)]).then(([site, sections, editions]) => ({
        site,
        sections,
        editions: editionsFrom(this.configuredEditions, editions),
      }))
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
