import { MATERIAL_KINDS, type MaterialKind, type WarningDetail } from '@shtp/core/tempplate';
import { Card, Empty, Space } from 'antd';

const material = (k: string) => MATERIAL_KINDS[k as MaterialKind] ?? k;

/** A box in image pixels as percentages of the image, for an overlay that scales with it. */
function overlay(box: number[], width: number, height: number) {
  const [x0, y0, x1, y1] = box as [number, number, number, number];
  return { left: `${(x0 / width) * 100}%`, top: `${(y0 / height) * 100}%`, width: `${((x1 - x0) / width) * 100}%`, height: `${((y1 - y0) / height) * 100}%` };
}

/**
 * The document images of the business, the ones the evidence names first, with the boxes where the recognition read
 * the compared values drawn on them: the supervisor sees the value on the document, not only its transcription.
 */
export function EvidenceImages({ w }: { w: WarningDetail }) {
  const images = w.business.images;
  if (images.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本业务未推送影像化资料图片" />;
  const named = new Set(w.evidence.images.map((i) => i.material));
  const ordered = [...images].sort((a, b) => Number(named.has(b.material)) - Number(named.has(a.material)));
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="evidence-images">
      {ordered.map((img) => {
        const boxes = w.evidence.images.filter((e) => e.material === img.material && e.box !== null);
        return (
          <Card key={img.index} size="small" title={material(img.material)} extra={named.has(img.material) ? '证据影像' : undefined}>
            <div style={{ position: 'relative' }}>
              <img src={`/api/tempplate/warnings/${w.id}/images/${img.index}`} alt={material(img.material)} style={{ width: '100%', display: 'block' }} />
              {img.width !== null &&
                img.height !== null &&
                boxes.map((e) => (
                  <div
                    key={e.box!.join(',')}
                    data-testid="evidence-box"
                    style={{ position: 'absolute', border: '2px solid #f5222d', boxSizing: 'border-box', ...overlay(e.box!, img.width!, img.height!) }}
                  />
                ))}
            </div>
          </Card>
        );
      })}
    </Space>
  );
}
