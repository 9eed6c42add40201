import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { mustNotSkip, polishJarProblem } from '../polish/morfologik/test-support.js'
import { loadSearchDictionary } from './dictionary-loader.js'

const dirs: string[] = []
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'depesza-dict-'))
  dirs.push(dir)
  return dir
}
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true })
})

function recorder() {
  const lines: Array<{ level: string; msg: string }> = []
  return {
    lines,
    logger: {
      info: (_o: unknown, msg?: string) => void lines.push({ level: 'info', msg: msg ?? '' }),
      warn: (_o: unknown, msg?: string) => void lines.push({ level: 'warn', msg: msg ?? '' }),
    },
  }
}

describe('loadSearchDictionary', () => {
  it('warns clearly, and does not throw, when neither the directory nor the jar has it', async () => {
    const { lines, logger } = recorder()
    const dir = path.join(tempDir(), 'dictionary')
    const status = await loadSearchDictionary(dir, { logger, env: { DEPESZA_MORFOLOGIK_JAR: '/nonexistent/morfologik-polish.jar' } })
    expect(status.dictionary).toBeNull()
    expect(status.source).toBe('missing')
    expect(lines).toHaveLength(1)
    expect(lines[0]!.level).toBe('warn')
    expect(lines[0]!.msg).toContain('WITHOUT Polish morphology')
    expect(lines[0]!.msg).toContain('apt-get install libmorfologik-stemming2-java')
    expect(lines[0]!.msg).toContain('DEPESZA_DICTIONARY_DIR')
  })

  it('warns when the files are there but broken', async () => {
    const dir = tempDir()
    fs.writeFileSync(path.join(dir, 'polish.dict'), 'not an automaton')
    fs.writeFileSync(path.join(dir, 'polish.info'), 'fsa.dict.encoder=PREFIX\n')
    const { lines, logger } = recorder()
    const status = await loadSearchDictionary(dir, { logger })
    expect(status.dictionary).toBeNull()
    expect(lines[0]!.msg).toContain('loading failed')
  })

  it.skipIf(polishJarProblem() !== null && !mustNotSkip())('extracts from the Debian jar once, then loads from the directory', async () => {
    const dir = path.join(tempDir(), 'dictionary')
    const first = await loadSearchDictionary(dir)
    expect(first.source).toBe('jar')
    expect(first.dictionary!.lookup('Iraku')[0]!.lemma).toBe('Irak')
    expect(fs.existsSync(path.join(dir, 'polish.LICENSE.txt'))).toBe(true)
    const second = await loadSearchDictionary(dir, { env: { DEPESZA_MORFOLOGIK_JAR: '/nonexistent.jar' } })
    expect(second.source).toBe('directory')
    expect(second.dictionary).not.toBeNull()
  })
})
