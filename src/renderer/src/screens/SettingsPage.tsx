// Firm settings for holders of settings:manage: idle auto-lock minutes (1–240) and the largest document the
// vault accepts (1–500 MB). One settings:update per save.
import { useEffect } from 'react'
import { Alert, App, Button, Card, Form, InputNumber, Skeleton, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { ErrorAlert } from '../components/ErrorAlert'
import { useSettings } from '../stores/context'

interface Values {
  idleLockMinutes: number
  vaultMaxFileMb: number
}

export function SettingsPage() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const settings = useSettings((s) => s.settings)
  const loadError = useSettings((s) => s.loadError)
  const saving = useSettings((s) => s.saving)
  const saveError = useSettings((s) => s.saveError)
  const saved = useSettings((s) => s.saved)
  const load = useSettings((s) => s.load)
  const save = useSettings((s) => s.save)
  const markDirty = useSettings((s) => s.markDirty)

  useEffect(() => {
    void load()
  }, [load])

  const onFinish = async (v: Values) => {
    if (await save({ idleLockMinutes: v.idleLockMinutes, vaultMaxFileMb: v.vaultMaxFileMb })) void message.success(t('settings.saved'))
  }

  return (
    <div data-testid="page-settings" className="page">
      <Typography.Title level={3} className="page-title">
        {t('settings.title')}
      </Typography.Title>
      <Card style={{ maxWidth: 640 }}>
        <ErrorAlert error={loadError} />
        {settings ? (
          <Form<Values>
            layout="vertical"
            requiredMark={false}
            initialValues={{ idleLockMinutes: settings.idleLockMinutes, vaultMaxFileMb: settings.vaultMaxFileMb }}
            onFinish={onFinish}
            onValuesChange={markDirty}
          >
            <ErrorAlert error={saveError} />
            {saved && (
              <Alert type="success" showIcon title={t('settings.saved')} data-testid="settings-saved" style={{ marginBottom: 16 }} />
            )}
            <Form.Item
              name="idleLockMinutes"
              label={t('settings.idleMinutes')}
              extra={t('settings.idleHelp')}
              rules={[{ required: true, message: t('common.required') }]}
            >
              <InputNumber<number>
                data-testid="settings-idle-minutes"
                min={1}
                max={240}
                precision={0}
                step={1}
                suffix={t('settings.minutesSuffix')}
                style={{ width: 200 }}
              />
            </Form.Item>
            <Form.Item
              name="vaultMaxFileMb"
              label={t('settings.vaultMaxFile')}
              extra={t('settings.vaultMaxFileHelp')}
              rules={[{ required: true, message: t('common.required') }]}
            >
              <InputNumber<number> data-testid="settings-vault-max" min={1} max={500} precision={0} step={10} suffix="MB" style={{ width: 200 }} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={saving} data-testid="settings-save">
              {t('settings.save')}
            </Button>
          </Form>
        ) : (
          !loadError && <Skeleton active paragraph={{ rows: 2 }} />
        )}
      </Card>
    </div>
  )
}
