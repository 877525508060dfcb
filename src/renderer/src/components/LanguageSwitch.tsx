// Toggles the UI between 中文 and English; the choice persists (see i18n/index.ts).
import { Button, Tooltip } from 'antd'
import { GlobalOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { currentLanguage, setLanguage } from '../i18n'

export function LanguageSwitch({ type = 'text' }: { type?: 'text' | 'default' }) {
  const { t } = useTranslation()
  const next = currentLanguage() === 'zh-CN' ? 'en' : 'zh-CN'
  return (
    <Tooltip title={t('lang.switchTitle')}>
      <Button
        type={type}
        icon={<GlobalOutlined />}
        data-testid="lang-switch"
        lang={next}
        onClick={() => void setLanguage(next)}
      >
        {t('lang.switchTo')}
      </Button>
    </Tooltip>
  )
}
