/** The article page: the story as the seed page shows it, done properly. */
import { raw } from 'hono/html'
import type { ArticleSummary, ArticleView, Source } from '../../content/article.js'
import { documentText } from '../../content/document.js'
import { responsiveImage } from '../../media/responsive.js'
import { formatDateTimePl, isoWithOffset } from '../../polish/dates.js'
import { renderFigure, renderStoredDocument } from '../render-document.js'
import { EDITION_INFO, type EditionCode } from '../../editions/editions.js'
import type { SiteStrings } from '../../editions/strings.js'
import { absoluteUrl, editionOf, editionPath, storyPath, type SiteView } from '../site-view.js'
import { Layout, type PageMeta } from './layout.js'
import { CardList, Time, Typeset } from './parts.js'

/** "z języka angielskiego": Polish adjective names of languages take the genitive -ego. */
export function languageGenitive(code: string): string {
  let name: string
  try {
    name = new Intl.DisplayNames(['pl'], { type: 'language' }).of(code) ?? code
  } catch {
    return code
  }
  return /[sc]ki$/.test(name) ? `${name}ego` : name
}

function SourceNote({ source, t }: { source: Source; t: SiteStrings }) {
  const name = source.url ? (
    <a href={source.url} rel="noopener nofollow">
      {source.name}
    </a>
  ) : (
    source.name
  )
  return (
    <p class="source">
      {t.sourceLabel}
      {name}
      {source.kind === 'agency' ? t.agency : ''}.
      {source.language && source.language !== 'pl' ? ` ${t.translatedFrom(source.language)}` : ''}
    </p>
  )
}

export function articleDescription(article: ArticleView): string {
  const text = article.seoDescription || article.lede || documentText(article.body)[0] || ''
  return text.length > 200 ? `${text.slice(0, 197).replace(/\s+\S*$/, '')}…` : text
}

export function articleJsonLd(article: ArticleView, view: SiteView) {
  const url = view.publicUrl + storyPath(view, article)
  const tz = view.site.timeZone
  return {
    '@context': 'https://schema.org',
    '@type': article.kind === 'page' ? 'WebPage' : 'NewsArticle',
    headline: article.headline.slice(0, 110),
    description: articleDescription(article),
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    url,
    inLanguage: article.language,
    datePublished: isoWithOffset(new Date(article.publishedAt), tz),
    dateModified: isoWithOffset(new Date(article.updatedAt), tz),
    ...(article.section ? { articleSection: article.section.name } : {}),
    ...(article.tags.length ? { keywords: article.tags.map((t) => t.name).join(', ') } : {}),
    ...(article.leadMedia
      ? {
          image: [
            {
              '@type': 'ImageObject',
              url: absoluteUrl(view.publicUrl, view.mediaUrl(article.leadMedia)),
              width: article.leadMedia.width,
              height: article.leadMedia.height,
              ...(article.leadMedia.caption ? { caption: article.leadMedia.caption } : {}),
              ...(article.leadMedia.credit ? { creditText: article.leadMedia.credit } : {}),
            },
          ],
        }
      : {}),
    author: article.authors.map((a) => ({ '@type': 'Person', name: a.name, url: `${view.publicUrl}${editionPath(view, `/autor/${a.slug}`)}` })),
    publisher: { '@type': 'Organization', name: view.site.publisher || view.site.name, url: view.publicUrl + editionOf(view).editions.homePath(editionOf(view).code) },
    ...(article.source ? { isBasedOn: article.source.url ?? article.source.name } : {}),
  }
}

/** A language version of a story, for hreflang links and the version list. */
export interface StoryVersion {
  code: EditionCode
  path: string
  headline: string
}

