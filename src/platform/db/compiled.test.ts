import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, DIALECTS, type TestDb } from '../../../test/support.js'
import { compiledQuery } from './compiled.js'

describe.each(DIALECTS)('%s: compiledQuery', (dialect) => {
  let t: TestDb
  beforeAll(async () => {
    t = await createTestDb(dialect)
    const now = new Date().toISOString()
    await t.db.insertInto('tags').values([
      { slug: 'sejm', name: 'Sejm', created_at: now },
      { slug: 'senat', name: 'Senat', created_at: now },
      { slug: 'onz', name: 'ONZ', created_at: now },
    ]).execute()
  })
  afterAll(() => t.close())

  it('gives what the built query gives, for each call’s arguments, with the query’s constants kept', async () => {
    const bySlugPrefix = compiledQuery((db, prefix: string, limit: number) =>
      db.selectFrom('tags').select(['slug', 'name']).where('slug', 'like', prefix).where('name', '!=', 'ONZ').orderBy('slug').limit(limit),
    )
    expect(await bySlugPrefix(t.db, 's%', 10)).toEqual([{ slug: 'sejm', name: 'Sejm' }, { slug: 'senat', name: 'Senat' }])
    expect(await bySlugPrefix(t.db, 's%', 1)).toEqual([{ slug: 'sejm', name: 'Sejm' }])
    expect(await bySlugPrefix(t.db, 'o%', 10)).toEqual([])
    expect(await bySlugPrefix(t.db, '%', 10)).toEqual(await t.db.selectFrom('tags').select(['slug', 'name']).where('name', '!=', 'ONZ').orderBy('slug').execute())
    // Inside a transaction too (its own handle).
    await t.db.transaction().execute(async (trx) => {
      expect(await bySlugPrefix(trx, 'senat', 10)).toEqual([{ slug: 'senat', name: 'Senat' }])
    })
  })

  it('refuses a query in which an argument is not a bound parameter', async () => {
    const unbound = compiledQuery((db, _slug: string) => db.selectFrom('tags').select('slug'))
    await expect(unbound(t.db, 'sejm')).rejects.toThrow(/not a bound parameter/)
  })
})
