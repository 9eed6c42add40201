// Character encodings for Morfologik dictionaries (fsa.dict.encoding).
//
// Encoding follows Java's CharsetEncoder with CodingErrorAction.REPORT: input
// that cannot be encoded (a lone surrogate in UTF-8, a character outside a
// single-byte charset) makes encode() return -1, and morfologik then treats
// the word as absent from the dictionary.

export interface DictCharset {
  /** Canonical name, e.g. "UTF-8". */
  readonly name: string
  /** Most bytes one UTF-16 code unit can need. */
  readonly maxBytesPerChar: number
  /**
   * Encodes `text` into `out` (which must hold text.length * maxBytesPerChar
   * bytes). Returns the byte count, or -1 if the text is unmappable.
   */
  encode(text: string, out: Uint8Array): number
  /**
   * Like encode(), and also fills `index` (capacity as `out`, plus one):
   * index[b] is the UTF-16 index of the character starting at byte b, or -1
   * when byte b is inside a character; index[length] = text.length.
   */
  encodeIndexed(text: string, out: Uint8Array, index: Int32Array): number
  /** Decodes bytes[start, end). */
  decode(bytes: Uint8Array, start: number, end: number): string
}

// ignoreBOM: keep a leading U+FEFF like Java's decoder does.
const utf8Decoder = new TextDecoder('utf-8', { ignoreBOM: true })

export const UTF8: DictCharset = {
  name: 'UTF-8',
  maxBytesPerChar: 3,
  encode(text, out) {
    let p = 0
    const n = text.length
    for (let i = 0; i < n; i++) {
      let c = text.charCodeAt(i)
      if (c < 0x80) {
        out[p++] = c
      } else if (c < 0x800) {
        out[p++] = 0xc0 | (c >> 6)
        out[p++] = 0x80 | (c & 0x3f)
      } else if (c < 0xd800 || c > 0xdfff) {
        out[p++] = 0xe0 | (c >> 12)
        out[p++] = 0x80 | ((c >> 6) & 0x3f)
        out[p++] = 0x80 | (c & 0x3f)
      } else {
        // Surrogates: only a high surrogate followed by a low one is valid.
        if (c > 0xdbff || i + 1 >= n) return -1
        const d = text.charCodeAt(i + 1)
        if (d < 0xdc00 || d > 0xdfff) return -1
        i++
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00)
        out[p++] = 0xf0 | (c >> 18)
        out[p++] = 0x80 | ((c >> 12) & 0x3f)
        out[p++] = 0x80 | ((c >> 6) & 0x3f)
        out[p++] = 0x80 | (c & 0x3f)
      }
    }
    return p
  },
  encodeIndexed(text, out, index) {
    let p = 0
    const n = text.length
    for (let i = 0; i < n; i++) {
      let c = text.charCodeAt(i)
      index[p] = i
      if (c < 0x80) {
        out[p++] = c
      } else if (c < 0x800) {
        index[p + 1] = -1
        out[p++] = 0xc0 | (c >> 6)
        out[p++] = 0x80 | (c & 0x3f)
      } else if (c < 0xd800 || c > 0xdfff) {
        index[p + 1] = -1
        index[p + 2] = -1
        out[p++] = 0xe0 | (c >> 12)
        out[p++] = 0x80 | ((c >> 6) & 0x3f)
        out[p++] = 0x80 | (c & 0x3f)
      } else {
        if (c > 0xdbff || i + 1 >= n) return -1
        const d = text.charCodeAt(i + 1)
        if (d < 0xdc00 || d > 0xdfff) return -1
        i++
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00)
        index[p + 1] = -1
        index[p + 2] = -1
        index[p + 3] = -1
        out[p++] = 0xf0 | (c >> 18)
        out[p++] = 0x80 | ((c >> 12) & 0x3f)
        out[p++] = 0x80 | ((c >> 6) & 0x3f)
        out[p++] = 0x80 | (c & 0x3f)
      }
    }
    index[p] = n
    return p
  },
  decode(bytes, start, end) {
    // Short, mostly ASCII strings: a manual loop beats TextDecoder's call cost.
    if (end - start > 64) return utf8Decoder.decode(bytes.subarray(start, end))
    let s = ''
    for (let i = start; i < end; ) {
      const b = bytes[i]!
      if (b < 0x80) {
        s += String.fromCharCode(b)
        i++
      } else if ((b & 0xe0) === 0xc0 && i + 1 < end && (bytes[i + 1]! & 0xc0) === 0x80 && b >= 0xc2) {
        s += String.fromCharCode(((b & 0x1f) << 6) | (bytes[i + 1]! & 0x3f))
        i += 2
      } else {
        // Three/four-byte or malformed sequences: defer to the full decoder.
        return s + utf8Decoder.decode(bytes.subarray(i, end))
      }
    }
    return s
  },
}

