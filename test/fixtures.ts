/** Small builders for test content, written through the same services the app uses. */
import type { ArticleInput } from '../src/content/article.js'
import type { ContentService } from '../src/content/content.service.js'
import { nowIso, type Db } from '../src/platform/db/database.js'
import { saveSiteSettings } from '../src/site-settings/settings.js'

export async function addSection(db: Db, slug: string, name: string, position = 0): Promise<number> {
  const row = await db.insertInto('sections').values({ slug, name, position, created_at: nowIso() }).returning('id').executeTakeFirstOrThrow()
  return row.id
}

export async function addAuthor(db: Db, slug: string, name: string, bio = ''): Promise<number> {
  const row = await db.insertInto('authors').values({ slug, name, bio, photo_media_id: null, created_at: nowIso() }).returning('id').executeTakeFirstOrThrow()
  return row.id
}

/** A media row pointing at a (possibly absent) file; enough for rendering tests. */
export async function addMediaRow(db: Db, key: string, meta: { alt?: string; caption?: string; credit?: string } = {}): Promise<number> {
  const row = await db
    .insertInto('media')
    .values({ storage_key: key, mime: 'image/jpeg', width: 1200, height: 800, bytes: 1000, ...meta, created_at: nowIso() })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export function paragraphs(...texts: string[]): ArticleInput['body'] {
  return { type: 'doc', content: texts.map((text) => ({ type: 'paragraph' as const, content: [{ type: 'text' as const, text }] })) }
}

let counter = 0

/** A published article, `minutesAgo` minutes ago (so ordering is deterministic). */
export async function publishArticle(content: ContentService, input: Partial<ArticleInput> & { headline: string }, minutesAgo = ++counter): Promise<number> {
  return content.create({
    kind: 'article',
    body: paragraphs('Treść artykułu.'),
    status: 'published',
    publishedAt: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
    ...input,
  })
}

/** A minimal site: settings with a menu, two sections, one author. */
export async function basicSite(db: Db): Promise<void> {
  await saveSiteSettings(db, {
    name: 'Depesza Testowa',
    description: 'Wiadomości z kraju i ze świata',
    publisher: 'Depesza Test sp. z o.o.',
    menu: [
      { label: 'Kraj', href: '/kraj' },
      { label: 'Świat', href: '/swiat' },
      { label: 'O nas', href: '/o-nas' },
      { label: 'Kontakt', href: '/kontakt' },
    ],
    footerMenu: [{ label: 'O nas', href: '/o-nas' }],
  })
  await addSection(db, 'kraj', 'Kraj', 1)
  await addSection(db, 'swiat', 'Świat', 2)
  await addAuthor(db, 'laura-kowalczyk', 'Laura Kowalczyk', 'Dziennikarka działu zagranicznego.')
}
