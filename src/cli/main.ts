/**
 * @module
 * The `depesza` command line: `depesza COMMAND [options]`, `--help` on each.
 */
import { UsageError, type Command } from './command.js'
import { backupCommand } from './commands/backup.js'
import { benchCommand } from './commands/bench.js'
import { checkCommand } from './commands/check.js'
import { importCommand } from './commands/import.js'
import { lemmasCommand } from './commands/lemmas.js'
import { migrateCommand } from './commands/migrate.js'
import { reindexCommand } from './commands/reindex.js'
import { startCommand } from './commands/start.js'

const COMMANDS: Command[] = [startCommand, migrateCommand, importCommand, reindexCommand, lemmasCommand, checkCommand, backupCommand, benchCommand]

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
  const command = COMMANDS.find((c) => c.name === name)
  if (!command) {
    process.stderr.write(`depesza: unknown command "${name}"\n\n${overview()}\n`)
    return 2
  }
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
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`depesza ${name}: ${(err as Error).message}\nRun \`depesza ${name} --help\` for usage.\n`)
      return 2
    }
    process.stderr.write(`depesza ${name}: ${(err as Error).message ?? String(err)}\n`)
    return 1
  }
}
