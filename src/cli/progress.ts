// A one-line progress bar on stderr for long runs: method, phase, epoch, loss, elapsed and time left.

import type { ProgressEvent } from '../core/types'

const PHASE: Record<string, string> = {
  preprocess: 'preparing', fit: 'fitting', descent1: 'descent 1', projection: 'projecting', descent2: 'descent 2', predict: 'predicting', done: 'done'
}

export function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return '?'
  if (s < 60) return `${Math.round(s)} s`
  const m = Math.floor(s / 60)
  return m < 60 ? `${m} min ${Math.round(s - 60 * m)} s` : `${Math.floor(m / 60)} h ${m % 60} min`
}

export class ProgressBar {
  private last = 0
  private lastKey = ''
  private shown = false
  constructor(private readonly stream: NodeJS.WriteStream) {}

  update(e: ProgressEvent): void {
    // A terminal gets a live line; a log file gets a line per phase and at most one every 5 s.
    const now = Date.now()
    const key = `${e.method}:${e.phase}`
    const interval = this.stream.isTTY ? 100 : 5000
    if (now - this.last < interval && key === this.lastKey && e.phase !== 'done') return
    this.last = now
    this.lastKey = key
    const width = 24
    const filled = Math.round(e.fraction * width)
    const bar = '█'.repeat(filled) + '░'.repeat(width - filled)
    const parts = [`${bar} ${String(Math.round(e.fraction * 100)).padStart(3)} %`]
    if (e.method) parts.push(e.method.toUpperCase())
    parts.push(PHASE[e.phase] ?? e.phase)
    if (e.epoch !== undefined && e.epochs) parts.push(`epoch ${e.epoch}/${e.epochs}`)
    if (e.loss !== undefined && Number.isFinite(e.loss)) parts.push(`loss ${e.loss.toPrecision(4)}`)
    parts.push(formatSeconds(e.elapsed))
    if (e.remaining !== undefined) parts.push(`~${formatSeconds(e.remaining)} left`)
    const text = parts.join('  ')
    if (this.stream.isTTY) this.stream.write(`\r\x1b[2K${text}`)
    else this.stream.write(text + '\n')
    this.shown = true
  }

  done(): void {
    if (this.shown && this.stream.isTTY) this.stream.write('\r\x1b[2K')
    this.shown = false
  }
}
