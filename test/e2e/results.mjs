// Results end to end: real runs trained by the real services (demo data, and synthetic data sets made by
// `ssae synth` for the size measurements), opened in Chromium: every chart drawn, tooltips, the
// biomarker table, Compare, every export, the offline report; timings printed (not asserted).

import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { ROOT, SCREENSHOTS, canvasInk, expect, settle, waitFor } from './lib.mjs'

const TERMINAL = ['done', 'failed', 'cancelled', 'interrupted']

function config(dataset, over = {}) {
  return {
    import: dataset.importOptions,
    preprocess: { log: true, center: true, scale: true },
    split: { mode: 'hidden', fraction: 0.4, seed: 7 },
    methods: ['ssae', 'fcnn', 'labelprop', 'labelspread'],
    seed: 7,
    backend: 'auto',
    network: { eta: 20, projection: 'l11', epochs: 2, batchSize: 8, lr: 1e-4, lambda: 0.0005, hidden: 300 },
    graph: { kernel: 'knn', neighbors: 7, gamma: 20, fit: 'transductive' },
    ...over
  }
}

async function waitRun(app, id, timeoutMs = 8 * 60_000) {
  const run = await waitFor(
    async () => {
      const r = (await app.api('runs.list', {})).find((x) => x.id === id)
      return r && TERMINAL.includes(r.status) ? r : null
    },
    { timeoutMs, intervalMs: 500, what: `run ${id} to finish` }
  )
  expect(run.status === 'done', `run ${id} ended ${run.status}: ${run.error}`)
  return run
}

/** A synthetic data set written by the real `ssae synth`, imported through the API like a user's file. */
async function importSynthetic(app, dir, { samples, features, seed }) {
  const file = join(dir, `synth_${samples}x${features}.csv`)
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'ssae.cjs'), 'synth', '--samples', String(samples), '--features', String(features), '--informative', '8', '--seed', String(seed), '--out', file], { encoding: 'utf8' })
  expect(r.status === 0, `ssae synth failed: ${r.stderr}`)
  const data = new Uint8Array(readFileSync(file))
  rmSync(file)
  const req = { fileName: `synth_${samples}x${features}.csv`, data, options: {} }
  try {
    return await app.api('datasets.import', req)
  } catch (e) {
    console.log(`    (import of ${req.fileName} failed once: ${e.message}; retrying)`)
    return app.api('datasets.import', req)
  }
}

async function openRunTab(page, tab) {
  await page.click(`[data-tab=${tab}]`)
  await settle(page)
}

/** Waits for a chart to finish rendering and returns its inked pixel count. */
async function chartInk(page, name) {
  const frame = `.v-window-item--active [data-chart="${name}"], [data-chart="${name}"]`
  await page.waitForSelector(`${frame.split(',')[0]}[data-rendered-ms], [data-chart="${name}"][data-rendered-ms]`, { timeout: 30_000 })
  return canvasInk(page, `[data-chart="${name}"] canvas`)
}

/** A page point on a drawn symbol of the given colours inside the chart (for hover). */
async function pointOnColour(page, selector, colours) {
  return page.$eval(
    selector,
    (c, cols) => {
      const ctx = c.getContext('2d')
      const { data, width, height } = ctx.getImageData(0, 0, c.width, c.height)
      const rect = c.getBoundingClientRect()
      const sx = rect.width / width
      const sy = rect.height / height
      const rgb = cols.map((h) => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)])
      const hits = []
      for (let y = 2; y < height - 2; y += 2)
        for (let x = 2; x < width - 2; x += 2) {
          const i = (y * width + x) * 4
          if (data[i + 3] < 250) continue
          if (rgb.some(([r, g, b]) => Math.abs(data[i] - r) < 12 && Math.abs(data[i + 1] - g) < 12 && Math.abs(data[i + 2] - b) < 12)) hits.push([x, y])
        }
      if (!hits.length) return null
      const [x, y] = hits[Math.floor(hits.length / 2)]
      return { x: rect.left + x * sx, y: rect.top + y * sy, hits: hits.length }
    },
    colours
  )
}

