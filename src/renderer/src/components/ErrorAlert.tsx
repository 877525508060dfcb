// Shows one AppErrorData as an antd error Alert in the UI language, with its details as a list.
import { Alert } from 'antd'
import { useTranslation } from 'react-i18next'
import type { AppErrorData } from '../../../shared/ipc/result'
import { errorText } from '../lib/errors'

export function ErrorAlert({
  error,
  testId = 'form-error',
  onClose,
}: {
  error: AppErrorData | null | undefined
  testId?: string
  onClose?: () => void
}) {
  const { t } = useTranslation()
  if (!error) return null
  const { title, lines } = errorText(t, error)
  return (
    <Alert
      type="error"
      showIcon
      data-testid={testId}
      data-error-code={error.code}
      title={title}
      description={
        lines.length > 0 ? (
          <ul className="error-lines">
            {lines.map((l, i) => (
              <li key={i}>{l}</li>
            ))}
          </ul>
        ) : undefined
      }
      closable={onClose ? { onClose } : undefined}
      style={{ marginBottom: 16 }}
    />
  )
}
