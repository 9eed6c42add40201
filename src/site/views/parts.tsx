/** Small pieces shared by the site's pages. */
import { raw } from 'hono/html'
import type { ArticleSummary } from '../../content/article.js'
import type { MediaRow } from '../../content/content.table.js'
import { responsiveImage, SIZES } from '../../media/responsive.js'
import { formatDateTimePl, isoWithOffset } from '../../polish/dates.js'
import { renderText } from '../render-document.js'
import { editionOf, editionPath, storyPath, type SiteView } from '../site-view.js'

export function Time({ iso, view }: { iso: string; view: SiteView }) {
  const date = new Date(iso)
  const { code, t } = editionOf(view)
  return <time datetime={isoWithOffset(date, view.site.timeZone)}>{code === 'pl' ? formatDateTimePl(date, view.site.timeZone) : t.dateTime(date, view.site.timeZone)}</time>
}

/** Typeset headline text (escaped; Polish typography unless the text is in another language). */
export function Typeset({ text, polish = true }: { text: string; polish?: boolean }) {
  return <>{raw(renderText(text, { polish }))}</>
}

/**
 * A library image: `<picture>` with AVIF/WebP sources and a srcset once its variants exist
 * (src/media/variants.ts), else a plain `<img>`. `sizes`: one of SIZES in src/media/responsive.ts.
 */
export function Picture({
  media,
  view,
  sizes,
  alt = '',
  lazy = false,
  eager = false,
}: {
  media: MediaRow
  view: SiteView
  sizes: string
  alt?: string
  lazy?: boolean
  eager?: boolean
}) {
  const loading = lazy ? ({ loading: 'lazy', decoding: 'async' } as const) : {}
  const priority = eager ? ({ fetchpriority: 'high' } as const) : {}
  const r = responsiveImage(media, view.mediaUrl)
  if (!r) return <img src={view.mediaUrl(media)} alt={alt} width={media.width} height={media.height} {...priority} {...loading} />
  return (
    <picture>
      {r.avif ? <source type="image/avif" srcset={r.avif} sizes={sizes} /> : null}
      {r.webp ? <source type="image/webp" srcset={r.webp} sizes={sizes} /> : null}
      <img src={r.src} srcset={r.fallback} sizes={sizes} alt={alt} width={media.width} height={media.height} {...priority} {...loading} />
    </picture>
  )
}

export function Card({ article, view, headingLevel = 3 }: { article: ArticleSummary; view: SiteView; headingLevel?: 2 | 3 }) {
  const href = storyPath(view, article)
  const heading = (
    <a href={href}>
      <Typeset text={article.headline} polish={article.language === 'pl'} />
    </a>
  )
  return (
    <article class="card">
      {article.leadMedia ? (
        <a href={href} tabindex={-1} aria-hidden="true">
          <Picture media={article.leadMedia} view={view} sizes={SIZES.card} lazy />
        </a>
      ) : null}
      {article.section ? (
        <a class="kicker" href={editionPath(view, `/${article.section.slug}`)}>
          {article.section.name}
        </a>
      ) : null}
      {headingLevel === 2 ? <h2>{heading}</h2> : <h3>{heading}</h3>}
      {article.lede ? (
        <p>
          <Typeset text={article.lede.length > 220 ? `${article.lede.slice(0, 217).replace(/\s+\S*$/, '')}…` : article.lede} polish={article.language === 'pl'} />
        </p>
      ) : null}
      <p class="meta">
        <Time iso={article.publishedAt} view={view} />
      </p>
    </article>
  )
}

export function CardList({ articles, view }: { articles: ArticleSummary[]; view: SiteView }) {
  return (
    <ul class="cards">
      {articles.map((a) => (
        <li>
          <Card article={a} view={view} />
        </li>
      ))}
    </ul>
  )
}

export function Pagination({ path, page, hasMore, view }: { path: string; page: number; hasMore: boolean; view?: SiteView }) {
  if (page === 1 && !hasMore) return null
  const href = (n: number) => (n === 1 ? path : `${path}?strona=${n}`)
  const { t } = editionOf(view ?? {})
  return (
    <nav class="pagination" aria-label={t.pages}>
      {page > 1 ? (
        <a href={href(page - 1)} rel="prev">
          {t.newer}
        </a>
      ) : (
        <span />
      )}
      <span class="muted">{t.pageN(page)}</span>
      {hasMore ? (
        <a href={href(page + 1)} rel="next">
          {t.older}
        </a>
      ) : (
        <span />
      )}
    </nav>
  )
}
