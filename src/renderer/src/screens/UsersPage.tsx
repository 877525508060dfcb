// User management for holders of users:manage: the firm's users, create with a temporary password,
// disable and enable (each behind a Popconfirm).
import { useEffect, useState, type HTMLAttributes } from 'react'
import { App, Button, Card, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd'
import type { TableColumnsType } from 'antd'
import { ReloadOutlined, UserAddOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import type { UserSummary } from '../../../shared/ipc/contract'
import { ErrorAlert } from '../components/ErrorAlert'
import { currentLanguage } from '../i18n'
import { formatDateTime } from '../lib/format'
import { useSession, useUsers } from '../stores/context'
import { CreateUserModal } from './CreateUserModal'

export function UsersPage() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const users = useUsers((s) => s.users)
  const loaded = useUsers((s) => s.loaded)
  const loading = useUsers((s) => s.loading)
  const loadError = useUsers((s) => s.loadError)
  const actionError = useUsers((s) => s.actionError)
  const busyUserId = useUsers((s) => s.busyUserId)
  const load = useUsers((s) => s.load)
  const disable = useUsers((s) => s.disable)
  const enable = useUsers((s) => s.enable)
  const clearActionError = useUsers((s) => s.clearActionError)
  const selfId = useSession((s) => s.session?.userId)
  const [creating, setCreating] = useState(false)
  const lang = currentLanguage()

  useEffect(() => {
    if (!loaded) void load()
    // load once per page visit; the store keeps the list until the session ends
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  const onDisable = async (u: UserSummary) => {
    if (await disable(u.id)) void message.success(t('users.disabledMsg', { name: u.displayName }))
  }
  const onEnable = async (u: UserSummary) => {
    if (await enable(u.id)) void message.success(t('users.enabledMsg', { name: u.displayName }))
  }

  const columns: TableColumnsType<UserSummary> = [
    {
      title: t('users.username'),
      dataIndex: 'username',
      key: 'username',
      render: (_, u) => (
        <span className="nowrap">
          {u.username}
          {u.id === selfId && <Typography.Text type="secondary">{t('users.self')}</Typography.Text>}
        </span>
      ),
    },
    { title: t('users.displayName'), dataIndex: 'displayName', key: 'displayName', ellipsis: true },
    { title: t('users.role'), key: 'role', render: (_, u) => t(`roles.${u.role}`) },
    {
      title: t('users.status'),
      key: 'status',
      width: 230,
      render: (_, u) => (
        <Space size={4} wrap>
          {u.status === 'active' ? (
            <Tag color="green" data-testid={`user-status-${u.username}`}>
              {t('users.active')}
            </Tag>
          ) : (
            <Tag color="red" data-testid={`user-status-${u.username}`}>
              {t('users.disabled')}
            </Tag>
          )}
          {u.mustChangePassword && (
            <Tag color="orange" data-testid={`user-must-change-${u.username}`}>
              {t('users.mustChange')}
            </Tag>
          )}
        </Space>
      ),
    },
    { title: t('users.createdAt'), key: 'createdAt', width: 150, render: (_, u) => formatDateTime(u.createdAt, lang) },
    {
      title: t('users.lastUnlockAt'),
      key: 'lastUnlockAt',
      width: 150,
      render: (_, u) => formatDateTime(u.lastUnlockAt, lang) ?? <Typography.Text type="secondary">{t('common.never')}</Typography.Text>,
    },
    {
      title: t('users.actions'),
      key: 'actions',
      width: 110,
      render: (_, u) =>
        u.status === 'active' ? (
          u.id === selfId ? (
            <Tooltip title={t('users.cannotDisableSelf')}>
              <Button type="link" danger size="small" disabled data-testid={`user-disable-${u.username}`}>
                {t('users.disable')}
              </Button>
            </Tooltip>
          ) : (
            <Popconfirm
              title={t('users.confirmDisable', { name: u.displayName })}
              description={t('users.confirmDisableDesc')}
              okButtonProps={{ danger: true }}
              onConfirm={() => onDisable(u)}
            >
              <Button type="link" danger size="small" loading={busyUserId === u.id} data-testid={`user-disable-${u.username}`}>
                {t('users.disable')}
              </Button>
            </Popconfirm>
          )
        ) : (
          <Popconfirm title={t('users.confirmEnable', { name: u.displayName })} onConfirm={() => onEnable(u)}>
            <Button type="link" size="small" loading={busyUserId === u.id} data-testid={`user-enable-${u.username}`}>
              {t('users.enable')}
            </Button>
          </Popconfirm>
        ),
    },
  ]

  return (
    <div data-testid="page-users" className="page">
      <div className="page-heading">
        <div>
          <Typography.Title level={3} className="page-title">
            {t('users.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('users.intro')}</Typography.Text>
        </div>
        <Space>
          <Button icon={<ReloadOutlined />} onClick={() => void load()} loading={loading} data-testid="users-refresh">
            {t('common.refresh')}
          </Button>
          <Button type="primary" icon={<UserAddOutlined />} onClick={() => setCreating(true)} data-testid="users-create">
            {t('users.create')}
          </Button>
        </Space>
      </div>
      <ErrorAlert error={loadError} testId="users-error" />
      <ErrorAlert error={actionError} testId="users-error" onClose={clearActionError} />
      <Card styles={{ body: { padding: 0 } }}>
        <Table<UserSummary>
          data-testid="users-table"
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={users}
          loading={loading && !loaded}
          pagination={users.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
          onRow={(u) => ({ 'data-testid': `user-row-${u.username}` }) as HTMLAttributes<HTMLElement>}
        />
      </Card>
      <CreateUserModal open={creating} onClose={() => setCreating(false)} />
    </div>
  )
}
