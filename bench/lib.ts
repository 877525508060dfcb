// Small helpers for benchmarks: timing, medians, percentiles and plain-text tables.
export async function time(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now()
  await fn()
  return performance.now() - t
}

export async function sample(n: number, fn: () => Promise<unknown>, warmup = 1): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn()
  const out: number[] = []
  for (let i = 0; i < n; i++) out.push(await time(fn))
  return out
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b)
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))
  return s[i]
}
export const median = (xs: number[]) => percentile(xs, 50)

export function printTable(title: string, head: string[], rows: (string | number)[][]): void {
  const cells = rows.map((r) => r.map((c) => (typeof c === 'number' ? fmt(c) : c)))
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((r) => String(r[i]).length)))
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')
  console.log(`\n${title}`)
  console.log(line(head))
  console.log(widths.map((w) => '-'.repeat(w)).join('  '))
  for (const r of cells) console.log(line(r as string[]))
}

function fmt(n: number): string {
  return n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2)
}

/** A small seeded PRNG (mulberry32): deterministic data for benchmarks. */
export function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * Samples the process's resident set size on a timer (and whenever `poll()` is called, for stretches
 * that keep the event loop busy) and keeps the peak, overall and per tag (e.g. per file-size class).
 */
export class RssSampler {
  baseline = 0
  peak = 0
  readonly peaks = new Map<string, number>()
  private readonly bases = new Map<string, number>()
  private tag: string | null = null
  private timer: NodeJS.Timeout | null = null

  start(intervalMs = 5): this {
    this.baseline = process.memoryUsage.rss()
    this.peak = this.baseline
    this.peaks.clear()
    this.bases.clear()
    this.timer = setInterval(() => this.poll(), intervalMs)
    return this
  }

  /** Samples now; later samples count towards `tag` too (null: none). */
  setTag(tag: string | null): void {
    this.poll()
    this.tag = tag
  }

  /** Like setTag, and the tag's growth is measured from now (call it right after a GC). */
  begin(tag: string): void {
    this.setTag(tag)
    const r = process.memoryUsage.rss()
    this.bases.set(tag, r)
    this.peaks.set(tag, r)
  }

  poll(): void {
    const r = process.memoryUsage.rss()
    if (r > this.peak) this.peak = r
    if (this.tag !== null && r > (this.peaks.get(this.tag) ?? 0)) this.peaks.set(this.tag, r)
  }

  stop(): this {
    this.poll()
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    return this
  }

  /** Peak growth in MiB over the baseline, overall or for one tag (over the tag's own baseline when begun). */
  growthMiB(tag?: string): number {
    if (tag === undefined) return Math.max(0, this.peak - this.baseline) / 1048576
    const base = this.bases.get(tag) ?? this.baseline
    return Math.max(0, (this.peaks.get(tag) ?? base) - base) / 1048576
  }
}
