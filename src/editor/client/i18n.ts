/**
 * @module
 * The editor bundle's messages: the page sends the user's language as a JSON block
 * (`#editor-messages`, from src/editor/messages.ts through the admin's catalogue); Polish is
 * the fallback for any key the block lacks.
 */
import { editorPl, type EditorMessageKey } from '../messages.js'

const block = document.getElementById('editor-messages')
const given = (block ? JSON.parse(block.textContent || '{}') : {}) as Partial<Record<EditorMessageKey, string>>

/** The page's language (`<html lang>`), for dates and times. */
export const locale = document.documentElement.lang === 'en' ? 'en-GB' : 'pl-PL'

/** A message with its `{name}` values filled in. */
export function t(key: EditorMessageKey, values: Record<string, string | number> = {}): string {
  const text = given[key] ?? editorPl[key]
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole))
}
