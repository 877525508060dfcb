// Drag-and-drop tokens. The preload turns the File objects of a real drop into paths (Electron's
// webUtils, which answers nothing for files a page made up) and main swaps them for a random one-use
// token bound to the session's user; the renderer only ever holds the token.
import { randomBytes } from 'node:crypto'
import { stat } from 'node:fs/promises'
import { basename, isAbsolute } from 'node:path'
import type { SourceFile } from './service'

const TTL_MS = 5 * 60_000
const MAX_FILES = 200

export class DropTokens {
  private readonly tokens = new Map<string, { userId: string; files: SourceFile[]; expires: number }>()
  constructor(private readonly now: () => number) {}

  /** Registers the regular files among `paths` (absolute, existing); null when none is usable. */
  async register(userId: string, paths: unknown): Promise<string | null> {
    if (!Array.isArray(paths)) return null
    const files: SourceFile[] = []
    for (const p of paths.slice(0, MAX_FILES)) {
      if (typeof p !== 'string' || p.length === 0 || p.length > 4096 || !isAbsolute(p)) continue
      const st = await stat(p).catch(() => null)
      if (st?.isFile()) files.push({ path: p, name: basename(p) })
    }
    if (files.length === 0) return null
    this.sweep()
    const token = randomBytes(16).toString('hex')
    this.tokens.set(token, { userId, files, expires: this.now() + TTL_MS })
    return token
  }

  /** The files of a token, once, for the user it was made for. */
  take(userId: string, token: string): SourceFile[] | null {
    const t = this.tokens.get(token)
    if (!t) return null
    this.tokens.delete(token)
    if (t.userId !== userId || t.expires < this.now()) return null
    return t.files
  }

  clear(): void {
    this.tokens.clear()
  }

  private sweep(): void {
    const now = this.now()
    for (const [k, v] of this.tokens) if (v.expires < now) this.tokens.delete(k)
  }
}
