import { Space, Tag, Toast } from 'antd-mobile';
import { compressPhoto } from '../photos/compress.ts';
import { PhotoButton } from './PhotoButton.tsx';

/** P11: photos for the record, compressed on the device as they are taken; sent one by one after the record. */
export function PhotoPicker({ photos, onChange }: { photos: Blob[]; onChange: (p: Blob[]) => void }) {
  const add = async (file: File | undefined) => {
    if (!file) return;
    try {
      onChange([...photos, await compressPhoto(file)]);
    } catch {
      Toast.show({ content: '照片无法读取，请重拍' });
    }
  };
  return (
    <Space direction="vertical" block>
      <PhotoButton label={`拍现场照片（已 ${photos.length} 张）`} onFile={(f) => void add(f)} testId="evidence-photo" />
      <Space wrap>
        {photos.map((p, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: photos are only appended
          <Tag key={i} color="primary">
            照片 {i + 1} · {Math.round(p.size / 1024)} kB
          </Tag>
        ))}
      </Space>
    </Space>
  );
}
