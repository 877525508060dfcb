// A client's workspace: header (client, current period, the period picker the screens work in) and a
// sub-navigation with one entry per registered screen (workspaceScreens.tsx), then that screen.
import { useMemo } from 'react'
import { Alert, Button, DatePicker, Menu, Space, Tag, Tooltip, Typography } from 'antd'
import type { MenuProps } from 'antd'
import { ArrowLeftOutlined, LockOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { ErrorAlert } from '../../components/ErrorAlert'
import { currentLanguage } from '../../i18n'
import { useSession, useStores, useWorkspace } from '../../stores/context'
import { dayjsToPeriod, periodToDayjs } from '../components/dates'
import { useGuard } from '../components/useGuard'
import { WorkspaceNavContext, type WorkspaceNav } from '../components/workspaceNav'
import { formatPeriod } from '../period'
import type { WorkspaceScreenKey } from '../stores/workspaceStore'
import { visibleScreens, WORKSPACE_SCREENS } from './workspaceScreens'

export function Workspace() {
  const { t } = useTranslation()
  const { workspace } = useStores().ledger
  const client = useWorkspace((s) => s.client)
  const screen = useWorkspace((s) => s.screen)
  const period = useWorkspace((s) => s.period)
  const current = useWorkspace((s) => s.currentPeriod)
  const lastClosed = useWorkspace((s) => s.lastClosedPeriod)
  const error = useWorkspace((s) => s.error)
  const permissions = useSession((s) => s.session?.permissions)
  const guard = useGuard()
  const lang = currentLanguage()

  const screens = useMemo(() => visibleScreens(permissions ?? []), [permissions])
  const nav = useMemo<WorkspaceNav>(
    () => ({
      has: (k) => screens.includes(k),
      go: (k, params) => {
        if (!screens.includes(k)) return false
        workspace.getState().go(k, params)
        return true
      },
    }),
    [screens, workspace],
  )
  if (!client) return null
  const shown: WorkspaceScreenKey = screens.includes(screen) ? screen : (screens[0] ?? 'entry')
  const Screen = WORKSPACE_SCREENS[shown]?.Component

  const items: MenuProps['items'] = screens.map((k) => ({
    key: k,
    icon: WORKSPACE_SCREENS[k]?.icon,
    label: <span data-testid={`workspace-nav-${k}`}>{t(`ledger.workspace.screens.${k}`)}</span>,
  }))

  return (
    <div className="workspace" data-testid="workspace" data-client={client.uscc}>
      <div className="workspace-header">
        <Tooltip title={t('ledger.workspace.back')}>
          <Button
            type="text"
            icon={<ArrowLeftOutlined />}
            aria-label={t('ledger.workspace.back')}
            onClick={() => guard(() => workspace.getState().close())}
            data-testid="workspace-back"
          />
        </Tooltip>
        <div className="workspace-title">
          <Typography.Text strong className="workspace-client" data-testid="workspace-client-name" ellipsis={{ tooltip: client.name }}>
            {client.name}
          </Typography.Text>
          <span className="workspace-sub mono">{client.uscc}</span>
          <Tag className="workspace-tag">{t(`ledger.standardShort.${client.standard}`)}</Tag>
        </div>
        <Space size={16} className="workspace-periods">
          <span>
            <span className="label-muted">{t('ledger.workspace.currentPeriod')}</span>
            <Tag color="blue" data-testid="workspace-current-period" data-period={current}>
              {formatPeriod(current, lang)}
            </Tag>
          </span>
          <span>
            <span className="label-muted">{t('ledger.workspace.period')}</span>
            <DatePicker
              picker="month"
              value={periodToDayjs(period)}
              format="YYYY-MM"
              allowClear={false}
              onChange={(d) => workspace.getState().setPeriod(dayjsToPeriod(d))}
              disabledDate={(d) => dayjsToPeriod(d) < client.firstPeriod}
              data-testid="workspace-period"
              aria-label={t('ledger.workspace.period')}
              style={{ width: 120 }}
              suffixIcon={lastClosed && period <= lastClosed ? <LockOutlined /> : undefined}
            />
            {lastClosed && period <= lastClosed && (
              <Tag className="closed-tag" data-testid="workspace-period-closed">
                {t('ledger.workspace.closedPeriod')}
              </Tag>
            )}
          </span>
        </Space>
      </div>
      <Menu
        mode="horizontal"
        // every screen stays one click away: entries wrap instead of folding into a "…" menu
        disabledOverflow
        className="workspace-nav"
        selectedKeys={[shown]}
        items={items}
        onClick={({ key }) => workspace.getState().go(key as WorkspaceScreenKey)}
      />
      {error && (
        <div className="workspace-error">
          <ErrorAlert error={error} testId="workspace-error" onClose={() => workspace.getState().clearError()} />
        </div>
      )}
      <WorkspaceNavContext.Provider value={nav}>
        <div className="workspace-body">{Screen ? <Screen /> : <Alert type="info" title="—" />}</div>
      </WorkspaceNavContext.Provider>
    </div>
  )
}
