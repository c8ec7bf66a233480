import { RECAPTURE_DOC_TYPE_LABELS } from '@shtp/core/recognition';
import { Alert, Card, Descriptions, Progress, Space, Spin, Tag, Typography } from 'antd';
import { ATTACK_LABEL, RECAPTURE_NOTE, RECAPTURE_TAG, type RecaptureState } from './recapture-view';

const BAR_COLOUR = { original: '#52c41a', recapture: '#ff4d4f', uncertain: '#fa8c16' } as const;

/** 翻拍检测 of one document: decision, score against the threshold, the cues in Chinese, the model version. */
export function RecaptureCard({ state }: { state: RecaptureState | undefined }) {
  if (!state) return null;
  return (
    <Card size="small" title="翻拍检测" data-testid="recapture-card">
      <RecaptureBody state={state} />
    </Card>
  );
}

function RecaptureBody({ state }: { state: RecaptureState }) {
  switch (state.status) {
    case 'pending':
      return <Spin description="正在检测…" />;
    case 'not-applicable':
      return (
        <Space>
          <Tag data-testid="recapture-decision">不适用</Tag>
          <Typography.Text type="secondary">{state.typeLabel}暂无翻拍检测模型，未检测</Typography.Text>
        </Space>
      );
    case 'failed':
      return <Alert type="error" showIcon title={`翻拍检测失败：${state.message}`} />;
    case 'done': {
      const r = state.result;
      const tag = RECAPTURE_TAG[r.decision];
      return (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <Tag color={tag.color} data-testid="recapture-decision">
              {tag.text}
            </Tag>
            {r.decision !== 'original' && <Typography.Text>更可能为{ATTACK_LABEL[r.attack]}</Typography.Text>}
          </Space>
          <Descriptions
            size="small"
            column={1}
            items={[
              {
                key: 'score',
                label: '翻拍分数',
                children: (
                  <Space data-testid="recapture-score">
                    <Progress
                      percent={Math.round(r.score * 100)}
                      format={() => r.score.toFixed(2)}
                      strokeColor={BAR_COLOUR[r.decision]}
                      size="small"
                      style={{ width: 200, margin: 0 }}
                    />
                    <Typography.Text type="secondary">阈值 {r.threshold.toFixed(2)}（分数不低于阈值判为翻拍）</Typography.Text>
                  </Space>
                ),
              },
              { key: 'type', label: '按证件类型', children: RECAPTURE_DOC_TYPE_LABELS[r.docType] },
              { key: 'model', label: '模型版本', children: r.modelVersion },
            ]}
          />
          {r.reasons.length > 0 ? (
            <div data-testid="recapture-reasons">
              <Typography.Text strong>翻拍线索（由强到弱）</Typography.Text>
              <ol style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
                {r.reasons.map((x) => (
                  <li key={x.cue}>{x.message}</li>
                ))}
              </ol>
            </div>
          ) : (
            <Typography.Text type="secondary">未发现翻拍线索</Typography.Text>
          )}
          <Typography.Text type="warning">{RECAPTURE_NOTE}</Typography.Text>
        </Space>
      );
    }
  }
}

/** The decision of one image as a tag, for lists of several images. */
export function RecaptureTag({ state }: { state: RecaptureState | undefined }) {
  if (!state) return null;
  switch (state.status) {
    case 'pending':
      return <Tag>翻拍检测中</Tag>;
    case 'not-applicable':
      return <Tag>翻拍检测不适用</Tag>;
    case 'failed':
      return <Tag title={state.message}>翻拍检测失败</Tag>;
    case 'done': {
      const tag = RECAPTURE_TAG[state.result.decision];
      return (
        <Tag color={tag.color} title={state.result.reasons.map((x) => x.message).join('；') || undefined}>
          {tag.text}
        </Tag>
      );
    }
  }
}
