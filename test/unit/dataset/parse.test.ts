// Well-formed files (test/fixtures/good, hand-made) and the real demo set parse to the expected Dataset.
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { classIndices, parseDataset } from '../../../src/core/dataset'
import { parseWithInternals } from '../../../src/core/dataset/parse'
import { UserError } from '../../../src/core/types'

const good = join(__dirname, '../../fixtures/good')
const read = (f: string) => readFileSync(join(good, f))
const demoPath = join(__dirname, '../../../resources/demo/breast_GC_D_MB.tiro.csv.gz')

describe('parseDataset on good files', () => {
  it('reads TIRO in latin1 with decimal commas, CRLF and an unlabelled value', () => {
    const ds = parseDataset(read('tiro-latin1-comma-crlf.tiro.csv'), 'tiro-latin1-comma-crlf.tiro.csv', { unlabelledValue: '0' })
    expect(ds.format).toBe('tiro')
    expect(ds.encoding).toBe('latin1')
    expect(ds.delimiter).toBe(';')
    expect(ds.decimal).toBe(',')
    expect(ds.orientation).toBe('columns')
    expect(ds.sampleIds).toEqual(['P01', 'P02', 'P03', 'P04', 'P05', 'P06'])
    expect(ds.featureNames).toEqual(['Caféine', 'Acide lactique', 'Glucose (µM)'])
    expect(ds.labels).toEqual(['1', '2', '1', '2', null, null])
    expect(ds.classes).toEqual(['1', '2'])
    expect([ds.nSamples, ds.nFeatures]).toEqual([6, 3])
    // row = sample: P01 = (1.5, 10, 0.001); P06's Caféine written 1e3
    expect(Array.from(ds.X.subarray(0, 3))).toEqual([1.5, 10, Math.fround(0.001)])
    expect(ds.X[5 * 3]).toBe(1000)
    expect(ds.X[4 * 3]).toBe(-0.5)
    expect(Array.from(classIndices(ds))).toEqual([0, 1, 0, 1, -1, -1])
  })

  it('without the unlabelled value, 0 is a class of its own', () => {
    const ds = parseDataset(read('tiro-latin1-comma-crlf.tiro.csv'), 't.csv')
    expect(ds.classes).toEqual(['0', '1', '2'])
  })

  it('keeps quoted ids exactly (leading zeros, quotes, line breaks) and finds a label column by name', () => {
    const ds = parseDataset(read('rows-quoted-ids.csv'), 'rows-quoted-ids.csv')
    expect(ds.orientation).toBe('rows')
    expect(ds.format).toBe('csv')
    expect(ds.labelName).toBe('group')
    expect(ds.sampleIds).toEqual(['01005', '01006', '0007', 'A "quoted" id', 'multi\nline'])
    expect(ds.featureNames).toEqual(['gene, alpha', 'gene "beta"'])
    expect(ds.labels).toEqual(['ctrl', 'case', 'ctrl', 'case', null])
    expect(ds.classes).toEqual(['case', 'ctrl'])
    expect(Array.from(ds.X)).toEqual([1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5, 5.5, 6])
    expect(ds.orientationReason).toBe("Column 3 is named 'group' and holds 2 distinct values across 5 rows: samples are rows.")
  })

  it('reads TSV with text labels in natural order', () => {
    const ds = parseDataset(read('text-labels.tsv'), 'text-labels.tsv')
    expect(ds.format).toBe('tsv')
    expect(ds.delimiter).toBe('\t')
    expect(ds.labelName).toBe('Diagnosis')
    expect(ds.classes).toEqual(['healthy', 'stage2', 'stage10', 'tumour'])
    expect(ds.labels[4]).toBeNull()
  })

  it('skips a UTF-8 BOM', () => {
    const ds = parseDataset(read('rows-bom.csv'), 'rows-bom.csv')
    expect(ds.encoding).toBe('utf-8')
    expect(ds.sampleIds[0]).toBe('A')
    expect(ds.X[1]).toBe(-2)
  })

  it('detects gzip by its magic bytes, not its name', () => {
    const ds = parseDataset(read('columns.csv.gz'), 'columns.txt')
    expect(ds.orientation).toBe('columns')
    expect(ds.format).toBe('csv')
    expect(ds.labels).toEqual(['a', 'b', 'a', 'b', null])
    expect(Array.from(ds.X.subarray(0, 4))).toEqual([1, 0.5, 2, 0.25])
    const plain = gzipSync(read('rows-bom.csv'))
    expect(parseDataset(plain, 'rows.csv').nSamples).toBe(4)
  })

  it('applies each missing-value policy', () => {
    const bytes = read('missing.csv')
    expect(() => parseDataset(bytes, 'missing.csv')).toThrow(/3 values are missing/)
    const dropped = parseDataset(bytes, 'missing.csv', { missing: 'drop' })
    expect(dropped.featureNames).toEqual(['f1'])
    expect(Array.from(dropped.X)).toEqual([1, 2, 3, 4, 5])
    expect(dropped.missing).toEqual({
      total: 3,
      samples: [{ id: 'A', count: 1 }, { id: 'B', count: 1 }, { id: 'E', count: 1 }],
      features: [{ name: 'f2', count: 1 }, { name: 'f3', count: 2 }],
      policy: 'drop',
      droppedFeatures: 2
    })
    const mean = parseDataset(bytes, 'missing.csv', { missing: 'mean' })
    expect(mean.nFeatures).toBe(3)
    expect(mean.X[1]).toBe(5) // A/f2 = mean(2, 4, 6, 8)
    expect(mean.X[5]).toBe(5) // B/f3 = mean(3, 5, 7)
    expect(mean.X[14]).toBe(5) // E/f3
    expect(mean.missing.policy).toBe('mean')
    expect(mean.missing.total).toBe(3)
    expect(Array.from(mean.X).every(Number.isFinite)).toBe(true)
  })

  it('follows an explicit label and orientation', () => {
    const bytes = read('text-labels.tsv')
    const ds = parseDataset(bytes, 'text-labels.tsv', { label: 'diagnosis', orientation: 'rows' })
    expect(ds.labelName).toBe('Diagnosis')
    expect(ds.orientationReason).toMatch(/^You chose: samples are rows\./)
    // Forcing the wrong orientation fails clearly instead of producing nonsense.
    expect(() => parseDataset(bytes, 'text-labels.tsv', { orientation: 'columns' })).toThrow(UserError)
  })

  it('gives the same result through csv-parse alone as through the fast quote-free path', () => {
    const optionsFor = (f: string) => (f === 'missing.csv' ? { missing: 'mean' as const } : {})
    for (const f of readdirSync(good).filter((x) => x !== 'README.md')) {
      const fast = parseWithInternals(read(f), f, optionsFor(f), {})
      const slow = parseWithInternals(read(f), f, optionsFor(f), { csvParseOnly: true })
      expect(slow, f).toEqual(fast)
    }
  })
})

