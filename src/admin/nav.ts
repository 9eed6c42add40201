/**
 * @module
 * The newsroom menu and who sees each entry. The same roles guard the pages: a page that is
 * not built yet answers "w przygotowaniu" to these roles and 403 to the others, so the
 * per-role tests hold before and after the page arrives.
 */
import { ADMIN_ROLES, EDITOR_ROLES, STAFF_ROLES, type Role } from '../accounts/roles.js'
import type { TextKey } from './i18n.js'

export interface NavItem {
  label: TextKey
  href: string
  roles: readonly Role[]
}

export const ADMIN_NAV: readonly NavItem[] = [
  { label: 'nav.dashboard', href: '/admin', roles: STAFF_ROLES },
  { label: 'nav.stories', href: '/admin/artykuly', roles: STAFF_ROLES },
  // Translators upload images too (wire-desk stories); see src/media/library.ts.
  { label: 'nav.media', href: '/admin/media', roles: STAFF_ROLES },
  // The wire desk's intake roles (INTAKE_ROLES in src/wire/routes.tsx; not imported: that module imports the layout).
  { label: 'nav.wire', href: '/admin/serwisy', roles: ['administrator', 'editor', 'translator'] },
  // The translation glossary (src/translation/routes.tsx); the desk itself is reached from a story.
  { label: 'nav.glossary', href: '/admin/tlumaczenie/slownik', roles: ['administrator', 'editor', 'translator'] },
  { label: 'nav.pages', href: '/admin/strony', roles: EDITOR_ROLES },
  { label: 'nav.menus', href: '/admin/menu', roles: EDITOR_ROLES },
  { label: 'nav.taxonomy', href: '/admin/dzialy', roles: EDITOR_ROLES },
  { label: 'nav.authors', href: '/admin/autorzy', roles: EDITOR_ROLES },
  { label: 'nav.messages', href: '/admin/wiadomosci', roles: EDITOR_ROLES },
  { label: 'nav.users', href: '/admin/uzytkownicy', roles: ADMIN_ROLES },
  { label: 'nav.settings', href: '/admin/ustawienia', roles: ADMIN_ROLES },
  { label: 'nav.audit', href: '/admin/dziennik', roles: ADMIN_ROLES },
]

/** The entry a path belongs to (longest matching prefix). */
export function currentNav(path: string): NavItem | undefined {
  let best: NavItem | undefined
  for (const item of ADMIN_NAV) {
    const match = item.href === '/admin' ? path === '/admin' || path === '/admin/' : path === item.href || path.startsWith(`${item.href}/`)
    if (match && (!best || item.href.length > best.href.length)) best = item
  }
  return best
}
