/** Form parts shared by the newsroom pages: labelled fields with their errors, an error summary. */
import type { Child } from 'hono/jsx'
import type { MessageKey, Messages, TextKey } from '../i18n.js'

export type Errors = Partial<Record<string, MessageKey>>

/** The text of a message key (keys with arguments are not used as field errors). */
export function text(m: Messages, key: MessageKey): string {
  const value = m[key]
  return typeof value === 'string' ? value : key
}

const fieldId = (form: string, name: string) => `${form}-${name}`
const errorId = (form: string, name: string) => `${form}-${name}-blad`

export interface FieldProps {
  m: Messages
  form: string
  name: string
  label: TextKey
  type?: 'text' | 'email' | 'password'
  value?: string
  errors: Errors
  autocomplete?: string
  hint?: string
  required?: boolean
  inputmode?: 'numeric'
  maxlength?: number
  autofocus?: boolean
}

export function Field(p: FieldProps) {
  const error = p.errors[p.name]
  const hintId = p.hint ? `${fieldId(p.form, p.name)}-opis` : undefined
  const describedBy = [error ? errorId(p.form, p.name) : undefined, hintId].filter(Boolean).join(' ') || undefined
  return (
    <div class="field">
      <label for={fieldId(p.form, p.name)}>{p.m[p.label]}</label>
      <input
        id={fieldId(p.form, p.name)}
        name={p.name}
        type={p.type ?? 'text'}
        value={p.type === 'password' ? undefined : (p.value ?? '')}
        required={p.required ?? true}
        autocomplete={p.autocomplete}
        inputmode={p.inputmode}
        maxlength={p.maxlength}
        autofocus={p.autofocus}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy}
      />
      {p.hint ? (
        <p class="hint" id={hintId}>
          {p.hint}
        </p>
      ) : null}
      {error ? (
        <p class="field-error" id={errorId(p.form, p.name)}>
          {text(p.m, error)}
        </p>
      ) : null}
    </div>
  )
}

/** "Formularz zawiera 2 błędy:" with links to the fields, in form order (labels as catalogue keys). */
export function ErrorSummary({ m, form, errors, labels }: { m: Messages; form: string; errors: Errors; labels: Record<string, TextKey> }) {
  return <Problems m={m} form={form} errors={errors} labels={Object.fromEntries(Object.entries(labels).map(([name, key]) => [name, m[key]]))} />
}

/** The same summary with labels given as text. */
export function Problems({ m, form, errors, labels }: { m: Messages; form: string; errors: Errors; labels: Record<string, string> }) {
  const bad = Object.keys(labels).filter((name) => errors[name])
  if (bad.length === 0) return null
  return (
    <div class="alert" role="alert">
      <p>
        <strong>{m.formErrors(bad.length)}</strong>
      </p>
      <ul>
        {bad.map((name) => (
          <li>
            <a href={`#${fieldId(form, name)}`}>
              {labels[name]}: {text(m, errors[name]!)}
            </a>
          </li>
        ))}
      </ul>
    </div>
  )
}

/** A problem not tied to one field. */
export function Alert({ children }: { children?: Child }) {
  return (
    <div class="alert" role="alert">
      <p>{children}</p>
    </div>
  )
}

export function Notice({ children }: { children?: Child }) {
  return (
    <div class="notice" role="status">
      <p>{children}</p>
    </div>
  )
}
