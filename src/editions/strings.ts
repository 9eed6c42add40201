/**
 * @module
 * The public site's UI strings per edition: navigation, lists, the article page, error
 * pages; dates and plurals through Intl (CLDR), Polish through src/polish/ as before.
 */
import { formatDateTimePl } from '../polish/dates.js'
import { pluralPl } from '../polish/plural.js'
import { EDITION_INFO, type EditionCode } from './editions.js'

export type ErrorCode = 404 | 410 | 413 | 429 | 500

export interface SiteStrings {
  readonly skip: string
  readonly mainMenu: string
  readonly searchLabel: string
  readonly searchPlaceholder: string
  readonly searchButton: string
  readonly footer: string
  readonly languages: string
  readonly noStoriesYet: string
  readonly latest: string
  readonly kind: { readonly section: string; readonly tag: string; readonly author: string }
  /** "12 artykułów", "12 stories", "12 статей". */
  stories(n: number): string
  readonly noStories: string
  /** " (strona 2)". */
  pageSuffix(page: number): string
  readonly pages: string
  readonly newer: string
  readonly older: string
  pageOf(page: number, pages: number): string
  /** "Strona 2" (lists are not counted). */
  pageN(page: number): string
  /** "Autor: ", "Autorzy: ". */
  byline(authors: number): string
  readonly updated: string
  readonly correction: string
  readonly update: string
  readonly notes: string
  readonly tags: string
  readonly related: string
  readonly sourceLabel: string
  readonly agency: string
  /** "Tłumaczenie z języka angielskiego." */
  translatedFrom(language: string): string
  /** The heading of the other language versions of a story. */
  readonly otherVersions: string
  readonly errors: Readonly<Record<ErrorCode, { readonly title: string; readonly text: string }>>
  readonly backHome: string
  /** A site-wide feed's description when the site has none. */
  latestFrom(name: string): string
  /** Date and time of a story, in the site's time zone. */
  dateTime(date: Date, timeZone: string): string
  /** The search page's main texts (src/search/views.tsx; its hints stay Polish). */
  readonly search: {
    readonly title: string
    readonly results: string
    readonly searchIn: string
    readonly filters: string
    readonly section: string
    readonly all: string
    readonly from: string
    readonly to: string
    readonly enterWords: string
    noResults(q: string): string
    found(n: number): string
    readonly previous: string
    readonly next: string
    readonly pagesLabel: string
  }
}

function languageName(locale: string, code: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code
  } catch {
    return code
  }
}

const intlDateTime = new Map<string, Intl.DateTimeFormat>()
function intlFormat(locale: string, date: Date, timeZone: string): string {
  const key = `${locale}|${timeZone}`
  let f = intlDateTime.get(key)
  if (!f) intlDateTime.set(key, (f = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'long', timeStyle: 'short', hourCycle: 'h23' })))
  return f.format(date)
}

/** CLDR plural category → form; Ukrainian has one/few/many, English one/other. */
function plural(locale: string, forms: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }): (n: number) => string {
  const rules = new Intl.PluralRules(locale)
  const numbers = new Intl.NumberFormat(locale)
  return (n) => `${numbers.format(n)}\u00A0${forms[rules.select(n)] ?? forms.other}`
}

