// The app shell: antd theme and locale following the UI language, then the screen for the session
// phase — setup wizard, unlock, forced password change, or the main layout.
import { useEffect, useState } from 'react'
import { App as AntApp, Button, ConfigProvider, Result, Spin } from 'antd'
import enUS from 'antd/locale/en_US'
import zhCN from 'antd/locale/zh_CN'
import { useTranslation } from 'react-i18next'
import { useSessionActivity } from './components/useSessionActivity'
import { currentLanguage } from './i18n'
import { StoresProvider, useSession } from './stores/context'
import type { Stores } from './stores'
import { ForcePasswordChange } from './screens/ForcePasswordChange'
import { MainLayout } from './screens/MainLayout'
import { SetupWizard } from './screens/SetupWizard'
import { UnlockScreen } from './screens/UnlockScreen'
import { errorText } from './lib/errors'

const BASE_THEME = {
  token: {
    colorPrimary: '#1f5fae',
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: { siderBg: '#14213d', headerBg: '#ffffff', headerHeight: 56, headerPadding: '0 20px' },
    Menu: { darkItemBg: '#14213d', darkSubMenuItemBg: '#0f1a30', darkItemSelectedBg: '#1f5fae' },
  },
}
const STILL_THEME = { ...BASE_THEME, token: { ...BASE_THEME.token, motion: false } }

/** The theme, without antd's animations when the system asks for reduced motion (followed live). */
function useTheme() {
  const query = typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-reduced-motion: reduce)') : null
  const [reduced, setReduced] = useState(query?.matches ?? false)
  useEffect(() => {
    if (!query) return
    const onChange = (e: MediaQueryListEvent) => setReduced(e.matches)
    query.addEventListener('change', onChange)
    return () => query.removeEventListener('change', onChange)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one listener for the window's lifetime
  }, [])
  return reduced ? STILL_THEME : BASE_THEME
}

/** Keeps <html lang> and the window title in step with the UI language. */
function useDocumentLanguage() {
  const { t, i18n } = useTranslation()
  useEffect(() => {
    document.documentElement.lang = i18n.language
    document.title = t('app.fullName')
  }, [i18n.language, t])
}

export function App({ stores }: { stores: Stores }) {
  const { i18n } = useTranslation()
  useDocumentLanguage()
  const theme = useTheme()
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={theme}>
      <AntApp>
        <StoresProvider stores={stores}>
          <Screens />
        </StoresProvider>
      </AntApp>
    </ConfigProvider>
  )
}

function Screens() {
  const phase = useSession((s) => s.phase)
  const mustChange = useSession((s) => s.session?.mustChangePassword ?? false)
  const load = useSession((s) => s.load)
  const { message, notification } = AntApp.useApp()
  useSessionActivity(phase === 'unlocked')

  useEffect(() => {
    void load()
  }, [load])

  // toasts about the closed session ("user created") must not linger over the unlock screen
  useEffect(() => {
    if (phase !== 'unlocked') {
      message.destroy()
      notification.destroy()
    }
  }, [phase, message, notification])

  switch (phase) {
    case 'loading':
      return <Loading />
    case 'setup':
      return <SetupWizard />
    case 'locked':
      return <UnlockScreen />
    case 'unlocked':
      return mustChange ? <ForcePasswordChange /> : <MainLayout />
  }
}

function Loading() {
  const { t } = useTranslation()
  const error = useSession((s) => s.errors.load)
  const load = useSession((s) => s.load)
  if (error) {
    return (
      <div className="center-page">
        <Result
          status="error"
          title={t('app.loadFailed')}
          subTitle={errorText(t, error).title}
          extra={
            <Button type="primary" onClick={() => void load()}>
              {t('app.retry')}
            </Button>
          }
        />
      </div>
    )
  }
  return (
    <div className="center-page" data-testid="app-loading">
      <Spin size="large" description={t('app.loading')} />
    </div>
  )
}

/** Shown when the page runs without the preload's api (opened outside Zhangfang). */
export function NoBridge() {
  const { t } = useTranslation()
  const theme = useTheme()
  return (
    <ConfigProvider locale={currentLanguage() === 'en' ? enUS : zhCN} theme={theme}>
      <div className="center-page">
        <Result status="warning" title={t('errors.noBridge')} subTitle={t('app.noBridge')} />
      </div>
    </ConfigProvider>
  )
}
