/**
 * @module
 * Finds and loads the Morfologik Polish dictionary for search, once per process start.
 *
 * 1. `<dictionaryDir>/polish.dict` + `polish.info` (DEPESZA_DICTIONARY_DIR, default
 *    `<DEPESZA_DATA_DIR>/dictionary`) when present;
 * 2. otherwise extracted there from the morfologik-polish jar (DEPESZA_MORFOLOGIK_JAR,
 *    default Debian's /usr/share/java/morfologik-polish.jar);
 * 3. otherwise search runs without Polish morphology, and a warning says so and how to fix it.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Logger } from 'pino'
import { loadDictionary, type PolishDictionary } from '../polish/morfologik/dictionary.js'
import { DEBIAN_PACKAGE, DICT_FILE, extractPolishDictionary, INFO_FILE, resolveMorfologikJar } from '../polish/morfologik/install.js'

export interface DictionaryStatus {
  readonly dictionary: PolishDictionary | null
  /** Where it came from: the directory as found, freshly extracted from the jar, or not available. */
  readonly source: 'directory' | 'jar' | 'missing'
  readonly dir: string
  /** Time to extract (if needed) and load, in ms. */
  readonly ms: number
  /** For operators: what happened, in one sentence (English, for logs and the admin). */
  readonly message: string
}

/** The warning logged (and shown to the newsroom) when search runs without morphology. */
export function missingDictionaryMessage(dir: string, jar: string, reason: string): string {
  return (
    `Search works WITHOUT Polish morphology: the Morfologik dictionary is not in ${dir} and could not be extracted from ${jar} (${reason}). ` +
    `Inflected forms will not find each other ("Iraku" will not find "Irak"). ` +
    `To fix: apt-get install ${DEBIAN_PACKAGE} (or set DEPESZA_MORFOLOGIK_JAR to a morfologik-polish jar), ` +
    `or set DEPESZA_DICTIONARY_DIR to a directory holding ${DICT_FILE} and ${INFO_FILE}; then restart and run \`depesza reindex\`.`
  )
}

/**
 * Loads the dictionary from `dir`, extracting it from the jar first when absent.
 * Never throws: a failure gives `dictionary: null` and a warning in the log.
 */
export async function loadSearchDictionary(
  dir: string,
  options: { logger?: Pick<Logger, 'info' | 'warn'>; env?: NodeJS.ProcessEnv } = {},
): Promise<DictionaryStatus> {
  const started = performance.now()
  const env = options.env ?? process.env
  const jar = resolveMorfologikJar(env)
  const dictPath = join(dir, DICT_FILE)
  const infoPath = join(dir, INFO_FILE)
  let source: DictionaryStatus['source'] = 'directory'
  try {
    if (!existsSync(dictPath) || !existsSync(infoPath)) {
      source = 'jar'
      await extractPolishDictionary(jar, dir)
    }
    const dictionary = loadDictionary(dictPath, infoPath)
    const ms = Math.round((performance.now() - started) * 10) / 10
    const message =
      source === 'jar'
        ? `Polish dictionary extracted from ${jar} into ${dir} and loaded in ${ms} ms`
        : `Polish dictionary loaded from ${dir} in ${ms} ms`
    options.logger?.info({ dictionaryDir: dir, ms, source }, message)
    return { dictionary, source, dir, ms, message }
  } catch (err) {
    const reason = (err as Error).message ?? String(err)
    const message = missingDictionaryMessage(dir, jar, source === 'jar' ? reason : `loading failed: ${reason}`)
    options.logger?.warn({ dictionaryDir: dir, jar }, message)
    return { dictionary: null, source: 'missing', dir, ms: Math.round(performance.now() - started), message }
  }
}
