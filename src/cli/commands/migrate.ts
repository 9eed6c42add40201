import { UsageError, type Command } from '../command.js'

export const migrateCommand: Command = {
  name: 'migrate',
  help: `Usage: depesza migrate

Applies every pending migration to the database named by DATABASE_URL
(default: SQLite at $DEPESZA_DATA_DIR/depesza.db). \`depesza start\` does the same on start.`,
  async run(args) {
    if (args.length > 0) throw new UsageError(`unexpected argument "${args[0]}"`)
    const [{ loadConfig }, { openDatabase }, { migrateToLatest }, { databaseTarget }] = await Promise.all([
      import('../../platform/config.js'),
      import('../../platform/db/database.js'),
      import('../../platform/db/migrations.js'),
      import('../../server/boot.js'),
    ])
    const config = loadConfig()
    const dbh = openDatabase(databaseTarget(config))
    try {
      const applied = await migrateToLatest(dbh)
      process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'The database is up to date.\n')
      return 0
    } finally {
      await dbh.close()
    }
  },
}
