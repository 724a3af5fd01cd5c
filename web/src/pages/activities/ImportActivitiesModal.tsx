// 导入 Excel: activities from the list's own sheet (活动清单), through the shared
// import dialog (all rows or none, errors by row and column, the server's error report).
import { Alert, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { ActivityImport } from '../../../../domain/api/activities.ts';
import { ImportDialog } from '../../components/ImportDialog.tsx';

export function ImportActivitiesModal({ onClose, onImported, exportHref }: { onClose: () => void; onImported: () => void; exportHref: string }) {
  return (
    <ImportDialog<ActivityImport>
      title="导入活动清单"
      path="/activities/import"
      onClose={onClose}
      onImported={onImported}
      intro={
        <>
          <Typography.Paragraph>
            按“活动清单”的格式逐场一行填写：活动名称、活动类别、状态（计划中 / 已开展 / 已取消，不填为计划中）、活动日期、活动地点、组织单位必填；
            所在社区在地点重名时填写；共建单位多个用顿号分隔；已开展的活动填参与人次，已取消的填取消原因。 没有模板时，可先{' '}
            <a href={exportHref} download>
              <DownloadOutlined aria-hidden /> 导出活动清单
            </a>
            ，清空“活动编号”列后作为模板。
          </Typography.Paragraph>
          <Typography.Paragraph>文件中有任何一行出错，整个文件都不会导入；请按错误清单修改后重新上传。</Typography.Paragraph>
        </>
      }
      success={(r) => <Alert type="success" showIcon title={`导入成功：新增 ${r.created} 场活动`} />}
    />
  );
}