function singleByte(name: string, table: readonly number[], maxByte = 0xff): DictCharset {
  const reverse = new Map<number, number>()
  for (let b = 0; b <= maxByte; b++) {
    const c = table[b]!
    if (c >= 0 && !reverse.has(c)) reverse.set(c, b)
  }
  const encode = (text: string, out: Uint8Array): number => {
    for (let i = 0; i < text.length; i++) {
      const b = reverse.get(text.charCodeAt(i))
      if (b === undefined) return -1
      out[i] = b
    }
    return text.length
  }
  return {
    name,
    maxBytesPerChar: 1,
    encode,
    encodeIndexed(text, out, index) {
      const n = encode(text, out)
      for (let i = 0; i <= n; i++) index[i] = i
      return n
    },
    decode(bytes, start, end) {
      let s = ''
      for (let i = start; i < end; i++) {
        const c = table[bytes[i]!]!
        s += c >= 0 ? String.fromCharCode(c) : '\ufffd'
      }
      return s
    },
  }
}

const identity = Array.from({ length: 256 }, (_, i) => i)

/** Java's names and common aliases → canonical key. */
function canonical(name: string): string {
  return name.trim().toLowerCase().replace(/[_\s]/g, '-')
}

const cache = new Map<string, DictCharset>()

/**
 * Resolves a Java charset name. UTF-8, ISO-8859-1 and US-ASCII are built in;
 * other single-byte charsets (ISO-8859-2, windows-1250, …) are derived from
 * the platform's TextDecoder tables.
 */
export function charsetForName(name: string): DictCharset {
  const key = canonical(name)
  const hit = cache.get(key)
  if (hit) return hit
  let cs: DictCharset
  if (key === 'utf-8' || key === 'utf8') {
    cs = UTF8
  } else if (['iso-8859-1', 'iso8859-1', 'latin1', 'iso-latin-1', 'l1', 'cp819', 'ibm819', '8859-1'].includes(key)) {
    // WHATWG maps "latin1" to windows-1252; Java's ISO-8859-1 is the identity.
    cs = singleByte('ISO-8859-1', identity)
  } else if (['us-ascii', 'ascii', 'iso646-us', 'ascii7', '646'].includes(key)) {
    cs = singleByte('US-ASCII', identity.map((c) => (c < 0x80 ? c : -1)))
  } else {
    let decoder: TextDecoder
    try {
      decoder = new TextDecoder(key.replace(/^(iso)(\d)/, '$1-$2').replace(/^cp(12\d\d)$/, 'windows-$1'), { fatal: true })
    } catch {
      throw new Error(`Encoding not supported: ${name}`)
    }
    const table: number[] = []
    for (let b = 0; b < 256; b++) {
      try {
        const s = decoder.decode(Uint8Array.of(b))
        table.push(s.length === 1 ? s.charCodeAt(0) : -1)
      } catch {
        table.push(-1)
      }
    }
    // A multi-byte charset would decode lead bytes as errors; refuse those.
    if (table.filter((c) => c < 0).length > 64) throw new Error(`Encoding not supported (not single-byte): ${name}`)
    cs = singleByte(decoder.encoding.toUpperCase(), table)
  }
  cache.set(key, cs)
  return cs
}
