// Dictionary metadata (the `.info` file next to a `.dict`): a Java
// properties file with `fsa.dict.*` keys. Validation follows morfologik's
// DictionaryMetadata: unknown keys, missing required keys and malformed
// values are errors.
import { charsetForName, type DictCharset } from './charset.js'

export type EncoderType = 'NONE' | 'SUFFIX' | 'PREFIX' | 'INFIX'
export const ENCODER_TYPES: readonly EncoderType[] = ['SUFFIX', 'PREFIX', 'INFIX', 'NONE']

export interface DictionaryMetadata {
  /** All properties as read. */
  readonly attributes: ReadonlyMap<string, string>
  /** fsa.dict.separator as a UTF-16 code unit … */
  readonly separatorChar: string
  /** … and as the byte it encodes to. */
  readonly separator: number
  readonly encoding: string
  readonly charset: DictCharset
  readonly encoder: EncoderType
  /** fsa.dict.frequency-included (informational: the raw lookup keeps it in the tag). */
  readonly frequencyIncluded: boolean
  /** fsa.dict.input-conversion, applied to the word before lookup, in order. */
  readonly inputConversion: ReadonlyArray<readonly [string, string]>
  /** fsa.dict.output-conversion (affects only the echoed word in Java, not stems). */
  readonly outputConversion: ReadonlyArray<readonly [string, string]>
}

const BOOLEAN_KEYS = new Set([
  'fsa.dict.frequency-included',
  'fsa.dict.speller.ignore-numbers',
  'fsa.dict.speller.ignore-punctuation',
  'fsa.dict.speller.ignore-camel-case',
  'fsa.dict.speller.ignore-all-uppercase',
  'fsa.dict.speller.ignore-diacritics',
  'fsa.dict.speller.convert-case',
  'fsa.dict.speller.runon-words',
])

const PAIR_KEYS = new Set([
  'fsa.dict.input-conversion',
  'fsa.dict.output-conversion',
  'fsa.dict.speller.replacement-pairs',
  'fsa.dict.speller.equivalent-chars',
])

const KNOWN_KEYS = new Set([
  'fsa.dict.separator',
  'fsa.dict.encoding',
  'fsa.dict.encoder',
  'fsa.dict.speller.locale',
  'fsa.dict.license',
  'fsa.dict.author',
  'fsa.dict.created',
  ...BOOLEAN_KEYS,
  ...PAIR_KEYS,
])

export class DictionaryMetadataError extends Error {
  override name = 'DictionaryMetadataError'
}

// ---------------------------------------------------------------------------
// java.util.Properties text format

function isWs(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\f'
}

/** Splits into logical lines: joins continuation lines, drops comments and blanks. */
function logicalLines(text: string): string[] {
  const physical = text.split(/\r\n|\r|\n/)
  const out: string[] = []
  let acc: string | null = null
  for (const raw of physical) {
    let line = raw
    if (acc === null) {
      let i = 0
      while (i < line.length && isWs(line[i]!)) i++
      if (i === line.length) continue
      if (line[i] === '#' || line[i] === '!') continue
      line = line.slice(i)
    } else {
      // Leading white space of continuation lines is discarded.
      let i = 0
      while (i < line.length && isWs(line[i]!)) i++
      line = line.slice(i)
    }
    let backslashes = 0
    for (let j = line.length - 1; j >= 0 && line[j] === '\\'; j--) backslashes++
    const continued = backslashes % 2 === 1
    const body = continued ? line.slice(0, -1) : line
    acc = acc === null ? body : acc + body
    if (!continued) {
      out.push(acc)
      acc = null
    }
  }
  if (acc !== null) out.push(acc)
  return out
}

function unescape(s: string): string {
  if (!s.includes('\\')) return s
  let out = ''
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!
    if (c !== '\\' || i + 1 >= s.length) {
      out += c
      continue
    }
    const n = s[++i]!
    if (n === 'u') {
      const hex = s.slice(i + 1, i + 5)
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new DictionaryMetadataError('Malformed \\uxxxx encoding.')
      out += String.fromCharCode(parseInt(hex, 16))
      i += 4
    } else if (n === 't') out += '\t'
    else if (n === 'n') out += '\n'
    else if (n === 'r') out += '\r'
    else if (n === 'f') out += '\f'
    else out += n
  }
  return out
}

/** Parses text in java.util.Properties format (later keys win). */
export function parseJavaProperties(text: string): Map<string, string> {
  const props = new Map<string, string>()
  for (const line of logicalLines(text)) {
    // The key ends at the first unescaped '=', ':' or white space.
    let i = 0
    for (; i < line.length; i++) {
      const c = line[i]!
      if (c === '\\') {
        i++
        continue
      }
      if (c === '=' || c === ':' || isWs(c)) break
    }
    const key = line.slice(0, Math.min(i, line.length))
    let j = i
    while (j < line.length && isWs(line[j]!)) j++
    if (j < line.length && (line[j] === '=' || line[j] === ':')) j++
    while (j < line.length && isWs(line[j]!)) j++
    props.set(unescape(key), unescape(line.slice(j)))
  }
  return props
}

// ---------------------------------------------------------------------------

/** Java's String.split: trailing empty strings are removed. */
function javaSplit(s: string, re: RegExp): string[] {
  const parts = s.split(re)
  if (parts.length > 1) while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop()
  return parts
}

