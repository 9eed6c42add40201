import { beforeAll, describe, expect, it } from 'vitest'
import { env, unit } from '../test-support.js'
import type { LanguageGuess, LanguageIdentifier } from '../types.js'
import { checkLanguage, judgeLanguage, loadLanguageIdentifier, MIN_LETTERS } from './language.js'

const fixed =
  (guess: Partial<LanguageGuess>): LanguageIdentifier =>
  () => ({ language: 'en', scores: { en: 0.8, pl: 0.4 }, reliable: true, ...guess })

describe('language rule (fixed guesses)', () => {
  it('reports a reliable other language with a margin and evidence beyond names', () => {
    expect(judgeLanguage('Soldiers walk past the destroyed building', 'pl', fixed({})).foreign).toBe('en')
  })
  it('does not guess on short texts', () => {
    expect('Soldiers at the base'.replace(/\P{L}/gu, '').length).toBeLessThan(MIN_LETTERS)
    expect(judgeLanguage('Soldiers at the base', 'pl', fixed({}))).toMatchObject({ foreign: null, reason: 'short' })
  })
  it('trusts neither an unreliable guess nor a small margin', () => {
    const text = 'Soldiers walk past the destroyed building'
    expect(judgeLanguage(text, 'pl', fixed({ reliable: false })).reason).toBe('unreliable')
    expect(judgeLanguage(text, 'pl', fixed({ scores: { en: 0.5, pl: 0.45 } })).reason).toBe('margin')
    expect(judgeLanguage(text, 'pl', fixed({ language: 'pl' })).reason).toBe('same')
  })
  it('needs more than names: ordinary words or a function word of the other language', () => {
    expect(judgeLanguage('Joe Biden, Kamala Harris, Donald Trump', 'pl', fixed({ language: 'eu', scores: { eu: 0.6 } })).reason).toBe('names-only')
    expect(judgeLanguage('Mohammed Shia al-Sudani and Joe Biden', 'pl', fixed({})).foreign).toBe('en')
  })
  it('keeps a text with function words of the story language and none of the other', () => {
    expect(judgeLanguage('Donald Tusk i Emmanuel Macron w Paryżu', 'pl', fixed({ language: 'ca', scores: { ca: 0.7, pl: 0.4 } })).reason).toBe('story-language-words')
  })
})

describe('language identification with eld', () => {
  let identify: LanguageIdentifier
  beforeAll(async () => {
    identify = await loadLanguageIdentifier()
  })

  it('finds the seed page English caption in a Polish story (error over the whole caption)', () => {
    const text = 'Iraqi Prime Minister Mohammed Shia al Sudani (R) and Major General Joel'
    const [finding, ...rest] = checkLanguage(unit(text, 'caption'), env(), identify)
    expect(rest).toEqual([])
    expect(finding).toMatchObject({ kind: 'language', severity: 'error', field: 'caption', block: null, start: 0, end: text.length, text })
    expect(finding!.message).toContain('angielski')
  })

  it.each([
    'Premier Iraku Mohammed Szija as-Sudani (z prawej) i gen. dyw. Joel B. Vowell.',
    'Donald Tusk i Emmanuel Macron w Paryżu',
    'Abu Mahdi al-Muhandis i Kasem Sulejmani na zdjęciu z 2019 r.',
    'Wiec Donalda Trumpa w Pensylwanii',
    'Joe Biden, Kamala Harris',
    'Real Madryt - Barcelona 2:1',
    'Premier Iraku Mohammed Shia al-Sudani',
    'Zapowiedziała kontynuowanie ataków.',
  ])('leaves Polish and names-only text alone: %s', (text) => {
    expect(checkLanguage(unit(text, 'caption'), env(), identify)).toEqual([])
  })

  it.each([
    ['A man walks past a destroyed building in Gaza City', 'en'],
    ['Die Bundesregierung hat am Dienstag neue Sanktionen beschlossen', 'de'],
    ['Жителі Києва ховаються в метро під час повітряної тривоги', 'uk'],
  ])('reports %s as %s', (text, lang) => {
    expect(judgeLanguage(text, 'pl', identify).foreign).toBe(lang)
  })

  it('judges against the story language: an English story with an English caption is fine', () => {
    expect(checkLanguage(unit('A man walks past a destroyed building in Gaza City', 'caption'), env({}, { language: 'en' }), identify)).toEqual([])
  })

  it('skips credits and embed titles, and speaks English on request', () => {
    const text = 'AP Photo/Hadi Mizban and the Associated Press staff'
    expect(checkLanguage(unit(text, 'credit'), env(), identify)).toEqual([])
    expect(checkLanguage(unit('A man walks past a destroyed building in Gaza City', 'embedTitle'), env(), identify)).toEqual([])
    const [f] = checkLanguage(unit('A man walks past a destroyed building in Gaza City', 'alt'), env({ messages: 'en' }), identify)
    expect(f!.message).toBe('The alt text is in another language than the story (detected: English; story: Polish). Translate it into Polish.')
  })
})
