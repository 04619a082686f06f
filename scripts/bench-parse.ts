// Parse speed and memory for a 1443 × 14369 matrix (the paper's IPF set size), both orientations.
// Run: npx tsx scripts/bench-parse.ts [rows|columns|both]. Each file is parsed in a fresh child process so
// that its peak RSS (resourceUsage().maxRSS) measures the parse, not the generation of the file.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseDataset } from '../src/core/dataset'

const N = 1443
const D = 14369
const which = process.argv[2] ?? 'both'

/** Deterministic pseudo-random values written like an instrument export (7 significant digits). */
function makeFile(orientation: 'rows' | 'columns'): Buffer {
  let seed = 7
  const rnd = () => {
    seed = (seed * 16807) % 2147483647
    return seed / 2147483647
  }
  const value = () => (rnd() * 5000).toPrecision(7)
  const parts: Buffer[] = []
  if (orientation === 'rows') {
    const header = ['sample', 'label']
    for (let j = 0; j < D; j++) header.push(`gene_${j}`)
    parts.push(Buffer.from(header.join(',') + '\n'))
    for (let i = 0; i < N; i++) {
      const row = new Array<string>(D + 2)
      row[0] = `S${String(i).padStart(5, '0')}`
      row[1] = i % 3 === 0 ? '' : String(1 + (i % 2))
      for (let j = 0; j < D; j++) row[j + 2] = value()
      parts.push(Buffer.from(row.join(',') + '\n'))
    }
  } else {
    const ids = ['Name']
    for (let i = 0; i < N; i++) ids.push(`S${i}`)
    parts.push(Buffer.from(ids.join(';') + '\r\n'))
    const labels = ['Label']
    for (let i = 0; i < N; i++) labels.push(String(1 + (i % 2)))
    parts.push(Buffer.from(labels.join(';') + '\r\n'))
    for (let j = 0; j < D; j++) {
      const row = new Array<string>(N + 1)
      row[0] = `gene_${j}`
      for (let i = 0; i < N; i++) row[i + 1] = value().replace('.', ',')
      parts.push(Buffer.from(row.join(';') + '\r\n'))
    }
  }
  return Buffer.concat(parts)
}

const mb = (bytes: number) => (bytes / 1e6).toFixed(0)

/** Child process: read the file, parse it, report time and the RSS high-water mark above the loaded file. */
function child(path: string, name: string): void {
  const bytes = readFileSync(path)
  ;(globalThis as { gc?: () => void }).gc?.()
  const rssBefore = process.memoryUsage().rss
  const t0 = performance.now()
  const ds = parseDataset(bytes, name)
  const seconds = (performance.now() - t0) / 1000
  const peak = process.resourceUsage().maxRSS * 1024
  const matrix = ds.X.byteLength
  console.log(`  ${ds.nSamples} × ${ds.nFeatures}, format ${ds.format}, file ${mb(bytes.length)} MB`)
  console.log(`  parse ${seconds.toFixed(2)} s; float32 matrix ${mb(matrix)} MB (budget: < 4 × = ${mb(4 * matrix)} MB extra)`)
  console.log(`  RSS with the file loaded ${mb(rssBefore)} MB; peak RSS ${mb(peak)} MB → peak extra ${mb(peak - rssBefore)} MB = ${((peak - rssBefore) / matrix).toFixed(2)} × the matrix`)
}

if (process.argv[2] === '--child') {
  child(process.argv[3], process.argv[4])
} else {
  const dir = mkdtempSync(join(tmpdir(), 'bench-parse-'))
  try {
    for (const orientation of ['rows', 'columns'] as const) {
      if (which !== 'both' && which !== orientation) continue
      const name = orientation === 'rows' ? 'bench.csv' : 'bench.tiro.csv'
      const path = join(dir, name)
      writeFileSync(path, makeFile(orientation))
      console.log(orientation === 'rows' ? 'samples as rows (CSV, "," decimal point, LF):' : 'samples as columns (TIRO: ";", decimal comma, CRLF):')
      const run = spawnSync(process.execPath, [...process.execArgv, '--expose-gc', fileURLToPath(import.meta.url), '--child', path, name], { stdio: 'inherit' })
      if (run.status !== 0) process.exitCode = 1
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
