/**
 * @module
 * The story editor page in the browser: the TipTap body editor with an accessible toolbar,
 * autosave (every few seconds and on leaving) through the story API with optimistic
 * concurrency, conflict handling, workflow buttons, slug from the headline, search and
 * social previews, the live preview (rendered by the server with the site's renderer),
 * revisions with word diffs and restore. Progressive enhancement of the server's form.
 */
import { Editor, type NodeViewRenderer } from '@tiptap/core'
import { redo, undo } from '@tiptap/pm/history'
import type { BlockDocument } from '../../content/document.js'
import { localToIso, snapshotFromValues, valuesFromForm, type SnapshotInput } from '../../admin/stories/form.js'
import { slugify } from '../../polish/slug.js'
import { currentBlockKind, editorContent, editorExtensions, hostOf, insertBlock, isSafeHref, sameKind, setBlockKind, type BlockKind } from '../schema.js'
import { openDialog, type DialogField } from './dialog.js'
import { pickMedia } from './picker.js'
import { createToolbar, type ToolbarItem } from './toolbar.js'
import { blockedNotice, setupFindings, type BlockedProblem, type Finding } from './findings.js'
import { locale, t } from './i18n.js'

interface PageData {
  articleId: number | null
  version: number
  state: string
  snapshot: (SnapshotInput & { body: BlockDocument }) | null
  timeZone: string
  csrf: string
  user: string
  siteName: string
  publicUrl: string
  sitePath: string
  leadImageUrl: string | null
  sections: Array<{ slug: string; name: string }>
  actions: string[]
}

interface Problem {
  title: string
  detail?: string
  status: number
  errors?: Array<{ field: string; message: string }>
  conflict?: { currentVersion: number; updatedBy: string; updatedAt: string; current: SnapshotInput & { body: BlockDocument }; keptAsRevision?: number }
}

const AUTOSAVE_IDLE_MS = 1500
const AUTOSAVE_MAX_MS = 8000
const PREVIEW_MS = 1200

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T | null

function must<T extends HTMLElement>(id: string): T {
  const el = $<T>(id)
  if (!el) throw new Error(`#${id} missing`)
  return el
}

function timeNow(): string {
  return new Date().toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' })
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag)
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v)
  node.append(...children)
  return node
}

const data = JSON.parse(must('story-data').textContent ?? '{}') as PageData
const form = must<HTMLFormElement>('story-form')
const statusEl = must('story-status')
const alertEl = must('story-alert')
const host = must('body-editor')

let articleId = data.articleId
let version = data.version
let dirty = false
let saving: Promise<boolean> | null = null
let conflict = false
const canEdit = articleId === null || data.actions.includes('save')

function setStatus(text: string) {
  statusEl.textContent = text
}

function showAlert(...content: Array<Node | string>) {
  alertEl.replaceChildren(...content)
  alertEl.classList.toggle('hidden', content.length === 0)
}

function clearFieldErrors() {
  for (const node of form.querySelectorAll('[aria-invalid="true"]')) node.removeAttribute('aria-invalid')
  for (const node of form.querySelectorAll('.field-error.client')) node.remove()
}

function showFieldErrors(errors: Array<{ field: string; message: string }>) {
  clearFieldErrors()
  const list = el('ul')
  for (const e of errors) {
    const name = e.field.startsWith('source.') ? `source${e.field[7]!.toUpperCase()}${e.field.slice(8)}` : e.field
    const input = form.querySelector<HTMLElement>(`#s-${CSS.escape(name)}`) ?? (name === 'body' ? host : null)
    const link = el('a', { href: input ? `#${input.id}` : '#story-form' }, e.message)
    list.append(el('li', {}, link))
    if (input) {
      input.setAttribute('aria-invalid', 'true')
      const msg = el('p', { class: 'field-error client', id: `${input.id}-blad-js` }, e.message)
      input.closest('.field, .body-field')?.append(msg)
      input.setAttribute('aria-describedby', `${input.id}-blad-js`)
    }
  }
  showAlert(el('p', {}, el('strong', {}, t('editor.fixFields'))), list)
}

// ── the body editor ──────────────────────────────────────────────────────

/** Media-library items by id, fetched once (image blocks show the real photo). */
const mediaCache = new Map<number, Promise<{ url: string; alt: string; caption: string; credit: string } | null>>()
function mediaItem(id: number) {
  let found = mediaCache.get(id)
  if (!found) {
    found = fetch(`/api/admin/stories/media/${id}`)
      .then((r) => (r.ok ? (r.json() as Promise<{ url: string; alt: string; caption: string; credit: string }>) : null))
      .catch(() => null)
    mediaCache.set(id, found)
  }
  return found
}