describe('the demo set (resources/demo/breast_GC_D_MB.tiro.csv.gz)', () => {
  const ds = parseDataset(readFileSync(demoPath), 'breast_GC_D_MB.tiro.csv.gz')
  it('is TIRO: 271 samples as columns × 162 features, classes 1 (67) and 2 (204)', () => {
    expect(ds.format).toBe('tiro')
    expect(ds.orientation).toBe('columns')
    expect([ds.nSamples, ds.nFeatures]).toEqual([271, 162])
    expect(ds.X).toBeInstanceOf(Float32Array)
    expect(ds.X.length).toBe(271 * 162)
    expect(ds.classes).toEqual(['1', '2'])
    expect(ds.labels.filter((l) => l === '1').length).toBe(67)
    expect(ds.labels.filter((l) => l === '2').length).toBe(204)
    expect(ds.orientationReason).toBe("Row 2 is named 'Label' and holds 2 distinct values across 271 columns: samples are columns.")
    expect(ds.sampleIds[0]).toBe('ERn_train_1')
    expect(ds.featureNames.slice(0, 3)).toEqual(['1-hexadecanol', '1-monostearin', '1,2,4-benzenetriol'])
    expect(ds.X[0]).toBe(Math.fround(11.11209894)) // ERn_train_1 / 1-hexadecanol
    expect(ds.X[1]).toBe(Math.fround(9.907074711)) // ERn_train_1 / 1-monostearin
    expect(ds.X[162]).toBe(Math.fround(11.65843731)) // ERn_train_2 / 1-hexadecanol
  })
})
