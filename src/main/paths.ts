// Where the data folder lives: ZHANGFANG_DATA_DIR, else the per-user application data folder.
// Shared by the Electron app and the CLI so both open the same firm.
import { homedir } from 'node:os'
import { isAbsolute, join, relative, resolve } from 'node:path'

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.ZHANGFANG_DATA_DIR) return env.ZHANGFANG_DATA_DIR
  const home = homedir()
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Zhangfang', 'data')
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Zhangfang', 'data')
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Zhangfang', 'data')
}

/** Whether `path` is `dir` itself or lies anywhere below it. */
export function isInside(dir: string, path: string): boolean {
  const rel = relative(resolve(dir), resolve(path))
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
}
