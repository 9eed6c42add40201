/**
 * The translation desk's pages: the side-by-side view of one story (original left, Polish
 * right, a status per segment, memory suggestions and glossary findings in place; every
 * button is a form that works without JavaScript) and the administrator's provider settings.
 */
import { AdminLayout, Csrf, type AdminView } from '../admin/view.js'
import type { DeskRow, DeskView } from './desk-service.js'
import type { GlossaryEntry } from './glossary.js'
import type { SegmentField, SegmentStatus } from './segments.js'
import { PROVIDER_LABELS, PROVIDERS, type ProviderSettingsView } from './settings.js'

const FIELD_LABELS: Record<SegmentField, string> = {
  headline: 'Tytuł',
  lede: 'Lead',
  seoTitle: 'Tytuł SEO',
  seoDescription: 'Opis SEO',
  text: 'Akapit',
  attribution: 'Autor cytatu',
  item: 'Punkt listy',
  caption: 'Podpis zdjęcia',
  alt: 'Tekst alternatywny',
  credit: 'Autor zdjęcia',
  title: 'Tytuł bloku',
}

export const STATUS_LABELS: Record<SegmentStatus | 'none', string> = {
  none: 'nieprzetłumaczone',
  machine: 'tłumaczenie maszynowe',
  edited: 'poprawione',
  approved: 'zatwierdzone',
}

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

