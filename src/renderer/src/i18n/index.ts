// i18next setup: Simplified Chinese by default, English on request; the choice persists in localStorage.
// Owns the language only; never stores anything else.
import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import { en } from './en'
import { zhCN } from './zh-CN'

export const LANGUAGES = ['zh-CN', 'en'] as const
export type Language = (typeof LANGUAGES)[number]

const STORAGE_KEY = 'zhangfang.language'

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation'
    resources: { translation: typeof zhCN }
  }
}

function isLanguage(x: unknown): x is Language {
  return typeof x === 'string' && (LANGUAGES as readonly string[]).includes(x)
}

function storedLanguage(): Language {
  try {
    const v = globalThis.localStorage?.getItem(STORAGE_KEY)
    return isLanguage(v) ? v : 'zh-CN'
  } catch {
    // storage can be unavailable (e.g. opaque origins); the default language is fine then
    return 'zh-CN'
  }
}

export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : 'zh-CN'
}

export async function setLanguage(lang: Language): Promise<void> {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lang)
  } catch {
    // not persisted; the switch still applies to this window
  }
  await i18n.changeLanguage(lang)
}

export function initI18n(): typeof i18n {
  if (!i18n.isInitialized) {
    void i18n.use(initReactI18next).init({
      resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
      lng: storedLanguage(),
      fallbackLng: 'zh-CN',
      supportedLngs: [...LANGUAGES],
      interpolation: { escapeValue: false }, // React escapes already
      initAsync: false,
      returnNull: false,
      showSupportNotice: false,
    })
  }
  return i18n
}

export default i18n
