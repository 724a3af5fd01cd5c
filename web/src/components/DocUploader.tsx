// Documents uploaded one by one to POST /api/files (PDF, Word .docx, Excel
// .xlsx; the server checks the content and refuses anything else with the
// reason), each listed with a download link and removable. The value is the
// stored documents; a form sends their ids.
import { useRef } from 'react';
import { Button, Upload } from 'antd';
import { CloseOutlined, FileTextOutlined, UploadOutlined } from '@ant-design/icons';
import { useFeedback } from './useActions.ts';
import { request } from '../api/client.ts';
import type { StoredDocument } from '../../../domain/api/files.ts';

export function DocUploader({
  value = [],
  onChange,
  label = '上传文件（PDF、docx、xlsx）',
}: {
  value?: StoredDocument[];
  onChange?: (v: StoredDocument[]) => void;
  label?: string;
}) {
  const { fail } = useFeedback();
  // Several files picked at once finish one after another: each adds to the latest list, not the one it started with.
  const latest = useRef(value);
  latest.current = value;
  return (
    <div>
      <ul style={{ paddingLeft: 0, listStyle: 'none', margin: '0 0 8px' }}>
        {value.map((f) => (
          <li key={f.id}>
            <FileTextOutlined aria-hidden />{' '}
            <a href={f.url} download>
              {f.name}
            </a>
            <Button
              type="link"
              size="small"
              aria-label={`移除 ${f.name}`}
              icon={<CloseOutlined aria-hidden />}
              onClick={() => onChange?.(value.filter((x) => x.id !== f.id))}
            />
          </li>
        ))}
      </ul>
      <Upload
        accept=".pdf,.docx,.xlsx"
        multiple
        showUploadList={false}
        customRequest={({ file, onSuccess, onError }) => {
          const fd = new FormData();
          fd.append('file', file as File);
          request<StoredDocument>('POST', '/files', fd)
            .then((d) => {
              latest.current = [...latest.current, d];
              onChange?.(latest.current);
              onSuccess?.(d);
            })
            .catch((e) => {
              fail(e);
              onError?.(e);
            });
        }}
      >
        <Button icon={<UploadOutlined aria-hidden />}>{label}</Button>
      </Upload>
    </div>
  );
}
