/**
 * @module
 * The JSX runtime of the server's pages (tsconfig `jsxImportSource: "#jsx"`, package.json
 * `imports`). Each element becomes its HTML when it is created: a string marked as escaped,
 * the value Hono's `raw()` gives, so a page is string concatenation and nothing else.
 *
 * Hono's runtime, used before, builds a tree and renders it later, gives <title>, <meta>,
 * <link> and form elements React-19-style behaviour (hoisting into <head>, de-duplication,
 * form actions) and keeps a render context in an AsyncLocalStorage. On Node.js 20 that storage
 * turns on async hooks for the whole process at the first render, and then every promise
 * pays for them. Pages here use none of it. The types stay Hono's (`JSX`), the HTML is the
 * same: the escaping, attribute and void-element rules below are Hono's (but for HTML given as
 * an attribute value, which is escaped here).
 */
import { raw } from 'hono/html'
import type { HtmlEscapedString } from 'hono/utils/html'
import { escapeHtml } from '../html.js'

export type { JSX } from 'hono/jsx/jsx-runtime'

type Props = Record<string, unknown> & { children?: unknown }
type Component = (props: Props) => unknown

const VOID_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr'])
const BOOLEAN_ATTRIBUTES = new Set([
  'allowfullscreen', 'async', 'autofocus', 'autoplay', 'checked', 'controls', 'default', 'defer', 'disabled', 'download',
  'formnovalidate', 'hidden', 'inert', 'ismap', 'itemscope', 'loop', 'multiple', 'muted', 'nomodule', 'novalidate', 'open',
  'playsinline', 'readonly', 'required', 'reversed', 'selected',
])
/** React's property names for attributes whose HTML name differs. */
const ATTRIBUTE_NAMES: Record<string, string> = {
  className: 'class',
  htmlFor: 'for',
  crossOrigin: 'crossorigin',
  httpEquiv: 'http-equiv',
  itemProp: 'itemprop',
  fetchPriority: 'fetchpriority',
  noModule: 'nomodule',
  formAction: 'formaction',
}
// Names that could break out of the tag are dropped, as Hono drops them.
const INVALID_NAME = /[\s"'<>/=`\\\x00-\x1f\x7f-\x9f]/

function isEscaped(value: unknown): value is HtmlEscapedString {
  return typeof value === 'object' && value !== null && (value as { isEscaped?: unknown }).isEscaped === true
}

function childrenHtml(child: unknown): string {
  if (typeof child === 'string') return escapeHtml(child)
  if (child === null || child === undefined || typeof child === 'boolean') return ''
  if (typeof child === 'number') return String(child)
  if (Array.isArray(child)) {
    let html = ''
    for (const c of child) html += childrenHtml(c)
    return html
  }
  if (child instanceof Promise) throw new Error('JSX: asynchronous components are not supported (render the data first)')
  if (isEscaped(child)) return String(child)
  return escapeHtml(String(child))
}

function attributesHtml(tag: string, props: Props): string {
  let html = ''
  for (const key in props) {
    if (key === 'children' || key === 'dangerouslySetInnerHTML') continue
    const value = props[key]
    if (value === null || value === undefined || key === 'ref') continue
    const name = ATTRIBUTE_NAMES[key] ?? key
    if (name === '' || INVALID_NAME.test(name)) continue
    if (typeof value === 'boolean' && BOOLEAN_ATTRIBUTES.has(name)) {
      if (value) html += ` ${name}=""`
    } else if (typeof value === 'function') {
      if (!name.startsWith('on')) throw new Error(`JSX: a function given as '${key}' of <${tag}>`)
    } else if (typeof value === 'number') {
      html += ` ${name}="${value}"`
    } else if (typeof value === 'object' && key === 'style' && !isEscaped(value)) {
      throw new Error(`JSX: style objects are not supported (<${tag}>): write the CSS text`)
    } else {
      // Strings, and HTML too (an element, raw()): what is safe between tags may still end a
      // quoted value, so an attribute is always escaped (Hono passes raw() through here).
      html += ` ${name}="${escapeHtml(String(value))}"`
    }
  }
  return html
}

export function jsx(tag: string | Component, props: Props): HtmlEscapedString {
  if (typeof tag === 'function') {
    const result = tag(props)
    if (result instanceof Promise) throw new Error(`JSX: ${tag.name || 'a component'} is asynchronous (render the data first)`)
    return isEscaped(result) ? result : raw(childrenHtml(result))
  }
  if (INVALID_NAME.test(tag) || tag.startsWith('!') || tag.startsWith('?')) throw new Error(`JSX: invalid tag name ${tag}`)
  const inner = props.dangerouslySetInnerHTML as { __html?: string } | undefined
  const content = inner?.__html !== undefined ? inner.__html : childrenHtml(props.children)
  const open = `<${tag}${attributesHtml(tag, props)}`
  if (VOID_ELEMENTS.has(tag) && inner === undefined && isEmpty(props.children)) return raw(`${open}/>`)
  return raw(`${open}>${content}</${tag}>`)
}

function isEmpty(children: unknown): boolean {
  return children === undefined || (Array.isArray(children) && children.length === 0)
}

export { jsx as jsxs, jsx as jsxDEV }

export function Fragment(props: { children?: unknown }): HtmlEscapedString {
  return raw(childrenHtml(props.children))
}
