/**
 * @module
 * Surrogate keys: the names of what a page was built from. Handlers declare them with
 * `useCacheKeys(c, …)`; a write invalidates exactly the keys it touches. See docs/caching.md.
 */
import type { Context } from 'hono'

export const CacheKeys = {
  /** Every HTML page: settings, menu, the list of sections (layout). */
  site: 'site',
  /** Every page that shows the story: its own page, cards on lists, feed items. */
  article: (id: number) => `article:${id}`,
  /** Which stories are on the home page and the site feeds. */
  home: 'list:home',
  section: (id: number) => `list:section:${id}`,
  tag: (id: number) => `list:tag:${id}`,
  author: (id: number) => `list:author:${id}`,
  /** Sitemaps and the Google News sitemap. */
  sitemap: 'sitemap',
  /**
   * A list key inside a language edition (src/editions/): Polish keeps the plain key
   * (`list:home`), other editions add their code (`list:home:en`, `list:section:3:en`).
   */
  inEdition: (key: string, edition: string) => (edition === 'pl' ? key : `${key}:${edition}`),
  /**
   * The language versions of a story (hreflang links, the version switcher): carried by the
   * article page of every version; the group id is the original's id.
   */
  translations: (groupId: number) => `translations:${groupId}`,
  /**
   * The list of sections (names, order): no page carries it, but dropping it refreshes every
   * instance's in-memory copy (SiteData), which the home page and search read.
   */
  sections: 'sections',
} as const

declare module 'hono' {
  interface ContextVariableMap {
    cacheKeys: Set<string>
  }
}

/** Marks the response as cacheable and names what it was built from. */
export function useCacheKeys(c: Context, ...keys: string[]): void {
  let set = c.get('cacheKeys')
  if (!set) c.set('cacheKeys', (set = new Set()))
  for (const key of keys) set.add(key)
}

/** Keys of a list of stories shown on a page (cards, feed items). */
export function articleKeys(articles: ReadonlyArray<{ id: number }>): string[] {
  return articles.map((a) => CacheKeys.article(a.id))
}
