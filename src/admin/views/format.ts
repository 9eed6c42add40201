import type { Language } from '../../accounts/roles.js'
import { formatDateTimePl } from '../../polish/dates.js'

/** A stored ISO time in the site's zone, in the reader's language. */
export function formatWhen(iso: string | null, lang: Language, timeZone: string, never = ''): string {
  if (!iso) return never
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  if (lang === 'pl') return formatDateTimePl(date, timeZone)
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(date)
}
