// The HTML report of a real small run: every section, inline SVG figures, nothing fetched or run.
import { beforeAll, describe, expect, it } from 'vitest'
import { renderReport } from '../../../src/main/report'
import { realRun, type RealRun } from './realRun'

let bench: RealRun
let given: RealRun
let html: string
beforeAll(async () => {
  bench = await realRun({ n: 90, d: 40, k: 2 })
  given = await realRun({ n: 60, d: 20, k: 3, split: { mode: 'given' }, unlabelledEvery: 4, seed: 9 })
  html = renderReport({ detail: bench.detail, weights: bench.weights, features: bench.features })
})

describe('renderReport', () => {
  it('has every section of a benchmark run', () => {
    for (const id of ['dataset', 'settings', 'metrics', 'latent', 'confidence', 'biomarkers', 'weights', 'training', 'roc', 'software'])
      expect(html).toContain(`<section id="${id}">`)
    expect(html).toMatch(/^<!doctype html>/)
    expect(html).toContain('Confusion matrices')
    expect(html).toContain('Least confident predictions')
  })

  it('is self-contained: no URL, no script, figures as inline SVG', () => {
    expect(html).not.toMatch(/https?:\/\//)
    expect(html).not.toMatch(/<script/i)
    expect(html).not.toMatch(/<link\b/i)
    expect(html).not.toMatch(/<img\b/i)
    const svgs = html.match(/<svg\b/g) ?? []
    // latent, confidence, biomarker bar, weight map, SSAE loss, FCNN loss, ROC
    expect(svgs.length).toBe(7)
    expect(html).not.toContain('NaN')
  })

  it('reports the numbers of the run', () => {
    const d = bench.detail
    expect(html).toContain(d.datasetHash)
    expect(html).toContain(`SSAE Studio</th><td>${d.appVersion}`)
    expect(html).toContain(`Node.js</th><td>${process.versions.node}`)
    const acc = `${(d.methods.ssae!.metrics!.accuracy * 100).toFixed(2)} %`
    expect(html).toContain(acc)
    expect(html).toContain(`<b>${bench.features.length}</b> features kept out of <b>${d.dataset.nFeatures}</b>`)
    for (const f of bench.features.slice(0, 5)) expect(html).toContain(`<td>${f.feature}</td>`)
    for (const line of d.differsFromPaper) expect(html).toContain(line.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'))
  })

  it('escapes text from the user', () => {
    expect(html).toContain('run #1 “test &lt;run&gt;”')
    expect(html).not.toContain('test <run>')
  })

  it('says plainly when no truth is known, and still shows the figures', () => {
    const out = renderReport({ detail: given.detail, weights: null, features: given.features })
    expect(given.detail.methods.ssae!.metrics).toBeNull()
    expect(out).toContain('cannot be computed')
    expect(out).not.toContain('<section id="roc">')
    expect(out).not.toContain('<section id="weights">')
    expect(out).toContain('<section id="latent">')
    expect(out).toContain('first two principal components')
    expect(out).not.toMatch(/https?:\/\//)
  })
})
