/**
 * An ARIA toolbar: one tab stop, arrow keys (and Home/End) move between buttons, Escape
 * returns to the editor; toggle buttons report their state with aria-pressed.
 */
export interface ToolbarItem {
  id: string
  /** The accessible name (with the keyboard shortcut), also the tooltip. */
  label: string
  /** What the button shows. */
  text: string
  group: string
  toggle?: boolean
  run: () => unknown
  pressed?: () => boolean
  disabled?: () => boolean
}

export interface Toolbar {
  element: HTMLElement
  refresh(): void
  focus(): void
}

export function createToolbar(items: ToolbarItem[], options: { label: string; onEscape: () => void }): Toolbar {
  const bar = document.createElement('div')
  bar.className = 'editor-toolbar'
  bar.setAttribute('role', 'toolbar')
  bar.setAttribute('aria-label', options.label)
  const buttons: HTMLButtonElement[] = []
  let group: HTMLElement | null = null
  let groupName = ''
  for (const item of items) {
    if (item.group !== groupName) {
      group = document.createElement('span')
      group.className = 'toolbar-group'
      group.setAttribute('role', 'group')
      group.setAttribute('aria-label', item.group)
      bar.append(group)
      groupName = item.group
    }
    const b = document.createElement('button')
    b.type = 'button'
    b.id = item.id
    b.className = 'tool'
    b.textContent = item.text
    b.setAttribute('aria-label', item.label)
    b.title = item.label
    b.tabIndex = buttons.length === 0 ? 0 : -1
    if (item.toggle) b.setAttribute('aria-pressed', 'false')
    // Keep the editor's selection: act on mousedown without taking focus.
    b.addEventListener('mousedown', (e) => e.preventDefault())
    b.addEventListener('click', () => {
      item.run()
    })
    group!.append(b)
    buttons.push(b)
  }
  const move = (from: number, to: number) => {
    const n = buttons.length
    const target = buttons[((to % n) + n) % n]!
    buttons[from]!.tabIndex = -1
    target.tabIndex = 0
    target.focus()
  }
  bar.addEventListener('keydown', (e) => {
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement)
    if (index < 0) return
    if (e.key === 'ArrowRight' || e.key === 'ArrowDown') move(index, index + 1)
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') move(index, index - 1)
    else if (e.key === 'Home') move(index, 0)
    else if (e.key === 'End') move(index, buttons.length - 1)
    else if (e.key === 'Escape') options.onEscape()
    else return
    e.preventDefault()
  })
  let last: string[] = []
  return {
    element: bar,
    refresh() {
      // Only touch the DOM when a state changed (this runs after every transaction).
      const states = items.map((item) => `${item.pressed?.() ? 1 : 0}${item.disabled?.() ? 1 : 0}`)
      states.forEach((state, i) => {
        if (state === last[i]) return
        const item = items[i]!
        const b = buttons[i]!
        if (item.toggle) b.setAttribute('aria-pressed', state[0] === '1' ? 'true' : 'false')
        if (item.disabled) b.setAttribute('aria-disabled', state[1] === '1' ? 'true' : 'false')
      })
      last = states
    },
    focus() {
      ;(buttons.find((b) => b.tabIndex === 0) ?? buttons[0])?.focus()
    },
  }
}
