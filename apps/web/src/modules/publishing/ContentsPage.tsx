import { CONTENT_KINDS, CONTENT_STATES, type Content, type ContentKind, type ContentReview, type ContentState } from '@shtp/core/publishing';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Input, Space, type TableColumnsType, Tag, Tooltip } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, type Page } from '../../api/client';
import { useErrorReporter } from '../../forms/server-errors';
import { formatDateTime } from '../../shared/format';
import { PagedTable, StatusSelect } from '../../shared/paged-list';
import { usePagination } from '../../shared/use-pagination';
import { DraftModal } from './DraftModal';
import { PreviewModal } from './PreviewModal';

const STATE_COLOURS: Record<ContentState, string> = { draft: 'default', pending: 'gold', published: 'green', rejected: 'red', withdrawn: 'default' };
type Action = keyof Content['actions'];
const DONE: Record<ContentState, string> = { draft: '已保存', pending: '已提交审核', published: '已审核通过', rejected: '已驳回', withdrawn: '已撤回' };

/** 通知公告与办事咨询 (G8): versions with their states; buttons only as each version's allowed actions say. */
export default function ContentsPage() {
  const { page, pageSize, reset, tablePagination } = usePagination();
  const [state, setState] = useState<ContentState>();
  const [drafting, setDrafting] = useState<{ base: Content | null; mode: 'revise' | 'edit' } | null>(null);
  const [previewing, setPreviewing] = useState<number | null>(null);
  const { message, modal } = App.useApp();
  const reportError = useErrorReporter();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['publishing', 'contents'] });
  const list = useQuery({
    queryKey: ['publishing', 'contents', { page, pageSize, state }],
    queryFn: () => api.get<Page<Content>>('/api/publishing/contents', { page, pageSize, state }),
  });
  const step = useMutation({
    mutationFn: ({ id, path, body }: { id: number; path: 'submit' | 'review' | 'withdraw'; body?: ContentReview }) =>
      api.post<Content>(`/api/publishing/contents/${id}/${path}`, body ?? {}),
    onSuccess: (c) => {
      message.success(DONE[c.state]);
      refresh();
    },
    onError: (e) => reportError(e),
  });
  const approve = (c: Content) => {
    let at: Dayjs | null = null;
    modal.confirm({
      title: `审核通过并发布「${c.title}」`,
      content: (
        <Space orientation="vertical">
          <span>不选时间即立即发布；选择时间则到时发布（此前仍显示上一版本）。</span>
          <DatePicker showTime onChange={(v) => (at = v)} data-testid="content-publish-at" />
        </Space>
      ),
      okText: '通过',
      onOk: () => step.mutateAsync({ id: c.id, path: 'review', body: { decision: 'approved', ...(at ? { publishAt: at.toISOString() } : {}) } }),
    });
  };
  const reject = (c: Content) => {
    let note = '';
    modal.confirm({
      title: `驳回「${c.title}」`,
      content: <Input.TextArea rows={2} maxLength={200} placeholder="审核意见" onChange={(e) => (note = e.target.value)} />,
      okText: '驳回',
      onOk: () => step.mutateAsync({ id: c.id, path: 'review', body: { decision: 'rejected', ...(note.trim() ? { note: note.trim() } : {}) } }),
    });
  };
  const button = (c: Content, key: Action, label: string, onClick: () => void) => (
    <Tooltip title={c.actions[key].allowed ? undefined : c.actions[key].reason}>
      <Button size="small" disabled={!c.actions[key].allowed} onClick={onClick} data-testid={`content-${key}-${c.id}`}>
        {label}
      </Button>
    </Tooltip>
  );
  const columns: TableColumnsType<Content> = [
    { title: '内容编号', dataIndex: 'itemKey' },
    { title: '版本', dataIndex: 'version' },
    { title: '类别', dataIndex: 'kind', render: (k: ContentKind) => CONTENT_KINDS[k] },
    { title: '标题', dataIndex: 'title' },
    { title: '状态', dataIndex: 'state', render: (s: ContentState) => <Tag color={STATE_COLOURS[s]}>{CONTENT_STATES[s]}</Tag> },
    { title: '起草', key: 'created', render: (_, c) => `${c.createdBy} ${formatDateTime(c.createdAt)}` },
    { title: '审核', key: 'reviewed', render: (_, c) => (c.reviewedBy ? `${c.reviewedBy}${c.reviewNote ? `（${c.reviewNote}）` : ''}` : '') },
    { title: '发布时间', dataIndex: 'publishAt', render: (t: string | null) => (t ? formatDateTime(t) : '') },
    {
      title: '操作',
      key: 'actions',
      render: (_, c) => (
        <Space>
          <Button size="small" onClick={() => setPreviewing(c.id)} data-testid={`content-preview-${c.id}`}>
            预览
          </Button>
          {c.state === 'draft' && button(c, 'edit', '修改', () => setDrafting({ base: c, mode: 'edit' }))}
          {c.state === 'draft' && button(c, 'submit', '提交审核', () => step.mutate({ id: c.id, path: 'submit' }))}
          {c.state === 'pending' && button(c, 'approve', '通过', () => approve(c))}
          {c.state === 'pending' && button(c, 'reject', '驳回', () => reject(c))}
          {c.state === 'published' && button(c, 'withdraw', '撤回', () => step.mutate({ id: c.id, path: 'withdraw' }))}
          {/* A new version is a new record: the server refuses it while another version is in review or the item is withdrawn. */}
          {(c.state === 'published' || c.state === 'rejected') && (
            <Button size="small" onClick={() => setDrafting({ base: c, mode: 'revise' })} data-testid={`content-revise-${c.id}`}>
              新版本
            </Button>
          )}
        </Space>
      ),
    },
  ];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Button type="primary" onClick={() => setDrafting({ base: null, mode: 'revise' })} data-testid="content-create">
          起草
        </Button>
        <StatusSelect
          labels={CONTENT_STATES}
          value={state}
          onChange={(v) => {
            setState(v);
            reset();
          }}
        />
        <span>内容须由起草人以外的人员审核通过后才会在一网通办交警专区显示；撤回后整项不再显示。</span>
      </Space>
      <PagedTable rowKey="id" size="small" columns={columns} result={list} pagination={tablePagination} data-testid="publish-contents" />
      {previewing !== null && <PreviewModal id={previewing} onClose={() => setPreviewing(null)} />}
      {drafting && <DraftModal base={drafting.base} mode={drafting.mode} onClose={() => setDrafting(null)} onDone={refresh} />}
    </Space>
  );
}
