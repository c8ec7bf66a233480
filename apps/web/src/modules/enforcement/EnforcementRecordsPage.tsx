import type { BloodSample, BreathTest, OcrAccuracy, Violation } from '@shtp/core/enforcement';
import { Button, Space, Tabs, Tag } from 'antd';
import { formatDateTime, formatYuan } from '../../shared/format';
import { RecordList } from './RecordList';
import { RecordPhotos } from './RecordPhotos';
import { StandardUploadCell } from './StandardUploadCell';
import { StatsCard } from './StatsCard';

interface Detention {
  id: string;
  voucherNo: string;
  groundLabel: string;
  trafficModeName: string;
  description: string;
  partyName: string;
  storagePlace: string;
  detainedAt: string;
  releasedAt: string | null;
  officerName: string;
}
interface Reading {
  id: number;
  deviceCode: string;
  measuredAt: string;
  bracMgPerL: number;
  breathTestId: string | null;
}

const VERDICT_COLOURS = { none: 'default', drink: 'orange', drunk: 'red' } as const;

function DeviceReadings() {
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <StatsCard<{ deviceCode: string; day: string; readings: number; linked: number }>
        title="按设备、按日统计（P5）"
        path="device-readings"
        rowKey={(r) => `${r.deviceCode}-${r.day}`}
        columns={[
          { title: '日期', dataIndex: 'day' },
          { title: '测试仪', dataIndex: 'deviceCode' },
          { title: '测量次数', dataIndex: 'readings' },
          { title: '已关联检测记录', dataIndex: 'linked' },
        ]}
      />
      <RecordList<Reading>
        path="device-readings"
        exportable
        columns={[
          { title: '测试仪', dataIndex: 'deviceCode' },
          { title: '测量时间', dataIndex: 'measuredAt', render: formatDateTime },
          { title: '呼气（mg/L）', dataIndex: 'bracMgPerL' },
          { title: '关联检测', dataIndex: 'breathTestId', render: (v: string | null) => (v ? <Tag color="blue">已关联</Tag> : <Tag>未关联</Tag>) },
        ]}
      />
    </Space>
  );
}

/** P1: how often the officers kept what the handheld's camera read, per field (the corrections kept with the tickets). */
function RecognitionAccuracy() {
  return (
    <StatsCard<OcrAccuracy>
      title="终端识别准确率（P1）"
      path="recognition"
      rowKey="field"
      columns={[
        { title: '字段', dataIndex: 'label' },
        { title: '识别次数', dataIndex: 'recognised' },
        { title: '民警更正', dataIndex: 'corrected' },
        { title: '准确率', dataIndex: 'accuracy', render: (v: number) => `${(v * 100).toFixed(1)}%` },
        { title: '平均置信度', dataIndex: 'meanConfidence', render: (v: number) => `${(v * 100).toFixed(0)}%` },
      ]}
    />
  );
}

