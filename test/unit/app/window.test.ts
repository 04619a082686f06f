// The window's security settings, pinned without starting Electron.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { WINDOW_CSP, isAppUrl, secureWebPreferences, withCsp } from '../../../src/main/electron/security'
import { HTTP_CSP } from '../../../src/main/http/security'

const SRC = join(__dirname, '..', '..', '..', 'src')

describe('window security', () => {
  it('pins webPreferences', () => {
    expect(secureWebPreferences('/app/out/preload/index.js')).toEqual({
      preload: '/app/out/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false
    })
  })

  it('has a strict CSP: self only, no eval, no remote content', () => {
    const d = Object.fromEntries(WINDOW_CSP.split(';').map((p) => p.trim().split(/\s+/)).map(([k, ...v]) => [k, v]))
    expect(d['default-src']).toEqual(["'self'"])
    expect(d['script-src']).toEqual(["'self'"])
    expect(d['style-src']).toEqual(["'self'", "'unsafe-inline'"])
    expect(d['img-src']).toEqual(["'self'", 'data:', 'blob:'])
    expect(d['connect-src']).toEqual(["'self'"])
    expect(d['object-src']).toEqual(["'none'"])
    expect(WINDOW_CSP).not.toMatch(/unsafe-eval|https?:|\*/)
    expect(HTTP_CSP).toBe(WINDOW_CSP)
    // The page carries the same policy as a meta tag (for file:// loads that get no headers).
    const html = readFileSync(join(SRC, 'renderer', 'index.html'), 'utf8')
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? ''
    for (const directive of ["default-src 'self'", "script-src 'self'", "connect-src 'self'", "object-src 'none'"]) expect(meta).toContain(directive)
  })

  it('withCsp replaces any CSP the response had', () => {
    const h = withCsp({ 'content-security-policy': ['default-src *'], 'X-Other': 'a' })
    expect(h['Content-Security-Policy']).toEqual([WINDOW_CSP])
    expect(h['content-security-policy']).toBeUndefined()
    expect(h['X-Other']).toEqual(['a'])
  })

  it('isAppUrl accepts the app page only', () => {
    const app = { rendererFile: '/opt/SSAE Studio/resources/app.asar/out/renderer/index.html' }
    expect(isAppUrl('file:///opt/SSAE%20Studio/resources/app.asar/out/renderer/index.html#/runs', app)).toBe(true)
    expect(isAppUrl('file:///etc/passwd', app)).toBe(false)
    expect(isAppUrl('https://example.org/', app)).toBe(false)
    expect(isAppUrl('not a url', app)).toBe(false)
    const dev = { rendererFile: '/x/index.html', devServerUrl: 'http://localhost:5173' }
    expect(isAppUrl('http://localhost:5173/#/new', dev)).toBe(true)
    expect(isAppUrl('http://localhost:5174/', dev)).toBe(false)
  })

  it('the window blocks navigation and new windows and uses these preferences', () => {
    const src = readFileSync(join(SRC, 'main', 'electron', 'window.ts'), 'utf8')
    expect(src).toContain('webPreferences: secureWebPreferences(preloadPath)')
    expect(src).toMatch(/setWindowOpenHandler\([\s\S]*?action: 'deny'/)
    expect(src).toMatch(/on\('will-navigate'[\s\S]*?preventDefault/)
    expect(src).toContain('onHeadersReceived')
    const main = readFileSync(join(SRC, 'main', 'electron', 'main.ts'), 'utf8')
    expect(main).toContain('app.enableSandbox()')
  })
})
