// 会计科目: the client's chart as a tree (search by code, name or pinyin initials), 新增下级科目 with the next
// free code under the coding scheme, 修改, 停用/启用; and the auxiliary items per type with 新增. Writes need
// ledger:write; the chart is read from (and reloaded into) the workspace store.
import { useMemo, useState, type HTMLAttributes, type Key } from 'react'
import { useStore } from 'zustand'
import { App, Button, Checkbox, Form, Input, Modal, Space, Switch, Table, Tabs, Tag, Typography } from 'antd'
import type { TableColumnsType } from 'antd'
import { CheckOutlined, EditOutlined, LockOutlined, PlusOutlined } from '@ant-design/icons'
import { AUX_TYPES, type AuxItem, type AuxType } from '../../../../shared/ipc/contract'
import type { AppErrorData } from '../../../../shared/ipc/result'
import { useStores, useWorkspace } from '../../stores/context'
import type { IndexedAccount } from '../accounts'
import { useCan } from '../components/useCan'
import { accountTree, ancestorsOf, childCodeLength, fitsUnder, nextFreeCode, searchAccounts, type AccountNode } from './logic'
import { BooksError, useScreenStore } from './shared'
import { createChartStore, type ChartOp, type ChartStore } from './stores/chartStore'
import { useBooksText, type BooksT } from './text'

type FormMode = { kind: 'add'; parent: IndexedAccount } | { kind: 'edit'; account: IndexedAccount }

interface AccountForm {
  code: string
  name: string
  auxTypes: AuxType[]
  sensitive: boolean
}

function chartErrorText(op: ChartOp | null, code: string) {
  return (error: AppErrorData, bt: BooksT): string | null => {
    if (error.code === 'CONFLICT') return op === 'aux' ? bt('auxItems.conflict', { code }) : bt('accounts.conflict', { code })
    if (error.code === 'INVALID_STATE' && op === 'update') return bt('accounts.auxChangeRefused')
    return null
  }
}

export function AccountsPage() {
  const { bt } = useBooksText()
  const { workspace } = useStores().ledger
  const chart = useScreenStore((api, clientId) => createChartStore({ accounts: api.accounts, auxItems: api.auxItems }, { clientId, refresh: () => workspace.getState().loadChart() }))
  const canWrite = useCan('ledger:write')
  if (!chart) return null
  return (
    <div data-testid="accounts-page">
      {!canWrite && (
        <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
          <LockOutlined /> {bt('accounts.readOnly')}
        </Typography.Text>
      )}
      <Tabs
        size="small"
        items={[
          { key: 'chart', label: <span data-testid="accounts-tab-chart">{bt('accounts.tabChart')}</span>, children: <ChartTab store={chart} canWrite={canWrite} /> },
          { key: 'aux', label: <span data-testid="accounts-tab-aux">{bt('accounts.tabAux')}</span>, children: <AuxTab store={chart} canWrite={canWrite} /> },
        ]}
      />
    </div>
  )
}

