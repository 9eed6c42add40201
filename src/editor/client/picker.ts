/**
 * The media-library picker: a native <dialog> with a search box and the library's photos
 * (GET /api/admin/media, newest first), each a button named by its alt text or file name.
 * Resolves with the chosen item, or null.
 */
import { t } from './i18n.js'
export interface PickedMedia {
  id: number
  url: string
  thumbnailUrl: string
  alt: string
  caption: string
  credit: string
  originalName?: string
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag)
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v)
  node.append(...children)
  return node
}

/** `manual`: the user chose to type a number or an address instead. */
export function pickMedia(options: { manual?: boolean } = {}): Promise<PickedMedia | 'manual' | null> {
  const dialog = el('dialog', { class: 'editor-dialog media-picker', 'aria-labelledby': 'picker-title' })
  const search = el('input', { type: 'search', id: 'picker-q', autocomplete: 'off' }) as HTMLInputElement
  const status = el('p', { role: 'status', class: 'muted' }, t('editor.picker.loading'))
  const grid = el('ul', { class: 'picker-grid' })
  const cancel = el('button', { type: 'button', class: 'secondary' }, t('editor.dialog.cancel'))
  const manual = el('button', { type: 'button', class: 'secondary' }, t('editor.picker.manual'))
  dialog.append(
    el('h2', { id: 'picker-title' }, t('editor.picker.title')),
    el('div', { class: 'field' }, el('label', { for: 'picker-q' }, t('editor.picker.search')), search),
    status,
    grid,
    el('div', { class: 'workflow' }, ...(options.manual ? [manual] : []), cancel, el('a', { href: '/admin/media', target: '_blank', rel: 'noopener' }, t('editor.picker.addInLibrary'))),
  )
  document.body.append(dialog)
  let result: PickedMedia | 'manual' | null = null
  let seq = 0
  const load = async () => {
    const mine = ++seq
    const q = search.value.trim()
    const res = await fetch(`/api/admin/media?pageSize=24${q ? `&q=${encodeURIComponent(q)}` : ''}`, { headers: { accept: 'application/json' } }).catch(() => null)
    if (mine !== seq) return
    if (!res?.ok) {
      status.textContent = res?.status === 403 ? t('editor.picker.forbidden') : t('editor.picker.failed')
      grid.replaceChildren()
      return
    }
    const { items, total } = (await res.json()) as { items: PickedMedia[]; total: number }
    status.textContent = total === 0 ? t('editor.picker.none') : total > items.length ? t('editor.picker.countShown', { total, shown: items.length }) : t('editor.picker.count', { total })
    grid.replaceChildren(
      ...items.map((item) => {
        const name = item.alt || item.caption || item.originalName || t('editor.picker.photoNo', { id: item.id })
        const button = el('button', { type: 'button', class: 'picker-item', 'aria-label': t('editor.picker.choose', { name, id: item.id }) }, el('img', { src: item.thumbnailUrl || item.url, alt: '' }), el('span', {}, name))
        button.addEventListener('click', () => {
          result = item
          dialog.close()
        })
        return el('li', {}, button)
      }),
    )
  }
  let timer = 0
  search.addEventListener('input', () => {
    clearTimeout(timer)
    timer = window.setTimeout(() => void load(), 250)
  })
  cancel.addEventListener('click', () => dialog.close())
  manual.addEventListener('click', () => {
    result = 'manual'
    dialog.close()
  })
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      dialog.remove()
      resolve(result)
    })
    dialog.showModal()
    search.focus()
    void load()
  })
}
