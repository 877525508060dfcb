// Full-page frame for the screens before the main layout (setup, unlock, forced password change):
// brand at the top, language switch (and optionally other actions) on the right, content centred.
import type { ReactNode } from 'react'
import { Space } from 'antd'
import { Brand } from './Brand'
import { LanguageSwitch } from './LanguageSwitch'

export function AuthLayout({
  children,
  width = 440,
  extra,
  testId,
}: {
  children: ReactNode
  width?: number
  extra?: ReactNode
  testId?: string
}) {
  return (
    <div className="auth-page" data-testid={testId}>
      <header className="auth-header">
        <Brand />
        <Space size={4}>
          <LanguageSwitch />
          {extra}
        </Space>
      </header>
      <main className="auth-main">
        <div className="auth-content" style={{ maxWidth: width }}>
          {children}
        </div>
      </main>
    </div>
  )
}
