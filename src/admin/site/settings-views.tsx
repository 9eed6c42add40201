/** Menus (`/admin/menu`) and site settings (`/admin/ustawienia`). */
import type { ContactMessageRow } from '../../contact/contact.table.js'
import { formatWhen } from '../views/format.js'
import { AdminLayout, Csrf, type AdminView } from '../view.js'
import { text } from '../views/forms.js'
import { ActionButton, Input, Problems, type Errors } from './parts.js'

// ── menus ────────────────────────────────────────────────────────────────────

export type MenuName = 'menu' | 'footerMenu'
/** The form's path segment of each menu. */
export const MENU_PATHS: Record<MenuName, string> = { menu: 'glowne', footerMenu: 'stopka' }

/** One row as the form edits it: `target` is a site path from the list, or `url` for a typed address. */
export interface MenuRow {
  label: string
  target: string
  url: string
  order: string
}

export interface MenuTarget {
  value: string
  label: string
}

export interface MenuFormState {
  rows: MenuRow[]
  /** Per row: field → message key. */
  errors: Array<Errors>
  alert?: string | undefined
}

/** Empty rows offered under the existing ones. */
export const SPARE_ROWS = 3

function MenuForm({ view, name, state, targets, query }: { view: AdminView; name: MenuName; state: MenuFormState; targets: { pages: MenuTarget[]; sections: MenuTarget[] }; query: string }) {
  const { m, csrf } = view
  const rows = [...state.rows, ...Array.from({ length: SPARE_ROWS }, () => ({ label: '', target: '', url: '', order: '' }))]
  const form = MENU_PATHS[name]
  const bad = state.errors.reduce((n, e) => n + Object.keys(e).length, 0)
  return (
    <section class="box" aria-labelledby={`menu-${form}`}>
      <h2 id={`menu-${form}`}>{name === 'menu' ? m['menus.main'] : m['menus.footer']}</h2>
      {bad > 0 ? (
        <div class="alert" role="alert">
          <p>
            <strong>{m.formErrors(bad)}</strong>
          </p>
          <ul>
            {state.errors.flatMap((e, i) =>
              Object.entries(e).map(([field, key]) => (
                <li>
                  <a href={`#${form}-${field}-${i}`}>
                    {m['menus.row'](i + 1)}: {text(m, key!)}
                  </a>
                </li>
              )),
            )}
          </ul>
        </div>
      ) : null}
      {state.alert ? (
        <div class="alert" role="alert">
          <p>{state.alert}</p>
        </div>
      ) : null}
      <form method="post" action={`/admin/menu/${form}${query}`} novalidate>
        <Csrf token={csrf} />
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{m['menus.colOrder']}</th>
                <th scope="col">{m['menus.colLabel']}</th>
                <th scope="col">{m['menus.colTarget']}</th>
                <th scope="col">{m['menus.colUrl']}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => {
                const e = state.errors[i] ?? {}
                const cell = (field: 'label' | 'url' | 'order' | 'target') => ({
                  id: `${form}-${field}-${i}`,
                  name: `${field}.${i}`,
                  'aria-invalid': e[field] ? 'true' : undefined,
                  'aria-describedby': e[field] ? `${form}-${field}-${i}-blad` : undefined,
                })
                const err = (field: string) =>
                  e[field] ? (
                    <p class="field-error" id={`${form}-${field}-${i}-blad`}>
                      {text(m, e[field]!)}
                    </p>
                  ) : null
                return (
                  <tr>
                    <td>
                      <input {...cell('order')} class="narrow" type="number" inputmode="numeric" value={row.order || (i < state.rows.length ? String((i + 1) * 10) : '')} aria-label={`${m['menus.colOrder']} ${i + 1}`} />
                      {err('order')}
                    </td>
                    <td>
                      <input {...cell('label')} type="text" value={row.label} maxlength={60} aria-label={`${m['menus.colLabel']} ${i + 1}`} />
                      {err('label')}
                    </td>
                    <td>
                      <select {...cell('target')} aria-label={`${m['menus.colTarget']} ${i + 1}`}>
                        <option value="" selected={row.target === ''}>
                          {m['menus.targetNone']}
                        </option>
                        <optgroup label={m['menus.groupSections']}>
                          {targets.sections.map((t) => (
                            <option value={t.value} selected={row.target === t.value}>
                              {t.label}
                            </option>
                          ))}
                        </optgroup>
                        <optgroup label={m['menus.groupPages']}>
                          {targets.pages.map((t) => (
                            <option value={t.value} selected={row.target === t.value}>
                              {t.label}
                            </option>
                          ))}
                        </optgroup>
                        <option value="url" selected={row.target === 'url'}>
                          {m['menus.targetUrl']}
                        </option>
                      </select>
                      {err('target')}
                    </td>
                    <td>
                      <input {...cell('url')} type="url" value={row.url} maxlength={500} aria-label={`${m['menus.colUrl']} ${i + 1}`} />
                      {err('url')}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
        <p class="hint">{m['menus.hint']}</p>
        <button type="submit">{m['menus.save']}</button>
      </form>
    </section>
  )
}

/** The language editions whose menus can be edited (only shown when there are several). */
export interface MenuEditions {
  current: string
  enabled: readonly string[]
  /** The edition has no menus of its own yet (the site derives them). */
  derived: boolean
}

export function MenusPage({
  view,
  menus,
  targets,
  notice,
  editions,
}: {
  view: AdminView
  menus: Record<MenuName, MenuFormState>
  targets: { pages: MenuTarget[]; sections: MenuTarget[] }
  notice?: string | undefined
  editions: MenuEditions
}) {
  const { m } = view
  const query = editions.current === 'pl' ? '' : `?wydanie=${editions.current}`
  const label = (code: string) => (m as unknown as Record<string, string | undefined>)[`edition.${code}`] ?? code
  return (
    <AdminLayout view={view} title={m['nav.menus']} notice={notice}>
      <h1>{m['nav.menus']}</h1>
      <p class="muted">{m['menus.intro']}</p>
      {editions.enabled.length > 1 ? (
        <nav aria-label={m['menus.edition']}>
          <p>
            {m['menus.edition']}:{' '}
            {editions.enabled.map((code, i) => (
              <>
                {i > 0 ? ' · ' : ''}
                <a href={code === 'pl' ? '/admin/menu' : `/admin/menu?wydanie=${code}`} aria-current={code === editions.current ? 'page' : undefined}>
                  {label(code)}
                </a>
              </>
            ))}
          </p>
        </nav>
      ) : null}
      {editions.derived ? <p class="notice">{m['menus.editionDerived']}</p> : null}
      <MenuForm view={view} name="menu" state={menus.menu} targets={targets} query={query} />
      <MenuForm view={view} name="footerMenu" state={menus.footerMenu} targets={targets} query={query} />
    </AdminLayout>
  )
}

// ── settings ─────────────────────────────────────────────────────────────────

export interface SettingsValues {
  name: string
  description: string
  language: string
  timeZone: string
  publisher: string
}

export const SITE_LANGUAGES = ['pl', 'en', 'uk', 'de', 'cs', 'lt'] as const

/** The language editions' part of the settings (the `editions` settings key). */
export interface EditionValues {
  /** Edition codes other than Polish that can be switched on. */
  available: readonly string[]
  enabled: readonly string[]
  name: Record<string, string>
  description: Record<string, string>
  errors: Errors
}

function EditionsForm({ view, e }: { view: AdminView; e: EditionValues }) {
  const { m, csrf } = view
  const label = (code: string) => (m as unknown as Record<string, string | undefined>)[`edition.${code}`] ?? code
  const labels: Record<string, string> = {}
  for (const code of e.available) {
    labels[`name.${code}`] = `${m['field.editionName']} (${label(code)})`
    labels[`description.${code}`] = `${m['field.editionDescription']} (${label(code)})`
  }
  return (
    <section class="box" aria-labelledby="wydania">
      <h2 id="wydania">{m['settings.editions']}</h2>
      <p class="muted">{m['settings.editionsIntro']}</p>
      <Problems m={m} form="wydania" errors={e.errors} labels={labels} />
      <form method="post" action="/admin/ustawienia/wydania" novalidate>
        <Csrf token={csrf} />
        {e.available.map((code) => (
          <fieldset class="field">
            <legend>{label(code)}</legend>
            <label>
              <input type="checkbox" name={`enabled.${code}`} value="1" checked={e.enabled.includes(code)} /> {m['settings.editionOn']}
            </label>
            <Input m={m} form="wydania" name={`name.${code}`} label={labels[`name.${code}`]!} value={e.name[code] ?? ''} errors={e.errors} maxlength={100} hint={m['settings.editionNameHint']} />
            <Input m={m} form="wydania" name={`description.${code}`} label={labels[`description.${code}`]!} value={e.description[code] ?? ''} errors={e.errors} maxlength={300} rows={2} />
          </fieldset>
        ))}
        <button type="submit">{m['settings.editionsSave']}</button>
      </form>
    </section>
  )
}

export function SettingsPage({ view, values, errors, notice, editions }: { view: AdminView; values: SettingsValues; errors: Errors; notice?: string | undefined; editions: EditionValues }) {
  const { m, csrf } = view
  const labels = { name: m['field.siteName'], description: m['field.siteDescription'], language: m['field.siteLanguage'], timeZone: m['field.timeZone'], publisher: m['field.publisher'] }
  return (
    <AdminLayout view={view} title={m['settings.title']} notice={notice}>
      <h1>{m['settings.title']}</h1>
      <Problems m={m} form="ustawienia" errors={errors} labels={labels} />
      <form method="post" action="/admin/ustawienia" novalidate>
        <Csrf token={csrf} />
        <Input m={m} form="ustawienia" name="name" label={labels.name} value={values.name} errors={errors} maxlength={100} required />
        <Input m={m} form="ustawienia" name="description" label={labels.description} value={values.description} errors={errors} maxlength={300} rows={3} hint={m['settings.descriptionHint']} />
        <Input
          m={m}
          form="ustawienia"
          name="language"
          label={labels.language}
          value={values.language}
          errors={errors}
          options={SITE_LANGUAGES.map((l) => ({ value: l, label: `${m[`siteLanguage.${l}`]} (${l})` }))}
        />
        <Input m={m} form="ustawienia" name="timeZone" label={labels.timeZone} value={values.timeZone} errors={errors} maxlength={64} hint={m['settings.timeZoneHint']} />
        <Input m={m} form="ustawienia" name="publisher" label={labels.publisher} value={values.publisher} errors={errors} maxlength={200} hint={m['settings.publisherHint']} />
        <button type="submit">{m.save}</button>
      </form>
      <EditionsForm view={view} e={editions} />
      <p class="muted">{m['settings.elsewhere']}</p>
    </AdminLayout>
  )
}

// ── contact inbox ───────────────────────────────────────────────────────────

export function InboxPage({
  view,
  messages,
  unhandledOnly,
  unhandled,
  total,
  page,
  pages,
  notice,
}: {
  view: AdminView
  messages: ContactMessageRow[]
  unhandledOnly: boolean
  unhandled: number
  total: number
  page: number
  pages: number
  notice?: string | undefined
}) {
  const { m } = view
  const link = (n: number) => `/admin/wiadomosci?${new URLSearchParams({ ...(unhandledOnly ? { nowe: '1' } : {}), ...(n > 1 ? { strona: String(n) } : {}) }).toString()}`
  return (
    <AdminLayout view={view} title={m['inbox.title']} notice={notice}>
      <h1>{m['inbox.title']}</h1>
      <p>
        {m['inbox.counts'](total, unhandled)}{' '}
        {unhandledOnly ? <a href="/admin/wiadomosci">{m['inbox.showAll']}</a> : <a href="/admin/wiadomosci?nowe=1">{m['inbox.showUnhandled']}</a>}
      </p>
      {messages.length === 0 ? (
        <p>{m['inbox.empty']}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{m['inbox.colWhen']}</th>
                <th scope="col">{m['inbox.colFrom']}</th>
                <th scope="col">{m['inbox.colMessage']}</th>
                <th scope="col">{m['inbox.colState']}</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((msg) => (
                <tr>
                  <td>{formatWhen(msg.created_at, view.lang, view.timeZone)}</td>
                  <td>
                    {msg.name}
                    <br />
                    <span class="muted">{msg.email}</span>
                  </td>
                  <td>
                    <a href={`/admin/wiadomosci/${msg.id}`}>{msg.message.length > 120 ? `${msg.message.slice(0, 117)}…` : msg.message}</a>
                  </td>
                  <td>{msg.handled_at ? m['inbox.handled'] : <strong>{m['inbox.new']}</strong>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p class="pager">
        {page > 1 ? <a href={link(page - 1)}>{m['tax.prev']}</a> : null} {page < pages ? <a href={link(page + 1)}>{m['tax.next']}</a> : null}
      </p>
    </AdminLayout>
  )
}

export function MessagePage({ view, msg }: { view: AdminView; msg: ContactMessageRow }) {
  const { m, csrf } = view
  return (
    <AdminLayout view={view} title={`${m['inbox.message']} – ${msg.name}`}>
      <p>
        <a href="/admin/wiadomosci">{m['inbox.back']}</a>
      </p>
      <h1>
        {m['inbox.message']}: {msg.name}
      </h1>
      <dl class="message-meta">
        <dt>{m['inbox.colFrom']}</dt>
        <dd>
          {msg.name} &lt;<a href={`mailto:${msg.email}`}>{msg.email}</a>&gt;
        </dd>
        <dt>{m['inbox.colWhen']}</dt>
        <dd>{formatWhen(msg.created_at, view.lang, view.timeZone)}</dd>
        <dt>{m['inbox.colState']}</dt>
        <dd>{msg.handled_at ? `${m['inbox.handled']} (${formatWhen(msg.handled_at, view.lang, view.timeZone)})` : m['inbox.new']}</dd>
        <dt>IP</dt>
        <dd>{msg.ip || '–'}</dd>
      </dl>
      <div class="message-text">
        {msg.message}
      </div>
      <p class="actions">
        {msg.handled_at ? (
          <ActionButton action={`/admin/wiadomosci/${msg.id}/zalatwione`} csrf={csrf} label={m['inbox.markUnhandled']} hidden={{ handled: '0' }} />
        ) : (
          <ActionButton action={`/admin/wiadomosci/${msg.id}/zalatwione`} csrf={csrf} label={m['inbox.markHandled']} hidden={{ handled: '1' }} />
        )}{' '}
        <ActionButton action={`/admin/wiadomosci/${msg.id}/usun`} csrf={csrf} label={m['inbox.delete']} danger />
      </p>
    </AdminLayout>
  )
}
