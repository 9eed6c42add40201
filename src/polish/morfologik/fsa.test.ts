import { describe, expect, it } from 'vitest'

import {
  BIT_FINAL_ARC,
  BIT_LAST_ARC,
  BIT_TARGET_NEXT,
  CFSA2,
  CFSA2_VERSION,
  FSAFlags,
  FsaFormatError,
  MatchKind,
  SequenceCursor,
  readVInt,
} from './fsa.js'

// ---------------------------------------------------------------------------
// A tiny CFSA2 writer for tests: an unminimised trie laid out in pre-order.
// It exercises every reader path: mapped and explicit labels, the NEXT bit
// (the first child of a node is written right after it), v-coded gotos
// (deliberately padded to 4 bytes, which readers must accept), terminal arcs
// (goto 0) and, optionally, NUMBERS (right-language counts before nodes).

interface TrieNode {
  arcs: Array<{ label: number; final: boolean; child: TrieNode | null }>
}

function buildTrie(seqs: readonly Uint8Array[]): TrieNode {
  const root: TrieNode = { arcs: [] }
  for (const seq of seqs) {
    let node = root
    seq.forEach((label, i) => {
      let arc = node.arcs.find((a) => a.label === label)
      if (!arc) {
        arc = { label, final: false, child: null }
        node.arcs.push(arc)
      }
      if (i === seq.length - 1) arc.final = true
      else node = arc.child ??= { arcs: [] }
    })
  }
  return root
}

function paddedVInt(v: number): number[] {
  return [(v & 0x7f) | 0x80, ((v >> 7) & 0x7f) | 0x80, ((v >> 14) & 0x7f) | 0x80, (v >> 21) & 0x7f]
}

function vInt(v: number): number[] {
  const out: number[] = []
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80)
    v >>>= 7
  }
  out.push(v)
  return out
}

function writeCfsa2(seqs: readonly Uint8Array[], options: { numbers?: boolean; mapped?: readonly number[] } = {}): Uint8Array {
  const root = buildTrie(seqs)
  const mapped = options.mapped ?? []
  const labelIndex = (label: number) => mapped.indexOf(label) + 1 // 0 = explicit
  const count = (n: TrieNode): number => n.arcs.reduce((s, a) => s + (a.final ? 1 : 0) + (a.child ? count(a.child) : 0), 0)

  // The epsilon node (one arc, NEXT bit, so the root follows it) then pre-order.
  const order: TrieNode[] = []
  const visit = (n: TrieNode) => {
    order.push(n)
    for (const a of n.arcs) if (a.child) visit(a.child)
  }
  visit(root)
  const nextOf = (n: TrieNode) => n.arcs.find((a) => a.child)?.child ?? null
  const arcSize = (n: TrieNode, a: TrieNode['arcs'][number]) =>
    1 + (labelIndex(a.label) === 0 ? 1 : 0) + (a.child && a.child === nextOf(n) ? 0 : 4)
  const nodeSize = (n: TrieNode) => (options.numbers ? vInt(count(n)).length : 0) + n.arcs.reduce((s, a) => s + arcSize(n, a), 0)

  const epsilon = [BIT_TARGET_NEXT | BIT_LAST_ARC, 0x5e]
  const offsets = new Map<TrieNode, number>()
  let at = (options.numbers ? 1 : 0) + epsilon.length
  for (const n of order) {
    offsets.set(n, at)
    at += nodeSize(n)
  }

  const body: number[] = []
  if (options.numbers) body.push(...vInt(0)) // epsilon's (unused) count
  body.push(...epsilon)
  for (const n of order) {
    if (options.numbers) body.push(...vInt(count(n)))
    n.arcs.forEach((a, i) => {
      const idx = labelIndex(a.label)
      const next = a.child !== null && a.child === nextOf(n)
      body.push(
        (next ? BIT_TARGET_NEXT : 0) | (i === n.arcs.length - 1 ? BIT_LAST_ARC : 0) | (a.final ? BIT_FINAL_ARC : 0) | idx,
      )
      if (idx === 0) body.push(a.label)
      if (!next) body.push(...paddedVInt(a.child ? offsets.get(a.child)! : 0))
    })
  }
  const flags = FSAFlags.FLEXIBLE | FSAFlags.STOPBIT | FSAFlags.NEXTBIT | (options.numbers ? FSAFlags.NUMBERS : 0)
  const labels = [0, ...mapped]
  return Uint8Array.from([0x5c, 0x66, 0x73, 0x61, CFSA2_VERSION, flags >> 8, flags & 0xff, labels.length, ...labels, ...body])
}

