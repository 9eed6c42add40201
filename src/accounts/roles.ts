/**
 * @module
 * Newsroom roles and the user shapes the rest of the application sees.
 * What each role may do in the editorial workflow is decided by that workflow's own table;
 * this module only names the roles and the account-level rules (who manages users).
 */

/** In order of reach: the administrator can do everything, the translator least. */
export const ROLES = ['administrator', 'editor', 'author', 'contributor', 'translator'] as const
export type Role = (typeof ROLES)[number]

export const LANGUAGES = ['pl', 'en'] as const
export type Language = (typeof LANGUAGES)[number]

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value)
}

/** The signed-in user as request handlers see it (`c.get('user')`). */
export interface SessionUser {
  id: number
  email: string
  name: string
  role: Role
  language: Language
}

/** A user as the user-management pages see it (never the password hash or TOTP secret). */
export interface User extends SessionUser {
  disabled: boolean
  totpEnabled: boolean
  createdAt: string
  lastLoginAt: string | null
}

/** Roles allowed into the newsroom's editorial pages (everyone who can sign in). */
export const STAFF_ROLES: readonly Role[] = ROLES
/** Roles that manage sections, tags, pages, menus, authors and the contact inbox. */
export const EDITOR_ROLES: readonly Role[] = ['administrator', 'editor']
/** Roles that manage users, settings and read the audit log. */
export const ADMIN_ROLES: readonly Role[] = ['administrator']
