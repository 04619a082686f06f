// Reads the whole table into one Float32Array (missing = NaN), record by record, in either orientation.
import type { Orientation } from '../types'
import { readNumber } from './cells'
import { datasetError, quoteCell } from './errors'
import { walkRecords, type RecordSource } from './records'
import { sameName } from './layout'

export interface ReadPlan {
  orientation: Orientation
  decimal: '.' | ','
  /** Label name as written (matched trimmed, case-insensitively); null = no label. */
  labelName: string | null
  /** rows: the label column (-1 none). */
  labelColumn: number
  /** rows: the id column (-1 = number the samples). */
  idColumn: number
  /** Names of rows/columns to leave out (annotations the preview shows as label candidates). */
  skip: Set<string>
  csvParseOnly?: boolean
}

export interface MissingCell {
  line: number
  column: number
  sample: string
  feature: string
}

export interface RawTable {
  sampleIds: string[]
  featureNames: string[]
  /** Label text per sample as written; null when there is no label row/column. */
  labelTexts: string[] | null
  /** Where the labels are, for messages and the orientation reason. */
  labelLine: number
  labelColumn: number
  headerLine: number
  /** rows: line of each sample; columns: line of each feature. */
  lineOf: Int32Array
  /** Where each feature is: rows → its 1-based column; columns → its line. */
  featurePos: Int32Array
  X: Float32Array
  n: number
  d: number
  missingTotal: number
  missingPerSample: Int32Array
  missingPerFeature: Int32Array
  firstMissing: MissingCell[]
}

/** Upper bound on the number of records after the header: the number of line breaks + 1. */
export function countLines(buf: Buffer, start: number): number {
  let lines = 1
  const eol = buf.indexOf(10, start) >= 0 ? 10 : 13
  for (let i = buf.indexOf(eol, start); i >= 0; i = buf.indexOf(eol, i + 1)) lines++
  return lines
}

function raggedError(file: string, line: number, got: number, width: number, headerLine: number) {
  const column = got < width ? got + 1 : width + 1
  const what = got < width ? `${width - got} missing` : `${got - width} extra`
  return datasetError('ragged-row', file, `this row has ${got} fields but the header (line ${headerLine}) has ${width} (${what}). Every row must have as many fields as the header.`, { line, column })
}

/** Trailing header cells with no name (spreadsheets write "a;b;c;"): columns to ignore if empty. */
function namedWidth(header: string[], from: number): number {
  let width = header.length
  while (width > from + 1 && header[width - 1].trim() === '') width--
  return width
}

function checkIgnoredCells(file: string, cells: string[], from: number, line: number, headerLine: number) {
  for (let c = from; c < cells.length; c++) {
    if (cells[c].trim() !== '') {
      throw datasetError('blank-name', file, `the cell ${quoteCell(cells[c])} is in a column with no name in the header (line ${headerLine}). Give the column a name or delete it.`, { line, column: c + 1 })
    }
  }
}

function nonNumeric(file: string, text: string, line: number, column: number, sample: string, feature: string) {
  return datasetError('non-numeric', file, `the value ${quoteCell(text)} (sample '${sample}', feature '${feature}') is not a number. Values must be numbers (decimal point or comma); missing values may be blank, NA, NaN, null or ?. If this row/column holds labels or annotations, choose it as the label or remove it.`, { line, column })
}

function duplicateError(code: 'duplicate-sample' | 'duplicate-feature', file: string, name: string, line: number, column: number, firstAt: string) {
  const what = code === 'duplicate-sample' ? 'sample id' : 'feature name'
  return datasetError(code, file, `the ${what} '${name}' appears twice (first at ${firstAt}). Each ${what} must be unique.`, { line, column })
}

export function readTable(src: RecordSource, plan: ReadPlan): RawTable {
  return plan.orientation === 'rows' ? readSamplesAsRows(src, plan) : readSamplesAsColumns(src, plan)
}

