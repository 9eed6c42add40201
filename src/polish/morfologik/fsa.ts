// Reader for Morfologik's CFSA2 automaton format (the format of polish.dict).
//
// The whole file is kept as one Uint8Array; nodes and arcs are plain integer
// offsets into the arc area, nothing is materialised per arc. See README.md in
// this folder for the byte layout.

/** "\fsa" — the four magic bytes every Morfologik automaton starts with. */
export const FSA_MAGIC = [0x5c, 0x66, 0x73, 0x61] as const

/** Version byte of the CFSA2 format. */
export const CFSA2_VERSION = 0xc6
/** Version bytes of the other Morfologik formats (recognised only to reject them clearly). */
export const FSA5_VERSION = 0x05
export const CFSA_VERSION = 0xc5

/** Automaton flags (header, big-endian 16 bit). */
export const FSAFlags = {
  FLEXIBLE: 1 << 0,
  STOPBIT: 1 << 1,
  NEXTBIT: 1 << 2,
  TAILS: 1 << 3,
  /** Nodes are prefixed with the v-coded size of their right language (perfect hashing). */
  NUMBERS: 1 << 8,
  SEPARATORS: 1 << 9,
} as const
const KNOWN_FLAGS = Object.values(FSAFlags).reduce((a, b) => a | b, 0)

/** The target node follows this node's last arc: no goto field. */
export const BIT_TARGET_NEXT = 1 << 7
/** The arc is the last one of its node. */
export const BIT_LAST_ARC = 1 << 6
/** The arc ends an accepted sequence. */
export const BIT_FINAL_ARC = 1 << 5
/** Low five bits: index into the label table, 0 = explicit label byte follows. */
export const LABEL_INDEX_MASK = (1 << 5) - 1

/** Results of {@link CFSA2.match}, mirroring morfologik's MatchResult kinds. */
export const MatchKind = {
  /** The whole input was consumed and ends on a final arc. */
  EXACT_MATCH: 0,
  /** The input runs off the automaton. */
  NO_MATCH: -1,
  /** A sequence of the automaton is a proper prefix of the input. */
  AUTOMATON_HAS_PREFIX: -3,
  /** The input is a prefix of at least one sequence; see matchNode. */
  SEQUENCE_IS_A_PREFIX: -4,
} as const

export class FsaFormatError extends Error {
  override name = 'FsaFormatError'
}

/**
 * Visitor for {@link CFSA2.forEachSequence}: receives a shared buffer and the
 * length of the current sequence (valid only during the call). Return
 * `false` to stop the enumeration.
 */
export type SequenceVisitor = (buffer: Uint8Array, length: number) => boolean | void

export interface CFSA2Options {
  /**
   * Nodes up to this depth below the root get a 256-entry label → arc table
   * that {@link CFSA2.match} uses instead of scanning their arcs (the nodes
   * near the root have the most arcs: 55 at the root of polish.dict).
   * -1 disables the tables. Default 3.
   */
  dispatchDepth?: number
  /** Only nodes with at least this many arcs get a table (the root always does). Default 16. */
  dispatchMinArcs?: number
  /**
   * Build the packed arc table (one int32 per arc, see {@link CFSA2.packedArcs})
   * that {@link CFSA2.match} from the root and {@link CFSA2.matchFollowedBy}
   * walk instead of the variable-length bytes. Default true; it is skipped
   * (silently) for automata of 4 million arcs or more.
   */
  packed?: boolean
}

// Packed arc word: label | last << 8 | final << 9 | (index of the target's first arc) << 10.
const PACKED_LAST = 1 << 8
const PACKED_FINAL = 1 << 9
const PACKED_TARGET_SHIFT = 10
/** Arc indices must fit the 22 bits above PACKED_TARGET_SHIFT (and leave -1 free). */
const PACKED_MAX_ARCS = (1 << 22) - 1
/** packedMatch's EXACT_MATCH (MatchKind's 0 would read as a node index). */
const PACKED_EXACT_MATCH = -2

export class CFSA2 {
  /** Header flags, see {@link FSAFlags}. */
  readonly flags: number
  readonly hasNumbers: boolean
  /** Label table: `labels[i]` is the label of an arc whose flag byte has index i (1..31). */
  readonly labels: Uint8Array
  /** The arc area (a view into the file bytes); offsets are relative to it. */
  readonly arcs: Uint8Array
  /** Offset of the root node. */
  readonly rootNode: number

