/** The page frame: head with SEO tags, skip link, header with the menu, footer. */
import type { Child } from 'hono/jsx'
import { raw } from 'hono/html'
import type { SiteSettings } from '../../site-settings/settings.js'
import { jsonForScript } from '../html.js'

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
}

export interface LayoutProps {
  site: SiteSettings
  publicUrl: string
  stylesheet: string
  meta: PageMeta
  children?: Child
}

export function Layout({ site, publicUrl, stylesheet, meta, children }: LayoutProps) {
  const canonical = publicUrl + meta.path
  const title = meta.path === '/' ? site.name : `${meta.title} – ${site.name}`
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
        <meta property="og:locale" content="pl_PL" />
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
        {(meta.feeds ?? []).map((f) => (
          <link rel="alternate" type={f.type} title={f.title} href={f.href} />
        ))}
        {meta.jsonLd ? <script type="application/ld+json">{raw(jsonForScript(meta.jsonLd))}</script> : null}
      </head>
      <body>
        <a class="skip" href="#tresc">
          Przejdź do treści
        </a>
        <header class="site-header">
          <div class="wrap">
            <a class="brand" href="/">
              {site.name}
            </a>
            <nav class="site-nav" aria-label="Menu główne">
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
            <form class="site-search" action="/szukaj" method="get" role="search">
              <input type="search" name="q" aria-label="Szukaj w serwisie" placeholder="Szukaj…" />
              <button type="submit">Szukaj</button>
            </form>
          </div>
        </header>
        <main id="tresc" class="wrap" tabindex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <nav aria-label="Stopka">
              <ul>
                {site.footerMenu.map((item) => (
                  <li>
                    <a href={item.href}>{item.label}</a>
                  </li>
                ))}
                <li>
                  <a href="/rss.xml">RSS</a>
                </li>
              </ul>
            </nav>
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
