// 志愿服务记录证明, printable: the same content as the .docx (totals, teams,
// organisers, every counted record), laid out for the browser's print.
import { useParams } from 'react-router';
import { Button, Card, Space, Table, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useCertificate } from './api.ts';

const cn = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

export default function CertificatePage() {
  const id = Number(useParams().id);
  const c = useCertificate(id).data;
  if (!c) return <Card loading />;
  return (
    <Card
      extra={
        <Space className="no-print">
          <Button icon={<PrinterOutlined aria-hidden />} onClick={() => window.print()}>
            打印
          </Button>
          <Button href={`/api/volunteers/${id}/certificate.docx`} download>
            下载 docx
          </Button>
        </Space>
      }
    >
      <div style={{ maxWidth: 760, margin: '0 auto', fontFamily: 'FangSong, STFangsong, serif', fontSize: 16, lineHeight: 2 }}>
        <Typography.Title level={2} style={{ textAlign: 'center' }}>
          志愿服务记录证明
        </Typography.Title>
        <p style={{ textIndent: '2em' }}>
          兹证明{c.name}
          {c.idNumber ? `（证件号码：${c.idNumber}）` : ''}
          {c.teams.length ? `系${c.teams.join('、')}志愿者，` : ''}
          {c.from && c.to ? `${cn(c.from)}至${cn(c.to)}` : '迄今'}参加志愿服务{c.records}次，累计志愿服务时长{c.hours}小时。
        </p>
        <p style={{ textIndent: '2em' }}>上述志愿服务由{c.organisers.join('、') || '（无）'}组织并记录，记录明细见下表。</p>
        <Table
          rowKey={(_, i) => String(i)}
          size="small"
          pagination={false}
          dataSource={c.rows}
          columns={[
            { title: '序号', width: 60, render: (_, __, i) => i + 1 },
            { title: '服务日期', dataIndex: 'onDate', width: 120 },
            { title: '活动名称', dataIndex: 'activity' },
            { title: '组织单位', dataIndex: 'organiser', width: 200 },
            { title: '时长（小时）', dataIndex: 'hours', width: 110, align: 'right' },
          ]}
        />
        <p style={{ textAlign: 'right', marginTop: 32 }}>
          {c.issuer}
          <br />
          {cn(c.issuedOn)}
        </p>
      </div>
    </Card>
  );
}
