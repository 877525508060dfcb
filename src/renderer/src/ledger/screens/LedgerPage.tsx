// The 客户账套 section of the main layout: the client list, or the workspace of the client that is open.
import { useWorkspace } from '../../stores/context'
import { ClientsPage } from './ClientsPage'
import { Workspace } from './Workspace'

export function LedgerPage() {
  const open = useWorkspace((s) => s.client !== null)
  return open ? <Workspace /> : <ClientsPage />
}