  /** The node of the last {@link match} with kind SEQUENCE_IS_A_PREFIX. */
  matchNode = 0

  // Dispatch tables (see CFSA2Options): for table slot s and label b,
  // dispatchArcs[s * 256 + b] is the arc (0 = none) and dispatchNext[...]
  // the slot of its target node (-1 = none).
  private dispatchArcs = new Int32Array(0)
  private dispatchNext = new Int16Array(0)
  private rootSlot = -1

  /**
   * The packed arc table, or null: arc i (in file order, counting from the
   * epsilon node's arc, i = 0) as label | last << 8 | final << 9 | t << 10,
   * where t is the index of the first arc of the target node (0: terminal).
   * A node's arcs are consecutive words, so finding a label is a scan of a
   * few int32s instead of decoding flags, label table and v-ints, and the
   * target of a NEXT-bit arc needs no walk to the node's end. 4 bytes per arc
   * (4.4 MB for polish.dict) plus as much for {@link packedNodeOffset}.
   */
  readonly packedArcs: Int32Array | null = null
  /** For the index of a node's first arc: the node's offset in {@link arcs}. */
  private packedNodeOffset = new Int32Array(0)
  /** Dispatch tables over the packed table: the arc's packed word, -1 = no arc. */
  private dispatchWords = new Int32Array(0)
  private packedRoot = 0

  constructor(bytes: Uint8Array, options: CFSA2Options = {}) {
    if (bytes.length < 8 || FSA_MAGIC.some((b, i) => bytes[i] !== b)) {
      throw new FsaFormatError('invalid file header, probably not a Morfologik FSA')
    }
    const version = bytes[4]!
    if (version !== CFSA2_VERSION) {
      const known = version === FSA5_VERSION ? 'FSA5' : version === CFSA_VERSION ? 'CFSA' : 'unknown'
      throw new FsaFormatError(`unsupported automaton version 0x${version.toString(16)} (${known}); only CFSA2 (0xc6) is supported`)
    }
    const flags = (bytes[5]! << 8) | bytes[6]!
    if ((flags & ~KNOWN_FLAGS) !== 0) throw new FsaFormatError(`unrecognized flags: 0x${flags.toString(16)}`)
    this.flags = flags
    this.hasNumbers = (flags & FSAFlags.NUMBERS) !== 0
    const labelCount = bytes[7]!
    if (8 + labelCount > bytes.length) throw new FsaFormatError('truncated label table')
    // Index 0 means "explicit label"; pad so that indices up to 31 are always defined.
    const labels = new Uint8Array(32)
    labels.set(bytes.subarray(8, 8 + Math.min(labelCount, 32)))
    this.labels = labels
    this.arcs = bytes.subarray(8 + labelCount)
    if (this.arcs.length === 0) throw new FsaFormatError('empty automaton')
    // Offset 0 holds a dummy "epsilon" node whose single arc leads to the root.
    this.rootNode = this.destination(this.firstArc(0))
    if (options.packed ?? true) this.packedArcs = this.buildPacked()
    this.buildDispatch(options.dispatchDepth ?? 3, options.dispatchMinArcs ?? 16)
  }