/** An image block as a figure with the photo (from the library or its address), caption and credit. */
const imageNodeView: NodeViewRenderer = ({ node: initial }) => {
  const figure = el('figure', { 'data-type': 'image', class: 'image-block' })
  const img = el('img', { alt: '' })
  const caption = el('figcaption')
  figure.append(img, caption)
  let current = initial
  const render = () => {
    const a = current.attrs as { mediaId: number | null; src: string | null; alt: string; caption: string; credit: string }
    const show = (url: string, lib?: { alt: string; caption: string; credit: string }) => {
      img.src = url
      img.alt = a.alt || lib?.alt || ''
      const cap = a.caption || lib?.caption || ''
      const credit = a.credit || lib?.credit || ''
      caption.replaceChildren(cap, credit ? el('span', { class: 'credit' }, credit) : '')
      if (!a.alt && !lib?.alt) caption.append(el('span', { class: 'field-error' }, t('editor.noAlt')))
    }
    caption.replaceChildren()
    if (a.mediaId) {
      figure.setAttribute('data-media-id', String(a.mediaId))
      void mediaItem(a.mediaId).then((lib) => {
        if ((current.attrs as { mediaId: number | null }).mediaId !== a.mediaId) return
        if (lib) show(lib.url, lib)
        else caption.replaceChildren(el('span', { class: 'field-error' }, t('editor.mediaMissing', { id: a.mediaId ?? '' })))
      })
    } else {
      figure.removeAttribute('data-media-id')
      const src = a.src ?? ''
      let foreign = false
      try {
        foreign = new URL(src, location.href).origin !== location.origin
      } catch {
        foreign = true
      }
      // The newsroom's CSP loads images from this site only: say what it is instead.
      if (foreign) {
        img.removeAttribute('src')
        caption.replaceChildren(el('span', { class: 'field-error' }, t('editor.foreignImage', { host: hostOf(src) || src })))
      } else show(src)
    }
  }
  render()
  return {
    dom: figure,
    update: (node) => {
      if (node.type !== current.type) return false
      const changed = node.attrs !== current.attrs
      current = node
      if (changed) render()
      return true
    },
    ignoreMutation: () => true,
  }
}

host.replaceChildren()
host.dataset.state = 'ready'
const editorEl = el('div', { class: 'editor-surface' })
const initialBody = data.snapshot?.body ?? { type: 'doc', content: [] }
const editor = new Editor({
  element: editorEl,
  extensions: editorExtensions({ imageView: imageNodeView }),
  content: editorContent(initialBody),
  injectCSS: false,
  editable: canEdit,
  editorProps: {
    attributes: {
      role: 'textbox',
      'aria-multiline': 'true',
      'aria-labelledby': 'body-label',
      'aria-describedby': 'editor-help',
      class: 'prose',
      spellcheck: 'true',
      lang: 'pl',
    },
  },
})

type MarkName = 'bold' | 'italic' | 'strike' | 'superscript' | 'subscript'

const blockButtons: Array<{ label: string; text: string; kind: BlockKind; keys: string }> = [
  { label: t('editor.block.paragraph'), text: '¶', kind: { type: 'paragraph' }, keys: 'Ctrl+Alt+0' },
  { label: t('editor.block.h2'), text: 'H2', kind: { type: 'heading', level: 2 }, keys: 'Ctrl+Alt+2' },
  { label: t('editor.block.h3'), text: 'H3', kind: { type: 'heading', level: 3 }, keys: 'Ctrl+Alt+3' },
  { label: t('editor.block.h4'), text: 'H4', kind: { type: 'heading', level: 4 }, keys: 'Ctrl+Alt+4' },
  { label: t('editor.block.quote'), text: '„”', kind: { type: 'quote' }, keys: 'Ctrl+Shift+9' },
  { label: t('editor.block.ul'), text: '•', kind: { type: 'list', ordered: false }, keys: 'Ctrl+Shift+8' },
  { label: t('editor.block.ol'), text: '1.', kind: { type: 'list', ordered: true }, keys: 'Ctrl+Shift+7' },
]
const markButtons: Array<{ label: string; text: string; mark: MarkName; keys: string }> = [
  { label: t('editor.mark.bold'), text: 'B', mark: 'bold', keys: 'Ctrl+B' },
  { label: t('editor.mark.italic'), text: 'I', mark: 'italic', keys: 'Ctrl+I' },
  { label: t('editor.mark.strike'), text: 'S', mark: 'strike', keys: 'Ctrl+Shift+S' },
  { label: t('editor.mark.superscript'), text: 'x²', mark: 'superscript', keys: 'Ctrl+.' },
  { label: t('editor.mark.subscript'), text: 'x₂', mark: 'subscript', keys: 'Ctrl+,' },
]

