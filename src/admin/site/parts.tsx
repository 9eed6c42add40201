/** Form parts of the site-management pages: labelled inputs, text areas and selects with their errors. */
import type { Child } from 'hono/jsx'
import type { Messages } from '../i18n.js'
import { text, type Errors } from '../views/forms.js'

export { Problems } from '../views/forms.js'

export type { Errors } from '../views/forms.js'

const id = (form: string, name: string) => `${form}-${name}`

export interface InputProps {
  m: Messages
  form: string
  name: string
  label: string
  value: string
  errors: Errors
  type?: 'text' | 'url' | 'number' | 'email'
  hint?: string | undefined
  required?: boolean
  maxlength?: number
  /** A text area of this many rows instead of a one-line input. */
  rows?: number
  /** `<select>` options instead of a free input. */
  options?: ReadonlyArray<{ value: string; label: string }>
  extra?: Child
  /** A `<datalist>` id with suggestions. */
  list?: string
  /** A text area as wide as the page allows (a page's body). */
  wide?: boolean
}

export function Input(p: InputProps) {
  const error = p.errors[p.name]
  const hintId = p.hint ? `${id(p.form, p.name)}-opis` : undefined
  const errorId = error ? `${id(p.form, p.name)}-blad` : undefined
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined
  const common = { id: id(p.form, p.name), name: p.name, 'aria-invalid': error ? 'true' : undefined, 'aria-describedby': describedBy }
  return (
    <div class="field">
      <label for={id(p.form, p.name)}>{p.label}</label>
      {p.options ? (
        <select {...common}>
          {p.options.map((o) => (
            <option value={o.value} selected={o.value === p.value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : p.rows ? (
        <textarea {...common} class={p.wide ? 'wide' : undefined} rows={p.rows} maxlength={p.maxlength} required={p.required}>
          {p.value}
        </textarea>
      ) : (
        <input {...common} type={p.type ?? 'text'} value={p.value} maxlength={p.maxlength} required={p.required} inputmode={p.type === 'number' ? 'numeric' : undefined} list={p.list} />
      )}
      {p.extra}
      {p.hint ? (
        <p class="hint" id={hintId}>
          {p.hint}
        </p>
      ) : null}
      {error ? (
        <p class="field-error" id={errorId}>
          {text(p.m, error)}
        </p>
      ) : null}
    </div>
  )
}


/** A one-button form (publish, delete …), with an optional confirmation text shown beside it. */
export function ActionButton({ action, csrf, label, danger, hidden }: { action: string; csrf: string; label: string; danger?: boolean; hidden?: Record<string, string> }) {
  return (
    <form class="inline" method="post" action={action}>
      <input type="hidden" name="_csrf" value={csrf} />
      {Object.entries(hidden ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <button type="submit" class={danger ? 'danger' : 'secondary'}>
        {label}
      </button>
    </form>
  )
}
