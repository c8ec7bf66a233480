import type { RoadDetail } from '@shtp/core/roadworks';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { RoadSchematic } from './RoadSchematic';

const segment = (id: number, seq: number, from: string, to: string) => ({
  id,
  roadId: 1,
  roadName: '延安西路',
  seq,
  from: { id: seq, name: from },
  to: { id: seq + 1, name: to },
  label: `延安西路 ${from}—${to}`,
  protectedSince: null,
  protectionKind: null,
  geometry: null,
  version: 0,
  retiredAt: null,
});

const road: RoadDetail = {
  id: 1,
  name: '延安西路',
  aliases: [],
  formerNames: ['大西路'],
  districts: ['310105'],
  grade: 'arterial',
  partial: true,
  version: 0,
  segments: [segment(11, 1, '华山路', '镇宁路'), segment(12, 2, '镇宁路', '江苏路'), segment(13, 3, '江苏路', '定西路')],
  retiredSegments: [],
  intersections: [],
  actions: { edit: { allowed: false, reason: '没有执行此操作的权限' } },
};

describe('RoadSchematic', () => {
  it('draws the intersections in road order and highlights only the given segments', () => {
    render(<RoadSchematic road={road} highlight={[12]} />);
    const svg = screen.getByTestId('road-schematic');
    expect([...svg.querySelectorAll('g text')].map((t) => t.textContent)).toEqual(['华山路', '镇宁路', '江苏路', '定西路']);
    expect(screen.getByTestId('schematic-highlight-12').querySelector('title')?.textContent).toBe('延安西路 镇宁路—江苏路');
    expect(svg.querySelectorAll('[data-testid^="schematic-highlight-"]')).toHaveLength(1);
  });

  it('marks works at a point on its segment with the distance from the segment’s first intersection', () => {
    render(<RoadSchematic road={road} highlight={[13]} points={[{ segmentId: 13, offsetM: 120 }]} />);
    const point = screen.getByTestId('schematic-point-13');
    expect(point.querySelector('text')?.textContent).toBe('距江苏路 120 米');
    expect(point.querySelector('title')?.textContent).toBe('延安西路 江苏路—定西路，距江苏路 120 米（示意，不按比例）');
    expect(screen.queryByTestId('schematic-point-12')).toBeNull();
  });
});
