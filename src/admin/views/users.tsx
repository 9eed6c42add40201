/** User management (administrators): accounts, roles, blocking, invitations. */
import type { Child } from 'hono/jsx'
import type { PendingInvitation } from '../../accounts/accounts.js'
import { ROLES, type Role, type User } from '../../accounts/roles.js'
import { roleLabel } from '../i18n.js'
import { ErrorSummary, Field, text, type Errors } from './forms.js'
import { formatWhen } from './format.js'
import { AdminLayout, Csrf, type AdminView } from './layout.js'

export interface UsersState {
  users: User[]
  invitations: PendingInvitation[]
  invite: { email: string; role: string; errors: Errors }
  notice?: Child
  /** A problem with an action on the list (e.g. the last administrator). */
  alert?: Errors
  now: Date
}

function RoleSelect({ view, id, name, value, invalid }: { view: AdminView; id: string; name: string; value: string; invalid?: boolean }) {
  return (
    <select id={id} name={name} aria-invalid={invalid ? 'true' : undefined}>
      {ROLES.map((r: Role) => (
        <option value={r} selected={r === value}>
          {roleLabel(view.m, r)}
        </option>
      ))}
    </select>
  )
}

/** The link box shown after an invitation or password link was made. */
export function LinkNotice({ lead, link, after }: { lead: string; link: string; after?: string | undefined }) {
  return (
    <>
      <p>{lead}</p>
      <p>
        <code class="link-box">{link}</code>
      </p>
      {after ? <p>{after}</p> : null}
    </>
  )
}

export function UsersPage({ view, state }: { view: AdminView; state: UsersState }) {
  const { m, lang, timeZone } = view
  const inviteErrors = state.invite.errors
  return (
    <AdminLayout view={view} title={m.usersTitle} notice={state.notice}>
      <h1>{m.usersTitle}</h1>
      {state.alert?.list ? (
        <div class="alert" role="alert">
          <p>{text(m, state.alert.list)}</p>
        </div>
      ) : null}

      <section class="box" aria-labelledby="zapros">
        <h2 id="zapros">{m.usersInvite}</h2>
        <ErrorSummary m={m} form="zapros" errors={inviteErrors} labels={{ email: 'field.email', role: 'field.role' }} />
        <form method="post" action="/admin/uzytkownicy/zaproszenia">
          <Csrf token={view.csrf} />
          <Field m={m} form="zapros" name="email" label="field.email" type="email" value={state.invite.email} errors={inviteErrors} autocomplete="off" maxlength={254} />
          <div class="field">
            <label for="zapros-role">{m['field.role']}</label>
            <RoleSelect view={view} id="zapros-role" name="role" value={state.invite.role || 'author'} invalid={!!inviteErrors.role} />
            {inviteErrors.role ? (
              <p class="field-error" id="zapros-role-blad">
                {text(m, inviteErrors.role)}
              </p>
            ) : null}
          </div>
          <button type="submit">{m.usersInviteSubmit}</button>
        </form>
      </section>

      <h2 id="konta">{m.usersList}</h2>
      <div class="table-wrap">
        <table aria-labelledby="konta">
          <thead>
            <tr>
              <th scope="col">{m.usersColName}</th>
              <th scope="col">{m.usersColEmail}</th>
              <th scope="col">{m.usersColRole}</th>
              <th scope="col">{m.usersColState}</th>
              <th scope="col">{m.usersColTotp}</th>
              <th scope="col">{m.usersColLastLogin}</th>
              <th scope="col">{m.usersColActions}</th>
            </tr>
          </thead>
          <tbody>
            {state.users.map((u) => (
              <tr id={`uzytkownik-${u.id}`}>
                <td>
                  {u.name} {u.id === view.user.id ? <span class="muted">{m.usersSelf}</span> : null}
                </td>
                <td class="mono">{u.email}</td>
                <td>{roleLabel(m, u.role)}</td>
                <td class={u.disabled ? 'state-disabled' : undefined}>{u.disabled ? m.usersDisabledState : m.usersActive}</td>
                <td>{u.totpEnabled ? m.yes : m.no}</td>
                <td>{formatWhen(u.lastLoginAt, lang, timeZone, m.never)}</td>
                <td>
                  <div class="actions">
                    <form class="inline" method="post" action={`/admin/uzytkownicy/${u.id}/rola`}>
                      <Csrf token={view.csrf} />
                      <label class="muted" for={`rola-${u.id}`}>
                        {m['field.role']}
                      </label>{' '}
                      <RoleSelect view={view} id={`rola-${u.id}`} name="role" value={u.role} />{' '}
                      <button type="submit" class="secondary">
                        {m.usersChangeRole}
                      </button>
                    </form>
                    <form class="inline" method="post" action={`/admin/uzytkownicy/${u.id}/${u.disabled ? 'odblokuj' : 'zablokuj'}`}>
                      <Csrf token={view.csrf} />
                      <button type="submit" class="secondary">
                        {u.disabled ? m.usersEnable : m.usersDisable}
                      </button>
                    </form>
                    {u.disabled ? null : (
                      <form class="inline" method="post" action={`/admin/uzytkownicy/${u.id}/link-hasla`}>
                        <Csrf token={view.csrf} />
                        <button type="submit" class="secondary">
                          {m.usersResetLink}
                        </button>
                      </form>
                    )}
                    {u.totpEnabled ? (
                      <form class="inline" method="post" action={`/admin/uzytkownicy/${u.id}/wylacz-2fa`}>
                        <Csrf token={view.csrf} />
                        <button type="submit" class="secondary">
                          {m.usersTotpOff}
                        </button>
                      </form>
                    ) : null}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2 id="zaproszenia">{m.usersPending}</h2>
      {state.invitations.length === 0 ? (
        <p class="muted">{m.usersNoPending}</p>
      ) : (
        <div class="table-wrap">
          <table aria-labelledby="zaproszenia">
            <thead>
              <tr>
                <th scope="col">{m.usersColEmail}</th>
                <th scope="col">{m.usersColRole}</th>
                <th scope="col">{m.usersColExpires}</th>
                <th scope="col">{m.usersColInvitedBy}</th>
                <th scope="col">{m.usersColActions}</th>
              </tr>
            </thead>
            <tbody>
              {state.invitations.map((inv) => (
                <tr id={`zaproszenie-${inv.id}`}>
                  <td class="mono">{inv.email}</td>
                  <td>{roleLabel(m, inv.role)}</td>
                  <td>{Date.parse(inv.expiresAt) <= state.now.getTime() ? m.usersExpired : formatWhen(inv.expiresAt, lang, timeZone)}</td>
                  <td>{inv.invitedByName ?? ''}</td>
                  <td>
                    <div class="actions">
                      <form class="inline" method="post" action={`/admin/uzytkownicy/zaproszenia/${inv.id}/ponow`}>
                        <Csrf token={view.csrf} />
                        <button type="submit" class="secondary">
                          {m.usersReinvite}
                        </button>
                      </form>
                      <form class="inline" method="post" action={`/admin/uzytkownicy/zaproszenia/${inv.id}/cofnij`}>
                        <Csrf token={view.csrf} />
                        <button type="submit" class="secondary">
                          {m.usersRevoke}
                        </button>
                      </form>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </AdminLayout>
  )
}
