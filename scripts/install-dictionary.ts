// Extracts the Morfologik Polish dictionary from the Debian jar into
// <dataDir>/dictionary (dataDir: env DEPESZA_DATA_DIR or ./data).
//
//   node --import tsx scripts/install-dictionary.ts
//
// The jar is taken from env DEPESZA_MORFOLOGIK_JAR or
// /usr/share/java/morfologik-polish.jar (package libmorfologik-stemming2-java).
import {
  MorfologikJarMissingError,
  dictionaryDir,
  extractPolishDictionary,
  resolveDataDir,
  resolveMorfologikJar,
} from '../src/polish/morfologik/install.js'

async function run(): Promise<number> {
  const jarPath = resolveMorfologikJar()
  const destDir = dictionaryDir(resolveDataDir())
  try {
    const result = await extractPolishDictionary(jarPath, destDir)
    for (const f of result.files) {
      console.log(`${f.written ? 'wrote    ' : 'unchanged'} ${f.path} (${f.size} bytes)`)
    }
    console.log(`Polish dictionary installed in ${result.dir}`)
    return 0
  } catch (err) {
    if (err instanceof MorfologikJarMissingError) {
      console.error(`error: ${err.message}`)
      return 2
    }
    console.error(`error: failed to install the Polish dictionary from ${jarPath}: ${(err as Error).message}`)
    return 1
  }
}

process.exitCode = await run()
