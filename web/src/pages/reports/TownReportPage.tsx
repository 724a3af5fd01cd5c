// One town report: its figures (as drafted from the records), the office's
// text around them (editable while a draft), 发布 (the next 期数), 更正 of a
// published one (a new revision with its reason) and the .docx.
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Alert, Button, Card, Descriptions, Form, Input, Space, Table, Tag } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { api } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useSave } from '../../api/save.ts';
import { PageExtra } from '../../components/PageHeader.tsx';
import { TOWN_REPORT_STATE_LABELS } from '../../../../domain/reports.ts';
import { useTownReport, type TownReportDetail } from './api.ts';

type Text = { title: string; opening: string; body: string; closing: string };

function Figures({ r }: { r: TownReportDetail }) {
  const f = r.facts;
  const rate = (x: number | null) => (x === null ? '—' : `${x}%`);
  return (
    <>
      <Descriptions
        size="small"
        bordered
        column={3}
        items={[
          { key: 'p', label: '问题', children: `新增 ${f.problems.found}，办结 ${f.problems.closed}，超期 ${f.problems.overdue}` },
          { key: 'pat', label: '街巷长巡查', children: `${f.patrols.done} 次，漏巡 ${f.patrols.missed}，${rate(f.patrols.rate)}` },
          { key: 'sup', label: '督查', children: `${f.supervision.done} 次，漏督 ${f.supervision.missed}，${rate(f.supervision.rate)}` },
          { key: 'n', label: '印发通报', children: `${f.noticesIssued} 期` },
          {
            key: 'cr',
            label: '社区日报',
            children: `应报 ${f.communityReports.owed}，已报 ${f.communityReports.submitted}（迟报 ${f.communityReports.late}）`,
          },
          {
            key: 'rk',
            label: '红黑榜',
            children: f.ranking ? `${f.ranking.period}：红榜 ${f.ranking.red.join('、') || '无'}；黑榜 ${f.ranking.black.join('、') || '无'}` : '尚未发布',
          },
        ]}
      />
      <Table
        size="small"
        style={{ marginTop: 12 }}
        rowKey="key"
        pagination={false}
        dataSource={f.byCommunity}
        columns={[
          { title: '社区', dataIndex: 'name' },
          { title: '新增', dataIndex: 'found', width: 80 },
          { title: '办结', dataIndex: 'closed', width: 80 },
          { title: '超期', dataIndex: 'overdue', width: 80 },
        ]}
      />
      {f.typicalProblems.length > 0 && (
        <p style={{ marginTop: 8 }}>
          典型问题 {f.typicalProblems.length} 个：
          {f.typicalProblems.slice(0, 10).map((p) => (
            <Link key={p.id} to={`/problems/${p.id}`} style={{ marginRight: 8 }}>
              {p.code}
            </Link>
          ))}
        </p>
      )}
    </>
  );
}

export default function TownReportPage() {
  const id = Number(useParams().id);
  const q = useTownReport(id);
  const navigate = useNavigate();
  const [form] = Form.useForm<Text>();
  const [correcting, setCorrecting] = useState(false);
  const [reason, setReason] = useState('');
  const r = q.data;
  const text = (v: Text) => ({ title: v.title, body: { opening: v.opening, body: v.body, closing: v.closing } });
  const edit = useSave({
    run: (v: Text) => api.put(`/reports/town/${id}`, { version: r!.version, ...text(v) }),
    ok: '已保存',
    form,
    invalidate: [keys.reports.all],
  });
  const publish = useSave({ run: () => api.post(`/reports/town/${id}/publish`, { version: r!.version }), ok: '已发布', invalidate: [keys.reports.all] });
  const correct = useSave({
    run: (v: Text) => api.post<TownReportDetail>(`/reports/town/${id}/correct`, { version: r!.version, reason, ...text(v) }),
    ok: '已发布更正版本',
    form,
    invalidate: [keys.reports.all],
    onOk: (n) => {
      setCorrecting(false);
      navigate(`/reports/town/${n.id}`);
    },
  });
  if (!r) return <Card loading={q.isLoading} />;
  const editable = r.can.edit || correcting;
  return (
    <Card
      title={
        <Space>
          {r.title}
          <Tag>{TOWN_REPORT_STATE_LABELS[r.state]}</Tag>
          {r.issue && <Tag color="red">{r.issue}</Tag>}
          {r.revision > 1 && <Tag color="purple">第 {r.revision} 版</Tag>}
        </Space>
      }
    >
      <PageExtra>
        <Space wrap>
          <a href={`/api/reports/town/${r.id}/docx`} download>
            <Button icon={<DownloadOutlined aria-hidden />}>下载 .docx</Button>
          </a>
          {r.can.publish && (
            <Button type="primary" loading={publish.busy} onClick={() => publish.save()}>
              发布
            </Button>
          )}
          {r.can.correct && !correcting && <Button onClick={() => setCorrecting(true)}>更正</Button>}
        </Space>
      </PageExtra>
      {r.state === 'superseded' && <Alert type="warning" showIcon title="此版本已被更正版本取代。" style={{ marginBottom: 12 }} />}
      {r.correctionReason && <Alert type="info" showIcon title={`更正原因：${r.correctionReason}`} style={{ marginBottom: 12 }} />}
      {r.previousId && (
        <p>
          <Link to={`/reports/town/${r.previousId}`}>查看被更正的上一版</Link>
        </p>
      )}
      <Figures r={r} />
      <Form
        form={form}
        layout="vertical"
        style={{ marginTop: 16 }}
        disabled={!editable}
        initialValues={{ title: r.title, ...r.body }}
        key={`${r.id}-${r.version}`}
        onFinish={(v) => (correcting ? correct.save(v) : edit.save(v))}
      >
        <Form.Item name="title" label="标题" rules={[{ required: true, min: 2 }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="opening" label="开头">
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="body" label="工作情况（可分段）">
          <Input.TextArea rows={8} maxLength={20000} />
        </Form.Item>
        <Form.Item name="closing" label="下一步工作">
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        {r.can.edit && (
          <Button htmlType="submit" loading={edit.busy}>
            保存草稿
          </Button>
        )}
        {correcting && (
          <>
            <Alert type="info" showIcon style={{ marginBottom: 8 }} title="已发布的报告不能直接修改：更正以新版本发布，保留原期数，并记录更正原因。" />
            <Form.Item label="更正原因" required>
              <Input.TextArea aria-label="更正原因" rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
            </Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" loading={correct.busy}>
                发布更正
              </Button>
              <Button onClick={() => setCorrecting(false)}>取消</Button>
            </Space>
          </>
        )}
      </Form>
    </Card>
  );
}
