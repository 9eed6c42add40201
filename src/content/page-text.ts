/**
 * @module
 * Static pages ("O nas", "Kontakt") are edited in the newsroom as plain text with a little
 * Markdown, converted to the block document and back:
 *
 * ```
 * ## Nagłówek              (### and #### for lower levels)
 * Akapit z **pogrubieniem**, *kursywą*, ~~skreśleniem~~ i [linkiem](https://…).
 * Pojedynczy enter to złamanie wiersza; pusta linia zaczyna nowy akapit.
 * - punkt listy            (1. for a numbered list)
 * > cytat
 * > — autor cytatu
 * ---                      (a divider)
 * ![opis zdjęcia](media:12 "podpis")
 * [[blok:ab12cd]]          (a block the text cannot show, e.g. a fact box: kept as it is)
 * ```
 * A backslash keeps a special character as it is (`\*`). Superscript and subscript marks are
 * not written in the text; every other block and mark survives a round trip.
 */
import type { Block, BlockDocument, Inline, Mark } from './document.js'

const SAFE_HREF = /^(https?:\/\/|mailto:|\/(?!\/)|#)/i

export interface PageTextError {
  /** 1-based line of the problem. */
  line: number
  code: 'linkUnsafe' | 'unknownBlock' | 'imageInvalid'
  detail: string
}

// ── text → document ──────────────────────────────────────────────────────────

/** Inline markup of one block's text (newlines become hard breaks). */
export function parseInline(text: string, errors: PageTextError[] = [], line = 1): Inline[] {
  const out: Inline[] = []
  const state = { bold: false, italic: false, strike: false }
  let buffer = ''
  const marksNow = (link?: string): Mark[] => {
    const marks: Mark[] = []
    if (state.bold) marks.push({ type: 'bold' })
    if (state.italic) marks.push({ type: 'italic' })
    if (state.strike) marks.push({ type: 'strike' })
    if (link !== undefined) marks.push({ type: 'link', attrs: { href: link } })
    return marks
  }
  const flush = (link?: string) => {
    if (!buffer) return
    const marks = marksNow(link)
    out.push(marks.length ? { type: 'text', text: buffer, marks } : { type: 'text', text: buffer })
    buffer = ''
  }
  const run = (s: string, link?: string) => {
    for (let i = 0; i < s.length; i++) {
      const ch = s[i]!
      if (ch === '\\' && i + 1 < s.length) {
        buffer += s[++i]
      } else if (ch === '\n') {
        flush(link)
        out.push({ type: 'hardBreak' })
      } else if (s.startsWith('**', i)) {
        flush(link)
        state.bold = !state.bold
        i++
      } else if (s.startsWith('~~', i)) {
        flush(link)
        state.strike = !state.strike
        i++
      } else if (ch === '*') {
        flush(link)
        state.italic = !state.italic
      } else if (ch === '[' && link === undefined) {
        const close = findClose(s, i + 1, ']')
        const parenEnd = close >= 0 && s[close + 1] === '(' ? findParenClose(s, close + 2) : -1
        if (parenEnd < 0) {
          buffer += ch
          continue
        }
        const href = s.slice(close + 2, parenEnd).trim()
        flush()
        if (!SAFE_HREF.test(href) || href.length > 2000) {
          errors.push({ line, code: 'linkUnsafe', detail: href })
          run(s.slice(i + 1, close))
        } else {
          run(s.slice(i + 1, close), href)
          flush(href)
        }
        i = parenEnd
      } else {
        buffer += ch
      }
    }
    flush(link)
  }
  run(text)
  return out
}

/** The index of the unescaped `ch` from `from`, or -1. */
function findClose(s: string, from: number, ch: string): number {
  for (let i = from; i < s.length; i++) {
    if (s[i] === '\\') i++
    else if (s[i] === ch) return i
  }
  return -1
}

/** The `)` closing a link target from `from`, balancing parentheses inside it (as Markdown does). */
function findParenClose(s: string, from: number): number {
  let depth = 0
  for (let i = from; i < s.length; i++) {
    if (s[i] === '(') depth++
    else if (s[i] === ')' && depth-- === 0) return i
    else if (s[i] === '\n') return -1
  }
  return -1
}

const IMAGE = /^!\[(.*)\]\((media:(\d{1,10})|\S+)(?:\s+"(.*)")?\)$/

/**
 * The document for the text. `current` is the document being edited: `[[blok:id]]` lines
 * take their block from it. Errors name the line; the document is returned anyway.
 */
export function textToDocument(text: string, current?: BlockDocument): { doc: BlockDocument; errors: PageTextError[] } {
  const errors: PageTextError[] = []
  const kept = new Map((current?.content ?? []).filter((b) => b.attrs?.id).map((b) => [b.attrs!.id!, b]))
  const lines = text.replace(/\r\n?/g, '\n').split('\n')
  const content: Block[] = []
  let i = 0
  while (i < lines.length) {
    if (lines[i]!.trim() === '') {
      i++
      continue
    }
    const start = i
    const chunk: string[] = []
    while (i < lines.length && lines[i]!.trim() !== '') chunk.push(lines[i++]!.replace(/\s+$/, ''))
    const line = start + 1
    const first = chunk[0]!.trimStart()
    const heading = /^(#{2,4})\s+(.*)$/.exec(first)
    if (chunk.length === 1 && heading) {
      content.push({ type: 'heading', attrs: { level: heading[1]!.length as 2 | 3 | 4 }, content: parseInline(heading[2]!, errors, line) })
    } else if (chunk.length === 1 && /^-{3,}$/.test(first)) {
      content.push({ type: 'divider' })
    } else if (chunk.length === 1 && /^\[\[blok:([A-Za-z0-9_-]{1,64})\]\]$/.test(first)) {
      const id = /^\[\[blok:(.+)\]\]$/.exec(first)![1]!
      const block = kept.get(id)
      if (block) content.push(block)
      else errors.push({ line, code: 'unknownBlock', detail: id })
    } else if (chunk.length === 1 && first.startsWith('![')) {
      const m = IMAGE.exec(first)
      const src = m?.[3] ? null : (m?.[2] ?? '')
      if (!m || (src !== null && !SAFE_HREF.test(src))) {
        errors.push({ line, code: 'imageInvalid', detail: first })
      } else {
        content.push({ type: 'image', attrs: { mediaId: m[3] ? Number(m[3]) : null, src, alt: unescape(m[1]!), caption: unescape(m[4] ?? ''), credit: '' } })
      }
    } else if (chunk.every((l) => /^\s*[-*]\s+/.test(l)) || chunk.every((l) => /^\s*\d+[.)]\s+/.test(l))) {
      const ordered = /^\s*\d/.test(chunk[0]!)
      content.push({
        type: 'list',
        attrs: { ordered },
        content: chunk.map((l, n) => ({ type: 'listItem' as const, content: parseInline(l.replace(/^\s*(?:[-*]|\d+[.)])\s+/, ''), errors, line + n) })),
      })
    } else if (chunk.every((l) => /^\s*>/.test(l))) {
      const body = chunk.map((l) => l.replace(/^\s*>\s?/, ''))
      let attribution = ''
      if (body.length > 1 && /^[—–-]\s+/.test(body.at(-1)!)) attribution = body.pop()!.replace(/^[—–-]\s+/, '')
      content.push({ type: 'quote', attrs: { attribution }, content: parseInline(body.join('\n'), errors, line) })
    } else {
      content.push({ type: 'paragraph', content: parseInline(chunk.join('\n'), errors, line) })
    }
  }
  return { doc: { type: 'doc', content }, errors }
}

