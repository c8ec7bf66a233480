import { APPLICANTS, type Applicant, type CatalogueRow, DOC_TYPE_KEYS, DOC_TYPES, type DocType } from '@shtp/core/archive';
import { EBIKE_BUSINESS_TYPES, OWNER_TYPES } from '@shtp/core/ebike';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, InputNumber, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { useErrorReporter } from '../../forms/server-errors';

type OwnerType = CatalogueRow['ownerType'];
interface Case {
  businessType: string;
  ownerType: OwnerType;
  applicant: Applicant;
}
const sameCase = (r: CatalogueRow, c: Case) => r.businessType === c.businessType && r.ownerType === c.ownerType && r.applicant === c.applicant;
const MAX_PAGES = 50;
const badPages = (n: number) => !Number.isInteger(n) || n < 0 || n > MAX_PAGES;
const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

/**
 * 必需材料目录 (A3): per business type, owner type and applicant, which documents are required and how many pages.
 * One case is edited at a time; saving replaces the whole catalogue (the server keeps it in one table).
 */
export default function CataloguePage() {
  const { message } = App.useApp();
  const reportError = useErrorReporter();
  const client = useQueryClient();
  const { data: rows, isPending } = useQuery({ queryKey: ['archive', 'catalogue'], queryFn: () => api.get<CatalogueRow[]>('/api/archive/catalogue') });
  const [selected, setSelected] = useState<Case>({ businessType: 'register', ownerType: '1', applicant: 'self' });
  const [edits, setEdits] = useState<Partial<Record<DocType, number>>>({});
  const pagesOf = (docType: DocType) => edits[docType] ?? rows?.find((r) => sameCase(r, selected) && r.docType === docType)?.minPages ?? 0;
  const choose = (change: Partial<Case>) => {
    setSelected({ ...selected, ...change });
    setEdits({});
  };
  const save = useMutation({
    mutationFn: () => {
      const others = (rows ?? []).filter((r) => !sameCase(r, selected));
      const mine = DOC_TYPE_KEYS.map((docType) => ({ ...selected, docType, minPages: pagesOf(docType) })).filter((r) => r.minPages > 0);
      return api.put<CatalogueRow[]>('/api/archive/catalogue', { rows: [...others, ...mine] });
    },
    onSuccess: (saved) => {
      client.setQueryData(['archive', 'catalogue'], saved);
      setEdits({});
      message.success('必需材料目录已保存');
    },
    onError: reportError,
  });

  return (
    <Card title="必需材料目录">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Select
            style={{ width: 160 }}
            value={selected.businessType}
            onChange={(businessType) => choose({ businessType })}
            options={options(EBIKE_BUSINESS_TYPES)}
            data-testid="catalogue-business"
          />
          <Select<OwnerType>
            style={{ width: 100 }}
            value={selected.ownerType}
            onChange={(ownerType) => choose({ ownerType })}
            options={options(OWNER_TYPES) as { value: OwnerType }[]}
          />
          <Select<Applicant>
            style={{ width: 140 }}
            value={selected.applicant}
            onChange={(applicant) => choose({ applicant })}
            options={options(APPLICANTS) as { value: Applicant }[]}
          />
        </Space>
        <Typography.Text type="secondary">页数为 0 表示该材料不是必需的。修改后新采集的页面按新目录判断是否齐全。</Typography.Text>
        <Table
          rowKey={(docType) => docType}
          size="small"
          loading={isPending}
          pagination={false}
          dataSource={DOC_TYPE_KEYS}
          data-testid="catalogue-table"
          columns={[
            { title: '材料', key: 'label', render: (_, docType) => DOC_TYPES[docType] },
            {
              title: '至少页数',
              key: 'pages',
              render: (_, docType) => (
                // No min/max/precision: a number out of range is marked and refused, not changed on blur.
                <Space>
                  <InputNumber
                    status={badPages(pagesOf(docType)) ? 'error' : undefined}
                    value={pagesOf(docType)}
                    onChange={(v) => setEdits({ ...edits, [docType]: v ?? 0 })}
                    data-testid={`catalogue-pages-${docType}`}
                  />
                  {badPages(pagesOf(docType)) && <Typography.Text type="danger">页数须为 0–{MAX_PAGES} 的整数</Typography.Text>}
                </Space>
              ),
            },
          ]}
        />
        <Button
          type="primary"
          loading={save.isPending}
          disabled={Object.keys(edits).length === 0 || DOC_TYPE_KEYS.some((docType) => badPages(pagesOf(docType)))}
          onClick={() => save.mutate()}
          data-testid="catalogue-save"
        >
          保存
        </Button>
      </Space>
    </Card>
  );
}
