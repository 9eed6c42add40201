import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from './config.js'

describe('loadConfig', () => {
  it('has working defaults: SQLite under ./data, port 3000', () => {
    const c = loadConfig({})
    expect(c.port).toBe(3000)
    expect(c.dataDir).toBe(path.resolve('data'))
    expect(c.database).toEqual({ kind: 'sqlite', file: path.resolve('data/depesza.db') })
    expect(c.publicUrl).toBe('http://127.0.0.1:3000')
    expect(c.dictionaryDir).toBe(path.resolve('data/dictionary'))
  })

  it('reads PostgreSQL and PUBLIC_URL (trailing slash dropped)', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@db:5432/news', PUBLIC_URL: 'https://depesza.pl/', PORT: '8080' })
    expect(c.database).toEqual({ kind: 'postgres', url: 'postgres://u@db:5432/news' })
    expect(c.publicUrl).toBe('https://depesza.pl')
    expect(c.port).toBe(8080)
  })

  it('names every bad value in one error', () => {
    let error: unknown
    try {
      loadConfig({ PORT: '99999', DATABASE_URL: 'mysql://x', PUBLIC_URL: 'nie-url', CONTACT_TO: 'abc' })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ConfigError)
    const message = (error as ConfigError).message
    for (const name of ['PORT="99999"', 'DATABASE_URL="mysql://x"', 'PUBLIC_URL="nie-url"', 'CONTACT_TO="abc"']) expect(message).toContain(name)
  })

  it('reads the language editions: Polish always on, unknown codes named', () => {
    expect(loadConfig({}).editions).toEqual(['pl'])
    expect(loadConfig({ DEPESZA_EDITIONS: 'en, uk' }).editions).toEqual(['pl', 'en', 'uk'])
    expect(() => loadConfig({ DEPESZA_EDITIONS: 'pl,de' })).toThrow(/DEPESZA_EDITIONS="pl,de": known editions: pl, en, uk/)
    expect(() => loadConfig({ DEPESZA_EDITIONS: 'english' })).toThrow(/DEPESZA_EDITIONS/)
  })

  it('reads the number of server processes: 1 by default, auto for one per CPU', () => {
    expect(loadConfig({}).workers).toBe(1)
    expect(loadConfig({ WORKERS: '3' }).workers).toBe(3)
    expect(loadConfig({ WORKERS: 'auto' }).workers).toBe(os.availableParallelism())
    for (const bad of ['0', '2.5', 'many']) expect(() => loadConfig({ WORKERS: bad })).toThrow(/WORKERS=.*must be a number of processes from 1 to 64, or auto/)
  })

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }).port).toBe(3000)
  })
})
