/** Pages before sign-in: sign-in, TOTP step, owner set-up, invitation, password reset. */
import type { Child } from 'hono/jsx'
import { PASSWORD_MIN } from '../../accounts/passwords.js'
import type { Language, Role } from '../../accounts/roles.js'
import { roleLabel, type Messages, type TextKey } from '../i18n.js'
import { Alert, ErrorSummary, Field, Notice, type Errors } from './forms.js'
import { AuthLayout, Csrf } from './layout.js'

export interface AuthView {
  m: Messages
  lang: Language
  stylesheet: string
  csrf: string
}

export function LoginPage(p: { view: AuthView; email: string; next: string; alert?: string | undefined; notice?: string | undefined }) {
  const { m } = p.view
  return (
    <AuthLayout m={m} lang={p.view.lang} stylesheet={p.view.stylesheet} title={m.loginTitle}>
      <h1>{m.loginTitle}</h1>
      {p.notice ? <Notice>{p.notice}</Notice> : null}
      {p.alert ? <Alert>{p.alert}</Alert> : <p>{m.loginIntro}</p>}
      <form method="post" action="/admin/logowanie">
        <Csrf token={p.view.csrf} />
        <input type="hidden" name="next" value={p.next} />
        <Field m={m} form="logowanie" name="email" label="field.email" type="email" value={p.email} errors={{}} autocomplete="username" maxlength={254} autofocus={!p.email} />
        <Field m={m} form="logowanie" name="password" label="field.password" type="password" errors={{}} autocomplete="current-password" autofocus={!!p.email} />
        <button type="submit">{m.loginSubmit}</button>
      </form>
      <p>
        <a href="/admin/haslo">{m.loginForgot}</a>
      </p>
    </AuthLayout>
  )
}

export function TotpPage(p: { view: AuthView; next: string; alert?: string | undefined }) {
  const { m } = p.view
  return (
    <AuthLayout m={m} lang={p.view.lang} stylesheet={p.view.stylesheet} title={m.totpTitle}>
      <h1>{m.totpTitle}</h1>
      {p.alert ? <Alert>{p.alert}</Alert> : null}
      <p>{m.totpIntro}</p>
      <form method="post" action="/admin/logowanie/kod">
        <Csrf token={p.view.csrf} />
        <input type="hidden" name="next" value={p.next} />
        <Field m={m} form="kod" name="code" label="field.code" errors={{}} autocomplete="one-time-code" inputmode="numeric" maxlength={7} autofocus />
        <button type="submit">{m.totpSubmit}</button>
      </form>
      <p>
        <a href="/admin/logowanie">{m.backToLogin}</a>
      </p>
    </AuthLayout>
  )
}

const NEW_ACCOUNT_LABELS: Record<string, TextKey> = {
  email: 'field.email',
  name: 'field.name',
  password: 'field.password',
  password2: 'field.password2',
}

function PasswordFields({ m, form, errors }: { m: Messages; form: string; errors: Errors }) {
  return (
    <>
      <Field m={m} form={form} name="password" label="field.password" type="password" errors={errors} autocomplete="new-password" hint={m.passwordHint(PASSWORD_MIN)} />
      <Field m={m} form={form} name="password2" label="field.password2" type="password" errors={errors} autocomplete="new-password" />
    </>
  )
}

export function SetupPage(p: { view: AuthView; token: string; values: { email: string; name: string }; errors: Errors }) {
  const { m } = p.view
  return (
    <AuthLayout m={m} lang={p.view.lang} stylesheet={p.view.stylesheet} title={m.setupTitle}>
      <h1>{m.setupTitle}</h1>
      <p>{m.setupIntro}</p>
      <ErrorSummary m={m} form="wlasciciel" errors={p.errors} labels={NEW_ACCOUNT_LABELS} />
      <form method="post" action={`/admin/setup/${p.token}`}>
        <Csrf token={p.view.csrf} />
        <Field m={m} form="wlasciciel" name="name" label="field.name" value={p.values.name} errors={p.errors} autocomplete="name" maxlength={200} />
        <Field m={m} form="wlasciciel" name="email" label="field.email" type="email" value={p.values.email} errors={p.errors} autocomplete="email" maxlength={254} />
        <PasswordFields m={m} form="wlasciciel" errors={p.errors} />
        <button type="submit">{m.setupSubmit}</button>
      </form>
    </AuthLayout>
  )
}

