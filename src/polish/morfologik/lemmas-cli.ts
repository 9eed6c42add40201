// Line-oriented lemmatizer: one word per input line, one output line per word:
//
//   form<TAB>lemma|tags<TAB>lemma|tags…
//
// or just `form` when the word is unknown. Lines are looked up verbatim (no
// trimming, case preserved), exactly like the Java oracle (oracle/Lookup.java)
// does, so the two outputs can be compared byte for byte.
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import type { Readable, Writable } from 'node:stream'

import type { PolishDictionary, WordData } from './dictionary.js'

/** Formats one output line (without the trailing newline). */
export function formatLemmaLine(form: string, analyses: readonly WordData[]): string {
  let line = form
  for (const a of analyses) line += `\t${a.lemma}|${a.tags}`
  return line
}

const FLUSH_AT = 64 * 1024

/**
 * Reads words from `input` and writes their analyses to `output`; resolves
 * with the number of lines processed once all output has been handed over.
 * The output stream is not ended.
 */
export async function runLemmas(input: Readable, output: Writable, dict: Pick<PolishDictionary, 'lookup'>): Promise<number> {
  // Line breaks as Java's BufferedReader.readLine: \n, \r\n or a lone \r.
  const lines = createInterface({ input, crlfDelay: Infinity, terminal: false })
  let pending = ''
  let count = 0
  const flush = async () => {
    if (pending === '') return
    const chunk = pending
    pending = ''
    if (!output.write(chunk, 'utf8')) await once(output, 'drain')
  }
  for await (const line of lines) {
    pending += formatLemmaLine(line, dict.lookup(line)) + '\n'
    count++
    if (pending.length >= FLUSH_AT) await flush()
  }
  await flush()
  return count
}
