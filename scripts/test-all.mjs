#!/usr/bin/env node
// `npm test`: everything a change must pass, in order of cost: the layer rule, types, unit tests,
// the build, then the real renderer end to end in Chromium. Ends with one line "N passed, N failed".

import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const only = process.argv.slice(2)
let passed = 0
let failed = 0
const failures = []
mkdirSync(join(root, 'test-results'), { recursive: true })

function step(name, cmd, args, count) {
  if (only.length && !only.includes(name)) return
  const t0 = Date.now()
  console.log(`\n▶ ${name}: ${[cmd, ...args].join(' ')}`)
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : '1' } })
  const ok = r.status === 0
  const counted = count?.()
  if (counted) {
    passed += counted.passed
    failed += counted.failed
  } else if (ok) passed += 1
  else failed += 1
  if (!ok) failures.push(name)
  console.log(`${ok ? '✔' : '✘'} ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`)
}

function vitestCounts() {
  const f = join(root, 'test-results', 'vitest.json')
  if (!existsSync(f)) return null
  const j = JSON.parse(readFileSync(f, 'utf8'))
  return { passed: j.numPassedTests ?? 0, failed: (j.numFailedTests ?? 0) + (j.numFailedTestSuites ?? 0) }
}

function e2eCounts() {
  const f = join(root, 'test-results', 'e2e.json')
  if (!existsSync(f)) return null
  const j = JSON.parse(readFileSync(f, 'utf8'))
  return { passed: j.passed ?? 0, failed: j.failed ?? 0 }
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx'
step('layers', process.execPath, ['scripts/check-layers.mjs'])
step('typecheck', npx, ['tsc', '--noEmit', '-p', 'tsconfig.node.json'])
step('typecheck-web', npx, ['vue-tsc', '--noEmit', '-p', 'tsconfig.web.json'])
step('unit', npx, ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/vitest.json'], vitestCounts)
step('build', npx, ['electron-vite', 'build'])
step('e2e', process.execPath, ['test/e2e/run.mjs'], e2eCounts)

if (failures.length) console.log(`\nFailed: ${failures.join(', ')}`)
console.log(`\n${passed} passed, ${failed} failed`)
process.exit(failed > 0 || failures.length ? 1 : 0)
