// `depesza check` as newsrooms run it in their pipelines: spawned through bin/depesza.js.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { noDictionary } from './test-support.js'

const BIN = path.resolve('bin/depesza.js')
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'depesza-check-'))
// One data directory for the whole file: the first run extracts the dictionary into it.
const ENV: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent', DEPESZA_DATA_DIR: path.join(dir, 'data') }
delete ENV.DEPESZA_DICTIONARY_DIR

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

function check(args: string[], input?: string) {
  const res = spawnSync(process.execPath, [BIN, 'check', ...args], { env: ENV, encoding: 'utf8', timeout: 90_000, ...(input !== undefined ? { input } : {}) })
  const lines = res.stdout.split('\n').filter((l) => l.length > 0)
  return { status: res.status, stderr: res.stderr, stdout: res.stdout, findings: lines.map((l) => JSON.parse(l) as Record<string, unknown>) }
}

function file(name: string, content: string): string {
  const p = path.join(dir, name)
  fs.writeFileSync(p, content)
  return p
}

const CAPTION = 'Iraqi Prime Minister Mohammed Shia al Sudani (R) and Major General Joel'
const TEXT = `Irak i USA rozpoczynają rozmowy\n\nFot. ${CAPTION}\nAlt: Dwaj mężczyźni podają sobie ręce.\nAutor zdjęcia: AP\n\nObydwa narody podjęły decyzję o rozpoczęciu dialogu.\n\nZginął przywódca milicji Abu Mahdi al -Muhandis.\n`

const MUHANDIS = 'Zginął przywódca milicji Abu Mahdi al -Muhandis.'.indexOf('al -Muhandis')

const CLEAN = {
  headline: 'Irak i USA rozpoczynają rozmowy',
  lede: 'Obydwa narody podjęły decyzję o rozpoczęciu dialogu.',
  language: 'pl',
  body: {
    type: 'doc',
    content: [
      { type: 'paragraph', attrs: { id: 'a1' }, content: [{ type: 'text', text: 'Rozmowy odbyły się w ' }, { type: 'text', text: 'Bagdadzie', marks: [{ type: 'link', attrs: { href: '/swiat/bagdad' } }] }, { type: 'text', text: '.' }] },
      { type: 'image', attrs: { id: 'img', mediaId: 5, alt: '', caption: 'Premier Iraku w Bagdadzie.', credit: '' } },
    ],
  },
  media: [{ id: 5, alt: 'Premier Iraku przy mównicy.', credit: 'PAP/Reuters' }],
}

// Each run starts Node, tsx and (for real checks) eld and the dictionary: seconds each on a busy machine.
describe.skipIf(noDictionary)('depesza check', { timeout: 240_000 }, () => {
  it('--help describes the formats and exit codes', () => {
    const res = spawnSync(process.execPath, [BIN, 'check', '--help'], { env: ENV, encoding: 'utf8' })
    expect(res.status).toBe(0)
    expect(res.stdout).toContain('Usage: depesza check')
    expect(res.stdout).toContain('Exit status: 1 when there is at least one error')
    const overview = spawnSync(process.execPath, [BIN, '--help'], { env: ENV, encoding: 'utf8' })
    expect(overview.stdout).toMatch(/check\s+run the pre-publish quality gate/)
  })

  it('plain text from a file: one JSON finding per line, exit 1 on errors', () => {
    const res = check([file('seed.txt', TEXT)])
    expect(res.status).toBe(1)
    for (const f of res.findings) expect(Object.keys(f)).toEqual(['kind', 'severity', 'field', 'block', 'start', 'end', 'text', 'message'])
    expect(res.findings.map((f) => [f.kind, f.severity, f.field, f.block, f.start, f.end, f.text])).toEqual([
      ['language', 'error', 'caption', null, 0, CAPTION.length, CAPTION],
      ['cut-off', 'error', 'caption', null, 53, 71, 'Major General Joel'],
      ['hyphen-spacing', 'warning', 'body', 'b1', MUHANDIS, MUHANDIS + 12, 'al -Muhandis'],
    ])
    expect(res.findings[0]!.message).toContain('Przetłumacz go na język polski')
  })

  it('JSON on stdin: a clean story exits 0 with no output; English messages with --lang en', () => {
    const clean = check(['-'], JSON.stringify(CLEAN))
    expect(clean.stderr).toBe('')
    expect(clean.findings).toEqual([])
    expect(clean.status).toBe(0)
    const withWarning = check(['--lang', 'en', '-'], JSON.stringify({ ...CLEAN, lede: '' }))
    expect(withWarning.status).toBe(0)
    expect(withWarning.findings).toEqual([{ kind: 'missing-lede', severity: 'warning', field: 'lede', block: null, start: 0, end: 0, text: '', message: expect.stringMatching(/^No lede\./) }])
  })

  it('JSON from a file with context options: broken links, glossary', () => {
    const story = file('story.json', JSON.stringify({ ...CLEAN, lede: 'Drony zaatakowały bazę, ataków dronów było wiele.' }))
    const paths = file('paths.txt', '# site paths\n/swiat\n')
    const res = check(['--paths', paths, story])
    expect(res.status).toBe(1)
    expect(res.findings.map((f) => [f.kind, f.field, f.block, f.text])).toEqual([
      ['spelling', 'lede', null, 'dronów'],
      ['broken-link', 'body', 'a1', 'Bagdadzie'],
    ])
    const glossary = file('glossary.txt', 'dronów\n')
    const ok = check(['--glossary', glossary, '--paths', file('paths2.txt', '/swiat/bagdad\n'), story])
    expect(ok.findings).toEqual([])
    expect(ok.status).toBe(0)
  })

  it('usage errors exit 2 with a clear message', () => {
    const missing = check([path.join(dir, 'nope.json')])
    expect(missing.status).toBe(2)
    expect(missing.stderr).toContain('cannot read the story')
    expect(missing.stderr).toContain('ENOENT')
    const bad = check(['-'], '{"headline": "x",')
    expect(bad.status).toBe(2)
    expect(bad.stderr).toMatch(/depesza check: stdin: bad JSON/)
    const notStory = check(['-'], JSON.stringify({ headline: 'x', body: { type: 'doc', content: [{ type: 'paragraf' }] } }))
    expect(notStory.status).toBe(2)
    expect(notStory.stderr).toContain('body.content.0.type')
    const badLang = check(['--lang', 'de', '-'], '{}')
    expect(badLang.status).toBe(2)
    expect(badLang.stderr).toContain('--lang must be pl or en')
    for (const r of [missing, bad, notStory]) expect(r.stderr).not.toMatch(/\n\s+at /)
  })
})
