// While a session is open: Ctrl+L / Cmd+L locks, and keyboard, mouse and wheel activity is reported to
// main (the store throttles it to once every 30 s) so the idle auto-lock only counts real idleness.
import { useEffect } from 'react'
import { useStores } from '../stores/context'

export function isLockShortcut(e: KeyboardEvent): boolean {
  return (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'l'
}

export function useSessionActivity(active: boolean): void {
  const { session } = useStores()
  useEffect(() => {
    if (!active) return
    const onKey = (e: KeyboardEvent) => {
      if (isLockShortcut(e)) {
        e.preventDefault()
        void session.getState().lock()
        return
      }
      session.getState().touch()
    }
    const onActivity = () => session.getState().touch()
    const opts = { capture: true, passive: true } as const
    window.addEventListener('keydown', onKey, { capture: true })
    window.addEventListener('mousedown', onActivity, opts)
    window.addEventListener('wheel', onActivity, opts)
    return () => {
      window.removeEventListener('keydown', onKey, { capture: true })
      window.removeEventListener('mousedown', onActivity, opts)
      window.removeEventListener('wheel', onActivity, opts)
    }
  }, [active, session])
}
