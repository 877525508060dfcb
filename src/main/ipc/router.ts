// The router every IPC call goes through: sender check → session check → strict zod parse →
// permission check → handler → Result envelope. It never throws: every failure becomes a Result.
import { contract, ROLE_PERMISSIONS, type Channel, type Contract, type CallOutput } from '../../shared/ipc/contract'
import { AppError, err, ok, type Result } from '../../shared/ipc/result'
import type { z } from 'zod'
import type { AuthService, Logger } from '../auth/service'
import type { Session } from '../auth/session'

/** Where a call came from, as Electron (or the test harness) saw it. */
export interface Sender {
  /** Origin of the sending frame, e.g. `app://zhangfang`. */
  origin: string
  /** Whether the sending frame is the window's main frame (not an iframe). */
  isMainFrame: boolean
}

export interface HandlerContext {
  /** The unlocked session, or null for public calls made while locked. */
  session: Session | null
}

export type Handlers = {
  [C in Channel]: (input: z.output<Contract[C]['input']>, ctx: HandlerContext) => Promise<CallOutput<C>>
}

export interface RouterDeps {
  allowedOrigins: ReadonlySet<string>
  auth: AuthService
  handlers: Handlers
  log: Logger
  now: () => number
}

export type Router = (sender: Sender, channel: string, payload: unknown) => Promise<Result<unknown>>

const isChannel = (c: string): c is Channel => Object.prototype.hasOwnProperty.call(contract, c)

export function createRouter(deps: RouterDeps): Router {
  return async (sender, channel, payload) => {
    try {
      if (!sender || typeof sender.origin !== 'string' || !deps.allowedOrigins.has(sender.origin) || sender.isMainFrame !== true) {
        deps.log.warn('ipc call from a foreign sender refused', { channel: String(channel).slice(0, 64) })
        return err('FORBIDDEN', 'This call did not come from the Zhangfang window.')
      }
      if (typeof channel !== 'string' || !isChannel(channel)) return err('INVALID_INPUT', 'Unknown call.')
      const spec = contract[channel]

      const session = deps.auth.current
      if (spec.access !== 'public') {
        if (!session) return err('LOCKED', 'Zhangfang is locked. Unlock to continue.')
        if (spec.access === 'session' && session.user.mustChangePassword) {
          return err('PASSWORD_CHANGE_REQUIRED', 'Set your own password before continuing.')
        }
      }

      const parsed = spec.input.safeParse(payload)
      if (!parsed.success) {
        return err('INVALID_INPUT', 'The request is not valid.', {
          // paths and messages only: never echo values, they may be secrets
          issues: parsed.error.issues.slice(0, 20).map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
        })
      }

      if ('permission' in spec && spec.permission && session) {
        if (!ROLE_PERMISSIONS[session.user.role].includes(spec.permission)) {
          await deps.auth
            .audit(session, { action: 'access.denied', target: `call:${channel}`, outcome: 'denied', details: { permission: spec.permission } })
            .catch((e: unknown) => deps.log.warn('could not audit a denial', { error: String(e) }))
          return err('FORBIDDEN', 'Your role does not allow this.')
        }
      }

      // any call the window makes is user activity for the idle auto-lock
      if (session) session.lastActivity = deps.now()
      const handler = deps.handlers[channel] as (input: unknown, ctx: HandlerContext) => Promise<unknown>
      const value = await handler(parsed.data, { session })
      const out = spec.output.safeParse(value)
      if (!out.success) {
        deps.log.error('handler answered outside its contract', { channel, issue: out.error.issues[0]?.message })
        return err('INTERNAL', 'Something went wrong inside Zhangfang.')
      }
      return ok(out.data)
    } catch (e) {
      if (e instanceof AppError) return { ok: false, error: e.toData() }
      deps.log.error('ipc handler failed', { channel: String(channel).slice(0, 64), error: e instanceof Error ? e.stack : String(e) })
      return err('INTERNAL', 'Something went wrong inside Zhangfang.')
    }
  }
}
