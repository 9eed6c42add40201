import { parseArgs } from 'node:util'
import { UsageError, type Command } from '../command.js'

function bar(share: number, width = 30): string {
  const filled = Math.round(Math.min(1, Math.max(0, share)) * width)
  return '#'.repeat(filled) + '-'.repeat(width - filled)
}

export const reindexCommand: Command = {
  name: 'reindex',
  help: `Usage: depesza reindex [--workers N]

Rebuilds the search index: every published or scheduled story is analyzed again
(lemmas from the Morfologik dictionary) and replaced in the index in batches, so
search keeps working meanwhile; entries of stories that are gone or unpublished
are dropped and the "did you mean" vocabulary is rebuilt. Run it after installing
the dictionary or after changing the analyzer. Visibility (embargo, scheduling)
is checked at query time and needs no reindex.

Options:
  --workers N   analysis worker threads (0: analyze in the main thread; default: one
                less than the CPUs, 1–4, from 2,000 stories on)

Progress goes to stderr (a bar on a terminal, a line every 10% otherwise).
Environment: DATABASE_URL, DEPESZA_DATA_DIR, DEPESZA_DICTIONARY_DIR, DEPESZA_MORFOLOGIK_JAR.`,
  async run(args) {
    const { values } = parseArgs({ args, options: { workers: { type: 'string' } }, strict: true })
    const workers = values.workers === undefined ? 'auto' : Number(values.workers)
    if (workers !== 'auto' && !(Number.isInteger(workers) && workers >= 0 && workers <= 16)) throw new UsageError('--workers must be a whole number from 0 to 16')
    const [{ loadConfig }, { openDatabase }, { migrateToLatest }, { databaseTarget }, { SearchService }, { loadSearchDictionary }] = await Promise.all([
      import('../../platform/config.js'),
      import('../../platform/db/database.js'),
      import('../../platform/db/migrations.js'),
      import('../../server/boot.js'),
      import('../../search/search.service.js'),
      import('../../search/dictionary-loader.js'),
    ])
    const config = loadConfig()
    const err = process.stderr
    const logger = {
      info: () => {},
      warn: (_obj: unknown, msg?: string) => void err.write(`warning: ${msg ?? ''}\n`),
      error: (_obj: unknown, msg?: string) => void err.write(`error: ${msg ?? ''}\n`),
    }
    const dbh = openDatabase(databaseTarget(config))
    try {
      await migrateToLatest(dbh)
      const dictionary = loadSearchDictionary(config.dictionaryDir, { logger })
      const search = new SearchService(dbh, dictionary, logger)
      const status = await search.status()
      err.write(status.morphology ? `${status.message}\n` : '')
      let lastShare = -1
      const result = await search.reindexAll((p) => {
        const share = p.total > 0 ? p.done / p.total : 1
        const rate = p.elapsedMs > 0 ? Math.round((p.done * 1000) / p.elapsedMs) : 0
        if (err.isTTY) {
          err.write(`\r[${bar(share)}] ${String(Math.round(share * 100)).padStart(3)}%  ${p.done}/${p.total} stories  ${rate}/s\x1b[K`)
        } else if (Math.floor(share * 10) > Math.floor(lastShare * 10) || p.done === p.total) {
          err.write(`reindex: ${p.done}/${p.total} stories (${Math.round(share * 100)}%, ${rate}/s)\n`)
        }
        lastShare = share
      }, { workers })
      if (err.isTTY) err.write('\n')
      const seconds = (result.ms / 1000).toFixed(result.ms < 10_000 ? 2 : 1)
      process.stdout.write(
        `Indexed ${result.indexed} ${result.indexed === 1 ? 'story' : 'stories'} in ${seconds} s` +
          `${result.workers > 0 ? ` with ${result.workers} analysis ${result.workers === 1 ? 'worker' : 'workers'}` : ''}` +
          `${result.removed > 0 ? `; removed ${result.removed} stale ${result.removed === 1 ? 'entry' : 'entries'}` : ''}` +
          ` (Polish morphology: ${status.morphology ? 'on' : 'OFF, see the warning above'}).\n`,
      )
      return 0
    } finally {
      await dbh.close()
    }
  },
}
