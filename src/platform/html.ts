/**
 * @module
 * HTML responses from JSX. Our JSX runtime (src/platform/jsx/jsx-runtime.ts) gives each
 * element as its finished HTML, so a response is that string: Hono's `c.html()` would treat
 * the element as an object to resolve through its own renderer.
 */
import type { Context } from 'hono'
import type { JSX } from 'hono/jsx/jsx-runtime'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** Escapes text for element content and double- or single-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!)
}

/** The HTML of a JSX element (or of a string already escaped, as `raw()` gives). */
export function renderHtml(node: JSX.Element): string {
  if (node instanceof Promise) throw new Error('renderHtml: the element is asynchronous')
  return String(node)
}

/** `c.html()` for a JSX element. */
export function sendHtml(c: Context, node: JSX.Element, status?: ContentfulStatusCode): Response {
  return c.html(renderHtml(node), status) as Response
}