function readSamplesAsRows(src: RecordSource, plan: ReadPlan): RawTable {
  const file = src.file
  const decimalComma = plan.decimal === ','
  let header: string[] | null = null
  let headerLine = 0
  let width = 0
  let named = 0
  let featureColumns: Int32Array = new Int32Array(0)
  const featureNames: string[] = []
  const sampleIds: string[] = []
  const labelTexts: string[] | null = plan.labelColumn >= 0 ? [] : null
  const idLine = new Map<string, number>()
  let lines: number[] = []
  let X = new Float32Array(0)
  let d = 0
  let n = 0
  let missingTotal = 0
  let missingPerFeature = new Int32Array(0)
  let missingPerSample = new Int32Array(0)
  const firstMissing: MissingCell[] = []

  walkRecords(src, (cells, line) => {
    if (header === null) {
      header = cells
      headerLine = line
      width = cells.length
      named = namedWidth(cells, Math.max(plan.idColumn, plan.labelColumn))
      const columns: number[] = []
      const seen = new Map<string, number>()
      for (let c = 0; c < named; c++) {
        if (c === plan.idColumn || c === plan.labelColumn || plan.skip.has(cells[c])) continue
        const name = cells[c]
        if (name.trim() === '') {
          throw datasetError('blank-name', file, `column ${c + 1} has no name in the header. Every feature column needs a name.`, { line, column: c + 1 })
        }
        const first = seen.get(name)
        if (first !== undefined) throw duplicateError('duplicate-feature', file, name, line, c + 1, `column ${first + 1}`)
        seen.set(name, c)
        columns.push(c)
        featureNames.push(name)
      }
      featureColumns = Int32Array.from(columns)
      d = columns.length
      const capacity = Math.max(1, countLines(src.buf, src.start) - 1)
      X = new Float32Array(capacity * d)
      missingPerFeature = new Int32Array(d)
      missingPerSample = new Int32Array(capacity)
      lines = []
      return
    }
    if (cells.length !== width) throw raggedError(file, line, cells.length, width, headerLine)
    if (named < width) checkIgnoredCells(file, cells, named, line, headerLine)
    const id = plan.idColumn >= 0 ? cells[plan.idColumn] : String(n + 1)
    if (id.trim() === '') {
      throw datasetError('blank-name', file, 'this row has no sample id. Every sample needs an id.', { line, column: plan.idColumn + 1 })
    }
    const first = idLine.get(id)
    if (first !== undefined) throw duplicateError('duplicate-sample', file, id, line, plan.idColumn + 1, `line ${first}`)
    idLine.set(id, line)
    sampleIds.push(id)
    lines.push(line)
    if (labelTexts !== null) labelTexts.push(cells[plan.labelColumn])
    const offset = n * d
    let missingHere = 0
    for (let k = 0; k < d; k++) {
      const c = featureColumns[k]
      const text = cells[c]
      const value = readNumber(text, decimalComma)
      if (value === undefined) throw nonNumeric(file, text, line, c + 1, id, featureNames[k])
      X[offset + k] = value
      if (value !== value) {
        missingHere++
        missingPerFeature[k]++
        if (firstMissing.length < 5) firstMissing.push({ line, column: c + 1, sample: id, feature: featureNames[k] })
      }
    }
    missingPerSample[n] = missingHere
    missingTotal += missingHere
    n++
  })
  if (header === null) throw datasetError('empty-file', file, 'the file holds no rows.')
  if (X.length !== n * d) X = X.slice(0, n * d)
  return {
    sampleIds, featureNames, labelTexts, labelLine: headerLine, labelColumn: plan.labelColumn + 1, headerLine,
    lineOf: Int32Array.from(lines), featurePos: featureColumns.map((c) => c + 1), X, n, d, missingTotal,
    missingPerSample: missingPerSample.slice(0, n),
    missingPerFeature, firstMissing
  }
}

