// Fast set-up through the real core (the same router the window uses), for specs whose subject is
// not the wizard itself.
import type { Zhangfang } from '../../../src/main/app'
import { ORIGIN } from './fixtures'

export async function coreCall<T = unknown>(core: Zhangfang, channel: string, input: unknown): Promise<T> {
  const r = await core.handle({ origin: ORIGIN, isMainFrame: true }, channel, input)
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`)
  return r.value as T
}

/** Creates the firm and its admin, then locks, leaving the app at the unlock screen. */
export async function firmViaCore(core: Zhangfang, admin: { username: string; displayName: string; password: string }, firmName: string): Promise<void> {
  const kit = await coreCall<{ recoveryGroups: string[]; confirmGroups: number[] }>(core, 'setup:begin', {
    firmName,
    adminUsername: admin.username,
    adminDisplayName: admin.displayName,
    password: admin.password,
  })
  await coreCall(core, 'setup:complete', { confirmation: kit.confirmGroups.map((i) => kit.recoveryGroups[i - 1]) })
  await core.lock('manual')
}