const PL: SiteStrings = {
  skip: 'Przejdź do treści',
  mainMenu: 'Menu główne',
  searchLabel: 'Szukaj w serwisie',
  searchPlaceholder: 'Szukaj…',
  searchButton: 'Szukaj',
  footer: 'Stopka',
  languages: 'Wersje językowe',
  noStoriesYet: 'Nie opublikowano jeszcze żadnych artykułów.',
  latest: 'Najnowsze',
  kind: { section: 'Dział', tag: 'Tag', author: 'Autor' },
  // The Polish lists always wrote "5 artykułów" with a plain space: kept as it was.
  stories: (n) => `${n} ${pluralPl(n, 'artykuł', 'artykuły', 'artykułów')}`,
  noStories: 'Brak artykułów.',
  pageSuffix: (page) => ` (strona ${page})`,
  pages: 'Strony',
  newer: '← Nowsze',
  older: 'Starsze →',
  pageOf: (page, pages) => `Strona ${page} z ${pages}`,
  pageN: (page) => `Strona ${page}`,
  byline: (n) => (n > 1 ? 'Autorzy: ' : 'Autor: '),
  updated: ' · Aktualizacja: ',
  correction: 'Sprostowanie',
  update: 'Aktualizacja',
  notes: 'Sprostowania i aktualizacje',
  tags: 'Tagi',
  related: 'Czytaj także',
  sourceLabel: 'Źródło: ',
  agency: ' (agencja)',
  translatedFrom: (code) => {
    const name = languageName('pl', code)
    // Polish adjective names of languages take the genitive -ego.
    return `Tłumaczenie z języka ${/[sc]ki$/.test(name) ? `${name}ego` : name}.`
  },
  otherVersions: 'Ten artykuł w innych językach',
  errors: {
    404: { title: 'Nie znaleziono strony', text: 'Pod tym adresem nie ma żadnej strony. Być może adres zawiera literówkę albo strona została przeniesiona.' },
    410: { title: 'Artykuł został wycofany', text: 'Ten artykuł został wycofany z publikacji przez redakcję i nie jest już dostępny.' },
    413: { title: 'Za duże zapytanie', text: 'Przesłane dane są zbyt duże.' },
    429: { title: 'Zbyt wiele prób', text: 'Wysłano zbyt wiele zapytań w krótkim czasie. Spróbuj ponownie za jakiś czas.' },
    500: { title: 'Błąd serwera', text: 'Coś poszło nie tak po naszej stronie. Spróbuj ponownie za chwilę.' },
  },
  backHome: 'Wróć na stronę główną',
  latestFrom: (name) => `Najnowsze artykuły: ${name}`,
  dateTime: (date, tz) => formatDateTimePl(date, tz),
  search: {
    title: 'Szukaj',
    results: 'Wyniki wyszukiwania',
    searchIn: 'Szukaj w artykułach',
    filters: 'Filtry',
    section: 'Dział',
    all: 'wszystkie',
    from: 'Od dnia',
    to: 'Do dnia',
    enterWords: 'Wpisz słowa, których szukasz.',
    noResults: (q) => `Nie znaleźliśmy artykułów pasujących do zapytania „${q}”.`,
    found: (n) => `Znaleźliśmy ${n} ${pluralPl(n, 'artykuł', 'artykuły', 'artykułów')}`,
    previous: '← Poprzednie',
    next: 'Następne →',
    pagesLabel: 'Strony wyników',
  },
}

const EN: SiteStrings = {
  skip: 'Skip to content',
  mainMenu: 'Main menu',
  searchLabel: 'Search the site',
  searchPlaceholder: 'Search…',
  searchButton: 'Search',
  footer: 'Footer',
  languages: 'Languages',
  noStoriesYet: 'No stories have been published yet.',
  latest: 'Latest',
  kind: { section: 'Section', tag: 'Tag', author: 'Author' },
  stories: plural('en', { one: 'story', other: 'stories' }),
  noStories: 'No stories.',
  pageSuffix: (page) => ` (page ${page})`,
  pages: 'Pages',
  newer: '← Newer',
  older: 'Older →',
  pageOf: (page, pages) => `Page ${page} of ${pages}`,
  pageN: (page) => `Page ${page}`,
  byline: () => 'By ',
  updated: ' · Updated: ',
  correction: 'Correction',
  update: 'Update',
  notes: 'Corrections and updates',
  tags: 'Tags',
  related: 'Read also',
  sourceLabel: 'Source: ',
  agency: ' (news agency)',
  translatedFrom: (code) => `Translated from ${languageName('en', code)}.`,
  otherVersions: 'This story in other languages',
  errors: {
    404: { title: 'Page not found', text: 'There is no page at this address. The address may contain a typo, or the page has moved.' },
    410: { title: 'Story withdrawn', text: 'The newsroom has withdrawn this story; it is no longer available.' },
    413: { title: 'Request too large', text: 'The data sent is too large.' },
    429: { title: 'Too many requests', text: 'Too many requests in a short time. Please try again later.' },
    500: { title: 'Server error', text: 'Something went wrong on our side. Please try again in a moment.' },
  },
  backHome: 'Back to the home page',
  latestFrom: (name) => `Latest stories: ${name}`,
  dateTime: (date, tz) => intlFormat(EDITION_INFO.en.locale, date, tz),
  search: {
    title: 'Search',
    results: 'Search results',
    searchIn: 'Search the stories',
    filters: 'Filters',
    section: 'Section',
    all: 'all',
    from: 'From',
    to: 'To',
    enterWords: 'Type the words you are looking for.',
    noResults: (q) => `No stories match “${q}”.`,
    found: (n) => `Found ${plural('en', { one: 'story', other: 'stories' })(n)}`,
    previous: '← Previous',
    next: 'Next →',
    pagesLabel: 'Result pages',
  },
}