function readSamplesAsColumns(src: RecordSource, plan: ReadPlan): RawTable {
  const file = src.file
  const decimalComma = plan.decimal === ','
  let headerLine = 0
  let width = 0
  let named = 0
  let n = 0
  let sampleIds: string[] = []
  let labelTexts: string[] | null = null
  let labelLine = 0
  const featureNames: string[] = []
  const featureLine = new Map<string, number>()
  const lines: number[] = []
  let T = new Float32Array(0) // feature-major while reading: T[f * n + j]
  let d = 0
  let missingTotal = 0
  let missingPerSample = new Int32Array(0)
  const missingPerFeature: number[] = []
  const firstMissing: MissingCell[] = []
  let sawHeader = false

  walkRecords(src, (cells, line) => {
    if (!sawHeader) {
      sawHeader = true
      headerLine = line
      width = cells.length
      named = namedWidth(cells, 0)
      sampleIds = cells.slice(1, named)
      n = sampleIds.length
      const seen = new Map<string, number>()
      sampleIds.forEach((id, j) => {
        if (id.trim() === '') {
          throw datasetError('blank-name', file, `column ${j + 2} has no sample id in the header. Every sample needs an id.`, { line, column: j + 2 })
        }
        const first = seen.get(id)
        if (first !== undefined) throw duplicateError('duplicate-sample', file, id, line, j + 2, `column ${first + 2}`)
        seen.set(id, j)
      })
      const capacity = Math.max(1, countLines(src.buf, src.start) - 1)
      T = new Float32Array(capacity * n)
      missingPerSample = new Int32Array(n)
      return
    }
    if (cells.length !== width) throw raggedError(file, line, cells.length, width, headerLine)
    if (named < width) checkIgnoredCells(file, cells, named, line, headerLine)
    const name = cells[0]
    if (plan.labelName !== null && labelTexts === null && sameName(name, plan.labelName)) {
      labelTexts = cells.slice(1, named)
      labelLine = line
      return
    }
    if (plan.skip.has(name)) return
    if (name.trim() === '') {
      throw datasetError('blank-name', file, 'this row has no feature name in its first cell. Every feature row needs a name.', { line, column: 1 })
    }
    const first = featureLine.get(name)
    if (first !== undefined) throw duplicateError('duplicate-feature', file, name, line, 1, `line ${first}`)
    featureLine.set(name, line)
    featureNames.push(name)
    lines.push(line)
    const offset = d * n
    let missingHere = 0
    for (let j = 0; j < n; j++) {
      const text = cells[j + 1]
      const value = readNumber(text, decimalComma)
      if (value === undefined) throw nonNumeric(file, text, line, j + 2, sampleIds[j], name)
      T[offset + j] = value
      if (value !== value) {
        missingHere++
        missingPerSample[j]++
        if (firstMissing.length < 5) firstMissing.push({ line, column: j + 2, sample: sampleIds[j], feature: name })
      }
    }
    missingPerFeature.push(missingHere)
    missingTotal += missingHere
    d++
  })
  if (!sawHeader) throw datasetError('empty-file', file, 'the file holds no rows.')
  return {
    sampleIds, featureNames, labelTexts, labelLine, labelColumn: 1, headerLine, lineOf: Int32Array.from(lines),
    featurePos: Int32Array.from(lines),
    X: transpose(T, d, n), n, d, missingTotal, missingPerSample,
    missingPerFeature: Int32Array.from(missingPerFeature), firstMissing
  }
}

/** rows × cols (row-major, possibly longer than needed) → cols × rows, in cache-friendly blocks. */
function transpose(T: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols)
  const B = 64
  for (let r0 = 0; r0 < rows; r0 += B) {
    const r1 = Math.min(rows, r0 + B)
    for (let c0 = 0; c0 < cols; c0 += B) {
      const c1 = Math.min(cols, c0 + B)
      for (let r = r0; r < r1; r++) {
        const base = r * cols
        for (let c = c0; c < c1; c++) out[c * rows + r] = T[base + c]
      }
    }
  }
  return out
}
