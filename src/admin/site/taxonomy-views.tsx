/** Sections and tags (`/admin/dzialy`), authors (`/admin/autorzy`): lists with story counts and their forms. */
import type { AuthorItem, SectionItem, TagItem } from '../../content/taxonomy.js'
import { AdminLayout, Csrf, type AdminView } from '../view.js'
import { text } from '../views/forms.js'
import { ActionButton, Input, Problems, type Errors } from './parts.js'

export interface SectionValues {
  name: string
  slug: string
  description: string
  position: string
}
export const EMPTY_SECTION: SectionValues = { name: '', slug: '', description: '', position: '0' }

export interface TagValues {
  name: string
  slug: string
}

export interface AuthorValues {
  name: string
  slug: string
  bio: string
  photo: string
}
export const EMPTY_AUTHOR: AuthorValues = { name: '', slug: '', bio: '', photo: '' }

function SectionFields({ view, values, errors, form }: { view: AdminView; values: SectionValues; errors: Errors; form: string }) {
  const { m } = view
  return (
    <>
      <Input m={m} form={form} name="name" label={m['field.sectionName']} value={values.name} errors={errors} maxlength={100} required />
      <Input m={m} form={form} name="slug" label={m['field.address']} value={values.slug} errors={errors} maxlength={120} hint={m['tax.slugHint']} />
      <Input m={m} form={form} name="description" label={m['field.description']} value={values.description} errors={errors} maxlength={500} rows={3} />
      <Input m={m} form={form} name="position" label={m['field.position']} value={values.position} errors={errors} type="number" hint={m['tax.positionHint']} />
    </>
  )
}

const sectionLabels = (view: AdminView) => ({ name: view.m['field.sectionName'], slug: view.m['field.address'], description: view.m['field.description'], position: view.m['field.position'] })

export interface TaxonomyPageProps {
  view: AdminView
  sections: SectionItem[]
  tags: TagItem[]
  tagQuery: string
  tagPage: number
  moreTags: boolean
  create: { values: SectionValues; errors: Errors }
  notice?: string | undefined
}

