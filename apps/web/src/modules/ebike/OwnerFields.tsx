import { OWNER_TYPES } from '@shtp/core/ebike';
import { SHANGHAI_DISTRICTS } from '@shtp/core/validators';
import { Col, Form, Input, Radio, Row, Select } from 'antd';
import { codeOptions } from './code-labels';

/** The owner's values in a form (OwnerSchema before parsing). */
export interface OwnerForm {
  ownerType: '1' | '2';
  idNumber?: string;
  name?: string;
  phone?: string;
  districtCode?: string;
  address?: string;
}

export const NEW_OWNER: OwnerForm = { ownerType: '1' };

/**
 * 所有人: 个人 (身份证号码) or 单位 (统一社会信用代码), name, phone, 登记行政区划 and address, under the form path
 * `name` (such as `owner`), so zod and server errors (`owner.idNumber`) land on the field.
 */
export function OwnerFields({ name }: { name: string }) {
  const ownerType = Form.useWatch<OwnerForm['ownerType'] | undefined>([name, 'ownerType']);
  const organisation = ownerType === '2';
  return (
    <Row gutter={16}>
      <Col span={24}>
        <Form.Item name={[name, 'ownerType']} label="所有人类型" required>
          <Radio.Group optionType="button" options={codeOptions(OWNER_TYPES)} data-testid="owner-type" />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name={[name, 'idNumber']} label={organisation ? '统一社会信用代码' : '身份证号码'} required>
          <Input maxLength={18} autoComplete="off" data-testid="owner-id-number" />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name={[name, 'name']} label={organisation ? '单位名称' : '姓名'} required>
          <Input maxLength={organisation ? 60 : 30} data-testid="owner-name" />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name={[name, 'phone']} label="联系电话" required>
          <Input maxLength={20} data-testid="owner-phone" />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name={[name, 'districtCode']} label="登记行政区划" required>
          <Select options={codeOptions(SHANGHAI_DISTRICTS)} placeholder="请选择区" showSearch={{ optionFilterProp: 'label' }} data-testid="owner-district" />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item name={[name, 'address']} label={organisation ? '单位地址' : '住所地址'} required>
          <Input maxLength={100} data-testid="owner-address" />
        </Form.Item>
      </Col>
    </Row>
  );
}
