// The layer rule holds for the real tree, and the checker really catches a violation.
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
// @ts-expect-error plain ESM script without types
import { checkLayers } from '../../../scripts/check-layers.mjs'

const tmp = mkdtempSync(join(tmpdir(), 'layers-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmp, 't-'))
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  return root
}

describe('layer boundaries', () => {
  it('hold in this repository', () => {
    expect(checkLayers(resolve(__dirname, '../../..'))).toEqual([])
  })

  it.each([
    ['src/core/a.ts', "import { ipcMain } from 'electron'", "core must not import 'electron'"],
    ['src/core/a.ts', "import Database from 'better-sqlite3'", "core must not import 'better-sqlite3'"],
    ['src/core/a.ts', "import { ref } from 'vue'", "core must not import 'vue'"],
    ['src/core/a.ts', "import { x } from '../main/services'", 'core must not import main'],
    ['src/core/a.ts', "import { x } from '../renderer/App'", 'core must not import renderer'],
    ['src/core/a.ts', 'export const w = window.innerWidth', 'core must not use the DOM'],
    ['src/main/store/a.ts', "import { app } from 'electron'", "main must not import 'electron'"],
    ['src/renderer/a.ts', "import { parseDataset } from '../core/dataset'", 'renderer may import only core/types from core'],
    ['src/preload/a.ts', "import { x } from '../main/services'", 'preload may import only from shared']
  ])('%s with %s is refused', (path, code, message) => {
    const root = tree({ [path]: code + '\n' })
    const problems = checkLayers(root)
    expect(problems.join('\n')).toContain(message)
  })

  it('allows Electron in src/main/electron and type imports of core/types in the renderer', () => {
    const root = tree({
      'src/main/electron/main.ts': "import { app } from 'electron'\nimport { x } from '../services'\n",
      'src/renderer/a.ts': "import type { Dataset } from '../core/types'\n",
      'src/core/types.ts': 'export interface Dataset {}\n'
    })
    expect(checkLayers(root)).toEqual([])
  })
})
