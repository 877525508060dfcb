// Runs one api call and never throws: a rejected promise (a broken transport) becomes an INTERNAL Result,
// so stores handle every failure through the same Result path.
import type { AppErrorData, Result } from '../../../shared/ipc/result'

export type { AppErrorData, Result }

export async function safeCall<T>(run: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await run()
  } catch (e) {
    return { ok: false, error: { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) } }
  }
}
