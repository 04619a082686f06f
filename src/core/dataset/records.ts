// Walks the records of a delimited text, one at a time, without holding the whole table as strings.
//
// Quoting is csv-parse's job. For speed, the part of a line after its last quote character (all of it
// when the line has none — the usual case for numeric matrices) is split on the delimiter with
// String.split: without quotes a CSV field is exactly the text between two delimiters, and csv-parse
// alone reads only ~15 MB/s here, too slow for a 1443 × 14369 matrix in 10 s (see scripts/bench-parse.ts).
import { parse as parseCsv } from 'csv-parse/sync'
import { datasetError } from './errors'

const QUOTE = 0x22
const LF = 10
const CR = 13

export interface RecordSource {
  buf: Buffer
  start: number
  encoding: 'utf-8' | 'latin1'
  delimiter: string
  file: string
}

export interface WalkOptions {
  /** Stop after this many non-blank records. */
  maxRecords?: number
  /** Read every line through csv-parse (tests use it to check the fast path gives the same records). */
  csvParseOnly?: boolean
}

/** Called per record with its cells and the 1-based line it starts on; return false to stop. */
export type RecordVisitor = (cells: string[], line: number) => boolean | void

interface CsvErrorLike {
  code?: string
  lines?: number
  message: string
}

function nodeEncoding(encoding: 'utf-8' | 'latin1'): BufferEncoding {
  return encoding === 'utf-8' ? 'utf8' : 'latin1'
}

/** True when every cell is blank: spreadsheets leave such rows (";;;;") at the end of sheets. */
function isBlankRecord(cells: string[]): boolean {
  for (let i = 0; i < cells.length; i++) if (cells[i].trim() !== '') return false
  return true
}

function quoteError(src: RecordSource, err: CsvErrorLike, firstLine: number): Error {
  const line = firstLine + Math.max(0, (err.lines ?? 1) - 1)
  if (err.code === 'CSV_QUOTE_NOT_CLOSED') {
    return datasetError('bad-quotes', src.file, 'a quoted field opened here is never closed (a " without its closing ").', { line: firstLine })
  }
  return datasetError('bad-quotes', src.file, `misplaced quote character: ${err.message.replace(/\s*at line \d+/, '')}.`, { line })
}

/** csv-parse on bytes [from, to): the records and, for each, the bytes and lines it used. */
function csvRecords(src: RecordSource, from: number, to: number, firstLine: number, limit: number) {
  const out: { cells: string[]; bytes: number; lines: number }[] = []
  try {
    parseCsv(src.buf.subarray(from, to), {
      delimiter: src.delimiter,
      encoding: nodeEncoding(src.encoding),
      bom: false,
      relax_column_count: true,
      relax_quotes: true,
      to: limit,
      // The record context carries the dataset info (bytes, lines) although the typings omit `bytes`.
      on_record: (cells: string[], context) => {
        const info = context as unknown as { bytes: number; lines: number }
        out.push({ cells, bytes: info.bytes, lines: info.lines })
        return undefined
      }
    })
  } catch (err) {
    throw quoteError(src, err as CsvErrorLike, firstLine)
  }
  return out
}

export function walkRecords(src: RecordSource, visit: RecordVisitor, options: WalkOptions = {}): void {
  const { buf, delimiter } = src
  const encoding = nodeEncoding(src.encoding)
  const maxRecords = options.maxRecords ?? Infinity
  const delimiterByte = delimiter.charCodeAt(0)
  // Classic Mac files end lines with CR alone.
  const eol = buf.indexOf(LF, src.start) >= 0 || buf.indexOf(CR, src.start) < 0 ? LF : CR
  let pos = src.start
  let line = 1
  let records = 0
  const emit = (cells: string[], at: number): boolean => {
    if (isBlankRecord(cells)) return true
    records++
    return visit(cells, at) !== false && records < maxRecords
  }
  while (pos < buf.length) {
    const next = buf.indexOf(eol, pos)
    const end = next < 0 ? buf.length : next
    let lineEnd = end
    if (eol === LF && lineEnd > pos && buf[lineEnd - 1] === CR) lineEnd--
    if (lineEnd === pos) {
      pos = end + 1
      line++
      continue
    }
    // Search this line only (Buffer#lastIndexOf from an offset would scan back to the file's start).
    const lastQuote = options.csvParseOnly ? lineEnd - 1 : pos + buf.subarray(pos, lineEnd).lastIndexOf(QUOTE)
    if (lastQuote < pos) {
      if (!emit(buf.toString(encoding, pos, lineEnd).split(delimiter), line)) return
      pos = end + 1
      line++
      continue
    }
    // The quoted head of the line goes to csv-parse; the quote-free tail after it is split plainly.
    let split = buf.indexOf(delimiterByte, lastQuote + 1)
    if (split >= lineEnd || options.csvParseOnly) split = -1
    const headEnd = split < 0 ? lineEnd : split
    let head: { cells: string[]; bytes: number; lines: number }[] | null = null
    try {
      head = csvRecords(src, pos, headEnd, line, 2)
    } catch {
      head = null // e.g. a quoted field that runs onto the next line: read the whole record below
    }
    if (head !== null && head.length === 1) {
      const cells = head[0].cells
      if (split >= 0) {
        const tail = buf.toString(encoding, split + 1, lineEnd).split(delimiter)
        for (let i = 0; i < tail.length; i++) cells.push(tail[i])
      }
      if (!emit(cells, line)) return
      pos = end + 1
      line++
      continue
    }
    // A record spanning several lines (line breaks inside quotes): csv-parse reads exactly one record.
    const whole = csvRecords(src, pos, buf.length, line, 1)
    if (whole.length === 0) return
    if (!emit(whole[0].cells, line)) return
    pos += whole[0].bytes
    line += whole[0].lines // `bytes` includes the record's line break; `lines` counts the lines it spans
  }
}
