import { describe, expect, it } from 'vitest'
import { typographyPl } from '../../polish/typography.js'
import { env, unit } from '../test-support.js'
import { checkPunctuation, punctuationSlips, unbalanced } from './punctuation.js'

const SEED = 'w wyniku którego zginęli irański generał Qassem Soleimani i przywódca irackiej milicji Abu Mahdi al -Muhandis przed lotniskiem w Bagdadzie.'

describe('spacing and punctuation', () => {
  it('finds a space before the hyphen inside a name ("al -Muhandis") with its exact span', () => {
    const [f, ...rest] = checkPunctuation(unit(SEED), env())
    expect(rest).toEqual([])
    const start = SEED.indexOf('al -Muhandis')
    expect(f).toMatchObject({ kind: 'hyphen-spacing', severity: 'warning', field: 'body', block: 'b1', start, end: start + 'al -Muhandis'.length, text: 'al -Muhandis' })
    expect(f!.message).toContain('„al-Muhandis”')
  })

  it('and after it ("al- Muhandis"), but not a suspended hyphen before a conjunction', () => {
    const text = 'przywódca Abu Mahdi al- Muhandis'
    expect(punctuationSlips(text, true, 'pl')).toEqual([{ kind: 'hyphen-spacing', start: text.indexOf('al-'), end: text.length }])
    expect(punctuationSlips('budynki dwu- i trzypiętrowe, etaty pół- lub całoetatowe', true, 'pl')).toEqual([])
    expect(punctuationSlips('Polska - Niemcy 2:1, temperatura -5 stopni', true, 'pl')).toEqual([])
  })

  it('unbalanced quotation marks and brackets', () => {
    expect(unbalanced('ocenią „zagrożenie ze strony Daesh (IS), wymogi operacyjne')).toEqual([{ kind: 'unbalanced-quotes', start: 7, end: 8 }])
    expect(unbalanced('misji w Iraku.” Koniec.')).toEqual([{ kind: 'unbalanced-quotes', start: 14, end: 15 }])
    expect(unbalanced('„dowodzi ona, że Amerykanie rozumieją jedynie język siły”')).toEqual([])
    expect(unbalanced('„cytat w cytacie „tak to bywa” i dalej”')).toEqual([])
    expect(unbalanced('„po niemiecku zamknięte“ też się zdarza')).toEqual([])
    expect(unbalanced('powiedział "tak" i wyszedł')).toEqual([])
    expect(unbalanced('Daesh (IS, wymogi')).toEqual([{ kind: 'unbalanced-brackets', start: 6, end: 7 }])
    expect(unbalanced('a) pierwszy\nb) drugi')).toEqual([])
    expect(unbalanced('koniec]')).toEqual([{ kind: 'unbalanced-brackets', start: 6, end: 7 }])
  })

  it('a missing space after punctuation, outside URLs, numbers and abbreviations', () => {
    const slips = punctuationSlips('Powiedział,że wróci.Następnie wyszedł, m.in. do www.example.com/a,b oraz 3,5 km.', true, 'pl')
    expect(slips.map((s) => s.kind)).toEqual(['missing-space-after-punctuation', 'missing-space-after-punctuation'])
    expect(slips[0]).toMatchObject({ start: 0, end: 13 })
  })

  it('what typography repairs at render time is not reported in typeset text …', () => {
    const text = 'Premier  powiedział , że "rozmowy" - jak zwykle - trwają “długo”.'
    expect(punctuationSlips(text, true, 'pl')).toEqual([])
    // … because the site does repair it:
    expect(typographyPl(text)).toBe('Premier powiedział, że „rozmowy”\u00a0– jak zwykle\u00a0– trwają „długo”.')
  })

  it('… but is in text shown as typed (alt text, SEO title and description)', () => {
    const text = 'Premier  powiedział , że "rozmowy" - jak zwykle - trwają “długo”.'
    const found = checkPunctuation(unit(text, 'seoDescription'), env())
    expect(found.map((f) => [f.kind, f.text])).toEqual([
      ['double-space', '  '],
      ['space-before-punctuation', ' ,'],
      ['quotation-marks', '"rozmowy"'],
      ['hyphen-as-dash', ' - '],
      ['hyphen-as-dash', ' - '],
      ['quotation-marks', '“długo”'],
    ])
    expect(found.every((f) => f.severity === 'warning' && f.field === 'seoDescription')).toBe(true)
    // English quotes are fine in an English story.
    expect(punctuationSlips('He said "yes".', false, 'en')).toEqual([])
  })

  it('speaks English on request', () => {
    const [f] = checkPunctuation(unit('Abu Mahdi al -Muhandis.'), env({ messages: 'en' }))
    expect(f!.message).toContain('In names and compounds the hyphen takes no spaces: “al-Muhandis”')
  })
})
