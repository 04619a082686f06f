// The one app window: sandboxed, isolated, strict CSP, no navigation away, no new windows.

import { BrowserWindow, session, shell } from 'electron'
import { isAppUrl, secureWebPreferences, withCsp } from './security'

export interface AppLocation {
  rendererFile: string
  devServerUrl?: string
}

export function hardenSession(): void {
  const ses = session.defaultSession
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCsp(details.responseHeaders) })
  })
  // No camera, notifications, geolocation …: the app needs none.
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  ses.setPermissionCheckHandler(() => false)
  // Exports are downloads: ask where to save (native dialog).
  ses.on('will-download', (_e, item) => {
    item.setSaveDialogOptions({ title: 'Save export', defaultPath: item.getFilename() })
  })
}

export function createMainWindow(preloadPath: string, app: AppLocation): BrowserWindow {
  const win = new BrowserWindow({
    width: 1360,
    height: 880,
    minWidth: 960,
    minHeight: 640,
    show: false,
    title: 'SSAE Studio',
    backgroundColor: '#f6f7fb',
    webPreferences: secureWebPreferences(preloadPath)
  })
  win.once('ready-to-show', () => win.show())
  win.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, app)) event.preventDefault()
  })
  win.webContents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, app)) event.preventDefault()
  })
  win.webContents.setWindowOpenHandler(({ url }) => {
    // Links to the web open in the user's browser, never inside the app.
    if (/^https:\/\//.test(url)) void shell.openExternal(url)
    return { action: 'deny' }
  })
  win.webContents.on('will-attach-webview', (event) => event.preventDefault())
  if (app.devServerUrl) void win.loadURL(app.devServerUrl)
  else void win.loadFile(app.rendererFile)
  return win
}
