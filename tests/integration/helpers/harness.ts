// Test helpers: a real core on real SQLCipher files in a temp folder, called through the router.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { APP_ORIGIN, createZhangfang, type Zhangfang, type ZhangfangOptions } from '../../../src/main/app'
import type { CallInput, CallOutput, Channel, EventName } from '../../../src/shared/ipc/contract'
import type { Result } from '../../../src/shared/ipc/result'
import type { Sender } from '../../../src/main/ipc/router'

export const MAIN: Sender = { origin: APP_ORIGIN, isMainFrame: true }
export const ADMIN = { username: 'admin', displayName: '王主任', password: 'Ledger-Horse-Battery-42' }
export const FIRM = '示例代账有限公司'

export class FakeClock {
  constructor(public t = Date.parse('2026-11-23T09:00:00Z')) {}
  now = () => new Date(this.t)
  advance(ms: number) {
    this.t += ms
  }
}

export interface TestApp {
  core: Zhangfang
  dataDir: string
  clock: FakeClock
  events: { event: EventName; payload: unknown }[]
  call<C extends Channel>(channel: C, input: CallInput<C>): Promise<Result<CallOutput<C>>>
  /** Calls and unwraps, failing the test with the error when the call is refused. */
  must<C extends Channel>(channel: C, input: CallInput<C>): Promise<CallOutput<C>>
  restart(): Promise<void>
  dispose(): Promise<void>
}

export async function tempDir(prefix = 'zf-test-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix))
}

/** Ports and seams a test may set (dialogs, the inbox watcher …); dataDir and clock come from startApp. */
export type AppExtras = Omit<ZhangfangOptions, 'dataDir' | 'clock'>

export async function startApp(dataDir?: string, clock = new FakeClock(), extras: AppExtras = {}): Promise<TestApp> {
  const dir = dataDir ?? (await tempDir())
  const events: TestApp['events'] = []
  const make = () => {
    const core = createZhangfang({ ...extras, dataDir: dir, clock })
    core.onEvent((event, payload) => events.push({ event, payload }))
    return core
  }
  const app: TestApp = {
    core: make(),
    dataDir: dir,
    clock,
    events,
    call: (channel, input) => app.core.handle(MAIN, channel, input) as never,
    must: async (channel, input) => {
      const r = await app.call(channel, input)
      if (!r.ok) throw new Error(`${channel} refused: ${r.error.code} ${r.error.message}`)
      return r.value
    },
    restart: async () => {
      await app.core.close()
      app.core = make()
    },
    dispose: async () => {
      await app.core.close()
      await rm(dir, { recursive: true, force: true })
    },
  }
  return app
}

/** Sets up a firm through the wizard's two calls; the admin ends up unlocked. */
export async function setUpFirm(app: TestApp, admin = ADMIN, firmName = FIRM) {
  const kit = await app.must('setup:begin', {
    firmName,
    adminUsername: admin.username,
    adminDisplayName: admin.displayName,
    password: admin.password,
  })
  const session = await app.must('setup:complete', { confirmation: kit.confirmGroups.map((i) => kit.recoveryGroups[i - 1]) })
  return { kit, session, recoverySecret: kit.recoveryGroups.join('-') }
}

export async function startWithFirm(extras: AppExtras = {}) {
  const app = await startApp(undefined, undefined, extras)
  const firm = await setUpFirm(app)
  return { app, ...firm }
}
