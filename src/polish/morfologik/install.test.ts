import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { crc32, deflateRawSync } from 'node:zlib'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  DEBIAN_MORFOLOGIK_JAR,
  DEBIAN_PACKAGE,
  MorfologikJarMissingError,
  dictionaryDir,
  ensurePolishDictionary,
  extractPolishDictionary,
  resolveDataDir,
  resolveMorfologikJar,
} from './install.js'
import { mustNotSkip, polishJarProblem } from './test-support.js'
import { ZipFormatError, listZipEntries, readZipEntry } from './zip.js'

/** Writes a minimal zip (test fixture), entries stored or deflated. */
function makeZip(files: Array<{ name: string; data: Uint8Array; deflate?: boolean }>): Uint8Array {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const f of files) {
    const name = Buffer.from(f.name, 'utf8')
    const body = f.deflate ? deflateRawSync(f.data) : Buffer.from(f.data)
    const crc = crc32(f.data) >>> 0
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(0x0800, 6)
    local.writeUInt16LE(f.deflate ? 8 : 0, 8)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(body.length, 18)
    local.writeUInt32LE(f.data.length, 22)
    local.writeUInt16LE(name.length, 26)
    locals.push(local, name, body)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(0x0800, 8)
    central.writeUInt16LE(f.deflate ? 8 : 0, 10)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(body.length, 20)
    central.writeUInt32LE(f.data.length, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE(offset, 42)
    centrals.push(central, name)
    offset += 30 + name.length + body.length
  }
  const cd = Buffer.concat(centrals)
  const eocd = Buffer.alloc(22)
  eocd.writeUInt32LE(0x06054b50, 0)
  eocd.writeUInt16LE(files.length, 8)
  eocd.writeUInt16LE(files.length, 10)
  eocd.writeUInt32LE(cd.length, 12)
  eocd.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, cd, eocd])
}

const text = (s: string) => new TextEncoder().encode(s)

describe('zip reader', () => {
  const big = text('ąęść '.repeat(2000))
  const zip = makeZip([
    { name: 'dir/', data: new Uint8Array(0) },
    { name: 'dir/stored.txt', data: text('hello') },
    { name: 'dir/deflated.txt', data: big, deflate: true },
  ])

  it('lists and extracts stored and deflated entries', () => {
    const entries = listZipEntries(zip)
    expect(entries.map((e) => e.name)).toEqual(['dir/', 'dir/stored.txt', 'dir/deflated.txt'])
    expect(new TextDecoder().decode(readZipEntry(zip, entries[1]!))).toBe('hello')
    expect(Buffer.compare(readZipEntry(zip, entries[2]!), big)).toBe(0)
    expect(entries[2]!.compressedSize).toBeLessThan(big.length)
  })

  it('detects corruption', () => {
    expect(() => listZipEntries(text('not a zip at all, definitely not'))).toThrow(ZipFormatError)
    const entries = listZipEntries(zip)
    const broken = zip.slice()
    // Flip a byte inside the stored entry's data → CRC mismatch.
    const dataAt = entries[1]!.localHeaderOffset + 30 + 'dir/stored.txt'.length
    broken[dataAt] = broken[dataAt]! ^ 0xff
    expect(() => readZipEntry(broken, entries[1]!)).toThrow(/CRC-32/)
  })

  it('agrees with the system unzip on the Debian jar, when both exist', () => {
    if (polishJarProblem() || spawnSync('unzip', ['-v']).status !== 0) return
    const jar = readFileSync(resolveMorfologikJar())
    const entry = listZipEntries(jar).find((e) => e.name.endsWith('/polish.info'))!
    const viaUnzip = spawnSync('unzip', ['-p', resolveMorfologikJar(), entry.name]).stdout
    expect(Buffer.compare(readZipEntry(jar, entry), viaUnzip)).toBe(0)
  })
})

describe('install paths', () => {
  it('resolves the jar and data directory from the environment', () => {
    expect(resolveMorfologikJar({})).toBe(DEBIAN_MORFOLOGIK_JAR)
    expect(resolveMorfologikJar({ DEPESZA_MORFOLOGIK_JAR: '/x/y.jar' })).toBe('/x/y.jar')
    expect(resolveDataDir({})).toBe(resolve('data'))
    expect(resolveDataDir({ DEPESZA_DATA_DIR: '/srv/depesza' })).toBe('/srv/depesza')
    expect(dictionaryDir('/srv/depesza')).toBe(join('/srv/depesza', 'dictionary'))
  })
})

