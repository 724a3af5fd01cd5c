// 导入 Excel: a problem list (for example a county notice's items) from .xlsx,
// through the shared import dialog (all rows or none, errors by row and column,
// an error report to download).
import { Alert, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { ProblemImport } from '../../../../domain/api/problems.ts';
import { ImportDialog } from '../../components/ImportDialog.tsx';

export function ImportProblemsModal({ onClose, onImported, exportHref }: { onClose: () => void; onImported: () => void; exportHref: string }) {
  return (
    <ImportDialog<ProblemImport>
      title="导入问题清单"
      path="/problems/import"
      onClose={onClose}
      onImported={onImported}
      intro={
        <>
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
        </>
      }
      success={(r) => {
        const count = r.created ?? r.imported ?? r.items?.length ?? 0;
        return (
          <Alert
            type="success"
            showIcon
            title={`导入成功：新增 ${count} 个问题，修改 ${r.updated ?? 0} 个${r.unchanged ? `，${r.unchanged} 个无变化` : ''}`}
            description={count ? '新问题已进入“待派遣”（无立案权限时为“待立案”），请在列表中继续办理。' : undefined}
          />
        );
      }}
    />
  );
}
