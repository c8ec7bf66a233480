import { PREREGISTRATION_PHOTO_LABELS, type PreregistrationItem } from '@shtp/core/ebike';
import { Button, Card, Image, Modal, Space, Typography } from 'antd';
import { useState } from 'react';

/** The address of one photo that crossed with a pre-registration (the server checks scope and audits every view). */
export const preregistrationPhotoUrl = (preregNo: string, digest: string) => `/api/ebike/preregistrations/${preregNo}/photos/${digest}`;

/**
 * 网上预登记: the photos the citizen attached (vehicle, ID, invoice, certificate), for the window checking them against
 * the vehicle and papers. Loaded only when opened: each picture shown is an audited read of personal data.
 */
export function PreregistrationPhotos({ item }: { item: PreregistrationItem }) {
  const [open, setOpen] = useState(false);
  if (item.photos.length === 0) return <Typography.Text type="secondary">无</Typography.Text>;
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} data-testid={`prereg-photos-${item.preregNo}`}>
        照片（{item.photos.length}）
      </Button>
      <Modal open={open} onCancel={() => setOpen(false)} footer={null} title={`网上预登记 ${item.preregNo} 的照片`} width={760} destroyOnHidden>
        <Typography.Paragraph type="secondary">市民随预登记上传、经数据交换送达；每次查看记入审计。</Typography.Paragraph>
        <Space wrap align="start">
          {item.photos.map((p) => (
            <Card key={p.digest} size="small" title={PREREGISTRATION_PHOTO_LABELS[p.kind]} style={{ width: 220 }}>
              <Image width={196} src={preregistrationPhotoUrl(item.preregNo, p.digest)} alt={PREREGISTRATION_PHOTO_LABELS[p.kind]} />
              <Typography.Text type="secondary">{Math.max(1, Math.round(p.size / 1024))} kB</Typography.Text>
            </Card>
          ))}
        </Space>
      </Modal>
    </>
  );
}
