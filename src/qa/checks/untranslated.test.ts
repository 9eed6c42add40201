import { describe, expect, it } from 'vitest'
import { env, unit } from '../test-support.js'
import { checkUntranslated, isUntranslated } from './untranslated.js'

describe('untranslated blocks', () => {
  const original = 'Iraqi Prime Minister Mohammed Shia al Sudani (R) and Major General Joel'

  it('reports a text identical to its original (whitespace and case aside), as an error over the text', () => {
    const text = ` ${original.toUpperCase().replace(/ /g, '  ')} `
    expect(isUntranslated(text, original)).toBe(true)
    const [f] = checkUntranslated(unit(original, 'caption', { sourceKey: 'lead.caption' }), env({ source: { 'lead.caption': original } }))
    expect(f).toMatchObject({ kind: 'untranslated', severity: 'error', field: 'caption', start: 0, end: original.length, text: original })
  })

  it('looks the original up by the unit key: block id, block field, story field', () => {
    const source = { b1: 'The talks began on Saturday in Baghdad.', headline: 'Iraq and US start talks', 'b2.caption': 'Soldiers at the base in Erbil' }
    expect(checkUntranslated(unit('The talks began on Saturday in Baghdad.', 'paragraph', { sourceKey: 'b1' }), env({ source }))).toHaveLength(1)
    expect(checkUntranslated(unit('Rozmowy rozpoczęły się w sobotę w Bagdadzie.', 'paragraph', { sourceKey: 'b1' }), env({ source }))).toEqual([])
    expect(checkUntranslated(unit('Iraq and US start talks', 'headline', { sourceKey: 'headline' }), env({ source }))).toHaveLength(1)
    expect(checkUntranslated(unit('Soldiers at the base in Erbil', 'caption', { sourceKey: 'b2.caption' }), env({ source }))).toHaveLength(1)
    expect(checkUntranslated(unit('Soldiers at the base in Erbil', 'caption', { sourceKey: 'b3.caption' }), env({ source }))).toEqual([])
    expect(checkUntranslated(unit('Anything', 'paragraph'), env())).toEqual([])
  })

  it('does not report what reads the same in every language: names, numbers, short texts', () => {
    expect(isUntranslated('Joe Biden', 'Joe Biden')).toBe(false)
    expect(isUntranslated('Abu Mahdi al-Muhandis, Qassem Soleimani', 'Abu Mahdi al-Muhandis, Qassem Soleimani')).toBe(false)
    expect(isUntranslated('NATO 2024', 'NATO 2024')).toBe(false)
    expect(isUntranslated('AP Photo/Hadi Mizban', 'AP Photo/Hadi Mizban')).toBe(false)
  })
})
