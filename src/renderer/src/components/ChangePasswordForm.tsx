// The change-password form (cp-* testids), used for the forced change after a temporary password and
// for voluntary changes on the account page. One session:changePassword call per submit.
import { Button, Form, Input } from 'antd'
import { useTranslation } from 'react-i18next'
import { useSession } from '../stores/context'
import { ErrorAlert } from './ErrorAlert'
import { PasswordFeedback } from './PasswordFeedback'

interface Values {
  current: string
  next: string
  confirm: string
}

export function ChangePasswordForm({ forced = false, onDone }: { forced?: boolean; onDone?: () => void }) {
  const { t } = useTranslation()
  const [form] = Form.useForm<Values>()
  const username = useSession((s) => s.session?.username ?? '')
  const changePassword = useSession((s) => s.changePassword)
  const pending = useSession((s) => s.pending === 'changePassword')
  const error = useSession((s) => s.errors.changePassword)
  const clearError = useSession((s) => s.clearError)
  const next = Form.useWatch('next', form) ?? ''

  const onFinish = async (v: Values) => {
    if (await changePassword(v.current, v.next)) {
      form.resetFields()
      onDone?.()
    }
  }

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      requiredMark={false}
      onFinish={onFinish}
      onValuesChange={() => error && clearError('changePassword')}
      autoComplete="off"
    >
      <ErrorAlert error={error} />
      <Form.Item
        name="current"
        label={forced ? t('changePassword.currentTemporary') : t('changePassword.current')}
        rules={[{ required: true, message: t('common.required') }]}
      >
        <Input.Password data-testid="cp-current" autoComplete="current-password" autoFocus={forced} />
      </Form.Item>
      <Form.Item
        name="next"
        label={t('changePassword.new')}
        rules={[{ required: true, message: t('common.required') }]}
        extra={<PasswordFeedback password={next} username={username} />}
      >
        <Input.Password data-testid="cp-new" autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('changePassword.confirm')}
        dependencies={['next']}
        rules={[
          { required: true, message: t('common.required') },
          ({ getFieldValue }) => ({
            validator: (_, value: string) =>
              !value || value === getFieldValue('next')
                ? Promise.resolve()
                : Promise.reject(new Error(t('common.passwordsDiffer'))),
          }),
        ]}
      >
        <Input.Password data-testid="cp-confirm" autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={pending} data-testid="cp-submit" block={forced}>
        {t('changePassword.submit')}
      </Button>
    </Form>
  )
}
