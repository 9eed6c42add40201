/**
 * How long an upload and its variants take for a 12-Mpx camera JPEG (4000×3000, photo-like
 * content, EXIF orientation and GPS): the request's part (sniff, normalise: orient, strip,
 * re-encode with mozjpeg) and the background part (15 variants: 5 widths × AVIF, WebP, JPEG).
 * Reports wall and CPU time (CPU time is what a busy machine does not inflate).
 *
 *   npx tsx bench/media.ts [--runs 3] [--width 4000 --height 3000]
 */
import os from 'node:os'
import { parseArgs } from 'node:util'
import sharp from 'sharp'
import { normaliseImage } from '../src/media/media.service.js'
import { jpegWithExif } from '../src/media/test-images.js'
import { generateVariants, VARIANT_QUALITY } from '../src/media/variants.js'

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, width: { type: 'string', default: '4000' }, height: { type: 'string', default: '3000' } } })
const runs = Number(values.runs)
const width = Number(values.width)
const height = Number(values.height)

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; wallMs: number; cpuMs: number }> {
  const cpu = process.cpuUsage()
  const started = performance.now()
  const value = await run()
  const used = process.cpuUsage(cpu)
  return { value, wallMs: Math.round(performance.now() - started), cpuMs: Math.round((used.user + used.system) / 1000) }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

const camera = await jpegWithExif(width, height, { orientation: 6, quality: 92, seed: 42 })
process.stdout.write(
  `input: ${width}×${height} JPEG (${((width * height) / 1e6).toFixed(1)} Mpx), ${(camera.length / 1e6).toFixed(1)} MB; ` +
    `${os.cpus().length} CPUs, libvips threads ${sharp.concurrency()}, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; ` +
    `AVIF q${VARIANT_QUALITY.avif} effort ${VARIANT_QUALITY.avifEffort}, WebP q${VARIANT_QUALITY.webp}, JPEG q${VARIANT_QUALITY.jpeg} mozjpeg\n`,
)

const upload: Array<{ wallMs: number; cpuMs: number }> = []
const variants: Array<{ wallMs: number; cpuMs: number; timings: Record<string, number> }> = []
for (let i = 0; i < runs; i++) {
  const n = await timed(() => normaliseImage(camera))
  upload.push(n)
  const v = await timed(() => generateVariants(n.value.data, '2026/03/0000000000000000.jpg'))
  variants.push({ wallMs: v.wallMs, cpuMs: v.cpuMs, timings: v.value.timings })
  if (i === 0) {
    const bytes: Record<string, number> = {}
    for (const x of v.value.variants) bytes[x.format] = (bytes[x.format] ?? 0) + x.bytes
    process.stdout.write(
      `original after normalising: ${n.value.width}×${n.value.height}, ${(n.value.data.length / 1e6).toFixed(2)} MB; ` +
        `variants: ${v.value.variants.length}, ${Object.entries(bytes).map(([f, b]) => `${f} ${(b / 1024).toFixed(0)} KB`).join(', ')}\n`,
    )
  }
  process.stdout.write(`run ${i + 1}: upload ${n.wallMs} ms (CPU ${n.cpuMs} ms); variants ${v.wallMs} ms (CPU ${v.cpuMs} ms) ${JSON.stringify(v.value.timings)}\n`)
}
process.stdout.write(
  `median: upload ${median(upload.map((u) => u.wallMs))} ms wall / ${median(upload.map((u) => u.cpuMs))} ms CPU; ` +
    `variants ${median(variants.map((v) => v.wallMs))} ms wall / ${median(variants.map((v) => v.cpuMs))} ms CPU\n`,
)
