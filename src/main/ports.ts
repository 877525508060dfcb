// Ports: what the core needs from the desktop and gets from Electron (index.ts), the CLI or a test.
// Main opens every file dialog itself; the renderer never names a path.
import { watch as fsWatch } from 'node:fs'

export interface FileFilter {
  name: string
  extensions: string[]
}

export interface Dialogs {
  /** Several files to open; an empty list when the user cancelled. */
  openFiles(opts: { title: string; filters: FileFilter[] }): Promise<string[]>
  /** Where to save; null when the user cancelled. */
  saveFile(opts: { title: string; defaultName: string }): Promise<string | null>
  /** A folder; null when the user cancelled. */
  chooseFolder(opts: { title: string }): Promise<string | null>
}

/** A desktop without dialogs (the CLI): every dialog answers "cancelled". */
export const noDialogs: Dialogs = {
  openFiles: async () => [],
  saveFile: async () => null,
  chooseFolder: async () => null,
}

/** Watches a folder; `onChange` may fire spuriously and in bursts. */
export type FolderWatcher = (dir: string, onChange: () => void) => { close(): void }

export const fsFolderWatcher: FolderWatcher = (dir, onChange) => {
  const w = fsWatch(dir, { persistent: false }, () => onChange())
  w.on('error', () => undefined)
  return { close: () => w.close() }
}
