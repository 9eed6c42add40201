/**
 * A modal form in a native <dialog> (focus trapped and restored by the browser, Escape
 * closes): labelled fields, an error message read out by screen readers, resolves with the
 * values or null.
 */
import { t } from './i18n.js'
export interface DialogField {
  name: string
  label: string
  value: string
  type?: 'text' | 'url'
  multiline?: boolean
  required?: boolean
  inputmode?: 'numeric'
}

export interface DialogOptions {
  title: string
  fields: DialogField[]
  submit: string
  /** A Polish message when the values cannot be used. */
  validate?: (values: Record<string, string>) => unknown
}

let counter = 0

export function openDialog(options: DialogOptions): Promise<Record<string, string> | null> {
  const n = ++counter
  const dialog = document.createElement('dialog')
  dialog.className = 'editor-dialog'
  dialog.setAttribute('aria-labelledby', `dlg-${n}-title`)
  const form = document.createElement('form')
  form.method = 'dialog'
  const h = document.createElement('h2')
  h.id = `dlg-${n}-title`
  h.textContent = options.title
  form.append(h)
  const error = document.createElement('p')
  error.className = 'field-error'
  error.id = `dlg-${n}-error`
  error.setAttribute('role', 'alert')
  const inputs: Array<HTMLInputElement | HTMLTextAreaElement> = []
  for (const f of options.fields) {
    const wrap = document.createElement('div')
    wrap.className = 'field'
    const label = document.createElement('label')
    label.htmlFor = `dlg-${n}-${f.name}`
    label.textContent = f.label
    const input = f.multiline ? document.createElement('textarea') : document.createElement('input')
    input.id = `dlg-${n}-${f.name}`
    input.name = f.name
    input.value = f.value
    if (input instanceof HTMLInputElement) input.type = f.type ?? 'text'
    else input.rows = 2
    if (f.inputmode) input.inputMode = f.inputmode
    if (f.required) input.required = true
    input.setAttribute('aria-describedby', error.id)
    wrap.append(label, input)
    form.append(wrap)
    inputs.push(input)
  }
  const buttons = document.createElement('div')
  buttons.className = 'workflow'
  const ok = document.createElement('button')
  ok.type = 'submit'
  ok.textContent = options.submit
  const cancel = document.createElement('button')
  cancel.type = 'button'
  cancel.className = 'secondary'
  cancel.textContent = t('editor.dialog.cancel')
  buttons.append(ok, cancel)
  form.append(error, buttons)
  dialog.append(form)
  document.body.append(dialog)
  return new Promise((resolve) => {
    let result: Record<string, string> | null = null
    const values = () => Object.fromEntries(inputs.map((i) => [i.name, i.value]))
    form.addEventListener('submit', (e) => {
      const v = values()
      const problem = options.validate?.(v)
      if (typeof problem === 'string') {
        e.preventDefault()
        error.textContent = problem
        inputs[0]?.focus()
        return
      }
      result = v
    })
    cancel.addEventListener('click', () => dialog.close())
    dialog.addEventListener('close', () => {
      dialog.remove()
      resolve(result)
    })
    dialog.showModal()
    inputs[0]?.focus()
  })
}
