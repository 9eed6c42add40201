/**
 * @module
 * Validation of account forms. Errors are message keys (src/admin/i18n.ts), shown in the
 * reader's language next to each field.
 */
import { z } from 'zod'
import type { MessageKey } from '../admin/i18n.js'
import { PASSWORD_MAX, PASSWORD_MIN } from './passwords.js'
import { isLanguage, isRole, type Language, type Role } from './roles.js'

export const NAME_MAX = 200
export const EMAIL_MAX = 254

export type FieldErrors<F extends string> = Partial<Record<F, MessageKey>>

/** Length as a person counts it (code points). */
function chars(s: string): number {
  let n = 0
  for (const _ of s) n++
  return n
}

const emailFormat = z.email()

export function normalizeEmail(raw: string): string {
  return raw.trim().toLowerCase()
}

/** One line, single spaces (a newline in a name would end up in mail headers). */
export function normalizeName(raw: string): string {
  return raw.replace(/\s+/g, ' ').trim()
}

export function emailError(email: string): MessageKey | null {
  if (email.length === 0) return 'error.emailRequired'
  if (email.length > EMAIL_MAX || !emailFormat.safeParse(email).success) return 'error.emailInvalid'
  return null
}

export function nameError(name: string): MessageKey | null {
  if (name.length === 0) return 'error.nameRequired'
  if (chars(name) > NAME_MAX) return 'error.nameTooLong'
  return null
}

export function passwordError(password: string, repeat: string, email: string): MessageKey | null {
  if (password.length === 0) return 'error.passwordRequired'
  if (chars(password) < PASSWORD_MIN) return 'error.passwordTooShort'
  if (chars(password) > PASSWORD_MAX) return 'error.passwordTooLong'
  if (email && password.trim().toLowerCase() === email) return 'error.passwordIsEmail'
  if (password !== repeat) return 'error.passwordMismatch'
  return null
}

export interface NewAccountForm {
  email: string
  name: string
  password: string
  password2: string
}

export type NewAccountField = keyof NewAccountForm

/** Owner set-up and invitation acceptance (the e-mail is fixed by the invitation there). */
export function validateNewAccount(form: NewAccountForm): { ok: true; email: string; name: string } | { ok: false; errors: FieldErrors<NewAccountField> } {
  const email = normalizeEmail(form.email)
  const name = normalizeName(form.name)
  const errors: FieldErrors<NewAccountField> = {}
  const e = emailError(email)
  if (e) errors.email = e
  const n = nameError(name)
  if (n) errors.name = n
  const p = passwordError(form.password, form.password2, email)
  if (p) errors[p === 'error.passwordMismatch' ? 'password2' : 'password'] = p
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, email, name }
}

export function parseRole(value: unknown): Role | null {
  return isRole(value) ? value : null
}

export function parseLanguage(value: unknown): Language | null {
  return isLanguage(value) ? value : null
}
