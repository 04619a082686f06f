// previewDataset shows a file as the app reads it and reports (not throws) problems fixable in the wizard.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { previewDataset } from '../../../src/core/dataset'
import { UserError } from '../../../src/core/types'

const fixtures = join(__dirname, '../../fixtures')
const demoPath = join(__dirname, '../../../resources/demo/breast_GC_D_MB.tiro.csv.gz')

describe('previewDataset', () => {
  it('previews the demo set', () => {
    const p = previewDataset(readFileSync(demoPath), 'breast.tiro.csv.gz')
    expect(p.format).toBe('tiro')
    expect([p.nSamples, p.nFeatures]).toEqual([271, 162])
    expect(p.labelName).toBe('Label')
    expect(p.classes).toEqual([{ name: '1', count: 67 }, { name: '2', count: 204 }])
    expect(p.unlabelled).toBe(0)
    expect(p.head.sampleIds.length).toBe(20)
    expect(p.head.featureNames.length).toBe(12)
    expect(p.head.values.length).toBe(20)
    expect(p.head.values[0].length).toBe(12)
    expect(p.head.values[0][0]).toBe(Math.fround(11.11209894))
    expect(p.rawHead.length).toBe(8)
    expect(p.rawHead[1].slice(0, 3)).toEqual(['Label', '1', '1'])
    expect(p.rawHead[0].length).toBe(12)
    // Values 3–23: already log-scale metabolomics intensities → no log; centre and scale.
    expect(p.recommendation.preprocess).toEqual({ log: false, center: true, scale: true })
    expect(p.recommendation.reasons[0]).toMatch(/log scale/)
  })

  it('does not throw when no label is found: it lists candidates and leaves text columns out', () => {
    const csv = 'id,sex,age,f1,f2\nA,m,30,1,2\nB,f,40,3,4\nC,m,50,5,6\nD,f,60,7,8\n'
    const p = previewDataset(Buffer.from(csv), 'nolabel.csv')
    expect(p.labelName).toBe('')
    expect(p.labelCandidates).toContain('sex')
    expect(p.head.featureNames).toEqual(['age', 'f1', 'f2'])
    expect(p.unlabelled).toBe(4)
    expect(p.orientationReason).toMatch(/No row or column is named like a label/)
  })

  it('does not throw for an unknown label name or missing values, and counts them', () => {
    const bytes = readFileSync(join(fixtures, 'good/missing.csv'))
    const p = previewDataset(bytes, 'missing.csv', { label: 'diagnosis' })
    expect(p.labelName).toBe('')
    expect(p.orientationReason).toMatch(/^No row or column is named 'diagnosis'/)
    expect(p.labelCandidates).toContain('label')
    const q = previewDataset(bytes, 'missing.csv')
    expect(q.missing).toEqual({ total: 3, samplesWithMissing: 3, featuresWithMissing: 2 })
    expect(q.head.values[0][1]).toBeNull()
    expect(q.classes).toEqual([{ name: '1', count: 3 }, { name: '2', count: 2 }])
  })

  it('reports a single class without throwing', () => {
    const p = previewDataset(readFileSync(join(fixtures, 'bad/single-class.csv')), 'single-class.csv')
    expect(p.classes).toEqual([{ name: '1', count: 3 }])
    expect(p.unlabelled).toBe(1)
  })

  it('still throws for unreadable files', () => {
    for (const f of ['empty.csv', 'binary.csv', 'truncated.csv.gz', 'ragged.csv', 'unclosed-quote.csv']) {
      expect(() => previewDataset(readFileSync(join(fixtures, 'bad', f)), f), f).toThrow(UserError)
    }
  })
})