const CLASS_COLOURS = ['#0072B2', '#E69F00', '#009E73']

async function download(page, click) {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), click()])
  const path = await dl.path()
  return { name: dl.suggestedFilename(), text: readFileSync(path, 'utf8'), bytes: readFileSync(path) }
}

/** The whole of an element (the harness's page shots stop at the window), as test-results/screenshots/results-<name>.png. */
async function shotElement(page, selector, name) {
  mkdirSync(SCREENSHOTS, { recursive: true })
  await settle(page)
  await page.locator(selector).first().screenshot({ path: join(SCREENSHOTS, `results-${name}.png`) })
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

export default async function (t) {
  const app = await t.startApp()
  const dir = mkdtempSync(join(tmpdir(), 'ssae-results-'))
  t.cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  const figures = {}

  let runA, runB
  await t.step('real runs on the demo data: 4 methods, 2 epochs, hide 0.4 (two seeds for Compare)', async () => {
    const demo = await app.api('datasets.importDemo', {})
    runA = (await app.api('runs.start', { datasetId: demo.id, config: config(demo), label: 'demo A' })).id
    runB = (await app.api('runs.start', { datasetId: demo.id, config: config(demo, { seed: 8, network: { ...config(demo).network, eta: 40 } }), label: 'demo B' })).id
    await waitRun(app, runA)
    await waitRun(app, runB)
  })

  const page = await t.openPage(app, `/runs/${runA}`)

  await t.step('summary: metrics of every method side by side with confusion matrices', async () => {
    await page.waitForSelector('[data-test=run-title]')
    await page.waitForSelector('[data-test=metrics-table]')
    const heads = await page.$$eval('[data-test=metrics-table] thead th', (ths) => ths.map((th) => th.textContent.trim()))
    for (const m of ['SSAE', 'FCNN', 'LabelPropagation', 'LabelSpreading']) expect(heads.includes(m), `metrics header lacks ${m}: ${heads}`)
    const cms = await page.$$('.cm table')
    expect(cms.length === 4, `expected 4 confusion matrices, got ${cms.length}`)
    await t.screenshot(page, 'results-summary')
    await shotElement(page, '.v-window-item--active', 'full-summary')
  })

  await t.step('latent space: drawn, tooltip on hover with the sample, colour toggle', async () => {
    await openRunTab(page, 'latent')
    expect((await chartInk(page, 'latent')) > 2000, 'latent canvas is blank')
    const p = await pointOnColour(page, '[data-chart=latent] canvas', CLASS_COLOURS)
    expect(p, 'no class-coloured point found on the latent canvas')
    await page.mouse.move(p.x, p.y)
    const tip = await waitFor(async () => {
      const txt = await page.$eval('.ssae-tooltip', (el) => (getComputedStyle(el).display !== 'none' && getComputedStyle(el).opacity !== '0' ? el.textContent : '')).catch(() => '')
      return /predicted/.test(txt) ? txt : null
    }, { timeoutMs: 5000, what: 'the latent tooltip' })
    expect(/true: .* predicted: /.test(tip), `tooltip text: ${tip}`)
    await t.screenshot(page, 'results-latent-hover')
    await page.mouse.move(5, 5)
    // Brush: the "Select region" tool, then a drag over the middle of the plot lists the samples under it.
    await page.click('[data-test=brush-rect]')
    const box = await page.locator('[data-chart=latent] canvas').boundingBox()
    await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.15)
    await page.mouse.down()
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.6, { steps: 8 })
    await page.mouse.up()
    await page.waitForSelector('[data-test=brushed] tbody tr', { timeout: 5000 })
    const brushed = await page.textContent('[data-test=brushed] .text-subtitle-2')
    expect(/^\d+ samples in the selected region/.test(brushed.trim()), `brush summary: ${brushed}`)
    await t.screenshot(page, 'results-latent-brush')
    await page.click('[data-test=latent-color] button:has-text("Predicted class")')
    await settle(page)
    expect((await canvasInk(page, '[data-chart=latent] canvas')) > 2000, 'latent canvas blank after the colour toggle')
    // Dark theme: the chart is re-created with ECharts' dark theme and stays drawn.
    await page.click('[data-test=theme-toggle]')
    await page.waitForSelector('[data-chart=latent][data-rendered-ms]')
    await settle(page)
    expect((await canvasInk(page, '[data-chart=latent] canvas')) > 2000, 'latent canvas blank in the dark theme')
    await t.screenshot(page, 'results-latent-dark')
    await page.click('[data-test=theme-toggle]')
    await settle(page)
  })

  await t.step('confidence: per-method distributions and the least confident samples', async () => {
    await openRunTab(page, 'confidence')
    expect((await chartInk(page, 'confidence')) > 2000, 'confidence canvas is blank')
    const rows = await page.$$('[data-test=uncertain-table] tbody tr')
    expect(rows.length >= 5, `least-confident table has ${rows.length} rows`)
    await t.screenshot(page, 'results-confidence')
    await shotElement(page, '.v-window-item--active', 'full-confidence')
  })

  await t.step('biomarkers: bar chart, the table sorts and filters', async () => {
    await openRunTab(page, 'biomarkers')
    await page.waitForSelector('[data-test=feature-table] tbody tr')
    expect((await chartInk(page, 'biomarkers')) > 1000, 'biomarker bar chart is blank')
    const kept = await page.textContent('[data-test=kept-count]')
    expect(/features kept out of/.test(kept), kept)
    const col = async (i) => page.$$eval(`[data-test=feature-table] tbody tr td:nth-child(${i})`, (tds) => tds.map((td) => td.textContent.trim()))
    const ranks = (await col(1)).map(Number)
    expect(ranks.every((r, i) => i === 0 || r > ranks[i - 1]), `ranks not ascending: ${ranks.slice(0, 10)}`)
    await page.click('[data-test=feature-table] thead th:has-text("Weight norm")')
    await settle(page)
    const norms = (await col(3)).map(Number)
    expect(norms.length > 1 && norms.every((v, i) => i === 0 || v >= norms[i - 1]), `norms not sorted ascending after a click: ${norms.slice(0, 8)}`)
    const names = await col(2)
    const target = names[names.length - 1]
    await page.fill('[data-test=feature-search] input', target)
    await settle(page)
    const filtered = await col(2)
    expect(filtered.length >= 1 && filtered.every((n) => n.toLowerCase().includes(target.toLowerCase())), `filter "${target}" left ${filtered}`)
    await page.fill('[data-test=feature-search] input', '')
    await t.screenshot(page, 'results-biomarkers')
  })

  await t.step('weight map, training curves and ROC are drawn', async () => {
    await openRunTab(page, 'weights')
    expect((await chartInk(page, 'weights')) > 2000, 'weight map is blank')
    await t.screenshot(page, 'results-weights')
    await openRunTab(page, 'training')
    expect((await chartInk(page, 'loss-ssae')) > 1000, 'SSAE loss chart is blank')
    expect((await chartInk(page, 'loss-fcnn')) > 1000, 'FCNN loss chart is blank')
    await t.screenshot(page, 'results-training')
    await openRunTab(page, 'roc')
    expect((await chartInk(page, 'roc')) > 1000, 'ROC chart is blank')
    await t.screenshot(page, 'results-roc')
  })

  let reportHtml = ''
  await t.step('exports: features, predictions, dataset, report, and a chart as PNG and SVG', async () => {
    const viaMenu = async (channel) =>
      download(page, async () => {
        await page.click('[data-test=export-menu]')
        await page.click(`[data-export="${channel}"]`)
      })
    const features = await viaMenu('exports.features')
    const fHead = features.text.split(/\r?\n/)[0].toLowerCase()
    expect(/rank/.test(fHead) && /feature/.test(fHead) && /norm/.test(fHead), `features CSV header: ${fHead}`)
    const preds = await viaMenu('exports.predictions')
    const pHead = preds.text.split(/\r?\n/)[0].toLowerCase()
    expect(/sample/.test(pHead) && /predicted/.test(pHead), `predictions CSV header: ${pHead}`)
    const nPred = preds.text.trim().split(/\r?\n/).length - 1
    expect(nPred > 50, `predictions CSV has ${nPred} rows`)
    const ds = await viaMenu('exports.dataset')
    expect(ds.text.length > 1000 && /;/.test(ds.text.split(/\r?\n/)[0]), `dataset export (TIRO) starts: ${ds.text.slice(0, 80)}`)
    const report = await viaMenu('exports.report')
    reportHtml = report.text
    expect(report.name.endsWith('.html') && reportHtml.includes('<section id="latent">'), `report ${report.name}`)
    await openRunTab(page, 'roc')
    const png = await download(page, () => page.click('[data-export="roc-png"]'))
    expect(png.bytes.subarray(1, 4).toString() === 'PNG' && png.bytes.length > 5000, `PNG export ${png.name} (${png.bytes.length} bytes)`)
    const svg = await download(page, () => page.click('[data-export="roc-svg"]'))
    expect(svg.text.startsWith('<svg') && svg.text.includes('<path'), `SVG export ${svg.name}: ${svg.text.slice(0, 60)}`)
  })

  await t.step('the report opens offline and shows every figure', async () => {
    const file = join(dir, 'report.html')
    writeFileSync(file, reportHtml)
    const ctx = await t.browser()
    const rp = await ctx.newPage()
    const requests = []
    rp.on('request', (r) => {
      if (!r.url().startsWith('file:')) requests.push(r.url())
    })
    await rp.goto(pathToFileURL(file).href)
    const svgs = await rp.$$eval('figure svg', (list) => list.map((s) => s.getBoundingClientRect()).map((r) => r.width * r.height))
    expect(svgs.length >= 6 && svgs.every((a) => a > 10_000), `report figures: ${svgs}`)
    expect(requests.length === 0, `the report requested ${requests}`)
    expect(await rp.evaluate(() => document.scripts.length) === 0, 'the report has scripts')
    await t.screenshot(rp, 'results-report')
    await shotElement(rp, 'body', 'full-report')
    await rp.close()
  })

  await t.step('compare: two runs side by side', async () => {
    const cp = await t.openPage(app, `/compare?ids=${runA},${runB}`)
    await cp.waitForSelector('[data-test=compare-settings]', { timeout: 30_000 })
    const heads = await cp.$$eval('[data-test=compare-settings] thead th', (ths) => ths.map((th) => th.textContent.trim()))
    expect(heads.length === 3 && heads[1].includes(`#${runA}`) && heads[2].includes(`#${runB}`), `settings header ${heads}`)
    expect((await cp.$$('[data-test=compare-settings] tr.differs')).length >= 1, 'no highlighted difference')
    const latents = await cp.$$('[data-test=compare-latent] canvas')
    expect(latents.length === 2, `${latents.length} latent canvases`)
    await waitFor(async () => (await cp.$$('[data-test=compare-latent] [data-rendered-ms]')).length === 2, { what: 'both latent plots' })
    for (let i = 0; i < 2; i++) {
      const ink = await cp.$$eval('[data-test=compare-latent] canvas', (cs, k) => {
        const c = cs[k]
        const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height)
        let n = 0
        for (let j = 3; j < data.length; j += 4) if (data[j] > 0) n++
        return n
      }, i)
      expect(ink > 2000, `latent plot ${i + 1} is blank`)
    }
    expect((await cp.$$('[data-test=jaccard] tbody tr')).length === 2, 'Jaccard matrix is not 2 × 2')
    expect((await cp.$$('[data-test=compare-confidence] canvas')).length === 2, 'confidence plots missing')
    await t.screenshot(cp, 'results-compare')
    await shotElement(cp, '.v-container', 'full-compare')
    await cp.close()
  })

  let big, wide, many
  await t.step('real runs on synthetic data for the measurements (ssae synth → import → SSAE, 1–2 epochs)', async () => {
    const ssaeOnly = (ds, epochs, batchSize = 8) =>
      config(ds, { methods: ['ssae'], preprocess: { log: false, center: true, scale: true }, network: { ...config(ds).network, epochs, batchSize, eta: 10, lr: 1e-3 } })
    const dBig = await importSynthetic(app, dir, { samples: 1000, features: 10000, seed: 7 })
    const dWide = await importSynthetic(app, dir, { samples: 300, features: 15000, seed: 8 })
    const dMany = await importSynthetic(app, dir, { samples: 20000, features: 20, seed: 9 })
    big = (await app.api('runs.start', { datasetId: dBig.id, config: ssaeOnly(dBig, 1), label: '1000 × 10 000' })).id
    wide = (await app.api('runs.start', { datasetId: dWide.id, config: ssaeOnly(dWide, 2), label: '300 × 15 000' })).id
    many = (await app.api('runs.start', { datasetId: dMany.id, config: ssaeOnly(dMany, 1, 64), label: '20 000 samples' })).id
    await waitRun(app, big)
    await waitRun(app, wide)
    await waitRun(app, many)
  })

  await t.step('measure: first paint of a 1 000 × 10 000 run, heat map of 300 × 15 000, hover on 20 000 points', async () => {
    // Each figure is the median of 3 (the machine is shared; single timings are noisy).
    const cold = []
    const coldInPage = []
    const warm = []
    const heat = []
    const mp = await t.openPage(app, '/runs')
    // API calls in flight (the event stream aside): a full page load must not abort the page's own fetches.
    const inFlight = new Set()
    const isCall = (r) => r.url().includes('/api/call/')
    mp.on('request', (r) => isCall(r) && inFlight.add(r))
    mp.on('requestfinished', (r) => inFlight.delete(r))
    mp.on('requestfailed', (r) => inFlight.delete(r))
    const quiet = () => waitFor(async () => inFlight.size === 0, { intervalMs: 50, timeoutMs: 30_000, what: 'API calls to finish' })
    // The app drops the token from its address, so going to app.url + '#…' reloads the page: let the
    // page's own calls (background fetches included) finish first rather than abort them.
    const go = async (hash) => {
      await quiet()
      await mp.goto(app.url + hash)
    }
    for (let k = 0; k < 3; k++) {
      // Cold: a new tab straight onto the run (bundle, app start, runs.get, first paint).
      const np = await (await t.browser()).newPage()
      const npFlight = new Set()
      np.on('request', (r) => isCall(r) && npFlight.add(r))
      np.on('requestfinished', (r) => npFlight.delete(r))
      np.on('requestfailed', (r) => npFlight.delete(r))
      const t0 = Date.now()
      await np.goto(app.url + `#/runs/${big}`)
      await np.waitForSelector('[data-test=metrics-table]')
      cold.push(Date.now() - t0)
      // The same seen from the page: navigation start → the run page painted (a performance mark the page
      // sets in the frame after its render), first contentful paint, DOMContentLoaded.
      await np.waitForFunction(() => performance.getEntriesByName('ssae:run-page-painted').length > 0)
      const inPage = await np.evaluate(() => ({
        painted: Math.round(performance.getEntriesByName('ssae:run-page-painted').at(-1)?.startTime ?? -1),
        fcp: Math.round(performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1),
        domContentLoaded: Math.round(performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd ?? -1)
      }))
      coldInPage.push(inPage)
      await waitFor(async () => npFlight.size === 0, { intervalMs: 50, timeoutMs: 30_000, what: 'API calls to finish' })
      await np.close()
      // Warm: in-app navigation from another page (the app is loaded).
      await go('#/runs')
      await mp.waitForSelector('.v-app-bar')
      await settle(mp)
      warm.push(
        await mp.evaluate(async (id) => {
          const start = performance.now()
          location.hash = `#/runs/${id}`
          const marks = () => performance.getEntriesByName('ssae:run-page-painted').length
          const before = marks()
          while (marks() === before) await new Promise((r) => requestAnimationFrame(r))
          return Math.round(performance.getEntriesByName('ssae:run-page-painted').at(-1).startTime - start)
        }, big)
      )
      // Heat map 300 × 15 000 (400 columns asked): from the tab click to the drawn chart, in the page.
      await go(`#/runs/${wide}`)
      await mp.waitForSelector('[data-test=run-title]')
      await settle(mp)
      heat.push(
        await mp.evaluate(async () => {
          const start = performance.now()
          document.querySelector('[data-tab=weights]').click()
          while (!document.querySelector('[data-chart=weights][data-rendered-ms]')) await new Promise((r) => requestAnimationFrame(r))
          return Math.round(performance.now() - start)
        })
      )
      figures.heatmapRenderMs = Number(await mp.getAttribute('[data-chart=weights]', 'data-rendered-ms'))
      await go('#/runs')
    }
    figures.coldRunPageMs = { median: median(cold), all: cold, inPage: coldInPage }
    figures.coldRunPagePaintedMs = median(coldInPage.map((x) => x.painted))
    figures.warmRunPageMs = { median: median(warm), all: warm }
    figures.heatmapTabMs = { median: median(heat), all: heat }
    // The service side alone, for reference (HTTP + JSON included).
    let a0 = Date.now()
    await app.api('runs.get', { id: big })
    figures.runsGetBigApiMs = Date.now() - a0
    a0 = Date.now()
    await app.api('runs.weights', { id: wide, maxColumns: 400 })
    figures.runsWeightsWideApiMs = Date.now() - a0

    await go(`#/runs/${big}?tab=latent`)
    await chartInk(mp, 'latent')
    figures.bigLatentRenderMs = Number(await mp.getAttribute('[data-chart=latent]', 'data-rendered-ms'))
    await t.screenshot(mp, 'results-big-run')
    await go(`#/runs/${wide}?tab=weights`)
    await mp.waitForSelector('[data-chart=weights][data-rendered-ms]', { timeout: 60_000 })
    expect((await canvasInk(mp, '[data-chart=weights] canvas')) > 2000, 'wide heat map blank')
    await t.screenshot(mp, 'results-heatmap-15000')

    // Hover on 20 000 points: time from the mouse event to a tooltip showing the sample.
    await go(`#/runs/${many}?tab=latent`)
    await mp.waitForSelector('[data-chart=latent][data-rendered-ms]', { timeout: 60_000 })
    figures.scatter20kRenderMs = Number(await mp.getAttribute('[data-chart=latent]', 'data-rendered-ms'))
    await settle(mp)
    const lat = []
    for (let k = 0; k < 7; k++) {
      const p = await pointOnColour(mp, '[data-chart=latent] canvas', CLASS_COLOURS)
      expect(p, 'no point on the 20 000-sample scatter')
      const ms = await mp.evaluate(async ({ x, y, k }) => {
        const target = document.elementFromPoint(x + (k % 3) - 1, y + ((k * 2) % 3) - 1)
        const tip = () => document.querySelector('.ssae-tooltip')
        const before = tip()?.textContent ?? ''
        const start = performance.now()
        target.dispatchEvent(new MouseEvent('mousemove', { clientX: x + (k % 3) - 1, clientY: y + ((k * 2) % 3) - 1, bubbles: true }))
        for (;;) {
          const el = tip()
          if (el && getComputedStyle(el).display !== 'none' && /predicted/.test(el.textContent) && el.textContent !== before) break
          if (performance.now() - start > 3000) return -1
          await new Promise((r) => setTimeout(r, 0))
        }
        return performance.now() - start
      }, { ...p, k })
      if (ms >= 0) lat.push(ms)
      await mp.mouse.move(2, 2)
      await mp.waitForTimeout(100)
    }
    expect(lat.length >= 3, `tooltips appeared only ${lat.length} times of 7`)
    figures.hover20kMedianMs = Math.round(median(lat) * 10) / 10
    figures.hover20kMaxMs = Math.round(Math.max(...lat) * 10) / 10
    await mp.mouse.move(2, 2)
    const p = await pointOnColour(mp, '[data-chart=latent] canvas', CLASS_COLOURS)
    await mp.mouse.move(p.x, p.y)
    await mp.waitForTimeout(300)
    await t.screenshot(mp, 'results-scatter-20000')
    console.log(`    figures: ${JSON.stringify(figures)}`)
    writeFileSync(join(ROOT, 'test-results', 'results-figures.json'), JSON.stringify(figures, null, 2))
    await quiet()
    await mp.close()
  })
}
