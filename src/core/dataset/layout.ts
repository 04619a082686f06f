// Which way round the table is (samples as rows or columns) and where the labels are, from the head.
import type { ImportOptions, Orientation } from '../types'
import { isMissingToken, readNumber } from './cells'
import type { HeadRecords } from './sniff'

/** Names that mark the label row/column, best first (compared trimmed, case-insensitive). */
export const LABEL_NAMES = [
  'label', 'labels', 'class', 'classes', 'group', 'groups', 'condition', 'diagnosis', 'target', 'y',
  'outcome', 'phenotype', 'status', 'response', 'category'
]

const ID_NAMES = new Set(['', 'id', 'ids', 'sample', 'samples', 'sample_id', 'sampleid', 'sample id', 'name', 'names', 'subject', 'patient'])

export function labelNameRank(name: string): number {
  return LABEL_NAMES.indexOf(name.trim().toLowerCase())
}

export function sameName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase()
}

export interface Layout {
  orientation: Orientation
  /** How the orientation was chosen, for the reason text. */
  orientationBy: 'user' | 'label' | 'shape'
  /** The label name as written in the file; null when none was found. */
  labelName: string | null
  /** rows: the label column; columns: index of the label record in the head, -1 = look for it while reading. */
  labelIndex: number
  /** rows: the column of sample ids, -1 = none (ids are numbered). */
  idColumn: number
  /** When no label was found: why (names looked for, or the one the user gave). */
  labelProblem?: 'none-found' | 'not-found'
}

function distinctValues(values: string[]): number {
  const seen = new Set<string>()
  for (const v of values) if (!isMissingToken(v)) seen.add(v.trim())
  return seen.size
}

export function headColumn(head: HeadRecords, column: number): string[] {
  const values: string[] = []
  for (let r = 1; r < head.cells.length; r++) if (column < head.cells[r].length) values.push(head.cells[r][column])
  return values
}

export function headRow(head: HeadRecords, row: number): string[] {
  return head.cells[row].slice(1)
}

/** Fewer distinct values per value = more label-like. */
function labelLikeness(values: string[]): number {
  return values.length === 0 ? 1 : distinctValues(values) / values.length
}

interface Match {
  index: number
  rank: number
  likeness: number
}

function findInHeader(head: HeadRecords, wanted: (name: string) => number): Match | null {
  let best: Match | null = null
  head.cells[0].forEach((name, index) => {
    const rank = wanted(name)
    if (rank < 0) return
    const likeness = labelLikeness(headColumn(head, index))
    if (best === null || rank < best.rank) best = { index, rank, likeness }
  })
  return best
}

function findInFirstColumn(head: HeadRecords, wanted: (name: string) => number): Match | null {
  let best: Match | null = null
  for (let r = 1; r < head.cells.length; r++) {
    const rank = wanted(head.cells[r][0])
    if (rank < 0) continue
    const likeness = labelLikeness(headRow(head, r))
    if (best === null || rank < best.rank) best = { index: r, rank, likeness }
  }
  return best
}

function idColumnFor(head: HeadRecords, labelColumn: number): number {
  if (labelColumn !== 0) return 0
  const second = head.cells[0][1]
  return second !== undefined && ID_NAMES.has(second.trim().toLowerCase()) ? 1 : -1
}

/** Decides the layout from the head; `totalLines` (an upper bound on records) helps the shape guess. */
export function detectLayout(head: HeadRecords, options: ImportOptions, totalLines: number): Layout {
  const forced = options.orientation === 'rows' || options.orientation === 'columns' ? options.orientation : null
  const userLabel = options.label
  const wanted = userLabel !== undefined
    ? (name: string) => (name.trim() === userLabel.trim() ? 0 : sameName(name, userLabel) ? 1 : -1)
    : labelNameRank
  const inHeader = forced === 'columns' ? null : findInHeader(head, wanted)
  const inColumn = forced === 'rows' ? null : findInFirstColumn(head, wanted)
  let pick: 'rows' | 'columns' | null = null
  if (inHeader && inColumn) {
    pick = inHeader.rank !== inColumn.rank
      ? (inHeader.rank < inColumn.rank ? 'rows' : 'columns')
      : (inHeader.likeness <= inColumn.likeness ? 'rows' : 'columns')
  } else if (inHeader) pick = 'rows'
  else if (inColumn) pick = 'columns'

  if (pick === 'rows' && inHeader) {
    return { orientation: 'rows', orientationBy: forced ? 'user' : 'label', labelName: head.cells[0][inHeader.index], labelIndex: inHeader.index, idColumn: idColumnFor(head, inHeader.index) }
  }
  if (pick === 'columns' && inColumn) {
    return { orientation: 'columns', orientationBy: forced ? 'user' : 'label', labelName: head.cells[inColumn.index][0], labelIndex: inColumn.index, idColumn: 0 }
  }
  // A label row may sit below the head when the user says samples are columns: look while reading.
  if (forced === 'columns' && userLabel !== undefined) {
    return { orientation: 'columns', orientationBy: 'user', labelName: userLabel.trim(), labelIndex: -1, idColumn: 0 }
  }
  // No label: the way round in which some row/column looks like labels (few distinct texts), else the
  // shape: omics tables have more features than samples.
  const width = head.cells[0].length
  const bestScore = (o: Orientation) => Math.min(4, ...labelCandidates(head, o, new Set()).map((c) => c.score))
  const rowsScore = bestScore('rows')
  const columnsScore = bestScore('columns')
  const byShape: Orientation = width >= totalLines ? 'rows' : 'columns'
  const orientation: Orientation = forced ?? (rowsScore < columnsScore ? 'rows' : columnsScore < rowsScore ? 'columns' : byShape)
  return {
    orientation,
    orientationBy: forced ? 'user' : 'shape',
    labelName: null,
    labelIndex: -1,
    idColumn: 0,
    labelProblem: userLabel !== undefined ? 'not-found' : 'none-found'
  }
}

/**
 * Rows/columns (by name) that look like labels: label-like names, text values, or integer codes with
 * few distinct values. Best first, at most `max`.
 */
export function labelCandidates(head: HeadRecords, orientation: Orientation, exclude: Set<string>, max = 12): { name: string; text: boolean; score: number }[] {
  const found: { name: string; score: number; text: boolean }[] = []
  const consider = (name: string, values: string[]) => {
    if (exclude.has(name)) return
    const present = values.filter((v) => !isMissingToken(v))
    if (present.length === 0) return
    const distinct = distinctValues(present)
    const text = present.some((v) => readNumber(v, true) === undefined)
    const integers = !text && present.every((v) => Number.isInteger(Number(v.replace(',', '.'))))
    const few = distinct >= 2 && distinct <= Math.max(2, Math.min(10, present.length / 2))
    if (labelNameRank(name) >= 0) found.push({ name, score: 0, text })
    else if (text && (few || distinct === 1)) found.push({ name, score: 1, text })
    else if (integers && few && distinct <= 5 && present.length >= 6) found.push({ name, score: 2, text })
    else if (text) found.push({ name, score: 3, text })
  }
  if (orientation === 'rows') {
    head.cells[0].forEach((name, c) => { if (c > 0) consider(name, headColumn(head, c)) })
  } else {
    for (let r = 1; r < head.cells.length; r++) consider(head.cells[r][0], headRow(head, r))
  }
  found.sort((a, b) => a.score - b.score)
  const seen = new Set<string>()
  const out: { name: string; text: boolean; score: number }[] = []
  for (const f of found) {
    if (seen.has(f.name) || out.length >= max) continue
    seen.add(f.name)
    out.push(f)
  }
  return out
}
