// parseDataset: bytes of a CSV/TSV/TIRO file (plain or gzip) → a validated Dataset.
import type { Dataset, ImportOptions, MissingPolicy, MissingSummary } from '../types'
import { orderClasses, readLabel } from './cells'
import { datasetError, listSome } from './errors'
import { LABEL_NAMES, labelCandidates } from './layout'
import { fileFormat, orientationReason, readWithLayout, sniff, type Sniffed } from './load'
import type { RawTable } from './read'

/** Internal knobs for tests. */
export interface ParseInternals {
  /** Read every line through csv-parse (no plain split of quote-free text). */
  csvParseOnly?: boolean
}

function availableNames(s: Sniffed): string[] {
  const names = s.head.cells[0].filter((c) => c.trim() !== '')
  for (let r = 1; r < s.head.cells.length; r++) if (s.head.cells[r][0]?.trim()) names.push(s.head.cells[r][0])
  return [...new Set(names)]
}

function labelMissingError(s: Sniffed, file: string, options: ImportOptions) {
  const candidates = labelCandidates(s.head, s.layout.orientation, new Set()).map((c) => `'${c.name}'`)
  const hint = candidates.length > 0 ? ` Rows/columns that look like labels: ${listSome(candidates)}.` : ''
  if (options.label !== undefined) {
    const names = availableNames(s).map((n) => `'${n}'`)
    return datasetError('label-not-found', file, `no row or column is named '${options.label}'. Names in the header and first column: ${listSome(names, 15)}.${hint}`, { line: 1 })
  }
  return datasetError('no-label', file, `no label row or column was found: none is named ${LABEL_NAMES.slice(0, 8).join(', ')} … (any case).${hint} Rename it in the file or choose it by name.`, { line: 1 })
}

function labelWhere(table: RawTable, s: Sniffed, sample: number): { line: number; column: number } {
  return s.layout.orientation === 'rows'
    ? { line: table.lineOf[sample], column: table.labelColumn }
    : { line: table.labelLine, column: sample + 2 }
}

function checkClasses(table: RawTable, s: Sniffed, labels: (string | null)[], classes: string[], file: string): void {
  const labelName = s.layout.labelName
  if (classes.length === 0) {
    throw datasetError('no-classes', file, `the label ${s.layout.orientation === 'rows' ? 'column' : 'row'} '${labelName}' has no labelled sample (every label is blank, NA or the unlabelled value). At least two classes with two samples each are needed.`, { line: table.labelLine, column: table.labelColumn })
  }
  if (classes.length === 1) {
    throw datasetError('single-class', file, `every labelled sample is in class '${classes[0]}': at least two classes are needed to train a classifier. If some samples are unlabelled, mark them blank, NA or with the unlabelled value.`, { line: table.labelLine, column: table.labelColumn })
  }
  const counts = new Map<string, number>()
  for (const label of labels) if (label !== null) counts.set(label, (counts.get(label) ?? 0) + 1)
  for (const cls of classes) {
    if ((counts.get(cls) ?? 0) < 2) {
      const at = labels.indexOf(cls)
      throw datasetError('small-class', file, `class '${cls}' has only 1 labelled sample ('${table.sampleIds[at]}'); each class needs at least 2. Add samples, merge the class, or mark that sample unlabelled.`, labelWhere(table, s, at))
    }
  }
}

function missingSummary(table: RawTable, policy: MissingPolicy, dropped: number): MissingSummary {
  const samples: { id: string; count: number }[] = []
  const features: { name: string; count: number }[] = []
  for (let i = 0; i < table.n; i++) if (table.missingPerSample[i] > 0) samples.push({ id: table.sampleIds[i], count: table.missingPerSample[i] })
  for (let j = 0; j < table.d; j++) if (table.missingPerFeature[j] > 0) features.push({ name: table.featureNames[j], count: table.missingPerFeature[j] })
  return { total: table.missingTotal, samples, features, policy, droppedFeatures: dropped }
}

function percent(part: number, whole: number): string {
  const p = (100 * part) / whole
  return p < 0.1 ? p.toPrecision(1) : p.toFixed(1)
}

