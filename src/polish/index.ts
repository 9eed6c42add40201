// Public surface of the Polish language helpers (pure, no I/O).
export {
  NBSP,
  typographyPl,
  typographyRuns,
  UNITS_AFTER_NUMBER,
  ABBREVIATIONS_BEFORE_NUMBER,
} from './typography.js'
export { slugify, uniqueSlug, SLUG_FALLBACK } from './slug.js'
export { pluralPl, countPl } from './plural.js'
export {
  DEFAULT_TIME_ZONE,
  MONTHS_GENITIVE,
  formatDatePl,
  formatDateTimePl,
  formatTimePl,
  formatRelativePl,
  isoWithOffset,
} from './dates.js'
