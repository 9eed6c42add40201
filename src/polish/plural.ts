// Polish plural forms on top of CLDR rules (Intl.PluralRules), so we do not
// re-implement the "2–4 but not 12–14" logic by hand.

const rules = new Intl.PluralRules('pl')
const numbers = new Intl.NumberFormat('pl')

/**
 * Picks the Polish form of a noun for a count.
 *
 * - `one`:  1 artykuł
 * - `few`:  2–4, 22–24, 102… artykuły; also fractions (1,5 godziny), because
 *   Polish uses the genitive singular there, which for most nouns we need
 *   equals or is replaced by the "few" form the caller supplies
 * - `many`: 0, 5–21, 25… artykułów
 */
export function pluralPl(n: number, one: string, few: string, many: string): string {
  switch (rules.select(n)) {
    case 'one':
      return one
    case 'few':
      return few
    case 'many':
      return many
    default:
      // CLDR "other" in Polish = non-integers (and NaN/Infinity).
      return few
  }
}

/** "5 artykułów", "1,5 godziny", "12 345 osób" — number formatted the Polish way. */
export function countPl(n: number, one: string, few: string, many: string): string {
  return `${numbers.format(n)}\u00A0${pluralPl(n, one, few, many)}`
}
