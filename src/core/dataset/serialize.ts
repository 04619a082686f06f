// Writes a dataset back in the format, orientation, delimiter and decimal mark it was imported from.
import type { Dataset } from '../types'

/** Shortest decimal text that reads back (through Math.fround) as exactly this float32 value. */
export function formatFloat32(value: number): string {
  if (value !== value) return 'NA'
  const v = Math.fround(value)
  if (Number.isInteger(v) && Math.abs(v) < 1e21) return String(v)
  for (let p = 1; p <= 9; p++) {
    const text = v.toPrecision(p)
    if (Math.fround(Number(text)) === v) return String(Number(text))
  }
  return String(v)
}

function quoteIfNeeded(cell: string, delimiter: string): string {
  const needs = cell.includes(delimiter) || cell.includes('"') || cell.includes('\n') || cell.includes('\r') || cell !== cell.trim()
  return needs ? `"${cell.replace(/"/g, '""')}"` : cell
}

export interface SerializeOptions {
  /** Written for unlabelled samples instead of a blank cell (the lab marks them 0 in TIRO files). */
  unlabelledValue?: string
}

/**
 * The dataset as text in its imported layout with the given labels (null = unlabelled), values at full
 * float32 precision. Parsing the result (with the same label option) gives the same X, ids, names and labels.
 */
export function serializeDataset(ds: Dataset, labels: (string | null)[], options: SerializeOptions = {}): string {
  const { nSamples: n, nFeatures: d, X, delimiter } = ds
  if (labels.length !== n) throw new RangeError(`serializeDataset: ${labels.length} labels given for ${n} samples.`)
  if (X.length !== n * d) throw new RangeError(`serializeDataset: X has ${X.length} values, expected ${n} × ${d}.`)
  const eol = ds.format === 'tiro' ? '\r\n' : '\n'
  const cell = (text: string) => quoteIfNeeded(text, delimiter)
  const number = ds.decimal === ','
    ? (v: number) => formatFloat32(v).replace('.', ',')
    : formatFloat32
  const labelText = (label: string | null) => cell(label ?? options.unlabelledValue ?? '')
  const lines: string[] = []
  if (ds.orientation === 'rows') {
    lines.push(['sample', ds.labelName, ...ds.featureNames].map(cell).join(delimiter))
    const row = new Array<string>(d + 2)
    for (let i = 0; i < n; i++) {
      row[0] = cell(ds.sampleIds[i])
      row[1] = labelText(labels[i])
      for (let j = 0; j < d; j++) row[j + 2] = number(X[i * d + j])
      lines.push(row.join(delimiter))
    }
  } else {
    lines.push(['Name', ...ds.sampleIds].map(cell).join(delimiter))
    lines.push([cell(ds.labelName), ...labels.map(labelText)].join(delimiter))
    const row = new Array<string>(n + 1)
    for (let j = 0; j < d; j++) {
      row[0] = cell(ds.featureNames[j])
      for (let i = 0; i < n; i++) row[i + 1] = number(X[i * d + j])
      lines.push(row.join(delimiter))
    }
  }
  return lines.join(eol) + eol
}
