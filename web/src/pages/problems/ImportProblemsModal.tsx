// 导入 Excel: a problem list (for example a county notice's items) from .xlsx.
// All rows or none: on errors nothing is imported, every error is listed by
// row and column, and the list downloads as an error report.
import { Alert, Button, Modal, Space, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import type { ImportRowError } from '../../api/types.ts';
import type { ProblemImport } from '../../../../domain/api/problems.ts';
import { useImportUpload } from '../../components/useImportUpload.ts';

/** The server's error report: the uploaded rows with an error column, as .xlsx. */
interface ServerReport {
  filename: string;
  contentType: string;
  base64: string;
}

type ImportResult = ProblemImport;

export function fromBase64(b64: string, type: string): Blob {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type });
}

/** Without the server's report: the row errors as a CSV Excel opens (UTF-8 with BOM). */
function errorReport(errors: ImportRowError[], fileName: string) {
  const cell = (v: string | number) => `"${String(v).replace(/"/g, '""')}"`;
  const text = '\ufeff' + [['行号', '列', '问题'], ...errors.map((e) => [e.row, e.column, e.message])].map((r) => r.map(cell).join(',')).join('\r\n');
  save(new Blob([text], { type: 'text/csv;charset=utf-8' }), `${fileName.replace(/\.xlsx$/i, '')}-错误报告.csv`);
}

export function save(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function ImportProblemsModal({ onClose, onImported, exportHref }: { onClose: () => void; onImported: () => void; exportHref: string }) {
  const { file, pick, clearFile, busy, result, rowErrors, details, error, upload } = useImportUpload<
    ImportResult,
    { errors?: ImportRowError[]; report?: ServerReport }
  >('/problems/import', onImported);
  const report = details?.report?.base64 ? details.report : null;
  const count = result ? (result.created ?? result.imported ?? result.items?.length ?? 0) : 0;

  return (
    <Modal
      open
      title="导入问题清单"
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
        <Alert
          type="success"
          showIcon
          title={`导入成功：新增 ${count} 个问题，修改 ${result.updated ?? 0} 个${result.unchanged ? `，${result.unchanged} 个无变化` : ''}`}
          description={count ? '新问题已进入“待派遣”（无立案权限时为“待立案”），请在列表中继续办理。' : undefined}
        />
      ) : (
        <div>
          <Typography.Paragraph>
            按“问题清单”的格式填写（例如县督查通报的问题逐条一行）。没有模板时，可先{' '}
            <a href={exportHref} download>
              <DownloadOutlined aria-hidden /> 导出一份问题清单
            </a>{' '}
            作为格式参考。
          </Typography.Paragraph>
          <Typography.Paragraph>
            没有问题编号的行是新问题；有问题编号的行修改该问题（问题描述、问题类别；派遣前还可改所在社区、整改层级、点位、地址），
            状态、责任单位、整改期限不能通过导入修改。修改请在最新导出的清单上进行：导出后问题已有变动的行会被拒绝，请重新导出。
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
              title={error /* the server's: 整个文件未导入, and for stale rows which ones to re-export */}
              description={rowErrors ? `共 ${rowErrors.length} 处错误，请修改后重新上传。` : undefined}
              action={
                rowErrors ? (
                  <Button
                    size="small"
                    icon={<DownloadOutlined aria-hidden />}
                    onClick={() =>
                      report ? save(fromBase64(report.base64, report.contentType), report.filename) : errorReport(rowErrors, file?.name ?? '问题清单')
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
              rowKey={(r) => `${r.row}-${r.column}-${r.message}`}
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