  /**
   * Decodes every arc once into the packed table (see packedArcs). Returns
   * null (the byte walk is used) when the arc area is not a plain sequence of
   * nodes whose targets all start a node, or has too many arcs.
   */
  private buildPacked(): Int32Array | null {
    const arcs = this.arcs
    const labels = this.labels
    const size = arcs.length
    const numbers = this.hasNumbers
    // Pass 1: mark where arcs and nodes start (bit sets over offsets) and
    // count the arcs. An arc's index is then the number of arcs starting
    // before its offset: a rank over 0.35 MB of bits, which stays in cache
    // where an offset → index table (11 MB for polish.dict) would not.
    const words = (size >>> 5) + 1
    const arcBits = new Int32Array(words)
    const nodeBits = new Int32Array(words)
    let count = 0
    let atNodeStart = true
    let p = 0
    for (; p < size; count++) {
      if (atNodeStart) {
        nodeBits[p >>> 5]! |= 1 << (p & 31)
        if (numbers) while (p < size && arcs[p++]! & 0x80) {
          // skip the right-language count
        }
        if (p >= size) return null
      }
      arcBits[p >>> 5]! |= 1 << (p & 31)
      const flag = arcs[p]!
      p += (flag & LABEL_INDEX_MASK) === 0 ? 2 : 1
      if ((flag & BIT_TARGET_NEXT) === 0) while (p < size && arcs[p++]! & 0x80) {
        // skip the goto v-int
      }
      atNodeStart = (flag & BIT_LAST_ARC) !== 0
    }
    if (p !== size || !atNodeStart || count >= PACKED_MAX_ARCS) return null
    // rankBase[w]: arcs starting before offset 32 * w.
    const rankBase = new Int32Array(words)
    for (let w = 0, n = 0; w < words; w++) {
      rankBase[w] = n
      n += popcount(arcBits[w]!)
    }
    const indexOfNode = (offset: number): number => {
      if (offset <= 0 || offset >= size || (nodeBits[offset >>> 5]! & (1 << (offset & 31))) === 0) return -1
      const w = offset >>> 5
      const bit = offset & 31
      return rankBase[w]! + (bit === 0 ? 0 : popcount(arcBits[w]! & (-1 >>> (32 - bit))))
    }
    // Pass 2: the words. NEXT arcs wait in \`pending\` for the index of the
    // node after their node's last arc.
    const packed = new Int32Array(count)
    const nodeOffset = new Int32Array(count)
    let pending = new Int32Array(8)
    let pendingCount = 0
    atNodeStart = true
    p = 0
    for (let i = 0; i < count; i++) {
      if (atNodeStart) {
        for (let k = 0; k < pendingCount; k++) packed[pending[k]!]! |= i << PACKED_TARGET_SHIFT
        pendingCount = 0
        nodeOffset[i] = p
        if (numbers) while (arcs[p++]! & 0x80) {
          // skip the right-language count
        }
      }
      const flag = arcs[p]!
      const index = flag & LABEL_INDEX_MASK
      const label = index !== 0 ? labels[index]! : arcs[p + 1]!
      p += index === 0 ? 2 : 1
      let target = 0
      if ((flag & BIT_TARGET_NEXT) === 0) {
        let b = arcs[p++]!
        let value = b & 0x7f
        for (let shift = 7; b & 0x80; shift += 7) {
          b = arcs[p++]!
          value |= (b & 0x7f) << shift
        }
        if (value !== 0) {
          target = indexOfNode(value)
          if (target <= 0) return null // not the offset of a node
        }
      } else {
        if (pendingCount === pending.length) {
          const grown = new Int32Array(pending.length * 2)
          grown.set(pending)
          pending = grown
        }
        pending[pendingCount++] = i
      }
      packed[i] = label | (flag & BIT_LAST_ARC ? PACKED_LAST : 0) | (flag & BIT_FINAL_ARC ? PACKED_FINAL : 0) | (target << PACKED_TARGET_SHIFT)
      atNodeStart = (flag & BIT_LAST_ARC) !== 0
    }
    if (pendingCount > 0) return null // a NEXT arc in the last node
    const root = indexOfNode(this.rootNode)
    if (root <= 0) return null
    this.packedNodeOffset = nodeOffset
    this.packedRoot = root
    return packed
  }

  /** Number of nodes with a dispatch table. */
  get dispatchSlots(): number {
    return this.dispatchArcs.length >> 8
  }

