import type { RoadDetail } from '@shtp/core/roadworks';

const STEP = 110;
const PAD = 40;

/** Works at one point of a segment: metres from its first intersection. */
export interface SchematicPoint {
  segmentId: number;
  offsetM: number;
}

/**
 * An SVG schematic of a road drawn from the gazetteer's order of intersections (no map tiles): the intersections as
 * ticks along a line, the highlighted segments in red, works at a point as a marker on its segment labelled with the
 * distance (segments are drawn the same length, so the marker is not to scale). Geometry is not needed for this view.
 */
export function RoadSchematic({ road, highlight, points = [] }: { road: RoadDetail; highlight: readonly number[]; points?: readonly SchematicPoint[] }) {
  const nodes = road.segments.length ? [road.segments[0]!.from, ...road.segments.map((s) => s.to)] : [];
  const width = PAD * 2 + Math.max(nodes.length - 1, 1) * STEP;
  const x = (i: number) => PAD + i * STEP;
  return (
    <svg
      data-testid="road-schematic"
      role="img"
      aria-label={`${road.name} 示意图`}
      viewBox={`0 0 ${width} 90`}
      style={{ width: '100%', maxWidth: width, height: 'auto', background: '#fafafa' }}
    >
      <text x={PAD} y={16} fontSize={13} fontWeight="bold">
        {road.name}
      </text>
      {road.segments.map((s, i) => {
        const on = highlight.includes(s.id);
        return (
          <line
            key={s.id}
            data-testid={on ? `schematic-highlight-${s.id}` : undefined}
            x1={x(i)}
            x2={x(i + 1)}
            y1={45}
            y2={45}
            stroke={on ? '#f5222d' : '#bfbfbf'}
            strokeWidth={on ? 10 : 6}
          >
            <title>{s.label}</title>
          </line>
        );
      })}
      {points.map((p) => {
        const i = road.segments.findIndex((s) => s.id === p.segmentId);
        if (i < 0) return null;
        const s = road.segments[i]!;
        const cx = (x(i) + x(i + 1)) / 2;
        return (
          <g key={`${p.segmentId}-${p.offsetM}`} data-testid={`schematic-point-${p.segmentId}`}>
            <circle cx={cx} cy={45} r={7} fill="#fff" stroke="#f5222d" strokeWidth={3}>
              <title>{`${s.label}，距${s.from.name} ${p.offsetM} 米（示意，不按比例）`}</title>
            </circle>
            <text x={cx} y={27} fontSize={10} textAnchor="middle" fill="#f5222d">
              {`距${s.from.name} ${p.offsetM} 米`}
            </text>
          </g>
        );
      })}
      {nodes.map((n, i) => (
        // An intersection appears once along a road.
        <g key={n.id}>
          <line x1={x(i)} x2={x(i)} y1={33} y2={57} stroke="#595959" strokeWidth={2} />
          <text x={x(i)} y={75} fontSize={11} textAnchor="middle">
            {n.name}
          </text>
        </g>
      ))}
    </svg>
  );
}
