// The documents of a record: uploaded one by one to POST /api/files (PDF, Word
// .docx, Excel .xlsx; the server refuses anything else with the reason), and
// the photos and documents a record already holds, each removable.
import { Button, Image, Space, Upload } from 'antd';
import { CloseOutlined, FileTextOutlined, UploadOutlined } from '@ant-design/icons';
import { useFeedback } from '../../components/useActions.ts';
import { request } from '../../api/client.ts';
import type { LinkedPhoto, StoredDocument } from '../../../../domain/api/files.ts';

export function DocUploader({ value, onChange }: { value: StoredDocument[]; onChange: (v: StoredDocument[]) => void }) {
  const { fail } = useFeedback();
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
              onClick={() => onChange(value.filter((x) => x.id !== f.id))}
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
              onChange([...value, d]);
              onSuccess?.(d);
            })
            .catch((e) => {
              fail(e);
              onError?.(e);
            });
        }}
      >
        <Button icon={<UploadOutlined aria-hidden />}>上传文件（PDF、docx、xlsx）</Button>
      </Upload>
    </div>
  );
}

export function KeptPhotos({ value, onChange }: { value: LinkedPhoto[]; onChange: (v: LinkedPhoto[]) => void }) {
  if (!value.length) return null;
  return (
    <Space wrap style={{ marginBottom: 8 }}>
      {value.map((p) => (
        <div key={p.id} style={{ position: 'relative' }}>
          <Image width={96} height={72} style={{ objectFit: 'cover' }} src={p.thumbUrl} preview={{ src: p.url }} alt="已上传的照片" />
          <Button
            size="small"
            shape="circle"
            aria-label="移除这张照片"
            icon={<CloseOutlined aria-hidden />}
            style={{ position: 'absolute', top: 2, right: 2 }}
            onClick={() => onChange(value.filter((x) => x.id !== p.id))}
          />
        </div>
      ))}
    </Space>
  );
}