function ChartTab({ store, canWrite }: { store: ChartStore; canWrite: boolean }) {
  const { bt } = useBooksText()
  const { modal, message } = App.useApp()
  const client = useWorkspace((s) => s.client)
  const index = useWorkspace((s) => s.chart)
  const loading = useWorkspace((s) => s.chartLoading)
  const saving = useStore(store, (s) => s.saving)
  const error = useStore(store, (s) => s.error)
  const errorOp = useStore(store, (s) => s.errorOp)
  const [query, setQuery] = useState('')
  const [selected, setSelected] = useState<string | null>(null)
  const [expanded, setExpanded] = useState<readonly Key[]>([])
  const [mode, setMode] = useState<FormMode | null>(null)
  const [lastCode, setLastCode] = useState('')
  const [form] = Form.useForm<AccountForm>()
  const scheme = client?.codingScheme ?? '4-2-2'

  const tree = useMemo(() => accountTree(index.list), [index])
  const found = useMemo(() => (query.trim() ? searchAccounts(index.list, query) : null), [index, query])
  const sel = selected ? index.byCode.get(selected) : undefined

  const openAdd = () => {
    if (!sel) return
    const code = nextFreeCode(sel.code, scheme, index.byCode.keys()) ?? ''
    store.getState().clearError()
    form.setFieldsValue({ code, name: '', auxTypes: [...sel.auxTypes], sensitive: sel.sensitive })
    setMode({ kind: 'add', parent: sel })
  }
  const openEdit = (a: IndexedAccount) => {
    store.getState().clearError()
    form.setFieldsValue({ code: a.code, name: a.name, auxTypes: [...a.auxTypes], sensitive: a.sensitive })
    setMode({ kind: 'edit', account: a })
  }
  const submit = async () => {
    if (!mode) return
    const v = await form.validateFields().catch(() => null)
    if (!v) return
    setLastCode(v.code)
    if (mode.kind === 'add') {
      const made = await store.getState().createAccount({ parentCode: mode.parent.code, code: v.code.trim(), name: v.name.trim(), auxTypes: v.auxTypes, sensitive: v.sensitive })
      if (!made) return
      setMode(null)
      setSelected(made.code)
      setExpanded((e) => [...new Set([...e, ...ancestorsOf(made.parentCode ?? '', index.byCode), made.parentCode ?? ''])])
      message.success(bt('accounts.created', { code: made.code, name: made.name }))
    } else {
      const a = mode.account
      const auxChanged = JSON.stringify([...v.auxTypes].sort()) !== JSON.stringify([...a.auxTypes].sort())
      const done = await store.getState().updateAccount({
        code: a.code,
        name: v.name.trim() !== a.name ? v.name.trim() : undefined,
        auxTypes: auxChanged ? v.auxTypes : undefined,
        sensitive: v.sensitive !== a.sensitive ? v.sensitive : undefined,
      })
      if (!done) return
      setMode(null)
      message.success(bt('accounts.saved'))
    }
  }
  const toggle = (a: IndexedAccount) => {
    const run = () => void store.getState().setActive(a.code, !a.active)
    if (!a.active) return run()
    modal.confirm({ title: bt('accounts.disableConfirm', { code: a.code, name: a.name }), okText: bt('accounts.disable'), okButtonProps: { danger: true, ...({ 'data-testid': 'account-toggle-confirm' } as Record<string, string>) }, cancelText: bt('common.cancel'), onOk: run })
  }

  const columns: TableColumnsType<AccountNode> = [
    { title: bt('accounts.code'), dataIndex: 'code', key: 'code', width: 150, render: (c: string) => <span className="mono">{c}</span> },
    { title: bt('accounts.name'), dataIndex: 'name', key: 'name', ellipsis: true, render: (n: string, a) => (found ? a.fullName : n) },
    { title: bt('accounts.category'), dataIndex: 'category', key: 'category', width: 96, render: (c: AccountNode['category']) => bt(`category.${c}`) },
    { title: bt('accounts.direction'), dataIndex: 'direction', key: 'direction', width: 76, align: 'center', render: (d: 'debit' | 'credit') => bt(`common.dir.${d}`) },
    {
      title: bt('accounts.aux'),
      dataIndex: 'auxTypes',
      key: 'aux',
      width: 170,
      render: (types: AuxType[]) => (
        <Space size={2} wrap>
          {types.map((x) => (
            <Tag key={x} color="blue" style={{ marginInlineEnd: 0 }}>
              {bt(`aux.${x}`)}
            </Tag>
          ))}
        </Space>
      ),
    },
    { title: bt('accounts.sensitive'), dataIndex: 'sensitive', key: 'sensitive', width: 60, align: 'center', render: (s: boolean) => (s ? <LockOutlined /> : null) },
    { title: bt('accounts.leaf'), dataIndex: 'isLeaf', key: 'leaf', width: 56, align: 'center', render: (l: boolean) => (l ? <CheckOutlined /> : null) },
    {
      title: bt('accounts.active'),
      dataIndex: 'active',
      key: 'active',
      width: 70,
      align: 'center',
      render: (on: boolean) => (on ? <Tag color="success">{bt('accounts.activeOn')}</Tag> : <Tag>{bt('accounts.activeOff')}</Tag>),
    },
  ]
  if (canWrite) {
    columns.push({
      title: bt('accounts.actions'),
      key: 'actions',
      width: 120,
      render: (_: unknown, a) => (
        <Space size={0} onClick={(e) => e.stopPropagation()}>
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => openEdit(a)} data-testid={`account-edit-${a.code}`}>
            {bt('accounts.edit')}
          </Button>
          <Button type="link" size="small" danger={a.active} onClick={() => toggle(a)} data-testid={`account-toggle-${a.code}`} data-active={a.active}>
            {a.active ? bt('accounts.disable') : bt('accounts.enable')}
          </Button>
        </Space>
      ),
    })
  }

  const depthFull = sel ? childCodeLength(sel.code, scheme) === null : false
  const parentStuck = sel ? sel.isLeaf && sel.hasPostings : false
  const addTip = !sel ? bt('accounts.selectParent') : depthFull ? bt('accounts.noDeeper') : parentStuck ? bt('accounts.parentHasAmounts') : ''
  const childLen = mode?.kind === 'add' ? childCodeLength(mode.parent.code, scheme) : null

  return (
    <div>
      <div className="filter-bar">
        <Input.Search allowClear placeholder={bt('accounts.search')} value={query} onChange={(e) => setQuery(e.target.value)} style={{ width: 300 }} data-testid="accounts-search" />
        <span className="filter-spacer" />
        {canWrite && (
          <>
            {addTip && <Typography.Text type="secondary">{addTip}</Typography.Text>}
            <Button type="primary" icon={<PlusOutlined />} disabled={!!addTip} onClick={openAdd} data-testid="account-add-child">
              {bt('accounts.addChild')}
            </Button>
          </>
        )}
      </div>
      {!mode && <BooksError error={error} testId="accounts-error" onClose={() => store.getState().clearError()} special={chartErrorText(errorOp, lastCode)} />}
      <Table<AccountNode>
        className="tb-table"
        rowKey="code"
        size="small"
        bordered
        columns={columns}
        dataSource={found ?? tree}
        loading={loading}
        pagination={false}
        sticky
        expandable={found ? { childrenColumnName: '__none' } : { expandedRowKeys: expanded, onExpandedRowsChange: (keys) => setExpanded(keys) }}
        rowClassName={(a) => [a.code === selected ? 'row-selected-period' : '', a.level === 1 ? 'tb-level-1' : '', a.active ? '' : 'row-inactive'].join(' ')}
        onRow={(a) =>
          ({
            'data-testid': `account-row-${a.code}`,
            'data-active': a.active,
            onClick: () => setSelected(a.code),
            style: { cursor: 'pointer', opacity: a.active ? 1 : 0.55 },
          }) as HTMLAttributes<HTMLElement>
        }
      />
      <Modal
        open={mode !== null}
        title={mode?.kind === 'add' ? bt('accounts.addTitle', { parent: `${mode.parent.code} ${mode.parent.fullName}` }) : mode ? bt('accounts.editTitle', { code: mode.account.code }) : ''}
        onCancel={() => {
          setMode(null)
          store.getState().clearError()
        }}
        onOk={() => void submit()}
        okText={bt('common.save')}
        cancelText={bt('common.cancel')}
        confirmLoading={saving}
        okButtonProps={{ ...({ 'data-testid': 'account-submit' } as Record<string, string>) }}
        forceRender
      >
        {mode && <BooksError error={error} testId="account-form-error" special={chartErrorText(errorOp, lastCode)} />}
        <Form form={form} layout="vertical" requiredMark={false}>
          <Form.Item
            name="code"
            label={bt('accounts.code')}
            extra={mode?.kind === 'add' && childLen ? bt('accounts.codeHint', { scheme, width: childLen - mode.parent.code.length }) : undefined}
            rules={[
              {
                validator: async (_, v: string) => {
                  if (mode?.kind !== 'add') return
                  if (!fitsUnder((v ?? '').trim(), mode.parent.code, scheme)) throw new Error(bt('accounts.codeBad', { parent: mode.parent.code, length: childLen ?? 0 }))
                },
              },
            ]}
          >
            <Input className="mono" disabled={mode?.kind === 'edit'} maxLength={16} data-testid="account-code" />
          </Form.Item>
          <Form.Item name="name" label={bt('accounts.name')} rules={[{ required: true, whitespace: true, message: bt('accounts.nameRequired') }]}>
            <Input maxLength={60} data-testid="account-name" autoFocus />
          </Form.Item>
          <Form.Item
            name="auxTypes"
            label={bt('accounts.aux')}
            extra={mode?.kind === 'edit' && mode.account.hasPostings ? bt('accounts.auxLocked') : undefined}
          >
            <Checkbox.Group data-testid="account-aux" disabled={mode?.kind === 'edit' && mode.account.hasPostings} options={AUX_TYPES.map((x) => ({ value: x, label: bt(`aux.${x}`) }))} />
          </Form.Item>
          <Form.Item name="sensitive" label={bt('accounts.sensitive')} valuePropName="checked">
            <Switch size="small" data-testid="account-sensitive" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  )
}

