/** Error pages in Polish: never a stack trace to the visitor. */
import type { SiteView } from '../site-view.js'
import { Layout } from './layout.js'

const MESSAGES = {
  404: { title: 'Nie znaleziono strony', text: 'Pod tym adresem nie ma żadnej strony. Być może adres zawiera literówkę albo strona została przeniesiona.' },
  410: { title: 'Artykuł został wycofany', text: 'Ten artykuł został wycofany z publikacji przez redakcję i nie jest już dostępny.' },
  413: { title: 'Za duże zapytanie', text: 'Przesłane dane są zbyt duże.' },
  429: { title: 'Zbyt wiele prób', text: 'Wysłano zbyt wiele zapytań w krótkim czasie. Spróbuj ponownie za jakiś czas.' },
  500: { title: 'Błąd serwera', text: 'Coś poszło nie tak po naszej stronie. Spróbuj ponownie za chwilę.' },
} as const

export type ErrorStatus = keyof typeof MESSAGES

export function ErrorPage({ status, view, path }: { status: ErrorStatus; view: SiteView; path: string }) {
  const m = MESSAGES[status]
  return (
    <Layout site={view.site} publicUrl={view.publicUrl} stylesheet={view.stylesheet} meta={{ title: m.title, path, noindex: true }}>
      <h1>{m.title}</h1>
      <p>{m.text}</p>
      <p>
        <a href="/">Wróć na stronę główną</a>
      </p>
    </Layout>
  )
}
