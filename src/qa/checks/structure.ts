/**
 * @module
 * Check 7: what a story needs around its text.
 * - `missing-headline` (error), `missing-lede` (warning);
 * - `headline-too-long` (warning): the title search results show — the SEO title when
 *   set, else the headline — is longer than {@link MAX_TITLE} characters; the span is the
 *   part past that limit, which results cut off. `seo-description-too-long` (warning) past
 *   {@link MAX_DESCRIPTION} characters, likewise;
 * - images (the lead image and every image block; the block's own texts, else the media
 *   library's): `missing-alt` (error: a reader who cannot see the photo gets nothing),
 *   `missing-credit` (warning);
 * - `broken-link` (error): a link to a site path ("/…", or an absolute URL on
 *   `QaContext.siteUrl`) that is not among the known paths (query and fragment ignored,
 *   a trailing slash too). Checked only when the context gives the known paths;
 * - `embargo-after-schedule` (error): an embargo later than the scheduled publication time —
 *   the story would go out at the scheduled time and stay invisible until the embargo.
 */
import { quote } from '../messages.js'
import { storyImages } from '../units.js'
import type { CheckEnv, Finding, TextUnit } from '../types.js'

export const MAX_TITLE = 70
export const MAX_DESCRIPTION = 160

export function checkStructure(units: readonly TextUnit[], env: CheckEnv): Finding[] {
  const { story, context } = env
  const out: Finding[] = []
  const headline = (story.headline ?? '').trim()
  if (!headline) {
    out.push({
      kind: 'missing-headline',
      severity: 'error',
      field: 'headline',
      block: null,
      start: 0,
      end: 0,
      text: '',
      message: env.say('Brak tytułu. Wpisz tytuł artykułu.', 'No headline. Write one.'),
    })
  }
  if (!(story.lede ?? '').trim()) {
    out.push({
      kind: 'missing-lede',
      severity: 'warning',
      field: 'lede',
      block: null,
      start: 0,
      end: 0,
      text: '',
      message: env.say(
        'Brak leadu. Dopisz jedno–dwa zdania streszczenia: pokazują się na stronie głównej, w wynikach wyszukiwania i w udostępnieniach.',
        'No lede. Add a one- or two-sentence summary: it shows on the home page, in search results and in shares.',
      ),
    })
  }
  const seoTitle = (story.seoTitle ?? '').trim()
  {
    const field = seoTitle ? 'seoTitle' : 'headline'
    const full = (seoTitle ? story.seoTitle : story.headline) ?? ''
    const lead = full.length - full.trimStart().length
    const title = full.trim()
    const length = [...title].length
    if (length > MAX_TITLE) {
      const start = lead + [...title].slice(0, MAX_TITLE).join('').length
      const end = lead + title.length
      out.push({
        kind: seoTitle ? 'seo-title-too-long' : 'headline-too-long',
        severity: 'warning',
        field,
        block: null,
        start,
        end,
        text: full.slice(start, end),
        message: env.say(
          `Tytuł ma ${length} znaków; wyniki wyszukiwania pokazują około ${MAX_TITLE}, dalszy ciąg zostanie ucięty. ${seoTitle ? 'Skróć tytuł SEO.' : 'Skróć tytuł albo wpisz krótszy tytuł SEO.'}`,
          `The title is ${length} characters long; search results show about ${MAX_TITLE}, the rest is cut off. ${seoTitle ? 'Shorten the SEO title.' : 'Shorten the headline or set a shorter SEO title.'}`,
        ),
      })
    }
  }
  const description = story.seoDescription ?? ''
  if ([...description.trimEnd()].length > MAX_DESCRIPTION) {
    const start = [...description].slice(0, MAX_DESCRIPTION).join('').length
    out.push({
      kind: 'seo-description-too-long',
      severity: 'warning',
      field: 'seoDescription',
      block: null,
      start,
      end: description.trimEnd().length,
      text: description.slice(start, description.trimEnd().length),
      message: env.say(
        `Opis SEO ma ${[...description.trimEnd()].length} znaków; wyniki wyszukiwania pokazują około ${MAX_DESCRIPTION}. Skróć go.`,
        `The SEO description is ${[...description.trimEnd()].length} characters long; search results show about ${MAX_DESCRIPTION}. Shorten it.`,
      ),
    })
  }

  for (const img of storyImages(story, context)) {
    const which = img.block === null ? env.say('Zdjęcie główne', 'The lead image') : env.say('Zdjęcie', 'The image')
    if (!img.alt) {
      out.push({
        kind: 'missing-alt',
        severity: 'error',
        field: 'alt',
        block: img.block,
        start: 0,
        end: 0,
        text: '',
        message: env.say(
          `${which} nie ma tekstu alternatywnego. Opisz w jednym zdaniu, co na nim widać (dla czytelników, którzy go nie zobaczą).`,
          `${which} has no alt text. Describe in one sentence what it shows (for readers who cannot see it).`,
        ),
      })
    }
    if (!img.credit) {
      out.push({
        kind: 'missing-credit',
        severity: 'warning',
        field: 'credit',
        block: img.block,
        start: 0,
        end: 0,
        text: '',
        message: env.say(`${which} nie ma podpisu autora ani źródła. Dopisz, kto je zrobił lub skąd pochodzi (np. „PAP/Reuters”).`, `${which} has no credit. Add who took it or where it comes from (e.g. “PAP/Reuters”).`),
      })
    }
  }

  const known = context.knownPaths
  if (known) {
    const isKnown = typeof known === 'function' ? known : ((set: Set<string>) => (p: string) => set.has(p))(new Set([...known].map(normalizePath)))
    const origin = context.siteUrl ? safeOrigin(context.siteUrl) : null
    for (const unit of units) {
      for (const link of unit.links) {
        const path = sitePath(link.href, origin)
        if (path === null || isKnown(path)) continue
        const text = unit.text.slice(link.start, link.end)
        out.push({
          kind: 'broken-link',
          severity: 'error',
          field: unit.field,
          block: unit.block,
          start: link.start,
          end: link.end,
          text,
          message: env.say(
            `Link ${quote(context.messages, text)} prowadzi do ${link.href}, a takiej strony w serwisie nie ma. Popraw adres albo usuń link.`,
            `The link ${quote(context.messages, text)} points to ${link.href}, which is not a page of the site. Fix the address or remove the link.`,
          ),
        })
      }
    }
  }

  if (story.embargoUntil && story.publishedAt) {
    const embargo = Date.parse(story.embargoUntil)
    const scheduled = Date.parse(story.publishedAt)
    if (Number.isFinite(embargo) && Number.isFinite(scheduled) && embargo > scheduled) {
      out.push({
        kind: 'embargo-after-schedule',
        severity: 'error',
        field: 'embargoUntil',
        block: null,
        start: 0,
        end: story.embargoUntil.length,
        text: story.embargoUntil,
        message: env.say(
          `Embargo (${story.embargoUntil}) kończy się później niż zaplanowana publikacja (${story.publishedAt}): artykuł byłby niewidoczny aż do końca embarga. Przesuń publikację na koniec embarga albo skróć embargo.`,
          `The embargo (${story.embargoUntil}) ends after the scheduled publication (${story.publishedAt}): the story would stay invisible until the embargo ends. Move the publication to the end of the embargo or shorten the embargo.`,
        ),
      })
    }
  }
  return out
}

function safeOrigin(url: string): string | null {
  try {
    return new URL(url).origin
  } catch {
    return null
  }
}

export function normalizePath(path: string): string {
  const bare = path.split(/[?#]/, 1)[0] ?? ''
  let decoded = bare
  try {
    decoded = decodeURI(bare)
  } catch {
    // keep as typed
  }
  return decoded.length > 1 ? decoded.replace(/\/+$/, '') : decoded
}

/** The site path a link points to, or null for links elsewhere (other sites, mailto:, anchors). */
export function sitePath(href: string, origin: string | null): string | null {
  if (href.startsWith('/') && !href.startsWith('//')) return normalizePath(href)
  if (origin && /^https?:\/\//i.test(href)) {
    try {
      const url = new URL(href)
      if (url.origin === origin) return normalizePath(url.pathname)
    } catch {
      return null
    }
  }
  return null
}
