// Full-page forced password change for a session opened with a temporary password: nothing else is
// reachable until session:changePassword succeeds (main enforces this too: PASSWORD_CHANGE_REQUIRED).
import { Alert, Card, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { AuthLayout } from '../components/AuthLayout'
import { ChangePasswordForm } from '../components/ChangePasswordForm'
import { LockButton } from '../components/LockButton'
import { useSession } from '../stores/context'

export function ForcePasswordChange() {
  const { t } = useTranslation()
  const displayName = useSession((s) => s.session?.displayName ?? '')
  const firmName = useSession((s) => s.session?.firmName ?? '')
  return (
    <AuthLayout width={460} extra={<LockButton />} testId="screen-change-password">
      <Card className="auth-card">
        <Typography.Text type="secondary">
          {firmName} · {displayName}
        </Typography.Text>
        <Typography.Title level={3} style={{ marginTop: 4 }}>
          {t('changePassword.forcedTitle')}
        </Typography.Title>
        <Alert type="info" showIcon title={t('changePassword.forcedIntro')} style={{ marginBottom: 16 }} />
        <ChangePasswordForm forced />
      </Card>
    </AuthLayout>
  )
}
