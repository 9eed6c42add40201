/**
 * @module
 * The library's search text: alt, caption, credit, copyright and the file name folded to lower
 * case without diacritics, so that "lodz" finds "Łódź" and "ZDJĘCIE" finds "zdjęcie" on SQLite
 * (whose LIKE and lower() know only ASCII) as on PostgreSQL.
 */

/** Lower case (Polish rules), `ł` → `l`, combining marks removed, whitespace collapsed. */
export function foldForSearch(text: string): string {
  return text
    .toLocaleLowerCase('pl')
    .replace(/ł/g, 'l')
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
}

export function mediaSearchText(m: { alt: string; caption: string; credit: string; copyright?: string; originalName?: string }): string {
  return foldForSearch([m.alt, m.caption, m.credit, m.copyright ?? '', m.originalName ?? ''].join(' '))
}

/** A LIKE pattern matching the folded query anywhere (`%` and `_` in it taken literally, escape `\`). */
export function likePattern(query: string): string {
  return `%${foldForSearch(query).replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`
}