/** 执法记录: what the officers' handhelds wrote — tickets, alcohol tests, blood samples, detentions, breathalyser data. */
export default function EnforcementRecordsPage() {
  return (
    <Tabs
      items={[
        {
          key: 'violations',
          label: '处罚决定书与警告',
          children: (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <RecognitionAccuracy />
              <RecordList<Violation>
                path="violations"
                exportable
                columns={[
                  { title: '决定书编号', dataIndex: 'decisionNo' },
                  { title: '种类', dataIndex: 'kind', render: (k: string) => (k === 'warning' ? <Tag color="green">警告</Tag> : <Tag color="blue">罚款</Tag>) },
                  { title: '违法行为', key: 'code', render: (_, v) => `${v.code} ${v.codeName}` },
                  { title: '交通方式', dataIndex: 'trafficModeName' },
                  { title: '当事人', key: 'party', render: (_, v) => [v.partyName, v.partyIdNumber, v.partyAddress].filter(Boolean).join(' ') },
                  { title: '号牌', dataIndex: 'plate' },
                  { title: '罚款（元）', dataIndex: 'fine' },
                  {
                    title: '缴款',
                    key: 'payment',
                    render: (_, v) =>
                      v.kind === 'warning' ? null : v.payment ? (
                        <>
                          <Tag color="green" title={`${formatDateTime(v.payment.paidAt)} 缴纳 ${formatYuan(v.payment.fineFen + v.payment.lateFeeFen)} 元`}>
                            已缴款
                          </Tag>
                          {v.payment.refundedFen > 0 && (
                            <Tag color="orange" title={`${formatDateTime(v.payment.refundedAt ?? v.payment.paidAt)} 退款累计`}>
                              已退款 {formatYuan(v.payment.refundedFen)} 元
                            </Tag>
                          )}
                        </>
                      ) : (
                        <Tag>未缴款</Tag>
                      ),
                  },
                  {
                    title: '首违免罚',
                    key: 'first',
                    render: (_, v) =>
                      v.firstViolation.eligible ? (
                        <Tag color="green" title={v.firstViolation.reasons.join('；')}>
                          适用
                        </Tag>
                      ) : (
                        <Tag title={v.firstViolation.reasons.join('；')}>不适用</Tag>
                      ),
                  },
                  { title: '现场教育', dataIndex: 'educationRecordNo' },
                  { title: '识别更正', dataIndex: 'ocrCorrections' },
                  { title: '民警', dataIndex: 'officerName' },
                  { title: '违法时间', dataIndex: 'occurredAt', render: formatDateTime },
                  { title: '照片', key: 'photos', render: (_, v) => <RecordPhotos recordType="violation" recordId={v.id} /> },
                  {
                    title: '文书',
                    key: 'ticket',
                    // The same 58 mm layout the handheld printed; every download is audited on the server.
                    render: (_, v) => (
                      <Button size="small" href={`/api/enforcement/violations/${v.id}/ticket.pdf`} data-testid={`ticket-pdf-${v.decisionNo}`}>
                        PDF
                      </Button>
                    ),
                  },
                ]}
              />
            </Space>
          ),
        },
        {
          key: 'breath',
          label: '呼气酒精检测',
          children: (
            <RecordList<BreathTest>
              path="breath-tests"
              exportable
              columns={[
                { title: '检测时间', dataIndex: 'testedAt', render: formatDateTime },
                { title: '测试仪', dataIndex: 'deviceCode' },
                { title: '检定日期', dataIndex: 'calibrationDate' },
                { title: '呼气（mg/L）', dataIndex: 'bracMgPerL' },
                { title: '血液当量（mg/100mL）', dataIndex: 'bacMgPer100mL' },
                { title: '结论', key: 'verdict', render: (_, t) => <Tag color={VERDICT_COLOURS[t.verdict]}>{t.verdictLabel}</Tag> },
                { title: '须抽血', dataIndex: 'bloodTestRequired', render: (b: boolean) => (b ? '是' : '否') },
                { title: '测试仪数据', dataIndex: 'deviceReadings' },
                { title: '当事人', key: 'subject', render: (_, t) => `${t.subjectName} ${t.subjectIdNumber}` },
                { title: '民警', dataIndex: 'officerName' },
                { title: '照片', key: 'photos', render: (_, t) => <RecordPhotos recordType="breath-test" recordId={t.id} /> },
                {
                  title: '按标准上传',
                  key: 'standardUpload',
                  render: (_, t) => (
                    <StandardUploadCell
                      kind="breath"
                      id={t.id}
                      upload={t.standardUpload}
                      values={{ deviceCode: t.deviceCode, place: t.place, plate: t.plate ?? undefined }}
                    />
                  ),
                },
              ]}
            />
          ),
        },
        {
          key: 'blood',
          label: '血液样本',
          children: (
            <RecordList<BloodSample>
              path="blood-samples"
              exportable
              columns={[
                { title: '样本编号', dataIndex: 'sampleNo' },
                { title: '抽血机构', dataIndex: 'institution' },
                { title: '抽血时间', dataIndex: 'drawnAt', render: formatDateTime },
                { title: '已完成环节', key: 'steps', render: (_, s) => s.events.length },
                { title: '结果（mg/100mL）', dataIndex: 'resultMgPer100mL' },
                {
                  title: '按标准上传',
                  key: 'standardUpload',
                  render: (_, s) => (
                    <StandardUploadCell kind="blood" id={s.id} upload={s.standardUpload} values={{ sampleNo: s.sampleNo, institution: s.institution }} />
                  ),
                },
                {
                  title: '超期预警',
                  dataIndex: 'overdue',
                  render: (o: string[]) =>
                    o.map((w) => (
                      <Tag color="red" key={w}>
                        {w}
                      </Tag>
                    )),
                },
              ]}
            />
          ),
        },
        {
          key: 'detentions',
          label: '先予扣留',
          children: (
            <RecordList<Detention>
              path="detentions"
              exportable
              columns={[
                { title: '凭证编号', dataIndex: 'voucherNo' },
                { title: '依据', dataIndex: 'groundLabel' },
                { title: '通行工具', key: 'conveyance', render: (_, d) => `${d.trafficModeName} ${d.description}` },
                { title: '当事人', dataIndex: 'partyName' },
                { title: '保管地点', dataIndex: 'storagePlace' },
                { title: '扣留时间', dataIndex: 'detainedAt', render: formatDateTime },
                { title: '放行', dataIndex: 'releasedAt', render: (v: string | null) => (v ? formatDateTime(v) : <Tag color="orange">在押</Tag>) },
                { title: '民警', dataIndex: 'officerName' },
                { title: '照片', key: 'photos', render: (_, d) => <RecordPhotos recordType="detention" recordId={d.id} /> },
              ]}
            />
          ),
        },
        { key: 'devices', label: '酒精测试仪数据', children: <DeviceReadings /> },
      ]}
    />
  );
}
