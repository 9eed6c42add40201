// Deterministic word lists drawn from a dictionary's own automaton: used by
// the oracle test and the benchmark.
import type { PolishDictionary } from './dictionary.js'

/**
 * Walks every sequence of the automaton and keeps the surface form (the
 * bytes before the first separator) of every `stride`-th one, decoded and
 * de-duplicated, in automaton order. With stride 1 this yields all forms.
 */
export function sampleSurfaceForms(dict: PolishDictionary, stride: number, limit = Infinity): string[] {
  if (!(stride >= 1)) throw new RangeError('stride must be >= 1')
  const { fsa, metadata } = dict
  const sep = metadata.separator
  const cs = metadata.charset
  const seen = new Set<string>()
  const out: string[] = []
  let i = 0
  fsa.forEachSequence((buf, len) => {
    if (i++ % stride !== 0) return
    let end = 0
    while (end < len && buf[end] !== sep) end++
    const form = cs.decode(buf, 0, end)
    if (!seen.has(form)) {
      seen.add(form)
      out.push(form)
      if (out.length >= limit) return false
    }
  })
  return out
}

/** A deterministic Fisher–Yates shuffle (xorshift32), for mixing word lists. */
export function shuffled<T>(items: readonly T[], seed = 0x9e3779b9): T[] {
  const a = items.slice()
  let s = seed >>> 0 || 1
  for (let i = a.length - 1; i > 0; i--) {
    s ^= s << 13
    s >>>= 0
    s ^= s >>> 17
    s ^= s << 5
    s >>>= 0
    const j = s % (i + 1)
    const t = a[i]!
    a[i] = a[j]!
    a[j] = t
  }
  return a
}
