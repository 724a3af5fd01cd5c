// Excel import of people: download the template, upload the filled file.
// All or nothing: on errors the server imports no row and lists every
// problem by row and column; on success each new person's password is shown once.
import { Alert, Button, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { ImportResult } from '../../api/types.ts';
import { ImportDialog } from '../../components/ImportDialog.tsx';
import { PasswordText } from '../../components/ShowPassword.tsx';

export function ImportModal({ onClose, onImported }: { onClose: () => void; onImported: () => void }) {
  const copyAll = (result: ImportResult) => {
    const text = result.people.map((p) => `${p.name}\t${p.phone ?? ''}\t${p.initialPassword ?? '（表格中填写的密码）'}`).join('\n');
    void navigator.clipboard?.writeText(text);
  };

  return (
    <ImportDialog<ImportResult>
      title="批量导入人员"
      path="/people/import"
      hint="仅支持 .xlsx 格式，不超过 15 MB"
      refused="文件有错误，没有导入任何人员"
      doneText="我已记下，关闭"
      onClose={onClose}
      onImported={onImported}
      intro={
        <>
          <Typography.Paragraph>
            第一步：
            <a href="/api/people/import-template" download>
              <DownloadOutlined aria-hidden /> 下载导入模板
            </a>
            ，按模板填写人员信息（每行一人）。
          </Typography.Paragraph>
          <Typography.Paragraph>
            第二步：选择填好的 Excel 文件（.xlsx）上传。文件中有任何错误时整个文件都不会导入，请按错误清单修改后重新上传。
          </Typography.Paragraph>
        </>
      }
      success={(result) => (
        <div>
          <Alert
            type="success"
            showIcon
            title={`导入成功，共新增 ${result.created} 人`}
            description="以下初始密码只显示这一次，请复制保存后分别告知本人；首次登录须修改密码。"
            style={{ marginBottom: 12 }}
          />
          <div className="toolbar">
            <Button onClick={() => copyAll(result)}>复制全部（姓名、手机号、密码）</Button>
          </div>
          <Table
            rowKey="id"
            size="small"
            dataSource={result.people}
            pagination={false}
            scroll={{ y: 360 }}
            columns={[
              { title: '行号', dataIndex: 'row', width: 64 },
              { title: '姓名', dataIndex: 'name' },
              { title: '手机号', dataIndex: 'phone', responsive: ['sm'] },
              { title: '初始密码', dataIndex: 'initialPassword', render: (v: string | null) => (v ? <PasswordText password={v} /> : '使用表格中填写的密码') },
            ]}
          />
        </div>
      )}
    />
  );
}
