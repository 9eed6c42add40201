import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, DIALECTS, type TestDb } from '../../../test/support.js'

describe.each(DIALECTS)('%s: reused statements', (dialect) => {
  let tdb: TestDb

  beforeAll(async () => {
    tdb = await createTestDb(dialect)
  })
  afterAll(() => tdb.close())

  it('answers the same SQL with new parameters, and follows a table that changed in between', async () => {
    await tdb.db.insertInto('tags').values([
      { slug: 'a', name: 'A', created_at: '2026-11-27T10:00:00.000Z' },
      { slug: 'b', name: 'B', created_at: '2026-11-27T10:00:00.000Z' },
    ]).execute()
    const bySlug = (slug: string) => tdb.db.selectFrom('tags').selectAll().where('slug', '=', slug).executeTakeFirst()
    // Several times: PostgreSQL switches a prepared statement to a generic plan after five runs.
    for (let i = 0; i < 7; i++) {
      expect((await bySlug('a'))?.name).toBe('A')
      expect((await bySlug('b'))?.name).toBe('B')
    }
    // Another instance's migration adds a column: `select *` now returns one more.
    await sql`alter table tags add column extra text not null default 'x'`.execute(tdb.db)
    for (let i = 0; i < 3; i++) expect(await bySlug('a')).toMatchObject({ name: 'A', extra: 'x' })
    expect(await bySlug('nope')).toBeUndefined()
  })

  // A cached SQLite statement being iterated is not handed out again (streaming is SQLite-only here).
  it.runIf(dialect === 'sqlite')('streams a query and runs the same SQL again afterwards', async () => {
    const query = () => tdb.db.selectFrom('tags').select('slug').where('slug', 'in', ['a', 'b']).orderBy('slug')
    const streamed: string[] = []
    for await (const row of query().stream()) streamed.push(row.slug)
    expect(streamed).toEqual(['a', 'b'])
    expect((await query().execute()).map((r) => r.slug)).toEqual(['a', 'b'])
  })
})
