// First-run setup: firm and admin form → recovery kit shown once (printable) → type back some groups.
// One IPC call per step (setup:begin, setup:complete); the kit is only ever held in memory.
import { useState } from 'react'
import { createPortal } from 'react-dom'
import { Alert, Button, Card, Form, Input, Space, Steps, Typography } from 'antd'
import { PrinterOutlined, SafetyCertificateOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { usernameSchema } from '../../../shared/ipc/contract'
import { AuthLayout } from '../components/AuthLayout'
import { ErrorAlert } from '../components/ErrorAlert'
import { PasswordFeedback } from '../components/PasswordFeedback'
import { currentLanguage } from '../i18n'
import { formatDateTime } from '../lib/format'
import { useSetup } from '../stores/context'
import type { SetupStep } from '../stores/setupStore'

const STEP_INDEX: Record<SetupStep, number> = { firm: 0, kit: 1, confirm: 2 }

export function SetupWizard() {
  const { t } = useTranslation()
  const step = useSetup((s) => s.step)
  return (
    <AuthLayout width={720} testId="screen-setup">
      <Card className="auth-card">
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('setup.title')}
        </Typography.Title>
        <Steps
          current={STEP_INDEX[step]}
          size="small"
          style={{ margin: '8px 0 24px' }}
          items={[{ title: t('setup.stepFirm') }, { title: t('setup.stepKit') }, { title: t('setup.stepConfirm') }]}
        />
        {step === 'firm' && <FirmStep />}
        {step === 'kit' && <KitStep />}
        {step === 'confirm' && <ConfirmStep />}
      </Card>
    </AuthLayout>
  )
}

interface FirmValues {
  firmName: string
  username: string
  displayName: string
  password: string
  confirm: string
}

function FirmStep() {
  const { t } = useTranslation()
  const [form] = Form.useForm<FirmValues>()
  const begin = useSetup((s) => s.begin)
  const pending = useSetup((s) => s.pending)
  const error = useSetup((s) => s.error)
  const clearError = useSetup((s) => s.clearError)
  const password = Form.useWatch('password', form) ?? ''
  const username = Form.useWatch('username', form) ?? ''

  const onFinish = (v: FirmValues) =>
    void begin({
      firmName: v.firmName.trim(),
      adminUsername: v.username.trim(),
      adminDisplayName: v.displayName.trim(),
      password: v.password,
    })

  return (
    <Form<FirmValues>
      form={form}
      layout="vertical"
      requiredMark={false}
      onFinish={onFinish}
      onValuesChange={() => error && clearError()}
      autoComplete="off"
    >
      <Typography.Paragraph type="secondary">{t('setup.intro')}</Typography.Paragraph>
      <ErrorAlert error={error} />
      <Form.Item
        name="firmName"
        label={t('setup.firmName')}
        rules={[
          { required: true, whitespace: true, message: t('common.required') },
        ]}
      >
        <Input data-testid="setup-firm-name" placeholder={t('setup.firmNamePlaceholder')} maxLength={100} autoFocus />
      </Form.Item>
      <div className="form-row">
        <Form.Item
          name="username"
          label={t('setup.adminUsername')}
          rules={[
            { required: true, whitespace: true, message: t('common.required') },
            {
              validator: (_, v: string) =>
                !v || usernameSchema.safeParse(v).success ? Promise.resolve() : Promise.reject(new Error(t('common.usernameRule'))),
            },
          ]}
        >
          <Input data-testid="setup-username" maxLength={32} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('setup.adminDisplayName')}
          rules={[
            { required: true, whitespace: true, message: t('common.required') },
          ]}
        >
          <Input data-testid="setup-display-name" maxLength={50} />
        </Form.Item>
      </div>
      <div className="form-row">
        <Form.Item name="password" label={t('setup.password')} rules={[{ required: true, message: t('common.required') }]}>
          <Input.Password data-testid="setup-password" autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('setup.passwordConfirm')}
          dependencies={['password']}
          rules={[
            { required: true, message: t('common.required') },
            ({ getFieldValue }) => ({
              validator: (_, v: string) =>
                !v || v === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error(t('common.passwordsDiffer'))),
            }),
          ]}
        >
          <Input.Password data-testid="setup-password-confirm" autoComplete="new-password" />
        </Form.Item>
      </div>
      <div className="password-feedback-block">
        <PasswordFeedback password={password} username={username} />
      </div>
      <div className="form-actions">
        <Button type="primary" htmlType="submit" loading={pending} data-testid="setup-next">
          {t('setup.next')}
        </Button>
      </div>
    </Form>
  )
}

