/**
 * @module
 * The quality gate's findings in the editor (docs/qa.md): each finding's character span is
 * highlighted in place (ProseMirror inline decorations, kept in step with typing until the
 * next save brings fresh findings), blocks with findings on their caption, alt text or
 * credit are outlined, and a panel lists every finding — activating one moves the caret to
 * that block and span (or focuses the form field: headline, lede, SEO fields).
 */
import type { Editor } from '@tiptap/core'
import type { Node as PmNode } from '@tiptap/pm/model'
import { NodeSelection, Plugin, PluginKey, TextSelection } from '@tiptap/pm/state'
import { Decoration, DecorationSet } from '@tiptap/pm/view'
import type { EditorMessageKey } from '../messages.js'
import { t } from './i18n.js'

export interface Finding {
  kind: string
  severity: 'error' | 'warning'
  field: string
  block: string | null
  start: number
  end: number
  text: string
  message: string
}

const key = new PluginKey<DecorationSet>('depeszaFindings')

/** Where the plain-text offsets of a block's text (docs/qa.md: text blocks joined with "\n") fall in the document. */
function offsetMap(block: PmNode, blockPos: number): { text: string; pos: number[] } {
  let text = ''
  const pos: number[] = []
  let first = true
  const addTextblock = (textblock: PmNode, contentPos: number) => {
    textblock.forEach((child, offset) => {
      const at = contentPos + offset
      if (child.isText) {
        for (let i = 0; i < child.text!.length; i++) pos.push(at + i)
        text += child.text
      } else if (child.type.name === 'hardBreak') {
        text += '\n'
        pos.push(at)
      }
    })
  }
  block.descendants((node, p) => {
    if (!node.isTextblock) return true
    if (!first) {
      text += '\n'
      pos.push(-1)
    }
    first = false
    addTextblock(node, blockPos + 1 + p + 1)
    return false
  })
  // A top-level text block is its own textblock.
  if (block.isTextblock) addTextblock(block, blockPos + 1)
  return { text, pos }
}

function findBlock(doc: PmNode, id: string): { node: PmNode; pos: number } | null {
  let found: { node: PmNode; pos: number } | null = null
  doc.forEach((node, pos) => {
    if (!found && node.attrs.id === id) found = { node, pos }
  })
  return found
}

/** The document range of a finding in the body, when its text is still where it was. */
export function findingRange(doc: PmNode, f: Finding): { from: number; to: number } | null {
  if (!f.block || f.field !== 'body' || f.end <= f.start) return null
  const block = findBlock(doc, f.block)
  if (!block) return null
  const { text, pos } = offsetMap(block.node, block.pos)
  if (text.slice(f.start, f.end) !== f.text) return null
  const from = pos[f.start]
  const last = pos[f.end - 1]
  if (from === undefined || last === undefined || from < 0 || last < 0) return null
  return { from, to: last + 1 }
}

function decorations(doc: PmNode, findings: readonly Finding[]): DecorationSet {
  const decos: Decoration[] = []
  findings.forEach((f, i) => {
    const cls = `qa-${f.severity}`
    const range = findingRange(doc, f)
    if (range) {
      decos.push(Decoration.inline(range.from, range.to, { class: `qa-mark ${cls}`, title: f.message, 'data-finding': String(i) }))
      return
    }
    if (f.block) {
      const block = findBlock(doc, f.block)
      if (block) decos.push(Decoration.node(block.pos, block.pos + block.node.nodeSize, { class: `qa-block ${cls}`, 'data-finding': String(i) }))
    }
  })
  return DecorationSet.create(doc, decos)
}

const FIELD_INPUT: Record<string, string> = { headline: 's-headline', lede: 's-lede', seoTitle: 's-seoTitle', seoDescription: 's-seoDescription', embargoUntil: 's-embargoUntil' }
const FIELDS = new Set(['headline', 'lede', 'body', 'caption', 'alt', 'credit', 'attribution', 'title', 'seoTitle', 'seoDescription', 'embargoUntil'])
const fieldLabel = (field: string): string => (FIELDS.has(field) ? t(`editor.qa.field.${field}` as EditorMessageKey) : field)

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag)
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v)
  node.append(...children)
  return node
}

export interface FindingsView {
  /** Shows new findings (after a save, or on load). */
  show(findings: readonly Finding[]): void
  /** The findings shown now. */
  current(): readonly Finding[]
}

