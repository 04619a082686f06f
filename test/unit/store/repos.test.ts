// Repositories on a real database file: dataset copy and dedup by hash, a complete run's round trip
// (every typed array bit-equal), the one-transaction rule, listing, deletion rules.

import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Database } from 'better-sqlite3'
import { openDatabase } from '../../../src/main/store/db'
import {
  findDatasetByHash,
  getDatasetSummary,
  insertDataset,
  listDatasets,
  loadDataset,
  loadOriginal,
  deleteDataset
} from '../../../src/main/store/datasetsRepo'
import {
  countMethodRows,
  createRun,
  deleteRun,
  getRunResult,
  getRunRow,
  interruptUnfinished,
  listRuns,
  markRunEnded,
  markRunning,
  packWeights,
  saveRunResult,
  unpackWeights
} from '../../../src/main/store/runsRepo'
import { makeConfig, makeDataset, makePreview, makeResult, tempDir } from './helpers'

let dir: string
let cleanup: () => void
let db: Database
beforeEach(() => {
  ;({ dir, cleanup } = tempDir())
  db = openDatabase(join(dir, 'store.sqlite'))
})
afterEach(() => {
  db.close()
  cleanup()
})

function addDataset(n = 20, d = 30): number {
  const ds = makeDataset(n, d)
  return insertDataset(db, {
    name: 'synthetic',
    hash: 'abc123',
    importOptions: { missing: 'refuse' },
    dataset: ds,
    original: new TextEncoder().encode('sample,label,f0\ns1,A,1\n'),
    preview: makePreview(ds),
    importedAt: '2026-12-04T09:00:00.000Z'
  })
}

describe('datasets repository', () => {
  it('stores the matrix, names and labels, and gives them back exactly', () => {
    const id = addDataset()
    const back = loadDataset(db, id)!
    const ds = makeDataset(20, 30)
    expect(back.X).toEqual(ds.X)
    expect(back.X.byteOffset).toBe(0)
    expect({ ...back, X: null }).toEqual({ ...ds, X: null })
    expect(new TextDecoder().decode(loadOriginal(db, id)!.data)).toBe('sample,label,f0\ns1,A,1\n')
    // A .gz original is stored as it is and comes back byte for byte.
    const gz = new Uint8Array(gzipSync('sample,label\n'))
    const ds2 = makeDataset(3, 2, 5)
    const id2 = insertDataset(db, { name: 'gz', hash: 'h-gz', importOptions: {}, dataset: ds2, original: gz, preview: makePreview(ds2), importedAt: '2026-12-04T09:00:00.000Z' })
    expect(Buffer.from(loadOriginal(db, id2)!.data).equals(Buffer.from(gz))).toBe(true)
    const summary = getDatasetSummary(db, id)!
    expect(summary.classes).toEqual([
      { name: 'A', count: 8 },
      { name: 'B', count: 8 }
    ])
    expect(summary.unlabelled).toBe(4)
    expect(summary.importOptions).toEqual({ missing: 'refuse', orientation: 'auto' })
    expect(listDatasets(db).map((s) => s.id)).toContain(id)
  })

  it('finds a dataset by hash and canonical import options', () => {
    const id = addDataset()
    expect(findDatasetByHash(db, 'abc123', { orientation: 'auto' })).toBe(id)
    expect(findDatasetByHash(db, 'abc123', { orientation: 'rows' })).toBeNull()
    expect(findDatasetByHash(db, 'other', {})).toBeNull()
  })

  it('refuses to delete a dataset with runs through the foreign key; cascade deletes them together', () => {
    const id = addDataset()
    const run = createRun(db, { datasetId: id, config: makeConfig(), appVersion: '0.1.0', createdAt: '2026-12-04T10:00:00.000Z' })
    expect(() => db.prepare('DELETE FROM datasets WHERE id = ?').run(id)).toThrow(/FOREIGN KEY/)
    expect(deleteDataset(db, id)).toEqual({ deleted: true, deletedRuns: 1 })
    expect(getRunRow(db, run)).toBeNull()
  })
})

