/**
 * @module
 * A tiny XML writer for feeds and sitemaps. Strings are always escaped; only `Xml` values
 * (built by `el`) are written as markup, so a hostile headline cannot become an element.
 * Characters XML 1.0 forbids (control characters, lone surrogates) are dropped, so the
 * output stays well formed whatever the newsroom typed or a wire feed delivered.
 *
 * Elements are kept as a tree and written out once, at the end: a feed of full texts
 * (≈ 150 KB) was copied anew at every level of nesting before.
 */
import { KeptStrings } from '../../platform/kept-strings.js'

/** Everything outside XML 1.0's Char production. */
const INVALID_XML_CHARS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu

/**
 * A quick test for text that may hold such characters: any control character but tab and
 * line breaks, any surrogate (also the valid pairs of emoji: those take the exact path),
 * U+FFFE and U+FFFF. Nearly all text has none, and is then neither copied nor matched
 * code point by code point (the `u` replace was a tenth of a feed render).
 */
const MAYBE_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/

const SPECIAL = /[&<>"']/
const SPECIALS = /[&<>"']/g
const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' }

/** Drops characters that may not appear in an XML 1.0 document. */
export function xmlSafe(text: string): string {
  return MAYBE_INVALID.test(text) ? text.replace(INVALID_XML_CHARS, '') : text
}

function escapeNow(text: string): string {
  const safe = xmlSafe(text)
  return SPECIAL.test(safe) ? safe.replace(SPECIALS, (c) => TEXT_ESCAPES[c]!) : safe
}

/**
 * Long texts (the HTML of story bodies, the same in every feed render until the story
 * changes) are kept escaped, by text, up to 2 MB of keys and values; escaping is a pure
 * function of the text.
 */
const KEPT_MIN_CHARS = 1024
const keptEscapes = new KeptStrings(2 * 1024 * 1024)

/** Escapes text for element content and quoted attribute values (the text itself when nothing needs it). */
export function escapeXml(text: string): string {
  if (text.length < KEPT_MIN_CHARS) return escapeNow(text)
  const kept = keptEscapes.get(text)
  if (kept !== undefined) return kept
  const escaped = escapeNow(text)
  keptEscapes.set(text, escaped)
  return escaped
}

/** Serialized markup; only `el` and `rawXml` make one. */
export class Xml {
  /**
   * @param head the opening tag without its `>` (or, with no `name`, the whole markup)
   * @param parts escaped text and child elements; null for a raw fragment
   */
  private constructor(
    private readonly head: string,
    private readonly name: string,
    private readonly parts: ReadonlyArray<Xml | string> | null,
    private readonly elementsOnly: boolean,
  ) {}

  /** @internal */
  static element(head: string, name: string, parts: ReadonlyArray<Xml | string>, elementsOnly: boolean): Xml {
    return new Xml(head, name, parts, elementsOnly)
  }

  /** @internal */
  static raw(markup: string): Xml {
    return new Xml(markup, '', null, false)
  }

  /** The markup as one string. */
  get value(): string {
    const out: string[] = []
    this.writeTo(out)
    return out.join('')
  }

  toString(): string {
    return this.value
  }

  /** @internal Appends the markup's pieces to `out` (joined once by the caller). */
  writeTo(out: string[]): void {
    const parts = this.parts
    if (parts === null) {
      out.push(this.head)
      return
    }
    if (parts.length === 0) {
      out.push(this.head, '/>')
      return
    }
    const lines = this.elementsOnly
    out.push(this.head, lines ? '>\n' : '>')
    for (let i = 0; i < parts.length; i++) {
      if (lines && i > 0) out.push('\n')
      const part = parts[i]!
      if (typeof part === 'string') out.push(part)
      else part.writeTo(out)
    }
    out.push(lines ? '\n</' : '</', this.name, '>')
  }
}

/** Markup the caller vouches for (tests, constants). */
export function rawXml(markup: string): Xml {
  return Xml.raw(markup)
}

export type XmlAttrs = Record<string, string | number | null | undefined>
export type XmlChild = Xml | string | number | null | undefined | false | readonly XmlChild[]

function flatten(children: readonly XmlChild[], out: Array<Xml | string>): boolean {
  let elementsOnly = true
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue
    if (Array.isArray(child)) elementsOnly = flatten(child, out) && elementsOnly
    else if (child instanceof Xml) out.push(child)
    else {
      out.push(escapeXml(String(child)))
      elementsOnly = false
    }
  }
  return elementsOnly
}

/**
 * An element. Attributes with null/undefined values are left out; string children are
 * escaped text; element-only content is put one child per line for readability.
 */
export function el(name: string, attrs: XmlAttrs | null, ...children: XmlChild[]): Xml {
  let open = `<${name}`
  if (attrs) {
    for (const key in attrs) {
      const value = attrs[key]
      if (value === null || value === undefined) continue
      open += ` ${key}="${escapeXml(String(value))}"`
    }
  }
  const parts: Array<Xml | string> = []
  const elementsOnly = flatten(children, parts)
  return Xml.element(open, name, parts, elementsOnly)
}

/** A serialized document: UTF-8 bytes. */
export type XmlBytes = Buffer<ArrayBuffer>

/**
 * A complete document with its XML declaration, as UTF-8 bytes: its pieces are encoded one
 * by one into a buffer of the exact size, without a string of the whole document first (a
 * feed of full texts is ≈ 300 KB as a string, and that string was then encoded anyway).
 */
export function xmlDocument(root: Xml): XmlBytes {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>\n']
  root.writeTo(out)
  out.push('\n')
  let bytes = 0
  for (const piece of out) bytes += Buffer.byteLength(piece)
  const buffer = Buffer.allocUnsafe(bytes)
  let at = 0
  for (const piece of out) at += buffer.write(piece, at)
  return buffer
}
