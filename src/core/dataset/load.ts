// The steps parse and preview share: decode, sniff, find the layout, read the table.
import type { FileFormat, ImportOptions } from '../types'
import { decodeBytes, type DecodedBytes } from './decode'
import { datasetError } from './errors'
import { detectLayout, type Layout } from './layout'
import { countLines, readTable, type RawTable } from './read'
import type { RecordSource } from './records'
import { detectDecimal, detectDelimiter, readHead, type HeadRecords } from './sniff'

export const HEAD_RECORDS = 50

export interface Sniffed {
  decoded: DecodedBytes
  src: RecordSource
  head: HeadRecords
  delimiter: string
  decimal: '.' | ','
  layout: Layout
  /** Upper bound on the number of lines (line breaks + 1). */
  totalLines: number
}

export function checkOptions(options: ImportOptions, file: string): void {
  if (options.orientation !== undefined && !['auto', 'rows', 'columns'].includes(options.orientation)) {
    throw datasetError('bad-option', file, `orientation must be 'auto', 'rows' or 'columns', not '${String(options.orientation)}'.`)
  }
  if (options.missing !== undefined && !['refuse', 'drop', 'mean'].includes(options.missing)) {
    throw datasetError('bad-option', file, `the missing-value policy must be 'refuse', 'drop' or 'mean', not '${String(options.missing)}'.`)
  }
  if (options.label !== undefined && options.label.trim() === '') {
    throw datasetError('bad-option', file, 'the label name given is empty.')
  }
}

export function sniff(bytes: Uint8Array, file: string, options: ImportOptions): Sniffed {
  checkOptions(options, file)
  const decoded = decodeBytes(bytes, file)
  const delimiter = detectDelimiter(decoded, file)
  const src: RecordSource = { buf: decoded.buf, start: decoded.start, encoding: decoded.encoding, delimiter, file }
  const head = readHead(src, HEAD_RECORDS)
  const decimal = detectDecimal(head, delimiter)
  const totalLines = countLines(decoded.buf, decoded.start)
  const layout = detectLayout(head, options, totalLines)
  return { decoded, src, head, delimiter, decimal, layout, totalLines }
}

export function readWithLayout(s: Sniffed, skip: Set<string>, csvParseOnly = false): RawTable {
  const { layout } = s
  return readTable(s.src, {
    orientation: layout.orientation,
    decimal: s.decimal,
    labelName: layout.labelName,
    labelColumn: layout.orientation === 'rows' && layout.labelName !== null ? layout.labelIndex : -1,
    idColumn: layout.orientation === 'rows' ? layout.idColumn : 0,
    skip,
    csvParseOnly
  })
}

export function fileFormat(s: Sniffed, table: RawTable): FileFormat {
  if (s.delimiter === '\t') return 'tsv'
  // TIRO: ';' separated, samples as columns, the label row right under the header.
  if (s.delimiter === ';' && s.layout.orientation === 'columns' && table.labelTexts !== null && s.head.lines.length > 1 && table.labelLine === s.head.lines[1]) return 'tiro'
  return 'csv'
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`
}

/** The sentence the wizard shows next to the orientation. */
export function orientationReason(s: Sniffed, table: RawTable, distinctLabels: number): string {
  const { layout } = s
  const samples = layout.orientation === 'rows' ? 'samples are rows' : 'samples are columns'
  if (layout.labelName !== null && table.labelTexts !== null) {
    const where = layout.orientation === 'rows'
      ? `Column ${table.labelColumn} is named '${layout.labelName}' and holds ${plural(distinctLabels, 'distinct value')} across ${plural(table.n, 'row')}`
      : `Row ${table.labelLine} is named '${layout.labelName}' and holds ${plural(distinctLabels, 'distinct value')} across ${plural(table.n, 'column')}`
    return layout.orientationBy === 'user' ? `You chose: ${samples}. ${where}.` : `${where}: ${samples}.`
  }
  if (layout.orientationBy === 'user') return `You chose: ${samples}. No label ${layout.orientation === 'rows' ? 'column' : 'row'} was found.`
  const rows = plural(s.head.cells.length < HEAD_RECORDS ? s.head.cells.length : s.totalLines, 'row')
  const cols = plural(s.head.cells[0].length, 'column')
  return layout.orientation === 'rows'
    ? `No row or column is named like a label (label, class, group, condition …). The file has ${cols} and ${rows}; omics tables usually have more features than samples, so samples are probably rows.`
    : `No row or column is named like a label (label, class, group, condition …). The file has ${rows} and ${cols}; omics tables usually have more features than samples, so samples are probably columns.`
}
