// Runs an action that would replace the voucher in the editor, asking first when it has unsaved changes.
import { App } from 'antd'
import { useTranslation } from 'react-i18next'
import { useStores } from '../../stores/context'

export function useGuard(): (action: () => void) => void {
  const { modal } = App.useApp()
  const { editor } = useStores().ledger
  const { t } = useTranslation()
  return (action) => {
    if (!editor.getState().dirty) return action()
    modal.confirm({
      title: t('ledger.voucher.unsavedTitle'),
      content: t('ledger.voucher.unsavedDesc'),
      okText: t('ledger.voucher.discard'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: action,
    })
  }
}
