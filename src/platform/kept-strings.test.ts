import { describe, expect, it } from 'vitest'
import { KeptStrings } from './kept-strings.js'

describe('KeptStrings', () => {
  it('holds keys and values within its byte bound, least recently used out first', () => {
    const kept = new KeptStrings(800) // 40 pairs of 20 bytes (10 characters each pair)
    for (const key of ['a', 'b', 'c']) kept.set(key, `${key}`.repeat(9))
    expect(kept.get('a')).toBe('aaaaaaaaa') // now the most recent
    for (let i = 0; i < 38; i++) kept.set(`k${String(i).padStart(2, '0')}`, 'v'.repeat(7)) // 41 pairs: one goes
    expect(kept.get('b')).toBeUndefined()
    expect(kept.get('a')).toBe('aaaaaaaaa')
    expect(kept.get('c')).toBe('ccccccccc')
  })

  it('does not keep a pair larger than an eighth of the bound; a value equal to its key costs nothing more', () => {
    const kept = new KeptStrings(800)
    kept.set('big', 'z'.repeat(60)) // 126 bytes > 100
    expect(kept.get('big')).toBeUndefined()
    const same = 'q'.repeat(45) // 90 bytes as key alone
    kept.set(same, same)
    expect(kept.get(same)).toBe(same)
    kept.set('r'.repeat(45), 's'.repeat(45)) // 180 bytes
    expect(kept.get('r'.repeat(45))).toBeUndefined()
  })
})
