// electron-builder.yml: the targets, native/wasm unpacking and Electron rebuild the app needs, and a
// schema check with electron-builder's own JSON schema (the one it validates with on load).
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(__dirname, '..', '..', '..')
const require_ = createRequire(join(ROOT, 'package.json'))
const yaml = require_('js-yaml') as { load(text: string): unknown }
const Ajv = require_('ajv') as new (o: object) => { compile(s: object): ((d: unknown) => boolean) & { errors?: unknown[] | null } }
const config = yaml.load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, any>

function targets(t: unknown): string[] {
  return (Array.isArray(t) ? t : [t]).map((x) => (typeof x === 'string' ? x : (x as { target: string }).target))
}

describe('electron-builder.yml', () => {
  it('names the app', () => {
    expect(config.appId).toBe('org.ssae.studio')
    expect(config.productName).toBe('SSAE Studio')
    expect(config.directories).toEqual({ buildResources: 'resources', output: 'dist' })
  })

  it('builds AppImage + deb, nsis and dmg', () => {
    expect(targets(config.linux.target).sort()).toEqual(['AppImage', 'deb'])
    expect(config.linux.category).toBe('Science')
    expect(typeof config.linux.maintainer).toBe('string')
    expect(targets(config.win.target)).toEqual(['nsis'])
    expect(targets(config.mac.target)).toEqual(['dmg'])
  })

  it('packs the build and resources, unpacks native and wasm files, rebuilds natives for Electron', () => {
    expect(config.files).toEqual(expect.arrayContaining(['out/**', 'resources/**', 'package.json']))
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/*.node', 'node_modules/@tensorflow/tfjs-backend-wasm/dist/*.wasm']))
    expect(config.npmRebuild).toBe(true)
  })

  it('passes electron-builder’s JSON schema, and the check is real', () => {
    const schema = require_('app-builder-lib/scheme.json') as object
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema)
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true)
    expect(validate({ ...config, bogusKey: 1 })).toBe(false)
    expect(validate({ ...config, npmRebuild: 'yes' })).toBe(false)
  })

  it('the wasm files it unpacks exist where it looks', () => {
    const wasmDir = join(ROOT, 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist')
    const files = require_('node:fs').readdirSync(wasmDir) as string[]
    expect(files.some((f) => f.endsWith('.wasm'))).toBe(true)
  })
})