const enc = new TextEncoder()
const dec = new TextDecoder()
const words = ['a', 'ab', 'abc', 'abd', 'b', 'ba', 'żółw', 'żółwie', 'zzz'].sort()
const seqs = words.map((w) => enc.encode(w)).sort(Buffer.compare)

function all(fsa: CFSA2): string[] {
  return [...fsa.sequences()].map((s) => dec.decode(s))
}

describe('CFSA2 reader on synthetic automata', () => {
  for (const variant of [
    { name: 'explicit labels', options: {} },
    { name: 'mapped labels', options: { mapped: [0x61, 0x62, 0xc5] } },
    { name: 'NUMBERS', options: { numbers: true, mapped: [0x62] } },
  ]) {
    it(`enumerates every sequence in arc order (${variant.name})`, () => {
      const fsa = new CFSA2(writeCfsa2(seqs, variant.options), { dispatchDepth: -1 })
      expect(all(fsa)).toEqual(seqs.map((s) => dec.decode(s)))
      expect(fsa.countSequences()).toBe(seqs.length)
    })

    for (const dispatch of [
      { dispatchDepth: -1 },
      { dispatchDepth: 0 },
      { dispatchDepth: 5, dispatchMinArcs: 1 },
      { dispatchDepth: -1, packed: false },
      { dispatchDepth: 5, dispatchMinArcs: 1, packed: false },
    ]) {
      const packed = dispatch.packed ?? true
      it(`matches like FSATraversal.match (${variant.name}, dispatch depth ${dispatch.dispatchDepth}, ${packed ? 'packed' : 'byte walk'})`, () => {
        const fsa = new CFSA2(writeCfsa2(seqs, variant.options), dispatch)
        expect(fsa.dispatchSlots > 0).toBe(dispatch.dispatchDepth >= 0)
        expect(fsa.packedArcs !== null).toBe(packed)
        const m = (w: string) => {
          const b = enc.encode(w)
          return fsa.match(b, 0, b.length)
        }
        expect(m('ab')).toBe(MatchKind.EXACT_MATCH) // 'ab' is accepted
        expect(m('abd')).toBe(MatchKind.EXACT_MATCH)
        expect(m('żół')).toBe(MatchKind.SEQUENCE_IS_A_PREFIX)
        expect(m('')).toBe(MatchKind.SEQUENCE_IS_A_PREFIX)
        expect(m('abx')).toBe(MatchKind.NO_MATCH)
        expect(m('q')).toBe(MatchKind.NO_MATCH)
        expect(m('abcd')).toBe(MatchKind.AUTOMATON_HAS_PREFIX) // 'abc' ends in a terminal arc
        // SEQUENCE_IS_A_PREFIX leaves the node for further walking.
        const p = enc.encode('żół')
        expect(fsa.match(p, 0, p.length)).toBe(MatchKind.SEQUENCE_IS_A_PREFIX)
        expect(all2(fsa, fsa.matchNode)).toEqual(['w', 'wie'])
        // matchFollowedBy = match (SEQUENCE_IS_A_PREFIX) + a non-final arc's target.
        const plain = new CFSA2(writeCfsa2(seqs, variant.options), { dispatchDepth: -1, packed: false })
        for (const w of ['', 'a', 'ab', 'ż', 'żół', 'żółw', 'b', 'q', 'abc', 'abcd']) {
          const b = enc.encode(w)
          for (const label of [0x61, 0x62, 0x63, 0x64, 0x77, 0x69, 0x7a, 0xc3, 0xc5]) {
            let expected = -1
            if (plain.match(b, 0, b.length) === MatchKind.SEQUENCE_IS_A_PREFIX) {
              const arc = plain.getArc(plain.matchNode, label)
              if (arc !== 0 && !plain.isArcFinal(arc)) expected = plain.destination(arc)
            }
            expect(fsa.matchFollowedBy(b, 0, b.length, label), `${w} + ${label}`).toBe(expected)
          }
        }
      })
    }
  }

  it('reads right-language counts when NUMBERS is set', () => {
    const fsa = new CFSA2(writeCfsa2(seqs, { numbers: true }))
    expect(fsa.hasNumbers).toBe(true)
    expect(fsa.rightLanguageCount(fsa.rootNode)).toBe(seqs.length)
    const b = enc.encode('a')
    const arc = fsa.getArc(fsa.rootNode, b[0]!)
    expect(fsa.rightLanguageCount(fsa.endNode(arc))).toBe(3) // ab, abc, abd
    expect(() => new CFSA2(writeCfsa2(seqs)).rightLanguageCount(0)).toThrow(/NUMBERS/)
  })

  it('exposes arcs: labels, final/last flags, terminal targets', () => {
    const fsa = new CFSA2(writeCfsa2(seqs, { mapped: [0x61] }))
    const labels: number[] = []
    for (let arc = fsa.firstArc(fsa.rootNode); arc !== 0; arc = fsa.nextArc(arc)) labels.push(fsa.arcLabel(arc))
    expect(labels).toEqual([0x61, 0x62, 0x7a, 0xc5])
    const a = fsa.getArc(fsa.rootNode, 0x61)
    expect(fsa.isArcFinal(a)).toBe(true)
    expect(fsa.isArcLast(a)).toBe(false)
    const b = fsa.getArc(fsa.endNode(a), 0x62)
    const c = fsa.getArc(fsa.endNode(b), 0x63)
    expect(fsa.isArcTerminal(c)).toBe(true)
    expect(fsa.getArc(fsa.rootNode, 0x41)).toBe(0)
  })

  it('a SequenceCursor can be restarted and grows its buffers', () => {
    const long = enc.encode('x'.repeat(300))
    const fsa = new CFSA2(writeCfsa2([long, enc.encode('y')]))
    const cursor = new SequenceCursor(fsa).restart(fsa.rootNode)
    expect(cursor.next()).toBe(300)
    expect(dec.decode(cursor.buffer.subarray(0, 300))).toBe('x'.repeat(300))
    expect(cursor.next()).toBe(1)
    expect(cursor.next()).toBe(-1)
    expect(cursor.next()).toBe(-1)
    cursor.restart(fsa.rootNode)
    expect(cursor.next()).toBe(300)
  })

  it('stops enumeration when the visitor returns false', () => {
    const fsa = new CFSA2(writeCfsa2(seqs))
    let n = 0
    fsa.forEachSequence(() => ++n < 3)
    expect(n).toBe(3)
  })
})

