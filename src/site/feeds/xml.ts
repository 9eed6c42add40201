/**
 * @module
 * A tiny XML writer for feeds and sitemaps. Strings are always escaped; only `Xml` values
 * (built by `el`) are written as markup, so a hostile headline cannot become an element.
 * Characters XML 1.0 forbids (control characters, lone surrogates) are dropped, so the
 * output stays well formed whatever the newsroom typed or a wire feed delivered.
 */

/** Everything outside XML 1.0's Char production. */
const INVALID_XML_CHARS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' }

/** Drops characters that may not appear in an XML 1.0 document. */
export function xmlSafe(text: string): string {
  return text.replace(INVALID_XML_CHARS, '')
}

/** Escapes text for element content and quoted attribute values. */
export function escapeXml(text: string): string {
  return xmlSafe(text).replace(/[&<>"']/g, (c) => TEXT_ESCAPES[c]!)
}

/** Serialized markup; only `el` and `rawXml` make one. */
export class Xml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value
  }
}

/** Markup the caller vouches for (tests, constants). */
export function rawXml(markup: string): Xml {
  return new Xml(markup)
}

export type XmlAttrs = Record<string, string | number | null | undefined>
export type XmlChild = Xml | string | number | null | undefined | false | readonly XmlChild[]

function flatten(children: readonly XmlChild[], out: Array<Xml | string>): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue
    if (Array.isArray(child)) flatten(child, out)
    else if (child instanceof Xml) out.push(child)
    else out.push(escapeXml(String(child)))
  }
}

/**
 * An element. Attributes with null/undefined values are left out; string children are
 * escaped text; element-only content is put one child per line for readability.
 */
export function el(name: string, attrs: XmlAttrs | null, ...children: XmlChild[]): Xml {
  let open = `<${name}`
  if (attrs) {
    for (const [key, value] of Object.entries(attrs)) {
      if (value === null || value === undefined) continue
      open += ` ${key}="${escapeXml(String(value))}"`
    }
  }
  const parts: Array<Xml | string> = []
  flatten(children, parts)
  if (parts.length === 0) return new Xml(`${open}/>`)
  const elementsOnly = parts.every((p) => p instanceof Xml)
  const inner = parts.map((p) => (p instanceof Xml ? p.value : p)).join(elementsOnly ? '\n' : '')
  return new Xml(elementsOnly ? `${open}>\n${inner}\n</${name}>` : `${open}>${inner}</${name}>`)
}

/** A complete document with its XML declaration. */
export function xmlDocument(root: Xml): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${root.value}\n`
}