const items: ToolbarItem[] = [
  ...blockButtons.map((b) => ({
    id: `tb-${b.kind.type}${'level' in b.kind ? b.kind.level : ''}${'ordered' in b.kind ? (b.kind.ordered ? '-ol' : '-ul') : ''}`,
    label: `${b.label} (${b.keys})`,
    text: b.text,
    group: t('editor.group.blocks'),
    toggle: true,
    run: () => setBlockKind(editor, b.kind) || true,
    pressed: () => sameKind(currentBlockKind(editor.state), b.kind),
  })),
  ...markButtons.map((m) => ({
    id: `tb-${m.mark}`,
    label: `${m.label} (${m.keys})`,
    text: m.text,
    group: t('editor.group.format'),
    toggle: true,
    run: () => editor.chain().focus().toggleMark(m.mark).run(),
    pressed: () => editor.isActive(m.mark),
  })),
  { id: 'tb-link', label: t('editor.tb.link'), text: t('editor.tb.linkText'), group: t('editor.group.format'), toggle: true, run: () => editLink(), pressed: () => editor.isActive('link') },
  { id: 'tb-image', label: t('editor.tb.image'), text: t('editor.tb.imageText'), group: t('editor.group.insert'), run: () => insertImage() },
  { id: 'tb-embed', label: t('editor.tb.embed'), text: t('editor.tb.embedText'), group: t('editor.group.insert'), run: () => insertEmbed() },
  { id: 'tb-divider', label: t('editor.tb.divider'), text: '―', group: t('editor.group.insert'), run: () => insertBlock(editor, { type: 'divider' }) },
  { id: 'tb-factbox', label: t('editor.tb.factbox'), text: t('editor.tb.factboxText'), group: t('editor.group.insert'), run: () => insertFactbox() },
  { id: 'tb-props', label: t('editor.tb.props'), text: t('editor.tb.propsText'), group: t('editor.group.block'), run: () => editBlockProperties(), disabled: () => !blockWithProperties() },
  { id: 'tb-undo', label: t('editor.tb.undo'), text: '↶', group: t('editor.group.history'), run: () => undo(editor.state, editor.view.dispatch) },
  { id: 'tb-redo', label: t('editor.tb.redo'), text: '↷', group: t('editor.group.history'), run: () => redo(editor.state, editor.view.dispatch) },
]

const toolbar = createToolbar(items, { label: t('editor.toolbar'), onEscape: () => editor.commands.focus() })
const help = el(
  'p',
  { id: 'editor-help', class: 'hint' },
  t('editor.help'),
)
host.append(toolbar.element, editorEl, help)
// The quality gate's findings: highlighted in place and listed in a panel (findings.ts).
const qa = setupFindings(editor, document.querySelector('.story-extras') ?? form)
if (!canEdit) {
  toolbar.element.hidden = true
  host.prepend(el('p', { class: 'notice' }, t('editor.readOnly')))
  for (const input of form.querySelectorAll<HTMLInputElement>('input, textarea, select')) if (input.name !== '_csrf' && input.name !== 'version') input.disabled = true
}

let toolbarFrame = 0
const refreshToolbar = () => {
  if (toolbarFrame) return
  toolbarFrame = requestAnimationFrame(() => {
    toolbarFrame = 0
    toolbar.refresh()
  })
}
editor.on('selectionUpdate', refreshToolbar)
editor.on('transaction', refreshToolbar)
editor.on('update', () => markDirty())
editor.view.dom.addEventListener('keydown', (e) => {
  if (e.key === 'F10' && e.altKey) {
    e.preventDefault()
    toolbar.focus()
  } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
    e.preventDefault()
    void editLink()
  }
})
toolbar.refresh()

function blockWithProperties(): { pos: number; type: string; attrs: Record<string, unknown> } | null {
  const sel = editor.state.selection as { node?: { type: { name: string }; attrs: Record<string, unknown> }; from: number }
  if (sel.node && ['image', 'embed', 'divider'].includes(sel.node.type.name)) return sel.node.type.name === 'divider' ? null : { pos: sel.from, type: sel.node.type.name, attrs: sel.node.attrs }
  const { $from } = editor.state.selection
  for (let d = $from.depth; d > 0; d--) {
    const node = $from.node(d)
    if (node.type.name === 'quote' || node.type.name === 'factbox') return { pos: $from.before(d), type: node.type.name, attrs: node.attrs }
  }
  return null
}

const IMAGE_FIELDS = (a: Record<string, unknown> = {}): DialogField[] => [
  { name: 'mediaId', label: t('editor.image.mediaId'), value: a.mediaId ? String(a.mediaId) : '', inputmode: 'numeric' },
  { name: 'src', label: t('editor.image.src'), value: (a.src as string) ?? '', type: 'url' },
  { name: 'alt', label: t('editor.image.alt'), value: (a.alt as string) ?? '' },
  { name: 'caption', label: t('editor.image.caption'), value: (a.caption as string) ?? '', multiline: true },
  { name: 'credit', label: t('editor.image.credit'), value: (a.credit as string) ?? '' },
]

function imageAttrs(v: Record<string, string>): Record<string, unknown> | string {
  const mediaId = /^[1-9]\d{0,9}$/.test(v.mediaId!.trim()) ? Number(v.mediaId!.trim()) : null
  const src = v.src!.trim() || null
  if (!mediaId && !src) return t('editor.image.needSource')
  if (src && !isSafeHref(src)) return t('editor.image.badSrc')
  return { mediaId, src: mediaId ? null : src, alt: v.alt!.trim(), caption: v.caption!.trim(), credit: v.credit!.trim() }
}

const EMBED_FIELDS = (a: Record<string, unknown> = {}): DialogField[] => [
  { name: 'url', label: t('editor.embed.url'), value: (a.url as string) ?? '', type: 'url', required: true },
  { name: 'title', label: t('editor.embed.title'), value: (a.title as string) ?? '' },
  { name: 'provider', label: t('editor.embed.provider'), value: (a.provider as string) ?? '' },
]

