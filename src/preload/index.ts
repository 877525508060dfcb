// The Electron preload (sandboxed, CommonJS, bundled): exposes the contract-built api as
// `window.zhangfang`. Never exposes ipcRenderer or a generic invoke.
import { contextBridge, ipcRenderer } from 'electron'
import { createApi, type Transport } from './api'

const transport: Transport = {
  invoke: (channel, payload) => ipcRenderer.invoke(channel, payload),
  subscribe: (event, listener) => {
    const wrapped = (_e: unknown, payload: unknown) => listener(payload)
    ipcRenderer.on(event, wrapped)
    return () => {
      ipcRenderer.removeListener(event, wrapped)
    }
  },
}

contextBridge.exposeInMainWorld('zhangfang', createApi(transport))
