import { describe, expect, it } from 'vitest'

import { charsetForName, UTF8 } from './charset.js'
import { DictionaryMetadataError, parseDictionaryMetadata, parseJavaProperties } from './metadata.js'

const base = 'fsa.dict.separator=;\nfsa.dict.encoding=UTF-8\nfsa.dict.encoder=PREFIX\n'

describe('parseJavaProperties', () => {
  it('handles comments, separators, continuations and escapes', () => {
    const p = parseJavaProperties(
      [
        '# comment',
        '! also a comment',
        '  key1 = value one  ',
        'key2:value2',
        'key3 value3',
        'key4=first \\',
        '     second',
        'key\\=5=a\\tb\\u0105',
        'empty=',
        'fsa.dict.separator=;',
        '',
      ].join('\r\n'),
    )
    expect(Object.fromEntries(p)).toEqual({
      key1: 'value one  ',
      key2: 'value2',
      key3: 'value3',
      key4: 'first second',
      'key=5': 'a\tbą',
      empty: '',
      'fsa.dict.separator': ';',
    })
  })
})

describe('parseDictionaryMetadata', () => {
  it('reads the required attributes', () => {
    const md = parseDictionaryMetadata(base + 'fsa.dict.author=someone\n')
    expect(md.separatorChar).toBe(';')
    expect(md.separator).toBe(0x3b)
    expect(md.encoder).toBe('PREFIX')
    expect(md.charset).toBe(UTF8)
    expect(md.frequencyIncluded).toBe(false)
    expect(md.inputConversion).toEqual([])
  })

  it('normalises the encoder name like Java (trim, upper case)', () => {
    expect(parseDictionaryMetadata(base.replace('PREFIX', ' infix ')).encoder).toBe('INFIX')
  })

  it('parses conversion pairs and booleans', () => {
    const md = parseDictionaryMetadata(
      base + 'fsa.dict.input-conversion=ﬁ fi, ﬂ fl\nfsa.dict.output-conversion=a b\nfsa.dict.frequency-included=yes\n',
    )
    expect(md.inputConversion).toEqual([
      ['ﬁ', 'fi'],
      ['ﬂ', 'fl'],
    ])
    expect(md.outputConversion).toEqual([['a', 'b']])
    expect(md.frequencyIncluded).toBe(true)
  })

  it('rejects what Java rejects', () => {
    const bad = (text: string, re: RegExp) => expect(() => parseDictionaryMetadata(text)).toThrow(re)
    bad(base.replace('fsa.dict.encoding=UTF-8\n', ''), /required attributes/)
    bad(base + 'fsa.dict.unknown=1\n', /No attribute for property/)
    bad(base.replace('PREFIX', 'LZW'), /Invalid encoder name/)
    bad(base.replace('separator=;', 'separator=;;'), /single character/)
    bad(base.replace('separator=;', 'separator=ą'), /not a single byte/)
    bad(base + 'fsa.dict.frequency-included=maybe\n', /Not a boolean/)
    bad(base + 'fsa.dict.input-conversion=a b c\n', /proper format/)
    bad(base + 'fsa.dict.input-conversion=a b, a c\n', /same input string/)
    bad(base.replace('fsa.dict.encoder=PREFIX\n', ''), /explicit fsa.dict.encoder=SUFFIX/)
    bad(base.replace('fsa.dict.encoder=PREFIX\n', 'fsa.dict.uses-prefixes=true\n'), /Deprecated.*PREFIX/)
    bad(base.replace('UTF-8', 'no-such-charset'), /Encoding not supported/)
    expect(() => parseDictionaryMetadata(base + 'x=1')).toThrow(DictionaryMetadataError)
  })

  it('the Polish separator byte cannot occur inside multi-byte UTF-8', () => {
    const out = new Uint8Array(8)
    expect(UTF8.encode(';', out)).toBe(1)
  })
})

describe('charsets', () => {
  it('UTF-8 encodes like Java and refuses lone surrogates', () => {
    const out = new Uint8Array(32)
    for (const s of ['kot', 'żółć', 'ĄĘ€', 'a😀b', '']) {
      const n = UTF8.encode(s, out)
      expect(Buffer.from(out.subarray(0, n)).toString('utf8')).toBe(s)
      expect(UTF8.decode(out, 0, n)).toBe(s)
    }
    expect(UTF8.encode('a\ud800', out)).toBe(-1)
    expect(UTF8.encode('\udc00a', out)).toBe(-1)
    expect(UTF8.encode('\ud800a', out)).toBe(-1)
  })

  it('single-byte charsets', () => {
    const out = new Uint8Array(8)
    const latin1 = charsetForName('ISO-8859-1')
    expect(latin1.encode('é', out)).toBe(1)
    expect(out[0]).toBe(0xe9)
    expect(latin1.encode('ą', out)).toBe(-1)
    const latin2 = charsetForName('iso-8859-2')
    expect(latin2.encode('ą', out)).toBe(1)
    expect(out[0]).toBe(0xb1)
    expect(latin2.decode(Uint8Array.of(0xb1, 0x61), 0, 2)).toBe('ąa')
    expect(charsetForName('US-ASCII').encode('ä', out)).toBe(-1)
    expect(charsetForName('cp1250').encode('ś', out)).toBe(1)
  })
})
