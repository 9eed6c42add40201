/** The page frame: head with SEO tags, skip link, header with the menu, footer. */
import type { Child } from 'hono/jsx'
import { raw } from 'hono/html'
import { EDITION_INFO, type EditionCode } from '../../editions/editions.js'
import type { SiteSettings } from '../../site-settings/settings.js'
import { jsonForScript } from '../html.js'
import { editionOf, ogLocale, type SiteView } from '../site-view.js'

export interface PageMeta {
  title: string
  description?: string
  /** Site path of the canonical URL ("/swiat/tytul"). */
  path: string
  type?: 'website' | 'article'
  image?: { url: string; alt: string; width?: number; height?: number } | undefined
  jsonLd?: unknown
  noindex?: boolean
  feeds?: Array<{ title: string; href: string; type: 'application/rss+xml' | 'application/atom+xml' | 'application/feed+json' }>
  /** Extra <head> tags (article:published_time …). */
  extraMeta?: Array<{ property: string; content: string }>
  /** Path of the current menu entry, to mark it with aria-current. */
  current?: string
  /** The page in other editions (hreflang links, the language switcher): site paths by edition. */
  alternates?: Array<{ code: EditionCode; path: string }>
}

export interface LayoutProps {
  site: SiteSettings
  publicUrl: string
  stylesheet: string
  meta: PageMeta
  /** The page's edition (absent: Polish, as before editions). */
  view?: Pick<SiteView, 'edition' | 'editions'>
  children?: Child
}

export function Layout({ site, publicUrl, stylesheet, meta, view, children }: LayoutProps) {
  const { code, editions, t } = editionOf(view ?? {})
  const inEdition = (path: string) => editions.path(code, path)
  const home = editions.homePath(code)
  // With other versions: every version names all of them and itself; x-default is the Polish one.
  const alternates = meta.alternates && meta.alternates.length > 1 ? meta.alternates : []
  const xDefault = alternates.find((a) => a.code === 'pl')
  const switcher =
    editions.enabled.length > 1
      ? editions.enabled.map((c) => ({ code: c, href: alternates.find((a) => a.code === c)?.path ?? editions.homePath(c) }))
      : []
  const canonical = publicUrl + meta.path
  const title = meta.path === home ? site.name : `${meta.title} – ${site.name}`
  const description = meta.description || site.description
  return (
    <>
    {raw('<!DOCTYPE html>')}
    <html lang={site.language}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        {description ? <meta name="description" content={description} /> : null}
        <link rel="canonical" href={canonical} />
        {meta.noindex ? <meta name="robots" content="noindex" /> : null}
        <link rel="stylesheet" href={stylesheet} />
        <meta name="color-scheme" content="light dark" />
        <meta property="og:site_name" content={site.name} />
        <meta property="og:locale" content={ogLocale(code)} />
        <meta property="og:type" content={meta.type ?? 'website'} />
        <meta property="og:title" content={meta.title} />
        {description ? <meta property="og:description" content={description} /> : null}
        <meta property="og:url" content={canonical} />
        {meta.image ? <meta property="og:image" content={meta.image.url} /> : null}
        {meta.image ? <meta property="og:image:alt" content={meta.image.alt} /> : null}
        {meta.image?.width ? <meta property="og:image:width" content={String(meta.image.width)} /> : null}
        {meta.image?.height ? <meta property="og:image:height" content={String(meta.image.height)} /> : null}
        <meta name="twitter:card" content={meta.image ? 'summary_large_image' : 'summary'} />
        <meta name="twitter:title" content={meta.title} />
        {description ? <meta name="twitter:description" content={description} /> : null}
        {meta.image ? <meta name="twitter:image" content={meta.image.url} /> : null}
        {(meta.extraMeta ?? []).map((m) => (
          <meta property={m.property} content={m.content} />
        ))}
        {alternates.map((a) => (
          <link rel="alternate" hreflang={a.code} href={publicUrl + a.path} />
        ))}
        {xDefault ? <link rel="alternate" hreflang="x-default" href={publicUrl + xDefault.path} /> : null}
        {(meta.feeds ?? []).map((f) => (
          <link rel="alternate" type={f.type} title={f.title} href={f.href} />
        ))}
        {meta.jsonLd ? <script type="application/ld+json">{raw(jsonForScript(meta.jsonLd))}</script> : null}
      </head>
      <body>
        <a class="skip" href="#tresc">
          {t.skip}
        </a>
        <header class="site-header">
          <div class="wrap">
            <a class="brand" href={home}>
              {site.name}
            </a>
            <nav class="site-nav" aria-label={t.mainMenu}>
              <ul>
                {site.menu.map((item) => (
                  <li>
                    <a href={item.href} aria-current={meta.current === item.href ? 'page' : undefined}>
                      {item.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            <form class="site-search" action={inEdition('/szukaj')} method="get" role="search">
              <input type="search" name="q" aria-label={t.searchLabel} placeholder={t.searchPlaceholder} />
              <button type="submit">{t.searchButton}</button>
            </form>
          </div>
        </header>
        <main id="tresc" class="wrap" tabindex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <nav aria-label={t.footer}>
              <ul>
                {site.footerMenu.map((item) => (
                  <li>
                    <a href={item.href}>{item.label}</a>
                  </li>
                ))}
                <li>
                  <a href={inEdition('/rss.xml')}>RSS</a>
                </li>
              </ul>
            </nav>
            {switcher.length ? (
              <nav class="editions" aria-label={t.languages}>
                <ul>
                  {switcher.map((s) => (
                    <li>
                      <a href={s.href} hreflang={s.code} lang={s.code} aria-current={s.code === code ? 'true' : undefined}>
                        {EDITION_INFO[s.code].nativeName}
                      </a>
                    </li>
                  ))}
                </ul>
              </nav>
            ) : null}
            <p>
              © {site.publisher || site.name}
              {site.description ? ` · ${site.description}` : ''}
            </p>
          </div>
        </footer>
      </body>
    </html>
    </>
  )
}