export function TaxonomyPage(p: TaxonomyPageProps) {
  const { view } = p
  const { m, csrf } = view
  const pageLink = (n: number) => `/admin/dzialy?${new URLSearchParams({ ...(p.tagQuery ? { q: p.tagQuery } : {}), ...(n > 1 ? { strona: String(n) } : {}) }).toString()}#tagi`
  return (
    <AdminLayout view={view} title={m['nav.taxonomy']} notice={p.notice}>
      <h1>{m['nav.taxonomy']}</h1>
      <section class="box" aria-labelledby="dzialy">
        <h2 id="dzialy">{m['tax.sections']}</h2>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{m['field.position']}</th>
                <th scope="col">{m['field.sectionName']}</th>
                <th scope="col">{m['field.address']}</th>
                <th scope="col">{m['tax.colStories']}</th>
              </tr>
            </thead>
            <tbody>
              {p.sections.map((s) => (
                <tr>
                  <td>{s.position}</td>
                  <td>
                    <a href={`/admin/dzialy/${s.id}`}>{s.name}</a>
                  </td>
                  <td>
                    <code>/{s.slug}</code>
                  </td>
                  <td>{s.stories}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section class="box" aria-labelledby="nowy-dzial">
        <h2 id="nowy-dzial">{m['tax.newSection']}</h2>
        <Problems m={m} form="nowy-dzial" errors={p.create.errors} labels={sectionLabels(view)} />
        <form method="post" action="/admin/dzialy" novalidate>
          <Csrf token={csrf} />
          <SectionFields view={view} values={p.create.values} errors={p.create.errors} form="nowy-dzial" />
          <button type="submit">{m['tax.createSection']}</button>
        </form>
      </section>
      <section class="box" aria-labelledby="tagi">
        <h2 id="tagi">{m['tax.tags']}</h2>
        <p class="muted">{m['tax.tagsIntro']}</p>
        <form class="filters" method="get" action="/admin/dzialy#tagi" role="search">
          <div class="field">
            <label for="tag-q">{m['tax.tagSearch']}</label>
            <input id="tag-q" type="search" name="q" value={p.tagQuery} />
          </div>
          <button type="submit" class="secondary">
            {m['tax.tagSearchSubmit']}
          </button>
        </form>
        {p.tags.length === 0 ? (
          <p>{m['tax.noTags']}</p>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{m['field.tagName']}</th>
                  <th scope="col">{m['field.address']}</th>
                  <th scope="col">{m['tax.colStories']}</th>
                </tr>
              </thead>
              <tbody>
                {p.tags.map((t) => (
                  <tr>
                    <td>
                      <a href={`/admin/dzialy/tagi/${t.id}`}>{t.name}</a>
                    </td>
                    <td>
                      <code>/tag/{t.slug}</code>
                    </td>
                    <td>{t.stories}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p class="pager">
          {p.tagPage > 1 ? <a href={pageLink(p.tagPage - 1)}>{m['tax.prev']}</a> : null} {p.moreTags ? <a href={pageLink(p.tagPage + 1)}>{m['tax.next']}</a> : null}
        </p>
      </section>
    </AdminLayout>
  )
}

export function SectionPage({ view, section, values, errors, alert }: { view: AdminView; section: SectionItem; values: SectionValues; errors: Errors; alert?: string | undefined }) {
  const { m, csrf } = view
  return (
    <AdminLayout view={view} title={`${m['tax.editSection']}: ${section.name}`}>
      <p>
        <a href="/admin/dzialy">{m['tax.back']}</a>
      </p>
      <h1>
        {m['tax.editSection']}: {section.name}
      </h1>
      {alert ? (
        <div class="alert" role="alert">
          <p>{alert}</p>
        </div>
      ) : null}
      <Problems m={m} form="dzial" errors={errors} labels={sectionLabels(view)} />
      <form method="post" action={`/admin/dzialy/${section.id}`} novalidate>
        <Csrf token={csrf} />
        <SectionFields view={view} values={values} errors={errors} form="dzial" />
        <button type="submit">{m.save}</button>
      </form>
      <section class="box" aria-labelledby="usun">
        <h2 id="usun">{m['tax.deleteSection']}</h2>
        {section.stories > 0 ? <p>{m['tax.sectionNotEmpty'](section.stories)}</p> : <ActionButton action={`/admin/dzialy/${section.id}/usun`} csrf={csrf} label={m['tax.deleteSection']} danger />}
      </section>
    </AdminLayout>
  )
}

export interface TagPageProps {
  view: AdminView
  tag: TagItem
  values: TagValues
  errors: Errors
  mergeInto: string
  mergeError?: Errors | undefined
  deleteError?: Errors | undefined
  /** Suggestions for the merge target. */
  tagNames: string[]
}

export function TagPage({ view, tag, values, errors, mergeInto, mergeError, deleteError, tagNames }: TagPageProps) {
  const { m, csrf } = view
  const labels = { name: m['field.tagName'], slug: m['field.address'] }
  return (
    <AdminLayout view={view} title={`${m['tax.editTag']}: ${tag.name}`}>
      <p>
        <a href="/admin/dzialy#tagi">{m['tax.back']}</a>
      </p>
      <h1>
        {m['tax.editTag']}: {tag.name}
      </h1>
      <p>{m['tax.tagStories'](tag.stories)}</p>
      <Problems m={m} form="tag" errors={errors} labels={labels} />
      <form method="post" action={`/admin/dzialy/tagi/${tag.id}`} novalidate>
        <Csrf token={csrf} />
        <Input m={m} form="tag" name="name" label={labels.name} value={values.name} errors={errors} maxlength={80} required />
        <Input m={m} form="tag" name="slug" label={labels.slug} value={values.slug} errors={errors} maxlength={120} hint={m['tax.slugHint']} />
        <button type="submit">{m.save}</button>
      </form>
      <section class="box" aria-labelledby="scal">
        <h2 id="scal">{m['tax.mergeTag']}</h2>
        <p>{m['tax.mergeText']}</p>
        <Problems m={m} form="scal" errors={mergeError ?? {}} labels={{ into: m['tax.mergeInto'] }} />
        <form method="post" action={`/admin/dzialy/tagi/${tag.id}/scal`} novalidate>
          <Csrf token={csrf} />
          <Input m={m} form="scal" name="into" label={m['tax.mergeInto']} value={mergeInto} errors={mergeError ?? {}} maxlength={120} required list="tag-names" />
          <datalist id="tag-names">
            {tagNames.map((name) => (
              <option value={name} />
            ))}
          </datalist>
          <button type="submit" class="secondary">
            {m['tax.mergeSubmit']}
          </button>
        </form>
      </section>
      <section class="box" aria-labelledby="usun">
        <h2 id="usun">{m['tax.deleteTag']}</h2>
        <p>{m['tax.deleteTagText']}</p>
        <form method="post" action={`/admin/dzialy/tagi/${tag.id}/usun`} novalidate>
          <Csrf token={csrf} />
          <div class="field">
            <label>
              <input type="checkbox" name="confirm" value="1" aria-invalid={deleteError?.['confirm'] ? 'true' : undefined} aria-describedby={deleteError?.['confirm'] ? 'usun-confirm-blad' : undefined} />{' '}
              {m['tax.deleteTagConfirm'](tag.stories)}
            </label>
            {deleteError?.['confirm'] ? (
              <p class="field-error" id="usun-confirm-blad">
                {text(m, deleteError['confirm'])}
              </p>
            ) : null}
          </div>
          <button type="submit" class="danger">
            {m['tax.deleteTag']}
          </button>
        </form>
      </section>
    </AdminLayout>
  )
}

function AuthorFields({ view, values, errors, form, photoUrl }: { view: AdminView; values: AuthorValues; errors: Errors; form: string; photoUrl?: string | null | undefined }) {
  const { m } = view
  return (
    <>
      <Input m={m} form={form} name="name" label={m['field.name']} value={values.name} errors={errors} maxlength={200} required />
      <Input m={m} form={form} name="slug" label={m['field.address']} value={values.slug} errors={errors} maxlength={120} hint={m['authors.slugHint']} />
      <Input m={m} form={form} name="bio" label={m['field.bio']} value={values.bio} errors={errors} maxlength={2000} rows={4} />
      <Input
        m={m}
        form={form}
        name="photo"
        label={m['field.photo']}
        value={values.photo}
        errors={errors}
        type="number"
        hint={m['authors.photoHint']}
        extra={
          photoUrl ? (
            <p>
              <img src={photoUrl} alt="" width={96} />
            </p>
          ) : null
        }
      />
    </>
  )
}

const authorLabels = (view: AdminView) => ({ name: view.m['field.name'], slug: view.m['field.address'], bio: view.m['field.bio'], photo: view.m['field.photo'] })

export function AuthorsPage({ view, authors, create, notice }: { view: AdminView; authors: AuthorItem[]; create: { values: AuthorValues; errors: Errors }; notice?: string | undefined }) {
  const { m, csrf } = view
  return (
    <AdminLayout view={view} title={m['nav.authors']} notice={notice}>
      <h1>{m['nav.authors']}</h1>
      {authors.length === 0 ? (
        <p>{m['authors.empty']}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{m['field.name']}</th>
                <th scope="col">{m['field.address']}</th>
                <th scope="col">{m['tax.colStories']}</th>
              </tr>
            </thead>
            <tbody>
              {authors.map((a) => (
                <tr>
                  <td>
                    <a href={`/admin/autorzy/${a.id}`}>{a.name}</a>
                  </td>
                  <td>
                    <code>/autor/{a.slug}</code>
                  </td>
                  <td>{a.stories}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section class="box" aria-labelledby="nowy-autor">
        <h2 id="nowy-autor">{m['authors.new']}</h2>
        <Problems m={m} form="nowy-autor" errors={create.errors} labels={authorLabels(view)} />
        <form method="post" action="/admin/autorzy" novalidate>
          <Csrf token={csrf} />
          <AuthorFields view={view} values={create.values} errors={create.errors} form="nowy-autor" />
          <button type="submit">{m['authors.create']}</button>
        </form>
      </section>
    </AdminLayout>
  )
}

export function AuthorPage({ view, author, values, errors, photoUrl }: { view: AdminView; author: AuthorItem; values: AuthorValues; errors: Errors; photoUrl: string | null }) {
  const { m, csrf } = view
  return (
    <AdminLayout view={view} title={`${m['authors.edit']}: ${author.name}`}>
      <p>
        <a href="/admin/autorzy">{m['authors.back']}</a>
      </p>
      <h1>
        {m['authors.edit']}: {author.name}
      </h1>
      <Problems m={m} form="autor" errors={errors} labels={authorLabels(view)} />
      <form method="post" action={`/admin/autorzy/${author.id}`} novalidate>
        <Csrf token={csrf} />
        <AuthorFields view={view} values={values} errors={errors} form="autor" photoUrl={photoUrl} />
        <button type="submit">{m.save}</button>
      </form>
      <section class="box" aria-labelledby="usun">
        <h2 id="usun">{m['authors.delete']}</h2>
        {author.stories > 0 ? <p>{m['authors.notEmpty'](author.stories)}</p> : <ActionButton action={`/admin/autorzy/${author.id}/usun`} csrf={csrf} label={m['authors.delete']} danger />}
      </section>
    </AdminLayout>
  )
}
