// Electron entry (out/main/index.js): one window, the services in this process, training in utility
// processes, the store under the user's data folder.

import { join } from 'node:path'
import { app, BrowserWindow, Menu } from 'electron'
import { createServices } from '../services'
import { buildMenu } from './menu'
import { isAppUrl } from './security'
import { createUtilityProcessSpawner } from './spawner'
import { registerIpc } from './ipc'
import { createMainWindow, hardenSession, type AppLocation } from './window'

app.enableSandbox()

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  let win: BrowserWindow | null = null
  const location: AppLocation = {
    rendererFile: join(__dirname, '../renderer/index.html'),
    devServerUrl: app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL
  }

  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore()
      win.focus()
    }
  })

  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault())
  })

  void app.whenReady().then(() => {
    hardenSession()
    const services = createServices({
      dbPath: join(app.getPath('userData'), 'ssae-studio.sqlite'),
      workerEntry: join(__dirname, 'worker.js'),
      spawner: createUtilityProcessSpawner(),
      appVersion: app.getVersion(),
      // Packaged: extraResources puts the demo next to app.asar; in development it is under resources/.
      demoFile: app.isPackaged
        ? join(process.resourcesPath, 'demo', 'breast_GC_D_MB.tiro.csv.gz')
        : join(app.getAppPath(), 'resources', 'demo', 'breast_GC_D_MB.tiro.csv.gz')
    })
    const ipc = registerIpc(services.handlers, (l) => services.subscribe(l), (url) => isAppUrl(url, location), () => win)
    Menu.setApplicationMenu(
      buildMenu({
        window: () => win,
        send: (e) => ipc.send(e),
        importDemo: async () => (await services.handlers['datasets.importDemo']({})).id
      })
    )
    const open = (): void => {
      win = createMainWindow(join(__dirname, '../preload/index.js'), location)
      win.on('closed', () => {
        win = null
      })
    }
    open()
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) open()
    })

    let closing = false
    app.on('before-quit', (event) => {
      if (closing) return
      closing = true
      event.preventDefault()
      ipc.dispose()
      // Let running training stop and the store close cleanly before exit.
      void services.close().finally(() => app.exit(0))
    })
  })

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
}
