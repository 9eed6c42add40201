/**
 * @module
 * `depesza start --demo`: fills an empty database with the Polish demo site (content.ts):
 * settings and menus, sections, authors with avatars, stories with generated lead
 * illustrations, and the "O nas" and "Kontakt" pages.
 *
 * Idempotent: it does nothing (and returns false) once the database holds any article or
 * page. Everything except the after-publication notes is written in one transaction.
 */
import { CacheKeys } from '../cache/cache-keys.js'
import type { ArticleInput } from '../content/article.js'
import type { ContentChange } from '../content/content.service.js'
import type { Block } from '../content/document.js'
import { storeImage } from '../media/media.service.js'
import type { Tx } from '../platform/db/database.js'
import type { AppDeps } from '../server/deps.js'
import { saveSiteSettings } from '../site-settings/settings.js'
import { ARTICLES, AUTHORS, ILLUSTRATION_CREDIT, PAGES, SECTIONS, SITE, type DemoBlock, type DemoImage } from './content.js'
import { avatarSvg, illustrationSvg, rasterise } from './illustrations.js'

const HOUR = 3_600_000

function initials(name: string): string {
  return name
    .split(/\s+/)
    .map((w) => w[0] ?? '')
    .join('')
    .toLocaleUpperCase('pl')
}

/** Every illustration the seed needs, keyed so that rendering can run in parallel. */
function illustrations(): Map<DemoImage, string> {
  const out = new Map<DemoImage, string>()
  for (const a of ARTICLES) {
    out.set(a.lead, illustrationSvg(a.lead.motif, a.lead.palette, a.lead.seed))
    for (const b of a.body) if (b.type === 'demoImage') out.set(b.image, illustrationSvg(b.image.motif, b.image.palette, b.image.seed))
  }
  return out
}

/** Fills an empty database with the demo site; returns false (and changes nothing) otherwise. */
export async function seedDemo(deps: AppDeps): Promise<boolean> {
  const db = deps.dbh.db
  const existing = await db.selectFrom('articles').select('id').limit(1).executeTakeFirst()
  if (existing) return false

  const now = deps.now()
  const media = { storage: deps.mediaStorage, logger: deps.logger, now: () => now }

  // Rasterising is the slow part: do it all at once, before the transaction.
  const svgs = illustrations()
  const [pictures, avatars] = await Promise.all([
    Promise.all([...svgs].map(async ([image, svg]) => [image, await rasterise(svg)] as const)).then((pairs) => new Map(pairs)),
    Promise.all(AUTHORS.map((a) => rasterise(avatarSvg(initials(a.name), a.avatar)))),
  ])

  const created = await db.transaction().execute(async (trx) => {
    // A second seed racing this one: let the first win.
    if (await trx.selectFrom('articles').select('id').limit(1).executeTakeFirst()) return null

    const settings = await trx.selectFrom('settings').select('key').where('key', '=', 'site').executeTakeFirst()
    if (!settings) await saveSiteSettings(trx, SITE)

    const createdAt = now.toISOString()
    for (const [position, s] of SECTIONS.entries()) {
      await trx
        .insertInto('sections')
        .values({ slug: s.slug, name: s.name, description: s.description, position: position + 1, created_at: createdAt })
        .onConflict((oc) => oc.column('slug').doNothing())
        .execute()
    }

    for (const [i, a] of AUTHORS.entries()) {
      const known = await trx.selectFrom('authors').select('id').where('slug', '=', a.slug).executeTakeFirst()
      if (known) continue
      const photo = await storeImage({ ...media, db: trx }, avatars[i]!, {
        alt: `${a.name} – ilustracja z inicjałami`,
        caption: a.name,
        credit: ILLUSTRATION_CREDIT,
      })
      await trx.insertInto('authors').values({ slug: a.slug, name: a.name, bio: a.bio, photo_media_id: photo.id, created_at: createdAt }).execute()
    }

    const store = (trx: Tx, image: DemoImage) =>
      storeImage({ ...media, db: trx }, pictures.get(image)!, { alt: image.alt, caption: image.caption, credit: ILLUSTRATION_CREDIT })

    const toBlock = async (block: DemoBlock): Promise<Block> => {
      if (block.type !== 'demoImage') return block
      const row = await store(trx, block.image)
      return { type: 'image', attrs: { mediaId: row.id, src: null, alt: '', caption: '', credit: '' } }
    }

    const articleIds: number[] = []
    const pageIds: number[] = []
    for (const a of ARTICLES) {
      const lead = await store(trx, a.lead)
      const body: Block[] = []
      for (const block of a.body) body.push(await toBlock(block))
      const input: ArticleInput = {
        kind: 'article',
        headline: a.headline,
        lede: a.lede,
        sectionSlug: a.section,
        authorSlugs: a.authors,
        tags: a.tags,
        leadMediaId: lead.id,
        body: { type: 'doc', content: body },
        status: 'published',
        publishedAt: new Date(now.getTime() - a.hoursAgo * HOUR).toISOString(),
        ...(a.source ? { source: a.source } : {}),
      }
      articleIds.push(await deps.content.create(input, trx))
    }

    for (const page of PAGES) {
      const id = await deps.content.create(
        {
          kind: 'page',
          slug: page.slug,
          headline: page.headline,
          lede: page.lede,
          body: { type: 'doc', content: page.body },
          status: 'published',
          // Pages exist from the start of the demo, before any story.
          publishedAt: new Date(now.getTime() - 7 * 24 * HOUR).toISOString(),
        },
        trx,
      )
      pageIds.push(id)
    }
    return { articleIds, pageIds }
  })
  if (!created) return false

  // Committed: now the listeners (page cache, search) may read it. Settings and sections
  // changed too, and every page shows them.
  const change = (kind: ContentChange['kind']) => (articleId: number): ContentChange => ({ articleId, kind, action: 'create' })
  await deps.content.announce([...created.articleIds.map(change('article')), ...created.pageIds.map(change('page'))])
  deps.siteData.invalidate()
  await deps.invalidate([CacheKeys.site, CacheKeys.home, CacheKeys.sitemap])

  // Corrections and updates come after publication, each in its own transaction.
  for (const [i, a] of ARTICLES.entries()) {
    for (const note of a.notes ?? []) await deps.content.addCorrection(created.articleIds[i]!, note.kind, note.text)
  }
  return true
}
