// /m/damage: 宣传设施报损. The publicity facilities of the person's area (the
// last copy when offline); pick one, say what is wrong, take a photo, and the
// report goes into the offline queue as a 'damage' item (its photos first):
// once sent, the server opens a problem dispatched to the facility's owner.
import { useState } from 'react';
import type { FacilityList } from '../../../../domain/api/publicity.ts';
import type { SyncDamage } from '../../../../domain/inspections/sync.ts';
import { useSaveCore } from '../../api/save-core.ts';
import { newKey } from './api.ts';
import { useCached } from './useCached.ts';
import { enqueue, type NewRecord } from './queue.ts';
import { useSession } from './session.tsx';
import { go, setFlash } from './nav.tsx';
import { Header, OfflineNote, PhotoInput, ReadError, useQueueStatus, type LocalPhoto } from './ui.tsx';

type Facility = FacilityList['items'][number];

async function queueDamage(f: Facility, note: string | null, photos: LocalPhoto[]) {
  const key = newKey();
  const item: SyncDamage = { type: 'damage', key, facilityId: f.id, note, photoKeys: photos.map((x) => x.key) };
  const records: NewRecord[] = [
    ...photos.map(
      (x, i): NewRecord => ({
        key: x.key,
        blob: x.blob,
        label: `破损照片 · ${f.name}-${i + 1}`,
        item: { type: 'photo', key: x.key, data: '', name: `${x.key}.jpg` },
      }),
    ),
    { key, item, label: `报告破损 · ${f.kind.name} · ${f.name}` },
  ];
  await enqueue(records);
}

export function DamagePage() {
  const { me } = useSession();
  const q = useQueueStatus();
  const { got, error } = useCached<FacilityList>(me?.user.id ?? null, 'publicity-facilities', '/publicity/facilities?limit=200');
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<Facility | null>(null);
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<LocalPhoto[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const { save, busy } = useSaveCore({
    run: () => queueDamage(picked!, note.trim() || null, photos),
    onOk: () => {
      setFlash(`已报告“${picked!.name}”破损${q.online ? '，正在同步' : '，联网后自动同步'}`);
      go('/m/');
    },
    onFail: (e) => setProblem(`没有保存：${(e as Error).message}`),
  });
  if (!me) return null;
  const items = (got?.data.items ?? []).filter(
    (f) => f.condition !== 'removed' && (!search || f.name.includes(search) || (f.place?.name ?? '').includes(search)),
  );
  return (
    <main className="h5">
      <Header title="宣传设施报损" back="/m/" />
      {got ? <OfflineNote at={got.at} offline={got.offline} /> : null}
      <ReadError error={error} what="宣传设施" />
      {picked ? (
        <section className="h5-card">
          <h2>{picked.name}</h2>
          <p className="h5-muted">
            {[picked.kind.name, picked.place?.name, picked.ownerUnit ? `管理单位：${picked.ownerUnit.name}` : '未设管理单位（由镇创城办派遣）']
              .filter(Boolean)
              .join(' · ')}
          </p>
          <label className="h5-label m-first">
            破损情况
            <textarea rows={3} maxLength={1000} value={note} placeholder="如：面板破裂、画面褪色脱落" onChange={(e) => setNote(e.target.value)} />
          </label>
          <h3 className="m-sub">破损照片</h3>
          <PhotoInput label="破损照片" photos={photos} onChange={setPhotos} />
          {problem ? (
            <p className="h5-field-error" role="alert">
              {problem}
            </p>
          ) : null}
          <button type="button" className="h5-btn h5-submit m-gap" disabled={busy} onClick={() => save()}>
            {busy ? '正在保存…' : '报告破损'}
          </button>
          <button type="button" className="h5-btn h5-btn-ghost m-gap" onClick={() => setPicked(null)}>
            重新选择
          </button>
        </section>
      ) : (
        <section className="h5-card">
          <h2>选择破损的设施</h2>
          <label className="h5-label m-first">
            查找
            <input value={search} maxLength={50} placeholder="设施或点位名称" onChange={(e) => setSearch(e.target.value)} />
          </label>
          {!got ? (
            <p className="h5-muted">{error ? '联网后可查看宣传设施' : '正在读取…'}</p>
          ) : items.length === 0 ? (
            <p className="h5-muted">您负责的区域没有登记的宣传设施。</p>
          ) : (
            items.map((f) => (
              <button type="button" key={f.id} className="m-row m-row-btn" onClick={() => setPicked(f)}>
                <span className="m-row-main">
                  <b>{f.name}</b>
                  <span className="h5-muted">{[f.kind.name, f.place?.name, f.conditionLabel].filter(Boolean).join(' · ')}</span>
                </span>
                {f.problem ? <span className="m-badge">已报</span> : null}
              </button>
            ))
          )}
        </section>
      )}
    </main>
  );
}
