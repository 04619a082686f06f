// Guesses the delimiter and the decimal mark from the first records of a file.
import { datasetError } from './errors'
import { walkRecords, type RecordSource } from './records'
import type { DecodedBytes } from './decode'

export interface HeadRecords {
  cells: string[][]
  lines: number[]
}

const CANDIDATES = ['\t', ';', ','] // preference order on a tie

/** The first `max` non-blank records, read with csv-parse. */
export function readHead(src: RecordSource, max: number, csvParseOnly = false): HeadRecords {
  const head: HeadRecords = { cells: [], lines: [] }
  walkRecords(src, (cells, line) => {
    head.cells.push(cells)
    head.lines.push(line)
  }, { maxRecords: max, csvParseOnly })
  return head
}

function delimiterScore(counts: number[]): { consistency: number; width: number } {
  const freq = new Map<number, number>()
  for (const c of counts) freq.set(c, (freq.get(c) ?? 0) + 1)
  let width = 0
  let best = 0
  for (const [c, f] of freq) if (f > best || (f === best && c > width)) [width, best] = [c, f]
  // The header must agree with the rows: a decimal-comma file split on ',' fails exactly there.
  const headerAgrees = counts[0] === width ? 1 : 0
  return { consistency: (best + headerAgrees) / (counts.length + 1), width }
}

export function detectDelimiter(decoded: DecodedBytes, file: string): string {
  let best: { delimiter: string; consistency: number; width: number } | null = null
  const failures = new Map<string, unknown>()
  for (const delimiter of CANDIDATES) {
    let head: HeadRecords
    try {
      head = readHead({ ...decoded, delimiter, file }, 12)
    } catch (err) {
      failures.set(delimiter, err)
      continue
    }
    if (head.cells.length === 0) continue
    const { consistency, width } = delimiterScore(head.cells.map((r) => r.length))
    if (width < 2) continue
    if (best === null || consistency > best.consistency + 1e-9 || (Math.abs(consistency - best.consistency) <= 1e-9 && width > best.width)) {
      best = { delimiter, consistency, width }
    }
  }
  if (best === null && failures.size > 0) {
    // Unreadable with every delimiter (e.g. an unclosed quote): report it for the likeliest delimiter.
    const end = decoded.buf.indexOf(10, decoded.start)
    const firstLine = decoded.buf.toString('latin1', decoded.start, end < 0 ? decoded.buf.length : end)
    const likeliest = [...failures.keys()].sort((a, b) => firstLine.split(b).length - firstLine.split(a).length)[0]
    throw failures.get(likeliest)
  }
  if (best === null) {
    throw datasetError('not-a-table', file, 'no comma, semicolon or tab splits the first lines into columns: this does not look like a CSV, TSV or TIRO table.', { line: 1 })
  }
  return best.delimiter
}

const COMMA_DECIMAL = /^\s*[-+]?\d*,\d+(?:[eE][-+]?\d+)?\s*$/
const POINT_DECIMAL = /^\s*[-+]?\d*\.\d+(?:[eE][-+]?\d+)?\s*$/

/** ',' when the value cells of the head are written like 1,5 (never with ',' as the delimiter). */
export function detectDecimal(head: HeadRecords, delimiter: string): '.' | ',' {
  if (delimiter === ',') return '.'
  let comma = 0
  let point = 0
  for (let r = 1; r < head.cells.length; r++) {
    const row = head.cells[r]
    for (let c = 1; c < row.length; c++) {
      if (COMMA_DECIMAL.test(row[c])) comma++
      else if (POINT_DECIMAL.test(row[c])) point++
    }
  }
  return comma > point ? ',' : '.'
}
