/** "Moje konto": language, password, two-step verification, sessions. */
import { PASSWORD_MIN } from '../../accounts/passwords.js'
import { LANGUAGES } from '../../accounts/roles.js'
import { groupSecret } from '../../accounts/totp.js'
import type { Child } from 'hono/jsx'
import { ErrorSummary, Field, type Errors } from './forms.js'
import { AdminLayout, Csrf, type AdminView } from './layout.js'

export interface AccountState {
  totpEnabled: boolean
  /** Shown while enrolling: the secret and its otpauth URI. */
  enrolment?: { secret: string; uri: string } | undefined
  sessions: number
  errors?: { password?: Errors; totp?: Errors; language?: Errors }
  notice?: Child
}

export function AccountPage({ view, state }: { view: AdminView; state: AccountState }) {
  const { m, lang } = view
  const passwordErrors = state.errors?.password ?? {}
  const totpErrors = state.errors?.totp ?? {}
  const languageErrors = state.errors?.language ?? {}
  return (
    <AdminLayout view={view} title={m.accountTitle} notice={state.notice}>
      <h1>{m.accountTitle}</h1>
      <p>
        {view.user.name} · <span class="mono">{view.user.email}</span>
      </p>

      <section class="box" aria-labelledby="konto-jezyk">
        <h2 id="konto-jezyk">{m.accountLanguage}</h2>
        <form method="post" action="/admin/konto/jezyk">
          <Csrf token={view.csrf} />
          <div class="field">
            <label for="konto-language">{m['field.language']}</label>
            <select id="konto-language" name="language" aria-invalid={languageErrors.language ? 'true' : undefined}>
              {LANGUAGES.map((l) => (
                <option value={l} selected={l === lang}>
                  {m[`language.${l}`]}
                </option>
              ))}
            </select>
          </div>
          <button type="submit">{m.save}</button>
        </form>
      </section>

      <section class="box" aria-labelledby="konto-haslo">
        <h2 id="konto-haslo">{m.accountPassword}</h2>
        <ErrorSummary m={m} form="haslo" errors={passwordErrors} labels={{ current: 'field.currentPassword', password: 'field.newPassword', password2: 'field.password2' }} />
        <form method="post" action="/admin/konto/haslo">
          <Csrf token={view.csrf} />
          <input type="email" name="email" value={view.user.email} autocomplete="username" hidden readonly />
          <Field m={m} form="haslo" name="current" label="field.currentPassword" type="password" errors={passwordErrors} autocomplete="current-password" />
          <Field m={m} form="haslo" name="password" label="field.newPassword" type="password" errors={passwordErrors} autocomplete="new-password" hint={m.passwordHint(PASSWORD_MIN)} />
          <Field m={m} form="haslo" name="password2" label="field.password2" type="password" errors={passwordErrors} autocomplete="new-password" />
          <button type="submit">{m.accountPasswordSubmit}</button>
        </form>
      </section>

      <section class="box" aria-labelledby="konto-2fa">
        <h2 id="konto-2fa">{m.totpSection}</h2>
        {state.totpEnabled ? (
          <>
            <p>{m.totpOn}</p>
            <p>{m.totpDisableIntro}</p>
            <form method="post" action="/admin/konto/2fa/wylacz">
              <Csrf token={view.csrf} />
              <Field m={m} form="2fa-wylacz" name="code" label="field.code" errors={totpErrors} autocomplete="one-time-code" inputmode="numeric" maxlength={7} />
              <button type="submit" class="secondary">
                {m.totpDisable}
              </button>
            </form>
          </>
        ) : state.enrolment ? (
          <>
            <p>{m.totpEnrolIntro}</p>
            <p>
              {m.totpSecretLabel}: <code class="secret" id="totp-secret">{groupSecret(state.enrolment.secret)}</code>
            </p>
            <p>
              {m.totpUriLabel}: <code class="link-box" id="totp-uri">{state.enrolment.uri}</code>
            </p>
            <form method="post" action="/admin/konto/2fa/potwierdz">
              <Csrf token={view.csrf} />
              <Field m={m} form="2fa" name="code" label="field.code" errors={totpErrors} autocomplete="one-time-code" inputmode="numeric" maxlength={7} autofocus />
              <button type="submit">{m.totpConfirm}</button>
            </form>
          </>
        ) : (
          <>
            <p>{m.totpOff}</p>
            <form method="post" action="/admin/konto/2fa">
              <Csrf token={view.csrf} />
              <button type="submit">{m.totpStart}</button>
            </form>
          </>
        )}
      </section>

      <section class="box" aria-labelledby="konto-sesje">
        <h2 id="konto-sesje">{m.accountSessions}</h2>
        <p>{m.accountSessionsText(state.sessions)}</p>
        <form method="post" action="/admin/wyloguj-wszedzie">
          <Csrf token={view.csrf} />
          <button type="submit" class="secondary">
            {m.logoutEverywhere}
          </button>
        </form>
      </section>
    </AdminLayout>
  )
}
