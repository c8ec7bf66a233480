import { ROADWORKS_P, type RoadDetail } from '@shtp/core/roadworks';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { supervisor } from '../../test/me';
import { mockFetch, renderWithProviders } from '../../test/render';
import { SegmentCreateModal } from './SegmentCreateModal';

const SLOW = { timeout: 15_000 };
const road: RoadDetail = {
  id: 7,
  name: '常熟路',
  aliases: [],
  formerNames: ['善钟路'],
  districts: ['310106'],
  grade: 'secondary',
  partial: true,
  version: 0,
  segments: [],
  retiredSegments: [],
  intersections: [],
  actions: { edit: { allowed: true } },
};
const supervisorMe = supervisor([ROADWORKS_P.gazetteerMenu, ROADWORKS_P.gazetteerEdit]);
const suggestion = (id: number, name: string) => ({ id, name, matched: name, matchedKind: 'standard', districts: ['310106'], grade: 'arterial' });

describe('SegmentCreateModal', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('posts the two crossing roads picked by name and the order number', async () => {
    const fetchMock = mockFetch({
      'GET /api/auth/me': { status: 200, body: supervisorMe },
      'GET /api/roadworks/roads/suggest': { status: 200, body: [suggestion(11, '延安中路'), suggestion(12, '华山路')] },
      'POST /api/roadworks/roads/7/segments': { status: 200, body: road },
    });
    renderWithProviders(<SegmentCreateModal road={road} onClose={() => {}} />);
    const pick = async (index: number, name: string) => {
      const input =
        (await screen.findAllByTestId('road-picker-input', {}, SLOW))[index]!.querySelector('input') ?? screen.getAllByTestId('road-picker-input')[index]!;
      fireEvent.change(input, { target: { value: name.slice(0, 2) } });
      // Each picker's dropdown is its own portal, the one just opened last in the document.
      await screen.findAllByTestId(`road-option-${name}`, {}, SLOW);
      await waitFor(() => expect(document.querySelectorAll('.ant-select-dropdown')).toHaveLength(index + 1), SLOW);
      const dropdown = [...document.querySelectorAll('.ant-select-dropdown')].at(-1)!;
      fireEvent.click(within(dropdown as HTMLElement).getByTestId(`road-option-${name}`));
    };
    await pick(0, '延安中路');
    await pick(1, '华山路');
    fireEvent.click(screen.getByTestId('segment-create-save'));
    await waitFor(() => expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'POST')).toBe(true), SLOW);
    const [, init] = fetchMock.mock.calls.find(([, i]) => i?.method === 'POST')!;
    expect(JSON.parse(String(init?.body))).toEqual({ fromRoadId: 11, toRoadId: 12, seq: 1 });
  });

  it('refuses an order number out of range with a message instead of changing it', async () => {
    const fetchMock = mockFetch({ 'GET /api/auth/me': { status: 200, body: supervisorMe } });
    renderWithProviders(<SegmentCreateModal road={road} onClose={() => {}} />);
    const seq = (await screen.findByTestId('segment-create-seq', {}, SLOW)) as HTMLInputElement;
    fireEvent.change(seq, { target: { value: '0' } });
    fireEvent.blur(seq);
    fireEvent.click(screen.getByTestId('segment-create-save'));
    expect(await screen.findByText('顺序号须为 1–10000 的整数', { selector: '.ant-form-item-explain-error' }, SLOW)).toBeTruthy();
    expect(seq.value).toBe('0'); // not raised to 1
    expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'POST')).toBe(false);
  });
});
