import { Form, Input, Space } from 'antd-mobile';
import { PhotoButton } from './PhotoButton.tsx';

interface PartyPhotos {
  /** A photo of the card's front: name, ID number and address. */
  onIdCard: (photo: File | undefined) => void;
  /** A photo of any document's ID number. */
  onIdNumber: (photo: File | undefined) => void;
}

/** The party's ID number and name (checked by the server; the ID number is never kept in clear on the server's side), and on a ticket the address. */
export function PartyFields({ prefix, photos, address = false }: { prefix: string; photos?: PartyPhotos; address?: boolean }) {
  return (
    <>
      {photos && (
        <Form.Item label="当事人证件">
          <Space direction="vertical" block>
            <PhotoButton label="拍身份证正面识别当事人" onFile={photos.onIdCard} testId="id-card-input" />
            <PhotoButton label="拍证件识别号码" onFile={photos.onIdNumber} testId="id-photo-input" />
          </Space>
        </Form.Item>
      )}
      <Form.Item name={[prefix, 'idNumber']} label="身份证号码" rules={[{ required: true, message: '请输入身份证号码' }]}>
        <Input clearable maxLength={18} />
      </Form.Item>
      <Form.Item name={[prefix, 'name']} label="姓名" rules={[{ required: true, message: '请输入姓名' }]}>
        <Input clearable maxLength={30} />
      </Form.Item>
      {address && (
        <Form.Item name={[prefix, 'address']} label="住址">
          <Input clearable maxLength={100} />
        </Form.Item>
      )}
    </>
  );
}
