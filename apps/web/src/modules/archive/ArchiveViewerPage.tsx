import { PAGE_SOURCES, type PageSource } from '@shtp/core/archive';
import { Alert, App, Button, Card, Descriptions, Empty, Image, Modal, Slider, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { usePermission } from '../../auth/session';
import { formatDateTime } from '../../shared/format';
import { AP, type ArchivePage, businessLabel, docLabel, imageUrl, missingText, useArchive } from './archive-api';
import { LegalHold } from './LegalHold';
import { ReorderPages } from './ReorderPages';

/** 影像查看 (A4, A5): thumbnails, page through, zoom, rotate, watermarked images, versions side by side. */
export default function ArchiveViewerPage() {
  const id = Number(useParams().id);
  const { data: archive, error } = useArchive(id);
  const can = usePermission();
  const { message } = App.useApp();
  const [index, setIndex] = useState(0);
  const [zoom, setZoom] = useState(100);
  const [rotation, setRotation] = useState(0);
  const [compare, setCompare] = useState<{ old: ArchivePage; now: ArchivePage } | null>(null);

  if (error) return <Alert type="error" showIcon message={error.message} />;
  if (!archive) return null;
  const current = archive.pages.filter((p) => p.removedInVersion === null);
  const page = current[Math.min(index, current.length - 1)];
  const go = (i: number) => {
    setIndex(i);
    setRotation(0);
  };
  const print = async () => {
    await api.post(`/api/archive/archives/${archive.id}/print`);
    window.print();
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      {archive.disposedAt && (
        <Alert
          type="warning"
          showIcon
          data-testid="viewer-disposed"
          message={`档案已处置：${archive.disposedByName ?? ''}于 ${formatDateTime(archive.disposedAt)} 批准（${archive.disposalReason ?? ''}），影像已擦除，页面清单保留`}
        />
      )}
      <Card title={`影像档案 ${archive.lsh}`}>
        <Descriptions size="small" column={3}>
          <Descriptions.Item label="业务">{businessLabel(archive.businessType)}</Descriptions.Item>
          <Descriptions.Item label="号牌">{archive.plate ?? '（无号牌）'}</Descriptions.Item>
          <Descriptions.Item label="整车编码">{archive.zcbm}</Descriptions.Item>
          <Descriptions.Item label="受理时间">{formatDateTime(archive.acceptedAt)}</Descriptions.Item>
          <Descriptions.Item label="版本">{archive.version}</Descriptions.Item>
          <Descriptions.Item label="齐全">
            {archive.complete ? <Tag color="green">已齐全</Tag> : <Tag color="orange">尚缺：{missingText(archive.missing)}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label="页面清单签名">
            {archive.signatureValid === null ? (
              '（未签名）'
            ) : archive.signatureValid ? (
              <Tag color="green">SM2 签名有效</Tag>
            ) : (
              <Tag color="red">签名无效：页面可能被替换</Tag>
            )}
          </Descriptions.Item>
          <Descriptions.Item label="保存与保全" span={2}>
            <LegalHold archive={archive} />
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {page ? (
        <Card
          title={`第 ${index + 1} / ${current.length} 页 · ${docLabel(page.docType)}`}
          extra={
            <Space>
              <Button onClick={() => go(index - 1)} disabled={index === 0}>
                上一页
              </Button>
              <Button onClick={() => go(index + 1)} disabled={index >= current.length - 1} data-testid="viewer-next">
                下一页
              </Button>
              <Button onClick={() => setRotation((r) => r - 90)}>左转</Button>
              <Button onClick={() => setRotation((r) => r + 90)}>右转</Button>
              <span style={{ width: 140, display: 'inline-block' }}>
                <Slider min={50} max={300} value={zoom} onChange={setZoom} tooltip={{ formatter: (v) => `${v}%` }} />
              </span>
              {can(AP.download) && (
                <Button href={`/api/archive/pages/${page.id}/download`} data-testid="viewer-download">
                  下载
                </Button>
              )}
              {can(AP.print) && <Button onClick={() => void print().catch(() => message.error('打印登记失败'))}>打印</Button>}
            </Space>
          }
        >
          <div style={{ display: 'flex', gap: 16 }}>
            <div style={{ width: 140, maxHeight: 640, overflowY: 'auto' }}>
              {current.map((p, i) => (
                <button
                  type="button"
                  key={p.id}
                  style={{
                    display: 'block',
                    marginBottom: 8,
                    cursor: 'pointer',
                    background: 'none',
                    border: i === index ? '2px solid #1677ff' : '1px solid #eee',
                    padding: 2,
                  }}
                  onClick={() => go(i)}
                  data-testid={`viewer-thumb-${i}`}
                >
                  {p.mime === 'application/pdf' ? <Tag>PDF</Tag> : <img src={imageUrl(p.id, 'thumb')} alt={docLabel(p.docType)} width={120} />}
                  <Typography.Text style={{ fontSize: 12 }}>{docLabel(p.docType)}</Typography.Text>
                </button>
              ))}
            </div>
            <div style={{ flex: 1, overflow: 'auto', maxHeight: 640, textAlign: 'center' }}>
              {page.mime === 'application/pdf' ? (
                <iframe title="PDF" src={imageUrl(page.id, 'display')} style={{ width: '100%', height: 600 }} />
              ) : (
                <Image
                  src={imageUrl(page.id, 'display')}
                  alt="页面"
                  data-testid="viewer-image"
                  preview={{ src: imageUrl(page.id, 'display') }}
                  style={{ width: `${zoom}%`, transform: `rotate(${rotation}deg)`, transition: 'transform .2s' }}
                />
              )}
            </div>
          </div>
        </Card>
      ) : (
        <Empty description="尚未采集页面" />
      )}
      <Card title="页面与版本（补录、替换均保留）" extra={can(AP.capture) && <ReorderPages archiveId={archive.id} pages={current} />}>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={archive.pages}
          columns={[
            { title: '序', dataIndex: 'seq', width: 50 },
            { title: '材料', dataIndex: 'docType', render: docLabel },
            { title: '加入版本', dataIndex: 'addedInVersion', width: 80 },
            {
              title: '状态',
              key: 's',
              render: (_, p) => (p.removedInVersion === null ? <Tag color="green">当前</Tag> : <Tag>第 {p.removedInVersion} 版被替换</Tag>),
            },
            { title: '原因', dataIndex: 'reason' },
            { title: '采集方式', dataIndex: 'source', width: 100, render: (v: string) => PAGE_SOURCES[v as PageSource] ?? v },
            { title: '采集人', dataIndex: 'capturedByName' },
            { title: '时间', dataIndex: 'capturedAt', render: formatDateTime },
            {
              title: '操作',
              key: 'c',
              render: (_, p) => {
                const old = p.replacesPageId ? archive.pages.find((x) => x.id === p.replacesPageId) : undefined;
                return (
                  <Space size={0}>
                    {old && (
                      <Button type="link" size="small" onClick={() => setCompare({ old, now: p })} data-testid={`viewer-compare-${p.docType}`}>
                        与原页对比
                      </Button>
                    )}
                    {can(AP.capture) && p.removedInVersion === null && (
                      <Link to={`/archive/capture?lsh=${archive.lsh}&replace=${p.id}&docType=${p.docType}`} data-testid={`viewer-replace-${p.docType}`}>
                        替换此页
                      </Link>
                    )}
                  </Space>
                );
              },
            },
          ]}
        />
      </Card>
      <Modal open={compare !== null} onCancel={() => setCompare(null)} footer={null} width={1100} title="版本对比">
        {compare && (
          <div style={{ display: 'flex', gap: 16 }} data-testid="viewer-compare">
            {[compare.old, compare.now].map((p) => (
              <div key={p.id} style={{ flex: 1 }}>
                <Typography.Text>
                  {p === compare.old ? '原页' : '替换后'} · 第 {p.addedInVersion} 版 · {p.capturedByName}
                </Typography.Text>
                <img src={imageUrl(p.id, 'display')} alt="" style={{ width: '100%' }} data-testid="viewer-compare-image" />
              </div>
            ))}
          </div>
        )}
      </Modal>
    </Space>
  );
}
