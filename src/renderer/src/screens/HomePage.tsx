// Home: greeting, firm and role, previous unlock and failed attempts since, and (with audit:verify)
// the firm audit chain check.
import { Alert, Button, Card, Descriptions, Space, Typography } from 'antd'
import { SafetyOutlined, WarningOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import type { AuditVerification } from '../../../shared/ipc/contract'
import { ErrorAlert } from '../components/ErrorAlert'
import { currentLanguage } from '../i18n'
import { formatDateTime, shortHash } from '../lib/format'
import { useAudit, useSession } from '../stores/context'

function greetingKey(hour: number): 'home.morning' | 'home.afternoon' | 'home.evening' {
  return hour < 12 ? 'home.morning' : hour < 18 ? 'home.afternoon' : 'home.evening'
}

export function HomePage() {
  const { t } = useTranslation()
  const session = useSession((s) => s.session)
  if (!session) return null
  const lang = currentLanguage()
  const canVerify = session.permissions.includes('audit:verify')

  return (
    <div data-testid="page-home" className="page">
      <Typography.Title level={3} className="page-title" data-testid="greeting">
        {t(greetingKey(new Date().getHours()), { name: session.displayName })}
      </Typography.Title>
      {session.failedAttemptsSinceLastUnlock > 0 && (
        <Alert
          type="warning"
          showIcon
          icon={<WarningOutlined />}
          data-testid="failed-attempts-warning"
          title={t('home.failedAttempts', { count: session.failedAttemptsSinceLastUnlock })}
          style={{ marginBottom: 16 }}
        />
      )}
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={1} size="small" styles={{ label: { width: 140 } }}>
          <Descriptions.Item label={t('home.firm')}>
            <span data-testid="home-firm-name">{session.firmName}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('home.role')}>
            <span data-testid="home-role">{t(`roles.${session.role}`)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('home.previousUnlock')}>
            <span data-testid="previous-unlock">
              {formatDateTime(session.previousUnlockAt, lang) ?? t('home.firstUnlock')}
            </span>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {canVerify && <AuditCard />}
    </div>
  )
}

function auditResultText(t: TFunction, r: AuditVerification): string {
  if (r.ok) {
    return r.count === 0 || !r.head ? t('home.auditEmpty') : t('home.auditOk', { count: r.count, head: shortHash(r.head) })
  }
  if (!r.firstBad) return t('errors.CORRUPT_DATA')
  return t('home.auditBad', { seq: String(r.firstBad.seq), reason: t(`home.auditReason.${r.firstBad.reason}`) })
}

function AuditCard() {
  const { t } = useTranslation()
  const verify = useAudit((s) => s.verify)
  const verifying = useAudit((s) => s.verifying)
  const result = useAudit((s) => s.result)
  const error = useAudit((s) => s.error)

  return (
    <Card
      title={
        <Space>
          <SafetyOutlined />
          {t('home.auditTitle')}
        </Space>
      }
      extra={
        <Button onClick={() => void verify()} loading={verifying} data-testid="audit-verify">
          {t('home.auditVerify')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: result || error ? 16 : 0 }}>
        {t('home.auditIntro')}
      </Typography.Paragraph>
      <ErrorAlert error={error} testId="audit-verify-error" />
      {result && (
        <Alert
          type={result.ok ? 'success' : 'error'}
          showIcon
          data-testid="audit-verify-result"
          data-ok={result.ok}
          title={auditResultText(t, result)}
          description={
            !result.ok && result.firstBad ? (
              <Typography.Text type="secondary" className="mono">
                {result.firstBad.message}
              </Typography.Text>
            ) : result.head ? (
              <Typography.Text type="secondary" className="mono">
                {result.head}
              </Typography.Text>
            ) : undefined
          }
        />
      )}
    </Card>
  )
}
