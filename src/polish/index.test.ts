import { describe, expect, it } from 'vitest'
import * as polish from './index.js'

describe('src/polish index', () => {
  it('re-exports the public functions', () => {
    for (const name of [
      'typographyPl',
      'typographyRuns',
      'slugify',
      'uniqueSlug',
      'pluralPl',
      'countPl',
      'formatDatePl',
      'formatDateTimePl',
      'formatTimePl',
      'formatRelativePl',
      'isoWithOffset',
    ] as const) {
      expect(typeof polish[name]).toBe('function')
    }
    expect(polish.DEFAULT_TIME_ZONE).toBe('Europe/Warsaw')
  })
})
