/** The contact page: the editable "kontakt" page, then the form (or the thank-you note). */
import { raw } from 'hono/html'
import type { ArticleView } from '../content/article.js'
import { pluralPl } from '../polish/plural.js'
import { renderDocument, renderFigure } from '../site/render-document.js'
import type { SiteView } from '../site/site-view.js'
import { Layout, type PageMeta } from '../site/views/layout.js'
import { Typeset } from '../site/views/parts.js'
import { CONTACT_FIELDS, MESSAGE_MAX, NAME_MAX, type ContactErrors, type ContactField, type ContactForm } from './contact.js'

export const CONTACT_PATH = '/kontakt'
/** The honeypot's field name: looks like something a bot wants to fill. */
export const HONEYPOT_FIELD = 'website'

export type ContactState =
  | { kind: 'form'; values: ContactForm; errors: ContactErrors; /** A problem not tied to one field (rate limit). */ notice?: string }
  | { kind: 'sent' }

const LABELS: Record<ContactField, string> = {
  name: 'Imię i nazwisko',
  email: 'E-mail',
  message: 'Wiadomość',
}

export const EMPTY_FORM: ContactForm = { name: '', email: '', message: '' }

const fieldId = (field: ContactField) => `kontakt-${field}`
const errorId = (field: ContactField) => `kontakt-${field}-blad`

function Field({ field, value, error }: { field: ContactField; value: string; error: string | undefined }) {
  const common = {
    id: fieldId(field),
    name: field,
    required: true,
    'aria-invalid': error ? 'true' : undefined,
    'aria-describedby': error ? errorId(field) : undefined,
  }
  return (
    <div class="field">
      <label for={fieldId(field)}>{LABELS[field]}</label>
      {field === 'message' ? (
        <textarea {...common} rows={8} maxlength={MESSAGE_MAX}>
          {value}
        </textarea>
      ) : field === 'email' ? (
        <input {...common} type="email" value={value} autocomplete="email" maxlength={254} />
      ) : (
        <input {...common} type="text" value={value} autocomplete="name" maxlength={NAME_MAX} />
      )}
      {error ? (
        <p class="field-error" id={errorId(field)}>
          {error}
        </p>
      ) : null}
    </div>
  )
}

function ContactFormView({ values, errors, notice }: { values: ContactForm; errors: ContactErrors; notice: string | undefined }) {
  const bad = CONTACT_FIELDS.filter((f) => errors[f])
  return (
    <section aria-labelledby="formularz">
      <h2 id="formularz">Napisz do nas</h2>
      {notice ? (
        <div class="alert" role="alert">
          <p>{notice}</p>
        </div>
      ) : null}
      {bad.length > 0 ? (
        <div class="alert" role="alert" id="bledy">
          <p>
            <strong>
              Formularz zawiera {bad.length} {pluralPl(bad.length, 'błąd', 'błędy', 'błędów')}:
            </strong>
          </p>
          <ul>
            {bad.map((f) => (
              <li>
                <a href={`#${fieldId(f)}`}>
                  {LABELS[f]}: {errors[f]}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {/* novalidate: the server's Polish messages, not the browser's own language. */}
      <form class="contact" method="post" action={CONTACT_PATH} novalidate>
        {CONTACT_FIELDS.map((f) => (
          <Field field={f} value={values[f]} error={errors[f]} />
        ))}
        <div class="hp" aria-hidden="true">
          <label for="kontakt-website">Nie wypełniaj tego pola</label>
          <input id="kontakt-website" name={HONEYPOT_FIELD} type="text" value="" tabindex={-1} autocomplete="off" />
        </div>
        <p class="muted">Wszystkie pola są wymagane. Wiadomość: od 10 do {MESSAGE_MAX} znaków.</p>
        <button type="submit">Wyślij wiadomość</button>
      </form>
    </section>
  )
}

export function ContactPage({ view, page, state }: { view: SiteView; page: ArticleView | null; state: ContactState }) {
  const ctx = page ? { media: page.media, mediaUrl: view.mediaUrl, polish: page.language === 'pl' } : null
  const lead = page?.leadMedia ?? null
  const meta: PageMeta = {
    title: page ? page.seoTitle || page.headline : 'Kontakt',
    description: page?.seoDescription || page?.lede || undefined,
    path: CONTACT_PATH,
    current: CONTACT_PATH,
    // The thank-you and error variants are not pages of their own.
    noindex: state.kind === 'sent' || Object.keys(state.kind === 'form' ? state.errors : {}).length > 0 || (state.kind === 'form' && !!state.notice),
  }
  return (
    <Layout site={view.site} publicUrl={view.publicUrl} stylesheet={view.stylesheet} meta={meta}>
      <article class="article" lang={page?.language ?? 'pl'}>
        <header>
          <h1>{page ? <Typeset text={page.headline} /> : 'Kontakt'}</h1>
          {page?.lede ? (
            <p class="lede">
              <Typeset text={page.lede} />
            </p>
          ) : null}
        </header>
        {lead && ctx
          ? raw(
              renderFigure(
                { src: view.mediaUrl(lead), alt: lead.alt, caption: lead.caption, credit: lead.credit, width: lead.width, height: lead.height },
                ctx,
                { className: 'lead-media', eager: true },
              ),
            )
          : null}
        {page && ctx ? <div class="article-body">{raw(renderDocument(page.body, ctx))}</div> : null}
      </article>
      {state.kind === 'sent' ? (
        <div class="alert ok" role="status">
          <p>
            <strong>Dziękujemy! Twoja wiadomość została wysłana.</strong> Odpowiemy na podany adres e-mail najszybciej, jak to możliwe.
          </p>
          <p>
            <a href={CONTACT_PATH}>Napisz kolejną wiadomość</a>
          </p>
        </div>
      ) : (
        <ContactFormView values={state.values} errors={state.errors} notice={state.notice} />
      )}
    </Layout>
  )
}
