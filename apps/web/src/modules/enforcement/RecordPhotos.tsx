import { useQuery } from '@tanstack/react-query';
import { Button, Image, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';

interface Photo {
  id: string;
  size: number;
}

/** P11: the photos of one record, loaded when asked for (every picture shown is an audited view). */
export function RecordPhotos({ recordType, recordId }: { recordType: 'violation' | 'breath-test' | 'detention'; recordId: string }) {
  const [open, setOpen] = useState(false);
  const photos = useQuery({
    queryKey: ['enforcement', 'photos', recordType, recordId],
    queryFn: () => api.get<Photo[]>('/api/enforcement/photos', { recordType, recordId }),
    enabled: open,
  });
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} data-testid={`photos-${recordId}`}>
        照片
      </Button>
      <Modal open={open} onCancel={() => setOpen(false)} footer={null} title="现场照片" width={720}>
        {photos.data?.length === 0 && <Typography.Text type="secondary">该记录没有照片</Typography.Text>}
        <Space wrap>
          {photos.data?.map((p) => (
            <Image key={p.id} width={200} src={`/api/enforcement/photos/${p.id}/content`} alt={`照片 ${Math.round(p.size / 1024)} kB`} />
          ))}
        </Space>
      </Modal>
    </>
  );
}
