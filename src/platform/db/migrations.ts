/**
 * @module
 * Migrations are code, applied in order on start (and by `depesza migrate`).
 * Each one is written once for both dialects; `idColumn` hides the only real difference.
 */
import { Migrator, sql, type CreateTableBuilder, type Kysely, type Migration, type MigrationProvider } from 'kysely'
import type { DbHandle, DialectName } from './database.js'

type AnyDb = Kysely<any>

/** An auto-incrementing integer primary key on either database. */
function idColumn(dialect: DialectName) {
  return (table: CreateTableBuilder<any, any>) =>
    dialect === 'postgres'
      ? table.addColumn('id', 'serial', (c) => c.primaryKey())
      : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
}


const migrations = (dialect: DialectName): Record<string, Migration> => ({
  '0001_content': {
    async up(db: AnyDb) {
      const withId = idColumn(dialect)
      await db.schema
        .createTable('settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute()
      await withId(db.schema.createTable('media'))
        .addColumn('storage_key', 'text', (c) => c.notNull().unique())
        .addColumn('mime', 'text', (c) => c.notNull())
        .addColumn('width', 'integer', (c) => c.notNull())
        .addColumn('height', 'integer', (c) => c.notNull())
        .addColumn('bytes', 'integer', (c) => c.notNull())
        .addColumn('alt', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('caption', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('credit', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('copyright', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('usage_terms', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute()
      await withId(db.schema.createTable('authors'))
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('bio', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('photo_media_id', 'integer', (c) => c.references('media.id').onDelete('set null'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute()
      await withId(db.schema.createTable('sections'))
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute()
      await withId(db.schema.createTable('tags'))
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute()
      await withId(db.schema.createTable('articles'))
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('article', 'page')`))
        .addColumn('external_id', 'text', (c) => c.unique())
        .addColumn('slug', 'text', (c) => c.notNull())
        .addColumn('headline', 'text', (c) => c.notNull())
        .addColumn('lede', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('section_id', 'integer', (c) => c.references('sections.id').onDelete('restrict'))
        .addColumn('lead_media_id', 'integer', (c) => c.references('media.id').onDelete('set null'))
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) =>
          c.notNull().check(sql`status in ('draft', 'scheduled', 'published', 'unpublished')`),
        )
        .addColumn('language', 'text', (c) => c.notNull().defaultTo('pl'))
        .addColumn('source', 'text')
        .addColumn('seo_title', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('seo_description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('published_at', 'text')
        .addColumn('embargo_until', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('articles_kind_slug_unique', ['kind', 'slug'])
        .execute()
      await db.schema
        .createIndex('articles_listing_idx')
        .on('articles')
        .columns(['kind', 'status', 'published_at'])
        .execute()
      await db.schema.createIndex('articles_section_idx').on('articles').columns(['section_id', 'published_at']).execute()
      await db.schema
        .createTable('article_authors')
        .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('author_id', 'integer', (c) => c.notNull().references('authors.id').onDelete('restrict'))
        .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('article_authors_pk', ['article_id', 'author_id'])
        .execute()
      await db.schema.createIndex('article_authors_author_idx').on('article_authors').column('author_id').execute()
      await db.schema
        .createTable('article_tags')
        .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('tag_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('article_tags_pk', ['article_id', 'tag_id'])
        .execute()
      await db.schema.createIndex('article_tags_tag_idx').on('article_tags').column('tag_id').execute()
      await withId(db.schema.createTable('corrections'))
        .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('correction', 'update')`))
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute()
      await db.schema.createIndex('corrections_article_idx').on('corrections').column('article_id').execute()
      await db.schema
        .createTable('article_redirects')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('old_slug', 'text', (c) => c.notNull())
        .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('article_redirects_pk', ['kind', 'old_slug'])
        .execute()
      await withId(db.schema.createTable('contact_messages'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('ip', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('user_agent', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('handled_at', 'text')
        .execute()
    },
  },
  '0002_search': {
    // The search index (src/search/): terms are lemmas computed by the application.
    async up(db: AnyDb) {
      await db.schema
        .createTable('search_docs')
        .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
        .addColumn('signature', 'text', (c) => c.notNull())
        .addColumn('indexed_at', 'text', (c) => c.notNull())
        .$call((t) => (dialect === 'postgres' ? t.addColumn('document', sql`tsvector`, (c) => c.notNull()) : t))
        .execute()
      if (dialect === 'postgres') {
        await sql`create index search_docs_document_idx on search_docs using gin (document)`.execute(db)
      } else {
        await sql`create virtual table search_fts using fts5(headline, headline_alt, lede, lede_alt, body, body_alt, meta, meta_alt, content='', contentless_delete=1, tokenize="unicode61 remove_diacritics 0 tokenchars '-_.@'")`.execute(db)
      }
      await db.schema
        .createTable('search_words')
        .addColumn('word', 'text', (c) => c.primaryKey())
        .addColumn('folded', 'text', (c) => c.notNull())
        .addColumn('initial', 'text', (c) => c.notNull())
        .addColumn('n', 'integer', (c) => c.notNull().defaultTo(0))
        .execute()
      await db.schema.createIndex('search_words_initial_idx').on('search_words').columns(['initial', 'n']).execute()
    },
  },
  '0003_jobs': {
    async up(db: AnyDb) {
      await idColumn(dialect)(db.schema.createTable('jobs'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('dedupe_key', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('run_at', 'text', (c) => c.notNull())
        .addColumn('locked_by', 'text')
        .addColumn('locked_until', 'text')
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_error', 'text')
        .addColumn('done_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('jobs_kind_dedupe_unique', ['kind', 'dedupe_key'])
        .execute()
      await db.schema.createIndex('jobs_due_idx').on('jobs').columns(['done_at', 'run_at']).execute()
      // Cache invalidations between processes on one SQLite file (src/cache/invalidation.ts).
      await idColumn(dialect)(db.schema.createTable('invalidations'))
        .addColumn('keys', 'text', (c) => c.notNull())
        .addColumn('origin', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute()
    },
  },
  '0004_newsroom': {
    async up(db: AnyDb) {
      await db.schema
        .createTable('article_drafts')
        .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
        .addColumn('snapshot', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('draft', 'in_review', 'scheduled', 'published')`))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_by', 'integer')
        .addColumn('updated_by', 'integer')
        .addColumn('updated_by_name', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute()
      await db.schema.createIndex('article_drafts_state_idx').on('article_drafts').columns(['state', 'updated_at']).execute()
      await idColumn(dialect)(db.schema.createTable('article_revisions'))
        .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('snapshot', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('user_id', 'integer')
        .addColumn('user_name', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute()
      await db.schema.createIndex('article_revisions_article_idx').on('article_revisions').columns(['article_id', 'id']).execute()
    },
  },
  '0005_accounts': {
    // Newsroom accounts (src/accounts/). Tables that reference users must sort after this one.
    async up(db: AnyDb) {
      const withId = idColumn(dialect)
      await withId(db.schema.createTable('users'))
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('language', 'text', (c) => c.notNull().defaultTo('pl'))
        .addColumn('totp_secret', 'text')
        .addColumn('totp_enabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('totp_last_step', 'integer')
        .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_login_at', 'text')
        .execute()
      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('ip', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('user_agent', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('mfa_pending', 'integer', (c) => c.notNull().defaultTo(0))
        .execute()
      await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute()
      await db.schema.createIndex('sessions_expires_idx').on('sessions').column('expires_at').execute()
      await withId(db.schema.createTable('invitations'))
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('invited_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .addColumn('revoked_at', 'text')
        .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .execute()
      await withId(db.schema.createTable('password_resets'))
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .execute()
      await withId(db.schema.createTable('login_attempts'))
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('ip', 'text', (c) => c.notNull())
        .addColumn('success', 'integer', (c) => c.notNull())
        .execute()
      await db.schema.createIndex('login_attempts_email_idx').on('login_attempts').columns(['email', 'at']).execute()
      await db.schema.createIndex('login_attempts_ip_idx').on('login_attempts').columns(['ip', 'at']).execute()
      await db.schema.createIndex('login_attempts_at_idx').on('login_attempts').column('at').execute()
      await withId(db.schema.createTable('audit_log'))
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('target', 'text')
        .addColumn('detail', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('ip', 'text', (c) => c.notNull().defaultTo(''))
        .execute()
      await db.schema.createIndex('audit_log_at_idx').on('audit_log').column('at').execute()
      await db.schema.createIndex('audit_log_action_idx').on('audit_log').columns(['action', 'at']).execute()
    },
  },
  '0006_search_docs_visibility': {
    // Search ranks and filters on a narrow copy of the story's visibility fields (joining the wide
    // `articles` rows for every match was the slow part); shown rows are still checked with visibleAt.
    async up(db: AnyDb) {
      await db.schema.alterTable('search_docs').addColumn('status', 'text', (c) => c.notNull().defaultTo('published')).execute()
      await db.schema.alterTable('search_docs').addColumn('published_at', 'text').execute()
      await db.schema.alterTable('search_docs').addColumn('embargo_until', 'text').execute()
      await db.schema.alterTable('search_docs').addColumn('section_id', 'integer').execute()
      // Rows from before this migration lack the copy: mark them stale so they are rebuilt.
      await db.updateTable('search_docs').set({ signature: 'stale' }).execute()
    },
  },
  '0007_wire': {
    // The wire desk (src/wire/): configured sources, incoming items (expiring), LSH bands for near-duplicates.
    async up(db: AnyDb) {
      const withId = idColumn(dialect)
      await withId(db.schema.createTable('wire_sources'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('rss', 'ninjs', 'folder')`))
        .addColumn('attribution_name', 'text', (c) => c.notNull())
        .addColumn('attribution_kind', 'text', (c) => c.notNull().defaultTo('agency'))
        .addColumn('url', 'text')
        .addColumn('folder', 'text')
        .addColumn('token_hash', 'text')
        .addColumn('poll_minutes', 'integer', (c) => c.notNull().defaultTo(5))
        .addColumn('retain_hours', 'integer', (c) => c.notNull().defaultTo(72))
        .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('etag', 'text')
        .addColumn('last_modified', 'text')
        .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_polled_at', 'text')
        .addColumn('last_ok_at', 'text')
        .addColumn('next_poll_at', 'text')
        .addColumn('last_error', 'text')
        .addColumn('last_result', 'text')
        .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute()
      await withId(db.schema.createTable('wire_items'))
        .addColumn('source_id', 'integer', (c) => c.references('wire_sources.id').onDelete('set null'))
        .addColumn('source_name', 'text', (c) => c.notNull())
        .addColumn('source_kind', 'text', (c) => c.notNull().defaultTo('agency'))
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('dedupe_key', 'text', (c) => c.unique())
        .addColumn('guid', 'text')
        .addColumn('url', 'text')
        .addColumn('url_key', 'text')
        .addColumn('headline', 'text', (c) => c.notNull())
        .addColumn('lede', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('byline', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('preview', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('language', 'text')
        .addColumn('declared_language', 'text')
        .addColumn('published_at', 'text')
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('text_hash', 'text', (c) => c.notNull())
        .addColumn('signature', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('duplicate_of', 'integer', (c) => c.references('wire_items.id').onDelete('set null'))
        .addColumn('version', 'text')
        .addColumn('taken_article_id', 'integer', (c) => c.references('articles.id').onDelete('set null'))
        .addColumn('taken_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('taken_at', 'text')
        .addColumn('expired_at', 'text')
        .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .execute()
      await db.schema.createIndex('wire_items_list_idx').on('wire_items').columns(['expired_at', 'received_at']).execute()
      await db.schema.createIndex('wire_items_expires_idx').on('wire_items').columns(['expires_at']).execute()
      await db.schema.createIndex('wire_items_url_idx').on('wire_items').columns(['url_key']).execute()
      await db.schema.createIndex('wire_items_hash_idx').on('wire_items').columns(['text_hash']).execute()
      await db.schema.createIndex('wire_items_duplicate_idx').on('wire_items').columns(['duplicate_of']).execute()
      await db.schema.createIndex('wire_items_source_idx').on('wire_items').columns(['source_id', 'received_at']).execute()
      await db.schema.createIndex('wire_items_taken_idx').on('wire_items').columns(['taken_article_id']).execute()
      await db.schema
        .createTable('wire_item_bands')
        .addColumn('item_id', 'integer', (c) => c.notNull().references('wire_items.id').onDelete('cascade'))
        .addColumn('band', 'text', (c) => c.notNull())
        .execute()
      await db.schema.createIndex('wire_item_bands_band_idx').on('wire_item_bands').columns(['band']).execute()
      await db.schema.createIndex('wire_item_bands_item_idx').on('wire_item_bands').columns(['item_id']).execute()
    },
  },
  '0008_translation': {
    // The translation desk (src/translation/): the translation memory and the glossary.
    async up(db: AnyDb) {
      const withId = idColumn(dialect)
      await withId(db.schema.createTable('translation_memory'))
        .addColumn('source_lang', 'text', (c) => c.notNull())
        .addColumn('target_lang', 'text', (c) => c.notNull())
        .addColumn('source_hash', 'text', (c) => c.notNull())
        .addColumn('source_text', 'text', (c) => c.notNull())
        .addColumn('target_text', 'text', (c) => c.notNull())
        .addColumn('source_norm', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('story_id', 'integer', (c) => c.references('articles.id').onDelete('set null'))
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('translation_memory_pair_unique', ['source_lang', 'target_lang', 'source_hash'])
        .execute()
      await withId(db.schema.createTable('glossary'))
        .addColumn('source_lang', 'text', (c) => c.notNull())
        .addColumn('term', 'text', (c) => c.notNull())
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
        .addUniqueConstraint('glossary_term_unique', ['source_lang', 'term'])
        .execute()
    },
  },
  '0009_media_variants': {
    // The media library (src/media/): who uploaded what, the file's own name, a folded search text,
    // and responsive variants (a JSON list, generated in the background; the row is the queue).
    async up(db: AnyDb) {
      const media = () => db.schema.alterTable('media')
      // One column per statement: SQLite adds one at a time.
      await media().addColumn('uploaded_by', 'integer', (c) => c.references('users.id').onDelete('set null')).execute()
      await media().addColumn('original_name', 'text', (c) => c.notNull().defaultTo('')).execute()
      await media().addColumn('updated_at', 'text').execute()
      await media().addColumn('search_text', 'text', (c) => c.notNull().defaultTo('')).execute()
      await media().addColumn('variants', 'text', (c) => c.notNull().defaultTo('[]')).execute()
      // Rows from before this migration get their variants from the worker too.
      await media().addColumn('variants_state', 'text', (c) => c.notNull().defaultTo('pending')).execute()
      await media().addColumn('variants_attempts', 'integer', (c) => c.notNull().defaultTo(0)).execute()
      await media().addColumn('variants_locked_until', 'text').execute()
      await media().addColumn('variants_error', 'text', (c) => c.notNull().defaultTo('')).execute()
      await db.schema.createIndex('media_created_idx').on('media').columns(['created_at', 'id']).execute()
      await db.schema.createIndex('media_variants_state_idx').on('media').columns(['variants_state', 'id']).execute()
      // The folded search text of existing rows (lower case, no diacritics; as src/media/search-text.ts).
      const rows = (await db.selectFrom('media').select(['id', 'alt', 'caption', 'credit', 'copyright']).execute()) as Array<Record<string, string | number>>
      for (const r of rows) {
        const text = [r.alt, r.caption, r.credit, r.copyright]
          .join(' ')
          .toLocaleLowerCase('pl')
          .replace(/ł/g, 'l')
          .normalize('NFD')
          .replace(/\p{M}+/gu, '')
          .replace(/\s+/g, ' ')
          .trim()
        await db.updateTable('media').set({ search_text: text }).where('id', '=', r.id).execute()
      }
    },
  },
  '0010_search_docs_lz4': {
    // PostgreSQL: lz4 for the search tsvectors (PG 14+): writes and ts_rank's detoasting are
    // several times cheaper than with pglz. Skipped where the server lacks lz4.
    async up(db: AnyDb) {
      if (dialect !== 'postgres') return
      await sql`do $$ begin
        execute 'alter table search_docs alter column document set compression lz4';
      exception when others then null;
      end $$`.execute(db)
    },
  },
  '0011_search_rank_vector': {
    // PostgreSQL: a small tsvector for ranking (headline, lede, tags/authors, the body's first
    // positions), so ts_rank does not detoast each match's full document. Filled by reindexing.
    async up(db: AnyDb) {
      if (dialect !== 'postgres') return
      await sql`alter table search_docs add column rank_doc tsvector`.execute(db)
      await db.updateTable('search_docs').set({ signature: 'stale' }).execute()
    },
  },
  '0012_search_docs_toast': {
    // PostgreSQL: keep search_docs' heap rows small (both vectors moved to TOAST), so that the
    // bitmap heap scans that select candidates read little; the rows are rewritten by reindexing.
    async up(db: AnyDb) {
      if (dialect !== 'postgres') return
      await sql`alter table search_docs set (toast_tuple_target = 128)`.execute(db)
      await db.updateTable('search_docs').set({ signature: 'stale' }).execute()
    },
  },
  '0013_story_translations': {
    // The translation desk's record of a story being translated into Polish: the original as
    // it was when translation began, and per segment the status and the text it was given for.
    async up(db: AnyDb) {
      await db.schema
        .createTable('story_translations')
        .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
        .addColumn('source_lang', 'text', (c) => c.notNull())
        .addColumn('target_lang', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('segments', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('created_by', 'integer')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute()
    },
  },
  '0014_taxonomy_redirects': {
    // Old section, tag and author slugs keep answering (301 to the current address).
    async up(db: AnyDb) {
      await db.schema
        .createTable('taxonomy_redirects')
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('section', 'tag', 'author')`))
        .addColumn('old_slug', 'text', (c) => c.notNull())
        .addColumn('target_id', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('taxonomy_redirects_pk', ['kind', 'old_slug'])
        .execute()
      await db.schema.createIndex('taxonomy_redirects_target').on('taxonomy_redirects').columns(['kind', 'target_id']).execute()
    },
  },
  '0015_link_published_at': {
    // Tag and author pages and related stories list a tag's (an author's) newest stories. A copy of
    // the story's published_at in the link tables, indexed with the tag (author), lets those
    // queries read about as many rows as they show, however large the tag or the archive.
    // Triggers keep the copy equal to articles.published_at whoever writes the rows.
    async up(db: AnyDb) {
      if (dialect === 'postgres') {
        await sql`create function link_published_at() returns trigger language plpgsql as $$
          begin
            select a.published_at into new.published_at from articles a where a.id = new.article_id;
            return new;
          end $$`.execute(db)
      }
      for (const [table, column] of [['article_tags', 'tag_id'], ['article_authors', 'author_id']] as const) {
        await db.schema.alterTable(table).addColumn('published_at', 'text').execute()
        await sql`update ${sql.table(table)} set published_at = (select a.published_at from articles a where a.id = ${sql.ref(`${table}.article_id`)})`.execute(db)
        await db.schema.createIndex(`${table}_newest_idx`).on(table).columns([column, 'published_at', 'article_id']).execute()
        if (dialect === 'postgres') {
          await sql`create trigger ${sql.raw(`${table}_published_at`)} before insert on ${sql.table(table)}
            for each row execute function link_published_at()`.execute(db)
        } else {
          await sql`create trigger ${sql.raw(`${table}_published_at`)} after insert on ${sql.table(table)} for each row begin
            update ${sql.table(table)} set published_at = (select a.published_at from articles a where a.id = new.article_id)
              where article_id = new.article_id and ${sql.raw(column)} = ${sql.raw(`new.${column}`)};
          end`.execute(db)
        }
      }
      if (dialect === 'postgres') {
        await sql`create function articles_published_at_to_links() returns trigger language plpgsql as $$
          begin
            update article_tags set published_at = new.published_at where article_id = new.id;
            update article_authors set published_at = new.published_at where article_id = new.id;
            return null;
          end $$`.execute(db)
        await sql`create trigger articles_published_at_to_links after update of published_at on articles
          for each row when (new.published_at is distinct from old.published_at) execute function articles_published_at_to_links()`.execute(db)
      } else {
        await sql`create trigger articles_published_at_to_links after update of published_at on articles
          for each row when new.published_at is not old.published_at begin
            update article_tags set published_at = new.published_at where article_id = new.id;
            update article_authors set published_at = new.published_at where article_id = new.id;
          end`.execute(db)
      }
    },
  },
  '0016_editions': {
    // Language editions (docs/editions.md): a translation is its own story linked to the one it
    // was translated from; every version of a story shares the group id (the original's id),
    // one per language. Listings of a non-default edition filter by language.
    async up(db: AnyDb) {
      await db.schema.alterTable('articles').addColumn('translated_from_id', 'integer', (c) => c.references('articles.id').onDelete('set null')).execute()
      await db.schema.alterTable('articles').addColumn('translation_group_id', 'integer').execute()
      await db.schema.createIndex('articles_translation_group_idx').on('articles').columns(['translation_group_id', 'language']).unique().execute()
      await db.schema.createIndex('articles_language_listing_idx').on('articles').columns(['language', 'kind', 'status', 'published_at']).execute()
    },
  },
  '0017_search_docs_toast_target': {
    // PostgreSQL: 0012's toast_tuple_target of 128 also moved the short columns search filters on
    // (published_at, 25 bytes) out of the row, so every candidate read its TOAST: 1.6 s instead of
    // 25 ms for a common word at 100,000 stories. 256 still moves both vectors out and keeps the
    // rest in the row; the rows are rewritten by reindexing.
    async up(db: AnyDb) {
      if (dialect !== 'postgres') return
      await sql`alter table search_docs set (toast_tuple_target = 256)`.execute(db)
      await db.updateTable('search_docs').set({ signature: 'stale' }).execute()
    },
  },
  '0018_link_visibility': {
    // Tag and author lists and related stories decide visibility (status, times, kind, language)
    // from the link row alone: on SQLite those columns of `articles` sit after `body`, in overflow
    // pages, so checking ~60 candidates per article page walked ~60 overflow chains. 0015's copy
    // of published_at is joined by the other columns `listedAt` (content.repository.ts) reads,
    // kept equal by triggers that replace 0015's, and indexed so that a tag's (an author's) newest
    // visible stories are read from the index alone.
    async up(db: AnyDb) {
      const copied = ['status', 'embargo_until', 'kind', 'language'] as const
      const all = ['published_at', ...copied] as const
      const links = [
        ['article_tags', 'tag_id'],
        ['article_authors', 'author_id'],
      ] as const
      if (dialect === 'postgres') {
        for (const [table] of links) await sql`drop trigger ${sql.raw(`${table}_published_at`)} on ${sql.table(table)}`.execute(db)
        await sql`drop trigger articles_published_at_to_links on articles`.execute(db)
        await sql`drop function link_published_at()`.execute(db)
        await sql`drop function articles_published_at_to_links()`.execute(db)
      } else {
        for (const [table] of links) await sql`drop trigger ${sql.raw(`${table}_published_at`)}`.execute(db)
        await sql`drop trigger articles_published_at_to_links`.execute(db)
      }
      const list = sql.raw(all.join(', '))
      const fromStory = sql.raw(all.map((c) => `a.${c}`).join(', '))
      for (const [table, column] of links) {
        for (const c of copied) await db.schema.alterTable(table).addColumn(c, 'text').execute()
        await sql`update ${sql.table(table)} set (${list}) = (select ${fromStory} from articles a where a.id = ${sql.ref(`${table}.article_id`)})`.execute(db)
        await db.schema.dropIndex(`${table}_newest_idx`).execute()
        // Equality on (tag, kind, status), newest first by published_at then id; the rest of the
        // visibility rule and the edition filter are answered from the same index entries.
        await db.schema
          .createIndex(`${table}_visible_idx`)
          .on(table)
          .columns([column, 'kind', 'status', 'published_at', 'article_id', 'embargo_until', 'language'])
          .execute()
      }
      const changed = all.map((c) => `new.${c} is distinct from old.${c}`).join(' or ')
      if (dialect === 'postgres') {
        await sql`create function link_visibility() returns trigger language plpgsql as $$
          begin
            select ${fromStory} into ${sql.raw(all.map((c) => `new.${c}`).join(', '))} from articles a where a.id = new.article_id;
            return new;
          end $$`.execute(db)
        for (const [table] of links) {
          await sql`create trigger ${sql.raw(`${table}_visibility`)} before insert or update of article_id on ${sql.table(table)}
            for each row execute function link_visibility()`.execute(db)
        }
        await sql`create function articles_visibility_to_links() returns trigger language plpgsql as $$
          begin
            update article_tags set (${list}) = (${sql.raw(all.map((c) => `new.${c}`).join(', '))}) where article_id = new.id;
            update article_authors set (${list}) = (${sql.raw(all.map((c) => `new.${c}`).join(', '))}) where article_id = new.id;
            return null;
          end $$`.execute(db)
        await sql`create trigger articles_visibility_to_links after update of ${list} on articles
          for each row when (${sql.raw(changed)}) execute function articles_visibility_to_links()`.execute(db)
      } else {
        for (const [table, column] of links) {
          const refresh = sql`update ${sql.table(table)} set (${list}) = (select ${fromStory} from articles a where a.id = new.article_id)
              where article_id = new.article_id and ${sql.raw(column)} = ${sql.raw(`new.${column}`)};`
          await sql`create trigger ${sql.raw(`${table}_visibility`)} after insert on ${sql.table(table)} for each row begin ${refresh} end`.execute(db)
          await sql`create trigger ${sql.raw(`${table}_visibility_moved`)} after update of article_id on ${sql.table(table)} for each row begin ${refresh} end`.execute(db)
        }
        const sqliteChanged = all.map((c) => `new.${c} is not old.${c}`).join(' or ')
        const fromNew = sql.raw(all.map((c) => `new.${c}`).join(', '))
        await sql`create trigger articles_visibility_to_links after update of ${list} on articles
          for each row when ${sql.raw(sqliteChanged)} begin
            update article_tags set (${list}) = (${fromNew}) where article_id = new.id;
            update article_authors set (${list}) = (${fromNew}) where article_id = new.id;
          end`.execute(db)
      }
    },
  },
})

class CodeMigrationProvider implements MigrationProvider {
  constructor(private readonly dialect: DialectName) {}
  async getMigrations() {
    return migrations(this.dialect)
  }
}

/** Applies all pending migrations; throws with the failing migration's name on error. */
export async function migrateToLatest(handle: DbHandle): Promise<string[]> {
  const migrator = new Migrator({
    db: handle.db,
    provider: new CodeMigrationProvider(handle.dialect),
    // Kysely looks for its bookkeeping tables in every schema unless told which one is ours.
    ...(handle.schema ? { migrationTableSchema: handle.schema } : {}),
    // Migrations are written on parallel branches; a late-merged lower number still applies.
    allowUnorderedMigrations: true,
  })
  const { error, results } = await migrator.migrateToLatest()
  const failed = results?.find((r) => r.status === 'Error')
  if (error) {
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${String((error as Error).message ?? error)}`, {
      cause: error,
    })
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}
