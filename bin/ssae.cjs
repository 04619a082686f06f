#!/usr/bin/env node
// The `ssae` command: a thin launcher for the bundled CLI (out/main/cli.js, built by `npm run build`,
// which `npm install` runs through the prepare script).
const path = require('node:path')
const fs = require('node:fs')
const built = path.join(__dirname, '..', 'out', 'main', 'cli.js')
if (!fs.existsSync(built)) {
  process.stderr.write('ssae: the command is not built yet. Run `npm run build` in ' + path.dirname(__dirname) + ' first.\n')
  process.exit(2)
}
require(built).main(process.argv.slice(2)).then((code) => {
  process.exitCode = code
})
