/**
 * @module
 * `depesza lemmas --terms`: for each input line (a word), the terms the search
 * analyzer indexes for it, `form<TAB>term<TAB>term…`, primary term first.
 * A line that holds several tokens gets the terms of all of them, in order.
 */
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import type { Readable, Writable } from 'node:stream'
import type { Analyzer } from '../polish/analyzer.js'
import { tokenize } from '../polish/tokenizer.js'

/** The terms of one line (a word, mid-sentence). */
export function termsLine(analyzer: Analyzer, line: string): string {
  const terms: string[] = []
  for (const token of tokenize(line)) {
    for (const t of analyzer.tokenTerms({ ...token, sentenceStart: false }).terms) if (!terms.includes(t)) terms.push(t)
  }
  return [line, ...terms].join('\t')
}

export async function runTerms(input: Readable, output: Writable, analyzer: Analyzer): Promise<number> {
  const lines = createInterface({ input, crlfDelay: Infinity, terminal: false })
  let pending = ''
  let count = 0
  for await (const line of lines) {
    pending += termsLine(analyzer, line) + '\n'
    count++
    if (pending.length >= 64 * 1024) {
      const chunk = pending
      pending = ''
      if (!output.write(chunk)) await once(output, 'drain')
    }
  }
  if (pending && !output.write(pending)) await once(output, 'drain')
  return count
}