/** Registers the decorations and builds the panel (inserted before `anchor`). */
export function setupFindings(editor: Editor, anchor: Element): FindingsView {
  let findings: readonly Finding[] = []
  editor.registerPlugin(
    new Plugin<DecorationSet>({
      key,
      state: {
        init: () => DecorationSet.empty,
        apply(tr, set) {
          const fresh = tr.getMeta(key) as readonly Finding[] | undefined
          if (fresh) return decorations(tr.doc, fresh)
          return set.map(tr.mapping, tr.doc)
        },
      },
      props: { decorations: (state) => key.getState(state) },
    }),
  )

  const heading = el('h2', { id: 'qa-h' }, t('editor.qa.title'))
  const summary = el('p', { id: 'qa-summary', role: 'status' })
  const list = el('ol', { id: 'qa-list', class: 'qa-list' })
  const panel = el('section', { class: 'box qa-panel', id: 'qa-panel', 'aria-labelledby': 'qa-h' }, heading, summary, list)
  anchor.parentNode?.insertBefore(panel, anchor)

  const focus = (f: Finding) => {
    const input = FIELD_INPUT[f.field] ? (document.getElementById(FIELD_INPUT[f.field]!) as HTMLInputElement | HTMLTextAreaElement | null) : null
    if (input) {
      input.focus()
      if (f.end > f.start) input.setSelectionRange(f.start, f.end)
      return
    }
    const doc = editor.state.doc
    const range = findingRange(doc, f)
    const block = f.block ? findBlock(doc, f.block) : null
    if (!range && !block) return
    const tr = editor.state.tr
    if (range) tr.setSelection(TextSelection.create(doc, range.from, range.to))
    else if (block!.node.isTextblock || block!.node.type.name === 'quote' || block!.node.type.name === 'list' || block!.node.type.name === 'factbox') tr.setSelection(TextSelection.near(doc.resolve(block!.pos + 1)))
    else tr.setSelection(NodeSelection.create(doc, block!.pos))
    editor.view.dispatch(tr.scrollIntoView())
    editor.view.focus()
  }

  return {
    current: () => findings,
    show(next) {
      findings = next
      editor.view.dispatch(editor.state.tr.setMeta(key, next).setMeta('addToHistory', false))
      const errors = next.filter((f) => f.severity === 'error').length
      const warnings = next.length - errors
      summary.textContent = next.length === 0 ? t('editor.qa.clean') : t('editor.qa.summary', { errors, warnings })
      panel.dataset.errors = String(errors)
      list.replaceChildren(
        ...next.map((f, i) => {
          const button = el('button', { type: 'button', class: 'link qa-go', 'data-finding': String(i) }, `${fieldLabel(f.field)}${f.text ? ` („${f.text.length > 60 ? `${f.text.slice(0, 59)}…` : f.text}”)` : ''}`)
          button.addEventListener('click', () => focus(f))
          return el('li', { class: `qa-item qa-${f.severity}`, 'data-kind': f.kind }, el('span', { class: 'qa-severity' }, f.severity === 'error' ? t('editor.qa.error') : t('editor.qa.warning')), button, ' — ', f.message)
        }),
      )
    },
  }
}

export interface BlockedProblem {
  title: string
  detail?: string
  blocked?: string[]
  findings?: Finding[]
  untranslated?: Array<{ segmentId: string; message: string }>
}

/**
 * What the editor shows when publishing is refused by the gate or the translation desk: the
 * reason, and for those who may publish, a field for the reason to publish anyway (at least
 * 5 characters; kept in the audit log). `override` answers null on success or the refusal.
 */
export function blockedNotice(problem: BlockedProblem, override: (reason: string) => Promise<string | null>): Node[] {
  const nodes: Node[] = [el('p', {}, el('strong', {}, problem.title), ' ', problem.detail ?? '')]
  if (problem.untranslated?.length) {
    nodes.push(el('p', {}, t('editor.qa.untranslated', { count: problem.untranslated.length }), el('a', { href: `${location.pathname.replace(/\/$/, '')}/przeklad` }, t('editor.qa.openDesk'))))
  }
  const reason = el('textarea', { id: 'override-reason', rows: '2', maxlength: '1000' })
  const error = el('p', { class: 'field-error', id: 'override-error', role: 'alert' })
  const button = el('button', { type: 'button', class: 'secondary', id: 'override-publish' }, t('editor.qa.overrideButton'))
  button.addEventListener('click', async () => {
    if (reason.value.trim().length < 5) {
      error.textContent = t('editor.qa.overrideTooShort')
      reason.focus()
      return
    }
    button.disabled = true
    const refused = await override(reason.value.trim())
    button.disabled = false
    if (refused) error.textContent = refused
  })
  nodes.push(
    el(
      'details',
      { class: 'override', id: 'override-box' },
      el('summary', {}, t('editor.qa.overrideSummary')),
      el('label', { for: 'override-reason' }, t('editor.qa.overrideReason')),
      reason,
      error,
      button,
    ),
  )
  return nodes
}