  private buildDispatch(maxDepth: number, minArcs: number): void {
    if (maxDepth < 0) return
    const packed = this.packedArcs
    // Nodes as their offset and, with the packed table, their first arc's index.
    const slotOf = new Map<number, number>()
    const slotted: number[] = []
    const slottedIndex: number[] = []
    let level = [this.rootNode]
    let levelIndex = [this.packedRoot]
    const seen = new Set(level)
    for (let depth = 0; depth <= maxDepth && level.length > 0; depth++) {
      const next: number[] = []
      const nextIndex: number[] = []
      level.forEach((node, n) => {
        let count = 0
        let j = levelIndex[n]!
        for (let arc = this.firstArc(node); arc !== 0; arc = this.nextArc(arc), j++) {
          count++
          if (depth === maxDepth) continue // the next level gets no tables
          const target = this.destination(arc)
          if (target !== 0 && !seen.has(target)) {
            seen.add(target)
            next.push(target)
            nextIndex.push(packed ? packed[j]! >>> PACKED_TARGET_SHIFT : 0)
          }
        }
        if ((node === this.rootNode || count >= minArcs) && slotted.length < 0x7fff) {
          slotOf.set(node, slotted.length)
          slotted.push(node)
          slottedIndex.push(levelIndex[n]!)
        }
      })
      level = next
      levelIndex = nextIndex
    }
    const arcsTable = new Int32Array(slotted.length * 256)
    const nextTable = new Int16Array(slotted.length * 256).fill(-1)
    const wordsTable = packed ? new Int32Array(slotted.length * 256).fill(-1) : new Int32Array(0)
    slotted.forEach((node, slot) => {
      let j = slottedIndex[slot]!
      for (let arc = this.firstArc(node); arc !== 0; arc = this.nextArc(arc), j++) {
        const k = (slot << 8) | this.arcLabel(arc)
        if (arcsTable[k] !== 0) continue // first arc with a label wins, as in getArc
        arcsTable[k] = arc
        if (packed) wordsTable[k] = packed[j]!
        const target = this.destination(arc)
        nextTable[k] = target === 0 ? -1 : (slotOf.get(target) ?? -1)
      }
    })
    this.dispatchArcs = arcsTable
    this.dispatchNext = nextTable
    this.dispatchWords = wordsTable
    this.rootSlot = slotOf.get(this.rootNode) ?? -1
  }

  /** First arc of a node (skips the right-language count when NUMBERS is set). */
  firstArc(node: number): number {
    if (this.hasNumbers) {
      const arcs = this.arcs
      while (arcs[node++]! & 0x80) {
        // skip v-int
      }
    }
    return node
  }

  /** The arc after `arc` in its node, or 0 after the last one. */
  nextArc(arc: number): number {
    return this.arcs[arc]! & BIT_LAST_ARC ? 0 : this.skipArc(arc)
  }

  /** The arc of `node` labelled `label` (0..255), or 0. */
  getArc(node: number, label: number): number {
    const arcs = this.arcs
    const labels = this.labels
    let arc = this.hasNumbers ? this.firstArc(node) : node
    for (;;) {
      const flag = arcs[arc]!
      const index = flag & LABEL_INDEX_MASK
      if ((index !== 0 ? labels[index]! : arcs[arc + 1]!) === label) return arc
      if (flag & BIT_LAST_ARC) return 0
      // skip the arc
      arc += index === 0 ? 2 : 1
      if ((flag & BIT_TARGET_NEXT) === 0) {
        while (arcs[arc++]! & 0x80) {
          // skip v-int
        }
      }
    }
  }

  arcLabel(arc: number): number {
    const index = this.arcs[arc]! & LABEL_INDEX_MASK
    return index !== 0 ? this.labels[index]! : this.arcs[arc + 1]!
  }

  isArcFinal(arc: number): boolean {
    return (this.arcs[arc]! & BIT_FINAL_ARC) !== 0
  }

  isArcLast(arc: number): boolean {
    return (this.arcs[arc]! & BIT_LAST_ARC) !== 0
  }

  /** True if the arc leads nowhere (its target is node 0). */
  isArcTerminal(arc: number): boolean {
    return this.destination(arc) === 0
  }

  /** Target node of a non-terminal arc. */
  endNode(arc: number): number {
    return this.destination(arc)
  }

  /** Target offset of an arc: 0 for terminal arcs. */
  destination(arc: number): number {
    const arcs = this.arcs
    let flag = arcs[arc]!
    if (flag & BIT_TARGET_NEXT) {
      // The target is the byte right after this node's last arc.
      while ((flag & BIT_LAST_ARC) === 0) {
        arc += (flag & LABEL_INDEX_MASK) === 0 ? 2 : 1
        if ((flag & BIT_TARGET_NEXT) === 0) {
          while (arcs[arc++]! & 0x80) {
            // skip v-int
          }
        }
        flag = arcs[arc]!
      }
      return this.skipArc(arc)
    }
    // Explicit v-coded goto after the flag byte (and the explicit label, if any).
    let p = arc + ((flag & LABEL_INDEX_MASK) === 0 ? 2 : 1)
    let b = arcs[p]!
    let value = b & 0x7f
    for (let shift = 7; b & 0x80; shift += 7) {
      b = arcs[++p]!
      value |= (b & 0x7f) << shift
    }
    return value
  }

