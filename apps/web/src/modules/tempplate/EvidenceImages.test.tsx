import type { WarningDetail } from '@shtp/core/tempplate';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { EvidenceImages } from './EvidenceImages';

const warning = (images: WarningDetail['business']['images'], evidence: WarningDetail['evidence']['images']) =>
  ({ id: 7, evidence: { images: evidence }, business: { images } }) as unknown as WarningDetail;

describe('EvidenceImages', () => {
  it('shows the evidence image first with the recognised box placed in proportion to the image', () => {
    render(
      <EvidenceImages
        w={warning(
          [
            { index: 0, material: 'owner_id', width: 800, height: 500 },
            { index: 1, material: 'invoice', width: 1000, height: 500 },
          ],
          [{ material: 'invoice', box: [100, 50, 300, 100] }],
        )}
      />,
    );
    const images = screen.getAllByRole('img');
    expect(images[0]!.getAttribute('src')).toBe('/api/tempplate/warnings/7/images/1');
    const box = screen.getByTestId('evidence-box');
    expect(box.style.left).toBe('10%');
    expect(box.style.top).toBe('10%');
    expect(box.style.width).toBe('20%');
    expect(box.style.height).toBe('10%');
  });

  it('says so when the business sent no images', () => {
    render(<EvidenceImages w={warning([], [])} />);
    expect(screen.getByText('本业务未推送影像化资料图片')).toBeTruthy();
  });
});
