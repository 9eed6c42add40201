/**
 * The story editor page: a server-rendered form that works without JavaScript for every
 * field but the body; the editor bundle (loaded only here) adds the TipTap body editor,
 * autosave, the live preview, the SEO previews, revisions with diffs and restore.
 */
import type { Child } from 'hono/jsx'
import { raw } from 'hono/html'
import type { AuthorRow, SectionRow } from '../../../content/content.table.js'
import type { StoryState } from '../../../newsroom/newsroom.service.js'
import type { WorkflowAction } from '../../../newsroom/workflow.js'
import { jsonForScript } from '../../../site/html.js'
import { formatWhen } from '../../views/format.js'
import { AdminLayout, Csrf, type AdminView } from '../../views/layout.js'
import type { StoryFormValues } from '../form.js'
import { editorMessages } from '../../../editor/messages.js'
import type { Messages } from '../../i18n.js'
import { actionLabel, publicationLabel, reasonLabel, stateLabel, type FieldError } from '../stories.js'

export interface RevisionItem {
  id: number
  version: number
  reason: string
  user_name: string
  created_at: string
}

export interface EditorPageProps {
  view: AdminView
  /** null: a new story (not saved yet). */
  story: StoryState | null
  values: StoryFormValues
  actions: WorkflowAction[]
  sections: SectionRow[]
  authors: AuthorRow[]
  tagNames: string[]
  revisions: RevisionItem[]
  errors: FieldError[]
  notice?: string
  /** A conflict: who saved in between (the form keeps what this user typed). */
  conflict?: { updatedBy: string; updatedAt: string } | null
  scripts: { js: string; css: string }
  siteName: string
  publicUrl: string
  /** The story's path on the site (for the search-result preview). */
  sitePath: string
  leadImageUrl: string | null
  /** More boxes beside the preview (the story's language versions: ../translations.tsx). */
  extras?: Child
}

function fieldErrors(errors: FieldError[], field: string): FieldError[] {
  return errors.filter((e) => e.field === field || e.field.startsWith(`${field}.`))
}

function ErrorText({ errors, field }: { errors: FieldError[]; field: string }) {
  const mine = fieldErrors(errors, field)
  if (!mine.length) return null
  return (
    <p class="field-error" id={`s-${field}-blad`}>
      {mine.map((e) => e.message).join(' ')}
    </p>
  )
}

interface InputProps {
  name: keyof StoryFormValues
  label: string
  value: string
  errors: FieldError[]
  hint?: string
  type?: 'text' | 'url' | 'number' | 'datetime-local'
  maxlength?: number
  multiline?: number
  required?: boolean
  list?: string
  extra?: Child
  inputmode?: 'numeric'
  autocomplete?: string
}

function Input(p: InputProps) {
  const id = `s-${p.name}`
  const bad = fieldErrors(p.errors, p.name).length > 0
  const describedBy = [bad ? `${id}-blad` : '', p.hint ? `${id}-opis` : ''].filter(Boolean).join(' ') || undefined
  const common = {
    id,
    name: p.name,
    maxlength: p.maxlength,
    required: p.required,
    'aria-invalid': bad ? ('true' as const) : undefined,
    'aria-describedby': describedBy,
  }
  return (
    <div class="field">
      <label for={id}>{p.label}</label>
      {p.multiline ? (
        <textarea {...common} rows={p.multiline}>
          {p.value}
        </textarea>
      ) : (
        <input {...common} type={p.type ?? 'text'} value={p.value} list={p.list} inputmode={p.inputmode} autocomplete={p.autocomplete ?? 'off'} />
      )}
      {p.extra}
      {p.hint ? (
        <p class="hint" id={`${id}-opis`}>
          {p.hint}
        </p>
      ) : null}
      <ErrorText errors={p.errors} field={p.name} />
    </div>
  )
}

