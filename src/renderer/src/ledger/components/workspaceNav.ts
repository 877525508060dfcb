// What a workspace screen may ask of the workspace without importing the screen registry: whether a
// screen exists (the 明细账 a trial-balance row opens may not yet) and going there with parameters.
import { createContext, useContext } from 'react'
import type { WorkspaceScreenKey } from '../stores/workspaceStore'

export interface WorkspaceNav {
  has(screen: WorkspaceScreenKey): boolean
  /** Shows `screen` if it exists; answers whether it did. */
  go(screen: WorkspaceScreenKey, params?: Record<string, string>): boolean
}

export const WorkspaceNavContext = createContext<WorkspaceNav>({ has: () => false, go: () => false })

export function useWorkspaceNav(): WorkspaceNav {
  return useContext(WorkspaceNavContext)
}
