// The `ssae` command end to end, in-process: real files, a real database in a temp folder, the real worker.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { afterAll, describe, expect, it } from 'vitest'
import { main } from '../../../src/cli/main'
import { defaultContext, type CliContext } from '../../../src/cli/context'

const root = resolve(__dirname, '../../..')
const demo = join(root, 'resources/demo/breast_GC_D_MB.tiro.csv.gz')
const tmp = mkdtempSync(join(tmpdir(), 'ssae-cli-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

async function ssae(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const ctx: CliContext = { ...defaultContext(), out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n') }
  const code = await main(argv, ctx)
  return { code, out, err }
}

/** The breast set turned samples-as-rows, comma separated: the orientation most users bring. */
function breastAsRows(): string {
  const lines = gunzipSync(readFileSync(demo)).toString('utf8').split(/\r?\n/).filter(Boolean).map((l) => l.split(';'))
  const [names, labels, ...features] = lines
  const header = ['sample', 'label', ...features.map((f) => JSON.stringify(f[0]))].join(',')
  const rows = names.slice(1).map((s, j) => [s, labels[j + 1], ...features.map((f) => f[j + 1].replace(',', '.'))].join(','))
  return [header, ...rows].join('\n') + '\n'
}

describe('ssae run --json', () => {
  it('prints one document with metrics for both graph methods (TIRO file)', async () => {
    const r = await ssae('run', demo, '--hide', '0.4', '--seed', '7', '--methods', 'labelprop,labelspread', '--json', '--no-store')
    expect(r.code).toBe(0)
    expect(r.err).toBe('')
    const doc = JSON.parse(r.out)
    expect(doc.dataset).toMatchObject({ file: 'breast_GC_D_MB.tiro.csv.gz', samples: 271, features: 162, classes: ['1', '2'], orientation: 'columns' })
    expect(doc.dataset.orientationReason).toMatch(/Label/)
    expect(doc.split).toMatchObject({ mode: 'hidden', seed: 7, unlabelled: 0 })
    expect(doc.split.labelled + doc.split.hidden).toBe(271)
    for (const m of ['labelprop', 'labelspread']) {
      const x = doc.methods[m]
      expect(Object.keys(x.metrics).sort()).toEqual(['accuracy', 'auc', 'confusion', 'f1', 'precision', 'recall'])
      expect(x.metrics.accuracy).toBeGreaterThan(0.6)
      expect(x.predictions).toHaveLength(doc.split.hidden)
      const p = x.predictions[0]
      expect(Object.keys(p.proba)).toEqual(['1', '2'])
      expect(p.proba['1'] + p.proba['2']).toBeCloseTo(1, 5)
      expect(['1', '2']).toContain(p.predicted)
    }
  })

  it('reads the same data samples-as-rows and gives the same predictions', async () => {
    const csv = join(tmp, 'breast_rows.csv')
    writeFileSync(csv, breastAsRows())
    const a = JSON.parse((await ssae('run', demo, '--hide', '0.4', '--methods', 'labelprop', '--json', '--no-store', '--preprocess', 'center,scale')).out)
    const r = await ssae('run', csv, '--hide', '0.4', '--methods', 'labelprop', '--json', '--no-store', '--preprocess', 'center,scale')
    expect(r.code).toBe(0)
    const b = JSON.parse(r.out)
    expect(b.dataset).toMatchObject({ samples: 271, features: 162, orientation: 'rows' })
    expect(b.methods.labelprop.metrics.accuracy).toBeCloseTo(a.methods.labelprop.metrics.accuracy, 12)
    expect(b.methods.labelprop.predictions.map((p: { sample: string }) => p.sample)).toEqual(a.methods.labelprop.predictions.map((p: { sample: string }) => p.sample))
  })

  it('adds eta, selected features, descent-1 metrics and the backend for the SSAE', async () => {
    const r = await ssae('run', demo, '--hide', '0.4', '--methods', 'ssae,fcnn', '--epochs', '2', '--eta', '20', '--json', '--no-store')
    expect(r.code).toBe(0)
    const doc = JSON.parse(r.out)
    expect(doc.methods.ssae.eta).toBe(20)
    expect(doc.methods.ssae.backend).toMatch(/^(wasm|cpu|tensorflow)$/)
    expect(doc.methods.ssae.selectedFeatures.length).toBeGreaterThan(0)
    expect(doc.methods.ssae.selectedFeatures[0]).toEqual({ feature: expect.any(String), norm: expect.any(Number) })
    expect(doc.methods.ssae.descent1.metrics.accuracy).toBeGreaterThan(0)
    expect(doc.methods.fcnn.metrics).not.toBeNull()
  })
})

describe('ssae errors', () => {
  it.each([
    [['run', join(tmp, 'nope.csv')], /cannot read .*nope\.csv: no such file/],
    [['run', demo, '--hide', 'lots'], /--hide expects a number/],
    [['run', demo, '--methods', 'ssae,magic'], /unknown value "magic"/],
    [['run', demo, '--bogus'], /unknown option '--bogus'/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['run', demo, '--eta', '5', '--features', '10'], /either --eta or --features/]
  ])('%j → exit 2, one line on stderr, nothing on stdout', async (argv, message) => {
    const r = await ssae(...(argv as string[]))
    expect(r.code).toBe(2)
    expect(r.out).toBe('')
    expect(r.err.trim().split('\n')).toHaveLength(1)
    expect(r.err).toMatch(message)
    expect(r.err).not.toMatch(/\n\s+at /)
  })

  it('names the file, line and column of a bad cell', async () => {
    const bad = join(tmp, 'bad.csv')
    writeFileSync(bad, 'sample,label,f1,f2\ns1,a,1,2\ns2,b,3,x\ns3,a,5,6\ns4,b,7,8\n')
    const r = await ssae('run', bad, '--no-store')
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/bad\.csv, line 3, column 4/)
  })
})

describe('stored runs', () => {
  it('the same run twice compares identical; exports are written', async () => {
    const db = join(tmp, 'runs.sqlite')
    const args = ['run', demo, '--hide', '0.4', '--seed', '7', '--methods', 'ssae,labelprop', '--epochs', '2', '--db', db, '--json']
    const a = JSON.parse((await ssae(...args)).out)
    const b = JSON.parse((await ssae(...args)).out)
    expect(a.run.db).toBe(db)
    expect(b.run.id).toBe(a.run.id + 1)
    expect(b.methods.ssae.metrics).toEqual(a.methods.ssae.metrics)
    expect(b.methods.ssae.selectedFeatures).toEqual(a.methods.ssae.selectedFeatures)

    const cmp = await ssae('runs', 'compare', String(a.run.id), String(b.run.id), '--db', db)
    expect(cmp.code).toBe(0)
    expect(cmp.out).toMatch(/Settings: identical/)
    expect(cmp.out).toMatch(/shared by all: \d+/)
    const cj = JSON.parse((await ssae('runs', 'compare', String(a.run.id), String(b.run.id), '--db', db, '--json')).out)
    expect(cj.features.jaccard[0][1]).toBe(1)

    const list = await ssae('runs', 'list', '--db', db)
    expect(list.out).toMatch(/done/)
    const feats = join(tmp, 'features.csv')
    const ex = await ssae('export', 'features', String(a.run.id), '--out', feats, '--db', db)
    expect(ex.code).toBe(0)
    const csv = readFileSync(feats, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/)
    expect(csv[0]).toMatch(/^rank,feature,norm/)
    expect(csv.length - 1).toBe(a.methods.ssae.selectedFeatures.length)
  }, 120_000)
})