describe('extractPolishDictionary', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'depesza-install-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('fails clearly, naming the Debian package, when the jar is missing', async () => {
    const missing = join(dir, 'nope.jar')
    await expect(extractPolishDictionary(missing, join(dir, 'd'))).rejects.toThrow(MorfologikJarMissingError)
    await expect(extractPolishDictionary(missing, join(dir, 'd'))).rejects.toThrow(DEBIAN_PACKAGE)
    await expect(ensurePolishDictionary({ dataDir: join(dir, 'data'), jarPath: missing })).rejects.toThrow(DEBIAN_PACKAGE)
  })

  it('rejects a jar without the dictionary', async () => {
    const jar = join(dir, 'other.jar')
    await writeFile(jar, makeZip([{ name: 'META-INF/MANIFEST.MF', data: text('Manifest-Version: 1.0\n') }]))
    await expect(extractPolishDictionary(jar, join(dir, 'o'))).rejects.toThrow(/polish\.dict/)
  })

  it('extracts from a synthetic jar, idempotently', async () => {
    const jar = join(dir, 'fake-polish.jar')
    await writeFile(
      jar,
      makeZip([
        { name: 'morfologik/stemming/polish/PolishStemmer.class', data: text('class') },
        { name: 'morfologik/stemming/polish/polish.dict', data: text('\\fsa-dict'), deflate: true },
        { name: 'morfologik/stemming/polish/polish.info', data: text('fsa.dict.separator=;\n') },
        { name: 'morfologik/stemming/polish/polish.LICENSE.txt', data: text('BSD'), deflate: true },
      ]),
    )
    const dest = join(dir, 'data', 'dictionary')
    const first = await extractPolishDictionary(jar, dest)
    expect(first.files.map((f) => [f.entry.split('/').pop(), f.written])).toEqual([
      ['polish.dict', true],
      ['polish.info', true],
      ['polish.LICENSE.txt', true],
    ])
    expect((await readdir(dest)).sort()).toEqual(['polish.LICENSE.txt', 'polish.dict', 'polish.info'])
    const mtime = statSync(first.dictPath).mtimeMs
    const second = await extractPolishDictionary(jar, dest)
    expect(second.files.every((f) => !f.written)).toBe(true)
    expect(statSync(first.dictPath).mtimeMs).toBe(mtime)
    // A damaged file is repaired on the next run.
    await writeFile(first.infoPath, 'garbage')
    const third = await extractPolishDictionary(jar, dest)
    expect(third.files.filter((f) => f.written).map((f) => f.path)).toEqual([first.infoPath])
    expect(readFileSync(first.infoPath, 'utf8')).toBe('fsa.dict.separator=;\n')
    // Without the jar, ensurePolishDictionary falls back to the extracted copy.
    const ensured = await ensurePolishDictionary({ dataDir: join(dir, 'data'), jarPath: join(dir, 'gone.jar') })
    expect(ensured.dictPath).toBe(first.dictPath)
  })

  const problem = polishJarProblem()
  it.skipIf(problem !== null && !mustNotSkip())('extracts the real Polish jar (dict, info, licences)', async () => {
    if (problem) throw new Error(`CI must run this test: ${problem}`)
    const res = await extractPolishDictionary(resolveMorfologikJar(), join(dir, 'real'))
    const names = res.files.map((f) => f.path.split('/').pop())
    expect(names).toEqual(expect.arrayContaining(['polish.dict', 'polish.info', 'polish.LICENSE.txt']))
    expect(readFileSync(res.dictPath).subarray(0, 5)).toEqual(Buffer.from([0x5c, 0x66, 0x73, 0x61, 0xc6]))
    expect(readFileSync(res.infoPath, 'utf8')).toContain('fsa.dict.encoder=')
  })

  it('the install script exits non-zero with a clear message when the jar is missing', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/install-dictionary.ts'], {
      env: { ...process.env, DEPESZA_MORFOLOGIK_JAR: join(dir, 'missing.jar'), DEPESZA_DATA_DIR: join(dir, 'script-data') },
      encoding: 'utf8',
    })
    expect(r.status).not.toBe(0)
    expect(r.stderr).toContain(DEBIAN_PACKAGE)
    expect(existsSync(join(dir, 'script-data', 'dictionary', 'polish.dict'))).toBe(false)
  })
})
