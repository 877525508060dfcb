// 客户账套: the clients the user may see, searchable by name or 统一社会信用代码; 新建账套 for holders of
// clients:create; per-client staff assignment for holders of clients:assign; 打开 enters the workspace.
import { useEffect, useRef, useState, type HTMLAttributes } from 'react'
import { App, Button, Card, Empty, Input, Space, Table, Tag, Typography } from 'antd'
import type { TableColumnsType } from 'antd'
import { FolderOpenOutlined, PlusOutlined, ReloadOutlined, TeamOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import type { ClientSummary } from '../../../../shared/ipc/contract'
import { ErrorAlert } from '../../components/ErrorAlert'
import { currentLanguage } from '../../i18n'
import { useClients, useStores } from '../../stores/context'
import { useCan } from '../components/useCan'
import { formatPeriod } from '../period'
import { AssignDrawer } from './AssignDrawer'
import { CreateClientModal } from './CreateClientModal'

export function ClientsPage() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const { clients: store, workspace } = useStores().ledger
  const clients = useClients((s) => s.clients)
  const query = useClients((s) => s.query)
  const loaded = useClients((s) => s.loaded)
  const loading = useClients((s) => s.loading)
  const loadError = useClients((s) => s.loadError)
  const canCreate = useCan('clients:create')
  const canAssign = useCan('clients:assign')
  const [creating, setCreating] = useState(false)
  const [text, setText] = useState(query)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const lang = currentLanguage()

  useEffect(() => {
    // fresh counts (unposted, current period) every time the list is shown
    void store.getState().load()
    return () => {
      if (timer.current) clearTimeout(timer.current)
    }
  }, [store])

  const search = (q: string) => {
    setText(q)
    if (timer.current) clearTimeout(timer.current)
    timer.current = setTimeout(() => void store.getState().load(q), 250)
  }

  const open = (c: ClientSummary) => void workspace.getState().open(c)

  const columns: TableColumnsType<ClientSummary> = [
    {
      title: t('ledger.clients.name'),
      dataIndex: 'name',
      key: 'name',
      ellipsis: true,
      render: (name: string, c) => (
        <Typography.Link onClick={() => open(c)} strong>
          {name}
        </Typography.Link>
      ),
    },
    { title: t('ledger.clients.uscc'), dataIndex: 'uscc', key: 'uscc', width: 190, render: (u: string) => <span className="mono">{u}</span> },
    { title: t('ledger.clients.standard'), key: 'standard', width: 140, render: (_, c) => t(`ledger.standardShort.${c.standard}`) },
    { title: t('ledger.clients.currentPeriod'), key: 'current', width: 120, render: (_, c) => formatPeriod(c.currentPeriod, lang) },
    {
      title: t('ledger.clients.unposted'),
      dataIndex: 'unpostedCount',
      key: 'unposted',
      width: 100,
      align: 'right',
      render: (n: number) => (n > 0 ? <Tag color="orange">{n}</Tag> : <span className="label-muted">0</span>),
    },
    {
      title: t('ledger.clients.lastClosed'),
      key: 'lastClosed',
      width: 110,
      render: (_, c) => (c.lastClosedPeriod ? formatPeriod(c.lastClosedPeriod, lang) : <span className="label-muted">{t('ledger.clients.notClosed')}</span>),
    },
    {
      title: t('ledger.clients.actions'),
      key: 'actions',
      width: canAssign ? 180 : 96,
      render: (_, c) => (
        <Space size={4}>
          <Button type="link" size="small" icon={<FolderOpenOutlined />} onClick={() => open(c)} data-testid={`client-open-${c.uscc}`}>
            {t('ledger.clients.open')}
          </Button>
          {canAssign && (
            <Button type="link" size="small" icon={<TeamOutlined />} onClick={() => void store.getState().openAssignments(c.id)} data-testid={`client-assign-${c.uscc}`}>
              {t('ledger.clients.assign')}
            </Button>
          )}
        </Space>
      ),
    },
  ]

  return (
    <div className="page page-wide" data-testid="page-clients">
      <div className="page-heading">
        <div>
          <Typography.Title level={3} className="page-title">
            {t('ledger.clients.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('ledger.clients.intro')}</Typography.Text>
        </div>
        <Space>
          <Button icon={<ReloadOutlined />} onClick={() => void store.getState().load()} loading={loading}>
            {t('common.refresh')}
          </Button>
          {canCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="clients-create">
              {t('ledger.clients.create')}
            </Button>
          )}
        </Space>
      </div>
      <Input.Search
        className="clients-search"
        placeholder={t('ledger.clients.search')}
        value={text}
        onChange={(e) => search(e.target.value)}
        onSearch={(q) => void store.getState().load(q)}
        allowClear
        data-testid="clients-search"
      />
      <ErrorAlert error={loadError} testId="clients-error" />
      <Card styles={{ body: { padding: 0 } }}>
        <Table<ClientSummary>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={clients}
          loading={loading && !loaded}
          pagination={clients.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
          locale={{
            emptyText: (
              <Empty description={query ? t('ledger.clients.noMatch') : t('ledger.clients.empty')}>
                {!query && <Typography.Text type="secondary">{canCreate ? t('ledger.clients.emptyCreate') : t('ledger.clients.emptyAsk')}</Typography.Text>}
              </Empty>
            ),
          }}
          onRow={(c) =>
            ({
              'data-testid': `client-row-${c.uscc}`,
              onDoubleClick: () => open(c),
            }) as HTMLAttributes<HTMLElement>
          }
        />
      </Card>
      <CreateClientModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(c) => {
          setCreating(false)
          void message.success(t('ledger.clients.created', { name: c.name }))
        }}
      />
      <AssignDrawer />
    </div>
  )
}
