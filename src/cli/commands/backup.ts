import { parseArgs } from 'node:util'
import { UsageError, type Command } from '../command.js'

export const backupCommand: Command = {
  name: 'backup',
  help: `Usage: depesza backup FILE

Writes a consistent copy of the SQLite database to FILE with SQLite's online backup API:
the site keeps serving and writing meanwhile. Media files are plain files under
$DEPESZA_DATA_DIR/media (back them up with rsync or similar). For PostgreSQL use pg_dump.`,
  async run(args) {
    const { positionals } = parseArgs({ args, allowPositionals: true, strict: true })
    if (positionals.length !== 1) throw new UsageError('name one backup file')
    const [{ loadConfig }, { default: SQLite }, fs, path] = await Promise.all([
      import('../../platform/config.js'),
      import('better-sqlite3'),
      import('node:fs'),
      import('node:path'),
    ])
    const config = loadConfig()
    if (config.database.kind !== 'sqlite') throw new UsageError('the database is PostgreSQL: use pg_dump')
    if (!fs.existsSync(config.database.file)) throw new Error(`no database at ${config.database.file}`)
    const target = path.resolve(positionals[0]!)
    if (fs.existsSync(target)) throw new UsageError(`${target} exists; choose a new file`)
    const db = new SQLite(config.database.file, { readonly: true, fileMustExist: true })
    try {
      let last = -1
      await db.backup(target, {
        progress({ totalPages, remainingPages }) {
          const pct = Math.floor(((totalPages - remainingPages) / Math.max(1, totalPages)) * 100)
          if (pct !== last && process.stderr.isTTY) process.stderr.write(`\rbackup: ${pct}%`)
          last = pct
          return 512
        },
      })
    } finally {
      db.close()
    }
    process.stdout.write(`${process.stderr.isTTY ? '\n' : ''}Backed up ${config.database.file} to ${target}\n`)
    return 0
  },
}