export function ArticlePage({ article, related, view, versions = [] }: { article: ArticleView; related: ArticleSummary[]; view: SiteView; versions?: StoryVersion[] }) {
  const { t } = editionOf(view)
  const at = (p: string) => editionPath(view, p)
  const path = storyPath(view, article)
  const others = versions.filter((v) => v.path !== path)
  const tz = view.site.timeZone
  const polish = article.language === 'pl'
  const ctx = { media: article.media, mediaUrl: view.mediaUrl, polish }
  const lead = article.leadMedia
  const modified = article.updatedAt > article.publishedAt
  const meta: PageMeta = {
    title: article.seoTitle || article.headline,
    description: articleDescription(article),
    path,
    type: article.kind === 'article' ? 'article' : 'website',
    image: lead ? { url: absoluteUrl(view.publicUrl, view.mediaUrl(lead)), alt: lead.alt, width: lead.width, height: lead.height } : undefined,
    jsonLd: articleJsonLd(article, view),
    current: article.section ? at(`/${article.section.slug}`) : path,
    ...(others.length ? { alternates: versions.map((v) => ({ code: v.code, path: v.path })) } : {}),
    extraMeta:
      article.kind === 'article'
        ? [
            { property: 'article:published_time', content: isoWithOffset(new Date(article.publishedAt), tz) },
            { property: 'article:modified_time', content: isoWithOffset(new Date(article.updatedAt), tz) },
            ...(article.section ? [{ property: 'article:section', content: article.section.name }] : []),
            ...article.tags.map((t) => ({ property: 'article:tag', content: t.name })),
          ]
        : [],
  }
  return (
    <Layout site={view.site} publicUrl={view.publicUrl} stylesheet={view.stylesheet} view={view} meta={meta}>
      <article class="article" lang={article.language}>
        <header>
          {article.section ? (
            <a class="kicker" href={at(`/${article.section.slug}`)}>
              {article.section.name}
            </a>
          ) : null}
          <h1>
            <Typeset text={article.headline} polish={polish} />
          </h1>
          {article.lede ? (
            <p class="lede">
              <Typeset text={article.lede} polish={polish} />
            </p>
          ) : null}
          {article.kind === 'article' ? (
            <p class="meta byline">
              {article.authors.length > 0 ? (
                <>
                  {t.byline(article.authors.length)}
                  {article.authors.map((a, i) => (
                    <>
                      {i > 0 ? ', ' : ''}
                      <a href={at(`/autor/${a.slug}`)} rel="author">
                        {a.name}
                      </a>
                    </>
                  ))}
                  {' · '}
                </>
              ) : null}
              <Time iso={article.publishedAt} view={view} />
              {modified ? (
                <>
                  {t.updated}
                  <Time iso={article.updatedAt} view={view} />
                </>
              ) : null}
            </p>
          ) : null}
        </header>
        {lead
          ? raw(
              renderFigure(
                { src: view.mediaUrl(lead), alt: lead.alt, caption: lead.caption, credit: lead.credit, width: lead.width, height: lead.height, responsive: responsiveImage(lead, view.mediaUrl) },
                ctx,
                { className: 'lead-media', eager: true },
              ),
            )
          : null}
        <div class="article-body">{raw(renderStoredDocument(article.bodyJson, article.body, ctx))}</div>
        {article.corrections.length > 0 ? (
          <section class="notes" aria-label={t.notes}>
            {article.corrections.map((c) => (
              <div>
                <h2>
                  {c.kind === 'correction' ? t.correction : t.update} ({polish ? formatDateTimePl(new Date(c.created_at), tz) : t.dateTime(new Date(c.created_at), tz)})
                </h2>
                <p>
                  <Typeset text={c.text} polish={polish} />
                </p>
              </div>
            ))}
          </section>
        ) : null}
        {article.source ? <SourceNote source={article.source} t={t} /> : null}
        {others.length > 0 ? (
          <nav class="versions" aria-label={t.otherVersions}>
            <p>
              {t.otherVersions}:{' '}
              {others.map((v, i) => (
                <>
                  {i > 0 ? ', ' : ''}
                  <a href={v.path} hreflang={v.code} lang={v.code}>
                    {EDITION_INFO[v.code].nativeName}
                  </a>
                </>
              ))}
            </p>
          </nav>
        ) : null}
        {article.tags.length > 0 ? (
          <nav class="tags" aria-label={t.tags}>
            <ul>
              {article.tags.map((tag) => (
                <li>
                  <a href={at(`/tag/${tag.slug}`)} rel="tag">
                    {tag.name}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </article>
      {related.length > 0 ? (
        <section class="section-block" aria-labelledby="related">
          <h2 id="related">{t.related}</h2>
          <CardList articles={related} view={view} />
        </section>
      ) : null}
    </Layout>
  )
}
