// Exports on real stored runs: CSVs parsed back (BOM, CRLF, quoting, numbers), the dataset export
// re-imported through parseDataset and compared with the original, the HTML report.

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultRunConfig } from '../../../src/core/config'
import { parseDataset, serializeDataset } from '../../../src/core/dataset'
import type { Dataset } from '../../../src/core/types'
import { createServices, type Services } from '../../../src/main/services'
import { csvCell, float32Text, toCsv } from '../../../src/main/services/csv'
import { tempDir, WORKER_SOURCE } from '../store/helpers'

const DEMO = join(__dirname, '..', '..', '..', 'resources', 'demo', 'breast_GC_D_MB.tiro.csv.gz')

let s: Services
let cleanup: () => void
let original: Dataset
let partial: Dataset
let partialLabels: (string | null)[]
let givenRun: number
let ssaeRun: number

beforeAll(async () => {
  const t = tempDir('ssae-exports-')
  cleanup = t.cleanup
  s = createServices({ workerEntry: WORKER_SOURCE, dbPath: join(t.dir, 'store.sqlite') })
  original = parseDataset(new Uint8Array(readFileSync(DEMO)), 'breast_GC_D_MB.tiro.csv.gz', {})
  // The demo with every fourth sample's label blanked: a real semi-supervised file, in the demo's TIRO layout.
  partialLabels = original.labels.map((l, i) => (i % 4 === 3 ? null : l))
  const text = serializeDataset(original, partialLabels)
  const imported = await s.handlers['datasets.import']({ fileName: 'breast_partial.tiro.csv', data: new TextEncoder().encode(text), options: {} })
  expect(imported.unlabelled).toBe(67)
  partial = parseDataset(new TextEncoder().encode(text), 'breast_partial.tiro.csv', {})
  givenRun = (await s.handlers['runs.start']({ datasetId: imported.id, config: defaultRunConfig({ methods: ['labelspread', 'labelprop'] }) })).id
  const demo = await s.handlers['datasets.importDemo']({})
  ssaeRun = (
    await s.handlers['runs.start']({
      datasetId: demo.id,
      config: defaultRunConfig({ methods: ['labelprop', 'ssae'], split: { mode: 'hidden', fraction: 0.4, seed: 7 }, network: { ...defaultRunConfig().network, epochs: 2, eta: 20 } })
    })
  ).id
  expect(await s.waitForRun(givenRun)).toBe('done')
  expect(await s.waitForRun(ssaeRun)).toBe('done')
})
afterAll(async () => {
  await s.close()
  cleanup()
})

function readCsv(content: string): string[][] {
  expect(content.startsWith('\uFEFF')).toBe(true)
  expect(content.endsWith('\r\n')).toBe(true)
  expect(content.replace(/\r\n/g, '').includes('\n')).toBe(false)
  return parse(content, { bom: true, relax_column_count: false }) as string[][]
}

describe('CSV writing', () => {
  it('quotes only what needs it, writes no NaN, and float32 values with the fewest digits that read back', () => {
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('two\nlines')).toBe('"two\nlines"')
    expect(csvCell(' padded')).toBe('" padded"')
    expect(csvCell(NaN)).toBe('')
    expect(csvCell(null)).toBe('')
    expect(csvCell(0.1)).toBe('0.1')
    expect(float32Text(Math.fround(0.1))).toBe('0.1')
    expect(float32Text(Math.fround(1 / 3))).toBe('0.33333334')
    expect(Math.fround(Number(float32Text(Math.fround(1 / 3))))).toBe(Math.fround(1 / 3))
    expect(float32Text(NaN)).toBe('')
    expect(readCsv(toCsv(['a', 'b'], [['x,y', 1], ['é', null]]))).toEqual([
      ['a', 'b'],
      ['x,y', '1'],
      ['é', '']
    ])
  })
})

