// End-to-end harness: the real app (`ssae serve` on a temporary database, the built renderer in out/)
// driven in Debian's Chromium through playwright-core. Scenario files (test/e2e/*.mjs) export
// `default async function (t)`, where t is a Harness:
//
//   const app = await t.startApp()        // `node bin/ssae.cjs serve --port 0 --db <tmp>`; app.url, app.api(channel, req)
//   const page = await t.openPage(app)    // a fresh page on the app, page errors/console errors collected
//   await t.step('what it checks', async () => { … })   // counted pass/fail; a page error fails the step
//   await t.screenshot(page, 'name')      // test-results/screenshots/NN-name.png
//
// No mocks: the services, the SQLite store, the training worker processes and the browser are real.

import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots')
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync'
]

/** Browser console lines that are not failures: an API answer with a user error (422) is shown in the UI. */
const EXPECTED_CONSOLE = [/Failed to load resource: the server responded with a status of 422/]

let shotCounter = 0

function base64(bytes) {
  return Buffer.from(bytes).toString('base64')
}

/** Encodes like src/shared/codec.ts: Uint8Array → { $bytes }. */
function encode(value) {
  return JSON.stringify(value, (_k, v) => (v instanceof Uint8Array ? { $bytes: base64(v) } : v))
}

/** Starts `ssae serve` on a fresh temporary database and waits for the URL line. */
export async function startServe({ dbPath } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'ssae-e2e-'))
  const db = dbPath ?? join(dir, 'store.sqlite')
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'ssae.cjs'), 'serve', '--port', '0', '--db', db], {
    cwd: ROOT,
    env: { ...process.env, SSAE_DB: db },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let out = ''
  let err = ''
  child.stderr.on('data', (d) => (err += d))
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`ssae serve printed no URL within 30 s.\nstdout: ${out}\nstderr: ${err}`)), 30_000)
    child.stdout.on('data', (d) => {
      out += d
      const m = out.match(/http:\/\/127\.0\.0\.1:\d+\/\?token=[^\s]+/)
      if (m) {
        clearTimeout(timer)
        resolve(m[0])
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`ssae serve exited with ${code} before printing its URL.\nstdout: ${out}\nstderr: ${err}`))
    })
  })
  const u = new URL(url)
  const token = u.searchParams.get('token')
  const origin = u.origin
  async function api(channel, req = {}) {
    // Files go as raw bytes like the renderer sends them (no base64; up to 1 GB).
    const upload = (channel === 'datasets.preview' || channel === 'datasets.import') && req.data instanceof Uint8Array
    const res = await fetch(`${origin}/api/call/${channel}`, {
      method: 'POST',
      headers: upload
        ? {
            'Content-Type': 'application/octet-stream',
            Authorization: `Bearer ${token}`,
            'X-File-Name': encodeURIComponent(req.fileName ?? ''),
            'X-Import-Options': encodeURIComponent(JSON.stringify(req.options ?? {}))
          }
        : { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: upload ? req.data : encode(req)
    })
    const body = await res.json()
    if (!res.ok) throw Object.assign(new Error(body?.error?.message ?? `HTTP ${res.status}`), { status: res.status, apiError: body?.error })
    return body
  }
  async function stop() {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r))
      child.kill('SIGINT')
      const t = setTimeout(() => child.kill('SIGKILL'), 10_000)
      await exited
      clearTimeout(t)
    }
    rmSync(dir, { recursive: true, force: true })
  }
  return { url, origin, token, dbPath: db, api, stop, stderr: () => err }
}

export class Harness {
  constructor({ scenario }) {
    this.scenario = scenario
    this.passed = 0
    this.failed = 0
    this.failures = []
    this.cleanups = []
    this.pages = new Set()
    this.context = null
  }