function embedAttrs(v: Record<string, string>): Record<string, unknown> | string {
  const url = v.url!.trim()
  if (!/^https?:\/\/[^\s]+\.[^\s]+/i.test(url)) return t('editor.embed.badUrl')
  return { url, title: v.title!.trim(), provider: v.provider!.trim() || providerName(url) }
}

function providerName(url: string): string {
  const h = hostOf(url)
  const known: Record<string, string> = { 'youtube.com': 'YouTube', 'youtu.be': 'YouTube', 'x.com': 'X', 'twitter.com': 'X', 'facebook.com': 'Facebook', 'instagram.com': 'Instagram', 'vimeo.com': 'Vimeo' }
  return known[h] ?? h
}

async function insertImage() {
  const picked = await pickMedia({ manual: true })
  if (picked && picked !== 'manual') {
    // The library's alt text, caption and credit apply; the block may override them later.
    insertBlock(editor, { type: 'image', attrs: { mediaId: picked.id } })
    editor.commands.focus()
    return
  }
  if (picked === null) {
    editor.commands.focus()
    return
  }
  const v = await openDialog({ title: t('editor.dialog.image'), fields: IMAGE_FIELDS(), submit: t('editor.dialog.insert'), validate: imageAttrs })
  if (v) insertBlock(editor, { type: 'image', attrs: imageAttrs(v) as Record<string, unknown> })
  editor.commands.focus()
}

async function insertEmbed() {
  const v = await openDialog({ title: t('editor.dialog.embed'), fields: EMBED_FIELDS(), submit: t('editor.dialog.insert'), validate: embedAttrs })
  if (v) insertBlock(editor, { type: 'embed', attrs: embedAttrs(v) as Record<string, unknown> })
  editor.commands.focus()
}

async function insertFactbox() {
  const v = await openDialog({ title: t('editor.dialog.factbox'), fields: [{ name: 'title', label: t('editor.factbox.title'), value: t('editor.factbox.default') }], submit: t('editor.dialog.insert') })
  if (v) insertBlock(editor, { type: 'factbox', attrs: { title: v.title!.trim() }, content: [{ type: 'paragraph' }] })
  editor.commands.focus()
}

async function editLink() {
  const attrs = editor.getAttributes('link') as { href?: string; title?: string }
  if (editor.state.selection.empty && !attrs.href) {
    setStatus(t('editor.link.selectFirst'))
    return true
  }
  const v = await openDialog({
    title: attrs.href ? t('editor.link.edit') : t('editor.link.insert'),
    fields: [
      { name: 'href', label: t('editor.link.href'), value: attrs.href ?? '' },
      { name: 'title', label: t('editor.link.title'), value: attrs.title ?? '' },
    ],
    submit: t('editor.link.save'),
    validate: (x) => (x.href!.trim() === '' || isSafeHref(x.href!.trim()) ? null : t('editor.link.bad')),
  })
  if (v) {
    const chain = editor.chain().focus().extendMarkRange('link')
    if (v.href!.trim() === '') chain.unsetMark('link').run()
    else chain.setMark('link', { href: v.href!.trim(), title: v.title!.trim() }).run()
  } else editor.commands.focus()
  return true
}

async function editBlockProperties() {
  const block = blockWithProperties()
  if (!block) return
  let fields: DialogField[]
  let toAttrs: (v: Record<string, string>) => Record<string, unknown> | string
  if (block.type === 'quote') {
    fields = [{ name: 'attribution', label: t('editor.quote.attribution'), value: (block.attrs.attribution as string) ?? '' }]
    toAttrs = (v) => ({ attribution: v.attribution!.trim() })
  } else if (block.type === 'factbox') {
    fields = [{ name: 'title', label: t('editor.factbox.title'), value: (block.attrs.title as string) ?? '' }]
    toAttrs = (v) => ({ title: v.title!.trim() })
  } else if (block.type === 'image') {
    fields = IMAGE_FIELDS(block.attrs)
    toAttrs = imageAttrs
  } else {
    fields = EMBED_FIELDS(block.attrs)
    toAttrs = embedAttrs
  }
  const v = await openDialog({ title: t('editor.props.title'), fields, submit: t('editor.dialog.save'), validate: (x) => (typeof toAttrs(x) === 'string' ? (toAttrs(x) as string) : null) })
  if (v) {
    const attrs = toAttrs(v) as Record<string, unknown>
    const tr = editor.state.tr
    for (const [k, value] of Object.entries(attrs)) tr.setNodeAttribute(block.pos, k, value)
    editor.view.dispatch(tr)
  }
  editor.commands.focus()
}

// ── form fields: slug, previews, lead image ───────────────────────────────

const headline = must<HTMLTextAreaElement>('s-headline')
const slugInput = must<HTMLInputElement>('s-slug')
const slugButton = $<HTMLButtonElement>('slug-generate')
const published = data.snapshot !== null && data.state !== 'draft'
let slugFollows = !published && (slugInput.value === '' || slugInput.value === slugify(headline.value, 120))
if (slugButton) {
  slugButton.hidden = false
  slugButton.addEventListener('click', () => {
    slugInput.value = slugify(headline.value, 120)
    slugFollows = true
    markDirty()
  })
}
headline.addEventListener('input', () => {
  if (slugFollows && headline.value.trim()) slugInput.value = slugify(headline.value, 120)
})
slugInput.addEventListener('input', () => {
  slugFollows = slugInput.value === ''
})

