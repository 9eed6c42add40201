// URL slugs for Polish text: "Żółć na łące" → "zolc-na-lace".

export const SLUG_FALLBACK = 'artykul'

// Letters that Unicode NFKD does not decompose into base + combining mark.
const NON_DECOMPOSING: Record<string, string> = {
  ł: 'l',
  Ł: 'l',
  ß: 'ss',
  ẞ: 'ss',
  æ: 'ae',
  Æ: 'ae',
  œ: 'oe',
  Œ: 'oe',
  ø: 'o',
  Ø: 'o',
  đ: 'd',
  Đ: 'd',
  ð: 'd',
  Ð: 'd',
  þ: 'th',
  Þ: 'th',
  ı: 'i',
}
const NON_DECOMPOSING_RE = new RegExp(`[${Object.keys(NON_DECOMPOSING).join('')}]`, 'g')

/**
 * Lower-case ASCII slug: Polish and other diacritics folded, words joined by
 * hyphens, at most `maxLength` characters (cut at a word boundary when
 * possible), never empty.
 */
export function slugify(text: string, maxLength = 80): string {
  const limit = Math.max(1, Math.floor(maxLength))
  const folded = text
    .replace(NON_DECOMPOSING_RE, (ch) => NON_DECOMPOSING[ch] ?? ch)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    // "O'Brien" → "obrien", not "o-brien".
    .replace(/['’ʼ`]/g, '')
    // "&" reads as "i" in Polish titles ("Kowalski & Syn").
    .replace(/&/g, ' i ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  const slug = truncateAtWord(folded, limit)
  return slug === '' ? SLUG_FALLBACK.slice(0, limit) : slug
}

function truncateAtWord(slug: string, limit: number): string {
  if (slug.length <= limit) return slug
  // A hyphen right after the cut means the cut already ends a whole word.
  if (slug[limit] === '-') return slug.slice(0, limit)
  const cut = slug.slice(0, limit)
  const lastHyphen = cut.lastIndexOf('-')
  // One very long word: a hard cut is better than nothing.
  return (lastHyphen > 0 ? cut.slice(0, lastHyphen) : cut).replace(/-+$/, '')
}

const MAX_ATTEMPTS = 10_000

/**
 * First free slug among `base`, `base-2`, `base-3`, … according to `taken`.
 * The base is shortened (at a word boundary) so that the suffixed slug still
 * fits `maxLength`. `base` is expected to be a slug already.
 */
export async function uniqueSlug(
  base: string,
  taken: (slug: string) => boolean | Promise<boolean>,
  maxLength = 80,
): Promise<string> {
  const root = base === '' ? SLUG_FALLBACK : base
  if (!(await taken(root))) return root
  for (let n = 2; n < MAX_ATTEMPTS; n++) {
    const suffix = `-${n}`
    const stem = truncateAtWord(root, Math.max(1, maxLength - suffix.length))
    const candidate = `${stem}${suffix}`
    if (!(await taken(candidate))) return candidate
  }
  throw new Error(`uniqueSlug: no free slug for "${root}" after ${MAX_ATTEMPTS} attempts`)
}
