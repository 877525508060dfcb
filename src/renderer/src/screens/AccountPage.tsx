// The signed-in user's own account: who they are and a voluntary password change.
import { useState } from 'react'
import { Alert, App, Card, Descriptions, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { ChangePasswordForm } from '../components/ChangePasswordForm'
import { useSession } from '../stores/context'

export function AccountPage() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const session = useSession((s) => s.session)
  const [changed, setChanged] = useState(false)
  if (!session) return null

  return (
    <div data-testid="page-account" className="page">
      <Typography.Title level={3} className="page-title">
        {t('account.title')}
      </Typography.Title>
      <div className="account-grid">
        <Card title={t('account.info')}>
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('common.username')}>{session.username}</Descriptions.Item>
            <Descriptions.Item label={t('common.displayName')}>{session.displayName}</Descriptions.Item>
            <Descriptions.Item label={t('common.role')}>{t(`roles.${session.role}`)}</Descriptions.Item>
            <Descriptions.Item label={t('home.firm')}>{session.firmName}</Descriptions.Item>
          </Descriptions>
        </Card>
        <Card title={t('changePassword.title')}>
          {changed && (
            <Alert type="success" showIcon title={t('changePassword.done')} data-testid="password-changed" style={{ marginBottom: 16 }} />
          )}
          <ChangePasswordForm
            onDone={() => {
              setChanged(true)
              void message.success(t('changePassword.done'))
            }}
          />
        </Card>
      </div>
    </div>
  )
}
