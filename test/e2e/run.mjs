#!/usr/bin/env node
// Runs every scenario file in test/e2e/ (all *.mjs except lib.mjs and run.mjs) against the built app.
// Builds first when out/ is missing. Prints "N passed, N failed", writes test-results/e2e.json and exits
// non-zero on any failure. `node test/e2e/run.mjs app` runs only app.mjs.

import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Harness, ROOT, SCREENSHOTS } from './lib.mjs'

const dir = join(ROOT, 'test', 'e2e')
const only = process.argv.slice(2)
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.mjs') && f !== 'lib.mjs' && f !== 'run.mjs')
  .filter((f) => !only.length || only.includes(f.replace(/\.mjs$/, '')))
  .sort()

if (!existsSync(join(ROOT, 'out', 'renderer', 'index.html')) || !existsSync(join(ROOT, 'out', 'main', 'cli.js'))) {
  console.log('Building the app (out/ is missing)…')
  const r = spawnSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: 'inherit' })
  if (r.status !== 0) {
    console.log('0 passed, 1 failed')
    process.exit(1)
  }
}

if (!only.length) rmSync(SCREENSHOTS, { recursive: true, force: true })
mkdirSync(SCREENSHOTS, { recursive: true })

let passed = 0
let failed = 0
const failures = []
const t0 = Date.now()
for (const f of files) {
  console.log(`\n● ${f}`)
  const h = new Harness({ scenario: f })
  try {
    const mod = await import(pathToFileURL(join(dir, f)).href)
    await mod.default(h)
  } catch (e) {
    h.failed++
    h.failures.push(`${f} (crashed)`)
    console.log(`  ✘ scenario crashed: ${String(e?.stack || e).split('\n').slice(0, 8).join('\n    ')}`)
  } finally {
    await h.close()
  }
  passed += h.passed
  failed += h.failed
  failures.push(...h.failures)
}

mkdirSync(join(ROOT, 'test-results'), { recursive: true })
writeFileSync(join(ROOT, 'test-results', 'e2e.json'), JSON.stringify({ passed, failed, failures, seconds: (Date.now() - t0) / 1000 }, null, 2))
if (failures.length) console.log(`\nFailed:\n  ${failures.join('\n  ')}`)
console.log(`\n${passed} passed, ${failed} failed`)
process.exit(failed > 0 ? 1 : 0)
