import { parseArgs } from 'node:util'
import { UsageError, type Command } from '../command.js'

export const checkCommand: Command = {
  name: 'check',
  help: `Usage: depesza check [options] FILE
       depesza check [options] -          (read the story from stdin)

Runs the quality gate on a story and prints one finding per line as JSON:
  {"kind","severity","field","block","start","end","text","message"}
"start"/"end" are offsets (UTF-16 code units) into the plain text of "field" (of block
"block", or of the story when null); "text" is the offending span; "message" says what
to do, in Polish unless --lang en.

FILE is either
  - a story as JSON: the block document the admin API accepts, e.g.
      {"headline": "…", "lede": "…", "body": {"type": "doc", "content": […]},
       "language": "pl", "leadImage": {"alt": "…", "caption": "…", "credit": "…"}, …}
    optionally with "glossary", "knownNames", "knownPaths", "media", "original";
  - or plain text: the first line is the headline, paragraphs are separated by blank
    lines, a paragraph starting with "Fot.", "Photo:", "Caption:" or "Podpis:" is a photo
    caption ("Alt:" and "Credit:"/"Autor zdjęcia:" paragraphs give its alt text and
    credit), the first ordinary paragraph is the lede.
The format is told by the first character ("{" = JSON) unless --format is given.
See docs/qa.md for the checks and both formats.

Options:
  --format json|text   the input format (default: guessed)
  --language CODE      the story's language, ISO 639-1 (default: the JSON's, else pl)
  --lang pl|en         the language of the messages (default pl)
  --glossary FILE      accepted terms, one per line (added to the JSON's "glossary")
  --names FILE         known names, one per line (added to "knownNames")
  --paths FILE         the site's paths, one per line: internal links elsewhere are broken

Exit status: 1 when there is at least one error, 0 otherwise (warnings only or none),
2 on usage errors (unreadable file, bad JSON, not a story).

The Morfologik dictionary (spelling, lemmas) is read from DEPESZA_DICTIONARY_DIR (default
$DEPESZA_DATA_DIR/dictionary), extracted there from the Debian jar when missing; without
it a warning goes to stderr and spelling is not checked.`,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      options: {
        format: { type: 'string' },
        language: { type: 'string' },
        lang: { type: 'string' },
        glossary: { type: 'string' },
        names: { type: 'string' },
        paths: { type: 'string' },
      },
      strict: true,
      allowPositionals: true,
    })
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'give a FILE to check, or - for stdin' : 'give exactly one FILE')
    if (values.format !== undefined && values.format !== 'json' && values.format !== 'text') throw new UsageError(`--format must be json or text, not "${values.format}"`)
    if (values.lang !== undefined && values.lang !== 'pl' && values.lang !== 'en') throw new UsageError(`--lang must be pl or en, not "${values.lang}"`)
    if (values.language !== undefined && !/^[a-z]{2}$/.test(values.language)) throw new UsageError(`--language must be an ISO 639-1 code such as pl, not "${values.language}"`)

    const { readFile } = await import('node:fs/promises')
    const readText = async (file: string, what: string): Promise<string> => {
      try {
        return file === '-' ? await readStdin() : await readFile(file, 'utf8')
      } catch (err) {
        throw new UsageError(`cannot read ${what} ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`)
      }
    }
    const readList = async (file: string | undefined, what: string): Promise<string[]> =>
      file === undefined
        ? []
        : (await readText(file, what))
            .split(/\r?\n/)
            .map((l) => l.trim())
            .filter((l) => l.length > 0 && !l.startsWith('#'))

    const file = positionals[0]!
    const input = await readText(file, 'the story')
    const [{ storyFromText, StoryInputError, checkStory, hasErrors, loadQaTools }, { loadConfig }] = await Promise.all([
      import('../../qa/index.js'),
      import('../../platform/config.js'),
    ])
    let parsed
    try {
      parsed = storyFromText(input, { ...(values.format ? { format: values.format as 'json' | 'text' } : {}), ...(values.language ? { language: values.language } : {}) })
    } catch (err) {
      if (err instanceof StoryInputError) throw new UsageError(`${file === '-' ? 'stdin' : file}: ${err.message}`)
      throw err
    }
    const glossary = [...(parsed.context.glossary ?? []), ...(await readList(values.glossary, 'the glossary'))]
    const knownNames = [...(parsed.context.knownNames ?? []), ...(await readList(values.names, 'the names'))]
    const paths = await readList(values.paths, 'the paths')
    const knownPaths = values.paths !== undefined || parsed.context.knownPaths ? [...(parsed.context.knownPaths ?? []), ...paths] : undefined

    const config = loadConfig()
    const tools = await loadQaTools({ dictionaryDir: config.dictionaryDir })
    if (tools.warning) process.stderr.write(`warning: ${tools.warning}\n`)
    const findings = checkStory(parsed.story, {
      ...parsed.context,
      glossary,
      knownNames,
      ...(knownPaths ? { knownPaths } : {}),
      messages: (values.lang as 'pl' | 'en' | undefined) ?? 'pl',
      dictionary: tools.dictionary,
      identifyLanguage: tools.identifyLanguage,
    })
    let out = ''
    for (const f of findings) {
      out += JSON.stringify({ kind: f.kind, severity: f.severity, field: f.field, block: f.block, start: f.start, end: f.end, text: f.text, message: f.message }) + '\n'
    }
    await new Promise<void>((resolve, reject) => process.stdout.write(out, (err) => (err ? reject(err) : resolve())))
    return hasErrors(findings) ? 1 : 0
  },
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}
