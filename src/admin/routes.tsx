/**
 * @module
 * The newsroom shell under `/admin` (and `/api/admin`): sessions, CSRF and no-store on every
 * response; sign-in (with throttling and TOTP), sign-out (here and everywhere), owner
 * set-up, invitations, password reset, "Moje konto", user management and the audit log.
 *
 * Registration order in app.tsx: `registerAdminRoutes` (middleware + these pages), then the
 * newsroom's own routes (editorial workflow, media …), then `registerAdminFallbacks` (the
 * dashboard placeholder, "w przygotowaniu" pages for menu entries not built yet, 404s).
 */
import type { Context, Hono } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { Accounts, EmailTakenError, LastAdministratorError, toUser } from '../accounts/accounts.js'
import type { UserRow } from '../accounts/accounts.table.js'
import { audit } from '../accounts/audit.js'
import {
  clearSessionCookie,
  csrfProtection,
  csrfToken,
  currentUser,
  MFA_COOKIE,
  SESSION_COOKIE,
  problem,
  requireRole,
  requireUser,
  sessionMiddleware,
  setSessionCookie,
  signIn,
  signOut,
} from '../accounts/auth.js'
import { auditActions, listAudit, writeAudit } from '../accounts/audit.js'
import { verifyAgainstDummy, verifyPassword } from '../accounts/passwords.js'
import { ADMIN_ROLES, type Language, type Role, type SessionUser } from '../accounts/roles.js'
import { countUserSessions, createSession, deleteSession, deleteUserSessions, loadSession, MFA_PENDING_MS, pruneSessions } from '../accounts/sessions.js'
import { sha256Hex } from '../accounts/tokens.js'
import { otpauthUri } from '../accounts/totp.js'
import { emailError, normalizeEmail, parseLanguage, parseRole, passwordError, validateNewAccount, type FieldErrors } from '../accounts/validation.js'
import { clientIp, SlidingWindowLimiter } from '../contact/rate-limit.js'
import type { AppDeps } from '../server/deps.js'
import { adminStylesheetUrl } from './assets.js'
import { messages, roleLabel, type Messages } from './i18n.js'
import { ADMIN_NAV } from './nav.js'
import { AccountPage, type AccountState } from './views/account.js'
import { AuditPage } from './views/audit.js'
import { LoginPage, InvitationPage, MessagePage, ResetPage, ResetRequestPage, SetupPage, TotpPage, type AuthView } from './views/auth-pages.js'
import { ComingSoonPage, DashboardPage } from './views/dashboard.js'
import { renderAdminError } from './views/errors.js'
import type { Errors } from './views/forms.js'
import { adminView } from './view.js'
import { LinkNotice, UsersPage, type UsersState } from './views/users.js'
import { sendHtml } from '../platform/html.js'

const HOUR_MS = 60 * 60 * 1000
const AUDIT_PAGE = 50
export const ADMIN_CACHE_CONTROL = 'private, no-store'

