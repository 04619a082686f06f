// The window's security settings as plain data (no 'electron' import), so a unit test pins them.

import { HTTP_CSP } from '../http/security'

/** One policy for the window and the loopback HTTP transport: they serve the same renderer. */
export const WINDOW_CSP = HTTP_CSP

export interface SecureWebPreferences {
  preload: string
  contextIsolation: true
  sandbox: true
  nodeIntegration: false
  nodeIntegrationInWorker: false
  nodeIntegrationInSubFrames: false
  webSecurity: true
  allowRunningInsecureContent: false
  webviewTag: false
  navigateOnDragDrop: false
  spellcheck: false
}

export function secureWebPreferences(preloadPath: string): SecureWebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false, // a dropped file goes to the import wizard, not a navigation
    spellcheck: false
  }
}

/**
 * Is this URL the app's own page? In production the renderer is a file under the app's renderer folder;
 * with `electron-vite dev` it is the dev server's origin. Anything else is foreign.
 */
export function isAppUrl(url: string, app: { rendererFile: string; devServerUrl?: string }): boolean {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    return false
  }
  if (app.devServerUrl) {
    try {
      return u.origin === new URL(app.devServerUrl).origin
    } catch {
      return false
    }
  }
  if (u.protocol !== 'file:') return false
  const want = new URL('file://' + (app.rendererFile.startsWith('/') ? '' : '/') + app.rendererFile.replace(/\\/g, '/'))
  return decodeURIComponent(u.pathname) === decodeURIComponent(want.pathname)
}

/** Headers with the CSP set (replacing any the response had). */
export function withCsp(headers: Record<string, string[] | string> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (k.toLowerCase() !== 'content-security-policy') out[k] = Array.isArray(v) ? v : [v]
  }
  out['Content-Security-Policy'] = [WINDOW_CSP]
  return out
}