  /** Size of the right language of a node; requires the NUMBERS flag. */
  rightLanguageCount(node: number): number {
    if (!this.hasNumbers) throw new Error('this automaton was not compiled with NUMBERS')
    return readVInt(this.arcs, node)
  }

  /** Offset of the byte following an arc. */
  skipArc(arc: number): number {
    const arcs = this.arcs
    const flag = arcs[arc++]!
    if ((flag & LABEL_INDEX_MASK) === 0) arc++
    if ((flag & BIT_TARGET_NEXT) === 0) {
      while (arcs[arc++]! & 0x80) {
        // skip v-int
      }
    }
    return arc
  }

  /**
   * Follows `length` bytes of `seq` from `node`, like morfologik's
   * FSATraversal.match. Returns a {@link MatchKind}; for SEQUENCE_IS_A_PREFIX
   * the reached node is left in {@link matchNode}.
   */
  match(seq: Uint8Array, start: number, length: number, node: number = this.rootNode): number {
    if (node === 0) return MatchKind.NO_MATCH
    if (node === this.rootNode && this.packedArcs !== null) {
      const at = this.packedMatch(seq, start, start + length)
      if (at > 0) {
        this.matchNode = this.packedNodeOffset[at]!
        return MatchKind.SEQUENCE_IS_A_PREFIX
      }
      return at === PACKED_EXACT_MATCH ? MatchKind.EXACT_MATCH : at
    }
    const end = start + length
    const dispatchArcs = this.dispatchArcs
    const dispatchNext = this.dispatchNext
    let slot = node === this.rootNode ? this.rootSlot : -1
    for (let i = start; i < end; i++) {
      let arc: number
      if (slot >= 0) {
        const k = (slot << 8) | seq[i]!
        arc = dispatchArcs[k]!
        slot = dispatchNext[k]!
      } else {
        arc = this.getArc(node, seq[i]!)
      }
      if (arc === 0) return MatchKind.NO_MATCH
      if (i + 1 === end && this.isArcFinal(arc)) return MatchKind.EXACT_MATCH
      const target = this.destination(arc)
      if (target === 0) return MatchKind.AUTOMATON_HAS_PREFIX
      node = target
    }
    this.matchNode = node
    return MatchKind.SEQUENCE_IS_A_PREFIX
  }

  /**
   * match() from the root over the packed table: the index of the reached
   * node's first arc (SEQUENCE_IS_A_PREFIX, always > 0), PACKED_EXACT_MATCH
   * or another (negative) MatchKind.
   */
  private packedMatch(seq: Uint8Array, start: number, end: number): number {
    const packed = this.packedArcs!
    const dispatchWords = this.dispatchWords
    const dispatchNext = this.dispatchNext
    let slot = this.rootSlot
    let node = this.packedRoot
    for (let i = start; i < end; i++) {
      const label = seq[i]!
      let word: number
      if (slot >= 0) {
        const k = (slot << 8) | label
        word = dispatchWords[k]!
        if (word === -1) return MatchKind.NO_MATCH
        slot = dispatchNext[k]!
      } else {
        let a = node
        word = packed[a]!
        while ((word & 0xff) !== label) {
          if (word & PACKED_LAST) return MatchKind.NO_MATCH
          word = packed[++a]!
        }
      }
      if (i + 1 === end && word & PACKED_FINAL) return PACKED_EXACT_MATCH
      node = word >>> PACKED_TARGET_SHIFT
      if (node === 0) return MatchKind.AUTOMATON_HAS_PREFIX
    }
    return node
  }

  /**
   * The walk of a dictionary look-up in one call: {@link match} of `seq`
   * from the root must give SEQUENCE_IS_A_PREFIX and the reached node must
   * have a non-final arc labelled `label`; returns that arc's target node
   * (0 if terminal), or -1 otherwise.
   */
  matchFollowedBy(seq: Uint8Array, start: number, length: number, label: number): number {
    const packed = this.packedArcs
    if (packed === null) {
      if (this.match(seq, start, length, this.rootNode) !== MatchKind.SEQUENCE_IS_A_PREFIX) return -1
      const arc = this.getArc(this.matchNode, label)
      return arc === 0 || this.isArcFinal(arc) ? -1 : this.destination(arc)
    }
    let a = this.packedMatch(seq, start, start + length)
    if (a <= 0) return -1
    this.matchNode = this.packedNodeOffset[a]!
    let word = packed[a]!
    while ((word & 0xff) !== label) {
      if (word & PACKED_LAST) return -1
      word = packed[++a]!
    }
    if (word & PACKED_FINAL) return -1
    const target = word >>> PACKED_TARGET_SHIFT
    return target === 0 ? 0 : this.packedNodeOffset[target]!
  }

