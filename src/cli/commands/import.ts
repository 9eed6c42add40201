import type { Command } from '../command.js'

// Filled in by the JSONL importer (src/content/import/).
export const importCommand: Command = {
  name: 'import',
  summary: 'import articles from a JSONL file',
  help: 'Usage: depesza import FILE.jsonl [--map FILE.json]',
  async run() {
    process.stderr.write('not implemented yet\n')
    return 1
  },
}
