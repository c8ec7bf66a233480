import { ROADWORKS_P, type RoadDetail, type Segment } from '@shtp/core/roadworks';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { supervisor } from '../../test/me';
import { mockFetch, renderWithProviders } from '../../test/render';
import { SegmentEditModal } from './SegmentEditModal';

const SLOW = { timeout: 15_000 };
const node = (id: number, name: string) => ({ id, name, roadIds: [7, id], roadNames: name.split('/'), districtCode: '310105', version: 0, retiredAt: null });
const segment: Segment = {
  id: 31,
  roadId: 7,
  roadName: '维护测试路',
  seq: 1,
  from: { id: 11, name: '华山路' },
  to: { id: 12, name: '镇宁路' },
  label: '维护测试路 华山路—镇宁路',
  protectedSince: null,
  protectionKind: null,
  geometry: null,
  version: 4,
  retiredAt: null,
};
const road: RoadDetail = {
  id: 7,
  name: '维护测试路',
  aliases: [],
  formerNames: [],
  districts: ['310105'],
  grade: 'branch',
  partial: false,
  version: 0,
  segments: [segment],
  retiredSegments: [],
  intersections: [node(11, '华山路/维护测试路'), node(12, '维护测试路/镇宁路'), node(13, '江苏路/维护测试路')],
  actions: { edit: { allowed: true } },
};
const supervisorMe = supervisor([ROADWORKS_P.gazetteerMenu, ROADWORKS_P.gazetteerEdit]);

describe('SegmentEditModal', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('sends the end chosen among the road’s intersections with the segment’s version, and shows the server’s refusal', async () => {
    const fetchMock = mockFetch({
      'GET /api/auth/me': { status: 200, body: supervisorMe },
      'PUT /api/roadworks/segments/31': {
        status: 409,
        body: { code: 'SEGMENT_TAKEN', message: '本道路上已有该起止路口的路段，或顺序号 1 已被其他路段使用', details: [] },
      },
    });
    renderWithProviders(<SegmentEditModal road={road} segment={segment} onClose={() => {}} />);
    const to = (await screen.findByTestId('segment-edit-to', {}, SLOW)).querySelector('.ant-select-content, input') ?? screen.getByTestId('segment-edit-to');
    fireEvent.mouseDown(to);
    fireEvent.click(await screen.findByTitle('江苏路/维护测试路', {}, SLOW));
    fireEvent.click(screen.getByTestId('segment-edit-save'));
    await waitFor(() => expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'PUT')).toBe(true), SLOW);
    const [, init] = fetchMock.mock.calls.find(([, i]) => i?.method === 'PUT')!;
    expect(JSON.parse(String(init?.body))).toEqual({ fromIntersectionId: 11, toIntersectionId: 13, seq: 1, version: 4 });
    expect(await screen.findByText(/顺序号 1 已被其他路段使用/, {}, SLOW)).toBeTruthy();
  });

  it('refuses an order number out of range with a message instead of changing it', async () => {
    const fetchMock = mockFetch({ 'GET /api/auth/me': { status: 200, body: supervisorMe } });
    renderWithProviders(<SegmentEditModal road={road} segment={segment} onClose={() => {}} />);
    const seq = (await screen.findByTestId('segment-edit-seq', {}, SLOW)) as HTMLInputElement;
    fireEvent.change(seq, { target: { value: '20000' } });
    fireEvent.blur(seq);
    fireEvent.click(screen.getByTestId('segment-edit-save'));
    expect(await screen.findByText('顺序号须为 1–10000 的整数', { selector: '.ant-form-item-explain-error' }, SLOW)).toBeTruthy();
    expect(seq.value).toBe('20000'); // not clamped to 10000
    expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'PUT')).toBe(false);
  });
});