  /**
   * Depth-first enumeration of every sequence accepted from `node` (default:
   * the root), in the automaton's arc order — the order of morfologik's
   * ByteSequenceIterator. The visitor gets a shared buffer; copy what you keep.
   */
  forEachSequence(visitor: SequenceVisitor, node: number = this.rootNode): void {
    const cursor = new SequenceCursor(this).restart(node)
    for (let len = cursor.next(); len >= 0; len = cursor.next()) {
      if (visitor(cursor.buffer, len) === false) return
    }
  }

  /** Lazy generator over copies of all sequences accepted from `node`. */
  *sequences(node: number = this.rootNode): Generator<Uint8Array> {
    const cursor = new SequenceCursor(this).restart(node)
    for (let len = cursor.next(); len >= 0; len = cursor.next()) {
      yield cursor.buffer.slice(0, len)
    }
  }

  /** Number of sequences accepted from `node` (walks the whole right language). */
  countSequences(node: number = this.rootNode): number {
    let n = 0
    this.forEachSequence(() => {
      n++
    }, node)
    return n
  }
}

/** Number of set bits in a 32-bit integer. */
function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333)
  x = (x + (x >>> 4)) & 0x0f0f0f0f
  return Math.imul(x, 0x01010101) >>> 24
}

/** Reads a little-endian base-128 v-int (7 bits per byte, high bit = more follows). */
export function readVInt(bytes: Uint8Array, offset: number): number {
  let b = bytes[offset]!
  let value = b & 0x7f
  for (let shift = 7; b & 0x80; shift += 7) {
    b = bytes[++offset]!
    value |= (b & 0x7f) << shift
  }
  return value
}

/** Parses a CFSA2 automaton held in memory (the bytes are not copied). */
export function readFsa(bytes: Uint8Array): CFSA2 {
  return new CFSA2(bytes)
}

/**
 * A reusable depth-first walker over the sequences accepted from a node
 * (morfologik's ByteSequenceIterator): `next()` returns the length of the next
 * sequence, whose bytes are in `buffer[0..length)`, or -1 when done.
 */
export class SequenceCursor {
  /** Bytes of the current sequence; replaced when it has to grow. */
  buffer = new Uint8Array(64)
  private stack = new Int32Array(64)
  private depth = 0

  constructor(private readonly fsa: CFSA2) {}

  restart(node: number): this {
    this.depth = 0
    const first = this.fsa.firstArc(node)
    // A node without arcs cannot exist in a valid automaton, but mirror Java:
    // an arc offset of 0 simply ends the walk.
    this.stack[this.depth++] = first
    return this
  }

  next(): number {
    const fsa = this.fsa
    const arcs = fsa.arcs
    const labels = fsa.labels
    let stack = this.stack
    let depth = this.depth
    while (depth > 0) {
      const level = depth - 1
      const arc = stack[level]!
      if (arc === 0) {
        depth--
        continue
      }
      const flag = arcs[arc]!
      const index = flag & LABEL_INDEX_MASK
      stack[level] = flag & BIT_LAST_ARC ? 0 : fsa.skipArc(arc)
      if (level >= this.buffer.length) {
        const grown = new Uint8Array(this.buffer.length * 2)
        grown.set(this.buffer)
        this.buffer = grown
      }
      this.buffer[level] = index !== 0 ? labels[index]! : arcs[arc + 1]!
      const target = fsa.destination(arc)
      if (target !== 0) {
        if (depth === stack.length) {
          const grown = new Int32Array(stack.length * 2)
          grown.set(stack)
          this.stack = stack = grown
        }
        stack[depth++] = fsa.firstArc(target)
      }
      if (flag & BIT_FINAL_ARC) {
        this.depth = depth
        return level + 1
      }
    }
    this.depth = 0
    return -1
  }
}