/** The workflow buttons: one submit button per action the workflow table allows this user. */
function WorkflowButtons({ m, actions, isNew, tz, errors }: { m: Messages; actions: WorkflowAction[]; isNew: boolean; tz: string; errors: FieldError[] }) {
  const simple = actions.filter((a) => a !== 'schedule' && a !== 'correct')
  return (
    <div class="workflow" role="group" aria-label={m['story.actions']}>
      {isNew ? (
        <button type="submit" name="_action" value="save" data-action="save">
          {m['action.save']}
        </button>
      ) : (
        simple.map((a) => (
          <button type="submit" name="_action" value={a} data-action={a} class={a === 'save' ? undefined : a === 'publish' ? 'publish' : 'secondary'}>
            {actionLabel(a, m)}
          </button>
        ))
      )}
      {actions.includes('schedule') ? (
        <details class="workflow-more" id="schedule-box">
          <summary>{m['action.schedule']}</summary>
          <div class="field">
            <label for="s-publishAt">{m['story.schedulePublishAt'](tz)}</label>
            <input id="s-publishAt" name="publishAt" type="datetime-local" aria-describedby={fieldErrors(errors, 'publishAt').length ? 's-publishAt-blad' : undefined} />
            <ErrorText errors={errors} field="publishAt" />
          </div>
          <button type="submit" name="_action" value="schedule" data-action="schedule" class="secondary">
            {m['story.scheduleSubmit']}
          </button>
        </details>
      ) : null}
      {actions.includes('publish') ? (
        // Without JavaScript: the reason to publish despite the quality gate (the editor script offers its own box).
        <noscript>
          <details class="workflow-more" id="override-box-form">
            <summary>{m['story.overrideSummary']}</summary>
            <div class="field">
              <label for="s-overrideReason">{m['story.overrideReason']}</label>
              <textarea id="s-overrideReason" name="overrideReason" rows={2} maxlength={1000}></textarea>
            </div>
          </details>
        </noscript>
      ) : null}
      {actions.includes('correct') ? (
        <details class="workflow-more" id="correct-box">
          <summary>{m['story.correctSummary']}</summary>
          <fieldset>
            <legend>{m['story.correctKind']}</legend>
            <label>
              <input type="radio" name="correctionKind" value="correction" checked /> {m['story.correction']}
            </label>{' '}
            <label>
              <input type="radio" name="correctionKind" value="update" /> {m['story.update']}
            </label>
          </fieldset>
          <div class="field">
            <label for="s-correctionText">{m['story.correctText']}</label>
            <textarea id="s-correctionText" name="correctionText" rows={3} maxlength={5000}></textarea>
            <ErrorText errors={errors} field="correctionText" />
          </div>
          <button type="submit" name="_action" value="correct" data-action="correct" class="secondary">
            {m['story.correctSubmit']}
          </button>
        </details>
      ) : null}
    </div>
  )
}