function text(id: string, value: string) {
  const node = $(id)
  if (node) node.textContent = value
}

function updateSeo() {
  const fd = new FormData(form)
  const title = String(fd.get('seoTitle') ?? '').trim() || String(fd.get('headline') ?? '').trim() || t('editor.seo.untitled')
  const desc = String(fd.get('seoDescription') ?? '').trim() || String(fd.get('lede') ?? '').trim()
  const section = String(fd.get('sectionSlug') ?? '')
  const slug = String(fd.get('slug') ?? '').trim() || 'adres-artykulu'
  const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1).replace(/\s+\S*$/, '')}…` : s)
  text('seo-title', clip(title, 60))
  text('seo-desc', clip(desc, 160))
  text('seo-url', `${data.publicUrl.replace(/^https?:\/\//, '')}/${section ? `${section}/` : 'artykul/'}${slug}`)
  text('social-title', clip(title, 90))
  text('social-desc', clip(desc, 200))
}

const leadInput = $<HTMLInputElement>('s-leadMediaId')
const leadPick = $<HTMLButtonElement>('lead-pick')
if (leadPick && leadInput && canEdit) {
  leadPick.hidden = false
  leadPick.addEventListener('click', async () => {
    const picked = await pickMedia()
    if (picked && picked !== 'manual') {
      leadInput.value = String(picked.id)
      leadInput.dispatchEvent(new Event('input', { bubbles: true }))
    }
    leadPick.focus()
  })
}
let leadTimer = 0
leadInput?.addEventListener('input', () => {
  clearTimeout(leadTimer)
  leadTimer = window.setTimeout(async () => {
    const id = leadInput.value.trim()
    const targets = [$('lead-preview'), $('social-image')].filter((x): x is HTMLElement => x !== null)
    if (!/^[1-9]\d{0,9}$/.test(id)) {
      for (const target of targets) target.replaceChildren(target.id === 'social-image' ? el('span', {}, t('editor.noPhoto')) : '')
      return
    }
    const res = await fetch(`/api/admin/stories/media/${id}`)
    if (!res.ok) {
      for (const target of targets) target.replaceChildren(el('span', { class: 'field-error' }, t('editor.noPhotoNumber', { id })))
      return
    }
    const info = (await res.json()) as { url: string; alt: string }
    for (const t of targets) t.replaceChildren(el('img', { src: info.url, alt: '' }))
  }, 400)
})

// The body editor sits inside the form: its own input events are handled by the editor
// (its 'update' event), not here, so a keystroke in the body costs no form work.
const fromBody = (e: Event) => e.target instanceof Node && host.contains(e.target)
form.addEventListener('input', (e) => {
  if (fromBody(e)) return
  markDirty()
  updateSeo()
})
form.addEventListener('change', (e) => {
  if (fromBody(e)) return
  markDirty()
  updateSeo()
})

// ── saving ───────────────────────────────────────────────────────────────

function markDirty() {
  if (!canEdit) return
  lastChangeAt = Date.now()
  if (!dirty) dirtySince = lastChangeAt
  dirty = true
  schedulePreview()
}

function currentSnapshot(): SnapshotInput {
  const fd = new FormData(form)
  const values = valuesFromForm(
    (n) => String(fd.get(n) ?? ''),
    (n) => fd.getAll(n).map(String),
  )
  return snapshotFromValues(values, editor.getJSON() as BlockDocument, data.snapshot ?? {}, data.timeZone)
}

function headers(): HeadersInit {
  return { 'content-type': 'application/json', 'x-csrf-token': data.csrf, accept: 'application/json' }
}

async function readProblem(res: Response): Promise<Problem> {
  try {
    return (await res.json()) as Problem
  } catch {
    return { title: t('editor.serverError', { status: res.status }), status: res.status }
  }
}

/** The workflow buttons the server allows now (after a save the state may have changed). */
function renderActions(actions: Array<{ action: string; label: string }>) {
  const group = form.querySelector<HTMLElement>('.workflow')
  if (!group) return
  for (const b of group.querySelectorAll(':scope > button[data-action]')) b.remove()
  const first = group.firstChild
  for (const { action, label } of actions) {
    if (action === 'schedule' || action === 'correct') continue
    const b = el('button', { type: 'submit', name: '_action', value: action, 'data-action': action }, label)
    if (action === 'publish') b.className = 'publish'
    else if (action !== 'save') b.className = 'secondary'
    group.insertBefore(b, first)
  }
}

function afterSave(payload: { story: { articleId: number; version: number }; actions?: Array<{ action: string; label: string }> }, reason: 'save' | 'autosave') {
  if (payload.actions) renderActions(payload.actions)
  const found = (payload as { findings?: Finding[] }).findings
  if (found) qa.show(found)
  version = payload.story.version
  must<HTMLInputElement>('story-version').value = String(version)
  text('story-version-label', String(version))
  setStatus(t(reason === 'autosave' ? 'editor.savedAuto' : 'editor.saved', { time: timeNow(), version }))
  if (!conflict) showAlert()
  void loadRevisions()
}

/** Saves the story if needed; false when it could not (conflict, errors, network). */
async function save(reason: 'save' | 'autosave'): Promise<boolean> {
  if (!canEdit || conflict) return false
  if (saving) {
    await saving
    if (!dirty && reason === 'autosave') return true
  }
  const run = async (): Promise<boolean> => {
    const snapshot = currentSnapshot()
    if (articleId === null && !snapshot.headline) {
      if (reason === 'save') showFieldErrors([{ field: 'headline', message: t('editor.headlineNeeded') }])
      return false
    }
    const wasDirty = dirty
    dirty = false
    setStatus(reason === 'autosave' ? t('editor.savingAuto') : t('editor.saving'))
    let res: Response
    try {
      res =
        articleId === null
          ? await fetch('/api/admin/stories', { method: 'POST', headers: headers(), body: JSON.stringify({ story: snapshot }) })
          : await fetch(`/api/admin/stories/${articleId}`, { method: 'PUT', headers: headers(), body: JSON.stringify({ version, reason, story: snapshot }) })
    } catch {
      dirty = dirty || wasDirty
      setStatus(t('editor.offline'))
      return false
    }
    if (res.ok) {
      const payload = (await res.json()) as { story: { articleId: number; version: number; snapshot: SnapshotInput }; actions: Array<{ action: string; label: string }> }
      if (articleId === null) {
        articleId = payload.story.articleId
        data.snapshot = payload.story.snapshot as PageData['snapshot']
        // The page of the saved story; the server renders its buttons and history.
        if (reason === 'save') {
          window.location.assign(`/admin/artykuly/${articleId}?zapisano`)
          return true
        }
        history.replaceState(null, '', `/admin/artykuly/${articleId}`)
        form.action = `/admin/artykuly/${articleId}`
      }
      clearFieldErrors()
      afterSave(payload, reason)
      return true
    }
    dirty = dirty || wasDirty
    const problem = await readProblem(res)
    if (res.status === 409 && problem.conflict) showConflict(problem)
    else if (res.status === 422 && problem.errors) {
      showFieldErrors(problem.errors)
      setStatus(t('editor.notSavedFields'))
    } else {
      showAlert(el('p', {}, el('strong', {}, problem.title), ' ', problem.detail ?? ''))
      setStatus(t('editor.notSaved'))
    }
    return false
  }
  saving = run()
  try {
    return await saving
  } finally {
    saving = null
  }
}

function showConflict(problem: Problem) {
  const c = problem.conflict!
  conflict = true
  setStatus(t('editor.notSavedConflict'))
  const mine = currentSnapshot()
  const theirs = c.current
  const when = new Date(c.updatedAt).toLocaleString(locale)
  const column = (title: string, s: SnapshotInput) =>
    el(
      'div',
      { class: 'conflict-version' },
      el('h3', {}, title),
      el('p', {}, el('strong', {}, s.headline || t('editor.untitled'))),
      s.lede ? el('p', {}, s.lede) : '',
      el('p', { class: 'conflict-text' }, clipText(bodyText(s.body), 600)),
    )
  const keepMine = el('button', { type: 'button' }, t('editor.keepMine'))
  const takeTheirs = el('button', { type: 'button', class: 'secondary' }, t('editor.takeTheirs'))
  const diffBox = el('div', { class: 'conflict-diff' })
  keepMine.addEventListener('click', async () => {
    conflict = false
    version = c.currentVersion
    dirty = true
    await save('save')
  })
  takeTheirs.addEventListener('click', () => {
    window.location.reload()
  })
  showAlert(
    el('p', {}, el('strong', {}, problem.title), ` (${when}). `, t('editor.conflictKept')),
    el('div', { class: 'conflict-versions' }, column(t('editor.yourVersion'), mine), column(t('editor.theirVersion', { name: c.updatedBy }), theirs)),
    diffBox,
    el('div', { class: 'workflow' }, keepMine, takeTheirs),
  )
  if (c.keptAsRevision) void showDiff(c.keptAsRevision, 'current', t('editor.conflictDiff', { name: c.updatedBy }), diffBox, true)
  alertEl.focus?.()
}

/** Leaving the page: one last save that outlives it (fetch keepalive, ≤ 64 KiB). */
function saveOnLeave() {
  if (!dirty || !canEdit || conflict || articleId === null) return
  const body = JSON.stringify({ version, reason: 'autosave', story: currentSnapshot() })
  if (body.length > 60_000) return
  dirty = false
  void fetch(`/api/admin/stories/${articleId}`, { method: 'PUT', headers: headers(), body, keepalive: true }).catch(() => undefined)
}
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') saveOnLeave()
})
window.addEventListener('pagehide', saveOnLeave)
window.addEventListener('beforeunload', (e) => {
  if (!dirty || !canEdit) return
  // A long story does not fit a keepalive request (64 KiB): save it now, and ask the
  // browser to confirm leaving while the save runs.
  const tooLong = articleId !== null && !conflict && !saving && JSON.stringify({ version, reason: 'autosave', story: currentSnapshot() }).length > 60_000
  if (tooLong) void save('autosave')
  // Unsaved and not saved on leaving: a new story without its first save, a save under way, an open conflict.
  if (tooLong || articleId === null || saving || conflict) e.preventDefault()
})

