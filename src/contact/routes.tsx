/**
 * @module
 * `/kontakt`: the contact page and its classic form post (no JavaScript needed).
 * POST → validate → rate limit → store → notify → 303 to `/kontakt?wyslano=1` (Post/Redirect/Get).
 * Cross-site posts are refused by Hono's CSRF check (Origin / Sec-Fetch-Site).
 */
import type { Context, Hono } from 'hono'
import { csrf } from 'hono/csrf'
import { HTTPException } from 'hono/http-exception'
import { findArticleRowBySlug, isVisibleRow, loadArticleView } from '../content/content.repository.js'
import type { ArticleView } from '../content/article.js'
import { pluralPl } from '../polish/plural.js'
import type { AppDeps } from '../server/deps.js'
import { siteView } from '../site/routes.js'
import { Layout } from '../site/views/layout.js'
import { CONTACT_FIELDS, ContactService, validateContact, type ContactForm } from './contact.js'
import { clientIp, SlidingWindowLimiter } from './rate-limit.js'
import { CONTACT_PATH, ContactPage, EMPTY_FORM, HONEYPOT_FIELD, type ContactState } from './views.js'
import { sendHtml } from '../platform/html.js'

const HOUR_MS = 60 * 60 * 1000
const PAGE_SLUG = 'kontakt'

export function registerContactRoutes(app: Hono, deps: AppDeps): void {
  const db = deps.dbh.db
  const limiter = new SlidingWindowLimiter({ limit: deps.config.contactRateLimitPerHour, windowMs: HOUR_MS })
  const service = new ContactService({
    db,
    mailer: deps.mailer,
    contactTo: deps.config.contactTo,
    logger: deps.logger,
    now: deps.now,
    timeZone: async () => (await deps.siteData.get()).site.timeZone,
  })
  const csrfGuard = csrf({ origin: deps.config.publicUrl })

  /** The editable "kontakt" page when one is published. */
  async function contactPage(): Promise<ArticleView | null> {
    const row = await findArticleRowBySlug(db, 'page', PAGE_SLUG)
    if (!row || !isVisibleRow(row, deps.now().toISOString())) return null
    return loadArticleView(db, row)
  }

  async function render(c: Context, state: ContactState, status: 200 | 422 | 429 = 200): Promise<Response> {
    const [view, page] = await Promise.all([siteView(deps), contactPage()])
    if (status !== 200 || state.kind === 'sent') c.header('Cache-Control', 'no-store')
    return sendHtml(c, <ContactPage view={view} page={page} state={state} />, status)
  }

  app.get(CONTACT_PATH, (c) => {
    const sent = c.req.query('wyslano') === '1'
    return render(c, sent ? { kind: 'sent' } : { kind: 'form', values: EMPTY_FORM, errors: {} })
  })

  app.post(CONTACT_PATH, async (c) => {
    if (!(await sameOrigin(c, csrfGuard))) {
      deps.logger.warn({ origin: c.req.header('origin') ?? null, reqId: c.get('requestId') }, 'contact form: cross-site post refused')
      const view = await siteView(deps)
      c.header('Cache-Control', 'no-store')
      return sendHtml(
        c,
        <Layout site={view.site} publicUrl={view.publicUrl} stylesheet={view.stylesheet} meta={{ title: 'Odmowa dostępu', path: CONTACT_PATH, noindex: true }}>
          <h1>Odmowa dostępu</h1>
          <p>Formularz można wysłać tylko z naszej strony. Otwórz stronę kontaktową i spróbuj ponownie.</p>
          <p>
            <a href={CONTACT_PATH}>Przejdź do formularza kontaktowego</a>
          </p>
        </Layout>,
        403,
      )
    }

    const body = await c.req.parseBody()
    const field = (name: string): string => {
      const v = body[name]
      return typeof v === 'string' ? v : ''
    }
    const values = Object.fromEntries(CONTACT_FIELDS.map((f) => [f, field(f)])) as ContactForm
    const ip = clientIp(c, deps.config.trustProxy)
    const now = deps.now().getTime()

    const limited = limiter.check(ip, now)
    if (!limited.allowed) return tooMany(c, values, limited.retryAfterMs)

    // A filled honeypot is a bot: answer as if it worked, keep nothing.
    if (field(HONEYPOT_FIELD).trim() !== '') {
      limiter.take(ip, now)
      deps.logger.info({ ip, reqId: c.get('requestId') }, 'contact form: honeypot filled, message dropped')
      return c.redirect(`${CONTACT_PATH}?wyslano=1`, 303)
    }

    const result = validateContact(values)
    if (!result.ok) return render(c, { kind: 'form', values, errors: result.errors }, 422)

    const taken = limiter.take(ip, now)
    if (!taken.allowed) return tooMany(c, values, taken.retryAfterMs)
    await service.submit(result.data, { ip, userAgent: c.req.header('user-agent') ?? '' })
    return c.redirect(`${CONTACT_PATH}?wyslano=1`, 303)
  })

  function tooMany(c: Context, values: ContactForm, retryAfterMs: number): Promise<Response> {
    const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000))
    c.header('Retry-After', String(Math.ceil(retryAfterMs / 1000)))
    const notice = `Z tego adresu wysłano już zbyt wiele wiadomości. Spróbuj ponownie za ${minutes === 1 ? 'minutę' : `${minutes} ${pluralPl(minutes, 'minutę', 'minuty', 'minut')}`}. Twoja wiadomość nie została wysłana, ale jej treść została zachowana w formularzu.`
    return render(c, { kind: 'form', values, errors: {}, notice }, 429)
  }
}

/** Runs Hono's CSRF middleware as a check: true when the post comes from our own origin. */
async function sameOrigin(c: Context, guard: ReturnType<typeof csrf>): Promise<boolean> {
  try {
    await guard(c, async () => {})
    return true
  } catch (err) {
    if (err instanceof HTTPException && err.status === 403) return false
    throw err
  }
}
