/**
 * The media-library picker: a native <dialog> with a search box and the library's photos
 * (GET /api/admin/media, newest first), each a button named by its alt text or file name.
 * Resolves with the chosen item, or null.
 */
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
  const status = el('p', { role: 'status', class: 'muted' }, 'Wczytywanie…')
  const grid = el('ul', { class: 'picker-grid' })
  const cancel = el('button', { type: 'button', class: 'secondary' }, 'Anuluj')
  const manual = el('button', { type: 'button', class: 'secondary' }, 'Podaj numer lub adres')
  dialog.append(
    el('h2', { id: 'picker-title' }, 'Wybierz zdjęcie z biblioteki'),
    el('div', { class: 'field' }, el('label', { for: 'picker-q' }, 'Szukaj (opis, podpis, autor, nazwa pliku)'), search),
    status,
    grid,
    el('div', { class: 'workflow' }, ...(options.manual ? [manual] : []), cancel, el('a', { href: '/admin/media', target: '_blank', rel: 'noopener' }, 'Dodaj zdjęcia w bibliotece mediów')),
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
      status.textContent = res?.status === 403 ? 'Twoja rola nie ma dostępu do biblioteki mediów: podaj numer zdjęcia.' : 'Nie udało się wczytać biblioteki.'
      grid.replaceChildren()
      return
    }
    const { items, total } = (await res.json()) as { items: PickedMedia[]; total: number }
    status.textContent = total === 0 ? 'Nie znaleziono zdjęć.' : `Zdjęć: ${total}${total > items.length ? ` (pokazano ${items.length})` : ''}`
    grid.replaceChildren(
      ...items.map((item) => {
        const name = item.alt || item.caption || item.originalName || `zdjęcie nr ${item.id}`
        const button = el('button', { type: 'button', class: 'picker-item', 'aria-label': `Wybierz: ${name} (nr ${item.id})` }, el('img', { src: item.thumbnailUrl || item.url, alt: '' }), el('span', {}, name))
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
