// Display formatting: dates, durations, percentages. Never prints NaN.

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—'
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return '—'
  return d.toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' })
}

export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '—'
  if (seconds < 1) return '<1 s'
  if (seconds < 60) return `${Math.round(seconds)} s`
  const m = Math.floor(seconds / 60)
  const s = Math.round(seconds % 60)
  if (m < 60) return `${m} min ${s.toString().padStart(2, '0')} s`
  return `${Math.floor(m / 60)} h ${(m % 60).toString().padStart(2, '0')} min`
}

export function formatPercent(x: number | null | undefined, digits = 1): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—'
  return `${(x * 100).toFixed(digits)} %`
}

export function formatNumber(x: number | null | undefined, digits = 3): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—'
  if (x !== 0 && (Math.abs(x) < 1e-3 || Math.abs(x) >= 1e5)) return x.toExponential(2)
  return Number(x.toFixed(digits)).toString()
}

export const METHOD_LABELS: Record<string, string> = {
  ssae: 'SSAE',
  fcnn: 'FCNN',
  labelprop: 'LabelProp',
  labelspread: 'LabelSpread'
}

export const STATUS_COLORS: Record<string, string> = {
  queued: 'grey',
  running: 'info',
  done: 'success',
  failed: 'error',
  cancelled: 'warning',
  interrupted: 'warning'
}