export function EditorPage(p: EditorPageProps) {
  const { view, story, values, errors } = p
  const { m } = view
  const tz = view.timeZone
  const isNew = story === null
  const title = isNew ? m['stories.new'] : m['story.editTitle'](values.headline || m['story.untitledStory'])
  const action = isNew ? '/admin/artykuly/nowy' : `/admin/artykuly/${story.articleId}`
  const data = {
    articleId: story?.articleId ?? null,
    version: story?.version ?? 0,
    state: story?.state ?? 'draft',
    snapshot: story?.snapshot ?? null,
    timeZone: tz,
    csrf: view.csrf,
    user: view.user.name,
    siteName: p.siteName,
    publicUrl: p.publicUrl,
    sitePath: p.sitePath,
    leadImageUrl: p.leadImageUrl,
    sections: p.sections.map((s) => ({ slug: s.slug, name: s.name })),
    actions: p.actions,
  }
  const seoTitle = values.seoTitle || values.headline
  const seoDescription = values.seoDescription || values.lede
  return (
    <AdminLayout view={view} title={title} scripts={[p.scripts.js]}>
      <link rel="stylesheet" href={p.scripts.css} />
      <div class="story-editor" id="story-editor">
        <header class="story-head">
          <h1>{isNew ? m['stories.new'] : m['story.editHeading']}</h1>
          {story ? (
            <p class="story-meta">
              <span class={`badge state-${story.state}`}>{stateLabel(story.state, m)}</span> · {m['story.version']} <span id="story-version-label">{story.version}</span> · {m['story.onSite']}{' '}
              {publicationLabel(story.publication, m)} · {m['story.lastChanged'](story.updatedBy, formatWhen(story.updatedAt, view.lang, tz))}
            </p>
          ) : null}
          <p id="story-status" class="story-status" role="status" aria-live="polite">
            {p.notice ?? ''}
          </p>
        </header>
        <div id="story-alert" role="alert" class={p.conflict || errors.length ? 'alert' : 'alert hidden'}>
          {p.conflict ? (
            <p>
              <strong>{m['story.conflict'](p.conflict.updatedBy)}</strong> ({formatWhen(p.conflict.updatedAt, view.lang, tz)}). {m['story.conflictText']}
            </p>
          ) : null}
          {errors.length ? (
            <>
              <p>
                <strong>{m['story.fixFields']}</strong>
              </p>
              <ul>
                {errors.map((e) => (
                  <li>
                    <a href={`#s-${e.field.split('.')[0] === 'source' ? 'sourceName' : e.field}`}>{e.message}</a>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
        <form id="story-form" method="post" action={action} novalidate>
          <Csrf token={view.csrf} />
          <input type="hidden" name="version" id="story-version" value={String(story?.version ?? 0)} />
          <div class="story-grid">
            <div class="story-main">
              <Input name="headline" label={m['story.headline']} value={values.headline} errors={errors} maxlength={300} multiline={2} required />
              <Input name="lede" label={m['story.lede']} value={values.lede} errors={errors} maxlength={2000} multiline={3} hint={m['story.ledeHint']} />
              <section class="body-field" aria-labelledby="body-label">
                <h2 id="body-label">{m['story.body']}</h2>
                <div id="body-editor" class="body-editor" data-state="loading">
                  <p class="no-js-note">{m['story.noJs']}</p>
                </div>
                <ErrorText errors={errors} field="body" />
              </section>
              <WorkflowButtons m={m} actions={p.actions} isNew={isNew} tz={tz} errors={errors} />
            </div>
            <div class="story-side">
              <Input
                name="slug"
                label={m['story.slug']}
                value={values.slug}
                errors={errors}
                maxlength={120}
                hint={m['story.slugHint']}
                extra={
                  <button type="button" class="secondary small" id="slug-generate" hidden>
                    {m['story.slugGenerate']}
                  </button>
                }
              />
              <div class="field">
                <label for="s-sectionSlug">{m['story.section']}</label>
                <select id="s-sectionSlug" name="sectionSlug" aria-invalid={fieldErrors(errors, 'sectionSlug').length ? 'true' : undefined}>
                  <option value="">{m['story.noSection']}</option>
                  {p.sections.map((s) => (
                    <option value={s.slug} selected={values.sectionSlug === s.slug}>
                      {s.name}
                    </option>
                  ))}
                </select>
                <ErrorText errors={errors} field="sectionSlug" />
              </div>
              <Input name="tags" label={m['story.tags']} value={values.tags} errors={errors} list="tag-list" hint={m['story.tagsHint']} />
              <datalist id="tag-list">
                {p.tagNames.map((t) => (
                  <option value={t} />
                ))}
              </datalist>
              <fieldset class="field authors" aria-describedby={fieldErrors(errors, 'authorSlugs').length ? 's-authorSlugs-blad' : undefined}>
                <legend>{m['story.authors']}</legend>
                {p.authors.length === 0 ? <p class="hint">{m['story.noAuthors']}</p> : null}
                <ul class="checklist">
                  {p.authors.map((a) => (
                    <li>
                      <label>
                        <input type="checkbox" name="authorSlugs" value={a.slug} checked={values.authorSlugs.includes(a.slug)} /> {a.name}
                      </label>
                    </li>
                  ))}
                </ul>
                <ErrorText errors={errors} field="authorSlugs" />
              </fieldset>
              <Input
                name="leadMediaId"
                label={m['story.leadMedia']}
                value={values.leadMediaId}
                errors={errors}
                inputmode="numeric"
                extra={
                  <>
                  <button type="button" class="secondary small" id="lead-pick" hidden>
                    {m['story.leadPick']}
                  </button>
                  <div id="lead-preview" class="lead-preview">
                    {p.leadImageUrl ? <img src={p.leadImageUrl} alt="" /> : null}
                  </div>
                  </>
                }
              />
              <fieldset class="field">
                <legend>{m['story.source']}</legend>
                <Input name="sourceName" label={m['story.sourceName']} value={values.sourceName} errors={errors} maxlength={200} />
                <div class="field">
                  <label for="s-sourceKind">{m['story.sourceKind']}</label>
                  <select id="s-sourceKind" name="sourceKind">
                    <option value="agency" selected={values.sourceKind !== 'outlet'}>
                      {m['story.sourceAgency']}
                    </option>
                    <option value="outlet" selected={values.sourceKind === 'outlet'}>
                      {m['story.sourceOutlet']}
                    </option>
                  </select>
                </div>
                <Input name="sourceUrl" label={m['story.sourceUrl']} value={values.sourceUrl} errors={errors} type="url" />
                <Input name="sourceLanguage" label={m['story.sourceLanguage']} value={values.sourceLanguage} errors={errors} maxlength={2} hint={m['story.sourceLanguageHint']} />
              </fieldset>
              <fieldset class="field">
                <legend>{m['story.seo']}</legend>
                <Input name="seoTitle" label={m['story.seoTitle']} value={values.seoTitle} errors={errors} maxlength={300} hint={m['story.seoTitleHint']} />
                <Input name="seoDescription" label={m['story.seoDescription']} value={values.seoDescription} errors={errors} maxlength={500} multiline={3} hint={m['story.seoDescriptionHint']} />
                <div class="seo-preview" id="seo-preview" aria-label={m['story.seoPreview']} role="group">
                  <p class="seo-caption">{m['story.seoCaption']}</p>
                  <p class="seo-url" id="seo-url">
                    {p.publicUrl.replace(/^https?:\/\//, '')}
                    {p.sitePath}
                  </p>
                  <p class="seo-title" id="seo-title">
                    {seoTitle || m['story.headlinePlaceholder']}
                  </p>
                  <p class="seo-desc" id="seo-desc">
                    {seoDescription}
                  </p>
                </div>
                <div class="social-preview" id="social-preview" aria-label={m['story.socialPreview']} role="group">
                  <div class="social-image" id="social-image">
                    {p.leadImageUrl ? <img src={p.leadImageUrl} alt="" /> : <span>{m['story.noPhoto']}</span>}
                  </div>
                  <p class="social-site">{p.publicUrl.replace(/^https?:\/\//, '').toUpperCase()}</p>
                  <p class="social-title" id="social-title">
                    {seoTitle || m['story.headlinePlaceholder']}
                  </p>
                  <p class="social-desc" id="social-desc">
                    {seoDescription}
                  </p>
                </div>
              </fieldset>
              <Input name="embargoUntil" label={m['story.embargo'](tz)} value={values.embargoUntil} errors={errors} type="datetime-local" hint={m['story.embargoHint']} />
            </div>
          </div>
        </form>
        <div class="story-extras">
          {p.extras ?? null}
          <section class="box" aria-labelledby="preview-h">
            <h2 id="preview-h">{m['story.preview']}</h2>
            {story ? (
              <p>
                <a href={`/admin/artykuly/${story.articleId}/podglad`} target="_blank" rel="noopener">
                  {m['story.previewFull']}
                </a>
              </p>
            ) : null}
            <button type="button" class="secondary" id="preview-refresh" hidden>
              {m['story.previewRefresh']}
            </button>
            <div id="live-preview" class="live-preview" aria-live="off"></div>
          </section>
          {story ? (
            // The translation desk (src/translation/): the original beside the translation.
            <section class="box" aria-labelledby="desk-h">
              <h2 id="desk-h">{m['desk.boxTitle']}</h2>
              <p>
                <a href={`/admin/artykuly/${story.articleId}/przeklad`} id="desk-link">
                  {m['desk.open']}
                </a>
                {m['desk.openHint']}
              </p>
            </section>
          ) : null}
          <section class="box" aria-labelledby="revisions-h">
            <h2 id="revisions-h">{m['story.revisions']}</h2>
            {story ? null : (
              <p class="muted" id="revisions-empty">
                {m['story.revisionsEmpty']}
              </p>
            )}
            <ol id="revisions" class="revisions">
              {p.revisions.map((r) => (
                <li data-rev={String(r.id)}>
                  <span class="rev-when">{formatWhen(r.created_at, view.lang, tz)}</span> — {r.user_name} ({m['story.revision'](reasonLabel(r.reason, m), r.version)})
                </li>
              ))}
            </ol>
            <div id="diff-view" class="diff-view" aria-live="polite"></div>
          </section>
        </div>
      </div>
      <script type="application/json" id="story-data">
        {raw(jsonForScript(data))}
      </script>
      <script type="application/json" id="editor-messages">
        {raw(jsonForScript(editorMessages(view.lang)))}
      </script>
    </AdminLayout>
  )
}