describe('exports', () => {
  it('predictions: one row per sample with role, truth, prediction and one confidence column per class', async () => {
    const file = await s.handlers['exports.predictions']({ id: ssaeRun })
    expect(file.fileName).toBe(`breast_GC_D_MB_run${ssaeRun}_predictions_ssae.csv`)
    expect(file.mime).toMatch(/^text\/csv/)
    const [header, ...rows] = readCsv(file.content)
    expect(header).toEqual(['sample', 'role', 'true_label', 'predicted', 'confidence_1', 'confidence_2'])
    expect(rows).toHaveLength(271)
    const result = s.getRunResult(ssaeRun)!
    const m = result.methods.ssae!
    rows.forEach((r, i) => {
      expect(r[0]).toBe(original.sampleIds[i])
      expect(r[1]).toBe(result.split.role[i])
      expect(r[2]).toBe(original.labels[i]) // every demo sample has a known label
      expect(r[3]).toBe(result.classes[m.predicted[i]])
      expect(Math.fround(Number(r[4]))).toBe(m.proba[i * 2])
      expect(Math.fround(Number(r[5]))).toBe(m.proba[i * 2 + 1])
    })
    // Without an SSAE, the first method of the run, named in the file name.
    const given = await s.handlers['exports.predictions']({ id: givenRun })
    expect(given.fileName).toBe(`breast_partial_run${givenRun}_predictions_labelspread.csv`)
    const g = readCsv(given.content).slice(1)
    expect(g.filter((r) => r[1] === 'unlabelled').every((r) => r[2] === '')).toBe(true)
    expect(g.filter((r) => r[1] === 'unlabelled')).toHaveLength(67)
  })

  it('features: rank, feature, norm of the SSAE’s selected features; refused for a run without SSAE', async () => {
    const file = await s.handlers['exports.features']({ id: ssaeRun })
    const [header, ...rows] = readCsv(file.content)
    expect(header).toEqual(['rank', 'feature', 'norm'])
    const selected = s.getRunResult(ssaeRun)!.methods.ssae!.selected!
    expect(rows).toEqual(selected.map((f, i) => [String(i + 1), f.feature, String(f.norm)]))
    await expect(s.handlers['exports.features']({ id: givenRun })).rejects.toMatchObject({ code: 'no-selected-features' })
  })

  it('dataset: the imported format and orientation, predicted labels filled in for unlabelled samples only, values exact', async () => {
    const file = await s.handlers['exports.dataset']({ id: givenRun })
    expect(file.fileName).toBe(`breast_partial_run${givenRun}_predicted_labelspread.tiro.csv`)
    const back = parseDataset(new TextEncoder().encode(file.content), file.fileName, {})
    expect(back.format).toBe('tiro')
    expect(back.orientation).toBe('columns')
    expect(back.sampleIds).toEqual(partial.sampleIds)
    expect(back.featureNames).toEqual(partial.featureNames)
    expect(back.X).toEqual(partial.X)
    const result = s.getRunResult(givenRun)!
    const predicted = result.methods.labelspread!.predicted
    back.labels.forEach((l, i) => {
      expect(l).toBe(partialLabels[i] ?? result.classes[predicted[i]])
    })
    // Benchmark mode: hidden samples keep their true label, so the export equals the original file's labels.
    const demoExport = await s.handlers['exports.dataset']({ id: ssaeRun })
    const demoBack = parseDataset(new TextEncoder().encode(demoExport.content), demoExport.fileName, {})
    expect(demoBack.labels).toEqual(original.labels)
    expect(demoBack.X).toEqual(original.X)
  })

  it('report: a self-contained HTML file', async () => {
    const file = await s.handlers['exports.report']({ id: ssaeRun })
    expect(file.fileName).toBe(`breast_GC_D_MB_run${ssaeRun}_report.html`)
    expect(file.mime).toMatch(/^text\/html/)
    expect(file.content).toMatch(/<html/i)
    expect(file.content).not.toMatch(/<script/i)
  })
})