/** Applies the missing-value policy; returns the (possibly new) matrix, names and number of dropped features. */
function applyMissingPolicy(table: RawTable, policy: MissingPolicy, file: string, orientation: 'rows' | 'columns'): { X: Float32Array; featureNames: string[]; dropped: number } {
  const { n, d, X } = table
  if (table.missingTotal === 0) return { X, featureNames: table.featureNames, dropped: 0 }
  const cells = n * d
  if (table.missingTotal * 2 > cells) {
    throw datasetError('too-many-missing', file, `${table.missingTotal} of ${cells} values (${percent(table.missingTotal, cells)} %) are missing: more than half the table. Check that the delimiter and the orientation were read right, or remove mostly empty rows and columns.`)
  }
  const samplesWith = table.missingPerSample.reduce((a, c) => a + (c > 0 ? 1 : 0), 0)
  const featuresWith = table.missingPerFeature.reduce((a, c) => a + (c > 0 ? 1 : 0), 0)
  if (policy === 'refuse') {
    const first = table.firstMissing.map((m) => `line ${m.line} column ${m.column} (sample '${m.sample}', feature '${m.feature}')`)
    throw datasetError('missing-values', file, `${table.missingTotal} values are missing (${percent(table.missingTotal, cells)} %), in ${samplesWith} samples and ${featuresWith} features; first at ${first.join('; ')}. Choose a policy: drop the features with missing values, or replace them by the feature mean.`, { line: table.firstMissing[0].line, column: table.firstMissing[0].column })
  }
  if (policy === 'drop') {
    const keep: number[] = []
    for (let j = 0; j < d; j++) if (table.missingPerFeature[j] === 0) keep.push(j)
    if (keep.length === 0) {
      throw datasetError('no-features', file, `every one of the ${d} features has a missing value, so dropping them leaves nothing. Use the mean policy or fill the gaps.`)
    }
    const out = new Float32Array(n * keep.length)
    for (let i = 0; i < n; i++) {
      const row = i * d
      const to = i * keep.length
      for (let k = 0; k < keep.length; k++) out[to + k] = X[row + keep[k]]
    }
    return { X: out, featureNames: keep.map((j) => table.featureNames[j]), dropped: d - keep.length }
  }
  // mean: each missing value becomes the mean of the observed values of its feature
  const sum = new Float64Array(d)
  const seen = new Int32Array(d)
  for (let i = 0; i < n; i++) {
    const row = i * d
    for (let j = 0; j < d; j++) {
      const v = X[row + j]
      if (v === v) {
        sum[j] += v
        seen[j]++
      }
    }
  }
  for (let j = 0; j < d; j++) {
    if (seen[j] === 0) {
      const where = orientation === 'rows' ? { line: table.headerLine, column: table.featurePos[j] } : { line: table.featurePos[j] }
      throw datasetError('empty-feature', file, `feature '${table.featureNames[j]}' has no value at all, so it has no mean. Drop the features with missing values instead, or remove it.`, where)
    }
  }
  for (let i = 0; i < n; i++) {
    const row = i * d
    for (let j = 0; j < d; j++) if (X[row + j] !== X[row + j]) X[row + j] = sum[j] / seen[j]
  }
  return { X, featureNames: table.featureNames, dropped: 0 }
}

export function parseWithInternals(bytes: Uint8Array, fileName: string, options: ImportOptions, internals: ParseInternals): Dataset {
  const s = sniff(bytes, fileName, options)
  if (s.layout.labelName === null) {
    if (s.head.cells.length < 2) throw datasetError('no-data', fileName, 'the file has a header but no data rows.', { line: s.head.lines[0] + 1 })
    throw labelMissingError(s, fileName, options)
  }
  const table = readWithLayout(s, new Set(), internals.csvParseOnly)
  if (s.layout.orientation === 'columns' && table.labelTexts === null) {
    if (table.d === 0) throw datasetError('no-data', fileName, 'the file has a header but no data rows.', { line: table.headerLine + 1 })
    throw labelMissingError(s, fileName, options)
  }
  if (table.n === 0) {
    throw datasetError('no-data', fileName, s.layout.orientation === 'rows' ? 'the file has a header but no data rows.' : 'the header names no sample column.', { line: table.headerLine + 1 })
  }
  if (table.d === 0) {
    throw datasetError('no-features', fileName, `besides the sample ids and the label '${s.layout.labelName}', the file has no feature ${s.layout.orientation === 'rows' ? 'column' : 'row'} with numeric values.`, { line: table.headerLine })
  }
  const labels = (table.labelTexts as string[]).map((t) => readLabel(t, options.unlabelledValue))
  const classes = orderClasses(labels)
  checkClasses(table, s, labels, classes, fileName)
  const policy = options.missing ?? 'refuse'
  const { X, featureNames, dropped } = applyMissingPolicy(table, policy, fileName, s.layout.orientation)
  return {
    fileName,
    format: fileFormat(s, table),
    delimiter: s.delimiter,
    decimal: s.decimal,
    encoding: s.decoded.encoding,
    orientation: s.layout.orientation,
    orientationReason: orientationReason(s, table, classes.length),
    labelName: s.layout.labelName,
    sampleIds: table.sampleIds,
    featureNames,
    labels,
    classes,
    nSamples: table.n,
    nFeatures: featureNames.length,
    X,
    missing: missingSummary(table, policy, dropped)
  }
}

/** Reads a CSV, TSV or TIRO file (plain or gzip) into a validated Dataset; throws UserError on bad input. */
export function parseDataset(bytes: Uint8Array, fileName: string, options: ImportOptions = {}): Dataset {
  return parseWithInternals(bytes, fileName, options, {})
}
