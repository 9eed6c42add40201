/**
 * @module
 * The `depesza` command line: `depesza COMMAND [options]`, `--help` on each.
 */
import { UsageError, type Command } from './command.js'

/** Each command's module is loaded only when it runs: `depesza --help` loads none. */
const COMMANDS: ReadonlyArray<{ name: string; summary: string; load: () => Promise<Command> }> = [
  { name: 'start', summary: 'run the site and the newsroom (HTTP server)', load: async () => (await import('./commands/start.js')).startCommand },
  { name: 'migrate', summary: 'apply pending database migrations and exit', load: async () => (await import('./commands/migrate.js')).migrateCommand },
  { name: 'import', summary: 'import articles from a JSONL file (.jsonl or .jsonl.gz)', load: async () => (await import('./commands/import.js')).importCommand },
  { name: 'reindex', summary: 'rebuild the search index of all stories (progress on stderr)', load: async () => (await import('./commands/reindex.js')).reindexCommand },
  { name: 'lemmas', summary: 'print the lemmas (or search terms) of words read on stdin', load: async () => (await import('./commands/lemmas.js')).lemmasCommand },
  { name: 'check', summary: 'run the pre-publish quality gate on a story (JSON or plain text); one JSON finding per line', load: async () => (await import('./commands/check.js')).checkCommand },
  { name: 'backup', summary: 'copy the SQLite database safely while the site runs', load: async () => (await import('./commands/backup.js')).backupCommand },
  { name: 'bench', summary: 'measure throughput and latency on loopback (figures, not tests)', load: async () => (await import('./commands/bench.js')).benchCommand },
]

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length))
  return [
    'Usage: depesza COMMAND [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `depesza COMMAND --help` for the options of a command.',
    'Configuration comes from environment variables; see README.md.',
  ].join('\n')
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(overview() + '\n')
    return name ? 0 : 2
  }
  const entry = COMMANDS.find((c) => c.name === name)
  if (!entry) {
    process.stderr.write(`depesza: unknown command "${name}"\n\n${overview()}\n`)
    return 2
  }
  const command = await entry.load()
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(command.help.trimEnd() + '\n')
    return 0
  }
  try {
    return await command.run(args)
  } catch (err) {
    if ((err as Error).name === 'ConfigError') {
      process.stderr.write(`depesza ${name}: ${(err as Error).message}\n`)
      return 2
    }
    const code = (err as { code?: unknown }).code
    if (err instanceof UsageError || (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))) {
      process.stderr.write(`depesza ${name}: ${(err as Error).message}\nRun \`depesza ${name} --help\` for usage.\n`)
      return 2
    }
    process.stderr.write(`depesza ${name}: ${(err as Error).message ?? String(err)}\n`)
    return 1
  }
}
