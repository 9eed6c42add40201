import { describe, expect, it } from 'vitest'
import {
  MONTHS_GENITIVE,
  formatDatePl,
  formatDateTimePl,
  formatRelativePl,
  formatTimePl,
  isoWithOffset,
} from './dates.js'

const utc = (s: string) => new Date(`${s}Z`)

describe('formatDateTimePl / formatDatePl', () => {
  it('formats a winter date (UTC+1 in Warsaw)', () => {
    const d = utc('2026-11-27T13:05:00')
    expect(formatDateTimePl(d)).toBe('27 listopada 2026, 14:05')
    expect(formatDatePl(d)).toBe('27 listopada 2026')
    expect(formatTimePl(d)).toBe('14:05')
  })

  it('formats a summer date (UTC+2 in Warsaw)', () => {
    const d = utc('2026-07-01T12:00:00')
    expect(formatDateTimePl(d)).toBe('1 lipca 2026, 14:00')
  })

  it('has no leading zero on the day and pads the hour', () => {
    expect(formatDateTimePl(utc('2026-01-04T07:09:00'))).toBe('4 stycznia 2026, 08:09')
  })

  it('crosses midnight into the next day in local time', () => {
    expect(formatDateTimePl(utc('2026-12-31T23:30:00'))).toBe('1 stycznia 2027, 00:30')
    expect(formatDatePl(utc('2026-06-30T22:00:00'))).toBe('1 lipca 2026')
  })

  it('handles both DST switches', () => {
    // Spring forward: 02:00 local → 03:00 on 29 March 2026.
    expect(formatDateTimePl(utc('2026-03-29T00:59:00'))).toBe('29 marca 2026, 01:59')
    expect(formatDateTimePl(utc('2026-03-29T01:00:00'))).toBe('29 marca 2026, 03:00')
    // Fall back: 03:00 local → 02:00 on 25 October 2026; 02:30 happens twice.
    expect(formatDateTimePl(utc('2026-10-25T00:30:00'))).toBe('25 października 2026, 02:30')
    expect(formatDateTimePl(utc('2026-10-25T01:30:00'))).toBe('25 października 2026, 02:30')
  })

  it('uses the genitive of every month', () => {
    const got = Array.from({ length: 12 }, (_, i) =>
      formatDatePl(new Date(Date.UTC(2026, i, 15, 12))),
    )
    expect(got).toEqual(MONTHS_GENITIVE.map((m) => `15 ${m} 2026`))
    expect(MONTHS_GENITIVE).toContain('września')
    expect(MONTHS_GENITIVE).toContain('października')
  })

  it('accepts another time zone', () => {
    const d = utc('2026-11-27T13:05:00')
    expect(formatDateTimePl(d, 'UTC')).toBe('27 listopada 2026, 13:05')
    expect(formatDateTimePl(d, 'America/New_York')).toBe('27 listopada 2026, 08:05')
    expect(formatDateTimePl(d, 'Asia/Tokyo')).toBe('27 listopada 2026, 22:05')
  })

  it('rejects invalid dates and unknown zones', () => {
    expect(() => formatDatePl(new Date('nope'))).toThrow(RangeError)
    expect(() => formatDatePl(new Date(), 'Mars/Olympus')).toThrow(RangeError)
  })
})

describe('isoWithOffset', () => {
  it('gives +01:00 in winter and +02:00 in summer for Warsaw', () => {
    expect(isoWithOffset(utc('2026-11-27T13:05:00'), 'Europe/Warsaw')).toBe(
      '2026-11-27T14:05:00+01:00',
    )
    expect(isoWithOffset(utc('2026-07-01T12:00:00'))).toBe('2026-07-01T14:00:00+02:00')
  })

  it('is correct on both sides of the DST switches', () => {
    expect(isoWithOffset(utc('2026-03-29T00:59:59'))).toBe('2026-03-29T01:59:59+01:00')
    expect(isoWithOffset(utc('2026-03-29T01:00:00'))).toBe('2026-03-29T03:00:00+02:00')
    expect(isoWithOffset(utc('2026-10-25T00:30:00'))).toBe('2026-10-25T02:30:00+02:00')
    expect(isoWithOffset(utc('2026-10-25T01:30:00'))).toBe('2026-10-25T02:30:00+01:00')
  })

  it('drops milliseconds and denotes the same instant', () => {
    const d = new Date('2026-11-27T13:05:07.999Z')
    const iso = isoWithOffset(d)
    expect(iso).toBe('2026-11-27T14:05:07+01:00')
    expect(Date.parse(iso)).toBe(Date.parse('2026-11-27T13:05:07Z'))
  })

  it('handles UTC, negative and half-hour offsets', () => {
    const d = utc('2026-01-15T10:00:00')
    expect(isoWithOffset(d, 'UTC')).toBe('2026-01-15T10:00:00+00:00')
    expect(isoWithOffset(d, 'America/New_York')).toBe('2026-01-15T05:00:00-05:00')
    expect(isoWithOffset(d, 'Asia/Kolkata')).toBe('2026-01-15T15:30:00+05:30')
    expect(isoWithOffset(d, 'America/St_Johns')).toBe('2026-01-15T06:30:00-03:30')
  })

  it('round-trips through Date.parse over a whole year', () => {
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 3 * 3_600_000 + 17_000) {
      expect(Date.parse(isoWithOffset(new Date(t)))).toBe(Math.floor(t / 1000) * 1000)
    }
  })
})