function AuxTab({ store, canWrite }: { store: ChartStore; canWrite: boolean }) {
  const { bt } = useBooksText()
  const { message } = App.useApp()
  const items = useWorkspace((s) => s.auxItems)
  const saving = useStore(store, (s) => s.saving)
  const error = useStore(store, (s) => s.error)
  const errorOp = useStore(store, (s) => s.errorOp)
  const [type, setType] = useState<AuxType>('customer')
  const [adding, setAdding] = useState(false)
  const [lastCode, setLastCode] = useState('')
  const [form] = Form.useForm<{ code: string; name: string; sensitive: boolean }>()
  const shown = items.filter((i) => i.type === type)

  const submit = async () => {
    const v = await form.validateFields().catch(() => null)
    if (!v) return
    setLastCode(v.code.trim())
    const made = await store.getState().createAuxItem({ type, code: v.code.trim(), name: v.name.trim(), sensitive: !!v.sensitive })
    if (!made) return
    setAdding(false)
    message.success(`${made.code} ${made.name}`)
  }

  const columns: TableColumnsType<AuxItem> = [
    { title: bt('auxItems.code'), dataIndex: 'code', key: 'code', width: 160, render: (c: string) => <span className="mono">{c}</span> },
    { title: bt('auxItems.name'), dataIndex: 'name', key: 'name' },
    { title: bt('accounts.sensitive'), dataIndex: 'sensitive', key: 'sensitive', width: 70, align: 'center', render: (s: boolean) => (s ? <LockOutlined /> : null) },
    { title: bt('accounts.active'), dataIndex: 'active', key: 'active', width: 80, align: 'center', render: (on: boolean) => (on ? <Tag color="success">{bt('accounts.activeOn')}</Tag> : <Tag>{bt('auxItems.inactive')}</Tag>) },
  ]

  return (
    <div>
      <Tabs
        size="small"
        type="card"
        activeKey={type}
        onChange={(k) => setType(k as AuxType)}
        items={AUX_TYPES.map((x) => ({ key: x, label: <span data-testid={`aux-tab-${x}`}>{bt(`aux.${x}`)}</span> }))}
        tabBarExtraContent={
          canWrite ? (
            <Button
              icon={<PlusOutlined />}
              onClick={() => {
                store.getState().clearError()
                form.resetFields()
                setAdding(true)
              }}
              data-testid="aux-add"
            >
              {bt('auxItems.add')}
            </Button>
          ) : undefined
        }
      />
      {!adding && <BooksError error={error} testId="aux-error" onClose={() => store.getState().clearError()} special={chartErrorText(errorOp, lastCode)} />}
      <Table<AuxItem>
        className="tb-table"
        rowKey="id"
        size="small"
        bordered
        columns={columns}
        dataSource={shown}
        pagination={false}
        locale={{ emptyText: bt('auxItems.empty', { type: bt(`aux.${type}`) }) }}
        onRow={(i) => ({ 'data-testid': `aux-row-${i.code}` }) as HTMLAttributes<HTMLElement>}
      />
      <Modal
        open={adding}
        title={bt('auxItems.addTitle', { type: bt(`aux.${type}`) })}
        onCancel={() => {
          setAdding(false)
          store.getState().clearError()
        }}
        onOk={() => void submit()}
        okText={bt('common.save')}
        cancelText={bt('common.cancel')}
        confirmLoading={saving}
        okButtonProps={{ ...({ 'data-testid': 'aux-submit' } as Record<string, string>) }}
        forceRender
      >
        {adding && <BooksError error={error} testId="aux-form-error" special={chartErrorText(errorOp, lastCode)} />}
        <Form form={form} layout="vertical" requiredMark={false} initialValues={{ sensitive: type === 'employee' }}>
          <Form.Item name="code" label={bt('auxItems.code')} rules={[{ required: true, whitespace: true, message: bt('auxItems.codeRequired') }]}>
            <Input className="mono" maxLength={20} data-testid="aux-code" autoFocus />
          </Form.Item>
          <Form.Item name="name" label={bt('auxItems.name')} rules={[{ required: true, whitespace: true, message: bt('auxItems.nameRequired') }]}>
            <Input maxLength={100} data-testid="aux-name" />
          </Form.Item>
          <Form.Item name="sensitive" label={bt('accounts.sensitive')} valuePropName="checked">
            <Switch size="small" data-testid="aux-sensitive" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  )
}
