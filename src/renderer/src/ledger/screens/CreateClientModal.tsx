// 新建账套: client name, 统一社会信用代码 (checked live, check character included), 会计准则, 启用期间,
// 科目编码方案 and 凭证字. One clients:create call per submit; main checks the code again.
import { Form, Input, Modal, Radio, Select, Space, Button, DatePicker, Alert } from 'antd'
import { useTranslation } from 'react-i18next'
import type { ClientSummary } from '../../../../shared/ipc/contract'
import { normaliseUscc, usccProblem } from '../../../../shared/ledger/uscc'
import { ErrorAlert } from '../../components/ErrorAlert'
import { useClients, useStores } from '../../stores/context'
import { dayjsToPeriod, periodToDayjs, type Dayjs } from '../components/dates'
import { todayIso } from '../period'

interface Values {
  name: string
  uscc: string
  standard: 'small' | 'general'
  firstPeriod: Dayjs | null
  codingScheme: '4-2-2' | '4-2-2-2' | '4-2-2-2-2'
  voucherTypes: 'single' | 'three'
}

export function CreateClientModal({ open, onClose, onCreated }: { open: boolean; onClose(): void; onCreated(c: ClientSummary): void }) {
  const { t } = useTranslation()
  const [form] = Form.useForm<Values>()
  const { clients: store } = useStores().ledger
  const creating = useClients((s) => s.creating)
  const error = useClients((s) => s.createError)
  const uscc: string = Form.useWatch('uscc', form) ?? ''
  const normalised = normaliseUscc(uscc)
  const problem = normalised ? usccProblem(normalised) : null

  const close = () => {
    store.getState().clearCreateError()
    onClose()
  }

  const onFinish = async (v: Values) => {
    const c = await store.getState().create({
      name: v.name.trim(),
      uscc: normaliseUscc(v.uscc),
      standard: v.standard,
      firstPeriod: dayjsToPeriod(v.firstPeriod),
      codingScheme: v.codingScheme,
      voucherTypes: v.voucherTypes,
    })
    if (c) onCreated(c)
  }

  const usccHelp = !normalised
    ? undefined
    : problem === null
      ? t('ledger.clients.usccOk')
      : problem === 'length'
        ? t('ledger.clients.usccProblem.length', { n: String(normalised.length) })
        : t(`ledger.clients.usccProblem.${problem}`)

  return (
    <Modal
      open={open}
      title={t('ledger.clients.createTitle')}
      onCancel={close}
      destroyOnHidden
      mask={{ closable: false }}
      width={600}
      footer={
        <Space>
          <Button onClick={close}>{t('common.cancel')}</Button>
          <Button type="primary" loading={creating} onClick={() => form.submit()} data-testid="client-create-submit">
            {t('ledger.clients.submit')}
          </Button>
        </Space>
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        preserve={false}
        initialValues={{ standard: 'small', codingScheme: '4-2-2', voucherTypes: 'single', firstPeriod: periodToDayjs(todayIso().slice(0, 7)) }}
        onFinish={onFinish}
        onValuesChange={() => error && store.getState().clearCreateError()}
      >
        <ErrorAlert error={error} testId="client-create-error" />
        <Form.Item name="name" label={t('ledger.clients.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input maxLength={100} placeholder={t('ledger.clients.namePlaceholder')} data-testid="client-name" autoFocus />
        </Form.Item>
        <Form.Item
          name="uscc"
          label={t('ledger.clients.uscc')}
          validateStatus={!normalised ? undefined : problem ? 'error' : 'success'}
          help={usccHelp}
          hasFeedback={!!normalised}
          rules={[
            { required: true, message: t('common.required') },
            { validator: (_, v: string | undefined) => (v && usccProblem(normaliseUscc(v)) === null ? Promise.resolve() : Promise.reject(new Error(usccHelp ?? t('common.required')))) },
          ]}
        >
          <Input maxLength={24} placeholder={t('ledger.clients.usccPlaceholder')} className="mono" data-testid="client-uscc" />
        </Form.Item>
        <Form.Item name="standard" label={t('ledger.clients.standard')}>
          <Radio.Group
            data-testid="client-standard"
            options={[
              { value: 'small', label: t('ledger.standard.small') },
              { value: 'general', label: t('ledger.standard.general') },
            ]}
          />
        </Form.Item>
        <div className="form-row">
          <Form.Item name="firstPeriod" label={t('ledger.clients.firstPeriod')} extra={t('ledger.clients.firstPeriodHelp')} rules={[{ required: true, message: t('common.required') }]}>
            <DatePicker picker="month" format="YYYY-MM" allowClear={false} data-testid="client-first-period" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="codingScheme" label={t('ledger.clients.codingScheme')} extra={t('ledger.clients.codingSchemeHelp')}>
            <Select
              data-testid="client-coding-scheme"
              options={['4-2-2', '4-2-2-2', '4-2-2-2-2'].map((x) => ({ value: x, label: x }))}
            />
          </Form.Item>
        </div>
        <Form.Item name="voucherTypes" label={t('ledger.clients.voucherTypes')}>
          <Radio.Group
            data-testid="client-voucher-types"
            options={[
              { value: 'single', label: t('ledger.voucherTypes.single') },
              { value: 'three', label: t('ledger.voucherTypes.three') },
            ]}
          />
        </Form.Item>
        <Alert type="info" showIcon title={t('ledger.clients.fixedHelp')} />
      </Form>
    </Modal>
  )
}