describe('formatRelativePl', () => {
  const now = utc('2026-11-27T13:05:00') // 14:05 in Warsaw
  const ago = (ms: number) => new Date(now.getTime() - ms)
  const MIN = 60_000
  const H = 60 * MIN

  it('says "przed chwilą" under a minute', () => {
    expect(formatRelativePl(now, now)).toBe('przed chwilą')
    expect(formatRelativePl(ago(59_999), now)).toBe('przed chwilą')
  })

  it('counts minutes under an hour', () => {
    expect(formatRelativePl(ago(MIN), now)).toBe('1 min temu')
    expect(formatRelativePl(ago(5 * MIN + 30_000), now)).toBe('5 min temu')
    expect(formatRelativePl(ago(59 * MIN), now)).toBe('59 min temu')
  })

  it('counts hours on the same calendar day', () => {
    expect(formatRelativePl(ago(H), now)).toBe('1 godz. temu')
    expect(formatRelativePl(ago(3 * H + 59 * MIN), now)).toBe('3 godz. temu')
    // 00:05 local is still today at 14:05.
    expect(formatRelativePl(ago(14 * H), now)).toBe('14 godz. temu')
  })

  it('says "wczoraj" for the previous calendar day in the time zone', () => {
    // 2026-11-26 18:30 Warsaw = 17:30 UTC
    expect(formatRelativePl(utc('2026-11-26T17:30:00'), now)).toBe('wczoraj, 18:30')
    // 23:50 UTC on the 25th is already 00:50 on the 26th in Warsaw.
    expect(formatRelativePl(utc('2026-11-25T23:50:00'), now)).toBe('wczoraj, 00:50')
    // …but in UTC it is two days back.
    expect(formatRelativePl(utc('2026-11-25T23:50:00'), now, 'UTC')).toBe('2 dni temu')
  })

  it('prefers minutes just after midnight, then "wczoraj"', () => {
    const justAfterMidnight = utc('2026-11-26T23:10:00') // 00:10 on the 27th
    expect(formatRelativePl(utc('2026-11-26T22:55:00'), justAfterMidnight)).toBe('15 min temu')
    expect(formatRelativePl(utc('2026-11-26T21:30:00'), justAfterMidnight)).toBe('wczoraj, 22:30')
  })

  it('counts calendar days from 2 to 7, then shows the full date', () => {
    expect(formatRelativePl(utc('2026-11-25T10:00:00'), now)).toBe('2 dni temu')
    expect(formatRelativePl(utc('2026-11-20T07:00:00'), now)).toBe('7 dni temu')
    expect(formatRelativePl(utc('2026-11-19T23:59:00'), now)).toBe('7 dni temu') // 00:59 on the 20th
    expect(formatRelativePl(utc('2026-11-19T22:00:00'), now)).toBe('19 listopada 2026, 23:00')
    expect(formatRelativePl(utc('2025-03-01T09:00:00'), now)).toBe('1 marca 2025, 10:00')
  })

  it('counts calendar days correctly across a DST switch', () => {
    const afterSwitch = utc('2026-10-26T10:00:00') // Monday 11:00 CET
    expect(formatRelativePl(utc('2026-10-25T10:00:00'), afterSwitch)).toBe('wczoraj, 11:00')
    expect(formatRelativePl(utc('2026-10-24T10:00:00'), afterSwitch)).toBe('2 dni temu')
  })

  it('handles future dates', () => {
    const ahead = (ms: number) => new Date(now.getTime() + ms)
    expect(formatRelativePl(ahead(10_000), now)).toBe('przed chwilą') // clock skew
    expect(formatRelativePl(ahead(5 * MIN), now)).toBe('za 5 min')
    expect(formatRelativePl(ahead(3 * H), now)).toBe('za 3 godz.')
    expect(formatRelativePl(utc('2026-11-28T08:00:00'), now)).toBe('jutro, 09:00')
    expect(formatRelativePl(utc('2026-12-24T17:00:00'), now)).toBe('24 grudnia 2026, 18:00')
  })

  it('rejects invalid dates', () => {
    expect(() => formatRelativePl(new Date(Number.NaN), now)).toThrow(RangeError)
    expect(() => formatRelativePl(now, new Date(Number.NaN))).toThrow(RangeError)
  })
})

describe('wall clock from a cached zone offset', () => {
  // What Intl says for the exact moment, as "YYYY-MM-DD HH:MM:SS".
  function intlWallClock(date: Date, timeZone: string): string {
    const f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
    const p = Object.fromEntries(f.formatToParts(date).map((x) => [x.type, x.value]))
    return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`
  }
  const zones = ['Europe/Warsaw', 'UTC', 'America/St_Johns', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'America/New_York']

  it('agrees with Intl around DST changes, at odd historical offsets and at random moments', () => {
    const moments: number[] = []
    // Every 10 minutes across Warsaw's 2026 spring and autumn changes.
    for (const start of [Date.UTC(2026, 2, 28, 22), Date.UTC(2026, 9, 24, 22)]) {
      for (let m = 0; m < 8 * 60; m += 10) moments.push(start + m * 60_000 + 37_000)
    }
    // Local mean time before standard zones (Warsaw: +01:24), and a deterministic spread 1850–2100.
    moments.push(Date.UTC(1880, 0, 1, 0, 0, 0), Date.UTC(1915, 7, 4, 22, 30))
    let x = 12345
    for (let i = 0; i < 400; i++) {
      x = (x * 1103515245 + 12345) % 2 ** 31
      moments.push(Date.UTC(1850, 0, 1) + (x / 2 ** 31) * (Date.UTC(2100, 0, 1) - Date.UTC(1850, 0, 1)))
    }
    for (const tz of zones) {
      for (const t of moments) {
        const date = new Date(t)
        const iso = isoWithOffset(date, tz)
        expect(iso.slice(0, 19).replace('T', ' '), `${tz} ${date.toISOString()}`).toBe(intlWallClock(date, tz))
      }
    }
  })
})
