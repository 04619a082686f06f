// Every malformed file in test/fixtures/bad gets one UserError with a stable code naming file, line, column.
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseDataset, DATASET_ERROR_CODES } from '../../../src/core/dataset'
import { UserError, type ImportOptions } from '../../../src/core/types'

const dir = join(__dirname, '../../fixtures/bad')

interface BadCase {
  file: string
  code: string
  line?: number
  column?: number
  options?: ImportOptions
  /** Text the message must contain besides the file name and position. */
  says?: string
}

const cases: BadCase[] = [
  { file: 'empty.csv', code: 'empty-file' },
  { file: 'only-blank-lines.csv', code: 'empty-file' },
  { file: 'empty.csv.gz', code: 'empty-file', says: 'gzip' },
  { file: 'binary.csv', code: 'binary-file', line: 3, column: 1, says: 'NUL' },
  { file: 'workbook.xlsx.csv', code: 'binary-file', says: 'Excel' },
  { file: 'truncated.csv.gz', code: 'bad-gzip', says: 'truncated' },
  { file: 'utf16.csv', code: 'unsupported-encoding', says: 'UTF-16' },
  { file: 'one-column.csv', code: 'not-a-table', line: 1 },
  { file: 'unclosed-quote.csv', code: 'bad-quotes', line: 3 },
  { file: 'ragged.csv', code: 'ragged-row', line: 3, column: 5, says: '4 fields' },
  { file: 'ragged-crlf.tiro.csv', code: 'ragged-row', line: 4, column: 6, says: '6 fields' },
  { file: 'non-numeric.csv', code: 'non-numeric', line: 3, column: 5, says: "'abc'" },
  { file: 'non-numeric-latin1.tiro.csv', code: 'non-numeric', line: 4, column: 3, says: "'élevé'" },
  { file: 'infinite.csv', code: 'non-numeric', line: 3, column: 3, says: "'Inf'" },
  { file: 'duplicate-sample.csv', code: 'duplicate-sample', line: 4, column: 1, says: "'A'" },
  { file: 'duplicate-sample-columns.csv.gz', code: 'duplicate-sample', line: 1, column: 4, says: "'s1'" },
  { file: 'duplicate-feature.tiro.csv', code: 'duplicate-feature', line: 5, column: 1, says: 'first at line 3' },
  { file: 'blank-feature-name.csv', code: 'blank-name', line: 1, column: 4 },
  { file: 'blank-sample-id.tsv', code: 'blank-name', line: 3, column: 1 },
  { file: 'no-label.csv', code: 'no-label', line: 1, says: 'label' },
  { file: 'label-not-found.csv', code: 'label-not-found', line: 1, options: { label: 'diagnosis' }, says: "'label'" },
  { file: 'no-classes.csv', code: 'no-classes', line: 1, column: 2 },
  { file: 'single-class.csv', code: 'single-class', line: 1, column: 2, says: "'1'" },
  { file: 'small-class.csv', code: 'small-class', line: 4, column: 3, says: "class 'y'" },
  { file: 'too-many-missing.csv', code: 'too-many-missing', says: '66.7 %' },
  { file: 'missing-refuse.csv', code: 'missing-values', line: 3, column: 4, says: '2 values are missing' },
  { file: 'header-only.csv', code: 'no-data', line: 2 },
  { file: 'no-features.csv', code: 'no-features', line: 1 },
  { file: 'empty-feature-mean.csv', code: 'empty-feature', line: 1, column: 4, options: { missing: 'mean' }, says: "'f2'" }
]

describe('bad input corpus', () => {
  it('has a case for every file and at least 22 files', () => {
    const files = readdirSync(dir).filter((f) => f !== 'README.md').sort()
    expect(files.length).toBeGreaterThanOrEqual(22)
    expect(cases.map((c) => c.file).sort()).toEqual(files)
  })

  for (const c of cases) {
    it(`${c.file} → ${c.code}`, () => {
      let error: unknown
      try {
        parseDataset(readFileSync(join(dir, c.file)), c.file, c.options)
      } catch (err) {
        error = err
      }
      expect(error).toBeInstanceOf(UserError)
      const e = error as UserError
      expect(e.code).toBe(c.code)
      expect(DATASET_ERROR_CODES).toContain(e.code)
      expect(e.file).toBe(c.file)
      expect(e.message.startsWith(c.file)).toBe(true)
      expect(e.line).toBe(c.line)
      expect(e.column).toBe(c.column)
      if (c.line !== undefined) expect(e.message).toContain(`line ${c.line}`)
      if (c.column !== undefined) expect(e.message).toContain(`column ${c.column}`)
      if (c.says) expect(e.message).toContain(c.says)
      expect(e.message).not.toMatch(/\bundefined\b|NaN %|\n\s+at /)
    })
  }

  it('rejects bad options with a message', () => {
    const bytes = readFileSync(join(dir, 'ragged.csv'))
    expect(() => parseDataset(bytes, 'x.csv', { missing: 'zero' as never })).toThrow(/refuse', 'drop' or 'mean'/)
    expect(() => parseDataset(bytes, 'x.csv', { orientation: 'diagonal' as never })).toThrow(UserError)
  })
})
