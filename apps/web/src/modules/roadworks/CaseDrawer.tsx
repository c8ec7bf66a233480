import { PlacementOffsetSchema, type RoadworksCase } from '@shtp/core/roadworks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Drawer, Input, InputNumber, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { roadworksKeys, useCase } from '../../api/roadworks-queries';
import { useErrorReporter } from '../../forms/server-errors';
import { formatDateTime } from '../../shared/format';
import { CompletionForm } from './CompletionForm';
import { PlacedRoads } from './RoadMap';
import { RoadPicker } from './RoadPicker';
import { STATUS_LABELS, SYNC_LABELS, WORKS_LABELS } from './roadworks-labels';
import { WarningAlert } from './WarningAlert';

/** One case: where the works are (picked on standard segments), the R4 warnings, and the decision. */
/** The server's message for a distance it would refuse; empty = the whole segment. */
const offsetError = (offsetM: number | null) => (offsetM === null ? undefined : PlacementOffsetSchema.safeParse(offsetM).error?.issues[0]?.message);

export function CaseDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const detail = useCase(id);
  const c = detail.data;
  const [picked, setPicked] = useState<{ id: number; label: string; from: string; offsetM: number | null }[]>([]);
  const [reason, setReason] = useState('');
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const reportError = useErrorReporter();
  const refresh = (next: RoadworksCase) => {
    queryClient.setQueryData(roadworksKeys.case(next.id), next);
    queryClient.invalidateQueries({ queryKey: ['roadworks', 'cases'] });
  };
  const place = useMutation({
    mutationFn: (current: RoadworksCase) =>
      api.post<RoadworksCase>(`/api/roadworks/cases/${current.id}/placements`, {
        placements: picked.map((p) => ({ segmentId: p.id, offsetM: p.offsetM })),
        version: current.version,
      }),
    onSuccess: (next, current) => {
      refresh(next);
      setPicked([]);
      message.success(next.warnings.length ? `已定位，发现 ${next.warnings.length} 条预警，请核对后审批` : '已定位到标准路段');
      // Placement routes the case to the department of the segment's district, which may not be the officer's.
      if (next.departmentId !== current.departmentId && next.departmentName) message.info(`已按路段所在区转至${next.departmentName}承办`);
    },
    onError: (e) => reportError(e),
  });
  const decide = useMutation({
    mutationFn: ({ current, decision }: { current: RoadworksCase; decision: 'approve' | 'refuse' }) =>
      api.post<RoadworksCase>(`/api/roadworks/cases/${current.id}/${decision}`, { reason, version: current.version }),
    onSuccess: (next) => {
      refresh(next);
      setReason('');
      message.success('审批结果已保存，将回传一网通办');
    },
    onError: (e) => reportError(e),
  });

  return (
    <Drawer open={id !== null} onClose={onClose} size="large" title={c ? `办件 ${c.caseNo}` : '办件'} destroyOnHidden>
      {c && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label="申请单位">{c.applicant}</Descriptions.Item>
            <Descriptions.Item label="施工类型">
              {WORKS_LABELS[c.worksType]}
              {c.emergency && <Tag color="red">抢修补办</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label="申请期限">
              {c.requestedFrom} 至 {c.requestedTo}
            </Descriptions.Item>
            <Descriptions.Item label="占用车道">{c.lanes}</Descriptions.Item>
            <Descriptions.Item label="承办部门">{c.departmentName ?? '市级收件箱（第一个办理的部门承接）'}</Descriptions.Item>
            <Descriptions.Item label="申请地点" span={2}>
              {c.locationText}
            </Descriptions.Item>
            <Descriptions.Item label="交通组织方案" span={2}>
              {c.trafficPlan || '—'}
            </Descriptions.Item>
            <Descriptions.Item label="附件" span={2}>
              {c.attachments.map((a) => a.name).join('、') || '—'}
            </Descriptions.Item>
            <Descriptions.Item label="状态">
              <span data-testid="case-status">{STATUS_LABELS[c.status]}</span>
            </Descriptions.Item>
            <Descriptions.Item label="回传一网通办">{c.decisionSync ? SYNC_LABELS[c.decisionSync] : '—'}</Descriptions.Item>
            {c.completedAt && <Descriptions.Item label="竣工日期">{c.completedAt}</Descriptions.Item>}
            {c.filingDueAt && (
              <Descriptions.Item label="补办时限" span={2}>
                {formatDateTime(c.filingDueAt)} {c.filingOverdue && <Tag color="red">已超时</Tag>}
              </Descriptions.Item>
            )}
          </Descriptions>

          <Typography.Title level={5}>施工路段</Typography.Title>
          <List
            size="small"
            bordered
            dataSource={c.placements}
            locale={{ emptyText: '尚未定位到标准路段' }}
            renderItem={(p) => <List.Item data-testid="placement">{p.offsetM === null ? p.label : `${p.label}，距起点路口 ${p.offsetM} 米`}</List.Item>}
          />
          <PlacedRoads placements={c.placements} />

          {c.actions.place.allowed && (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <RoadPicker
                onPick={({ segment }) =>
                  setPicked((list) =>
                    list.some((p) => p.id === segment.id) ? list : [...list, { id: segment.id, label: segment.label, from: segment.from.name, offsetM: null }],
                  )
                }
              />
              {picked.map((p) => (
                <Space key={p.id}>
                  <Tag closable onClose={() => setPicked((list) => list.filter((x) => x.id !== p.id))}>
                    {p.label}
                  </Tag>
                  {/* Works at one point (a manhole, a crossing): metres from the segment's first intersection; empty = the whole segment. */}
                  {/* No min/max/precision: an out-of-range or fractional distance is refused with a message, not changed on blur. */}
                  <InputNumber
                    data-testid={`offset-${p.id}`}
                    status={offsetError(p.offsetM) ? 'error' : undefined}
                    placeholder="整段"
                    style={{ width: 200 }}
                    prefix={`距${p.from}`}
                    suffix="米"
                    value={p.offsetM}
                    onChange={(v) => setPicked((list) => list.map((x) => (x.id === p.id ? { ...x, offsetM: v ?? null } : x)))}
                  />
                  {offsetError(p.offsetM) && <Typography.Text type="danger">{offsetError(p.offsetM)}</Typography.Text>}
                </Space>
              ))}
              <Button
                data-testid="place-button"
                disabled={picked.length === 0 || picked.some((p) => offsetError(p.offsetM))}
                loading={place.isPending}
                onClick={() => place.mutate(c)}
              >
                定位到所选路段
              </Button>
            </Space>
          )}

          {c.warnings.map((w) => (
            <WarningAlert key={`${w.rule}-${w.segmentId}`} warning={w} />
          ))}

          {(c.actions.approve.allowed || c.actions.refuse.allowed) && (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Input.TextArea
                data-testid="decision-reason"
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                placeholder="审批意见（必填）"
                rows={2}
                maxLength={500}
              />
              <Space>
                <Button
                  type="primary"
                  data-testid="approve-button"
                  disabled={!c.actions.approve.allowed}
                  title={c.actions.approve.reason}
                  loading={decide.isPending}
                  onClick={() => decide.mutate({ current: c, decision: 'approve' })}
                >
                  予以许可
                </Button>
                <Button danger data-testid="refuse-button" loading={decide.isPending} onClick={() => decide.mutate({ current: c, decision: 'refuse' })}>
                  不予许可
                </Button>
              </Space>
              {!c.actions.approve.allowed && <Typography.Text type="secondary">{c.actions.approve.reason}</Typography.Text>}
            </Space>
          )}
          {c.decisionReason && (
            <Alert
              type={c.status === 'approved' ? 'success' : 'info'}
              title={`${STATUS_LABELS[c.status]}：${c.decisionReason}`}
              description={formatDateTime(c.decidedAt)}
            />
          )}
          {c.actions.complete.allowed && <CompletionForm current={c} onSaved={refresh} />}
        </Space>
      )}
    </Drawer>
  );
}
