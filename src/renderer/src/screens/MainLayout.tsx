// The unlocked app: Sider navigation (only pages that exist and that the role may use), a header with
// firm, user, language and lock, and the current page (客户账套 holds the client list or a workspace).
import { useMemo, useState } from 'react'
import { Avatar, Layout, Menu, Space, Typography } from 'antd'
import type { MenuProps } from 'antd'
import { BookOutlined, HomeOutlined, SettingOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import type { Permission } from '../../../shared/ipc/contract'
import { Brand } from '../components/Brand'
import { LanguageSwitch } from '../components/LanguageSwitch'
import { LockButton } from '../components/LockButton'
import { LedgerPage } from '../ledger/screens/LedgerPage'
import { useGuard } from '../ledger/components/useGuard'
import { useSession, useStores } from '../stores/context'
import { AccountPage } from './AccountPage'
import { HomePage } from './HomePage'
import { SettingsPage } from './SettingsPage'
import { UsersPage } from './UsersPage'

type PageKey = 'home' | 'clients' | 'users' | 'settings' | 'account'

const PAGES: { key: PageKey; icon: React.ReactNode; permission?: Permission }[] = [
  { key: 'home', icon: <HomeOutlined /> },
  { key: 'clients', icon: <BookOutlined />, permission: 'ledger:read' },
  { key: 'users', icon: <TeamOutlined />, permission: 'users:manage' },
  { key: 'settings', icon: <SettingOutlined />, permission: 'settings:manage' },
  { key: 'account', icon: <UserOutlined /> },
]

export function MainLayout() {
  const { t } = useTranslation()
  const session = useSession((s) => s.session)
  const [page, setPage] = useState<PageKey>('home')
  const { workspace } = useStores().ledger
  const guard = useGuard()
  const permissions = session?.permissions
  const visible = useMemo(
    () => PAGES.filter((p) => !p.permission || (permissions ?? []).includes(p.permission)),
    [permissions],
  )
  if (!session) return null
  const current = visible.some((p) => p.key === page) ? page : 'home'

  const items: MenuProps['items'] = visible.map((p) => ({
    key: p.key,
    icon: p.icon,
    label: <span data-testid={`nav-${p.key}`}>{t(`layout.nav.${p.key}`)}</span>,
  }))

  return (
    <Layout className="main-layout">
      <Layout.Sider width={208} theme="dark" className="main-sider">
        <div className="sider-brand">
          <Brand inverse />
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[current]}
          items={items}
          onClick={({ key }) => {
            // 客户账套 chosen again from inside a workspace goes back to the client list
            if (key === 'clients' && current === 'clients' && workspace.getState().client) guard(() => workspace.getState().close())
            setPage(key as PageKey)
          }}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="main-header">
          <Typography.Text strong className="header-firm" data-testid="firm-name" ellipsis={{ tooltip: session.firmName }}>
            {session.firmName}
          </Typography.Text>
          <Space size={8} className="header-actions">
            <span className="current-user" data-testid="current-user">
              <Avatar size="small" icon={<UserOutlined />} className="current-user-avatar" />
              <span className="current-user-name">{session.displayName}</span>
              <span className="current-user-role">{t(`roles.${session.role}`)}</span>
            </span>
            <LanguageSwitch />
            <LockButton />
          </Space>
        </Layout.Header>
        <Layout.Content className="main-content">
          {current === 'home' && <HomePage />}
          {current === 'clients' && <LedgerPage />}
          {current === 'users' && <UsersPage />}
          {current === 'settings' && <SettingsPage />}
          {current === 'account' && <AccountPage />}
        </Layout.Content>
      </Layout>
    </Layout>
  )
}