/** Where to go after signing in: only our own newsroom paths (no open redirect). */
export function safeNext(raw: string | undefined): string {
  if (!raw) return '/admin'
  if (!/^\/admin(?:[/?#][^\s\\]*)?$/.test(raw) || raw.startsWith('//') || raw.includes('/..')) return '/admin'
  return raw
}

function field(body: Record<string, unknown>, name: string): string {
  const v = body[name]
  return typeof v === 'string' ? v : ''
}

function idParam(c: Context): number | null {
  const raw = c.req.param('id') ?? ''
  return /^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : null
}

function sessionUserOf(row: UserRow): SessionUser {
  const u = toUser(row)
  return { id: u.id, email: u.email, name: u.name, role: u.role, language: u.language }
}

export function registerAdminRoutes(app: Hono, deps: AppDeps): void {
  const accounts = () => Accounts.for(deps)
  const stylesheet = () => adminStylesheetUrl(deps)
  const secure = deps.config.publicUrl.startsWith('https:')
  const ipOf = (c: Context) => clientIp(c, deps.config.trustProxy)
  const resetPerIp = new SlidingWindowLimiter({ limit: 10, windowMs: HOUR_MS })
  const resetPerEmail = new SlidingWindowLimiter({ limit: 3, windowMs: HOUR_MS })

  for (const base of ['/admin/*', '/api/admin/*']) {
    app.use(base, async (c, next) => {
      await next()
      c.res.headers.set('Cache-Control', ADMIN_CACHE_CONTROL)
      c.res.headers.set('X-Robots-Tag', 'noindex, nofollow')
    })
    app.use(base, sessionMiddleware(deps), csrfProtection(deps))
  }

  const authView = (c: Context, lang: Language = 'pl'): AuthView => ({ m: messages(lang), lang, stylesheet: stylesheet(), csrf: csrfToken(c) })


  // ── sign-in ──────────────────────────────────────────────────────────────

  function loginNotice(c: Context, m: Messages): string | undefined {
    if (c.req.query('wylogowano') !== undefined) return m.loggedOut
    if (c.req.query('wszedzie') !== undefined) return m.loggedOutEverywhere
    if (c.req.query('haslo') !== undefined) return m.resetDone
    if (c.req.query('next') !== undefined) return m.loginRequired
    return undefined
  }

  app.get('/admin/logowanie', (c) => {
    const next = safeNext(c.req.query('next'))
    if (c.get('user')) return c.redirect(next, 303)
    const view = authView(c)
    return sendHtml(c, <LoginPage view={view} email="" next={next} notice={loginNotice(c, view.m)} />)
  })

  function throttled(c: Context, retryAfterMs: number): Response | Promise<Response> {
    const view = authView(c)
    c.header('Retry-After', String(Math.ceil(retryAfterMs / 1000)))
    return sendHtml(c, <LoginPage view={view} email="" next="/admin" alert={view.m.loginThrottled(Math.max(1, Math.ceil(retryAfterMs / 60_000)))} />, 429)
  }

  /** Password (and code, when enabled) accepted: a fresh session, the cookie, the audit entry. */
  async function finishLogin(c: Context, row: UserRow, next: string, detail: Record<string, unknown>): Promise<Response> {
    const acc = await accounts()
    const now = deps.now()
    const ip = ipOf(c)
    await acc.throttle.record(row.email, ip, true, now)
    const previous = getCookie(c, SESSION_COOKIE)
    if (previous) await deleteSession(deps.dbh.db, previous)
    const token = await createSession(deps.dbh.db, row.id, now, { ip, userAgent: c.req.header('user-agent') ?? '' })
    await acc.markSignedIn(row.id)
    await pruneSessions(deps.dbh.db, now)
    setSessionCookie(c, token)
    signIn(c, { id: sha256Hex(token), token, user: sessionUserOf(row), expiresAt: '' })
    await audit(deps, c, 'login.success', `user:${row.id}`, detail)
    return c.redirect(next, 303)
  }

  app.post('/admin/logowanie', async (c) => {
    const body = await c.req.parseBody()
    const email = normalizeEmail(field(body, 'email')).slice(0, 320)
    const password = field(body, 'password')
    const next = safeNext(field(body, 'next'))
    const view = authView(c)
    const { m } = view
    if (!email || !password) return sendHtml(c, <LoginPage view={view} email={email} next={next} alert={m.loginFailed} />, 401)
    const acc = await accounts()
    const ip = ipOf(c)
    const now = deps.now()
    const decision = await acc.throttle.check(email, ip, now)
    if (!decision.allowed) {
      deps.logger.warn({ reqId: c.get('requestId'), ip, scope: decision.scope }, 'sign-in throttled')
      return throttled(c, decision.retryAfterMs)
    }
    const row = await acc.findByEmail(email)
    // Unknown e-mails cost one argon2 verification too: the answer's timing tells nothing.
    const ok = row ? await verifyPassword(row.password_hash, password) : await verifyAgainstDummy(password)
    if (!row || !ok || row.disabled) {
      await acc.throttle.record(email, ip, false, now)
      const reason = !row ? 'unknown_email' : !ok ? 'password' : 'disabled'
      await audit(deps, c, 'login.failed', row ? `user:${row.id}` : `email:${email}`, { email, reason })
      // A disabled account is named only to someone who knows its password.
      if (row && ok && row.disabled) return sendHtml(c, <LoginPage view={view} email={email} next={next} alert={m.loginDisabled} />, 403)
      return sendHtml(c, <LoginPage view={view} email={email} next={next} alert={m.loginFailed} />, 401)
    }
    if (row.totp_enabled) {
      const pending = await createSession(deps.dbh.db, row.id, now, { ip, userAgent: c.req.header('user-agent') ?? '' }, { mfaPending: true })
      setCookie(c, MFA_COOKIE, pending, { path: '/admin', httpOnly: true, sameSite: 'Lax', secure, maxAge: MFA_PENDING_MS / 1000 })
      return c.redirect(next === '/admin' ? '/admin/logowanie/kod' : `/admin/logowanie/kod?next=${encodeURIComponent(next)}`, 303)
    }
    return finishLogin(c, row, next, { mfa: false })
  })

  async function pendingMfa(c: Context) {
    const token = getCookie(c, MFA_COOKIE)
    return token ? loadSession(deps.dbh.db, token, deps.now(), { mfaPending: true }) : null
  }

  app.get('/admin/logowanie/kod', async (c) => {
    const next = safeNext(c.req.query('next'))
    const view = authView(c)
    if (!(await pendingMfa(c))) return sendHtml(c, <LoginPage view={view} email="" next={next} alert={view.m.totpExpired} />)
    return sendHtml(c, <TotpPage view={view} next={next} />)
  })

  app.post('/admin/logowanie/kod', async (c) => {
    const body = await c.req.parseBody()
    const next = safeNext(field(body, 'next'))
    const view = authView(c)
    const pending = await pendingMfa(c)
    const dropPending = async () => {
      const token = getCookie(c, MFA_COOKIE)
      if (token) await deleteSession(deps.dbh.db, token)
      deleteCookie(c, MFA_COOKIE, { path: '/admin', httpOnly: true, sameSite: 'Lax', secure })
    }
    if (!pending) {
      await dropPending()
      return sendHtml(c, <LoginPage view={view} email="" next={next} alert={view.m.totpExpired} />, 401)
    }
    const acc = await accounts()
    const ip = ipOf(c)
    const now = deps.now()
    const email = pending.user.email
    const decision = await acc.throttle.check(email, ip, now)
    if (!decision.allowed) {
      await dropPending()
      return throttled(c, decision.retryAfterMs)
    }
    if (!(await acc.verifyUserTotp(pending.user.id, field(body, 'code')))) {
      await acc.throttle.record(email, ip, false, now)
      await audit(deps, c, 'login.failed', `user:${pending.user.id}`, { email, reason: 'totp' })
      return sendHtml(c, <TotpPage view={view} next={next} alert={view.m['error.codeInvalid']} />, 401)
    }
    await dropPending()
    const row = await acc.getRow(pending.user.id)
    if (!row || row.disabled) return sendHtml(c, <LoginPage view={view} email="" next={next} alert={view.m.loginFailed} />, 401)
    return finishLogin(c, row, next, { mfa: true })
  })

  app.post('/admin/wyloguj', async (c) => {
    const session = c.get('authSession')
    if (session) {
      await audit(deps, c, 'logout', `user:${session.user.id}`)
      await deleteSession(deps.dbh.db, session.token)
    }
    clearSessionCookie(c)
    signOut(c)
    return c.redirect('/admin/logowanie?wylogowano', 303)
  })

  app.post('/admin/wyloguj-wszedzie', requireUser(), async (c) => {
    const user = currentUser(c)
    const ended = await deleteUserSessions(deps.dbh.db, user.id)
    await audit(deps, c, 'logout.all', `user:${user.id}`, { sessions: ended })
    clearSessionCookie(c)
    signOut(c)
    return c.redirect('/admin/logowanie?wszedzie', 303)
  })

  // ── owner set-up (the link printed at first start) ──────────────────────

  function setupInvalid(c: Context): Response | Promise<Response> {
    const view = authView(c)
    return sendHtml(c, <MessagePage view={view} title={view.m.setupTitle} message={view.m.setupInvalid} />, 404)
  }

  app.get('/admin/setup/:token', async (c) => {
    const token = c.req.param('token')
    if (!(await (await accounts()).ownerSetupValid(token))) return setupInvalid(c)
    return sendHtml(c, <SetupPage view={authView(c)} token={token} values={{ email: '', name: '' }} errors={{}} />)
  })

  app.post('/admin/setup/:token', async (c) => {
    const token = c.req.param('token')
    const acc = await accounts()
    if (!(await acc.ownerSetupValid(token))) return setupInvalid(c)
    const body = await c.req.parseBody()
    const form = { email: field(body, 'email'), name: field(body, 'name'), password: field(body, 'password'), password2: field(body, 'password2') }
    const result = validateNewAccount(form)
    if (!result.ok) return sendHtml(c, <SetupPage view={authView(c)} token={token} values={form} errors={result.errors} />, 422)
    const userId = await acc.completeOwnerSetup(token, { email: result.email, name: result.name, password: form.password })
    if (userId === null) return setupInvalid(c)
    const row = (await acc.getRow(userId))!
    await startSession(c, row)
    await audit(deps, c, 'owner.created', `user:${userId}`, { email: row.email })
    deps.logger.info({ userId }, 'owner account created')
    return c.redirect('/admin', 303)
  })

  /** Signs in a just-created account (set-up, invitation). */
  async function startSession(c: Context, row: UserRow): Promise<void> {
    const now = deps.now()
    const token = await createSession(deps.dbh.db, row.id, now, { ip: ipOf(c), userAgent: c.req.header('user-agent') ?? '' })
    await (await accounts()).markSignedIn(row.id)
    setSessionCookie(c, token)
    signIn(c, { id: sha256Hex(token), token, user: sessionUserOf(row), expiresAt: '' })
  }

  // ── invitations: accepting ───────────────────────────────────────────────

  function invitationInvalid(c: Context): Response | Promise<Response> {
    const view = authView(c)
    return sendHtml(c, <MessagePage view={view} title={view.m.inviteAcceptTitle} message={view.m.inviteInvalid} />, 404)
  }

  app.get('/admin/zaproszenie/:token', async (c) => {
    const token = c.req.param('token')
    const invitation = await (await accounts()).findInvitation(token)
    if (!invitation) return invitationInvalid(c)
    return sendHtml(c, <InvitationPage view={authView(c)} token={token} email={invitation.email} role={invitation.role} values={{ name: '' }} errors={{}} />)
  })

  app.post('/admin/zaproszenie/:token', async (c) => {
    const token = c.req.param('token')
    const acc = await accounts()
    const invitation = await acc.findInvitation(token)
    if (!invitation) return invitationInvalid(c)
    const body = await c.req.parseBody()
    const form = { email: invitation.email, name: field(body, 'name'), password: field(body, 'password'), password2: field(body, 'password2') }
    const page = (errors: Errors, status: 409 | 422) =>
      sendHtml(c, <InvitationPage view={authView(c)} token={token} email={invitation.email} role={invitation.role} values={form} errors={errors} />, status)
    const result = validateNewAccount(form)
    if (!result.ok) return page(result.errors, 422)
    let accepted
    try {
      accepted = await acc.acceptInvitation(token, { name: result.name, password: form.password })
    } catch (err) {
      if (err instanceof EmailTakenError) return page({ name: 'error.emailTaken' }, 409)
      throw err
    }
    if (!accepted) return invitationInvalid(c)
    const row = (await acc.getRow(accepted.userId))!
    await startSession(c, row)
    await audit(deps, c, 'invitation.accepted', `user:${row.id}`, { email: row.email, role: row.role, invitation: invitation.id })
    return c.redirect('/admin', 303)
  })

  // ── password reset by e-mail ─────────────────────────────────────────────

  app.get('/admin/haslo', (c) => {
    const view = authView(c)
    return sendHtml(c, <ResetRequestPage view={view} email="" errors={{}} alert={deps.mailer ? undefined : view.m.resetRequestNoMail} />)
  })

  app.post('/admin/haslo', async (c) => {
    const body = await c.req.parseBody()
    const email = normalizeEmail(field(body, 'email'))
    const view = authView(c)
    const { m } = view
    const error = emailError(email)
    if (error) return sendHtml(c, <ResetRequestPage view={view} email={field(body, 'email')} errors={{ email: error }} />, 422)
    const now = deps.now().getTime()
    const ip = ipOf(c)
    const limited = [resetPerIp.take(ip, now), resetPerEmail.take(email, now)].find((d) => !d.allowed)
    if (limited && !limited.allowed) {
      c.header('Retry-After', String(Math.ceil(limited.retryAfterMs / 1000)))
      return sendHtml(c, <ResetRequestPage view={view} email={email} errors={{}} alert={m.resetRequestThrottled(Math.max(1, Math.ceil(limited.retryAfterMs / 60_000)))} />, 429)
    }
    if (!deps.mailer) return sendHtml(c, <ResetRequestPage view={view} email="" errors={{}} alert={m.resetRequestNoMail} />)
    // After the answer: the response is the same, and as fast, whether the account exists.
    void sendResetMail(email, ip).catch((err: unknown) => deps.logger.error({ err }, 'password reset mail failed'))
    return sendHtml(c, <ResetRequestPage view={view} email="" errors={{}} notice={m.resetRequestSent} />)
  })

  async function sendResetMail(email: string, ip: string): Promise<void> {
    const acc = await accounts()
    const row = await acc.findByEmail(email)
    if (!row || row.disabled || !deps.mailer) return
    const token = await acc.createPasswordReset(row.id)
    await writeAudit(deps.dbh.db, { actorUserId: null, action: 'password.reset_requested', target: `user:${row.id}`, detail: { email }, ip, at: deps.now() })
    const user = toUser(row)
    await mailPasswordLink(user.email, user.language, token)
  }

  async function mailPasswordLink(to: string, lang: Language, token: string): Promise<void> {
    if (!deps.mailer) return
    const m = messages(lang)
    const { site } = await deps.siteData.get()
    await deps.mailer.send({ to, subject: m['mail.resetSubject'](site.name), text: m['mail.resetText'](site.name, `${deps.config.publicUrl}/admin/haslo/${token}`) })
  }

  function resetInvalid(c: Context): Response | Promise<Response> {
    const view = authView(c)
    return sendHtml(c, <MessagePage view={view} title={view.m.resetTitle} message={view.m.resetInvalid} link={{ href: '/admin/haslo', label: view.m.resetRequestTitle }} />, 404)
  }

  app.get('/admin/haslo/:token', async (c) => {
    const token = c.req.param('token')
    const acc = await accounts()
    const reset = await acc.findPasswordReset(token)
    const row = reset ? await acc.getRow(reset.userId) : undefined
    if (!row) return resetInvalid(c)
    return sendHtml(c, <ResetPage view={authView(c, toUser(row).language)} token={token} email={row.email} errors={{}} />)
  })

  app.post('/admin/haslo/:token', async (c) => {
    const token = c.req.param('token')
    const acc = await accounts()
    const reset = await acc.findPasswordReset(token)
    const row = reset ? await acc.getRow(reset.userId) : undefined
    if (!row) return resetInvalid(c)
    const body = await c.req.parseBody()
    const password = field(body, 'password')
    const error = passwordError(password, field(body, 'password2'), row.email)
    if (error) {
      const errors: Errors = { [error === 'error.passwordMismatch' ? 'password2' : 'password']: error }
      return sendHtml(c, <ResetPage view={authView(c, toUser(row).language)} token={token} email={row.email} errors={errors} />, 422)
    }
    const userId = await acc.completePasswordReset(token, password)
    if (userId === null) return resetInvalid(c)
    await audit(deps, c, 'password.reset', `user:${userId}`, { email: row.email })
    return c.redirect('/admin/logowanie?haslo', 303)
  })

  // ── my account ───────────────────────────────────────────────────────────

  async function accountPage(c: Context, state: Partial<AccountState> = {}, status: 200 | 409 | 422 | 429 = 200): Promise<Response> {
    const view = await adminView(c, deps)
    const acc = await accounts()
    const row = (await acc.getRow(view.user.id))!
    const sessions = await countUserSessions(deps.dbh.db, view.user.id, deps.now())
    return sendHtml(c, <AccountPage view={view} state={{ totpEnabled: row.totp_enabled !== 0, sessions, ...state }} />, status)
  }

  app.get('/admin/konto', requireUser(), (c) => {
    const m = messages(currentUser(c).language)
    const q = (name: string) => c.req.query(name) !== undefined
    const notice = q('jezyk') ? m.accountLanguageSaved : q('haslo') ? m.accountPasswordChanged : q('2fa-wlaczona') ? m.totpEnabled : q('2fa-wylaczona') ? m.totpDisabled : undefined
    return accountPage(c, { notice })
  })

  app.post('/admin/konto/jezyk', requireUser(), async (c) => {
    const user = currentUser(c)
    const body = await c.req.parseBody()
    const language = parseLanguage(field(body, 'language'))
    if (!language) return accountPage(c, { errors: { language: { language: 'error.languageInvalid' } } }, 422)
    await (await accounts()).setLanguage(user.id, language)
    const next = field(body, 'next')
    return c.redirect(next ? safeNext(next) : '/admin/konto?jezyk', 303)
  })

  app.post('/admin/konto/haslo', requireUser(), async (c) => {
    const user = currentUser(c)
    const acc = await accounts()
    const body = await c.req.parseBody()
    const ip = ipOf(c)
    const now = deps.now()
    const decision = await acc.throttle.check(user.email, ip, now)
    if (!decision.allowed) {
      c.header('Retry-After', String(Math.ceil(decision.retryAfterMs / 1000)))
      return accountPage(c, { notice: messages(user.language).loginThrottled(Math.max(1, Math.ceil(decision.retryAfterMs / 60_000))) }, 429)
    }
    const row = (await acc.getRow(user.id))!
    const errors: FieldErrors<'current' | 'password' | 'password2'> = {}
    if (!(await verifyPassword(row.password_hash, field(body, 'current')))) {
      errors.current = 'error.currentPasswordWrong'
      await acc.throttle.record(user.email, ip, false, now)
    }
    const error = passwordError(field(body, 'password'), field(body, 'password2'), user.email)
    if (error) errors[error === 'error.passwordMismatch' ? 'password2' : 'password'] = error
    if (Object.keys(errors).length) return accountPage(c, { errors: { password: errors } }, 422)
    await acc.setPassword(user.id, field(body, 'password'))
    const ended = await deleteUserSessions(deps.dbh.db, user.id, c.get('authSession')?.token)
    await audit(deps, c, 'password.changed', `user:${user.id}`, { otherSessionsEnded: ended })
    return c.redirect('/admin/konto?haslo', 303)
  })

  async function enrolment(userId: number, email: string, fresh: boolean) {
    const secret = await (await accounts()).totpEnrolmentSecret(userId, { fresh })
    if (!secret) return undefined
    const { site } = await deps.siteData.get()
    return { secret, uri: otpauthUri(secret, email, site.name || 'Depesza') }
  }

  app.post('/admin/konto/2fa', requireUser(), async (c) => {
    const user = currentUser(c)
    const state = await enrolment(user.id, user.email, true)
    if (!state) return c.redirect('/admin/konto', 303)
    return accountPage(c, { enrolment: state })
  })

  app.post('/admin/konto/2fa/potwierdz', requireUser(), async (c) => {
    const user = currentUser(c)
    const body = await c.req.parseBody()
    if (await (await accounts()).confirmTotp(user.id, field(body, 'code'))) {
      await audit(deps, c, 'totp.enabled', `user:${user.id}`)
      return c.redirect('/admin/konto?2fa-wlaczona', 303)
    }
    const state = await enrolment(user.id, user.email, false)
    if (!state) return c.redirect('/admin/konto', 303)
    return accountPage(c, { enrolment: state, errors: { totp: { code: 'error.codeInvalid' } } }, 422)
  })

  app.post('/admin/konto/2fa/wylacz', requireUser(), async (c) => {
    const user = currentUser(c)
    const acc = await accounts()
    const body = await c.req.parseBody()
    if (!(await acc.verifyUserTotp(user.id, field(body, 'code')))) return accountPage(c, { errors: { totp: { code: 'error.codeInvalid' } } }, 422)
    await acc.disableTotp(user.id)
    await audit(deps, c, 'totp.disabled', `user:${user.id}`)
    return c.redirect('/admin/konto?2fa-wylaczona', 303)
  })

  // ── users (administrators) ───────────────────────────────────────────────

  const adminOnly = requireRole(...ADMIN_ROLES)

  async function usersPage(c: Context, state: Partial<UsersState> = {}, status: 200 | 404 | 409 | 422 = 200): Promise<Response> {
    const view = await adminView(c, deps)
    const acc = await accounts()
    const [users, invitations] = await Promise.all([acc.listUsers(), acc.pendingInvitations()])
    return sendHtml(
      c,
      <UsersPage view={view} state={{ users, invitations, invite: { email: '', role: 'author', errors: {} }, now: deps.now(), ...state }} />,
      status,
    )
  }

  /** Mails an invitation when SMTP is configured; 'sent', 'off' or 'failed'. */
  async function mailInvitation(c: Context, to: string, role: Role, token: string): Promise<'sent' | 'off' | 'failed'> {
    if (!deps.mailer) return 'off'
    const m = messages('pl')
    const { site } = await deps.siteData.get()
    const inviter = currentUser(c).name
    try {
      await deps.mailer.send({
        to,
        subject: m['mail.inviteSubject'](site.name),
        text: m['mail.inviteText'](site.name, inviter, roleLabel(m, role), `${deps.config.publicUrl}/admin/zaproszenie/${token}`),
      })
      return 'sent'
    } catch (err) {
      deps.logger.error({ err }, 'invitation mail failed')
      return 'failed'
    }
  }

  function linkNotice(m: Messages, lead: string, link: string, mailed: 'sent' | 'off' | 'failed' | null) {
    const after = mailed === 'sent' ? m.usersInviteMailed : mailed === 'off' ? m.usersInviteNotMailed : mailed === 'failed' ? m.usersInviteMailFailed : undefined
    return <LinkNotice lead={lead} link={link} after={after} />
  }

  app.get('/admin/uzytkownicy', adminOnly, (c) => usersPage(c))

  app.post('/admin/uzytkownicy/zaproszenia', adminOnly, async (c) => {
    const m = messages(currentUser(c).language)
    const body = await c.req.parseBody()
    const rawEmail = field(body, 'email')
    const email = normalizeEmail(rawEmail)
    const role = parseRole(field(body, 'role'))
    const errors: Errors = {}
    const e = emailError(email)
    if (e) errors.email = e
    if (!role) errors.role = 'error.roleInvalid'
    const acc = await accounts()
    if (!errors.email && (await acc.findByEmail(email))) errors.email = 'error.emailTaken'
    if (!errors.email && (await acc.openInvitationFor(email))) errors.email = 'usersInviteExists'
    if (Object.keys(errors).length || !role) return usersPage(c, { invite: { email: rawEmail, role: field(body, 'role'), errors } }, 422)
    const inviter = currentUser(c)
    const { id, token } = await acc.createInvitation(email, role, inviter.id)
    const mailed = await mailInvitation(c, email, role, token)
    await audit(deps, c, 'invitation.created', `invitation:${id}`, { email, role, mailed })
    return usersPage(c, { notice: linkNotice(m, m.usersInviteCreated(email), `${deps.config.publicUrl}/admin/zaproszenie/${token}`, mailed) })
  })

  app.post('/admin/uzytkownicy/zaproszenia/:id/ponow', adminOnly, async (c) => {
    const m = messages(currentUser(c).language)
    const id = idParam(c)
    const again = id === null ? null : await (await accounts()).reissueInvitation(id)
    if (!again) return renderAdminError(c, deps, 404, { user: currentUser(c), csrf: csrfToken(c) })
    const mailed = await mailInvitation(c, again.email, again.role, again.token)
    await audit(deps, c, 'invitation.resent', `invitation:${id}`, { email: again.email, role: again.role, mailed })
    return usersPage(c, { notice: linkNotice(m, m.usersInviteCreated(again.email), `${deps.config.publicUrl}/admin/zaproszenie/${again.token}`, mailed) })
  })

  app.post('/admin/uzytkownicy/zaproszenia/:id/cofnij', adminOnly, async (c) => {
    const m = messages(currentUser(c).language)
    const id = idParam(c)
    const email = id === null ? null : await (await accounts()).revokeInvitation(id)
    if (email === null) return renderAdminError(c, deps, 404, { user: currentUser(c), csrf: csrfToken(c) })
    await audit(deps, c, 'invitation.revoked', `invitation:${id}`, { email })
    return usersPage(c, { notice: <p>{m.usersRevoked(email)}</p> })
  })

  app.post('/admin/uzytkownicy/:id/rola', adminOnly, async (c) => {
    const m = messages(currentUser(c).language)
    const id = idParam(c)
    const body = await c.req.parseBody()
    const role = parseRole(field(body, 'role'))
    if (!role) return usersPage(c, { alert: { list: 'error.roleInvalid' } }, 422)
    const acc = await accounts()
    let change
    try {
      change = id === null ? null : await acc.setRole(id, role)
    } catch (err) {
      if (err instanceof LastAdministratorError) return usersPage(c, { alert: { list: 'error.lastAdministrator' } }, 409)
      throw err
    }
    if (!change) return renderAdminError(c, deps, 404, { user: currentUser(c), csrf: csrfToken(c) })
    const user = (await acc.getUser(id!))!
    if (change.from !== change.to) await audit(deps, c, 'user.role_changed', `user:${user.id}`, { email: user.email, from: change.from, to: change.to })
    return usersPage(c, { notice: <p>{m.usersRoleChanged(user.name, roleLabel(m, role))}</p> })
  })

  for (const [slug, disabled] of [
    ['zablokuj', true],
    ['odblokuj', false],
  ] as const) {
    app.post(`/admin/uzytkownicy/:id/${slug}`, adminOnly, async (c) => {
      const m = messages(currentUser(c).language)
      const id = idParam(c)
      let user
      try {
        user = id === null ? null : await (await accounts()).setDisabled(id, disabled)
      } catch (err) {
        if (err instanceof LastAdministratorError) return usersPage(c, { alert: { list: 'error.lastAdministrator' } }, 409)
        throw err
      }
      if (!user) return renderAdminError(c, deps, 404, { user: currentUser(c), csrf: csrfToken(c) })
      await audit(deps, c, disabled ? 'user.disabled' : 'user.enabled', `user:${user.id}`, { email: user.email })
      // Disabling yourself ends this session too.
      if (disabled && user.id === currentUser(c).id) {
        clearSessionCookie(c)
        signOut(c)
        return c.redirect('/admin/logowanie', 303)
      }
      return usersPage(c, { notice: <p>{disabled ? m.usersDisabledDone(user.name) : m.usersEnabledDone(user.name)}</p> })
    })
  }

  app.post('/admin/uzytkownicy/:id/link-hasla', adminOnly, async (c) => {
    const m = messages(currentUser(c).language)
    const id = idParam(c)
    const acc = await accounts()
    const user = id === null ? null : await acc.getUser(id)
    if (!user || user.disabled) return renderAdminError(c, deps, 404, { user: currentUser(c), csrf: csrfToken(c) })
    const token = await acc.createPasswordReset(user.id)
    let mailed: 'sent' | 'off' | 'failed' = 'off'
    if (deps.mailer) {
      mailed = await mailPasswordLink(user.email, user.language, token).then(
        () => 'sent' as const,
        (err: unknown) => {
          deps.logger.error({ err }, 'password link mail failed')
          return 'failed' as const
        },
      )
    }
    await audit(deps, c, 'password.reset_link_created', `user:${user.id}`, { email: user.email, mailed })
    return usersPage(c, { notice: linkNotice(m, m.usersResetCreated(user.name), `${deps.config.publicUrl}/admin/haslo/${token}`, mailed) })
  })

  app.post('/admin/uzytkownicy/:id/wylacz-2fa', adminOnly, async (c) => {
    const m = messages(currentUser(c).language)
    const id = idParam(c)
    const acc = await accounts()
    const user = id === null ? null : await acc.getUser(id)
    if (!user) return renderAdminError(c, deps, 404, { user: currentUser(c), csrf: csrfToken(c) })
    await acc.disableTotp(user.id)
    await audit(deps, c, 'user.totp_reset', `user:${user.id}`, { email: user.email })
    return usersPage(c, { notice: <p>{m.usersTotpReset(user.name)}</p> })
  })

  // ── audit log (administrators) ───────────────────────────────────────────

  app.get('/admin/dziennik', adminOnly, async (c) => {
    const view = await adminView(c, deps)
    const action = (c.req.query('dzialanie') ?? '').slice(0, 100)
    const num = (name: string) => {
      const raw = c.req.query(name)
      return raw && /^\d{1,12}$/.test(raw) ? Number(raw) : undefined
    }
    const beforeId = num('przed')
    const afterId = beforeId === undefined ? num('po') : undefined
    const db = deps.dbh.db
    const rows = await listAudit(db, { action: action || undefined, beforeId, afterId, limit: AUDIT_PAGE + 1 })
    let entries = rows
    let older: number | null = null
    let newer: number | null = null
    if (afterId !== undefined) {
      if (rows.length > AUDIT_PAGE) entries = rows.slice(1)
      newer = rows.length > AUDIT_PAGE ? (entries[0]?.id ?? null) : null
      older = entries.at(-1)?.id ?? null
    } else {
      entries = rows.slice(0, AUDIT_PAGE)
      older = rows.length > AUDIT_PAGE ? (entries.at(-1)?.id ?? null) : null
      newer = beforeId !== undefined ? (entries[0]?.id ?? null) : null
    }
    const actions = await auditActions(db)
    return sendHtml(c, <AuditPage view={view} state={{ entries, actions, action, older, newer }} />)
  })

  // ── API ──────────────────────────────────────────────────────────────────

  /** Who is signed in, and the CSRF token for fetch() calls (X-CSRF-Token). */
  app.get('/api/admin/me', requireUser(), (c) => c.json({ user: currentUser(c), csrfToken: csrfToken(c) }))
}

/**
 * After the newsroom's own routes: the dashboard placeholder, "w przygotowaniu" pages for
 * menu entries nobody has registered yet (guarded by the entry's roles), and 404s.
 */
export function registerAdminFallbacks(app: Hono, deps: AppDeps): void {
  const view = (c: Context) => adminView(c, deps)
  app.get('/admin/', (c) => c.redirect('/admin', 301))
  for (const item of ADMIN_NAV) {
    if (item.href === '/admin') {
      app.get('/admin', requireRole(...item.roles), async (c) => sendHtml(c, <DashboardPage view={await view(c)} />))
    } else {
      app.get(item.href, requireRole(...item.roles), async (c) => {
        const v = await view(c)
        return sendHtml(c, <ComingSoonPage view={v} title={`${v.m[item.label]} – ${v.m.comingSoonTitle}`} />)
      })
    }
  }
  app.all('/api/admin/*', requireUser(), (c) => problem(c, 404, 'Nie znaleziono', `Brak zasobu ${c.req.path}`))
  app.all('/admin/*', requireUser(), (c) => renderAdminError(c, deps, 404, { user: currentUser(c), csrf: csrfToken(c) }))
}

