// The photos a record already holds, shown small in a form, each removable:
// what is left is kept when the form is saved (beside the newly uploaded ones).
import { Button, Image, Space } from 'antd';
import { CloseOutlined } from '@ant-design/icons';

export function KeptPhotos<T extends { id: number; url: string; thumbUrl: string }>({ value, onChange }: { value: T[]; onChange: (v: T[]) => void }) {
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
