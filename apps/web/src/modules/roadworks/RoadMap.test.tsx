import type { LineString, RoadDetail, Segment } from '@shtp/core/roadworks';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { pointAlong, projector, scaleBarMetres } from './map-geometry';
import { RoadDrawing } from './RoadMap';

const line = (...coordinates: [number, number][]): LineString => ({ type: 'LineString', coordinates });
const segment = (id: number, seq: number, from: string, to: string, geometry: LineString | null): Segment => ({
  id,
  roadId: 1,
  roadName: '洛阳路',
  seq,
  from: { id: seq, name: from },
  to: { id: seq + 1, name: to },
  label: `洛阳路 ${from}—${to}`,
  protectedSince: null,
  protectionKind: null,
  geometry,
  version: 0,
  retiredAt: null,
});
const road = (segments: Segment[]): RoadDetail => ({
  id: 1,
  name: '洛阳路',
  aliases: [],
  formerNames: [],
  districts: ['310101'],
  grade: 'branch',
  partial: true,
  version: 0,
  segments,
  retiredSegments: [],
  intersections: [],
  actions: { edit: { allowed: false, reason: '没有执行此操作的权限' } },
});
// Two blocks running east along latitude 31.2: about 476 m and 381 m.
const mapped = road([
  segment(21, 1, '河南路', '四川路', line([121.48, 31.2], [121.485, 31.2])),
  segment(22, 2, '四川路', '江西路', line([121.485, 31.2], [121.489, 31.2])),
]);

describe('the road map drawn from geometry', () => {
  it('projects to metres and finds the point a distance along a line', () => {
    const p = projector(31.2);
    const [a, b] = [p([121.48, 31.2]), p([121.485, 31.2])];
    expect(b[0] - a[0]).toBeCloseTo(476, -1);
    const mid = pointAlong([a, b, [b[0], b[1] + 100]], b[0] - a[0] + 50);
    expect(mid[0]).toBeCloseTo(b[0], 6);
    expect(mid[1] - b[1]).toBeCloseTo(50, 6);
    expect(scaleBarMetres(857)).toBe(100);
    expect(scaleBarMetres(12_000)).toBe(2000);
  });

  it('highlights the works’ segment, puts a point where it is along it, and needs no schematic', () => {
    render(<RoadDrawing road={mapped} highlight={[22]} points={[{ segmentId: 22, offsetM: 190 }]} />);
    expect(screen.queryByTestId('road-schematic')).toBeNull();
    const map = screen.getByTestId('road-map');
    expect([...map.querySelectorAll('g text')].map((t) => t.textContent)).toEqual(expect.arrayContaining(['河南路', '四川路', '江西路']));
    expect(screen.getByTestId('map-highlight-22').querySelector('title')?.textContent).toBe('洛阳路 四川路—江西路');
    expect(screen.getByTestId('map-segment-21')).toBeTruthy();
    // 190 m of a 381 m block: halfway between 四川路 and 江西路 on the drawing.
    const x = (d: string, end: 'first' | 'last') => Number((end === 'first' ? d.split(' ')[0]! : d.split(' ').at(-1)!).slice(1).split(',')[0]);
    const d = screen.getByTestId('map-highlight-22').getAttribute('d')!;
    const cx = Number(screen.getByTestId('map-point-22').querySelector('circle')!.getAttribute('cx'));
    expect((cx - x(d, 'first')) / (x(d, 'last') - x(d, 'first'))).toBeCloseTo(0.5, 1);
    expect(screen.getByTestId('map-scale').textContent).toBe('100 米');
  });

  it('falls back to the schematic for a road without geometry, and adds it when some segments have none', () => {
    const { unmount } = render(<RoadDrawing road={road([segment(31, 1, '河南路', '四川路', null)])} highlight={[31]} />);
    expect(screen.queryByTestId('road-map')).toBeNull();
    expect(screen.getByTestId('road-schematic')).toBeTruthy();
    unmount();
    render(<RoadDrawing road={road([...mapped.segments, segment(23, 3, '江西路', '河南中路', null)])} highlight={[]} />);
    expect(screen.getByTestId('road-map')).toBeTruthy();
    expect(screen.getByTestId('road-schematic')).toBeTruthy();
    expect(screen.getByText('另有 1 个路段尚无几何（可由 GeoJSON 导入），见下方示意图')).toBeTruthy();
  });
});
