// Polish date formatting. Intl supplies only the numeric wall-clock parts in a
// time zone; the Polish wording is assembled here so output does not change
// with the ICU version.

export const DEFAULT_TIME_ZONE = 'Europe/Warsaw'

/** Genitive month names, as used after a day number ("27 listopada"). */
export const MONTHS_GENITIVE = [
  'stycznia',
  'lutego',
  'marca',
  'kwietnia',
  'maja',
  'czerwca',
  'lipca',
  'sierpnia',
  'września',
  'października',
  'listopada',
  'grudnia',
] as const

interface WallClock {
  year: number
  month: number // 1–12
  day: number
  hour: number
  minute: number
  second: number
}

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (!f) {
    // en-US + latn digits: only numbers are read from the parts.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      numberingSystem: 'latn',
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    formatters.set(timeZone, f)
  }
  return f
}

function assertValid(date: Date): void {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new RangeError('Invalid date')
  }
}

/** The wall clock by Intl (exact, and slow: a page render asks for a dozen dates). */
function wallClockIntl(date: Date, timeZone: string): WallClock {
  const out: WallClock = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 }
  let bc = false
  for (const part of formatterFor(timeZone).formatToParts(date)) {
    switch (part.type) {
      case 'year':
      case 'month':
      case 'day':
      case 'hour':
      case 'minute':
      case 'second':
        out[part.type] = Number(part.value)
        break
      case 'era':
        bc = part.value === 'BC' || part.value === 'B'
        break
    }
  }
  // Astronomical year numbering, so ISO strings and day arithmetic work for BC too.
  if (bc) out.year = 1 - out.year
  return out
}

const BUCKET_MS = 3_600_000
/** Zone offset (ms) per zone and hour of time, NaN when the offset changes within that hour. */
const offsets = new Map<string, number>()

function exactOffset(t: number, timeZone: string): number {
  const date = new Date(t)
  return offsetMs(date, wallClockIntl(date, timeZone))
}

/**
 * The wall-clock time of `date` in `timeZone`. A zone's offset is looked up once per hour of
 * time (it is the same at both ends of the hour, so no transition lies inside; else Intl
 * answers for the exact moment) and added to UTC.
 */
function wallClock(date: Date, timeZone: string): WallClock {
  assertValid(date)
  const t = date.getTime()
  const bucket = Math.floor(t / BUCKET_MS)
  const key = `${timeZone}|${bucket}`
  let offset = offsets.get(key)
  if (offset === undefined) {
    const start = exactOffset(bucket * BUCKET_MS, timeZone)
    offset = start === exactOffset((bucket + 1) * BUCKET_MS - 1, timeZone) ? start : Number.NaN
    if (offsets.size >= 10_000) offsets.clear()
    offsets.set(key, offset)
  }
  if (Number.isNaN(offset)) return wallClockIntl(date, timeZone)
  const local = new Date(Math.floor(t / 1000) * 1000 + offset)
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  }
}

const pad2 = (n: number) => String(n).padStart(2, '0')

function timeOf(c: WallClock): string {
  return `${pad2(c.hour)}:${pad2(c.minute)}`
}

function dateOf(c: WallClock): string {
  return `${c.day} ${MONTHS_GENITIVE[c.month - 1] ?? ''} ${c.year}`
}

/** "27 listopada 2026" */
export function formatDatePl(date: Date, tz: string = DEFAULT_TIME_ZONE): string {
  return dateOf(wallClock(date, tz))
}

/** "14:05" (24-hour, zero-padded hour) */
export function formatTimePl(date: Date, tz: string = DEFAULT_TIME_ZONE): string {
  return timeOf(wallClock(date, tz))
}

/** "27 listopada 2026, 14:05" */
export function formatDateTimePl(date: Date, tz: string = DEFAULT_TIME_ZONE): string {
  const c = wallClock(date, tz)
  return `${dateOf(c)}, ${timeOf(c)}`
}

/** Milliseconds the zone is ahead of UTC at `date` (seconds precision). */
function offsetMs(date: Date, c: WallClock): number {
  const asUtc = Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second)
  // Date.UTC maps years 0–99 to 1900–1999; fix that up.
  const fixed = c.year >= 0 && c.year < 100 ? new Date(asUtc).setUTCFullYear(c.year) : asUtc
  return fixed - Math.floor(date.getTime() / 1000) * 1000
}

function formatYear(year: number): string {
  if (year >= 0 && year <= 9999) return String(year).padStart(4, '0')
  return (year < 0 ? '-' : '+') + String(Math.abs(year)).padStart(6, '0')
}

/**
 * ISO 8601 local time with the zone's offset, e.g. "2026-11-27T14:05:00+01:00"
 * (feeds, JSON-LD, sitemaps). Milliseconds are dropped; UTC is "+00:00".
 */
export function isoWithOffset(date: Date, tz: string = DEFAULT_TIME_ZONE): string {
  const c = wallClock(date, tz)
  const offsetMinutes = Math.round(offsetMs(date, c) / 60_000)
  const sign = offsetMinutes < 0 ? '-' : '+'
  const abs = Math.abs(offsetMinutes)
  return (
    `${formatYear(c.year)}-${pad2(c.month)}-${pad2(c.day)}` +
    `T${pad2(c.hour)}:${pad2(c.minute)}:${pad2(c.second)}` +
    `${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`
  )
}

/** Calendar day number of the wall-clock date (days since 1970-01-01). */
function dayNumber(c: WallClock): number {
  const d = new Date(0)
  d.setUTCFullYear(c.year, c.month - 1, c.day)
  return Math.floor(d.getTime() / 86_400_000)
}

const MINUTE = 60_000
const HOUR = 60 * MINUTE

/**
 * Relative Polish time for lists and article headers:
 *
 * past:   "przed chwilą" (< 1 min), "5 min temu" (< 1 h), "3 godz. temu"
 *         (same calendar day), "wczoraj, 18:30", "2 dni temu" … "7 dni temu",
 *         then the full date and time;
 * future: up to a minute ahead counts as "przed chwilą" (clock skew between
 *         servers), then "za 5 min", "za 3 godz." (same day),
 *         "jutro, 09:00", then the full date and time.
 *
 * Calendar days ("wczoraj", "2 dni") are counted in `tz`.
 */
export function formatRelativePl(date: Date, now: Date, tz: string = DEFAULT_TIME_ZONE): string {
  assertValid(now)
  const then = wallClock(date, tz)
  const today = wallClock(now, tz)
  const diff = now.getTime() - date.getTime()
  const days = dayNumber(today) - dayNumber(then)

  if (diff >= 0) {
    if (diff < MINUTE) return 'przed chwilą'
    if (diff < HOUR) return `${Math.floor(diff / MINUTE)} min temu`
    if (days === 0) return `${Math.floor(diff / HOUR)} godz. temu`
    if (days === 1) return `wczoraj, ${timeOf(then)}`
    if (days <= 7) return `${days} dni temu`
    return `${dateOf(then)}, ${timeOf(then)}`
  }

  const ahead = -diff
  if (ahead < MINUTE) return 'przed chwilą'
  if (ahead < HOUR) return `za ${Math.floor(ahead / MINUTE)} min`
  if (days === 0) return `za ${Math.floor(ahead / HOUR)} godz.`
  if (days === -1) return `jutro, ${timeOf(then)}`
  return `${dateOf(then)}, ${timeOf(then)}`
}
