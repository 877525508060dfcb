// The "new user" modal: username, name, role and a temporary password (typed or generated with the
// Web Crypto CSPRNG) that the admin hands over. One users:create call per submit.
import { App, Button, Form, Input, Modal, Select, Space } from 'antd'
import { SyncOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { ROLES, usernameSchema, type Role } from '../../../shared/ipc/contract'
import { checkPassword } from '../../../shared/passwordPolicy'
import { ErrorAlert } from '../components/ErrorAlert'
import { PasswordFeedback } from '../components/PasswordFeedback'
import { generatePassword } from '../lib/password'
import { useUsers } from '../stores/context'

interface Values {
  username: string
  displayName: string
  role: Role
  temporaryPassword: string
}

export function CreateUserModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [form] = Form.useForm<Values>()
  const create = useUsers((s) => s.create)
  const creating = useUsers((s) => s.creating)
  const error = useUsers((s) => s.createError)
  const clearCreateError = useUsers((s) => s.clearCreateError)
  const username = Form.useWatch('username', form) ?? ''
  const password = Form.useWatch('temporaryPassword', form) ?? ''
  const role = Form.useWatch('role', form)

  const close = () => {
    clearCreateError()
    onClose()
  }

  const onFinish = async (v: Values) => {
    const user = await create({
      username: v.username.trim(),
      displayName: v.displayName.trim(),
      role: v.role,
      temporaryPassword: v.temporaryPassword,
    })
    if (user) {
      void message.success(t('users.created', { name: user.displayName }))
      onClose()
    }
  }

  const generate = () => {
    let pw = generatePassword()
    // practically never needed: a random password that happens to contain the username
    for (let i = 0; i < 5 && !checkPassword(pw, username).ok; i++) pw = generatePassword()
    form.setFieldValue('temporaryPassword', pw)
    void form.validateFields(['temporaryPassword'])
  }

  return (
    <Modal
      open={open}
      title={t('users.createTitle')}
      onCancel={close}
      destroyOnHidden
      mask={{ closable: false }}
      width={560}
      footer={
        <Space>
          <Button onClick={close} data-testid="user-create-cancel">
            {t('common.cancel')}
          </Button>
          <Button type="primary" loading={creating} onClick={() => form.submit()} data-testid="user-create-submit">
            {t('users.createSubmit')}
          </Button>
        </Space>
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ role: 'bookkeeper' }}
        onFinish={onFinish}
        onValuesChange={() => error && clearCreateError()}
        autoComplete="off"
        preserve={false}
      >
        <ErrorAlert error={error} />
        <div className="form-row">
          <Form.Item
            name="username"
            label={t('common.username')}
            rules={[
              { required: true, whitespace: true, message: t('common.required') },
              {
                validator: (_, v: string) =>
                  !v || usernameSchema.safeParse(v).success ? Promise.resolve() : Promise.reject(new Error(t('common.usernameRule'))),
              },
            ]}
          >
            <Input data-testid="user-username" maxLength={32} autoFocus />
          </Form.Item>
          <Form.Item name="displayName" label={t('common.displayName')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
            <Input data-testid="user-display-name" maxLength={50} />
          </Form.Item>
        </div>
        <Form.Item name="role" label={t('common.role')} extra={role ? t(`users.roleHelp.${role}`) : undefined} rules={[{ required: true, message: t('common.required') }]}>
          <Select<Role>
            data-testid="user-role"
            virtual={false}
            options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          />
        </Form.Item>
        <Form.Item label={t('users.tempPassword')} required extra={t('users.tempPasswordHelp')}>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item name="temporaryPassword" noStyle rules={[{ required: true, message: t('common.required') }]}>
              <Input data-testid="user-temp-password" className="mono" spellCheck={false} autoComplete="off" />
            </Form.Item>
            <Button icon={<SyncOutlined />} onClick={generate} data-testid="user-generate-password">
              {t('users.generate')}
            </Button>
          </Space.Compact>
        </Form.Item>
        <PasswordFeedback password={password} username={username} />
      </Form>
    </Modal>
  )
}
