// Every user-caused import problem is one UserError with a stable code and, when known, a position.
import { UserError } from '../types'

/** Stable codes of the errors the dataset import can raise (tests and the UI key on them). */
export type DatasetErrorCode =
  | 'empty-file'
  | 'binary-file'
  | 'bad-gzip'
  | 'unsupported-encoding'
  | 'not-a-table'
  | 'bad-quotes'
  | 'ragged-row'
  | 'no-data'
  | 'blank-name'
  | 'non-numeric'
  | 'duplicate-sample'
  | 'duplicate-feature'
  | 'no-label'
  | 'label-not-found'
  | 'no-classes'
  | 'single-class'
  | 'small-class'
  | 'missing-values'
  | 'too-many-missing'
  | 'empty-feature'
  | 'no-features'
  | 'bad-option'

export const DATASET_ERROR_CODES: readonly DatasetErrorCode[] = [
  'empty-file', 'binary-file', 'bad-gzip', 'unsupported-encoding', 'not-a-table', 'bad-quotes', 'ragged-row',
  'no-data', 'blank-name', 'non-numeric', 'duplicate-sample', 'duplicate-feature', 'no-label', 'label-not-found',
  'no-classes', 'single-class', 'small-class', 'missing-values', 'too-many-missing', 'empty-feature', 'no-features',
  'bad-option'
]

export interface Where {
  line?: number
  column?: number
}

/** Builds the UserError: the message starts with "<file>[, line L][, column C]: " so it reads alone. */
export function datasetError(code: DatasetErrorCode, file: string, message: string, where: Where = {}): UserError {
  let prefix = file
  if (where.line !== undefined) prefix += `, line ${where.line}`
  if (where.column !== undefined) prefix += `, column ${where.column}`
  return new UserError(code, `${prefix}: ${message}`, { file, line: where.line, column: where.column })
}

/** Quotes a cell for a message, shortened so a huge cell cannot flood the screen. */
export function quoteCell(value: string): string {
  const shown = value.length > 40 ? value.slice(0, 37) + '…' : value
  return `'${shown}'`
}

/** "a, b, c and 4 more" */
export function listSome(items: string[], max = 8): string {
  if (items.length <= max) return items.join(', ')
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`
}
