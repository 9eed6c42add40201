import { PassThrough, Readable, Writable } from 'node:stream'

import { describe, expect, it } from 'vitest'

import type { WordData } from './dictionary.js'
import { formatLemmaLine, runLemmas } from './lemmas-cli.js'

const fake = {
  lookup(form: string): WordData[] {
    if (form === 'wojny') return [{ lemma: 'wojna', tags: 'subst:sg:gen:f' }]
    if (form === 'była')
      return [
        { lemma: 'była', tags: 'subst:sg:nom:f' },
        { lemma: 'być', tags: 'verb:praet:sg:f:ter:imperf:nonrefl' },
      ]
    return []
  },
}

function collect(): { sink: Writable; text: () => string } {
  const chunks: Buffer[] = []
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk)
      cb()
    },
  })
  return { sink, text: () => Buffer.concat(chunks).toString('utf8') }
}

describe('runLemmas', () => {
  it('prints form<TAB>lemma|tags… per line, just the form when unknown', async () => {
    const { sink, text } = collect()
    const n = await runLemmas(Readable.from(['wojny\nxyz\nbyła\n']), sink, fake)
    expect(n).toBe(3)
    expect(text()).toBe(
      'wojny\twojna|subst:sg:gen:f\nxyz\nbyła\tbyła|subst:sg:nom:f\tbyć|verb:praet:sg:f:ter:imperf:nonrefl\n',
    )
  })

  it('splits lines like Java readLine (\\n, \\r\\n, \\r), keeps the last unterminated line and empty lines', async () => {
    const { sink, text } = collect()
    await runLemmas(Readable.from(['wo', 'jny\r\n\r\nxyz\rbyła']), sink, fake)
    expect(text().split('\n')).toEqual([
      'wojny\twojna|subst:sg:gen:f',
      '',
      'xyz',
      'była\tbyła|subst:sg:nom:f\tbyć|verb:praet:sg:f:ter:imperf:nonrefl',
      '',
    ])
  })

  it('does not trim: whitespace is part of the looked-up form', async () => {
    const { sink, text } = collect()
    await runLemmas(Readable.from([' wojny\n']), sink, fake)
    expect(text()).toBe(' wojny\n')
  })

  it('handles multi-byte characters split across chunks', async () => {
    const bytes = Buffer.from('była\n', 'utf8')
    const { sink, text } = collect()
    await runLemmas(Readable.from([bytes.subarray(0, 4), bytes.subarray(4)]), sink, fake)
    expect(text()).toContain('być|')
  })

  it('respects back-pressure and leaves the output open', async () => {
    const out = new PassThrough({ highWaterMark: 16 })
    const lines = Array.from({ length: 20000 }, (_, i) => (i % 2 ? 'wojny' : 'xyz')).join('\n')
    const received: Buffer[] = []
    out.on('data', (c: Buffer) => received.push(c))
    const n = await runLemmas(Readable.from([lines]), out, fake)
    expect(n).toBe(20000)
    expect(out.writableEnded).toBe(false)
    out.end()
    await new Promise((r) => out.on('end', r))
    expect(Buffer.concat(received).toString('utf8').split('\n').length).toBe(20001)
  })

  it('formatLemmaLine', () => {
    expect(formatLemmaLine('x', [])).toBe('x')
    expect(formatLemmaLine('x', [{ lemma: 'y', tags: '' }])).toBe('x\ty|')
  })
})
