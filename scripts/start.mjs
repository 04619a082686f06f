#!/usr/bin/env node
// `npm start`: build, make sure the Electron binary is there, make sure better-sqlite3 is built for
// Electron, then launch the desktop app.
//
// better-sqlite3 is a native module, and Node and Electron need different builds of it (different ABIs):
// the CLI and the tests use the Node build, the app the Electron build. Both are kept side by side under
// node_modules/.cache/ssae-better-sqlite3/; this script puts the Electron build in place while the app runs and puts the
// Node build back when it exits (if the script is killed, `npm run rebuild:node` or the next
// `npm start` restores it).

import { spawn, spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx'
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const electronDir = join(root, 'node_modules', 'electron')
const electronVersion = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version
const nativeFile = join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node')
const cacheRoot = join(root, 'node_modules', '.cache', 'ssae-better-sqlite3')
const nodeCopy = join(cacheRoot, `node-${process.versions.modules}`, 'better_sqlite3.node')
const electronCopy = join(cacheRoot, `electron-${electronVersion}`, 'better_sqlite3.node')

function fail(message) {
  console.error(`\n${message}\n`)
  process.exit(1)
}

/** Where the desktop shell cannot start, the same app opens in the browser (127.0.0.1, a token per start). */
function openInBrowser(reason) {
  console.log(`\n${reason}\nOpening SSAE Studio in your browser instead: same features, same data (Ctrl+C to stop).\n`)
  const child = spawn(process.execPath, [join(root, 'bin', 'ssae.cjs'), 'serve', '--open'], { cwd: root, stdio: 'inherit' })
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig))
  child.on('exit', (code) => process.exit(code ?? 0))
}

function run(cmd, args) {
  return spawnSync(cmd, args, { cwd: root, stdio: 'inherit' }).status === 0
}

function copy(from, to) {
  mkdirSync(dirname(to), { recursive: true })
  copyFileSync(from, to)
}

/** Does the module in place load in this Node? (true = it is the Node build) */
function loadsInNode() {
  const r = spawnSync(process.execPath, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], { cwd: root, stdio: 'ignore' })
  return r.status === 0
}

function electronBinary() {
  const pathFile = join(electronDir, 'path.txt')
  if (!existsSync(pathFile)) return null
  const full = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(full) ? full : null
}

// 1. Build main, preload, renderer, worker and CLI.
if (!run(npx, ['electron-vite', 'build'])) fail('The build failed (see above).')

// 2. The Electron binary (downloaded from GitHub on first start; npm install does not fetch it).
let electron = electronBinary()
if (!electron) {
  console.log(`Downloading Electron ${electronVersion} (first start only)…`)
  const r = spawnSync(process.execPath, [join(electronDir, 'install.js')], { cwd: root, encoding: 'utf8' })
  electron = electronBinary()
  const why = `${r.stderr ?? ''}`.split('\n').find((l) => /error|fail/i.test(l))
  if (!electron && why) console.log(`  ${why.trim()}`)
}
if (!electron) {
  openInBrowser('The Electron binary could not be downloaded (no internet access?); `npm start` will try again next time.')
} else {
  launchDesktop(electron)
}

function launchDesktop(electron) {
  // 3. better-sqlite3 built for Electron.
  if (loadsInNode()) copy(nativeFile, nodeCopy) // keep the Node build to put back afterwards
  if (existsSync(electronCopy)) {
    copy(electronCopy, nativeFile)
  } else {
    console.log(`Building better-sqlite3 for Electron ${electronVersion} (first start only, about 2 minutes)…`)
    const ok = run(npm, ['run', 'rebuild:electron'])
    // A rebuild that still loads in plain Node was compiled against Node's headers (npm's nodedir setting
    // points at a Node install), so it would crash inside Electron: refuse it rather than launch.
    if (!ok || loadsInNode()) {
      if (existsSync(nodeCopy)) copy(nodeCopy, nativeFile)
      openInBrowser(
        'better-sqlite3 could not be built for Electron' +
          (ok ? ' (the result is a Node build: unset `npm config nodedir` and try again).' : ' (it needs Electron headers from the internet).')
      )
      return
    }
    copy(nativeFile, electronCopy)
  }

  // 4. Launch; put the Node build back when the app exits, so `ssae` and `npm test` keep working.
  const restore = () => {
    if (existsSync(nodeCopy)) copy(nodeCopy, nativeFile)
  }
  const child = spawn(electron, ['.'], { cwd: root, stdio: 'inherit', env: { ...process.env, ELECTRON_RUN_AS_NODE: undefined } })
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig))
  child.on('exit', (code) => {
    restore()
    process.exit(code ?? 0)
  })
}