describe('runs repository', () => {
  it('round-trips a complete run: every typed array bit-equal, every field equal', () => {
    const datasetId = addDataset(20, 30)
    const id = createRun(db, { datasetId, config: makeConfig(), label: 'first', appVersion: '0.1.0', createdAt: '2026-12-04T10:00:00.000Z' })
    expect(getRunRow(db, id)!.status).toBe('queued')
    expect(getRunResult(db, id)).toBeNull()
    expect(markRunning(db, id, '2026-12-04T10:00:00.500Z')).toBe(true)
    const result = makeResult(20, 30)
    expect(saveRunResult(db, id, result, '2026-12-04T10:00:02.000Z')).toBe(true)
    const back = getRunResult(db, id)!
    expect(back).toEqual(result)
    expect(back.methods.ssae!.weights).toEqual(result.methods.ssae!.weights)
    expect(back.methods.ssae!.proba.byteOffset).toBe(0)
    expect(back.preprocess.mean).toBeInstanceOf(Float64Array)
    const row = getRunRow(db, id)!
    expect(row).toMatchObject({ status: 'done', backend: 'wasm', seconds: 2, label: 'first', datasetName: 'synthetic' })
    expect(row.keyMetrics).toEqual({ ssae: { accuracy: 0.8, auc: 0.85 }, labelprop: { accuracy: 0.7, auc: null } })
    // Without weights: everything but the weights matrix.
    const light = getRunResult(db, id, { withWeights: false })!
    expect(light.methods.ssae!.weights).toBeUndefined()
    expect(light.methods.ssae!.weightsShape).toEqual([16, 30])
  })

  it('packs first-layer weights by non-zero columns, losslessly', () => {
    const w = new Float32Array([0, 1.5, 0, -2, 0, 0, 0, 3.25, 0, 0, 0, 0])
    const packed = packWeights(w, 3, 4)
    expect(Array.from(packed.columns)).toEqual([1, 3])
    expect(unpackWeights(packed.columns, packed.values, 3, 4)).toEqual(w)
  })

  it('writes a result in one transaction: a failure while writing method rows leaves the run running with none', () => {
    const datasetId = addDataset(20, 30)
    const id = createRun(db, { datasetId, config: makeConfig(), appVersion: '0.1.0', createdAt: '2026-12-04T10:00:00.000Z' })
    markRunning(db, id, '2026-12-04T10:00:01.000Z')
    const broken = makeResult(20, 30)
    delete broken.methods.ssae!.weightsShape // the second method row throws: the whole write must roll back
    broken.methods = { labelprop: broken.methods.labelprop, ssae: broken.methods.ssae } // labelprop's row is written first
    expect(() => saveRunResult(db, id, broken, '2026-12-04T10:00:02.000Z')).toThrow(/weightsShape/)
    expect(getRunRow(db, id)!.status).toBe('running')
    expect(countMethodRows(db, id)).toBe(0)
  })

  it('only ends unfinished runs, and a cancelled run cannot be completed afterwards', () => {
    const datasetId = addDataset()
    const id = createRun(db, { datasetId, config: makeConfig(), appVersion: '0.1.0', createdAt: '2026-12-04T10:00:00.000Z' })
    markRunning(db, id, '2026-12-04T10:00:00.000Z')
    expect(markRunEnded(db, id, 'cancelled', null, '2026-12-04T10:00:01.000Z')).toBe(true)
    expect(getRunRow(db, id)!.seconds).toBeCloseTo(1, 3)
    expect(saveRunResult(db, id, makeResult(20, 30), '2026-12-04T10:00:02.000Z')).toBe(false)
    expect(countMethodRows(db, id)).toBe(0)
    expect(markRunEnded(db, id, 'failed', 'late', '2026-12-04T10:00:03.000Z')).toBe(false)
    expect(getRunRow(db, id)!.status).toBe('cancelled')
  })

  it('marks queued and running runs interrupted, and lists runs newest first, filtered by dataset', () => {
    const a = addDataset()
    const ds = makeDataset(5, 3, 9)
    const b = insertDataset(db, { name: 'b', hash: 'h2', importOptions: {}, dataset: ds, original: new Uint8Array(3), preview: makePreview(ds), importedAt: '2026-12-04T09:00:00.000Z' })
    const r1 = createRun(db, { datasetId: a, config: makeConfig(), appVersion: '0.1.0', createdAt: '2026-12-04T10:00:00.000Z' })
    const r2 = createRun(db, { datasetId: b, config: makeConfig(), appVersion: '0.1.0', createdAt: '2026-12-04T11:00:00.000Z' })
    const r3 = createRun(db, { datasetId: a, config: makeConfig(), appVersion: '0.1.0', createdAt: '2026-12-04T12:00:00.000Z' })
    markRunning(db, r1, '2026-12-04T10:00:00.000Z')
    markRunEnded(db, r3, 'failed', 'x', '2026-12-04T12:00:01.000Z')
    expect(listRuns(db).map((r) => r.id)).toEqual([r3, r2, r1])
    expect(listRuns(db, { datasetId: a }).map((r) => r.id)).toEqual([r3, r1])
    expect(interruptUnfinished(db, 'closed', '2026-12-04T13:00:00.000Z')).toEqual([r1, r2])
    expect(listRuns(db).map((r) => r.status)).toEqual(['failed', 'interrupted', 'interrupted'])
    expect(deleteRun(db, r1)).toBe(true)
    expect(deleteRun(db, r1)).toBe(false)
  })
})
