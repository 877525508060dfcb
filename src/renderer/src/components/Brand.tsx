// The app's mark: a seal-style 账 beside the product name.
import { useTranslation } from 'react-i18next'

export function Seal({ size = 32 }: { size?: number }) {
  return (
    <span className="brand-seal" style={{ width: size, height: size, fontSize: size * 0.62 }} aria-hidden>
      账
    </span>
  )
}

export function Brand({ inverse = false }: { inverse?: boolean }) {
  const { t } = useTranslation()
  return (
    <span className={inverse ? 'brand brand-inverse' : 'brand'}>
      <Seal />
      <span className="brand-name">{t('app.fullName')}</span>
    </span>
  )
}
