/**
 * @module
 * Hot queries of a fixed shape built and compiled once per database handle instead of on
 * every call: Kysely builds an immutable operation tree and compiles it to SQL on each
 * execution (about a tenth of a page render's CPU over ~10 queries). The query is built once
 * with a unique placeholder per argument; the compiled SQL is kept, and each call puts its
 * arguments where the placeholders were (constants of the query keep their places).
 */
import { CompiledQuery, type Compilable, type Kysely } from 'kysely'
import type { Database } from './database.js'

type Param = { arg: number } | { value: unknown }

/**
 * `build` must give the same SQL for any arguments (no branching on them, no lists of
 * variable length); each argument must become a bound parameter (a value in `where`, `limit`…),
 * which `compiledQuery` checks when it first compiles.
 */
export function compiledQuery<A extends unknown[], R>(build: (db: Kysely<Database>, ...args: A) => Compilable<R>): (db: Kysely<Database>, ...args: A) => Promise<R[]> {
  const compiled = new WeakMap<object, { sql: string; params: Param[] }>()
  return async (db, ...args) => {
    let c = compiled.get(db)
    if (!c) {
      const holes = args.map((_, i) => Symbol(`argument ${i}`))
      const query = build(db, ...(holes as unknown as A)).compile()
      const params: Param[] = query.parameters.map((p) => {
        const arg = holes.indexOf(p as symbol)
        return arg >= 0 ? { arg } : { value: p }
      })
      const used = new Set(params.flatMap((p) => ('arg' in p ? [p.arg] : [])))
      if (used.size !== holes.length) throw new Error(`compiledQuery: an argument is not a bound parameter of: ${query.sql}`)
      c = { sql: query.sql, params }
      compiled.set(db, c)
    }
    const values = c.params.map((p) => ('arg' in p ? args[p.arg] : p.value))
    return (await db.executeQuery<R>(CompiledQuery.raw(c.sql, values))).rows
  }
}
