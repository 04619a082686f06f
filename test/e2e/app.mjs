// The desktop app's main path in a real browser against `ssae serve`: first start, a malformed file, the
// breast dataset through the import wizard, preprocessing, 40 % hidden, a short SSAE + LabelProp run with
// live progress, the run in Runs, a second run cancelled, and the demo card on a fresh store.

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT, canvasInk, expect, waitFor } from './lib.mjs'

const BREAST = join(ROOT, 'resources', 'demo', 'breast_GC_D_MB.tiro.csv.gz')

export default async function (t) {
  const app = await t.startApp()
  const page = await t.openPage(app)
  let datasetId = null
  let firstRun = null

  await t.step('first start shows the welcome card and a titled page', async () => {
    await page.waitForSelector('[data-test=welcome-card]')
    await page.getByText('Try with demo data').waitFor()
    expect((await page.title()) === 'Datasets — SSAE Studio', `title was "${await page.title()}"`)
    await t.screenshot(page, 'welcome')
  })

  await t.step('keyboard: the skip link is the first tab stop and moves focus to the content', async () => {
    await page.keyboard.press('Tab')
    const active = await page.evaluate(() => document.activeElement?.className ?? '')
    expect(active.includes('skip-link'), `first tab stop was "${active}"`)
    await page.keyboard.press('Enter')
    const id = await page.evaluate(() => document.activeElement?.id)
    expect(id === 'main-content', `focus went to "${id}"`)
  })

  await t.step('a malformed file shows its error with line and column, and nothing is stored', async () => {
    await page.click('[data-test=import-own]')
    await page.waitForSelector('[data-test=file-drop]')
    expect((await page.title()) === 'Import dataset — SSAE Studio', `title was "${await page.title()}"`)
    const bad = 'sample,label,f1,f2\ns1,A,1.0,2.0\ns2,B,1.5\ns3,A,1,2\n'
    await page.setInputFiles('[data-test=file-input]', { name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) })
    await page.waitForSelector('[data-test=error-alert]')
    const msg = await page.textContent('[data-test=error-message]')
    const pos = await page.textContent('[data-test=error-position]')
    expect(/line 3/.test(pos) && /column 4/.test(pos), `position chip was "${pos}"`)
    expect(/3 fields/.test(msg), `message was "${msg}"`)
    expect((await app.api('datasets.list')).length === 0, 'a dataset was stored after a parse error')
    await t.screenshot(page, 'import-error')
  })

  await t.step('import the breast dataset: preview, orientation with its reason, labels, import', async () => {
    await page.setInputFiles('[data-test=file-input]', { name: 'breast_GC_D_MB.tiro.csv.gz', mimeType: 'application/gzip', buffer: readFileSync(BREAST) })
    await page.waitForSelector('[data-test=orientation-reason]', { state: 'visible' })
    const reason = await page.textContent('[data-test=orientation-reason]')
    expect(/columns/i.test(reason), `orientation reason: "${reason}"`)
    const shape = await page.textContent('[data-test=preview-shape]')
    expect(/\d+ samples × \d+ features/.test(shape), `shape: "${shape}"`)
    await page.waitForSelector('[data-test=preview-table] tbody tr')
    await t.screenshot(page, 'import-preview')
    await page.click('[data-test=tab-raw]')
    await page.waitForSelector('[data-test=raw-table]')
    await page.click('[data-test=tab-read]')
    // Switching the orientation re-reads the file; switching back restores the guess.
    await page.click('[data-test=orientation-rows]')
    await waitFor(async () => !(await page.isVisible('.v-progress-linear--active')), { what: 'the re-preview' })
    await page.click('[data-test=orientation-columns]')
    await waitFor(async () => /\b\d+ samples/.test(await page.textContent('[data-test=preview-shape]')) && /columns/i.test(await page.textContent('[data-test=orientation-reason]')), { what: 'the columns preview again' })
    await page.click('[data-test=confirm-orientation]')
    await page.waitForSelector('[data-test=class-chips]', { state: 'visible' })
    const chips = await page.textContent('[data-test=class-chips]')
    expect(/unlabelled/.test(chips), `class chips: "${chips}"`)
    await t.screenshot(page, 'import-labels')
    await page.click('[data-test=confirm-labels]')
    await page.waitForSelector('[data-test=do-import]', { state: 'visible' })
    await t.screenshot(page, 'import-missing')
    await page.click('[data-test=do-import]')
    await page.waitForSelector('[data-test=import-done]')
    const list = await app.api('datasets.list')
    expect(list.length === 1, `datasets after import: ${list.length}`)
    datasetId = list[0].id
    await t.screenshot(page, 'import-done')
  })

  await t.step('preprocess step shows the recommendation and before/after histograms', async () => {
    await page.click('[data-test=continue-analysis]')
    await page.waitForSelector('[data-test=recommendation]')
    await waitFor(async () => (await page.$$('canvas')).length >= 2, { what: 'two histogram canvases' })
    await waitFor(async () => (await canvasInk(page, '.histogram canvas')) > 500, { what: 'ink in the histogram' })
    expect((await page.title()) === 'New analysis — SSAE Studio', `title was "${await page.title()}"`)
    await page.click('[data-test=pre-log] input')
    await page.click('[data-test=pre-log] input')
    await t.screenshot(page, 'preprocess')
    await page.click('[data-test=preprocess-next]')
  })

  await t.step('labels step: hide 40 % (stratified) and see the class counts', async () => {
    await page.click('[data-test=mode-hidden] input')
    await page.waitForSelector('[data-test=fraction-value]')
    expect((await page.textContent('[data-test=fraction-value]')).trim() === '40 %', 'default fraction is not 40 %')
    await waitFor(async () => (await page.$$('[data-test=split-table] tbody tr')).length >= 3, { what: 'split table rows' })
    await waitFor(async () => page.isEnabled('[data-test=labels-next]'), { what: 'labels step valid' })
    const table = await page.textContent('[data-test=split-table]')
    expect(/Total/.test(table), 'no totals row')
    await t.screenshot(page, 'labels')
    await page.click('[data-test=labels-next]')
  })

  await t.step('training step: SSAE + LabelProp, 2 epochs, start, live progress, done', async () => {
    await page.waitForSelector('[data-test=start-run]', { state: 'visible' })
    expect(await page.isChecked('[data-test=method-ssae] input'), 'SSAE not checked by default')
    expect(await page.isChecked('[data-test=method-labelprop] input'), 'LabelProp not checked by default')
    expect(!(await page.isChecked('[data-test=method-fcnn] input')), 'FCNN checked')
    await page.click('[data-test=advanced-toggle]')
    await page.fill('[data-test=field-epochs] input', '0')
    await waitFor(async () => /whole number/i.test(await page.textContent('[data-test=advanced]')), { what: 'the epochs validation message' })
    expect(await page.isDisabled('[data-test=start-run]'), 'Start enabled with 0 epochs')
    await page.fill('[data-test=field-epochs] input', '3')
    await page.fill('[data-test=run-label] input', 'e2e quick run')
    await t.screenshot(page, 'training-settings')
    await page.click('[data-test=start-run]')
    await page.waitForSelector('[data-test=live-run]')
    await waitFor(async () => /\d+ \/ 3/.test(await page.textContent('[data-test=live-epoch]')) || (await page.getAttribute('[data-test=live-run]', 'data-status')) === 'done', { timeoutMs: 120_000, what: 'an epoch counter' })
    await waitFor(async () => (await page.getAttribute('[data-test=live-run]', 'data-status')) === 'done', { timeoutMs: 180_000, what: 'the run to finish' })
    await page.waitForSelector('[data-test=loss-chart] canvas')
    await waitFor(async () => (await canvasInk(page, '[data-test=loss-chart] canvas')) > 500, { what: 'a drawn loss curve' })
    await t.screenshot(page, 'live-done')
    const runs = await app.api('runs.list')
    expect(runs.length === 1 && runs[0].status === 'done', `runs: ${JSON.stringify(runs.map((r) => r.status))}`)
    firstRun = runs[0]
  })

  await t.step('the finished run is in Runs with its metrics', async () => {
    await page.click('[data-test=see-runs]')
    await page.waitForSelector(`[data-test=run-status-${firstRun.id}]`)
    expect((await page.textContent(`[data-test=run-status-${firstRun.id}]`)).trim() === 'done', 'status chip is not done')
    const row = await page.textContent('[data-test=runs-table] tbody')
    expect(/acc \d/.test(row), `no accuracy shown: "${row.slice(0, 200)}"`)
    expect((await page.title()) === 'Runs — SSAE Studio', `title was "${await page.title()}"`)
    await t.screenshot(page, 'runs-done')
  })

  await t.step('a second, long run is cancelled from the live view and marked cancelled', async () => {
    await page.goto(`${app.origin}/#/new?dataset=${datasetId}`)
    await page.waitForSelector('[data-test=preprocess-next]', { state: 'visible' })
    await page.click('[data-test=preprocess-next]')
    await waitFor(async () => page.isEnabled('[data-test=labels-next]'), { what: 'labels step valid' })
    await page.click('[data-test=labels-next]')
    await page.click('[data-test=advanced-toggle]')
    await page.fill('[data-test=field-epochs] input', '5000')
    await page.click('[data-test=start-run]')
    await page.waitForSelector('[data-test=cancel-run]')
    await waitFor(async () => /\d+ \/ 5000/.test(await page.textContent('[data-test=live-epoch]')), { timeoutMs: 120_000, what: 'training to be under way' })
    await t.screenshot(page, 'live-running')
    await page.click('[data-test=cancel-run]')
    await waitFor(async () => (await page.getAttribute('[data-test=live-run]', 'data-status')) === 'cancelled', { timeoutMs: 30_000, what: 'the cancelled status' })
    await t.screenshot(page, 'live-cancelled')
    const runs = await app.api('runs.list')
    const second = runs.find((r) => r.id !== firstRun.id)
    expect(second?.status === 'cancelled', `second run status: ${second?.status}`)
    await page.click('[data-test=see-runs]')
    await page.waitForSelector(`[data-test=run-status-${second.id}]`)
    expect((await page.textContent(`[data-test=run-status-${second.id}]`)).trim() === 'cancelled', 'Runs does not show cancelled')
    await t.screenshot(page, 'runs-cancelled')
  })

  await t.step('dark theme toggles and persists across a reload', async () => {
    await page.click('[data-test=theme-toggle]')
    await waitFor(async () => page.$('.v-theme--dark.v-application'), { what: 'dark theme' })
    await page.reload()
    await page.waitForSelector('.v-theme--dark.v-application')
    await page.waitForSelector('[data-test=runs-table]')
    await t.screenshot(page, 'runs-dark')
    await page.click('[data-test=theme-toggle]')
    await page.waitForSelector('.v-theme--light.v-application')
  })

  await t.step('first start on a fresh store: "Try with demo data" leads to the wizard with it selected', async () => {
    const fresh = await t.startApp()
    const p2 = await t.openPage(fresh)
    await p2.click('[data-test=try-demo]')
    await p2.waitForSelector('[data-test=recommendation]', { timeout: 60_000 })
    const subtitle = await p2.textContent('.page-subtitle')
    expect(/breast/i.test(subtitle), `subtitle: "${subtitle}"`)
    expect((await fresh.api('datasets.list')).length === 1, 'demo not stored')
    await t.screenshot(p2, 'demo-wizard')
    await p2.close()
  })
}
