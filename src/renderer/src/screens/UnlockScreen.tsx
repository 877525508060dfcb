// The unlock screen: why the app was locked, username + password, or the recovery kit route for an admin
// who forgot the password (session:recover sets a new password and unlocks).
import { useState } from 'react'
import { Alert, Button, Card, Form, Input, Typography } from 'antd'
import { KeyOutlined, LockOutlined, UserOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import type { LockReason } from '../../../shared/ipc/contract'
import { AuthLayout } from '../components/AuthLayout'
import { ErrorAlert } from '../components/ErrorAlert'
import { PasswordFeedback } from '../components/PasswordFeedback'
import { useSession } from '../stores/context'
import type { TFunction } from 'i18next'

export function lockReasonText(t: TFunction, reason: LockReason, idleMinutes: number | null): string {
  if (reason === 'idle') {
    return idleMinutes ? t('unlock.reason.idle', { count: idleMinutes }) : t('unlock.reason.idleUnknown')
  }
  return t(`unlock.reason.${reason}`)
}

export function UnlockScreen() {
  const [mode, setMode] = useState<'password' | 'recover'>('password')
  const clearError = useSession((s) => s.clearError)
  const switchTo = (m: 'password' | 'recover') => {
    clearError('unlock')
    clearError('recover')
    setMode(m)
  }
  return (
    <AuthLayout width={mode === 'password' ? 400 : 480} testId="screen-unlock">
      {mode === 'password' ? (
        <PasswordUnlock onUseRecovery={() => switchTo('recover')} />
      ) : (
        <RecoveryUnlock onBack={() => switchTo('password')} />
      )}
    </AuthLayout>
  )
}

function LockReasonNotice() {
  const { t } = useTranslation()
  const reason = useSession((s) => s.lockReason)
  const idleMinutes = useSession((s) => s.lockIdleMinutes)
  if (!reason) return null
  return (
    <Alert
      type={reason === 'user-disabled' ? 'warning' : 'info'}
      showIcon
      icon={<LockOutlined />}
      data-testid="lock-reason"
      data-reason={reason}
      title={lockReasonText(t, reason, idleMinutes)}
      style={{ marginBottom: 16 }}
    />
  )
}

interface UnlockValues {
  username: string
  password: string
}

function PasswordUnlock({ onUseRecovery }: { onUseRecovery: () => void }) {
  const { t } = useTranslation()
  const [form] = Form.useForm<UnlockValues>()
  const unlock = useSession((s) => s.unlock)
  const pending = useSession((s) => s.pending === 'unlock')
  const error = useSession((s) => s.errors.unlock)
  const lastUsername = useSession((s) => s.lastUsername)

  const onFinish = async (v: UnlockValues) => {
    if (!(await unlock(v.username.trim(), v.password))) form.setFieldValue('password', '')
  }

  return (
    <Card className="auth-card">
      <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
        {t('unlock.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('unlock.subtitle')}</Typography.Paragraph>
      <LockReasonNotice />
      <ErrorAlert error={error} testId="unlock-error" />
      <Form<UnlockValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ username: lastUsername, password: '' }}
        onFinish={onFinish}
        autoComplete="off"
      >
        <Form.Item name="username" label={t('common.username')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input prefix={<UserOutlined />} data-testid="unlock-username" autoFocus={!lastUsername} maxLength={64} />
        </Form.Item>
        <Form.Item name="password" label={t('common.password')} rules={[{ required: true, message: t('common.required') }]}>
          <Input.Password
            prefix={<KeyOutlined />}
            data-testid="unlock-password"
            autoFocus={!!lastUsername}
            autoComplete="current-password"
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={pending} data-testid="unlock-submit">
          {t('unlock.submit')}
        </Button>
      </Form>
      <div className="auth-footer-link">
        <Button type="link" onClick={onUseRecovery} data-testid="unlock-use-recovery">
          {t('unlock.useRecovery')}
        </Button>
      </div>
    </Card>
  )
}

interface RecoverValues {
  username: string
  secret: string
  password: string
  confirm: string
}

function RecoveryUnlock({ onBack }: { onBack: () => void }) {
  const { t } = useTranslation()
  const [form] = Form.useForm<RecoverValues>()
  const recover = useSession((s) => s.recover)
  const pending = useSession((s) => s.pending === 'recover')
  const error = useSession((s) => s.errors.recover)
  const lastUsername = useSession((s) => s.lastUsername)
  const password = Form.useWatch('password', form) ?? ''
  const username = Form.useWatch('username', form) ?? ''

  const onFinish = (v: RecoverValues) => void recover(v.username.trim(), v.secret.trim(), v.password)

  return (
    <Card className="auth-card">
      <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
        {t('recover.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('recover.intro')}</Typography.Paragraph>
      <LockReasonNotice />
      <ErrorAlert error={error} testId="unlock-error" />
      <Form<RecoverValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ username: lastUsername }}
        onFinish={onFinish}
        autoComplete="off"
      >
        <Form.Item name="username" label={t('recover.username')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input prefix={<UserOutlined />} data-testid="recover-username" maxLength={64} autoFocus={!lastUsername} />
        </Form.Item>
        <Form.Item name="secret" label={t('recover.secret')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input.TextArea
            data-testid="recover-secret"
            className="recovery-input"
            placeholder={t('recover.secretPlaceholder')}
            autoSize={{ minRows: 2, maxRows: 4 }}
            maxLength={200}
            spellCheck={false}
            autoFocus={!!lastUsername}
          />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('recover.newPassword')}
          rules={[{ required: true, message: t('common.required') }]}
          extra={<PasswordFeedback password={password} username={username} />}
        >
          <Input.Password data-testid="recover-new-password" autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('recover.newPasswordConfirm')}
          dependencies={['password']}
          rules={[
            { required: true, message: t('common.required') },
            ({ getFieldValue }) => ({
              validator: (_, v: string) =>
                !v || v === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error(t('common.passwordsDiffer'))),
            }),
          ]}
        >
          <Input.Password data-testid="recover-new-password-confirm" autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={pending} data-testid="recover-submit">
          {t('recover.submit')}
        </Button>
      </Form>
      <div className="auth-footer-link">
        <Button type="link" onClick={onBack} data-testid="recover-back">
          {t('recover.back')}
        </Button>
      </div>
    </Card>
  )
}
