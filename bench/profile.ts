/**
 * @module
 * Reads a V8 CPU profile (`node --cpu-prof`) of the server and names where the time went:
 * the hottest functions by self time, by inclusive time (our code), and by area (a package,
 * a folder of src/, V8's garbage collector …).
 */
import fs from 'node:fs'
import path from 'node:path'

interface CallFrame {
  functionName: string
  url: string
  lineNumber: number
  columnNumber: number
}
interface ProfileNode {
  id: number
  callFrame: CallFrame
  children?: number[]
}
interface CpuProfile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
  startTime: number
  endTime: number
}

export interface HotFunction {
  name: string
  where: string
  selfPercent: number
  totalPercent: number
}

export interface ProfileSummary {
  file: string
  /** Sampled time, ms, idle excluded. */
  busyMs: number
  idlePercent: number
  topSelf: HotFunction[]
  /** Our own code (src/) by inclusive time: what each part of the request path costs. */
  topInclusive: HotFunction[]
  areas: Array<{ area: string; selfPercent: number }>
}

function where(frame: CallFrame, root: string): string {
  if (!frame.url) return ''
  let file = frame.url.replace(/^file:\/\//, '')
  if (file.startsWith(root)) file = path.relative(root, file)
  // tsx emits each module on one line: a line number there says nothing.
  return frame.lineNumber > 0 ? `${file}:${frame.lineNumber + 1}` : file
}

function area(frame: CallFrame, root: string): string {
  const name = frame.functionName
  if (name === '(garbage collector)') return 'V8: garbage collector'
  if (name === '(program)') return 'V8/native (program)'
  if (name === '(idle)') return '(idle)'
  const url = frame.url.replace(/^file:\/\//, '')
  if (!url) return name.startsWith('(') ? name : 'native/builtin'
  if (url.startsWith('node:')) return `node: ${url.slice(5).split('/')[0]}`
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)
  if (nm) return nm[1]!
  if (url.startsWith(root)) {
    const rel = path.relative(root, url)
    const parts = rel.split('/')
    return parts[0] === 'src' ? `src/${parts[1]}${parts.length > 3 ? '/' + parts[2] : ''}` : parts[0]!
  }
  return url
}

/**
 * @param window only samples taken in this interval of the system's monotonic clock
 *   (`process.hrtime`, microseconds) count: the load, not the server's start.
 */
export function summarizeProfile(file: string, root: string, top = 15, window?: { startUs: number; endUs: number }): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile
  const byId = new Map<number, ProfileNode>()
  const parent = new Map<number, number>()
  for (const n of profile.nodes) byId.set(n.id, n)
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)

  const self = new Map<number, number>()
  let idle = 0
  let total = 0
  let at = profile.startTime
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]!
    at += profile.timeDeltas[i] ?? 0
    const dt = profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0
    if (window && (at < window.startUs || at > window.endUs)) continue
    const node = byId.get(id)
    if (!node) continue
    total += dt
    if (node.callFrame.functionName === '(idle)') idle += dt
    self.set(id, (self.get(id) ?? 0) + dt)
  }
  const busy = total - idle
  const key = (f: CallFrame) => `${f.functionName || '(anonymous)'}\u0000${f.url}\u0000${f.lineNumber}`

  const selfByFn = new Map<string, { frame: CallFrame; us: number }>()
  const inclByFn = new Map<string, { frame: CallFrame; us: number }>()
  const areas = new Map<string, number>()
  for (const [id, us] of self) {
    const node = byId.get(id)!
    if (node.callFrame.functionName === '(idle)') continue
    const k = key(node.callFrame)
    const e = selfByFn.get(k) ?? { frame: node.callFrame, us: 0 }
    e.us += us
    selfByFn.set(k, e)
    const a = area(node.callFrame, root)
    areas.set(a, (areas.get(a) ?? 0) + us)
    // Inclusive: every distinct function on the stack of this sample.
    const seen = new Set<string>()
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const f = byId.get(cur)!.callFrame
      const fk = key(f)
      if (seen.has(fk)) continue
      seen.add(fk)
      const ie = inclByFn.get(fk) ?? { frame: f, us: 0 }
      ie.us += us
      inclByFn.set(fk, ie)
    }
  }
  const pct = (us: number) => (busy > 0 ? Math.round((us / busy) * 1000) / 10 : 0)
  const toHot = (k: string, us: number, frame: CallFrame): HotFunction => ({
    name: frame.functionName || '(anonymous)',
    where: where(frame, root),
    selfPercent: pct(selfByFn.get(k)?.us ?? 0),
    totalPercent: pct(inclByFn.get(k)?.us ?? us),
  })
  const topSelf = [...selfByFn.entries()]
    .sort((a, b) => b[1].us - a[1].us)
    .slice(0, top)
    .map(([k, e]) => toHot(k, e.us, e.frame))
  const topInclusive = [...inclByFn.entries()]
    .filter(([, e]) => e.frame.url.includes('/src/') && !e.frame.url.includes('node_modules'))
    .sort((a, b) => b[1].us - a[1].us)
    .slice(0, top)
    .map(([k, e]) => toHot(k, e.us, e.frame))
  return {
    file,
    busyMs: Math.round(busy / 1000),
    idlePercent: total > 0 ? Math.round((idle / total) * 1000) / 10 : 0,
    topSelf,
    topInclusive,
    areas: [...areas.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([a, us]) => ({ area: a, selfPercent: pct(us) })),
  }
}

export function formatProfile(s: ProfileSummary, what: string, top = 15): string {
  const lines: string[] = []
  lines.push(`CPU profile of ${what} (${s.busyMs} ms busy, ${s.idlePercent} % idle): ${s.file}`)
  lines.push('  by self time:')
  for (const f of s.topSelf.slice(0, top)) lines.push(`    ${String(f.selfPercent).padStart(5)} %  ${f.name}  ${f.where}`)
  lines.push('  our code by inclusive time:')
  for (const f of s.topInclusive.slice(0, top)) lines.push(`    ${String(f.totalPercent).padStart(5)} %  ${f.name}  ${f.where}`)
  lines.push('  by area (self time):')
  for (const a of s.areas.slice(0, top)) lines.push(`    ${String(a.selfPercent).padStart(5)} %  ${a.area}`)
  return lines.join('\n')
}
