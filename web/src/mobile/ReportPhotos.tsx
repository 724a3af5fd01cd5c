// 随手拍 step 1: the photos. Each is uploaded as soon as it is chosen (with its
// progress, and a retry when it fails); the report sends the ids of the ones uploaded.
import { useEffect, useRef, useState } from 'react';
import { messageOf, uploadPhoto } from './api.ts';

export const MAX_PHOTOS = 6;

interface Photo {
  key: string;
  file: File;
  preview: string;
  status: 'uploading' | 'done' | 'error';
  percent: number;
  id?: number;
  error?: string;
}

/** The chosen photos and their uploads, under one upload key (the server ties the photos to the report by it). */
export function usePhotos(uploadKey: string, onAdded: () => void) {
  const [photos, setPhotos] = useState<Photo[]>([]);
  const photosRef = useRef(photos);
  photosRef.current = photos;
  useEffect(
    () => () => {
      for (const p of photosRef.current) URL.revokeObjectURL(p.preview);
    },
    [],
  );

  const patch = (key: string, p: Partial<Photo>) => setPhotos((xs) => xs.map((x) => (x.key === key ? { ...x, ...p } : x)));
  const start = (p: Photo) => {
    patch(p.key, { status: 'uploading', percent: 0, error: undefined });
    uploadPhoto(p.file, uploadKey, (percent) => patch(p.key, { percent })).then(
      (id) => patch(p.key, { status: 'done', percent: 100, id }),
      (e) => patch(p.key, { status: 'error', error: messageOf(e) }),
    );
  };
  const add = (files: FileList | null) => {
    if (!files?.length) return;
    const room = Math.max(0, MAX_PHOTOS - photosRef.current.length);
    const fresh: Photo[] = [...files].slice(0, room).map((file) => ({
      key: `${Date.now()}-${Math.random().toString(36).slice(2)}`,
      file,
      preview: URL.createObjectURL(file),
      status: 'uploading',
      percent: 0,
    }));
    setPhotos((xs) => [...xs, ...fresh]);
    onAdded();
    fresh.forEach(start);
  };
  const remove = (key: string) =>
    setPhotos((xs) => {
      const x = xs.find((i) => i.key === key);
      if (x) URL.revokeObjectURL(x.preview);
      return xs.filter((i) => i.key !== key);
    });

  return {
    photos,
    add,
    remove,
    retry: start,
    uploading: photos.some((p) => p.status === 'uploading'),
    ids: photos.filter((p) => p.status === 'done').map((p) => p.id!),
  };
}

export function PhotosSection({ photos: ph, error }: { photos: ReturnType<typeof usePhotos>; error?: string }) {
  const camera = useRef<HTMLInputElement>(null);
  const album = useRef<HTMLInputElement>(null);
  const full = ph.photos.length >= MAX_PHOTOS;
  return (
    <section className="h5-card">
      <h2>1. 拍照片</h2>
      <div className="h5-row">
        <button type="button" className="h5-btn" onClick={() => camera.current?.click()} disabled={full}>
          拍照
        </button>
        <button type="button" className="h5-btn h5-btn-ghost" onClick={() => album.current?.click()} disabled={full}>
          从相册选
        </button>
      </div>
      <input
        ref={camera}
        type="file"
        accept="image/*"
        capture="environment"
        hidden
        aria-label="拍照"
        data-testid="h5-camera"
        onChange={(e) => {
          ph.add(e.target.files);
          e.target.value = '';
        }}
      />
      <input
        ref={album}
        type="file"
        accept="image/*"
        multiple
        hidden
        aria-label="从相册选择照片"
        data-testid="h5-photos"
        onChange={(e) => {
          ph.add(e.target.files);
          e.target.value = '';
        }}
      />
      {ph.photos.length > 0 && (
        <div className="h5-photos">
          {ph.photos.map((p) => (
            <div key={p.key} className={`h5-photo${p.status === 'error' ? ' is-error' : ''}`}>
              <img src={p.preview} alt="" />
              <button type="button" className="h5-photo-x" aria-label="删除这张照片" onClick={() => ph.remove(p.key)}>
                ×
              </button>
              {p.status === 'uploading' && <div className="h5-photo-bar" style={{ width: `${p.percent}%` }} />}
              {p.status === 'done' && <span className="h5-photo-ok">已上传</span>}
              {p.status === 'error' && (
                <button type="button" className="h5-photo-err" onClick={() => ph.retry(p)}>
                  {p.error}，点此重试
                </button>
              )}
            </div>
          ))}
        </div>
      )}
      <p className="h5-hint">最多 {MAX_PHOTOS} 张。照片只用于处理问题。</p>
      {error && (
        <p className="h5-field-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
