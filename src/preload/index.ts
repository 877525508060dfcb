// The Electron preload (sandboxed, CommonJS, bundled): exposes the contract-built api as
// `window.zhangfang`. Never exposes ipcRenderer or a generic invoke.
import { contextBridge, ipcRenderer, webUtils } from 'electron'
import { createApi, DROP_CHANNEL, type Transport } from './api'

const transport: Transport = {
  invoke: (channel, payload) => ipcRenderer.invoke(channel, payload),
  subscribe: (event, listener) => {
    const wrapped = (_e: unknown, payload: unknown) => listener(payload)
    ipcRenderer.on(event, wrapped)
    return () => {
      ipcRenderer.removeListener(event, wrapped)
    }
  },
  registerDrop: async (files) => {
    // webUtils answers '' for a File the page constructed itself: only real dropped files have a path
    const paths = files.map((f) => {
      try {
        return webUtils.getPathForFile(f as Parameters<typeof webUtils.getPathForFile>[0])
      } catch {
        return ''
      }
    })
    const real = paths.filter((p) => p !== '')
    if (real.length === 0) return null
    const token: unknown = await ipcRenderer.invoke(DROP_CHANNEL, real)
    return typeof token === 'string' ? token : null
  },
}

contextBridge.exposeInMainWorld('zhangfang', createApi(transport))