// Autosave when typing pauses (AUTOSAVE_IDLE_MS), and at least every AUTOSAVE_MAX_MS during
// continuous typing: a save serialises the whole story (milliseconds on long stories), so
// it is kept out of the keystroke stream where possible.
let lastChangeAt = 0
let dirtySince = 0
window.setInterval(() => {
  if (!dirty || saving || conflict) return
  const now = Date.now()
  if (now - lastChangeAt >= AUTOSAVE_IDLE_MS || now - dirtySince >= AUTOSAVE_MAX_MS) void save('autosave')
}, 500)

// ── workflow buttons ──────────────────────────────────────────────────────

form.addEventListener('submit', async (e) => {
  const submitter = (e as SubmitEvent).submitter as HTMLButtonElement | null
  const action = submitter?.dataset.action
  if (!action) return
  e.preventDefault()
  if (action === 'save') {
    dirty = true
    await save('save')
    return
  }
  if (dirty && canEdit && !(await save('save'))) return
  if (articleId === null) return
  const body: Record<string, unknown> = { action, version }
  if (action === 'schedule') {
    const local = must<HTMLInputElement>('s-publishAt').value
    if (!local) {
      showFieldErrors([{ field: 'publishAt', message: t('editor.publishAtNeeded') }])
      return
    }
    body.publishAt = localIso(local)
  }
  if (action === 'correct') {
    const fd = new FormData(form)
    body.correction = { kind: fd.get('correctionKind') === 'update' ? 'update' : 'correction', text: String(fd.get('correctionText') ?? '') }
  }
  if (submitter) submitter.disabled = true
  setStatus(t('editor.running'))
  const res = await fetch(`/api/admin/stories/${articleId}/actions`, { method: 'POST', headers: headers(), body: JSON.stringify(body) })
  if (submitter) submitter.disabled = false
  if (res.ok) {
    window.location.assign(`/admin/artykuly/${articleId}?zrobione=${action}`)
    return
  }
  const problem = await readProblem(res)
  if (res.status === 422 && (problem as { overridable?: boolean }).overridable) {
    // Refused by the quality gate or the translation desk: the findings, and the editor's override.
    const blocked = problem as BlockedProblem
    if (blocked.findings?.length) qa.show([...blocked.findings, ...qa.current().filter((f) => f.severity !== 'error')])
    showAlert(
      ...blockedNotice(blocked, async (reason) => {
        const again = await fetch(`/api/admin/stories/${articleId}/actions`, { method: 'POST', headers: headers(), body: JSON.stringify({ ...body, override: { reason } }) })
        if (again.ok) {
          window.location.assign(`/admin/artykuly/${articleId}?zrobione=${action}`)
          return null
        }
        const p = await readProblem(again)
        return `${p.title}. ${p.detail ?? ''}`
      }),
    )
  } else if (res.status === 409 && problem.conflict) showConflict(problem)
  else if (problem.errors) showFieldErrors(problem.errors)
  else showAlert(el('p', {}, el('strong', {}, problem.title), ' ', problem.detail ?? ''))
  setStatus(t('editor.notDone'))
})