function parsePairs(key: string, value: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = []
  const seen = new Set<string>()
  for (const pair of javaSplit(value, /,\s*/)) {
    const two = javaSplit(pair.trim(), / /)
    if (two.length !== 2) throw new DictionaryMetadataError(`Attribute ${key} is not in the proper format: ${value}`)
    const [from, to] = two as [string, string]
    if (seen.has(from)) {
      throw new DictionaryMetadataError(`Input conversion cannot specify different values for the same input string: ${from}`)
    }
    seen.add(from)
    pairs.push([from, to])
  }
  return pairs
}

function parseBoolean(key: string, value: string): boolean {
  const v = value.toLowerCase()
  if (v === 'true' || v === 'yes' || v === 'on') return true
  if (v === 'false' || v === 'no' || v === 'off') return false
  throw new DictionaryMetadataError(`Not a boolean value: ${v} (${key})`)
}

/** Builds validated metadata from the text of a `.info` file. */
export function parseDictionaryMetadata(infoText: string): DictionaryMetadata {
  const props = parseJavaProperties(infoText)

  if (!props.has('fsa.dict.encoder')) {
    const deprecated = ['fsa.dict.uses-suffixes', 'fsa.dict.uses-infixes', 'fsa.dict.uses-prefixes'].some((k) => props.has(k))
    const bool = (k: string, d: string) => (props.get(k) ?? d).toLowerCase() === 'true'
    const enc: EncoderType = bool('fsa.dict.uses-infixes', 'false')
      ? 'INFIX'
      : bool('fsa.dict.uses-prefixes', 'false')
        ? 'PREFIX'
        : bool('fsa.dict.uses-suffixes', 'true')
          ? 'SUFFIX'
          : 'NONE'
    throw new DictionaryMetadataError(
      deprecated
        ? `Deprecated encoder keys in metadata. Use fsa.dict.encoder=${enc}`
        : `Use an explicit fsa.dict.encoder=${enc} metadata key`,
    )
  }

  for (const key of props.keys()) {
    if (!KNOWN_KEYS.has(key)) throw new DictionaryMetadataError(`No attribute for property: ${key}`)
  }
  for (const key of BOOLEAN_KEYS) {
    const v = props.get(key)
    if (v !== undefined) parseBoolean(key, v)
  }
  const missing = ['fsa.dict.separator', 'fsa.dict.encoder', 'fsa.dict.encoding'].filter((k) => !props.has(k))
  if (missing.length > 0) {
    throw new DictionaryMetadataError(`At least one the required attributes was not provided: ${missing.join(', ')}`)
  }

  const sep = props.get('fsa.dict.separator')!
  if (sep.length !== 1) throw new DictionaryMetadataError('Attribute fsa.dict.separator must be a single character.')
  const sepCode = sep.charCodeAt(0)
  if (sepCode >= 0xd800 && sepCode <= 0xdfff) {
    throw new DictionaryMetadataError(`Field separator character cannot be part of a surrogate pair: ${sep}`)
  }

  const encoding = props.get('fsa.dict.encoding')!
  let charset: DictCharset
  try {
    charset = charsetForName(encoding)
  } catch (err) {
    throw new DictionaryMetadataError(`Encoding not supported: ${encoding} (${(err as Error).message})`)
  }
  const sepBytes = new Uint8Array(4)
  const sepLen = charset.encode(sep, sepBytes)
  if (sepLen < 0) throw new DictionaryMetadataError(`Separator character cannot be converted to a byte in ${encoding}: ${sep}`)
  if (sepLen !== 1) throw new DictionaryMetadataError(`Separator character is not a single byte in encoding ${encoding}: ${sep}`)

  const encoderName = props.get('fsa.dict.encoder')!.trim().toUpperCase()
  if (!(ENCODER_TYPES as readonly string[]).includes(encoderName)) {
    throw new DictionaryMetadataError(
      `Invalid encoder name '${props.get('fsa.dict.encoder')!.trim()}', only these coders are valid: [${ENCODER_TYPES.join(', ')}]`,
    )
  }

  const pairsOf = (key: string) => {
    const v = props.get(key)
    return v === undefined ? [] : parsePairs(key, v)
  }
  // Validated like Java even though a lookup does not use them.
  const rp = props.get('fsa.dict.speller.replacement-pairs')
  if (rp !== undefined) {
    for (const pair of javaSplit(rp, /,\s*/)) {
      if (javaSplit(pair.trim(), / /).length !== 2) {
        throw new DictionaryMetadataError(`Attribute fsa.dict.speller.replacement-pairs is not in the proper format: ${rp}`)
      }
    }
  }
  const eq = props.get('fsa.dict.speller.equivalent-chars')
  if (eq !== undefined) {
    for (const pair of javaSplit(eq, /,\s*/)) {
      const two = javaSplit(pair.trim(), / /)
      if (two.length !== 2 || two[0]!.length !== 1 || two[1]!.length !== 1) {
        throw new DictionaryMetadataError(`Attribute fsa.dict.speller.equivalent-chars is not in the proper format: ${eq}`)
      }
    }
  }

  const freq = props.get('fsa.dict.frequency-included')
  return {
    attributes: props,
    separatorChar: sep,
    separator: sepBytes[0]!,
    encoding,
    charset,
    encoder: encoderName as EncoderType,
    frequencyIncluded: freq === undefined ? false : parseBoolean('fsa.dict.frequency-included', freq),
    inputConversion: pairsOf('fsa.dict.input-conversion'),
    outputConversion: pairsOf('fsa.dict.output-conversion'),
  }
}
