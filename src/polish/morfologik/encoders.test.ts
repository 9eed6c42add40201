import { describe, expect, it } from 'vitest'

import {
  CorruptEntryError,
  NoDecoder,
  TrimInfixAndSuffixDecoder,
  TrimPrefixAndSuffixDecoder,
  TrimSuffixDecoder,
  decoderFor,
  type SequenceDecoder,
} from './encoders.js'

const enc = new TextEncoder()
const dec = new TextDecoder()

function decode(d: SequenceDecoder, form: string, code: string | Uint8Array): string {
  const src = enc.encode(form)
  const coded = typeof code === 'string' ? enc.encode(code) : code
  const out = new Uint8Array(src.length + coded.length)
  const n = d.decode(src, src.length, coded, coded.length, out)
  return dec.decode(out.subarray(0, n))
}

// The examples documented in morfologik's encoder classes, plus Polish ones
// taken from polish.dict.
describe('sequence decoders', () => {
  it('NONE stores the lemma verbatim', () => {
    expect(NoDecoder.prefixBytes).toBe(0)
    expect(decode(NoDecoder, 'kota', 'kot')).toBe('kot')
  })

  it('SUFFIX: {K}{suffix}', () => {
    expect(TrimSuffixDecoder.prefixBytes).toBe(1)
    expect(decode(TrimSuffixDecoder, 'foo', 'Abar')).toBe('foobar')
    expect(decode(TrimSuffixDecoder, 'foo', 'Dbar')).toBe('bar')
    expect(decode(TrimSuffixDecoder, 'wojny', 'Ba')).toBe('wojna')
    // 255 = remove everything
    expect(decode(TrimSuffixDecoder, 'foo', Uint8Array.of(0x40, 0x78))).toBe('x')
  })

  it('PREFIX: {P}{K}{suffix}', () => {
    expect(TrimPrefixAndSuffixDecoder.prefixBytes).toBe(2)
    expect(decode(TrimPrefixAndSuffixDecoder, 'abc', 'AAd')).toBe('abcd')
    expect(decode(TrimPrefixAndSuffixDecoder, 'abc', 'ADxyz')).toBe('xyz')
    expect(decode(TrimPrefixAndSuffixDecoder, 'nieburmistrzujące', 'DGować')).toBe('burmistrzować')
    expect(decode(TrimPrefixAndSuffixDecoder, 'chmielarstwa', 'ABo')).toBe('chmielarstwo')
    expect(decode(TrimPrefixAndSuffixDecoder, 'abc', Uint8Array.of(0x40, 0x41, 0x7a))).toBe('z')
  })

  it('INFIX: {X}{L}{K}{suffix}', () => {
    expect(TrimInfixAndSuffixDecoder.prefixBytes).toBe(3)
    expect(decode(TrimInfixAndSuffixDecoder, 'ayz', 'AACbc')).toBe('abc')
    expect(decode(TrimInfixAndSuffixDecoder, 'aillent', 'BBCr')).toBe('aller')
    expect(decode(TrimInfixAndSuffixDecoder, 'abc', Uint8Array.of(0x41, 0x40, 0x41, 0x71))).toBe('q')
  })

  it('control bytes wrap modulo 256 like Java bytes', () => {
    // 'A' - 1 = 0x40 → 255 (remove everything); 'A' + 2 = 'C'.
    expect(decode(TrimSuffixDecoder, 'ab', Uint8Array.of(0x43))).toBe('')
  })

  it('rejects codes that point outside the form', () => {
    expect(() => decode(TrimSuffixDecoder, 'ab', 'Zx')).toThrow(CorruptEntryError)
    expect(() => decode(TrimPrefixAndSuffixDecoder, 'ab', 'A')).toThrow(CorruptEntryError)
    expect(() => decode(TrimInfixAndSuffixDecoder, 'ab', 'ZAA')).toThrow(CorruptEntryError)
  })

  it('recipe() describes the same rebuild as decode()', () => {
    const forms = ['', 'a', 'abc', 'żółw', 'aillent', 'nieburmistrzujące', 'x'.repeat(40)]
    const tails = ['', 'd', 'ować', 'ż']
    for (const d of [NoDecoder, TrimSuffixDecoder, TrimPrefixAndSuffixDecoder, TrimInfixAndSuffixDecoder]) {
      for (const form of forms) {
        const src = enc.encode(form)
        for (const tail of tails) {
          for (let c0 = 0; c0 < 12; c0++) {
            for (const c1 of [0, 1, 3, 255]) {
              const control = [c0, c1, (c0 * 7) % 5].slice(0, d.prefixBytes).map((n) => (n + 0x41) & 0xff)
              const code = Uint8Array.from([...control, ...enc.encode(tail)])
              const r = d.recipe(code)
              const out = new Uint8Array(src.length + code.length)
              let expected: Uint8Array | 'error'
              try {
                expected = out.slice(0, d.decode(src, src.length, code, code.length, out))
              } catch {
                expected = 'error'
              }
              const end = src.length - r.trimEnd
              const valid = r.keepHead <= src.length && (r.from < 0 || r.from <= end)
              const actual = valid
                ? Uint8Array.from([...src.subarray(0, r.keepHead), ...(r.from >= 0 ? src.subarray(r.from, end) : []), ...code.subarray(r.tailStart)])
                : 'error'
              expect(actual).toEqual(expected)
            }
          }
        }
      }
    }
  })

  it('decoderFor maps encoder names', () => {
    expect(decoderFor('NONE')).toBe(NoDecoder)
    expect(decoderFor('SUFFIX')).toBe(TrimSuffixDecoder)
    expect(decoderFor('PREFIX')).toBe(TrimPrefixAndSuffixDecoder)
    expect(decoderFor('INFIX')).toBe(TrimInfixAndSuffixDecoder)
  })
})