function localIso(local: string): string {
  return localToIso(local, data.timeZone) ?? local
}

// ── live preview ──────────────────────────────────────────────────────────

const previewEl = $('live-preview')
const previewButton = $<HTMLButtonElement>('preview-refresh')
let previewTimer = 0
async function refreshPreview() {
  if (!previewEl) return
  const s = currentSnapshot()
  const res = await fetch('/api/admin/stories/preview', {
    method: 'POST',
    headers: headers(),
    body: JSON.stringify({ headline: s.headline, lede: s.lede, body: s.body, language: s.language, ...(s.leadMediaId ? { leadMediaId: s.leadMediaId } : {}) }),
  }).catch(() => null)
  if (!res?.ok) return
  const { html } = (await res.json()) as { html: string }
  // Our server's renderer: escaped text, checked links, no scripts.
  previewEl.innerHTML = html
}
function schedulePreview() {
  clearTimeout(previewTimer)
  previewTimer = window.setTimeout(() => void refreshPreview(), PREVIEW_MS)
}
if (previewButton) {
  previewButton.hidden = false
  previewButton.addEventListener('click', () => void refreshPreview())
}
void refreshPreview()

// ── revisions ─────────────────────────────────────────────────────────────

const revisionsEl = $('revisions')
const diffEl = $('diff-view')

interface RevisionJson {
  id: number
  version: number
  reasonLabel: string
  userName: string
  createdAt: string
}

