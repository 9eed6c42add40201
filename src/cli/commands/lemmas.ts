import { parseArgs } from 'node:util'
import type { Command } from '../command.js'

export const lemmasCommand: Command = {
  name: 'lemmas',
  help: `Usage: depesza lemmas [--terms] < words.txt

Reads words, one per line, on stdin and prints one line per word:
  form<TAB>lemma|tags<TAB>lemma|tags…      (nothing after the form when unknown)
These are the Morfologik dictionary's analyses of the form exactly as given (no
case or diacritic folding), the same output as Java's PolishStemmer.lookup.

Options:
  --terms   print instead the terms the search analyzer indexes for the word:
            form<TAB>term<TAB>term…  (first the primary term; nothing for a stop word)

The dictionary is read from DEPESZA_DICTIONARY_DIR (default $DEPESZA_DATA_DIR/dictionary),
extracted there from the Debian jar (libmorfologik-stemming2-java) when missing.`,
  async run(args) {
    const { values } = parseArgs({ args, options: { terms: { type: 'boolean', default: false } }, strict: true, allowPositionals: false })
    const [{ loadConfig }, { loadSearchDictionary }] = await Promise.all([import('../../platform/config.js'), import('../../search/dictionary-loader.js')])
    const config = loadConfig()
    const warnings: string[] = []
    const status = await loadSearchDictionary(config.dictionaryDir, { logger: { info: () => {}, warn: (_o: unknown, msg?: string) => void warnings.push(msg ?? '') } })
    if (!values.terms) {
      if (!status.dictionary) throw new Error(status.message)
      const { runLemmas } = await import('../../polish/morfologik/lemmas-cli.js')
      await runLemmas(process.stdin, process.stdout, status.dictionary)
      return 0
    }
    for (const w of warnings) process.stderr.write(`warning: ${w}\n`)
    const [{ createAnalyzer }, { runTerms }] = await Promise.all([import('../../polish/analyzer.js'), import('../../search/terms-cli.js')])
    await runTerms(process.stdin, process.stdout, createAnalyzer(status.dictionary))
    return 0
  },
}
