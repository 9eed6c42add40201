import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import pino from 'pino'
import { DEFAULT_BATCH_SIZE, MAX_BATCH_SIZE, importJsonl, type BadLine, type ImportProgress } from '../../content/import/jsonl.js'
import { loadConfig } from '../../platform/config.js'
import { buildApplication } from '../../server/boot.js'
import { UsageError, type Command } from '../command.js'

/** At most this many bad lines are listed one by one. */
const BAD_LINES_SHOWN = 50

function rate(count: number, ms: number): string {
  return ms > 0 ? `${Math.round((count * 1000) / ms)}/s` : '–'
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`
}

function progressReporter(stream: NodeJS.WriteStream): { update(p: ImportProgress): void; done(): void } {
  if (stream.isTTY) {
    let drawn = false
    return {
      update(p) {
        const share = p.totalBytes > 0 ? Math.min(1, p.bytesRead / p.totalBytes) : 0
        const width = 30
        const filled = Math.round(share * width)
        const bar = '#'.repeat(filled) + '-'.repeat(width - filled)
        stream.write(
          `\r[${bar}] ${String(Math.round(share * 100)).padStart(3)}%  ${p.imported} imported, ${p.skippedExisting} skipped, ${p.bad} bad  ${rate(p.imported, p.elapsedMs)}\x1b[K`,
        )
        drawn = true
      },
      done() {
        if (drawn) stream.write('\n')
      },
    }
  }
  return {
    update(p) {
      stream.write(
        `import: ${p.lines} lines read, ${p.imported} imported, ${p.skippedExisting} skipped, ${p.bad} bad (${rate(p.imported, p.elapsedMs)})\n`,
      )
    },
    done() {},
  }
}

function reportBadLines(bad: BadLine[], file: string): void {
  const name = path.basename(file)
  for (const b of bad.slice(0, BAD_LINES_SHOWN)) {
    process.stderr.write(`${name}:${b.line}: ${b.id ? `[${b.id}] ` : ''}${b.reason}\n`)
  }
  if (bad.length > BAD_LINES_SHOWN) process.stderr.write(`… and ${bad.length - BAD_LINES_SHOWN} more bad lines\n`)
}

/**
 * Running servers keep rendered pages in memory. On PostgreSQL they listen for
 * invalidations, so tell them that lists and navigation changed. (A SQLite server runs
 * alone and is not reachable from here: its cached pages refresh when it restarts or
 * when the newsroom next publishes.)
 */
export const importCommand: Command = {
  name: 'import',
  help: `Usage: depesza import FILE.jsonl[.gz] [--map FILE.json] [--batch N]

Imports published articles from JSON Lines, one record a line:
  {"id": "...", "title": "...", "lead": "...", "body": "...", "date": "YYYY-MM-DD",
   "section": "...", "author": "..."}
id, title, body and section are required. Body paragraphs are separated by blank
lines. A file ending in .gz is read through gunzip. The file is streamed, so its size
does not matter.

- Each record's id becomes the article's external id. Importing the same file again
  does not duplicate anything: records whose id is already in the database are SKIPPED
  (counted as "already imported"); the existing articles are never overwritten.
- Sections and authors are created when missing. A section gets a slug from its name
  (a slug that would shadow a site address such as /kontakt or /media gets a suffix)
  and a readable name (e.g. wikinews → "Wikinews", kap → "Kultura i społeczeństwo").
- Articles are published; the publication time is the record's date at 12:00
  Europe/Warsaw, or the time of the import when the record has no date.
- A bad line (invalid JSON, a missing or too long field, a bad date, a duplicate id)
  is reported with its line number and skipped; the good lines are still imported.
  Articles are written in transactions of N (--batch); a failing article never leaves
  anything half-written and does not hold back the others.

Options:
  --map FILE.json   write {"<id>": "<absolute URL>"} for every imported or already
                    present story (URLs start with PUBLIC_URL)
  --batch N         articles per transaction (default ${DEFAULT_BATCH_SIZE}, at most ${MAX_BATCH_SIZE})

Progress goes to stderr (a bar on a terminal, else a line per batch); the summary to
stdout.

Exit status: 0 when every line was imported or already present, 1 when some lines were
bad (the good ones are imported), 2 on a usage error (missing file, bad option).

Environment: DEPESZA_DATA_DIR, DATABASE_URL, PUBLIC_URL (see README.md).`,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: { map: { type: 'string' }, batch: { type: 'string' } },
    })
    if (positionals.length === 0) throw new UsageError('missing the file to import (FILE.jsonl or FILE.jsonl.gz)')
    if (positionals.length > 1) throw new UsageError(`one file at a time, got ${positionals.length}: ${positionals.join(' ')}`)
    const file = path.resolve(positionals[0]!)
    let stat: fs.Stats
    try {
      stat = fs.statSync(file)
    } catch {
      throw new UsageError(`file not found: ${positionals[0]}`)
    }
    if (!stat.isFile()) throw new UsageError(`not a file: ${positionals[0]}`)
    try {
      fs.accessSync(file, fs.constants.R_OK)
    } catch {
      throw new UsageError(`cannot read ${positionals[0]} (permission denied)`)
    }
    let batchSize = DEFAULT_BATCH_SIZE
    if (values.batch !== undefined) {
      if (!/^\d+$/.test(values.batch) || Number(values.batch) < 1 || Number(values.batch) > MAX_BATCH_SIZE) {
        throw new UsageError(`--batch must be a whole number from 1 to ${MAX_BATCH_SIZE}, got "${values.batch}"`)
      }
      batchSize = Number(values.batch)
    }
    const mapFile = values.map !== undefined ? path.resolve(values.map) : undefined
    if (mapFile !== undefined) {
      const dir = path.dirname(mapFile)
      if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new UsageError(`--map: directory ${dir} does not exist`)
    }

    const config = loadConfig()
    // The full services, so that running servers drop their cached pages and the search
    // index learns of each story (the listeners of ContentService).
    const application = await buildApplication(config, { ownerSetup: false, logger: pino({ level: 'warn' }, pino.destination(2)) })
    const dbh = application.deps.dbh
    try {
      const progress = progressReporter(process.stderr)
      const result = await importJsonl({
        db: dbh.db,
        content: application.deps.content,
        file,
        batchSize,
        publicUrl: config.publicUrl,
        onProgress: (p) => progress.update(p),
        ...(mapFile !== undefined ? { mapFile } : {}),
      })
      progress.done()
      reportBadLines(result.bad, file)
      if (result.readError) process.stderr.write(`depesza import: ${result.readError}\n`)
      process.stdout.write(
        `Imported ${result.imported} articles, skipped ${result.skippedExisting} already imported, ${result.bad.length} bad lines ` +
          `(${result.lines} lines in ${seconds(result.elapsedMs)}, ${rate(result.imported, result.elapsedMs)}).\n`,
      )
      if (mapFile !== undefined) process.stdout.write(`URL map (${result.paths.size} stories): ${mapFile}\n`)
      return result.bad.length > 0 || result.readError ? 1 : 0
    } finally {
      await application.close()
    }
  },
}
