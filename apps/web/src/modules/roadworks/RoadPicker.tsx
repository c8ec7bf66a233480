import type { Segment } from '@shtp/core/roadworks';
import { AutoComplete, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useRoad, useRoadSuggestions } from '../../api/roadworks-queries';
import { GRADE_LABELS } from './roadworks-labels';

export interface PickedSegment {
  segment: Segment;
  roadId: number;
}

/**
 * The standard road picker (R5): type a name, alias, former name, full pinyin or initials (`yaxl`, `延安西`), choose
 * the road, then its segment between two intersections in road order.
 */
export function RoadPicker({ onPick, onRoad }: { onPick?: (picked: PickedSegment) => void; onRoad?: (roadId: number, name: string) => void }) {
  const [text, setText] = useState('');
  const [roadId, setRoadId] = useState<number | null>(null);
  const suggestions = useRoadSuggestions(text);
  const road = useRoad(roadId);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <AutoComplete
        data-testid="road-picker-input"
        value={text}
        onChange={setText}
        placeholder="输入路名、别名、全拼或首字母，如 延安西 或 yaxl"
        style={{ width: '100%' }}
        options={(suggestions.data ?? []).map((s) => ({
          value: String(s.id),
          label: (
            <span data-testid={`road-option-${s.name}`}>
              {s.name}
              {s.matched !== s.name && (
                <Typography.Text type="secondary">
                  （{s.matchedKind === 'former' ? '曾用名' : '别名'}：{s.matched}）
                </Typography.Text>
              )}
              <Typography.Text type="secondary"> {GRADE_LABELS[s.grade]}</Typography.Text>
            </span>
          ),
        }))}
        onSelect={(value: string) => {
          const id = Number(value);
          const name = suggestions.data?.find((s) => s.id === id)?.name ?? '';
          setRoadId(id);
          setText(name);
          onRoad?.(id, name);
        }}
      />
      {road.data && onPick && (
        <Select<number>
          data-testid="segment-select"
          placeholder={road.data.segments.length ? '选择路段（起止路口）' : '该道路尚未录入路段，请在标准路名中补充'}
          disabled={road.data.segments.length === 0}
          style={{ width: '100%' }}
          options={road.data.segments.map((s) => ({ value: s.id, label: s.label }))}
          onChange={(id) => {
            const segment = road.data.segments.find((s) => s.id === id);
            if (segment) onPick({ segment, roadId: road.data.id });
          }}
        />
      )}
    </Space>
  );
}
