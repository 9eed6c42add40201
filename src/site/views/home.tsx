/** The home page: lead story, latest stories, a block per section. */
import type { ArticleSummary } from '../../content/article.js'
import type { SectionRow } from '../../content/content.table.js'
import { editionOf, editionPath, storyPath, type SiteView } from '../site-view.js'
import { Layout } from './layout.js'
import { SIZES } from '../../media/responsive.js'
import { CardList, Picture, Time, Typeset } from './parts.js'

export interface HomeData {
  lead: ArticleSummary | undefined
  latest: ArticleSummary[]
  bySection: Array<{ section: SectionRow; articles: ArticleSummary[] }>
}

export function HomePage({ data, view }: { data: HomeData; view: SiteView }) {
  const { lead } = data
  const { code, editions, t } = editionOf(view)
  const home = editions.homePath(code)
  const at = (path: string) => editionPath(view, path)
  return (
    <Layout
      site={view.site}
      publicUrl={view.publicUrl}
      stylesheet={view.stylesheet}
      view={view}
      meta={{
        title: view.site.name,
        path: home,
        current: home,
        jsonLd: { '@context': 'https://schema.org', '@type': 'WebSite', name: view.site.name, url: view.publicUrl + home, inLanguage: view.site.language },
        feeds: [
          { title: `${view.site.name} – RSS`, href: at('/rss.xml'), type: 'application/rss+xml' },
          { title: `${view.site.name} – Atom`, href: at('/atom.xml'), type: 'application/atom+xml' },
          { title: `${view.site.name} – JSON Feed`, href: at('/feed.json'), type: 'application/feed+json' },
        ],
        // The editions' home pages are one another's language versions.
        alternates: editions.enabled.map((c) => ({ code: c, path: editions.homePath(c) })),
      }}
    >
      <h1 class="hp">{view.site.name}</h1>
      {lead ? (
        <article class="lead-story">
          {lead.leadMedia ? (
            <a href={storyPath(view, lead)} tabindex={-1} aria-hidden="true">
              <Picture media={lead.leadMedia} view={view} sizes={SIZES.homeLead} eager />
            </a>
          ) : null}
          <div>
            {lead.section ? (
              <a class="kicker" href={at(`/${lead.section.slug}`)}>
                {lead.section.name}
              </a>
            ) : null}
            <h2>
              <a href={storyPath(view, lead)}>
                <Typeset text={lead.headline} polish={lead.language === 'pl'} />
              </a>
            </h2>
            {lead.lede ? (
              <p>
                <Typeset text={lead.lede} polish={lead.language === 'pl'} />
              </p>
            ) : null}
            <p class="meta">
              <Time iso={lead.publishedAt} view={view} />
            </p>
          </div>
        </article>
      ) : (
        <p>{t.noStoriesYet}</p>
      )}
      {data.latest.length > 0 ? (
        <section class="section-block" aria-labelledby="najnowsze">
          <h2 id="najnowsze">{t.latest}</h2>
          <CardList articles={data.latest} view={view} />
        </section>
      ) : null}
      {data.bySection.map(({ section, articles }) => (
        <section class="section-block" aria-labelledby={`dzial-${section.slug}`}>
          <h2 id={`dzial-${section.slug}`}>
            <a href={at(`/${section.slug}`)}>{section.name}</a>
          </h2>
          <CardList articles={articles} view={view} />
        </section>
      ))}
    </Layout>
  )
}
