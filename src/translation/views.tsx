/**
 * The translation desk's pages: the side-by-side view of one story (original left, Polish
 * right, a status per segment, memory suggestions and glossary findings in place; every
 * button is a form that works without JavaScript) and the administrator's provider settings.
 */
import { AdminLayout, Csrf, type AdminView } from '../admin/view.js'
import type { DeskRow, DeskView } from './desk-service.js'
import type { Messages } from '../admin/i18n.js'
import type { GlossaryEntry } from './glossary.js'
import type { SegmentField, SegmentStatus } from './segments.js'
import { PROVIDERS, type ProviderSettingsView } from './settings.js'

const fieldLabel = (m: Messages, field: SegmentField): string => m[`desk.field.${field}`]
export const statusLabel = (m: Messages, status: SegmentStatus | 'none'): string => m[`desk.status.${status}`]

export interface DeskPageProps {
  view: AdminView
  /** The story pages' stylesheet (editor.css: badges, the side-by-side table). */
  stylesheet: string
  desk: DeskView
  canEdit: boolean
  isAdmin: boolean
  notice?: string | undefined
  error?: string | undefined
  /** A segment's text the server refused, kept for the form. */
  kept?: { id: string; text: string; message: string } | undefined
}

function Row({ m, row, desk, canEdit, csrf, kept }: { m: Messages; row: DeskRow; desk: DeskView; canEdit: boolean; csrf: string; kept: DeskPageProps['kept'] }) {
  const status = row.status ?? 'none'
  const anchor = `seg-${row.id.replace(/[^a-zA-Z0-9_-]/g, '_')}`
  const text = kept?.id === row.id ? kept.text : row.target
  return (
    <tr id={anchor} class={`segment status-${status}`} data-segment={row.id}>
      <th scope="row">
        {fieldLabel(m, row.field)}
        {row.required ? null : <span class="muted">{m['desk.optional']}</span>}
      </th>
      <td class="source" lang={desk.translation?.sourceLang}>
        {row.source}
      </td>
      <td class="target" lang={desk.translation?.targetLang ?? 'pl'}>
        <form method="post" action={`/admin/artykuly/${desk.story.articleId}/przeklad#${anchor}`}>
          <Csrf token={csrf} />
          <input type="hidden" name="version" value={String(desk.story.version)} />
          <input type="hidden" name="segment" value={row.id} />
          <p>
            <span class={`badge seg-${status}`} data-status={status}>
              {statusLabel(m, status)}
            </span>
          </p>
          <label class="visually-hidden" for={`${anchor}-t`}>
            {m['desk.inTarget'](fieldLabel(m, row.field))}
          </label>
          <textarea id={`${anchor}-t`} name="text" rows={row.rich ? 4 : 2} disabled={!canEdit} aria-invalid={kept?.id === row.id ? 'true' : undefined}>
            {text}
          </textarea>
          {kept?.id === row.id ? <p class="field-error">{kept.message}</p> : null}
          {row.findings.map((f) => (
            <p class="glossary-finding" role="note">
              {m['desk.glossaryFinding']}
              {f.message}
            </p>
          ))}
          {row.suggestions.length ? (
            <details class="memory">
              <summary>{m['desk.memory'](row.suggestions.length)}</summary>
              <ul>
                {row.suggestions.map((s) => (
                  <li>
                    {s.exact ? m['desk.exact'] : `${Math.round(s.score * 100)}%`}: {s.targetText}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
          {canEdit ? (
            <div class="workflow">
              <button type="submit" name="_action" value="save" class="secondary small">
                {m['desk.save']}
              </button>
              <button type="submit" name="_action" value="approve" class="small">
                {m['desk.approve']}
              </button>
              {desk.provider ? (
                <button type="submit" name="_action" value="machine-one" class="secondary small">
                  {m['desk.machineOne']}
                </button>
              ) : null}
            </div>
          ) : null}
        </form>
      </td>
    </tr>
  )
}

export function DeskPage({ view, stylesheet, desk, canEdit, isAdmin, notice, error, kept }: DeskPageProps) {
  const s = desk.story
  const { m } = view
  const title = m['desk.title'](s.snapshot.headline || m['desk.untitled'])
  const base = `/admin/artykuly/${s.articleId}/przeklad`
  return (
    <AdminLayout view={view} title={title}>
      <link rel="stylesheet" href={stylesheet} />
      <div class="translation-desk" id="translation-desk">
        <h1>{title}</h1>
        <p>
          <a href={`/admin/artykuly/${s.articleId}`}>{m['desk.back']}</a>
          {' · '}
          <a href={`/admin/tlumaczenie/slownik?jezyk=${desk.translation?.sourceLang ?? 'en'}`}>{m['desk.glossary']}</a>
          {isAdmin ? (
            <>
              {' · '}
              <a href="/admin/ustawienia/tlumaczenie">{m['desk.settings']}</a>
            </>
          ) : null}
        </p>
        <p id="desk-status" role="status">
          {notice ?? ''}
        </p>
        {error ? (
          <div class="alert" role="alert" id="desk-alert">
            <p>{error}</p>
          </div>
        ) : null}
        {desk.translation === null ? (
          <section class="box">
            <h2>{m['desk.startTitle']}</h2>
            <p>{m['desk.startText']}</p>
            {canEdit ? (
              <form method="post" action={base}>
                <Csrf token={view.csrf} />
                <input type="hidden" name="version" value={String(s.version)} />
                <div class="field">
                  <label for="desk-from">{m['desk.from']}</label>
                  <input id="desk-from" name="from" maxlength={2} value={s.snapshot.language !== 'pl' ? s.snapshot.language : (s.snapshot.source?.language ?? '')} />
                </div>
                <button type="submit" name="_action" value="start">
                  {m['desk.start']}
                </button>
              </form>
            ) : (
              <p>{m['desk.readOnly']}</p>
            )}
          </section>
        ) : (
          <>
            <p class="desk-summary">
              {m['desk.direction'](desk.translation.sourceLang, desk.translation.targetLang)} ·{' '}
              <span id="desk-untranslated">{desk.untranslated === 0 ? m['desk.allDone'] : m['desk.untranslated'](desk.untranslated)}</span> · {m['desk.machine']}:{' '}
              {desk.provider ?? m['desk.noProvider']}
            </p>
            {canEdit && desk.provider ? (
              <form method="post" action={base}>
                <Csrf token={view.csrf} />
                <input type="hidden" name="version" value={String(s.version)} />
                <button type="submit" name="_action" value="machine">
                  {m['desk.machineAll'](desk.provider)}
                </button>
              </form>
            ) : null}
            <p class="hint">{m['desk.tagsHint']}</p>
            <table class="desk-table">
              <thead>
                <tr>
                  <th scope="col">{m['desk.colElement']}</th>
                  <th scope="col">{m['desk.colSource']}</th>
                  <th scope="col">{m['desk.colTarget']}</th>
                </tr>
              </thead>
              <tbody>
                {desk.rows.map((row) => (
                  <Row m={m} row={row} desk={desk} canEdit={canEdit} csrf={view.csrf} kept={kept} />
                ))}
              </tbody>
            </table>
          </>
        )}
      </div>
    </AdminLayout>
  )
}

export interface ProviderPageProps {
  view: AdminView
  settings: ProviderSettingsView
  values?: { provider: string; url: string; model: string } | undefined
  errors?: Record<string, string> | undefined
  notice?: string | undefined
}

export function ProviderSettingsPage({ view, settings, values, errors = {}, notice }: ProviderPageProps) {
  const { m } = view
  const v = values ?? settings
  const err = (name: string) =>
    errors[name] ? (
      <p class="field-error" id={`tp-${name}-blad`}>
        {errors[name]}
      </p>
    ) : null
  return (
    <AdminLayout view={view} title={m['mt.title']}>
      <h1>{m['mt.title']}</h1>
      <p role="status">{notice ?? ''}</p>
      {Object.keys(errors).length ? (
        <div class="alert" role="alert">
          <p>
            <strong>{m['mt.fix']}</strong>
          </p>
        </div>
      ) : null}
      <p>
        {m['mt.intro']}
        {settings.origin === 'environment' ? m['mt.fromEnvironment'] : ''}
      </p>
      <form method="post" action="/admin/ustawienia/tlumaczenie" class="settings-form" novalidate>
        <Csrf token={view.csrf} />
        <div class="field">
          <label for="tp-provider">{m['mt.provider']}</label>
          <select id="tp-provider" name="provider" aria-invalid={errors.provider ? 'true' : undefined}>
            {PROVIDERS.map((p) => (
              <option value={p} selected={v.provider === p}>
                {m[`mt.provider.${p}`]}
              </option>
            ))}
          </select>
          {err('provider')}
        </div>
        <div class="field">
          <label for="tp-url">{m['mt.url']}</label>
          <input id="tp-url" name="url" type="url" value={v.url} maxlength={500} aria-invalid={errors.url ? 'true' : undefined} />
          <p class="hint">{m['mt.urlHint']}</p>
          {err('url')}
        </div>
        <div class="field">
          <label for="tp-model">{m['mt.model']}</label>
          <input id="tp-model" name="model" value={v.model} maxlength={200} aria-invalid={errors.model ? 'true' : undefined} />
          {err('model')}
        </div>
        <div class="field">
          <label for="tp-key">{m['mt.key']}</label>
          <input id="tp-key" name="apiKey" type="password" value="" autocomplete="off" maxlength={500} aria-invalid={errors.apiKey ? 'true' : undefined} aria-describedby="tp-key-opis" />
          <p class="hint" id="tp-key-opis">
            {settings.hasKey ? m['mt.keyStored'] : m['mt.keyNone']}
          </p>
          {settings.hasKey ? (
            <label>
              <input type="checkbox" name="removeKey" value="1" /> {m['mt.removeKey']}
            </label>
          ) : null}
          {err('apiKey')}
        </div>
        <button type="submit">{m['mt.save']}</button>
      </form>
    </AdminLayout>
  )
}

export interface GlossaryPageProps {
  view: AdminView
  lang: string
  entries: GlossaryEntry[]
  values?: { term: string; target: string; note: string } | undefined
  errors?: Record<string, string> | undefined
  notice?: string | undefined
}

/** The glossary: required renderings of names and terms, checked on the translation desk. */
export function GlossaryPage({ view, lang, entries, values = { term: '', target: '', note: '' }, errors = {}, notice }: GlossaryPageProps) {
  const { m } = view
  return (
    <AdminLayout view={view} title={m['glossary.title']}>
      <h1>{m['glossary.title']}</h1>
      <p role="status">{notice ?? ''}</p>
      <p>{m['glossary.intro'](lang)}</p>
      {view.user.role === 'administrator' ? (
        <p>
          <a href="/admin/ustawienia/tlumaczenie">{m['glossary.settings']}</a>
        </p>
      ) : null}
      <form method="get" action="/admin/tlumaczenie/slownik">
        <label for="gl-lang">{m['glossary.lang']}</label> <input id="gl-lang" name="jezyk" value={lang} maxlength={2} size={3} />{' '}
        <button type="submit" class="secondary small">
          {m['glossary.show']}
        </button>
      </form>
      <table class="desk-table" id="glossary">
        <thead>
          <tr>
            <th scope="col">{m['glossary.term'](lang)}</th>
            <th scope="col">{m['glossary.target']}</th>
            <th scope="col">{m['glossary.note']}</th>
            <th scope="col">
              <span class="visually-hidden">{m['glossary.actions']}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.length === 0 ? (
            <tr>
              <td colspan={4}>{m['glossary.empty']}</td>
            </tr>
          ) : (
            entries.map((e) => (
              <tr>
                <td lang={lang}>{e.term}</td>
                <td lang="pl">{e.target}</td>
                <td>{e.note ?? ''}</td>
                <td>
                  <form method="post" action="/admin/tlumaczenie/slownik">
                    <Csrf token={view.csrf} />
                    <input type="hidden" name="lang" value={lang} />
                    <input type="hidden" name="term" value={e.term} />
                    <button type="submit" name="_action" value="remove" class="secondary small" aria-label={m['glossary.removeLabel'](e.term)}>
                      {m['glossary.remove']}
                    </button>
                  </form>
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
      <section class="box" aria-labelledby="gl-add">
        <h2 id="gl-add">{m['glossary.addTitle']}</h2>
        <form method="post" action="/admin/tlumaczenie/slownik" novalidate>
          <Csrf token={view.csrf} />
          <input type="hidden" name="lang" value={lang} />
          <div class="field">
            <label for="gl-term">{m['glossary.termField']}</label>
            <input id="gl-term" name="term" value={values.term} maxlength={200} aria-invalid={errors.term ? 'true' : undefined} />
            {errors.term ? <p class="field-error">{errors.term}</p> : null}
          </div>
          <div class="field">
            <label for="gl-target">{m['glossary.targetField']}</label>
            <input id="gl-target" name="target" value={values.target} maxlength={200} aria-invalid={errors.target ? 'true' : undefined} />
            {errors.target ? <p class="field-error">{errors.target}</p> : null}
          </div>
          <div class="field">
            <label for="gl-note">{m['glossary.noteField']}</label>
            <input id="gl-note" name="note" value={values.note} maxlength={500} />
          </div>
          <button type="submit" name="_action" value="add">
            {m['glossary.save']}
          </button>
        </form>
      </section>
    </AdminLayout>
  )
}
