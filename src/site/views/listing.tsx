/** Section, tag and author pages: a paginated list with its own feeds. */
import { raw } from 'hono/html'
import type { ArticleSummary } from '../../content/article.js'
import type { MediaRow } from '../../content/content.table.js'
import { renderText } from '../render-document.js'
import { editionOf, type SiteView } from '../site-view.js'
import { Layout } from './layout.js'
import { SIZES } from '../../media/responsive.js'
import { CardList, Pagination, Picture } from './parts.js'

export interface ListingData {
  /** "Dział", "Tag", "Autor" – what kind of list this is. */
  kind: 'section' | 'tag' | 'author'
  title: string
  description: string
  path: string
  photo?: MediaRow | null
  articles: ArticleSummary[]
  page: number
  /** An older page follows (lists are not counted: the cost would grow with the archive). */
  hasMore: boolean
}

export function ListingPage({ data, view }: { data: ListingData; view: SiteView }) {
  const { t } = editionOf(view)
  const canonical = data.page > 1 ? `${data.path}?strona=${data.page}` : data.path
  const jsonLd =
    data.kind === 'author'
      ? { '@context': 'https://schema.org', '@type': 'ProfilePage', mainEntity: { '@type': 'Person', name: data.title, url: view.publicUrl + data.path } }
      : { '@context': 'https://schema.org', '@type': 'CollectionPage', name: data.title, url: view.publicUrl + canonical }
  return (
    <Layout
      site={view.site}
      publicUrl={view.publicUrl}
      stylesheet={view.stylesheet}
      view={view}
      meta={{
        title: data.page > 1 ? `${data.title}${t.pageSuffix(data.page)}` : data.title,
        description: data.description,
        path: canonical,
        current: data.path,
        jsonLd,
        feeds: [
          { title: `${data.title} – RSS`, href: `${data.path}/rss.xml`, type: 'application/rss+xml' },
          { title: `${data.title} – Atom`, href: `${data.path}/atom.xml`, type: 'application/atom+xml' },
          { title: `${data.title} – JSON Feed`, href: `${data.path}/feed.json`, type: 'application/feed+json' },
        ],
      }}
    >
      <header class={data.kind === 'author' ? 'author-head' : undefined}>
        {data.photo ? <Picture media={data.photo} view={view} sizes={SIZES.thumb} /> : null}
        <div>
          <p class="kicker">{t.kind[data.kind]}</p>
          <h1>{data.title}</h1>
          {data.description ? <p>{raw(renderText(data.description, { polish: true }))}</p> : null}
        </div>
      </header>
      {data.articles.length > 0 ? <CardList articles={data.articles} view={view} /> : <p>{t.noStories}</p>}
      <Pagination path={data.path} page={data.page} hasMore={data.hasMore} view={view} />
    </Layout>
  )
}
