// Electron glue only: app lifecycle, the window and its security settings, the app:// scheme,
// ipcMain.handle → router, power events → lock. Everything else lives in the Electron-free core (app.ts).
import { app, BrowserWindow, dialog, ipcMain, powerMonitor, protocol, session, type IpcMainInvokeEvent } from 'electron'
import { readFile } from 'node:fs/promises'
import { extname, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { CHANNELS } from '../shared/ipc/contract'
import { DROP_CHANNEL } from '../preload/api'
import type { Dialogs } from './ports'
import { APP_ORIGIN, consoleLogger, createZhangfang, type Zhangfang } from './app'
import { CSP, STATIC_MIME } from './csp'
import { defaultDataDir } from './paths'

const here = fileURLToPath(new URL('.', import.meta.url))
const rendererDir = resolve(here, '../renderer')
const preloadPath = resolve(here, '../preload/index.cjs')
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined



// `zhangfang cli …`: the packaged binary doubles as the admin CLI (the RunAsNode fuse is off)
const cliAt = process.argv.slice(1, 3).indexOf('cli')
if (cliAt >= 0) {
  const args = process.argv.slice(cliAt + 2)
  void import('./cli/main').then(async ({ runCli }) => {
    const code = await runCli(args, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env })
    app.exit(code)
  })
} else {
  startApp()
}

function startApp(): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return
  }
  protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }])

  let core: Zhangfang | null = null
  let win: BrowserWindow | null = null

  const originOf = (url: string): string => {
    try {
      const u = new URL(url)
      // Node's URL gives 'null' as the origin of non-special schemes such as app:
      return `${u.protocol}//${u.host}`
    } catch {
      return ''
    }
  }

  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-navigate', (e) => e.preventDefault())
    contents.on('will-redirect', (e) => e.preventDefault())
    contents.on('will-attach-webview', (e) => e.preventDefault())
    contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  })

  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore()
      win.focus()
    }
  })

  void app.whenReady().then(() => {
    const log = consoleLogger()
    const allowed = [APP_ORIGIN]
    if (devServerUrl) allowed.push(originOf(devServerUrl))
    // main opens every dialog itself, parented to the window; the renderer never names a path
    const dialogs: Dialogs = {
      openFiles: async ({ title, filters }) => {
        const r = win ? await dialog.showOpenDialog(win, { title, filters, properties: ['openFile', 'multiSelections'] }) : { canceled: true, filePaths: [] }
        return r.canceled ? [] : r.filePaths
      },
      saveFile: async ({ title, defaultName }) => {
        const r = win ? await dialog.showSaveDialog(win, { title, defaultPath: defaultName }) : { canceled: true, filePath: '' }
        return r.canceled || !r.filePath ? null : r.filePath
      },
      chooseFolder: async ({ title }) => {
        const r = win ? await dialog.showOpenDialog(win, { title, properties: ['openDirectory', 'createDirectory'] }) : { canceled: true, filePaths: [] }
        return r.canceled ? null : (r.filePaths[0] ?? null)
      },
    }
    core = createZhangfang({ dataDir: defaultDataDir(), log, allowedOrigins: allowed, kdf: 'calibrate', dialogs })

    protocol.handle('app', async (req) => {
      const url = new URL(req.url)
      if (url.host !== 'zhangfang') return new Response('not found', { status: 404 })
      const path = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname)
      const file = resolve(rendererDir, '.' + path)
      if (!file.startsWith(rendererDir + sep)) return new Response('not found', { status: 404 })
      try {
        const body = await readFile(file)
        return new Response(body, {
          headers: {
            'content-type': STATIC_MIME[extname(file)] ?? 'application/octet-stream',
            'content-security-policy': CSP,
            'x-content-type-options': 'nosniff',
          },
        })
      } catch {
        return new Response('not found', { status: 404 })
      }
    })

    const ses = session.defaultSession
    // offline by construction: only our own scheme (and the dev server in development) is ever fetched
    ses.webRequest.onBeforeRequest((details, cb) => {
      const ok =
        details.url.startsWith('app://zhangfang/') ||
        details.url.startsWith('blob:') ||
        details.url.startsWith('data:') ||
        details.url.startsWith('devtools://') ||
        (devServerUrl !== undefined && originOf(details.url) === originOf(devServerUrl))
      cb({ cancel: !ok })
    })
    ses.setPermissionRequestHandler((_wc, _permission, cb) => cb(false))
    ses.setPermissionCheckHandler(() => false)

    const senderOf = (event: IpcMainInvokeEvent) => {
      const frame = event.senderFrame
      return {
        origin: frame ? originOf(frame.url) : '',
        isMainFrame: !!frame && win !== null && event.sender === win.webContents && frame === event.sender.mainFrame,
      }
    }
    for (const channel of CHANNELS) {
      ipcMain.handle(channel, (event, payload: unknown) => core!.handle(senderOf(event), channel, payload))
    }
    ipcMain.handle(DROP_CHANNEL, (event, paths: unknown) => core!.registerDrop(senderOf(event), paths))
    core.onEvent((event, payload) => win?.webContents.send(event, payload))

    powerMonitor.on('lock-screen', () => void core?.lock('os-lock'))
    powerMonitor.on('suspend', () => void core?.lock('suspend'))
    const idleTimer = setInterval(() => void core?.tick(), 15_000)

    win = new BrowserWindow({
      width: 1280,
      height: 800,
      minWidth: 1024,
      minHeight: 680,
      show: false,
      title: '账房 Zhangfang',
      webPreferences: {
        preload: preloadPath,
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        webviewTag: false,
        navigateOnDragDrop: false,
        spellcheck: false,
        // middle-click must not open anything either
        disableBlinkFeatures: 'Auxclick',
      },
    })
    win.once('ready-to-show', () => win?.show())
    win.on('closed', () => {
      win = null
    })
    void win.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`)

    app.on('window-all-closed', () => app.quit())
    app.on('before-quit', () => {
      clearInterval(idleTimer)
      void core?.close()
    })
  })
}