function all2(fsa: CFSA2, node: number): string[] {
  return [...fsa.sequences(node)].map((s) => dec.decode(s))
}

describe('CFSA2 header validation', () => {
  const good = writeCfsa2(seqs)
  it('rejects a bad magic', () => {
    const bad = good.slice()
    bad[1] = 0x46
    expect(() => new CFSA2(bad)).toThrow(FsaFormatError)
  })
  it('rejects other format versions by name', () => {
    const fsa5 = good.slice()
    fsa5[4] = 0x05
    expect(() => new CFSA2(fsa5)).toThrow(/FSA5/)
    const cfsa = good.slice()
    cfsa[4] = 0xc5
    expect(() => new CFSA2(cfsa)).toThrow(/CFSA\)/)
  })
  it('rejects unknown flags', () => {
    const bad = good.slice()
    bad[5] = 0x80
    expect(() => new CFSA2(bad)).toThrow(/flags/)
  })
  it('rejects truncated input', () => {
    expect(() => new CFSA2(good.slice(0, 5))).toThrow(FsaFormatError)
    expect(() => new CFSA2(good.slice(0, 8))).toThrow(FsaFormatError)
  })
})

describe('readVInt', () => {
  it('reads 7-bit little-endian groups', () => {
    expect(readVInt(Uint8Array.of(0x05), 0)).toBe(5)
    expect(readVInt(Uint8Array.of(0x00, 0xdb, 0x07), 1)).toBe(0x5b | (0x07 << 7))
    expect(readVInt(Uint8Array.of(0xff, 0xff, 0xff, 0x7f), 0)).toBe(0x0fffffff)
    expect(readVInt(Uint8Array.of(0x80, 0x80, 0x00), 0)).toBe(0) // padded
  })
})
