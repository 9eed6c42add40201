/**
 * @module
 * "Przetłumacz na…": the newsroom's side of linked translations (src/newsroom/translations.ts).
 * - `POST /api/admin/stories/:id/translations` `{ "language": "en" }` → 201 with the new
 *   story (Location: its API address), or 200 with the existing version of that language;
 * - `GET /api/admin/stories/:id/translations` → the story's language versions;
 * - `POST /admin/artykuly/:id/tlumaczenie` (form, works without JavaScript) → 303 to the
 *   copy's editor;
 * - `TranslationsBox`: the editor's box with the versions and the form.
 * Any signed-in newsroom role that may create stories may translate (checked by
 * NewsroomService.createStory); CSRF is checked by the newsroom middleware.
 */
import type { Context, Hono } from 'hono'
import { z } from 'zod'
import { csrfToken, currentUser, requireUser } from '../../accounts/auth.js'
import { EDITION_INFO, isEditionCode } from '../../editions/editions.js'
import { NewsroomError } from '../../newsroom/newsroom.service.js'
import { createTranslation, storyVersionsOf, TRANSLATION_TARGETS, type StoryVersionInfo } from '../../newsroom/translations.js'
import type { AppDeps } from '../../server/deps.js'
import { Csrf, type AdminView } from '../views/layout.js'
import { renderAdminError } from '../views/errors.js'
import { adoptOne } from './adopt.js'
import { storyPayload } from './api.js'
import { actorOf, newsroomProblem, problemJson } from './stories.js'

const TEXT = {
  pl: {
    title: 'Wersje językowe',
    none: 'Ten artykuł nie ma jeszcze tłumaczeń.',
    original: 'oryginał',
    current: 'ten artykuł',
    translateTo: 'Przetłumacz na…',
    submit: 'Utwórz tłumaczenie',
    hint: 'Tłumaczenie to osobny artykuł (własny adres, akceptacja i publikacja), połączony z tym. Zaczyna się od kopii tekstu; każdy fragment czeka na przetłumaczenie.',
    statuses: { draft: 'szkic', scheduled: 'zaplanowany', published: 'opublikowany', unpublished: 'wycofany' } as Record<string, string>,
  },
  en: {
    title: 'Language versions',
    none: 'This story has no translations yet.',
    original: 'original',
    current: 'this story',
    translateTo: 'Translate into…',
    submit: 'Create translation',
    hint: 'A translation is a story of its own (own address, review and publication) linked to this one. It starts as a copy of the text; every segment waits to be translated.',
    statuses: { draft: 'draft', scheduled: 'scheduled', published: 'published', unpublished: 'withdrawn' } as Record<string, string>,
  },
}

const CreateBody = z.object({ language: z.string().trim().toLowerCase() })

function idOf(c: Context): number | null {
  const raw = c.req.param('id') ?? ''
  return /^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : null
}

/** A language's name in the admin's language: "angielski", "English". */
function languageName(code: string, lang: string): string {
  try {
    return new Intl.DisplayNames([lang], { type: 'language' }).of(code) ?? code
  } catch {
    return code
  }
}

