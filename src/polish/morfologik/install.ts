// Installation of the Morfologik Polish dictionary: the binary FSA
// (polish.dict), its metadata (polish.info) and the licence/readme files are
// extracted from the morfologik-polish jar shipped by Debian's
// `libmorfologik-stemming2-java` package. The jar is read with our own zip
// reader (zip.ts), so no `unzip` binary is needed.
import { existsSync } from 'node:fs'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join, posix, resolve } from 'node:path'

import { listZipEntries, readZipEntry } from './zip.js'

/** Where Debian installs the Polish dictionary jar. */
export const DEBIAN_MORFOLOGIK_JAR = '/usr/share/java/morfologik-polish.jar'
/** The Debian package providing the jar. */
export const DEBIAN_PACKAGE = 'libmorfologik-stemming2-java'
/** Directory inside the jar holding the dictionary resources. */
export const JAR_RESOURCE_DIR = 'morfologik/stemming/polish/'

export const DICT_FILE = 'polish.dict'
export const INFO_FILE = 'polish.info'

export class MorfologikJarMissingError extends Error {
  override name = 'MorfologikJarMissingError'
  constructor(readonly jarPath: string) {
    super(
      `Morfologik Polish dictionary jar not found at ${jarPath}. ` +
        `Install the Debian package ${DEBIAN_PACKAGE} (apt-get install ${DEBIAN_PACKAGE}) ` +
        `or point DEPESZA_MORFOLOGIK_JAR at a morfologik-polish jar.`,
    )
  }
}

export interface ExtractedFile {
  /** Entry name inside the jar. */
  readonly entry: string
  /** Absolute path of the extracted file. */
  readonly path: string
  /** False when an identical file was already in place (idempotent re-run). */
  readonly written: boolean
  readonly size: number
}

export interface InstalledDictionary {
  readonly dir: string
  readonly dictPath: string
  readonly infoPath: string
  readonly files: readonly ExtractedFile[]
}

/** The jar to use: env DEPESZA_MORFOLOGIK_JAR, else the Debian location. */
export function resolveMorfologikJar(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.DEPESZA_MORFOLOGIK_JAR
  return fromEnv && fromEnv.trim() !== '' ? resolve(fromEnv) : DEBIAN_MORFOLOGIK_JAR
}

/** The data directory: env DEPESZA_DATA_DIR, else ./data. */
export function resolveDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.DEPESZA_DATA_DIR
  return resolve(fromEnv && fromEnv.trim() !== '' ? fromEnv : 'data')
}

/** `<dataDir>/dictionary`. */
export function dictionaryDir(dataDir: string): string {
  return join(dataDir, 'dictionary')
}

function isWanted(entryName: string): boolean {
  if (!entryName.startsWith(JAR_RESOURCE_DIR)) return false
  const base = entryName.slice(JAR_RESOURCE_DIR.length)
  if (base.includes('/')) return false
  return (
    base === DICT_FILE ||
    base === INFO_FILE ||
    /^polish\.(LICENSE|README)[^/]*$/i.test(base)
  )
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0
}

async function writeIfChanged(path: string, data: Uint8Array): Promise<boolean> {
  try {
    const current = await readFile(path)
    if (sameBytes(current, data)) return false
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
  }
  // Write next to the target and rename, so readers never see a half file.
  const tmp = `${path}.tmp-${process.pid}-${Date.now()}`
  try {
    await writeFile(tmp, data)
    await rename(tmp, path)
  } finally {
    await rm(tmp, { force: true })
  }
  return true
}

/**
 * Extracts polish.dict, polish.info and the licence/readme files from the
 * jar into destDir (created if needed). Idempotent: files already identical
 * are left untouched.
 */
export async function extractPolishDictionary(jarPath: string, destDir: string): Promise<InstalledDictionary> {
  if (!existsSync(jarPath)) throw new MorfologikJarMissingError(jarPath)
  const jar = await readFile(jarPath)
  const entries = listZipEntries(jar).filter((e) => isWanted(e.name))
  const names = new Set(entries.map((e) => posix.basename(e.name)))
  for (const required of [DICT_FILE, INFO_FILE]) {
    if (!names.has(required)) {
      throw new Error(`${jarPath} does not contain ${JAR_RESOURCE_DIR}${required}; is it a morfologik-polish jar?`)
    }
  }

  const dir = resolve(destDir)
  await mkdir(dir, { recursive: true })
  const files: ExtractedFile[] = []
  for (const entry of entries) {
    const data = readZipEntry(jar, entry)
    const path = join(dir, posix.basename(entry.name))
    const written = await writeIfChanged(path, data)
    files.push({ entry: entry.name, path, written, size: data.length })
  }
  return { dir, dictPath: join(dir, DICT_FILE), infoPath: join(dir, INFO_FILE), files }
}

/**
 * For application start: makes sure `<dataDir>/dictionary` holds the
 * dictionary. Re-extracts from the jar when it is available (cheap and
 * idempotent); when the jar is gone but an earlier extraction is present,
 * that copy is used.
 */
export async function ensurePolishDictionary(
  options: { dataDir?: string; jarPath?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<InstalledDictionary> {
  const env = options.env ?? process.env
  const dir = dictionaryDir(options.dataDir ?? resolveDataDir(env))
  const jarPath = options.jarPath ?? resolveMorfologikJar(env)
  if (existsSync(jarPath)) return extractPolishDictionary(jarPath, dir)
  const dictPath = join(dir, DICT_FILE)
  const infoPath = join(dir, INFO_FILE)
  if (existsSync(dictPath) && existsSync(infoPath)) return { dir, dictPath, infoPath, files: [] }
  throw new MorfologikJarMissingError(jarPath)
}
