/**
 * @module
 * A readable diff between two revisions: fields and body blocks (matched by their stable
 * ids) compared word by word, so an editor sees exactly which words changed.
 */
import { documentText, type Block, type BlockDocument } from '../content/document.js'
import type { StorySnapshot } from './newsroom.service.js'

export type WordOp = { op: 'same' | 'added' | 'removed'; text: string }

export interface BlockDiff {
  /** Block id (or field name for headline, lede …). */
  id: string
  kind: 'field' | 'block'
  status: 'unchanged' | 'changed' | 'added' | 'removed'
  words: WordOp[]
}

/** Splits into words and the spaces between them, so joining the parts gives the text back. */
function tokens(text: string): string[] {
  return text.match(/\s+|[^\s]+/g) ?? []
}

/** Word-level LCS diff; long texts fall back to a line-free prefix/suffix trim first. */
export function diffWords(before: string, after: string): WordOp[] {
  const a = tokens(before)
  const b = tokens(after)
  let start = 0
  while (start < a.length && start < b.length && a[start] === b[start]) start++
  let endA = a.length
  let endB = b.length
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--
    endB--
  }
  const midA = a.slice(start, endA)
  const midB = b.slice(start, endB)
  const ops: WordOp[] = []
  const push = (op: WordOp['op'], text: string) => {
    const last = ops.at(-1)
    if (last && last.op === op) last.text += text
    else ops.push({ op, text })
  }
  if (start > 0) push('same', a.slice(0, start).join(''))
  // LCS table over the changed middle only (bounded: a paragraph, not a whole story).
  const n = midA.length
  const m = midB.length
  if (n * m > 4_000_000) {
    if (n) push('removed', midA.join(''))
    if (m) push('added', midB.join(''))
  } else {
    const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1))
    for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i]![j] = midA[i] === midB[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!)
    let i = 0
    let j = 0
    while (i < n && j < m) {
      if (midA[i] === midB[j]) {
        push('same', midA[i]!)
        i++
        j++
      } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) push('removed', midA[i++]!)
      else push('added', midB[j++]!)
    }
    while (i < n) push('removed', midA[i++]!)
    while (j < m) push('added', midB[j++]!)
  }
  if (endA < a.length) push('same', a.slice(endA).join(''))
  return ops
}

function blockText(block: Block): string {
  return documentText({ type: 'doc', content: [block] }).join('\n')
}

function blockKey(block: Block, index: number): string {
  return block.attrs && 'id' in block.attrs && block.attrs.id ? block.attrs.id : `#${index}`
}

function entry(id: string, kind: BlockDiff['kind'], before: string | null, after: string | null): BlockDiff {
  if (before === null) return { id, kind, status: 'added', words: [{ op: 'added', text: after ?? '' }] }
  if (after === null) return { id, kind, status: 'removed', words: [{ op: 'removed', text: before }] }
  const words = diffWords(before, after)
  return { id, kind, status: words.every((w) => w.op === 'same') ? 'unchanged' : 'changed', words }
}

function bodyDiff(before: BlockDocument, after: BlockDocument): BlockDiff[] {
  const old = new Map(before.content.map((b, i) => [blockKey(b, i), b]))
  const seen = new Set<string>()
  const out: BlockDiff[] = []
  after.content.forEach((block, i) => {
    const key = blockKey(block, i)
    seen.add(key)
    const prev = old.get(key)
    out.push(entry(key, 'block', prev ? blockText(prev) : null, blockText(block)))
  })
  before.content.forEach((block, i) => {
    const key = blockKey(block, i)
    if (!seen.has(key)) out.push(entry(key, 'block', blockText(block), null))
  })
  return out
}

const FIELDS = ['headline', 'lede', 'slug', 'sectionSlug', 'seoTitle', 'seoDescription'] as const

export function diffSnapshots(before: StorySnapshot, after: StorySnapshot): BlockDiff[] {
  const fields = FIELDS.map((f) => entry(f, 'field', String(before[f] ?? ''), String(after[f] ?? '')))
  fields.push(entry('tags', 'field', before.tags.join(', '), after.tags.join(', ')))
  fields.push(entry('authors', 'field', before.authorSlugs.join(', '), after.authorSlugs.join(', ')))
  return [...fields, ...bodyDiff(before.body, after.body)]
}
