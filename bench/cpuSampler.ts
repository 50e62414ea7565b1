/**
 * Where the machine's CPU time went while a benchmark phase ran: per process group (the
 * benchmark's workers, Redis, PostgreSQL, everything else), read from Linux's `/proc` a few times
 * a second. Processes that exit between two samples lose at most one interval of their time.
 *
 *   const cpu = startCpuSampler((pid, comm) => (pid === worker.pid ? "worker" : undefined))
 *   …
 *   const usage = await cpu.stop() // { groups: { worker: 12.3, … }, machineBusy: 30.1, … }
 */
import { readdirSync, readFileSync } from "node:fs"
import { cpus } from "node:os"

/** Linux's USER_HZ: the unit of `/proc` CPU times (100 on every mainstream distribution). */
const TICKS_PER_SECOND = 100
const INTERVAL_MS = 500

/** Names a process's group, or `undefined` for the catch-all group `other`. */
export type Classify = (pid: number, comm: string) => string | undefined

export interface CpuUsage {
  /** CPU seconds by group (`other`: processes the classifier did not name). */
  readonly groups: Readonly<Record<string, number>>
  /**
   * Seconds the group's main threads were ready to run but waited for a core (the scheduler's
   * run-queue delay): time lost to the machine being busy, not to the work itself.
   */
  readonly waitedForCore: Readonly<Record<string, number>>
  /** Share of the phase in which at least one task waited for a core (Linux PSI `cpu some`), 0–1. */
  readonly cpuPressure?: number
  /** CPU seconds every core spent busy (user, system, irq) over the phase, whoever used them. */
  readonly machineBusy: number
  /** Wall seconds of the phase. */
  readonly wall: number
  /** Cores × wall: the CPU seconds the machine had. */
  readonly capacity: number
  /** The 1-minute load average when the phase ended. */
  readonly loadAverage: number
}

export interface CpuSampler {
  readonly stop: () => CpuUsage
}

/** utime + stime of a process in ticks, with its command name; undefined once it is gone. */
const processTicks = (pid: number): { comm: string; ticks: number } | undefined => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8")
    // The command name is in parentheses and may itself hold spaces or parentheses.
    const open = stat.indexOf("(")
    const close = stat.lastIndexOf(")")
    const fields = stat.slice(close + 2).split(" ")
    // After the name: state (field 3), … utime (14) and stime (15), counted from 1 with pid and name.
    return { comm: stat.slice(open + 1, close), ticks: Number(fields[11]) + Number(fields[12]) }
  } catch {
    return undefined
  }
}

/** Run-queue delay of a process's main thread, in seconds (0 where schedstats are off). */
const runQueueDelay = (pid: number): number => {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, "utf8").split(" ")[1]) / 1e9
  } catch {
    return 0
  }
}

/** Microseconds in which some task waited for a core, since boot; undefined without PSI. */
const cpuPressureTotal = (): number | undefined => {
  try {
    const some = readFileSync("/proc/pressure/cpu", "utf8").split("\n")[0] ?? ""
    const total = /total=(\d+)/.exec(some)?.[1]
    return total === undefined ? undefined : Number(total)
  } catch {
    return undefined
  }
}

/** Busy ticks of all cores together: everything but idle and iowait. */
const machineTicks = (): number => {
  const line = readFileSync("/proc/stat", "utf8").split("\n", 1)[0] ?? ""
  const [, ...values] = line.trim().split(/\s+/)
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = values.map(Number)
  return user + nice + system + irq + softirq + steal
}

const pids = (): number[] =>
  readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map(Number)

/** Starts sampling now; `stop` returns the CPU each group used since. */
export const startCpuSampler = (classify: Classify): CpuSampler => {
  const startedAt = performance.now()
  const machineAtStart = machineTicks()
  const pressureAtStart = cpuPressureTotal()
  // Per pid: its ticks and run-queue delay when first seen in this phase (0 if it started during
  // the phase) and when last seen.
  const seen = new Map<number, { first: number; last: number; firstDelay: number; lastDelay: number; comm: string }>()
  const sample = (initial: boolean) => {
    for (const pid of pids()) {
      const now = processTicks(pid)
      if (!now) continue
      const delay = runQueueDelay(pid)
      const known = seen.get(pid)
      if (known) {
        known.last = now.ticks
        known.lastDelay = delay
      } else
        seen.set(pid, {
          first: initial ? now.ticks : 0,
          last: now.ticks,
          firstDelay: initial ? delay : 0,
          lastDelay: delay,
          comm: now.comm,
        })
    }
  }
  sample(true)
  const timer = setInterval(() => sample(false), INTERVAL_MS)
  timer.unref()
  return {
    stop: () => {
      clearInterval(timer)
      sample(false)
      const groups: Record<string, number> = {}
      const waitedForCore: Record<string, number> = {}
      for (const [pid, { first, last, firstDelay, lastDelay, comm }] of seen) {
        const group = classify(pid, comm) ?? "other"
        groups[group] = (groups[group] ?? 0) + (last - first) / TICKS_PER_SECOND
        waitedForCore[group] = (waitedForCore[group] ?? 0) + (lastDelay - firstDelay)
      }
      const wall = (performance.now() - startedAt) / 1000
      const pressureAtEnd = cpuPressureTotal()
      return {
        groups,
        waitedForCore,
        ...(pressureAtStart !== undefined && pressureAtEnd !== undefined
          ? { cpuPressure: (pressureAtEnd - pressureAtStart) / 1e6 / wall }
          : {}),
        machineBusy: (machineTicks() - machineAtStart) / TICKS_PER_SECOND,
        wall,
        capacity: wall * cpus().length,
        loadAverage: Number(readFileSync("/proc/loadavg", "utf8").split(" ")[0]),
      }
    },
  }
}
