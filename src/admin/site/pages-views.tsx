/** Static pages ("O nas", "Kontakt"): the list and the form (the body as text with a little Markdown). */
import type { PublicationStatus } from '../../content/content.table.js'
import { formatWhen } from '../views/format.js'
import { AdminLayout, Csrf, type AdminView } from '../view.js'
import type { Messages } from '../i18n.js'
import { ActionButton, Input, Problems, type Errors } from './parts.js'

export interface PageListItem {
  id: number
  headline: string
  slug: string
  status: PublicationStatus
  updated_at: string
}

export function statusLabel(m: Messages, status: PublicationStatus): string {
  return status === 'published' ? m['pages.status.published'] : status === 'unpublished' ? m['pages.status.unpublished'] : m['pages.status.draft']
}

export function PagesListPage({ view, pages, notice }: { view: AdminView; pages: PageListItem[]; notice?: string | undefined }) {
  const { m } = view
  return (
    <AdminLayout view={view} title={m['pages.title']} notice={notice}>
      <h1>{m['pages.title']}</h1>
      <p class="muted">{m['pages.intro']}</p>
      <p>
        <a class="button" href="/admin/strony/nowa">
          {m['pages.new']}
        </a>
      </p>
      {pages.length === 0 ? (
        <p>{m['pages.empty']}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{m['field.title']}</th>
                <th scope="col">{m['field.address']}</th>
                <th scope="col">{m['pages.colStatus']}</th>
                <th scope="col">{m['pages.colUpdated']}</th>
              </tr>
            </thead>
            <tbody>
              {pages.map((p) => (
                <tr>
                  <td>
                    <a href={`/admin/strony/${p.id}`}>{p.headline}</a>
                  </td>
                  <td>
                    <code>/{p.slug}</code>
                  </td>
                  <td>{statusLabel(m, p.status)}</td>
                  <td>{formatWhen(p.updated_at, view.lang, view.timeZone)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </AdminLayout>
  )
}

export interface PageFormValues {
  headline: string
  slug: string
  lede: string
  body: string
  seoTitle: string
  seoDescription: string
}

export const EMPTY_PAGE: PageFormValues = { headline: '', slug: '', lede: '', body: '', seoTitle: '', seoDescription: '' }

export interface PageFormProps {
  view: AdminView
  /** null: a new page. */
  page: { id: number; status: PublicationStatus; slug: string; publicUrl: string } | null
  values: PageFormValues
  errors: Errors
  /** Messages about the body, naming lines. */
  bodyProblems?: string[]
  notice?: string | undefined
}

export function PageFormPage({ view, page, values, errors, bodyProblems, notice }: PageFormProps) {
  const { m, csrf } = view
  const title = page ? `${m['pages.edit']}: ${values.headline || page.slug}` : m['pages.new']
  const labels = {
    headline: m['field.title'],
    slug: m['field.address'],
    lede: m['field.lede'],
    body: m['field.body'],
    seoTitle: m['field.seoTitle'],
    seoDescription: m['field.seoDescription'],
  }
  return (
    <AdminLayout view={view} title={title} notice={notice}>
      <p>
        <a href="/admin/strony">{m['pages.back']}</a>
      </p>
      <h1>{title}</h1>
      {page ? (
        <p>
          {m['pages.colStatus']}: <strong>{statusLabel(m, page.status)}</strong>
          {page.status === 'published' ? (
            <>
              {' · '}
              <a href={`${page.publicUrl}/${page.slug}`}>{m['pages.view']}</a>
            </>
          ) : null}
        </p>
      ) : null}
      <Problems m={m} form="strona" errors={errors} labels={labels} />
      {bodyProblems?.length ? (
        <div class="alert" role="alert">
          <ul>
            {bodyProblems.map((p) => (
              <li>{p}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <form method="post" action={page ? `/admin/strony/${page.id}` : '/admin/strony/nowa'} novalidate>
        <Csrf token={csrf} />
        <Input m={m} form="strona" name="headline" label={labels.headline} value={values.headline} errors={errors} maxlength={300} required />
        <Input m={m} form="strona" name="slug" label={labels.slug} value={values.slug} errors={errors} maxlength={120} hint={m['pages.slugHint']} />
        <Input m={m} form="strona" name="lede" label={labels.lede} value={values.lede} errors={errors} maxlength={2000} rows={3} />
        <Input m={m} form="strona" name="body" label={labels.body} value={values.body} errors={errors} rows={18} hint={m['pages.bodyHint']} wide />
        <Input m={m} form="strona" name="seoTitle" label={labels.seoTitle} value={values.seoTitle} errors={errors} maxlength={300} />
        <Input m={m} form="strona" name="seoDescription" label={labels.seoDescription} value={values.seoDescription} errors={errors} maxlength={500} rows={2} />
        <p class="actions">
          <button type="submit" name="_action" value="save">
            {page?.status === 'published' ? m['pages.saveLive'] : m['pages.saveDraft']}
          </button>{' '}
          {page?.status !== 'published' ? (
            <button type="submit" name="_action" value="publish" class="secondary">
              {m['pages.saveAndPublish']}
            </button>
          ) : null}
        </p>
      </form>
      {page?.status === 'published' ? (
        <section class="box" aria-labelledby="wycofaj">
          <h2 id="wycofaj">{m['pages.unpublish']}</h2>
          <p>{m['pages.unpublishText']}</p>
          <ActionButton action={`/admin/strony/${page.id}/wycofaj`} csrf={csrf} label={m['pages.unpublish']} danger />
        </section>
      ) : null}
    </AdminLayout>
  )
}
