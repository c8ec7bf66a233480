import type { LineString, RoadDetail, RoadworksCase, Segment } from '@shtp/core/roadworks';
import { useRoad } from '../../api/roadworks-queries';
import { fitLines, lineLength, pointAlong, scaleBarMetres } from './map-geometry';
import { RoadSchematic, type SchematicPoint } from './RoadSchematic';

const W = 640;
const H = 260;
const MARGIN = 36;

/**
 * The road drawn to scale from its segments' geometry (GeoJSON, WGS84; no map tiles offline): the works' segments in
 * red, the intersections as dots with their names, works at a point where they are along the segment, a scale bar.
 * Segments without geometry are named under the map (the schematic draws them all).
 */
export function RoadMap({ road, highlight, points = [] }: { road: RoadDetail; highlight: readonly number[]; points?: readonly SchematicPoint[] }) {
  const drawn = road.segments.filter((s): s is Segment & { geometry: LineString } => s.geometry !== null);
  if (drawn.length === 0) return null;
  const { project, toSvg, scale, span } = fitLines(
    drawn.map((s) => s.geometry),
    W,
    H,
    MARGIN,
  );
  const svgLine = (s: { geometry: LineString }) => s.geometry.coordinates.map((c) => toSvg(project(c)));
  const path = (s: { geometry: LineString }) =>
    svgLine(s)
      .map(([x, y], i) => `${i ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`)
      .join(' ');
  const ends = new Map<number, { name: string; at: [number, number] }>();
  for (const s of drawn) {
    const line = svgLine(s);
    ends.set(s.from.id, { name: s.from.name, at: line[0]! });
    ends.set(s.to.id, { name: s.to.name, at: line[line.length - 1]! });
  }
  const bar = scaleBarMetres(span);
  const missing = road.segments.length - drawn.length;
  return (
    <figure style={{ margin: 0 }}>
      <svg
        data-testid="road-map"
        role="img"
        aria-label={`${road.name} 位置图`}
        viewBox={`0 0 ${W} ${H}`}
        style={{ width: '100%', maxWidth: W, height: 'auto', background: '#f6f8fa', border: '1px solid #e8e8e8' }}
      >
        <text x={12} y={20} fontSize={13} fontWeight="bold">
          {road.name}
        </text>
        {drawn.map((s) => {
          const on = highlight.includes(s.id);
          return (
            <path
              key={s.id}
              data-testid={on ? `map-highlight-${s.id}` : `map-segment-${s.id}`}
              d={path(s)}
              fill="none"
              stroke={on ? '#f5222d' : '#8c8c8c'}
              strokeWidth={on ? 8 : 5}
              strokeLinecap="round"
            >
              <title>{s.label}</title>
            </path>
          );
        })}
        {[...ends.entries()].map(([id, n]) => (
          <g key={id}>
            <circle cx={n.at[0]} cy={n.at[1]} r={4} fill="#fff" stroke="#434343" strokeWidth={2} />
            <text x={n.at[0] + 6} y={n.at[1] - 8} fontSize={11}>
              {n.name}
            </text>
          </g>
        ))}
        {points.map((p) => {
          const s = drawn.find((x) => x.id === p.segmentId);
          if (!s) return null;
          const xy = s.geometry.coordinates.map(project);
          const [cx, cy] = toSvg(pointAlong(xy, p.offsetM));
          const beyond = p.offsetM > lineLength(xy);
          return (
            <g key={`${p.segmentId}-${p.offsetM}`} data-testid={`map-point-${p.segmentId}`}>
              <circle cx={cx} cy={cy} r={8} fill="#fff" stroke="#f5222d" strokeWidth={3}>
                <title>{`${s.label}，距${s.from.name} ${p.offsetM} 米${beyond ? '（超出路段长度，画在路段终点）' : ''}`}</title>
              </circle>
            </g>
          );
        })}
        <g data-testid="map-scale">
          <line x1={W - 20 - bar * scale} x2={W - 20} y1={H - 14} y2={H - 14} stroke="#262626" strokeWidth={3} />
          <text x={W - 20} y={H - 20} fontSize={11} textAnchor="end">
            {bar >= 1000 ? `${bar / 1000} 千米` : `${bar} 米`}
          </text>
        </g>
      </svg>
      {missing > 0 && <figcaption style={{ fontSize: 12, color: '#8c8c8c' }}>{`另有 ${missing} 个路段尚无几何（可由 GeoJSON 导入），见下方示意图`}</figcaption>}
    </figure>
  );
}

/** Where works are on a road: the map where segments have geometry, the schematic where any has none. */
export function RoadDrawing(props: { road: RoadDetail; highlight: readonly number[]; points?: readonly SchematicPoint[] }) {
  const withGeometry = props.road.segments.filter((s) => s.geometry !== null).length;
  return (
    <>
      <RoadMap {...props} />
      {withGeometry < props.road.segments.length && <RoadSchematic {...props} />}
    </>
  );
}

/** Each road of a case's placements drawn with its placed segments highlighted and its point works marked. */
export function PlacedRoads({ placements }: { placements: RoadworksCase['placements'] }) {
  const roads = [...new Set(placements.map((p) => p.roadId))];
  return roads.map((roadId) => <PlacedRoad key={roadId} roadId={roadId} placements={placements.filter((p) => p.roadId === roadId)} />);
}

function PlacedRoad({ roadId, placements }: { roadId: number; placements: RoadworksCase['placements'] }) {
  const road = useRoad(roadId);
  const points = placements.flatMap((p) => (p.offsetM === null ? [] : [{ segmentId: p.segmentId, offsetM: p.offsetM }]));
  return road.data ? <RoadDrawing road={road.data} highlight={placements.map((p) => p.segmentId)} points={points} /> : null;
}
