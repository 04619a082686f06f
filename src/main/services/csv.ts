// CSV for spreadsheets. Choice: RFC 4180 (comma, CRLF line ends, fields quoted only when needed, quotes
// doubled) in UTF-8 WITH a byte-order mark — without it Excel reads UTF-8 as the local code page and
// mangles non-ASCII sample names; LibreOffice and pandas/R accept the BOM. Numbers are written with the
// shortest text that reads back to the same value; NaN/Infinity/null become an empty cell, never "NaN".

export type CsvValue = string | number | null | undefined

export const BOM = '\uFEFF'

/** A float32 value with the fewest digits that read back to the same float32 (≤ 9 significant). */
export function float32Text(v: number): string {
  if (!Number.isFinite(v)) return ''
  const f = Math.fround(v)
  for (let p = 1; p <= 9; p++) {
    const t = Number(f.toPrecision(p))
    if (Math.fround(t) === f) return String(t)
  }
  return String(f)
}

export function csvCell(v: CsvValue): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : ''
  return /[",\r\n]|^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v
}

export function toCsv(header: string[], rows: CsvValue[][]): string {
  const lines = [header.map(csvCell).join(',')]
  for (const r of rows) lines.push(r.map(csvCell).join(','))
  return BOM + lines.join('\r\n') + '\r\n'
}
