// 导入 Excel: activities from the list's own sheet (活动清单). All rows or none:
// on errors nothing is imported, each is listed by row and column, and the
// rows come back as an error report (.xlsx with 错误说明).
import { Alert, Button, Modal, Space, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import type { ImportRowError } from '../../api/types.ts';
import { useImportUpload } from '../../components/useImportUpload.ts';
import type { ActivityImport } from '../../../../domain/api/activities.ts';
import { fromBase64, save } from '../problems/ImportProblemsModal.tsx';

interface ServerReport {
  filename: string;
  contentType: string;
  base64: string;
}

export function ImportActivitiesModal({ onClose, onImported, exportHref }: { onClose: () => void; onImported: () => void; exportHref: string }) {
  const { file, pick, clearFile, busy, result, rowErrors, details, error, upload } = useImportUpload<
    ActivityImport,
    { errors?: ImportRowError[]; report?: ServerReport }
  >('/activities/import', onImported);
  const report = details?.report?.base64 ? details.report : null;
  return (
    <Modal
      open
      title="导入活动清单"
      onCancel={onClose}
      width={760}
      destroyOnHidden
      footer={
        result ? (
          <Button type="primary" onClick={onClose}>
            完成
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
        <Alert type="success" showIcon title={`导入成功：新增 ${result.created} 场活动`} />
      ) : (
        <div>
          <Typography.Paragraph>
            按“活动清单”的格式逐场一行填写：活动名称、活动类别、状态（计划中 / 已开展 / 已取消，不填为计划中）、活动日期、活动地点、组织单位必填；
            所在社区在地点重名时填写；共建单位多个用顿号分隔；已开展的活动填参与人次，已取消的填取消原因。 没有模板时，可先{' '}
            <a href={exportHref} download>
              <DownloadOutlined aria-hidden /> 导出活动清单
            </a>
            ，清空“活动编号”列后作为模板。
          </Typography.Paragraph>
          <Typography.Paragraph>文件中有任何一行出错，整个文件都不会导入；请按错误清单修改后重新上传。</Typography.Paragraph>
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
            <p className="ant-upload-hint">仅支持 .xlsx 格式</p>
          </Upload.Dragger>
          {error && (
            <Alert
              type="error"
              showIcon
              style={{ marginTop: 12 }}
              title={error}
              description={rowErrors ? `共 ${rowErrors.length} 处错误，请修改后重新上传。` : undefined}
              action={
                report ? (
                  <Button
                    size="small"
                    icon={<DownloadOutlined aria-hidden />}
                    onClick={() => save(fromBase64(report.base64, report.contentType), report.filename)}
                  >
                    下载错误清单
                  </Button>
                ) : undefined
              }
            />
          )}
          {rowErrors && (
            <Table
              rowKey={(r) => `${r.row}-${r.column}-${r.message}`}
              size="small"
              style={{ marginTop: 12 }}
              dataSource={rowErrors}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              columns={[
                { title: '行号', dataIndex: 'row', width: 70 },
                { title: '列', dataIndex: 'column', width: 120 },
                { title: '问题', dataIndex: 'message' },
              ]}
            />
          )}
        </div>
      )}
    </Modal>
  );
}
