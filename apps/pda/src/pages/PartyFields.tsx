import { Form, Input } from 'antd-mobile';
import { PhotoButton } from './PhotoButton.tsx';

/** The party's ID number and name (checked by the server; the ID number is never kept in clear on the server's side). */
export function PartyFields({ prefix, onIdPhoto }: { prefix: string; onIdPhoto?: (photo: File | undefined) => void }) {
  return (
    <>
      {onIdPhoto && (
        <Form.Item label="当事人证件">
          <PhotoButton label="拍证件识别号码" onFile={onIdPhoto} testId="id-photo-input" />
        </Form.Item>
      )}
      <Form.Item name={[prefix, 'idNumber']} label="身份证号码" rules={[{ required: true, message: '请输入身份证号码' }]}>
        <Input clearable maxLength={18} />
      </Form.Item>
      <Form.Item name={[prefix, 'name']} label="姓名" rules={[{ required: true, message: '请输入姓名' }]}>
        <Input clearable maxLength={30} />
      </Form.Item>
    </>
  );
}
