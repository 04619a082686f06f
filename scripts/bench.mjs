#!/usr/bin/env node
// `npm run bench`: every benchmark in turn (minutes, not seconds: never part of `npm test`).
// Pass names to run a subset: `npm run bench -- epoch paper`.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const all = ['parse', 'projection', 'graph', 'epoch', 'paper', 'store']
const wanted = process.argv.slice(2).length ? process.argv.slice(2) : all
for (const name of wanted) {
  const file = join(root, 'scripts', `bench-${name}.ts`)
  if (!existsSync(file)) {
    console.error(`no benchmark named ${name} (have: ${all.join(', ')})`)
    process.exitCode = 1
    continue
  }
  console.log(`\n=== bench-${name} ===`)
  const r = spawnSync(process.execPath, ['--import', 'tsx', file], { cwd: root, stdio: 'inherit' })
  if (r.status !== 0) process.exitCode = 1
}