export function registerTranslationCopyRoutes(app: Hono, deps: AppDeps): void {
  const db = deps.dbh.db
  const base = '/api/admin/stories/:id{[0-9]+}/translations'
  app.use(base, requireUser())

  app.get(base, async (c) => {
    const id = idOf(c)
    if (id === null) return problemJson(c, 404, 'Nie znaleziono', 'Nie ma takiego artykułu.')
    try {
      await adoptOne(db, id)
      await deps.newsroom.get(id)
      return c.json({ versions: await storyVersionsOf(db, id) })
    } catch (err) {
      return newsroomProblem(c, err)
    }
  })

  app.post(base, async (c) => {
    const id = idOf(c)
    if (id === null) return problemJson(c, 404, 'Nie znaleziono', 'Nie ma takiego artykułu.')
    let raw: unknown
    try {
      raw = await c.req.json()
    } catch {
      return problemJson(c, 400, 'Nieprawidłowe żądanie', 'Treść żądania musi być poprawnym JSON-em.')
    }
    const body = CreateBody.safeParse(raw)
    if (!body.success) return problemJson(c, 400, 'Nieprawidłowe żądanie', 'Podaj język tłumaczenia: {"language": "en"}.')
    try {
      await adoptOne(db, id)
      const { story, created } = await createTranslation(db, deps.newsroom, actorOf(currentUser(c)), id, body.data.language)
      if (created) c.header('Location', `/api/admin/stories/${story.articleId}`)
      return c.json({ ...(await storyPayload(deps, c, story)), created, versions: await storyVersionsOf(db, story.articleId) }, created ? 201 : 200)
    } catch (err) {
      return newsroomProblem(c, err)
    }
  })

  app.post('/admin/artykuly/:id{[0-9]+}/tlumaczenie', requireUser(), async (c) => {
    const id = idOf(c)
    const form = await c.req.parseBody()
    const language = typeof form.language === 'string' ? form.language.trim().toLowerCase() : ''
    const fail = (status: 403 | 404) => renderAdminError(c, deps, status, { user: currentUser(c), csrf: csrfToken(c) })
    if (id === null) return fail(404)
    try {
      await adoptOne(db, id)
      const { story, created } = await createTranslation(db, deps.newsroom, actorOf(currentUser(c)), id, language)
      return c.redirect(`/admin/artykuly/${story.articleId}${created ? '?zapisano' : ''}`, 303)
    } catch (err) {
      if (err instanceof NewsroomError && err.code === 'NotFound') return fail(404)
      if (err instanceof NewsroomError && err.code === 'Forbidden') return fail(403)
      // A bad language (only from a hand-made request: the form offers valid ones).
      if (err instanceof NewsroomError && err.code === 'Invalid') return c.redirect(`/admin/artykuly/${id}`, 303)
      throw err
    }
  })
}

/** The editor's box: the story's language versions and the "Przetłumacz na…" form. */
export function TranslationsBox({ view, articleId, language, versions }: { view: AdminView; articleId: number; language: string; versions: StoryVersionInfo[] }) {
  const t = view.lang === 'en' ? TEXT.en : TEXT.pl
  const have = new Set(versions.map((v) => v.language))
  have.add(language)
  const targets = TRANSLATION_TARGETS.filter((code) => !have.has(code))
  return (
    <section class="box" aria-labelledby="versions-h">
      <h2 id="versions-h">{t.title}</h2>
      {versions.length ? (
        <ul class="story-versions">
          {versions.map((v) => (
            <li>
              <span class="badge" lang={v.language}>
                {v.language.toUpperCase()}
              </span>{' '}
              {v.articleId === articleId ? (
                <strong>{v.headline || '—'}</strong>
              ) : (
                <a href={`/admin/artykuly/${v.articleId}`} hreflang={v.language}>
                  {v.headline || '—'}
                </a>
              )}{' '}
              <span class="muted">
                ({[v.original ? t.original : null, v.articleId === articleId ? t.current : null, t.statuses[v.status] ?? v.status].filter(Boolean).join(', ')})
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t.none}</p>
      )}
      {targets.length ? (
        <form method="post" action={`/admin/artykuly/${articleId}/tlumaczenie`} class="translate-form">
          <Csrf token={view.csrf} />
          <p class="muted">{t.hint}</p>
          <label for="translate-language">{t.translateTo}</label>{' '}
          <select id="translate-language" name="language">
            {targets.map((code) => (
              <option value={code}>
                {languageName(code, view.lang)} ({isEditionCode(code) ? EDITION_INFO[code].nativeName : code})
              </option>
            ))}
          </select>{' '}
          <button type="submit" class="secondary">
            {t.submit}
          </button>
        </form>
      ) : null}
    </section>
  )
}
