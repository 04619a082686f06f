// serializeDataset writes a dataset back in its own format; re-importing gives the same dataset.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { formatFloat32, parseDataset, serializeDataset } from '../../../src/core/dataset'
import type { Dataset, ImportOptions } from '../../../src/core/types'

const good = join(__dirname, '../../fixtures/good')

function roundTrip(ds: Dataset, options: ImportOptions, labels = ds.labels, unlabelledValue?: string): Dataset {
  const text = serializeDataset(ds, labels, { unlabelledValue })
  return parseDataset(Buffer.from(text, 'utf8'), ds.fileName, options)
}

function expectSame(a: Dataset, b: Dataset, labels = a.labels): void {
  expect(b.sampleIds).toEqual(a.sampleIds)
  expect(b.featureNames).toEqual(a.featureNames)
  expect(b.labels).toEqual(labels)
  expect(b.X).toEqual(a.X)
  expect([b.format, b.orientation, b.delimiter, b.decimal]).toEqual([a.format, a.orientation, a.delimiter, a.decimal])
}

describe('serializeDataset', () => {
  const cases: [string, ImportOptions][] = [
    ['rows-quoted-ids.csv', {}],
    ['text-labels.tsv', {}],
    ['rows-bom.csv', {}],
    ['columns.csv.gz', {}],
    ['missing.csv', { missing: 'mean' }]
  ]
  for (const [file, options] of cases) {
    it(`round-trips ${file}`, () => {
      const ds = parseDataset(readFileSync(join(good, file)), file, options)
      expectSame(ds, roundTrip(ds, options))
    })
  }

  it('writes TIRO back with ";", decimal commas, Name/Label rows and the unlabelled value', () => {
    const options = { unlabelledValue: '0' }
    const ds = parseDataset(readFileSync(join(good, 'tiro-latin1-comma-crlf.tiro.csv')), 't.tiro.csv', options)
    const text = serializeDataset(ds, ds.labels, options)
    const lines = text.split('\r\n')
    expect(lines[0]).toBe('Name;P01;P02;P03;P04;P05;P06')
    expect(lines[1]).toBe('Label;1;2;1;2;0;0')
    expect(lines[2]).toBe('Caféine;1,5;2,25;3;4,125;-0,5;1000')
    expect(lines[4]).toBe('Glucose (µM);0,001;0,002;0,003;0,004;0,005;0,006')
    expectSame(ds, roundTrip(ds, options, ds.labels, '0'))
  })

  it('writes new labels (predictions) and blanks for null', () => {
    const ds = parseDataset(readFileSync(join(good, 'text-labels.tsv')), 'x.tsv')
    const labels = ds.labels.map((l, i) => (i === 5 ? null : l ?? 'healthy')) // S6 (stage10) → unlabelled, S5 → healthy
    labels[7] = 'stage2'
    expectSame(ds, roundTrip(ds, {}, labels), labels)
  })

  it('round-trips the demo set', () => {
    const ds = parseDataset(readFileSync(join(__dirname, '../../../resources/demo/breast_GC_D_MB.tiro.csv.gz')), 'breast.tiro.csv.gz')
    expectSame(ds, roundTrip(ds, {}))
  })
})

describe('formatFloat32', () => {
  it('gives the shortest text that reads back to the same float32', () => {
    expect(formatFloat32(Math.fround(0.1))).toBe('0.1')
    expect(formatFloat32(Math.fround(1 / 3))).toBe('0.33333334')
    expect(formatFloat32(Math.fround(11.11209894))).toBe('11.112099')
    expect(formatFloat32(-0.5)).toBe('-0.5')
    expect(formatFloat32(1000)).toBe('1000')
    expect(formatFloat32(NaN)).toBe('NA')
    let seed = 11
    for (let k = 0; k < 5000; k++) {
      seed = (seed * 16807) % 2147483647
      const v = Math.fround((seed / 2147483647 - 0.5) * 10 ** ((k % 20) - 8))
      expect(Math.fround(Number(formatFloat32(v)))).toBe(v)
    }
  })
})
