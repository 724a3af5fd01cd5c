// Excel import of people: download the template, upload the filled file.
// All or nothing: on errors the server imports no row and lists every
// problem by row and column; on success each new person's password is shown once.
import { Alert, Button, Modal, Space, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import type { ImportResult } from '../../api/types.ts';
import { useImportUpload } from '../../components/useImportUpload.ts';
import { PasswordText } from '../../components/ShowPassword.tsx';

export function ImportModal({ onClose, onImported }: { onClose: () => void; onImported: () => void }) {
  const { file, pick, clearFile, busy, result, rowErrors, error, upload } = useImportUpload<ImportResult>('/people/import', onImported);

  const copyAll = () => {
    if (!result) return;
    const text = result.people.map((p) => `${p.name}\t${p.phone ?? ''}\t${p.initialPassword ?? '（表格中填写的密码）'}`).join('\n');
    void navigator.clipboard?.writeText(text);
  };

  return (
    <Modal
      open
      title="批量导入人员"
      onCancel={onClose}
      width={760}
      destroyOnHidden
      footer={
        result ? (
          <Button type="primary" onClick={onClose}>
            我已记下，关闭
          </Button>
        ) : (
          <Space>
            <Button onClick={onClose}>取消</Button>
            <Button type="primary" disabled={!file} loading={busy} onClick={upload}>
              开始导入
            </Button>
          </Space>
        )
      }
    >
      {result ? (
        <div>
          <Alert
            type="success"
            showIcon
            title={`导入成功，共新增 ${result.created} 人`}
            description="以下初始密码只显示这一次，请复制保存后分别告知本人；首次登录须修改密码。"
            style={{ marginBottom: 12 }}
          />
          <div className="toolbar">
            <Button onClick={copyAll}>复制全部（姓名、手机号、密码）</Button>
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
      ) : (
        <div>
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
          <Upload.Dragger
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            maxCount={1}
            multiple={false}
            beforeUpload={(f) => {
              pick(f);
              return false;
            }}
            onRemove={clearFile}
            fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined aria-hidden />
            </p>
            <p className="ant-upload-text">点击或将文件拖到此处</p>
            <p className="ant-upload-hint">仅支持 .xlsx 格式，不超过 15 MB</p>
          </Upload.Dragger>
          {error && (
            <Alert
              type="error"
              showIcon
              style={{ marginTop: 12 }}
              title={rowErrors ? '文件有错误，没有导入任何人员' : error}
              description={rowErrors ? `共 ${rowErrors.length} 处问题，请修改后重新上传。` : undefined}
            />
          )}
          {rowErrors && (
            <Table
              rowKey={(r, i) => `${r.row}-${r.column}-${i}`}
              size="small"
              style={{ marginTop: 12 }}
              dataSource={rowErrors}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              columns={[
                { title: '行号', dataIndex: 'row', width: 70 },
                { title: '列', dataIndex: 'column', width: 120 },
                { title: '问题', dataIndex: 'message', render: (v: string) => <span className="wrap-anywhere">{v}</span> },
              ]}
            />
          )}
        </div>
      )}
    </Modal>
  );
}
