// Who may open a client (admins, clients:assign): active non-admin users with a switch each. Removing
// someone warns first: main re-encrypts the client's database with a new key in that call.
import { App, Drawer, Switch, Table, Typography } from 'antd'
import type { TableColumnsType } from 'antd'
import { useTranslation } from 'react-i18next'
import { ErrorAlert } from '../../components/ErrorAlert'
import { useClients, useStores } from '../../stores/context'
import type { Assignment } from '../stores/clientsStore'

export function AssignDrawer() {
  const { t } = useTranslation()
  const { message, modal } = App.useApp()
  const { clients: store } = useStores().ledger
  const clientId = useClients((s) => s.assignClientId)
  const client = useClients((s) => s.clients.find((c) => c.id === s.assignClientId) ?? null)
  const users = useClients((s) => s.assignments)
  const loading = useClients((s) => s.assignLoading)
  const busy = useClients((s) => s.assignBusyUserId)
  const error = useClients((s) => s.assignError)

  const toggle = (u: Assignment, on: boolean) => {
    if (on) {
      void store
        .getState()
        .setAssigned(u.userId, true)
        .then((ok) => ok && void message.success(t('ledger.clients.assigned', { name: u.displayName })))
      return
    }
    modal.confirm({
      title: t('ledger.clients.unassignConfirm', { name: u.displayName }),
      content: t('ledger.clients.unassignDesc'),
      okText: t('ledger.clients.unassignOk'),
      okButtonProps: { danger: true, 'data-testid': 'unassign-confirm' },
      cancelText: t('common.cancel'),
      onOk: async () => {
        if (await store.getState().setAssigned(u.userId, false)) void message.success(t('ledger.clients.unassigned', { name: u.displayName }))
      },
    })
  }

  const columns: TableColumnsType<Assignment> = [
    {
      title: t('ledger.clients.assignUser'),
      key: 'user',
      render: (_, u) => (
        <span>
          {u.displayName} <Typography.Text type="secondary">{u.username}</Typography.Text>
        </span>
      ),
    },
    { title: t('ledger.clients.assignRole'), key: 'role', width: 110, render: (_, u) => t(`roles.${u.role}`) },
    {
      title: t('ledger.clients.assignAccess'),
      key: 'assigned',
      width: 90,
      render: (_, u) => (
        <Switch
          checked={u.assigned}
          loading={busy === u.userId}
          disabled={busy !== null && busy !== u.userId}
          onChange={(on) => toggle(u, on)}
          data-testid={`assign-switch-${u.username}`}
          aria-label={`${t('ledger.clients.assignAccess')} ${u.displayName}`}
        />
      ),
    },
  ]

  return (
    <Drawer
      open={clientId !== null}
      onClose={() => store.getState().closeAssignments()}
      title={t('ledger.clients.assignTitle', { name: client?.name ?? '' })}
      size={520}
      destroyOnHidden
      data-testid="assign-drawer"
    >
      <Typography.Paragraph type="secondary">{t('ledger.clients.assignIntro')}</Typography.Paragraph>
      <ErrorAlert error={error} testId="assign-error" />
      <Table<Assignment>
        rowKey="userId"
        size="small"
        columns={columns}
        dataSource={users}
        loading={loading}
        pagination={false}
        locale={{ emptyText: t('ledger.clients.noUsers') }}
      />
    </Drawer>
  )
}