function unescape(s: string): string {
  return s.replace(/\\(.)/g, '$1')
}

// ── document → text ──────────────────────────────────────────────────────────

function escapeText(s: string): string {
  return s.replace(/[\\*~[\]]/g, (ch) => `\\${ch}`)
}

export function inlineToText(content: readonly Inline[] | undefined): string {
  let out = ''
  for (const node of content ?? []) {
    if (node.type === 'hardBreak') {
      out += '\n'
      continue
    }
    const marks = node.marks ?? []
    const has = (t: Mark['type']) => marks.some((m) => m.type === t)
    const link = marks.find((m): m is Extract<Mark, { type: 'link' }> => m.type === 'link')
    const open = `${has('bold') ? '**' : ''}${has('italic') ? '*' : ''}${has('strike') ? '~~' : ''}`
    const close = `${has('strike') ? '~~' : ''}${has('italic') ? '*' : ''}${has('bold') ? '**' : ''}`
    const body = `${open}${escapeText(node.text)}${close}`
    out += link ? `[${body}](${link.attrs.href})` : body
  }
  return out
}

/** The text a page's document is edited as. */
export function documentToText(doc: BlockDocument): string {
  const parts: string[] = []
  for (const block of doc.content) {
    switch (block.type) {
      case 'paragraph':
        // A paragraph that would read as another block is written with a leading escape.
        parts.push(inlineToText(block.content).replace(/^(#|>|-|\d+[.)]\s|!\[|\[\[)/, '\\$1'))
        break
      case 'heading':
        parts.push(`${'#'.repeat(block.attrs.level)} ${inlineToText(block.content)}`)
        break
      case 'list':
        parts.push(block.content.map((item, n) => `${block.attrs?.ordered ? `${n + 1}.` : '-'} ${inlineToText(item.content).replace(/\n/g, ' ')}`).join('\n'))
        break
      case 'quote': {
        const lines = inlineToText(block.content).split('\n').map((l) => `> ${l}`)
        if (block.attrs?.attribution) lines.push(`> — ${block.attrs.attribution}`)
        parts.push(lines.join('\n'))
        break
      }
      case 'divider':
        parts.push('---')
        break
      case 'image':
        if (!block.attrs.credit && (block.attrs.mediaId !== null || block.attrs.src)) {
          const target = block.attrs.mediaId !== null ? `media:${block.attrs.mediaId}` : block.attrs.src!
          const caption = block.attrs.caption ? ` "${block.attrs.caption.replace(/"/g, '”')}"` : ''
          parts.push(`![${escapeText(block.attrs.alt)}](${target}${caption})`)
          break
        }
        parts.push(`[[blok:${block.attrs.id ?? ''}]]`)
        break
      default:
        // Embeds and fact boxes are kept by reference (the text cannot show them).
        parts.push(`[[blok:${block.attrs?.id ?? ''}]]`)
    }
  }
  return parts.join('\n\n')
}