async function loadRevisions() {
  if (!revisionsEl || articleId === null) return
  const res = await fetch(`/api/admin/stories/${articleId}/revisions`).catch(() => null)
  if (!res?.ok) return
  const { revisions } = (await res.json()) as { revisions: RevisionJson[] }
  $('revisions-empty')?.remove()
  revisionsEl.replaceChildren(
    ...revisions.map((r, i) => {
      const li = el('li', { 'data-rev': String(r.id) }, el('span', { class: 'rev-when' }, new Date(r.createdAt).toLocaleString(locale)), ` — ${t('editor.revision', { name: r.userName, reason: r.reasonLabel, version: r.version })} `)
      const compare = el('button', { type: 'button', class: 'link' }, i === 0 ? t('editor.showChanges') : t('editor.compare'))
      compare.setAttribute('aria-label', t('editor.compareLabel', { version: r.version, when: new Date(r.createdAt).toLocaleString(locale) }))
      compare.addEventListener('click', () => {
        const prev = revisions[i + 1]
        if (i === 0 && prev) void showDiff(prev.id, String(r.id), t('editor.changesIn', { version: r.version }))
        else void showDiff(r.id, 'current', t('editor.versionToCurrent', { version: r.version }))
      })
      li.append(compare)
      if (i > 0 && canEdit) {
        const restore = el('button', { type: 'button', class: 'link' }, t('editor.restore'))
        restore.setAttribute('aria-label', t('editor.restoreLabel', { version: r.version }))
        restore.addEventListener('click', () => void restoreRevision(r))
        li.append(' · ', restore)
      }
      return li
    }),
  )
}

function bodyText(doc: BlockDocument): string {
  const out: string[] = []
  const visit = (n: { type: string; text?: string; content?: unknown[] }) => {
    if (n.type === 'text') out.push(n.text ?? '')
    else if (n.type === 'hardBreak') out.push(' ')
    else {
      ;(n.content as Array<typeof n> | undefined)?.forEach(visit)
      if (n.type !== 'doc' && n.type !== 'text') out.push(' ')
    }
  }
  visit(doc as never)
  return out.join('').replace(/\s+/g, ' ').trim()
}

function clipText(t: string, n: number): string {
  return t.length > n ? `${t.slice(0, n - 1).replace(/\s+\S*$/, '')}…` : t
}

/** The word diff between two versions; `reverse` shows it as going from `to` to `from`. */
async function showDiff(from: number, to: string, title: string, target: HTMLElement | null = diffEl, reverse = false) {
  const diffEl = target
  if (!diffEl || articleId === null) return
  const res = await fetch(`/api/admin/stories/${articleId}/diff?from=${from}&to=${to}`).catch(() => null)
  if (!res?.ok) return
  const { blocks } = (await res.json()) as { blocks: Array<{ id: string; kind: string; status: string; words: Array<{ op: string; text: string }> }> }
  const changed = blocks.filter((b) => b.status !== 'unchanged')
  const FIELDS = ['headline', 'lede', 'slug', 'sectionSlug', 'seoTitle', 'seoDescription', 'tags', 'authors'] as const
  const FIELD: Record<string, string> = Object.fromEntries(FIELDS.map((f) => [f, t(`editor.diff.${f}`)]))
  const STATUS: Record<string, string> = { changed: t('editor.diff.changed'), added: t('editor.diff.added'), removed: t('editor.diff.removed') }
  diffEl.replaceChildren(
    el('h3', {}, title),
    changed.length === 0
      ? el('p', {}, t('editor.diff.none'))
      : el(
          'ol',
          { class: 'diff' },
          ...changed.map((b) =>
            el(
              'li',
              { class: `diff-${b.status}` },
              el('span', { class: 'diff-label' }, `${b.kind === 'field' ? (FIELD[b.id] ?? b.id) : t('editor.diff.block')} (${STATUS[b.status] ?? b.status}): `),
              ...b.words.map((w) => {
                const op = reverse ? (w.op === 'added' ? 'removed' : w.op === 'removed' ? 'added' : w.op) : w.op
                return op === 'added' ? el('ins', {}, w.text) : op === 'removed' ? el('del', {}, w.text) : document.createTextNode(w.text)
              }),
            ),
          ),
        ),
  )
}

async function restoreRevision(r: RevisionJson) {
  if (articleId === null) return
  if (dirty && !(await save('save'))) return
  const res = await fetch(`/api/admin/stories/${articleId}/revisions/${r.id}/restore`, { method: 'POST', headers: headers(), body: JSON.stringify({ version }) })
  if (res.ok) {
    window.location.assign(`/admin/artykuly/${articleId}?przywrocono=${r.version}`)
    return
  }
  const problem = await readProblem(res)
  if (res.status === 409 && problem.conflict) showConflict(problem)
  else showAlert(el('p', {}, el('strong', {}, problem.title), ' ', problem.detail ?? ''))
}

void loadRevisions()
updateSeo()
// The saved copy's findings (later ones come with every save).
if (articleId !== null) {
  void fetch(`/api/admin/stories/${articleId}/findings`, { headers: { accept: 'application/json' } })
    .then((r) => (r.ok ? (r.json() as Promise<{ findings: Finding[] }>) : null))
    .then((r) => r && qa.show(r.findings))
    .catch(() => undefined)
}

// For tests and the benchmark: the editor of this page.
;(window as unknown as { depeszaEditor: Editor }).depeszaEditor = editor
