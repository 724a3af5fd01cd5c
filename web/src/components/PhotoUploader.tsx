// Photos uploaded one by one to POST /api/photos as soon as they are picked,
// each with its own progress and error: a bad file fails alone and the rest
// of the form stays. The value is the ids of the photos that finished.
// "拍照" opens the phone camera (capture="environment"); "相册" picks files.
import { useEffect, useRef, useState } from 'react';
import { Button, Progress, Space, Typography } from 'antd';
import { CameraOutlined, CloseOutlined, PictureOutlined, ReloadOutlined } from '@ant-design/icons';
import './problem.css';

interface Item {
  key: string;
  file: File;
  preview: string;
  status: 'uploading' | 'done' | 'error';
  percent: number;
  id?: number;
  error?: string;
}

export const MAX_PHOTOS = 20;

function upload(file: File, onProgress: (p: number) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/photos');
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      let body: any = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON */
      }
      if (xhr.status >= 200 && xhr.status < 300 && body?.id) resolve(body.id);
      else if (xhr.status === 401) reject(new Error('登录已过期，请重新登录后再上传'));
      else reject(new Error(body?.error?.message ?? (xhr.status === 413 ? '照片超过 15 MB，请压缩后重新上传' : `上传失败（${xhr.status}）`)));
    };
    xhr.onerror = () => reject(new Error('网络连接失败，请检查网络后点击重试'));
    const fd = new FormData();
    fd.append('file', file, file.name);
    xhr.send(fd);
  });
}

export function PhotoUploader({
  value,
  onChange,
  onBusyChange,
  id,
  label = '照片',
  max = MAX_PHOTOS,
}: {
  value?: number[];
  onChange?: (ids: number[]) => void;
  onBusyChange?: (busy: boolean) => void;
  id?: string;
  label?: string;
  max?: number;
}) {
  const [items, setItems] = useState<Item[]>([]);
  const itemsRef = useRef(items);
  itemsRef.current = items;
  const camera = useRef<HTMLInputElement>(null);
  const album = useRef<HTMLInputElement>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const onBusyRef = useRef(onBusyChange);
  onBusyRef.current = onBusyChange;

  // The form's value follows the finished uploads; busy while any is running.
  const doneIds = items.filter((i) => i.status === 'done').map((i) => i.id!);
  const doneKey = doneIds.join(',');
  const busy = items.some((i) => i.status === 'uploading');
  useEffect(() => {
    if (doneKey !== (value ?? []).join(',')) onChangeRef.current?.(doneIds);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [doneKey]);
  useEffect(() => {
    onBusyRef.current?.(busy);
  }, [busy]);
  useEffect(
    () => () => {
      for (const i of itemsRef.current) URL.revokeObjectURL(i.preview);
    },
    [],
  );

  const patch = (key: string, p: Partial<Item>) => setItems((xs) => xs.map((x) => (x.key === key ? { ...x, ...p } : x)));

  const start = (item: Item) => {
    patch(item.key, { status: 'uploading', percent: 0, error: undefined });
    upload(item.file, (percent) => patch(item.key, { percent })).then(
      (pid) => patch(item.key, { status: 'done', percent: 100, id: pid }),
      (e: Error) => patch(item.key, { status: 'error', error: e.message }),
    );
  };

  const add = (files: FileList | null) => {
    if (!files?.length) return;
    const room = Math.max(0, max - itemsRef.current.length);
    const fresh: Item[] = [...files].slice(0, room).map((file) => ({
      key: `${Date.now()}-${Math.random().toString(36).slice(2)}`,
      file,
      preview: URL.createObjectURL(file),
      status: 'uploading',
      percent: 0,
    }));
    setItems((xs) => [...xs, ...fresh]);
    fresh.forEach(start);
  };

  const remove = (key: string) =>
    setItems((xs) => {
      const x = xs.find((i) => i.key === key);
      if (x) URL.revokeObjectURL(x.preview);
      return xs.filter((i) => i.key !== key);
    });

  const full = items.length >= max;
  return (
    <div id={id}>
      <Space wrap size={8} style={{ marginBottom: items.length ? 8 : 0 }}>
        <Button icon={<CameraOutlined aria-hidden />} disabled={full} onClick={() => camera.current?.click()}>
          拍照
        </Button>
        <Button icon={<PictureOutlined aria-hidden />} disabled={full} onClick={() => album.current?.click()}>
          从相册选择
        </Button>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          JPEG、PNG 或 WebP，每张不超过 15 MB
        </Typography.Text>
      </Space>
      <input
        ref={camera}
        type="file"
        accept="image/*"
        capture="environment"
        style={{ display: 'none' }}
        aria-label={`拍摄${label}`}
        data-testid={`${id ?? 'photos'}-camera`}
        onChange={(e) => {
          add(e.target.files);
          e.target.value = '';
        }}
      />
      <input
        ref={album}
        type="file"
        accept="image/jpeg,image/png,image/webp,image/*"
        multiple
        style={{ display: 'none' }}
        aria-label={`选择${label}`}
        data-testid={`${id ?? 'photos'}-input`}
        onChange={(e) => {
          add(e.target.files);
          e.target.value = '';
        }}
      />
      {items.length > 0 && (
        <div className="photo-grid">
          {items.map((it) => (
            <div key={it.key} className={`photo-cell${it.status === 'error' ? ' photo-cell-error' : ''}`}>
              <img src={it.preview} alt={it.file.name} />
              <Button
                size="small"
                shape="circle"
                className="photo-remove"
                aria-label="移除这张照片"
                icon={<CloseOutlined aria-hidden />}
                onClick={() => remove(it.key)}
              />
              {it.status === 'uploading' && <Progress percent={it.percent} size="small" showInfo={false} className="photo-progress" />}
              {it.status === 'done' && <div className="photo-badge">已上传</div>}
              {it.status === 'error' && (
                <div className="photo-error" role="alert">
                  <div className="wrap-anywhere">{it.error}</div>
                  <Button size="small" type="link" icon={<ReloadOutlined aria-hidden />} onClick={() => start(it)} style={{ padding: 0 }}>
                    重试
                  </Button>
                </div>
              )}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
