import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { paragraphs, publishArticle } from '../../test/fixtures.js'
import { ContentService } from '../content/content.service.js'
import { openDatabase } from '../platform/db/database.js'
import { migrateToLatest } from '../platform/db/migrations.js'
import { mustNotSkip, polishJarProblem } from '../polish/morfologik/test-support.js'

const BIN = path.resolve('bin/depesza.js')
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'depesza-search-cli-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

function run(args: string[], input = '', env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [BIN, ...args], {
    env: { ...process.env, LOG_LEVEL: 'silent', DEPESZA_DATA_DIR: dir, ...env },
    input,
    encoding: 'utf8',
    timeout: 120_000,
  })
}

// Each test starts `depesza` processes (tsx compiles on start): slow on a loaded machine.
describe.skipIf(polishJarProblem() !== null && !mustNotSkip())('depesza reindex and lemmas', { timeout: 180_000 }, () => {
  it('reindex rebuilds the index with a progress report on stderr', async () => {
    const dbh = openDatabase({ kind: 'sqlite', file: path.join(dir, 'depesza.db') })
    await migrateToLatest(dbh)
    const content = new ContentService(dbh.db)
    for (let i = 0; i < 3; i++) await publishArticle(content, { headline: `Żołnierze wrócili z Iraku ${i}`, body: paragraphs('Wojna się skończyła.') })
    await dbh.close()

    const res = run(['reindex'])
    expect(res.stderr).toContain('reindex: 3/3 stories (100%')
    expect(res.stdout).toMatch(/^Indexed 3 stories in [\d.]+ s \(Polish morphology: on\)\.\n$/)
    expect(res.status).toBe(0)

    const check = openDatabase({ kind: 'sqlite', file: path.join(dir, 'depesza.db') })
    const rows = await check.db.withTables<{ search_docs: { article_id: number } }>().selectFrom('search_docs').select('article_id').execute()
    await check.close()
    expect(rows).toHaveLength(3)
    expect(run(['reindex', 'extra']).status).toBe(2)
  })

  it('lemmas prints raw analyses, or with --terms the index terms', () => {
    const raw = run(['lemmas'], 'Iraku\nzolnierzy\n')
    expect(raw.status).toBe(0)
    expect(raw.stdout).toBe('Iraku\tIrak|subst:sg:gen:m3+subst:sg:loc:m3+subst:sg:voc:m3\nzolnierzy\n')
    const terms = run(['lemmas', '--terms'], 'Iraku\nma\nw\nZełenskiego\n')
    expect(terms.status).toBe(0)
    expect(terms.stdout).toBe('Iraku\tirak\nma\tmieć\tmój\nw\nZełenskiego\tzelensk\tzełenskiego\tzełensk\tzelenskiego\n')
  })

  it('lemmas fails clearly without the dictionary; --terms degrades with a warning', () => {
    const env = { DEPESZA_MORFOLOGIK_JAR: path.join(dir, 'none.jar'), DEPESZA_DICTIONARY_DIR: path.join(dir, 'nothing-here') }
    const raw = run(['lemmas'], 'Iraku\n', env)
    expect(raw.status).toBe(1)
    expect(raw.stderr).toContain('apt-get install libmorfologik-stemming2-java')
    const terms = run(['lemmas', '--terms'], 'Iraku\n', env)
    expect(terms.status).toBe(0)
    expect(terms.stderr).toContain('WITHOUT Polish morphology')
    expect(terms.stdout).toBe('Iraku\tirak\tiraku\n')
  })
})
