/** The newsroom page frames: `AdminLayout` (signed in: header, menu) and `AuthLayout` (sign-in pages). */
import type { Child } from 'hono/jsx'
import { raw } from 'hono/html'
import type { Language, SessionUser } from '../../accounts/roles.js'
import { roleLabel, type Messages } from '../i18n.js'
import { ADMIN_NAV, currentNav } from '../nav.js'

/** What every signed-in page is rendered with. */
export interface AdminView {
  m: Messages
  lang: Language
  user: SessionUser
  csrf: string
  stylesheet: string
  /** The request path (menu highlight, return after switching language). */
  path: string
  timeZone: string
}

export function Csrf({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />
}

function Head({ title, m, stylesheet, scripts }: { title: string; m: Messages; stylesheet: string; scripts?: readonly string[] | undefined }) {
  return (
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="robots" content="noindex, nofollow" />
      <meta name="referrer" content="same-origin" />
      <meta name="color-scheme" content="light dark" />
      <title>{`${title} – ${m.appName}`}</title>
      <link rel="stylesheet" href={stylesheet} />
      {(scripts ?? []).map((src) => (
        <script type="module" src={src}></script>
      ))}
    </head>
  )
}

export interface AdminLayoutProps {
  view: AdminView
  title: string
  /** Module scripts for this page (e.g. the editor bundle's hashed URL); CSP allows 'self'. */
  scripts?: readonly string[]
  /** A success message shown above the content. */
  notice?: Child
  children?: Child
}

export function AdminLayout({ view, title, scripts, notice, children }: AdminLayoutProps) {
  const { m, lang, user, csrf } = view
  const other: Language = lang === 'pl' ? 'en' : 'pl'
  const current = currentNav(view.path)
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang={lang}>
        <Head title={title} m={m} stylesheet={view.stylesheet} scripts={scripts} />
        <body>
          <a class="skip" href="#tresc">
            {m.skipToContent}
          </a>
          <header class="admin-header">
            <a class="admin-brand" href="/admin">
              {m.appName}
            </a>
            <div class="admin-user">
              <span>
                {m.signedInAs} <a href="/admin/konto">{user.name}</a> <span class="role">({roleLabel(m, user.role)})</span>
              </span>
              <form class="inline" method="post" action="/admin/konto/jezyk">
                <Csrf token={csrf} />
                <input type="hidden" name="language" value={other} />
                <input type="hidden" name="next" value={view.path} />
                <button type="submit" class="link" lang={other} title={m.languageSwitchLabel}>
                  {m.languageSwitch}
                </button>
              </form>
              <form class="inline" method="post" action="/admin/wyloguj">
                <Csrf token={csrf} />
                <button type="submit" class="secondary">
                  {m.logout}
                </button>
              </form>
            </div>
          </header>
          <div class="admin-body">
            <nav class="admin-nav" aria-label={m.mainNav}>
              <ul>
                {ADMIN_NAV.filter((item) => item.roles.includes(user.role)).map((item) => (
                  <li>
                    <a href={item.href} aria-current={current?.href === item.href ? 'page' : undefined}>
                      {m[item.label]}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            <main id="tresc" class="admin-main" tabindex={-1}>
              {notice ? (
                <div class="notice" role="status">
                  {notice}
                </div>
              ) : null}
              {children}
            </main>
          </div>
        </body>
      </html>
    </>
  )
}

export interface AuthLayoutProps {
  m: Messages
  lang: Language
  stylesheet: string
  title: string
  children?: Child
}

/** Sign-in, set-up, invitation and password pages: one narrow card, no menu. */
export function AuthLayout({ m, lang, stylesheet, title, children }: AuthLayoutProps) {
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang={lang}>
        <Head title={title} m={m} stylesheet={stylesheet} />
        <body>
          <main id="tresc" class="auth">
            <a class="brand" href="/admin">
              {m.appName}
            </a>
            {children}
          </main>
        </body>
      </html>
    </>
  )
}
