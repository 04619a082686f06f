// Weight-map aggregation, compare helpers and the per-OS data folder: pure functions on hand-made inputs.

import { describe, expect, it } from 'vitest'
import { buildWeightMap, columnNorms } from '../../../src/main/services/weightMap'
import { flattenSettings, jaccard } from '../../../src/main/services/compare'
import { defaultDataDir, defaultDbPath } from '../../../src/main/paths'

// 2 rows × 6 features; column norms: f0 0, f1 5, f2 1, f3 3, f4 0.5, f5 2.
const W = new Float32Array([0, 3, 1, 3, 0.5, 2, 0, 4, 0, 0, 0, 0])
const names = ['f0', 'f1', 'f2', 'f3', 'f4', 'f5']
const sel = (idx: number[]) => idx.map((index) => ({ index, feature: names[index], norm: 0 }))

describe('weight map', () => {
  it('computes column norms', () => {
    expect(Array.from(columnNorms(W, 2, 6))).toEqual([0, 5, 1, 3, 0.5, 2])
  })

  it('keeps every feature as a column when they fit, kept first, each group sorted by norm', () => {
    const m = buildWeightMap(W, 2, 6, names, sel([3, 1]), 400)
    expect(m.columns.map((c) => c.label)).toEqual(['f1', 'f3', 'f5', 'f2', 'f4', 'f0'])
    expect(m.columns.map((c) => c.kept)).toEqual([true, true, false, false, false, false])
    expect(m.values.slice(0, 6)).toEqual([3, 3, 2, 1, 0.5, 0])
    expect(m.maxAbs).toBe(4)
  })

  it('bins the dropped features (mean |w| per bin) to stay within maxColumns', () => {
    const m = buildWeightMap(W, 2, 6, names, sel([1]), 3)
    expect(m.columns.map((c) => [c.features, c.kept])).toEqual([[1, true], [2, false], [3, false]])
    expect(m.columns.map((c) => c.label)).toEqual(['f1', '#2–3 (2 features)', '#4–6 (3 features)'])
    // dropped by norm: f3, f5 | f2, f4, f0; row 0 |w|: (3 + 2) / 2 and (1 + 0.5 + 0) / 3
    expect(m.values.slice(0, 3)).toEqual([3, 2.5, 0.5])
  })

  it('bins the kept features too when there are more of them than columns', () => {
    const m = buildWeightMap(W, 2, 6, names, sel([1, 2, 3, 4, 5]), 3)
    expect(m.columns).toHaveLength(3)
    expect(m.columns.map((c) => c.kept)).toEqual([true, true, false])
    expect(m.columns.reduce((a, c) => a + c.features, 0)).toBe(6)
  })
})

describe('compare helpers', () => {
  it('flattens a configuration to dotted keys', () => {
    expect(flattenSettings({ a: 1, b: { c: 'x', d: [1, 2] }, e: undefined, f: null })).toEqual({ a: '1', 'b.c': 'x', 'b.d': '1, 2', f: '' })
  })
  it('computes Jaccard indices (two empty sets: 1)', () => {
    expect(jaccard(new Set(['a', 'b']), new Set(['b', 'c']))).toBeCloseTo(1 / 3, 12)
    expect(jaccard(new Set(), new Set())).toBe(1)
    expect(jaccard(new Set(['a']), new Set())).toBe(0)
  })
})

describe('data folder', () => {
  it('is the folder Electron’s userData gives for productName SSAE Studio, per OS; SSAE_DB overrides the database', () => {
    expect(defaultDataDir('SSAE Studio', {}, 'linux', '/home/ana')).toBe('/home/ana/.config/SSAE Studio')
    expect(defaultDataDir('SSAE Studio', { XDG_CONFIG_HOME: '/cfg' }, 'linux', '/home/ana')).toBe('/cfg/SSAE Studio')
    expect(defaultDataDir('SSAE Studio', {}, 'darwin', '/Users/ana')).toBe('/Users/ana/Library/Application Support/SSAE Studio')
    expect(defaultDataDir('SSAE Studio', { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, 'win32', 'C:\\Users\\ana')).toMatch(/^C:\\Users\\ana\\AppData\\Roaming.SSAE Studio$/)
    expect(defaultDbPath({ SSAE_DB: '/data/x.sqlite' })).toBe('/data/x.sqlite')
    expect(defaultDbPath({ XDG_CONFIG_HOME: '/cfg' })).toMatch(/ssae-studio\.sqlite$/)
  })
})
