/** Error pages in the edition's language (Polish by default): never a stack trace to the visitor. */
import type { ErrorCode } from '../../editions/strings.js'
import { editionOf, type SiteView } from '../site-view.js'
import { Layout } from './layout.js'

export type ErrorStatus = ErrorCode

export function ErrorPage({ status, view, path }: { status: ErrorStatus; view: SiteView; path: string }) {
  const { code, editions, t } = editionOf(view)
  const m = t.errors[status]
  return (
    <Layout site={view.site} publicUrl={view.publicUrl} stylesheet={view.stylesheet} view={view} meta={{ title: m.title, path, noindex: true }}>
      <h1>{m.title}</h1>
      <p>{m.text}</p>
      <p>
        <a href={editions.homePath(code)}>{t.backHome}</a>
      </p>
    </Layout>
  )
}
