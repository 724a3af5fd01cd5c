// 导入服务记录: an organiser's service records from Excel through the shared
// import dialog (all rows or none, errors by row and column, the server's
// 错误清单). The template names the columns; the records arrive confirmed.
import { Alert, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { ServiceImport } from '../../../../domain/api/volunteers.ts';
import { ImportDialog } from '../../components/ImportDialog.tsx';

export default function ImportServiceModal({ onClose, onImported }: { onClose: () => void; onImported: () => void }) {
  return (
    <ImportDialog<ServiceImport>
      title="导入志愿服务记录"
      path="/volunteers/service/import"
      onClose={onClose}
      onImported={onImported}
      intro={
        <>
          <Typography.Paragraph>
            每人每场活动一行：活动编号（活动清单中的编号）、姓名必填，手机号建议填写（按手机号找志愿者，并核对姓名）；服务时长（小时），或活动当天的开始时间和结束时间（如
            09:00、11:30）。只能导入本人所在社区（或乡镇）组织、已开展的活动（谁组织谁记录），导入的记录直接为“已确认”。{' '}
            <a href="/api/volunteers/service/template.xlsx" download>
              <DownloadOutlined aria-hidden /> 下载导入模板
            </a>
          </Typography.Paragraph>
          <Typography.Paragraph>文件中有任何一行出错，整个文件都不会导入；请按错误清单修改后重新上传。</Typography.Paragraph>
        </>
      }
      success={(r) => <Alert type="success" showIcon title={`导入成功：新增 ${r.created} 条服务记录`} />}
    />
  );
}
