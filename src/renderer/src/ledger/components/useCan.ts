// Whether the signed-in role holds a permission (ROLE_PERMISSIONS in the contract). Main checks every
// call again; this only decides which buttons a screen shows.
import type { Permission } from '../../../../shared/ipc/contract'
import { useSession } from '../../stores/context'

export function useCan(permission: Permission): boolean {
  return useSession((s) => s.session?.permissions.includes(permission) ?? false)
}