  async browser() {
    if (!this.context) {
      const profile = mkdtempSync(join(tmpdir(), 'ssae-chromium-'))
      this.context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        headless: true,
        args: CHROMIUM_ARGS,
        viewport: { width: 1440, height: 1000 },
        deviceScaleFactor: 1
      })
      this.cleanups.push(async () => {
        await this.context.close()
        rmSync(profile, { recursive: true, force: true })
      })
    }
    return this.context
  }

  async startApp(opts) {
    const app = await startServe(opts)
    this.cleanups.push(() => app.stop())
    return app
  }

  /** A page on the app with its errors collected; `path` is a hash route such as '/runs'. */
  async openPage(app, path = '/') {
    const ctx = await this.browser()
    const page = await ctx.newPage()
    page.errorsSeen = []
    page.on('pageerror', (e) => page.errorsSeen.push(`page error: ${e.message}`))
    page.on('console', (m) => {
      if (m.type() !== 'error') return
      const text = m.text()
      if (EXPECTED_CONSOLE.some((re) => re.test(text))) return
      page.errorsSeen.push(`console error: ${text}`)
    })
    page.on('requestfailed', (r) => {
      const url = r.url()
      // An event stream closed by navigation is not a failure.
      if (url.includes('/api/events')) return
      page.errorsSeen.push(`request failed: ${url} (${r.failure()?.errorText})`)
    })
    this.pages.add(page)
    await page.goto(app.url.replace('/?', '/?') + (path === '/' ? '' : `#${path}`))
    await page.waitForSelector('.v-app-bar', { timeout: 20_000 })
    return page
  }

  async step(name, fn) {
    const t0 = Date.now()
    let error = null
    try {
      await fn()
    } catch (e) {
      error = e
    }
    const pageErrors = []
    for (const p of this.pages) {
      pageErrors.push(...p.errorsSeen)
      p.errorsSeen.length = 0
    }
    if (!error && pageErrors.length) error = new Error(pageErrors.join('\n'))
    const secs = ((Date.now() - t0) / 1000).toFixed(1)
    if (error) {
      this.failed++
      this.failures.push(`${this.scenario} › ${name}`)
      console.log(`  ✘ ${name} (${secs} s)\n    ${String(error.stack || error.message).split('\n').slice(0, 6).join('\n    ')}`)
      for (const p of this.pages) {
        if (!p.isClosed()) await this.screenshot(p, `FAILED-${name}`).catch(() => {})
      }
    } else {
      this.passed++
      console.log(`  ✔ ${name} (${secs} s)`)
    }
    return !error
  }

  async screenshot(page, name) {
    mkdirSync(SCREENSHOTS, { recursive: true })
    await settle(page)
    shotCounter++
    const file = join(SCREENSHOTS, `${String(shotCounter).padStart(2, '0')}-${name.replace(/[^a-zA-Z0-9_-]+/g, '-').slice(0, 60)}.png`)
    // Viewport shots: a full-page capture resizes the window and catches Vuetify's fixed layout mid-reflow.
    await page.screenshot({ path: file })
    return file
  }

  async close() {
    for (const c of this.cleanups.reverse()) {
      try {
        await c()
      } catch {
        /* best effort */
      }
    }
  }
}

/** Waits until no Vue/Vuetify transition is running, so a screenshot shows the settled screen. */
export async function settle(page) {
  await page.waitForFunction(
    () => !document.querySelector('[class*="-enter-active"], [class*="-leave-active"], .v-window--transitioning, .v-progress-linear--active .v-progress-linear__indeterminate'),
    null,
    { timeout: 10_000 }
  ).catch(() => {})
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))))
}

/** Throws with a readable message when the condition is false. */
export function expect(cond, message) {
  if (!cond) throw new Error(message)
}

/** Polls fn until it returns a truthy value (or throws the last error after timeoutMs). */
export async function waitFor(fn, { timeoutMs = 30_000, intervalMs = 200, what = 'condition' } = {}) {
  const end = Date.now() + timeoutMs
  let last
  while (Date.now() < end) {
    try {
      const v = await fn()
      if (v) return v
    } catch (e) {
      last = e
    }
    await new Promise((r) => setTimeout(r, intervalMs))
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${last.message}` : ''}`)
}

/** Counts non-blank pixels of a canvas (chart drawn?). */
export async function canvasInk(page, selector) {
  return page.$eval(selector, (c) => {
    const ctx = c.getContext('2d')
    const { data } = ctx.getImageData(0, 0, c.width, c.height)
    let ink = 0
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) ink++
    return ink
  })
}