const UK: SiteStrings = {
  skip: 'Перейти до змісту',
  mainMenu: 'Головне меню',
  searchLabel: 'Пошук на сайті',
  searchPlaceholder: 'Пошук…',
  searchButton: 'Шукати',
  footer: 'Нижня навігація',
  languages: 'Мовні версії',
  noStoriesYet: 'Ще не опубліковано жодного матеріалу.',
  latest: 'Останні новини',
  kind: { section: 'Розділ', tag: 'Тег', author: 'Автор' },
  stories: plural('uk', { one: 'матеріал', few: 'матеріали', many: 'матеріалів', other: 'матеріалу' }),
  noStories: 'Немає матеріалів.',
  pageSuffix: (page) => ` (сторінка ${page})`,
  pages: 'Сторінки',
  newer: '← Новіші',
  older: 'Старіші →',
  pageOf: (page, pages) => `Сторінка ${page} з ${pages}`,
  pageN: (page) => `Сторінка ${page}`,
  byline: (n) => (n > 1 ? 'Автори: ' : 'Автор: '),
  updated: ' · Оновлено: ',
  correction: 'Спростування',
  update: 'Оновлення',
  notes: 'Спростування та оновлення',
  tags: 'Теги',
  related: 'Читайте також',
  sourceLabel: 'Джерело: ',
  agency: ' (агенція)',
  translatedFrom: (code) => {
    // "англійська" → "з англійської": the genitive of the adjective (мови is understood).
    const name = languageName('uk', code)
    return `Переклад з ${name.replace(/ька$/, 'ької').replace(/ська$/, 'ської')}.`
  },
  otherVersions: 'Цей матеріал іншими мовами',
  errors: {
    404: { title: 'Сторінку не знайдено', text: 'За цією адресою немає сторінки. Можливо, в адресі помилка або сторінку перенесено.' },
    410: { title: 'Матеріал відкликано', text: 'Редакція відкликала цей матеріал, він більше не доступний.' },
    413: { title: 'Завеликий запит', text: 'Надіслані дані завеликі.' },
    429: { title: 'Забагато запитів', text: 'Забагато запитів за короткий час. Спробуйте пізніше.' },
    500: { title: 'Помилка сервера', text: 'Щось пішло не так на нашому боці. Спробуйте ще раз за хвилину.' },
  },
  backHome: 'Повернутися на головну',
  latestFrom: (name) => `Останні матеріали: ${name}`,
  dateTime: (date, tz) => intlFormat(EDITION_INFO.uk.locale, date, tz),
  search: {
    title: 'Пошук',
    results: 'Результати пошуку',
    searchIn: 'Шукати в матеріалах',
    filters: 'Фільтри',
    section: 'Розділ',
    all: 'усі',
    from: 'Від',
    to: 'До',
    enterWords: 'Введіть слова, які ви шукаєте.',
    noResults: (q) => `Не знайдено матеріалів за запитом «${q}».`,
    found: (n) => `Знайдено ${plural('uk', { one: 'матеріал', few: 'матеріали', many: 'матеріалів', other: 'матеріалу' })(n)}`,
    previous: '← Попередні',
    next: 'Наступні →',
    pagesLabel: 'Сторінки результатів',
  },
}

export const SITE_STRINGS: Readonly<Record<EditionCode, SiteStrings>> = { pl: PL, en: EN, uk: UK }

export function stringsFor(code: EditionCode): SiteStrings {
  return SITE_STRINGS[code]
}
