// Locks the app now. Ctrl+L / Cmd+L does the same from anywhere (see useSessionActivity).
import { Button, Tooltip } from 'antd'
import { LockOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { useSession } from '../stores/context'

export function LockButton({ type = 'text' }: { type?: 'text' | 'default' | 'primary' }) {
  const { t } = useTranslation()
  const lock = useSession((s) => s.lock)
  const pending = useSession((s) => s.pending === 'lock')
  return (
    <Tooltip title={t('layout.lockTooltip')}>
      <Button
        type={type}
        icon={<LockOutlined />}
        data-testid="lock-button"
        aria-keyshortcuts="Control+L"
        loading={pending}
        onClick={() => void lock()}
      >
        {t('layout.lock')}
      </Button>
    </Tooltip>
  )
}
