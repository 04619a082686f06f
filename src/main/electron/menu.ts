// Native menus: File (import, demo), View, Help (About). Actions reach the renderer as menu events.

import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { app, dialog, Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron'
import type { MenuEvent } from '../../shared/bridge'

export interface MenuActions {
  window: () => BrowserWindow | null
  send: (e: MenuEvent) => void
  importDemo: () => Promise<number>
}

async function chooseAndImport(actions: MenuActions): Promise<void> {
  const win = actions.window()
  const options: Electron.OpenDialogOptions = {
    title: 'Import a dataset',
    properties: ['openFile'],
    filters: [
      { name: 'Data matrices', extensions: ['csv', 'tsv', 'txt', 'gz'] },
      { name: 'All files', extensions: ['*'] }
    ]
  }
  const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options)
  if (result.canceled || result.filePaths.length === 0) return
  const path = result.filePaths[0]
  const data = new Uint8Array(await readFile(path))
  actions.send({ type: 'menu.navigate', path: '/import' })
  actions.send({ type: 'menu.importFile', file: { fileName: basename(path), data } })
}

export function buildMenu(actions: MenuActions): Menu {
  const isMac = process.platform === 'darwin'
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'Import dataset…', accelerator: 'CmdOrCtrl+O', click: () => void chooseAndImport(actions) },
        {
          label: 'Open demo data',
          click: async () => {
            try {
              const id = await actions.importDemo()
              actions.send({ type: 'menu.navigate', path: `/new?dataset=${id}` })
            } catch (e) {
              dialog.showErrorBox('Demo data', e instanceof Error ? e.message.split('\n')[0] : 'The demo data could not be opened.')
            }
          }
        },
        { type: 'separator' },
        { label: 'New analysis', accelerator: 'CmdOrCtrl+N', click: () => actions.send({ type: 'menu.navigate', path: '/new' }) },
        { label: 'Runs', accelerator: 'CmdOrCtrl+R', click: () => actions.send({ type: 'menu.navigate', path: '/runs' }) },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' }
      ]
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(app.isPackaged ? [] : [{ type: 'separator' as const }, { role: 'toggleDevTools' as const }])
      ]
    },
    {
      label: '&Help',
      submenu: [
        {
          label: 'About SSAE Studio',
          click: () => {
            const win = actions.window()
            const options: Electron.MessageBoxOptions = {
              type: 'info',
              title: 'About SSAE Studio',
              message: `SSAE Studio ${app.getVersion()}`,
              detail:
                'Semi-supervised classification of omics samples with a supervised autoencoder.\n' +
                `Electron ${process.versions.electron} · Chromium ${process.versions.chrome} · Node ${process.versions.node}\n` +
                `Data: ${app.getPath('userData')}`
            }
            void (win ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options))
          }
        }
      ]
    }
  ]
  return Menu.buildFromTemplate(template)
}