function Row({ row, desk, canEdit, csrf, kept }: { row: DeskRow; desk: DeskView; canEdit: boolean; csrf: string; kept: DeskPageProps['kept'] }) {
  const status = row.status ?? 'none'
  const anchor = `seg-${row.id.replace(/[^a-zA-Z0-9_-]/g, '_')}`
  const text = kept?.id === row.id ? kept.text : row.target
  return (
    <tr id={anchor} class={`segment status-${status}`} data-segment={row.id}>
      <th scope="row">
        {FIELD_LABELS[row.field]}
        {row.required ? null : <span class="muted"> (nieobowiązkowe)</span>}
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
              {STATUS_LABELS[status]}
            </span>
          </p>
          <label class="visually-hidden" for={`${anchor}-t`}>
            {FIELD_LABELS[row.field]} po polsku
          </label>
          <textarea id={`${anchor}-t`} name="text" rows={row.rich ? 4 : 2} disabled={!canEdit} aria-invalid={kept?.id === row.id ? 'true' : undefined}>
            {text}
          </textarea>
          {kept?.id === row.id ? <p class="field-error">{kept.message}</p> : null}
          {row.findings.map((f) => (
            <p class="glossary-finding" role="note">
              Słownik: {f.message}
            </p>
          ))}
          {row.suggestions.length ? (
            <details class="memory">
              <summary>Pamięć tłumaczeń ({row.suggestions.length})</summary>
              <ul>
                {row.suggestions.map((s) => (
                  <li>
                    {s.exact ? 'dokładnie' : `${Math.round(s.score * 100)}%`}: {s.targetText}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
          {canEdit ? (
            <div class="workflow">
              <button type="submit" name="_action" value="save" class="secondary small">
                Zapisz
              </button>
              <button type="submit" name="_action" value="approve" class="small">
                Zapisz i zatwierdź
              </button>
              {desk.provider ? (
                <button type="submit" name="_action" value="machine-one" class="secondary small">
                  Tłumacz maszynowo
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
  const title = `Tłumaczenie: ${s.snapshot.headline || 'artykuł bez tytułu'}`
  const base = `/admin/artykuly/${s.articleId}/przeklad`
  return (
    <AdminLayout view={view} title={title}>
      <link rel="stylesheet" href={stylesheet} />
      <div class="translation-desk" id="translation-desk">
        <h1>{title}</h1>
        <p>
          <a href={`/admin/artykuly/${s.articleId}`}>← Wróć do edycji artykułu</a>
          {' · '}
          <a href={`/admin/tlumaczenie/slownik?jezyk=${desk.translation?.sourceLang ?? 'en'}`}>Słownik tłumaczeń</a>
          {isAdmin ? (
            <>
              {' · '}
              <a href="/admin/ustawienia/tlumaczenie">Ustawienia tłumaczenia maszynowego</a>
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
            <h2>Rozpocznij tłumaczenie na polski</h2>
            <p>Obecny tekst zostanie zachowany jako oryginał (lewa kolumna); artykuł stanie się polską wersją, którą tłumaczysz element po elemencie.</p>
            {canEdit ? (
              <form method="post" action={base}>
                <Csrf token={view.csrf} />
                <input type="hidden" name="version" value={String(s.version)} />
                <div class="field">
                  <label for="desk-from">Język oryginału (dwie litery, np. en)</label>
                  <input id="desk-from" name="from" maxlength={2} value={s.snapshot.language !== 'pl' ? s.snapshot.language : (s.snapshot.source?.language ?? '')} />
                </div>
                <button type="submit" name="_action" value="start">
                  Rozpocznij tłumaczenie
                </button>
              </form>
            ) : (
              <p>Nie możesz zmieniać tego artykułu w obecnym stanie.</p>
            )}
          </section>
        ) : (
          <>
            <p class="desk-summary">
              Z języka <strong>{desk.translation.sourceLang}</strong> na {desk.translation.targetLang === 'pl' ? 'polski' : <strong>{desk.translation.targetLang}</strong>} ·{' '}
              <span id="desk-untranslated">{desk.untranslated === 0 ? 'wszystkie elementy przetłumaczone' : `nieprzetłumaczone: ${desk.untranslated}`}</span> · tłumaczenie
              maszynowe: {desk.provider ?? 'niedostępne (tłumaczenie ręczne)'}
            </p>
            {canEdit && desk.provider ? (
              <form method="post" action={base}>
                <Csrf token={view.csrf} />
                <input type="hidden" name="version" value={String(s.version)} />
                <button type="submit" name="_action" value="machine">
                  Przetłumacz maszynowo wszystkie nieprzetłumaczone ({desk.provider})
                </button>
              </form>
            ) : null}
            <p class="hint">
              Formatowanie w akapitach: &lt;b&gt;pogrubienie&lt;/b&gt;, &lt;i&gt;kursywa&lt;/i&gt;, &lt;a id="1"&gt;link&lt;/a&gt; (adres linku zostaje z oryginału) — zostaw
              znaczniki wokół odpowiednich słów.
            </p>
            <table class="desk-table">
              <thead>
                <tr>
                  <th scope="col">Element</th>
                  <th scope="col">Oryginał</th>
                  <th scope="col">Po polsku</th>
                </tr>
              </thead>
              <tbody>
                {desk.rows.map((row) => (
                  <Row row={row} desk={desk} canEdit={canEdit} csrf={view.csrf} kept={kept} />
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
  const v = values ?? settings
  const err = (name: string) =>
    errors[name] ? (
      <p class="field-error" id={`tp-${name}-blad`}>
        {errors[name]}
      </p>
    ) : null
  return (
    <AdminLayout view={view} title="Tłumaczenie maszynowe">
      <h1>Tłumaczenie maszynowe</h1>
      <p role="status">{notice ?? ''}</p>
      {Object.keys(errors).length ? (
        <div class="alert" role="alert">
          <p>
            <strong>Popraw zaznaczone pola.</strong>
          </p>
        </div>
      ) : null}
      <p>
        Dostawca, z którego korzysta biurko tłumaczeń. Bez dostawcy biurko działa w pełni: redaktorzy tłumaczą ręcznie, a pamięć tłumaczeń i słownik działają tak samo.
        {settings.origin === 'environment' ? ' Obecnie obowiązują ustawienia ze zmiennych środowiskowych (TRANSLATION_PROVIDER); zapisanie tego formularza je zastąpi.' : ''}
      </p>
      <form method="post" action="/admin/ustawienia/tlumaczenie" class="settings-form" novalidate>
        <Csrf token={view.csrf} />
        <div class="field">
          <label for="tp-provider">Dostawca</label>
          <select id="tp-provider" name="provider" aria-invalid={errors.provider ? 'true' : undefined}>
            {PROVIDERS.map((p) => (
              <option value={p} selected={v.provider === p}>
                {PROVIDER_LABELS[p]}
              </option>
            ))}
          </select>
          {err('provider')}
        </div>
        <div class="field">
          <label for="tp-url">Adres serwera lub API</label>
          <input id="tp-url" name="url" type="url" value={v.url} maxlength={500} aria-invalid={errors.url ? 'true' : undefined} />
          <p class="hint">LibreTranslate: adres instancji (np. http://libretranslate:5000); model OpenAI: adres do wersji (np. https://api.openai.com/v1); DeepL: puste (adres wg klucza).</p>
          {err('url')}
        </div>
        <div class="field">
          <label for="tp-model">Model (tylko API zgodne z OpenAI)</label>
          <input id="tp-model" name="model" value={v.model} maxlength={200} aria-invalid={errors.model ? 'true' : undefined} />
          {err('model')}
        </div>
        <div class="field">
          <label for="tp-key">Klucz API</label>
          <input id="tp-key" name="apiKey" type="password" value="" autocomplete="off" maxlength={500} aria-invalid={errors.apiKey ? 'true' : undefined} aria-describedby="tp-key-opis" />
          <p class="hint" id="tp-key-opis">
            {settings.hasKey ? 'Klucz jest zapisany (nie pokazujemy go). Zostaw pole puste, aby go zachować.' : 'Brak zapisanego klucza.'}
          </p>
          {settings.hasKey ? (
            <label>
              <input type="checkbox" name="removeKey" value="1" /> Usuń zapisany klucz
            </label>
          ) : null}
          {err('apiKey')}
        </div>
        <button type="submit">Zapisz</button>
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
  return (
    <AdminLayout view={view} title="Słownik tłumaczeń">
      <h1>Słownik tłumaczeń</h1>
      <p role="status">{notice ?? ''}</p>
      <p>
        Jak redakcja tłumaczy nazwy i terminy z języka <strong>{lang}</strong>. Biurko tłumaczeń pokazuje przy każdym elemencie, gdy w przekładzie brakuje ustalonej
        formy (odmiana jest dozwolona); słowa ze słownika kontrola jakości uznaje za poprawne.
      </p>
      <form method="get" action="/admin/tlumaczenie/slownik">
        <label for="gl-lang">Język oryginału</label> <input id="gl-lang" name="jezyk" value={lang} maxlength={2} size={3} /> <button type="submit" class="secondary small">Pokaż</button>
      </form>
      <table class="desk-table" id="glossary">
        <thead>
          <tr>
            <th scope="col">Termin ({lang})</th>
            <th scope="col">Po polsku</th>
            <th scope="col">Uwaga</th>
            <th scope="col">
              <span class="visually-hidden">Czynności</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.length === 0 ? (
            <tr>
              <td colspan={4}>Słownik jest pusty.</td>
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
                    <button type="submit" name="_action" value="remove" class="secondary small" aria-label={`Usuń „${e.term}”`}>
                      Usuń
                    </button>
                  </form>
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
      <section class="box" aria-labelledby="gl-add">
        <h2 id="gl-add">Dodaj lub zmień hasło</h2>
        <form method="post" action="/admin/tlumaczenie/slownik" novalidate>
          <Csrf token={view.csrf} />
          <input type="hidden" name="lang" value={lang} />
          <div class="field">
            <label for="gl-term">Termin w oryginale</label>
            <input id="gl-term" name="term" value={values.term} maxlength={200} aria-invalid={errors.term ? 'true' : undefined} />
            {errors.term ? <p class="field-error">{errors.term}</p> : null}
          </div>
          <div class="field">
            <label for="gl-target">Ustalona forma po polsku</label>
            <input id="gl-target" name="target" value={values.target} maxlength={200} aria-invalid={errors.target ? 'true' : undefined} />
            {errors.target ? <p class="field-error">{errors.target}</p> : null}
          </div>
          <div class="field">
            <label for="gl-note">Uwaga (opcjonalnie)</label>
            <input id="gl-note" name="note" value={values.note} maxlength={500} />
          </div>
          <button type="submit" name="_action" value="add">
            Zapisz hasło
          </button>
        </form>
      </section>
    </AdminLayout>
  )
}
