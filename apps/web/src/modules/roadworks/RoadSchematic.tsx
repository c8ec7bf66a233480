import type { RoadDetail } from '@shtp/core/roadworks';

const STEP = 110;
const PAD = 40;

/**
 * An SVG schematic of a road drawn from the gazetteer's order of intersections (no map tiles): the intersections as
 * ticks along a line, the highlighted segments in red. Geometry, when surveyed, is not needed for this view.
 */
export function RoadSchematic({ road, highlight }: { road: RoadDetail; highlight: readonly number[] }) {
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