function KitStep() {
  const { t } = useTranslation()
  const groups = useSetup((s) => s.recoveryGroups)
  const firmName = useSetup((s) => s.firmName)
  const generatedAt = useSetup((s) => s.generatedAt)
  const acknowledgeKit = useSetup((s) => s.acknowledgeKit)

  return (
    <div>
      <Alert
        type="warning"
        showIcon
        icon={<SafetyCertificateOutlined />}
        title={t('setup.kitTitle')}
        description={
          <>
            <div>{t('setup.kitIntro')}</div>
            <div>{t('setup.kitAdvice')}</div>
          </>
        }
        style={{ marginBottom: 16 }}
      />
      <div className="recovery-kit-header">
        <Typography.Text type="secondary">{t('setup.kitFirm')}
          {t('common.colon')}</Typography.Text>
        <Typography.Text strong data-testid="recovery-firm-name">
          {firmName}
        </Typography.Text>
      </div>
      <div className="recovery-kit" data-testid="recovery-kit">
        {groups.map((g, i) => (
          <div className="recovery-cell" key={i}>
            <span className="recovery-index">{String(i + 1).padStart(2, '0')}</span>
            <span className="recovery-group" data-testid={`recovery-group-${i + 1}`}>
              {g}
            </span>
          </div>
        ))}
      </div>
      <Typography.Text type="secondary" className="recovery-hint">
        {t('setup.kitReadHint')}
      </Typography.Text>
      <PrintSheet firmName={firmName} groups={groups} generatedAt={generatedAt} />
      <div className="form-actions">
        <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="recovery-print">
          {t('setup.print')}
        </Button>
        <Button type="primary" onClick={acknowledgeKit} data-testid="recovery-saved">
          {t('setup.saved')}
        </Button>
      </div>
    </div>
  )
}

/** What window.print() puts on paper: only the firm and the kit (the rest of the page is hidden by the print stylesheet). */
function PrintSheet({ firmName, groups, generatedAt }: { firmName: string; groups: string[]; generatedAt: string | null }) {
  const { t } = useTranslation()
  return createPortal(
    <div className="print-sheet" aria-hidden>
      <h1>
        {t('app.fullName')} · {t('setup.kitTitle')}
      </h1>
      <p>
        {t('setup.kitFirm')}
        {t('common.colon')}<strong>{firmName}</strong>
      </p>
      <p>
        {t('setup.kitPrintedAt')}
        {t('common.colon')}{formatDateTime(generatedAt, currentLanguage())}
      </p>
      <div className="print-grid">
        {groups.map((g, i) => (
          <div className="print-cell" key={i}>
            <span className="print-index">{String(i + 1).padStart(2, '0')}</span>
            <span className="print-group">{g}</span>
          </div>
        ))}
      </div>
      <p>{t('setup.kitIntro')}</p>
      <p>{t('setup.kitAdvice')}</p>
    </div>,
    document.body,
  )
}

function ConfirmStep() {
  const { t } = useTranslation()
  const confirmGroups = useSetup((s) => s.confirmGroups)
  const complete = useSetup((s) => s.complete)
  const showKitAgain = useSetup((s) => s.showKitAgain)
  const pending = useSetup((s) => s.pending)
  const error = useSetup((s) => s.error)
  const clearError = useSetup((s) => s.clearError)
  const [values, setValues] = useState<Record<number, string>>({})

  const submit = () => void complete(confirmGroups.map((n) => values[n] ?? ''))
  const allFilled = confirmGroups.every((n) => (values[n] ?? '').trim().length > 0)

  return (
    <Form layout="vertical" onFinish={submit} autoComplete="off">
      <Typography.Paragraph>{t('setup.confirmIntro')}</Typography.Paragraph>
      <ErrorAlert error={error} />
      <div className="recovery-confirm-grid">
        {confirmGroups.map((n, i) => (
          <Form.Item key={n} label={t('setup.groupLabel', { n: String(n) })} htmlFor={`recovery-confirm-${n}`}>
            <Input
              id={`recovery-confirm-${n}`}
              className="recovery-input"
              data-testid={`recovery-confirm-${n}`}
              value={values[n] ?? ''}
              autoFocus={i === 0}
              spellCheck={false}
              maxLength={64}
              onChange={(e) => {
                if (error) clearError()
                setValues((v) => ({ ...v, [n]: e.target.value }))
              }}
            />
          </Form.Item>
        ))}
      </div>
      <Space className="form-actions" style={{ display: 'flex' }}>
        <Button onClick={showKitAgain} data-testid="recovery-back">
          {t('setup.back')}
        </Button>
        <Button type="primary" htmlType="submit" loading={pending} disabled={!allFilled} data-testid="setup-finish">
          {t('setup.finish')}
        </Button>
      </Space>
    </Form>
  )
}
