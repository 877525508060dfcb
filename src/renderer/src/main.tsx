// Renderer entry: language, api from the preload, stores, and the React root. Nothing else runs first.
// React Refresh's preamble as a module (empty in production): the CSP blocks the inline one Vite injects in dev
import '@vitejs/plugin-react/preamble'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App, NoBridge } from './App'
import { initI18n } from './i18n'
import { getApi } from './lib/api'
import { createStores } from './stores'
import './styles.css'

initI18n()
const api = getApi()
const root = createRoot(document.getElementById('root') as HTMLElement)

if (api) {
  const stores = createStores(api)
  root.render(
    <StrictMode>
      <App stores={stores} />
    </StrictMode>,
  )
} else {
  root.render(<NoBridge />)
}
