/**
 * @module
 * Child processes of the benchmark (servers, nginx, wrk): tracked by PID and stopped on
 * exit, on Ctrl-C and on errors; and what /proc tells about them (RSS, CPU time).
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'

export interface Tracked {
  readonly name: string
  readonly child: ChildProcess
  readonly pid: number
  /** Resolves with the exit code (or signal name) once the process has ended. */
  readonly exited: Promise<number | string>
  /** The last few KB of its stderr and stdout, for error messages. */
  output(): string
}

const running = new Map<number, Tracked>()
let handlersInstalled = false

function killNow(signal: NodeJS.Signals): void {
  for (const t of running.values()) {
    try {
      process.kill(t.pid, signal)
    } catch {
      // already gone
    }
  }
}

/** Kills every tracked process when this one exits, is interrupted or terminated. */
export function installCleanupHandlers(): void {
  if (handlersInstalled) return
  handlersInstalled = true
  // Synchronous last resort: 'exit' handlers cannot wait.
  process.on('exit', () => killNow('SIGKILL'))
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      process.stderr.write(`\nbench: ${signal}, stopping ${running.size} child process(es) …\n`)
      void stopAll().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143))
    })
  }
}

export function spawnTracked(name: string, command: string, args: string[], options: SpawnOptions = {}): Tracked {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options })
  if (child.pid === undefined) throw new Error(`could not start ${name} (${command})`)
  let tail = ''
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-8192)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  const pid = child.pid
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(pid)
      resolve(code ?? signal ?? 'unknown')
    })
    child.once('error', (err) => {
      running.delete(pid)
      keep(Buffer.from(String(err)))
      resolve('error')
    })
  })
  const tracked: Tracked = { name, child, pid, exited, output: () => tail }
  running.set(pid, tracked)
  return tracked
}

/** Asks the process to stop (`signal`), then kills it after `graceMs`. */
export async function stopProcess(t: Tracked, signal: NodeJS.Signals = 'SIGTERM', graceMs = 10_000): Promise<void> {
  if (!running.has(t.pid)) return
  try {
    process.kill(t.pid, signal)
  } catch {
    return
  }
  const timer = setTimeout(() => {
    try {
      process.kill(t.pid, 'SIGKILL')
    } catch {
      // gone
    }
  }, graceMs)
  await t.exited
  clearTimeout(timer)
}

export async function stopAll(): Promise<void> {
  await Promise.all([...running.values()].map((t) => stopProcess(t, 'SIGTERM', 3000)))
}

// -- /proc -----------------------------------------------------------------------------------

/** Resident memory of a process in MB (VmRSS), null when it is gone. */
export function rssMB(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)
    return m ? Math.round(Number(m[1]) / 102.4) / 10 : null
  } catch {
    return null
  }
}

const CLOCK_TICKS = 100

/** User + system CPU seconds a process has used (utime + stime from /proc/PID/stat). */
export function cpuSeconds(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name (field 2) may contain spaces: count fields after its ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS
  } catch {
    return null
  }
}

/** Direct children of a process (nginx's workers), from /proc. */
export function childPids(pid: number): number[] {
  try {
    return fs
      .readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number)
  } catch {
    return []
  }
}

/** Samples RSS while a load runs; `stop()` returns the peak and the last value. */
/** RSS of a process and its child processes (a server with WORKERS=N: the primary and its workers). */
export function treeRssMB(pid: number): number | null {
  const own = rssMB(pid)
  if (own === null) return null
  return Math.round((own + childPids(pid).reduce((sum, child) => sum + (rssMB(child) ?? 0), 0)) * 10) / 10
}

export function sampleRss(pid: number, everyMs = 100): { stop(): { peakMB: number | null; lastMB: number | null } } {
  let peak: number | null = null
  let last: number | null = null
  const take = () => {
    last = treeRssMB(pid)
    if (last !== null && (peak === null || last > peak)) peak = last
  }
  take()
  const timer = setInterval(take, everyMs)
  return {
    stop() {
      clearInterval(timer)
      take()
      return { peakMB: peak, lastMB: last }
    },
  }
}

function machineJiffies(): { busy: number; total: number } | null {
  try {
    const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!
    const f = line.trim().split(/\s+/).slice(1).map(Number)
    // user nice system idle iowait irq softirq steal …
    const idle = (f[3] ?? 0) + (f[4] ?? 0)
    const total = f.slice(0, 8).reduce((a, b) => a + b, 0)
    return { busy: total - idle, total }
  } catch {
    return null
  }
}

/** Share of all cores busy (any process) over the next `ms`, in percent; null off Linux. */
export async function machineBusyPercent(ms = 1000): Promise<number | null> {
  const a = machineJiffies()
  await new Promise((r) => setTimeout(r, ms))
  const b = machineJiffies()
  if (!a || !b || b.total === a.total) return null
  return Math.round(((b.busy - a.busy) / (b.total - a.total)) * 100)
}

/**
 * Waits until the machine is quiet (under `thresholdPercent` busy over a second), at most
 * `maxSec`; returns the last measurement. Other people's builds on a shared machine would
 * otherwise take the CPU from the server and from wrk.
 */
export async function waitForQuiet(maxSec: number, thresholdPercent = 20): Promise<{ busyPercent: number | null; waitedSec: number }> {
  const t0 = performance.now()
  let busy = await machineBusyPercent(1000)
  while (busy !== null && busy >= thresholdPercent && (performance.now() - t0) / 1000 < maxSec) busy = await machineBusyPercent(1000)
  return { busyPercent: busy, waitedSec: Math.round((performance.now() - t0) / 100) / 10 }
}

/** 1-minute load average: how busy the machine was apart from us. */
export function loadAverage(): number {
  return Math.round(os.loadavg()[0]! * 100) / 100
}
