/**
 * @module
 * The relevance evaluation: loads the fixture stories into an application,
 * runs every query through search and through a WordPress-style baseline
 * (`LIKE '%word%'` on headline, lede and body for every word, title matches
 * first, then newest), and computes recall@5 and MRR for both.
 */
import { sql } from 'kysely'
import type { ContentService } from '../../content/content.service.js'
import { nowIso, type DbHandle } from '../../platform/db/database.js'
import type { SearchService } from '../search.service.js'
import { QUERIES, type RelevanceQuery } from './queries.js'
import { AUTHORS, SECTIONS, STORIES } from './stories.js'

export interface QueryOutcome {
  readonly q: string
  readonly kind: RelevanceQuery['kind']
  readonly expect: readonly string[]
  /** Keys of the first ten results. */
  readonly got: readonly string[]
  readonly recallAt5: number
  readonly reciprocalRank: number
}

export interface RelevanceReport {
  readonly queries: number
  readonly recallAt5: number
  readonly mrr: number
  readonly outcomes: readonly QueryOutcome[]
}

const DAY = 24 * 3600_000

/** Inserts sections, authors and stories; returns story key → article id. */
export async function loadFixtures(dbh: DbHandle, content: ContentService, now = Date.now()): Promise<Map<string, number>> {
  const db = dbh.db
  for (const [i, s] of SECTIONS.entries()) {
    await db.insertInto('sections').values({ slug: s.slug, name: s.name, position: i, created_at: nowIso() }).onConflict((oc) => oc.column('slug').doNothing()).execute()
  }
  for (const a of AUTHORS) {
    await db.insertInto('authors').values({ slug: a.slug, name: a.name, bio: '', photo_media_id: null, created_at: nowIso() }).onConflict((oc) => oc.column('slug').doNothing()).execute()
  }
  const ids = new Map<string, number>()
  for (const s of STORIES) {
    const id = await content.create({
      kind: 'article',
      headline: s.headline,
      lede: s.lede,
      sectionSlug: s.section,
      authorSlugs: [s.author],
      tags: [...s.tags],
      status: 'published',
      publishedAt: new Date(now - s.daysAgo * DAY).toISOString(),
      body: { type: 'doc', content: s.body.map((text) => ({ type: 'paragraph' as const, content: [{ type: 'text' as const, text }] })) },
    })
    ids.set(s.key, id)
  }
  return ids
}

function score(query: RelevanceQuery, got: readonly string[]): QueryOutcome {
  const top5 = got.slice(0, 5)
  const recallAt5 = query.expect.filter((k) => top5.includes(k)).length / query.expect.length
  const firstRank = got.findIndex((k) => query.expect.includes(k))
  return { q: query.q, kind: query.kind, expect: query.expect, got, recallAt5, reciprocalRank: firstRank >= 0 ? 1 / (firstRank + 1) : 0 }
}

function report(outcomes: QueryOutcome[]): RelevanceReport {
  const n = outcomes.length
  return {
    queries: n,
    recallAt5: outcomes.reduce((s, o) => s + o.recallAt5, 0) / n,
    mrr: outcomes.reduce((s, o) => s + o.reciprocalRank, 0) / n,
    outcomes,
  }
}

/** Runs the queries through search. */
export async function evaluateSearch(search: SearchService, ids: Map<string, number>, now = new Date().toISOString()): Promise<RelevanceReport> {
  const keyOf = new Map([...ids].map(([k, id]) => [id, k]))
  const outcomes: QueryOutcome[] = []
  for (const query of QUERIES) {
    const r = await search.search({ q: query.q, pageSize: 10, now })
    outcomes.push(score(query, r.hits.map((h) => keyOf.get(h.id) ?? `#${h.id}`)))
  }
  return report(outcomes)
}

/** The baseline: every word (quotes dropped) as LIKE '%word%' over headline, lede and body; title matches first, then newest. */
export async function evaluateLikeBaseline(dbh: DbHandle, ids: Map<string, number>): Promise<RelevanceReport> {
  const keyOf = new Map([...ids].map(([k, id]) => [id, k]))
  const outcomes: QueryOutcome[] = []
  for (const query of QUERIES) {
    const words = query.q.replace(/["„”]/g, ' ').split(/\s+/).filter((w) => w.length > 0)
    let q = dbh.db.selectFrom('articles').select('id').where('status', '=', 'published')
    for (const w of words) {
      const pattern = `%${w.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`
      q = q.where(sql<boolean>`lower(headline || ' ' || lede || ' ' || body) like ${pattern} escape '\\'`)
    }
    const first = words[0] ? `%${words[0].toLowerCase()}%` : '%'
    const rows = await q
      .orderBy(sql`case when lower(headline) like ${first} then 0 else 1 end`)
      .orderBy('published_at', 'desc')
      .limit(10)
      .execute()
    outcomes.push(score(query, rows.map((r) => keyOf.get(r.id) ?? `#${r.id}`)))
  }
  return report(outcomes)
}

/** A plain-text comparison table (per kind of query and overall). */
export function formatComparison(title: string, search: RelevanceReport, baseline: RelevanceReport): string {
  const kinds = [...new Set(search.outcomes.map((o) => o.kind))]
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7)
  const num = (x: number) => x.toFixed(3).padStart(7)
  const lines = [title, `${'queries'.padEnd(16)} ${'n'.padStart(3)}  ${'search R@5'.padStart(10)} ${'MRR'.padStart(7)}   ${'LIKE R@5'.padStart(9)} ${'MRR'.padStart(7)}`]
  const row = (label: string, s: QueryOutcome[], b: QueryOutcome[]) => {
    const avg = (list: QueryOutcome[], f: (o: QueryOutcome) => number) => list.reduce((x, o) => x + f(o), 0) / Math.max(1, list.length)
    lines.push(
      `${label.padEnd(16)} ${String(s.length).padStart(3)}  ${pct(avg(s, (o) => o.recallAt5)).padStart(10)} ${num(avg(s, (o) => o.reciprocalRank))}   ${pct(avg(b, (o) => o.recallAt5)).padStart(9)} ${num(avg(b, (o) => o.reciprocalRank))}`,
    )
  }
  for (const kind of kinds) row(kind, search.outcomes.filter((o) => o.kind === kind), baseline.outcomes.filter((o) => o.kind === kind))
  row('all', [...search.outcomes], [...baseline.outcomes])
  const misses = search.outcomes.filter((o) => o.recallAt5 < 1)
  if (misses.length > 0) {
    lines.push('search misses (expected → got):')
    for (const m of misses) lines.push(`  ${m.q}: ${m.expect.join(', ')} → ${m.got.slice(0, 5).join(', ') || '(nothing)'}`)
  }
  return lines.join('\n')
}
