// Shared set-up for the Morfologik tests: the dictionary is always obtained
// through the install function, extracted from the Debian jar into a fresh
// temporary directory.
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { DEBIAN_PACKAGE, extractPolishDictionary, resolveMorfologikJar, type InstalledDictionary } from './install.js'

export interface TestDictionary extends InstalledDictionary {
  readonly jarPath: string
  cleanup(): Promise<void>
}

/** Why the Polish jar cannot be used, or null when it can. */
export function polishJarProblem(): string | null {
  const jar = resolveMorfologikJar()
  return existsSync(jar) ? null : `Morfologik Polish jar not found at ${jar} (install ${DEBIAN_PACKAGE})`
}

export async function installTestDictionary(): Promise<TestDictionary> {
  const jarPath = resolveMorfologikJar()
  const dir = await mkdtemp(join(tmpdir(), 'depesza-morfologik-'))
  try {
    const installed = await extractPolishDictionary(jarPath, join(dir, 'dictionary'))
    return { ...installed, jarPath, cleanup: () => rm(dir, { recursive: true, force: true }) }
  } catch (err) {
    await rm(dir, { recursive: true, force: true })
    throw err
  }
}

/**
 * Whether a missing prerequisite must fail the run instead of skipping:
 * on CI the dictionary and the oracle have to run.
 */
export function mustNotSkip(env: NodeJS.ProcessEnv = process.env): boolean {
  const ci = env.CI
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false'
}