export function InvitationPage(p: { view: AuthView; token: string; email: string; role: Role; values: { name: string }; errors: Errors }) {
  const { m } = p.view
  return (
    <AuthLayout m={m} lang={p.view.lang} stylesheet={p.view.stylesheet} title={m.inviteAcceptTitle}>
      <h1>{m.inviteAcceptTitle}</h1>
      <p>{m.inviteAcceptIntro(p.email, roleLabel(m, p.role))}</p>
      <ErrorSummary m={m} form="zaproszenie" errors={p.errors} labels={{ name: 'field.name', password: 'field.password', password2: 'field.password2' }} />
      <form method="post" action={`/admin/zaproszenie/${p.token}`}>
        <Csrf token={p.view.csrf} />
        <input type="email" name="email" value={p.email} autocomplete="username" hidden readonly />
        <Field m={m} form="zaproszenie" name="name" label="field.name" value={p.values.name} errors={p.errors} autocomplete="name" maxlength={200} />
        <PasswordFields m={m} form="zaproszenie" errors={p.errors} />
        <button type="submit">{m.inviteAcceptSubmit}</button>
      </form>
    </AuthLayout>
  )
}

export function ResetRequestPage(p: { view: AuthView; email: string; errors: Errors; notice?: string | undefined; alert?: string | undefined }) {
  const { m } = p.view
  return (
    <AuthLayout m={m} lang={p.view.lang} stylesheet={p.view.stylesheet} title={m.resetRequestTitle}>
      <h1>{m.resetRequestTitle}</h1>
      {p.notice ? <Notice>{p.notice}</Notice> : null}
      {p.alert ? <Alert>{p.alert}</Alert> : null}
      <ErrorSummary m={m} form="haslo" errors={p.errors} labels={{ email: 'field.email' }} />
      <p>{m.resetRequestIntro}</p>
      <form method="post" action="/admin/haslo">
        <Csrf token={p.view.csrf} />
        <Field m={m} form="haslo" name="email" label="field.email" type="email" value={p.email} errors={p.errors} autocomplete="email" maxlength={254} />
        <button type="submit">{m.resetRequestSubmit}</button>
      </form>
      <p>
        <a href="/admin/logowanie">{m.backToLogin}</a>
      </p>
    </AuthLayout>
  )
}

export function ResetPage(p: { view: AuthView; token: string; email: string; errors: Errors }) {
  const { m } = p.view
  return (
    <AuthLayout m={m} lang={p.view.lang} stylesheet={p.view.stylesheet} title={m.resetTitle}>
      <h1>{m.resetTitle}</h1>
      <ErrorSummary m={m} form="nowe-haslo" errors={p.errors} labels={{ password: 'field.password', password2: 'field.password2' }} />
      <form method="post" action={`/admin/haslo/${p.token}`}>
        <Csrf token={p.view.csrf} />
        <input type="email" name="email" value={p.email} autocomplete="username" hidden readonly />
        <PasswordFields m={m} form="nowe-haslo" errors={p.errors} />
        <button type="submit">{m.resetSubmit}</button>
      </form>
    </AuthLayout>
  )
}

/** A dead end with one way out (invalid or used link). */
export function MessagePage(p: { view: AuthView; title: string; message: string; link?: { href: string; label: string }; children?: Child }) {
  const { m } = p.view
  return (
    <AuthLayout m={m} lang={p.view.lang} stylesheet={p.view.stylesheet} title={p.title}>
      <h1>{p.title}</h1>
      <p>{p.message}</p>
      {p.children}
      <p>
        <a href={p.link?.href ?? '/admin/logowanie'}>{p.link?.label ?? m.backToLogin}</a>
      </p>
    </AuthLayout>
  )
}
