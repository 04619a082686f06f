#!/usr/bin/env node
// The layer rule, enforced rather than hoped for (as VS Code does): each folder of src/ may import only
// downward. Run: `node scripts/check-layers.mjs` (exit 1 with one line per violation).

import { readFileSync, readdirSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

const IMPORT_RE = /(?:^|\n)\s*(?:import|export)\s+(type\s+)?(?:[^'"\n;]*?\s+from\s+)?['"]([^'"]+)['"]|(?:require|import)\(\s*['"]([^'"]+)['"]\s*\)/g
const DOM_RE = /\b(?:window|document|localStorage|sessionStorage|navigator)\s*\.\s*[a-zA-Z]/

/** What each layer may not import. `to` is a src-relative folder or a package name. */
export const RULES = [
  { layer: 'core', forbid: ['main', 'renderer', 'shared', 'cli', 'preload', 'electron', 'vue', 'vuetify', 'echarts', 'vue-echarts', 'better-sqlite3', 'vue-router'], dom: true },
  { layer: 'shared', forbid: ['main', 'renderer', 'cli', 'preload', 'electron', 'vue', 'vuetify', 'better-sqlite3', 'vue-router'], dom: true, coreTypesOnly: true },
  { layer: 'main', except: 'main/electron', forbid: ['renderer', 'cli', 'preload', 'electron', 'vue', 'vuetify', 'vue-router'], dom: true },
  { layer: 'main/electron', forbid: ['renderer', 'cli', 'preload', 'vue', 'vuetify'] },
  { layer: 'preload', forbid: ['main', 'renderer', 'cli', 'core', 'better-sqlite3', 'vue'], sharedOnly: true },
  { layer: 'renderer', forbid: ['main', 'cli', 'preload', 'electron', 'better-sqlite3', 'node:', 'fs', 'path', 'child_process', '@tensorflow/'], coreTypesOnly: true },
  { layer: 'cli', forbid: ['renderer', 'preload', 'electron', 'vue', 'vuetify'] }
]

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) walk(p, out)
    else if (/\.(ts|mts|cts|vue|js|mjs)$/.test(name) && !name.endsWith('.d.ts')) out.push(p)
  }
  return out
}

function layerOf(srcRel) {
  const parts = srcRel.split(sep)
  if (parts[0] === 'main' && parts[1] === 'electron') return 'main/electron'
  return parts[0]
}

/** Returns the violations as readable lines; an empty array means the layers hold. */
export function checkLayers(root) {
  const src = join(root, 'src')
  const problems = []
  for (const file of walk(src)) {
    const rel = relative(src, file)
    const layer = layerOf(rel)
    const rule = RULES.find((r) => r.layer === layer)
    if (!rule) continue
    const text = readFileSync(file, 'utf8')
    const lineOf = (index) => text.slice(0, index).split('\n').length
    for (const m of text.matchAll(IMPORT_RE)) {
      const typeOnly = Boolean(m[1])
      const spec = m[2] ?? m[3]
      const at = `src/${rel.split(sep).join('/')}:${lineOf(m.index + (m[0].startsWith('\n') ? 1 : 0))}`
      let target
      if (spec.startsWith('.')) {
        const abs = resolve(dirname(file), spec)
        const targetRel = relative(src, abs)
        if (targetRel.startsWith('..')) continue
        target = targetRel.split(sep).join('/')
        const tLayer = layerOf(targetRel)
        if (tLayer === layer) continue
        if (rule.coreTypesOnly && tLayer === 'core') {
          // core/types holds data shapes and constants (the paper preset), never computation.
          if (target !== 'core/types') problems.push(`${at}: ${layer} may import only core/types from core (found ${typeOnly ? 'type ' : ''}'${spec}')`)
          continue
        }
        if (rule.sharedOnly && tLayer !== 'shared') {
          problems.push(`${at}: ${layer} may import only from shared (found '${spec}')`)
          continue
        }
        const bad = rule.forbid.find((f) => tLayer === f || target.startsWith(f + '/'))
        if (bad) problems.push(`${at}: ${layer} must not import ${bad} ('${spec}')`)
        if (layer === 'main' && tLayer === 'main/electron') problems.push(`${at}: main must not import main/electron ('${spec}'); Electron stays in src/main/electron`)
      } else {
        const bad = rule.forbid.find((f) => spec === f || spec.startsWith(f.endsWith(':') || f.endsWith('/') ? f : f + '/'))
        if (bad) problems.push(`${at}: ${layer} must not import '${spec}'`)
      }
    }
    if (rule.dom && !file.endsWith('.vue')) {
      const code = text.replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '')
      const m = DOM_RE.exec(code)
      if (m) problems.push(`src/${rel.split(sep).join('/')}: ${layer} must not use the DOM ('${m[0]}')`)
    }
  }
  return problems
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
  const problems = checkLayers(root)
  if (problems.length) {
    console.error(`Layer check failed (${problems.length}):\n` + problems.join('\n'))
    process.exit(1)
  }
  console.log('Layer check: every import goes downward.')
}
