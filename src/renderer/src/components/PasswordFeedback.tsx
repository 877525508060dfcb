// Live password policy feedback: a strength bar and each unmet rule in words, mirroring main's checkPassword.
// Advisory only: main is the authority and answers PASSWORD_POLICY if the password falls short.
import { Progress, Typography } from 'antd'
import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons'
import { useDeferredValue, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { checkPassword } from '../../../shared/passwordPolicy'

const COLORS = ['#cf1322', '#d4380d', '#d48806', '#389e0d', '#237804']

export function PasswordFeedback({ password, username }: { password: string; username: string }) {
  const { t } = useTranslation()
  const deferredPassword = useDeferredValue(password)
  const deferredUsername = useDeferredValue(username)
  const check = useMemo(
    () => (deferredPassword ? checkPassword(deferredPassword, deferredUsername) : null),
    [deferredPassword, deferredUsername],
  )

  return (
    <div className="password-feedback" data-testid="password-feedback" aria-live="polite" data-ok={check?.ok ?? false}>
      {check ? (
        <>
          <div className="password-strength">
            <Typography.Text type="secondary">{t('password.strength')}</Typography.Text>
            <Progress
              percent={((check.score + 1) / 5) * 100}
              steps={5}
              size={[28, 6]}
              showInfo={false}
              strokeColor={COLORS[check.score]}
            />
            <Typography.Text style={{ color: COLORS[check.score] }} data-testid="password-score">
              {t(`password.score${check.score as 0 | 1 | 2 | 3 | 4}`)}
            </Typography.Text>
          </div>
          {check.ok ? (
            <div className="password-line ok">
              <CheckCircleFilled /> {t('password.ok')}
            </div>
          ) : (
            check.problems.map((p) => (
              <div key={p} className="password-line problem" data-testid={`password-problem-${p}`}>
                <CloseCircleFilled /> {t(`password.problems.${p}`)}
              </div>
            ))
          )}
        </>
      ) : (
        <Typography.Text type="secondary">{t('password.rules')}</Typography.Text>
      )}
    </div>
  )
}
