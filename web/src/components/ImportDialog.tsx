// The one 导入 dialog behind every all-or-nothing Excel import (problems,
// activities, meetings, people): how to fill the sheet (`intro`), the file,
// then either what was imported (`success`) or why nothing was: the server's
// message, every error by row and column, and an error report to download
// (the server's .xlsx when it sends one, else the rows as a CSV Excel opens).
import type { ReactNode } from 'react';
import { Alert, Button, Modal, Space, Table, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import type { ImportRowError } from '../api/types.ts';
import { useImportUpload } from './useImportUpload.ts';
import { fromBase64, saveBlob } from './download.ts';

/** The server's error report: the uploaded rows with an error column, as .xlsx. */
interface ServerReport {
  filename: string;
  contentType: string;
  base64: string;
}

/** Without the server's report: the row errors as a CSV Excel opens (UTF-8 with BOM). */
function csvReport(errors: ImportRowError[], fileName: string) {
  const cell = (v: string | number) => `"${String(v).replace(/"/g, '""')}"`;
  const text = '\ufeff' + [['行号', '列', '问题'], ...errors.map((e) => [e.row, e.column, e.message])].map((r) => r.map(cell).join(',')).join('\r\n');
  saveBlob(new Blob([text], { type: 'text/csv;charset=utf-8' }), `${fileName.replace(/\.xlsx$/i, '')}-错误报告.csv`);
}

export function ImportDialog<R>({
  title,
  path,
  intro,
  hint = '仅支持 .xlsx 格式',
  refused,
  success,
  doneText = '完成',
  onClose,
  onImported,
}: {
  title: string;
  /** The import route, e.g. '/activities/import'. */
  path: string;
  /** How to fill the sheet: the template or export to start from, which rows do what. */
  intro: ReactNode;
  /** Under the drop zone: the format and its limits. */
  hint?: string;
  /** The title when rows are refused (else the server's message). */
  refused?: string;
  /** What was imported. */
  success: (r: R) => ReactNode;
  doneText?: string;
  onClose: () => void;
  onImported: () => void;
}) {
  const { file, pick, clearFile, busy, result, rowErrors, details, error, upload } = useImportUpload<R, { errors?: ImportRowError[]; report?: ServerReport }>(
    path,
    onImported,
  );
  const report = details?.report?.base64 ? details.report : null;
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      width={760}
      destroyOnHidden
      footer={
        result ? (
          <Button type="primary" onClick={onClose}>
            {doneText}
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
        success(result)
      ) : (
        <div>
          {intro}
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
            <p className="ant-upload-hint">{hint}</p>
          </Upload.Dragger>
          {error && (
            <Alert
              type="error"
              showIcon
              style={{ marginTop: 12 }}
              title={rowErrors && refused ? refused : error}
              description={rowErrors ? `共 ${rowErrors.length} 处错误，请修改后重新上传。` : undefined}
              action={
                rowErrors ? (
                  <Button
                    size="small"
                    icon={<DownloadOutlined aria-hidden />}
                    onClick={() =>
                      report ? saveBlob(fromBase64(report.base64, report.contentType), report.filename) : csvReport(rowErrors, file?.name ?? title)
                    }
                  >
                    下载错误报告
                  </Button>
                ) : undefined
              }
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
