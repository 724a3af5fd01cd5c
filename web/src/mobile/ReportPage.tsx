// 随手拍: a resident reports a problem without an account — photo, where
// (GPS, a point on the map, or the community), what (plain-language
// categories), a description and an optional phone number. The answer is a
// tracking code for the status page. The photos and the place are their own
// parts (ReportPhotos.tsx, ReportPlace.tsx).
import { useEffect, useRef, useState } from 'react';
import { A } from './nav.tsx';
import { call, messageOf, newKey, PublicError, type PublicCategories, type PublicCategory, type ReportResult } from './api.ts';
import { useSaveCore } from '../api/save-core.ts';
import { Done } from './ReportDone.tsx';
import { PhotosSection, usePhotos } from './ReportPhotos.tsx';
import { PlaceSection, usePlace } from './ReportPlace.tsx';

type Errors = Partial<Record<'photos' | 'location' | 'category' | 'description' | 'phone' | 'form', string>>;

/** What residents report most (the seed's 创城 items), shown first by their plain names. */
const COMMON = [
  '路面垃圾',
  '牛皮癣小广告',
  '乱堆放',
  '未规范停车',
  '占道经营',
  '流动摊贩',
  '垃圾桶破损或满溢',
  '道路坑洼破损',
  '路灯不亮或损坏',
  '电线网线乱拉乱挂（三线）',
  '公益广告缺失或破损',
  '卫生死角（长期无人清理）',
];

export function ReportPage() {
  const uploadKey = useRef(newKey());
  const idemKey = useRef(newKey());
  const [cats, setCats] = useState<PublicCategory[] | null>(null);
  const [catsError, setCatsError] = useState<string | null>(null);
  const [showAll, setShowAll] = useState(false);
  const [categoryId, setCategoryId] = useState<number | null>(null);
  const [description, setDescription] = useState('');
  const [phone, setPhone] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [done, setDone] = useState<ReportResult | null>(null);
  const clearError = (key: keyof Errors) => setErrors((e) => ({ ...e, [key]: undefined }));
  const photos = usePhotos(uploadKey.current, () => clearError('photos'));
  const place = usePlace(() => clearError('location'));
  const { point, regionCode } = place;

  useEffect(() => {
    call<PublicCategories>('GET', '/categories').then(
      (r) => setCats(r.items),
      (e) => setCatsError(messageOf(e)),
    );
  }, []);

  const { save, busy } = useSaveCore({
    // The submission's key goes in the Idempotency-Key header, where the server reads it (a key in the body
    // was ignored): a retried tap answers the first report's tracking code instead of a second report.
    run: () =>
      call<ReportResult>(
        'POST',
        '/reports',
        {
          categoryId,
          description: description.trim(),
          lat: point?.lat ?? null,
          lng: point?.lng ?? null,
          regionCode: point ? null : regionCode || null,
          phone: phone.trim() || null,
          photoIds: photos.ids,
          uploadKey: uploadKey.current,
        },
        { idempotencyKey: idemKey.current },
      ),
    onOk: (r) => {
      setDone(r);
      window.scrollTo(0, 0);
    },
    // The server's field errors next to the fields they concern; the message above the button.
    onFail: (err) => {
      const fe: Errors = {};
      if (err instanceof PublicError) {
        for (const f of err.fields) {
          const k = f.path.replace(/^body\./, '').split('.')[0];
          const key =
            k === 'photoIds' || k === 'uploadKey'
              ? 'photos'
              : k === 'lat' || k === 'lng' || k === 'regionCode'
                ? 'location'
                : k === 'categoryId'
                  ? 'category'
                  : k;
          if (key === 'photos' || key === 'location' || key === 'category' || key === 'description' || key === 'phone') fe[key] = f.message;
        }
      }
      fe.form = messageOf(err);
      setErrors(fe);
    },
  });

  const submit = (ev: React.FormEvent) => {
    ev.preventDefault();
    const e: Errors = {};
    if (!photos.ids.length) e.photos = '请拍一张问题的照片';
    if (!point && !regionCode) e.location = '请点“使用我的位置”，在地图上点选位置，或选择所在社区';
    if (!categoryId) e.category = '请选择问题类型';
    if (description.trim().length < 2) e.description = '请简单说说是什么问题（至少 2 个字）';
    if (phone.trim() && !/^1\d{10}$/.test(phone.trim())) e.phone = '请填写 11 位手机号，或者不填';
    setErrors(e);
    if (Object.keys(e).length) {
      document.querySelector('.h5-field-error')?.scrollIntoView({ behavior: 'smooth', block: 'center' });
      return;
    }
    void save();
  };

  if (done) return <Done code={done.trackingCode} />;

  // The things residents report most come first; the whole plain-language
  // list, grouped, opens with 更多类型 (a long list of chips tires a phone).
  const common = COMMON.map((n) => (cats ?? []).find((c) => c.name === n)).filter((c): c is PublicCategory => !!c);
  const groups = new Map<string, PublicCategory[]>();
  if (showAll || !common.length) {
    for (const c of cats ?? []) {
      const g = c.group ?? '其他';
      groups.set(g, [...(groups.get(g) ?? []), c]);
    }
  } else {
    const picked = (cats ?? []).find((c) => c.id === categoryId);
    groups.set('常见问题', picked && !common.includes(picked) ? [...common, picked] : common);
  }

  return (
    <div className="h5">
      <header className="h5-head">
        <span className="h5-mark">创</span>
        <div>
          <h1>随手拍</h1>
          <p>发现身边的不文明现象、设施损坏，拍下来告诉我们</p>
        </div>
      </header>
      <form onSubmit={submit} noValidate>
        <PhotosSection photos={photos} error={errors.photos} />
        <PlaceSection place={place} error={errors.location} />

        <section className="h5-card">
          <h2>3. 是什么问题</h2>
          {!cats && !catsError && <p className="h5-hint">正在加载问题类型…</p>}
          {catsError && <p className="h5-warn">问题类型加载失败：{catsError}。请刷新页面重试。</p>}
          {[...groups.entries()].map(([g, items]) => (
            <div key={g} className="h5-group">
              {groups.size > 1 && <div className="h5-group-name">{g}</div>}
              <div className="h5-chips" role="radiogroup" aria-label={g}>
                {items.map((c) => (
                  <button
                    type="button"
                    key={c.id}
                    role="radio"
                    aria-checked={categoryId === c.id}
                    className={`h5-chip${categoryId === c.id ? ' is-on' : ''}`}
                    onClick={() => {
                      setCategoryId(c.id);
                      clearError('category');
                    }}
                  >
                    {c.name}
                  </button>
                ))}
              </div>
            </div>
          ))}
          {common.length > 0 && (
            <button type="button" className="h5-link" onClick={() => setShowAll((v) => !v)}>
              {showAll ? '只看常见问题' : '更多类型…'}
            </button>
          )}
          {errors.category && (
            <p className="h5-field-error" role="alert">
              {errors.category}
            </p>
          )}
          <label className="h5-label">
            说说情况
            <textarea
              rows={3}
              maxLength={500}
              value={description}
              placeholder="例如：小区门口垃圾堆了两天没人清理"
              onChange={(e) => {
                setDescription(e.target.value);
                clearError('description');
              }}
            />
          </label>
          <div className="h5-count">{description.length}/500</div>
          {errors.description && (
            <p className="h5-field-error" role="alert">
              {errors.description}
            </p>
          )}
        </section>

        <section className="h5-card">
          <h2>4. 联系电话（可不填）</h2>
          <label className="h5-label">
            手机号
            <input
              type="tel"
              inputMode="numeric"
              maxLength={11}
              value={phone}
              placeholder="需要时工作人员会联系您"
              onChange={(e) => {
                setPhone(e.target.value.replace(/\D/g, ''));
                clearError('phone');
              }}
            />
          </label>
          <p className="h5-hint">号码只有工作人员可见，不会公开。</p>
          {errors.phone && (
            <p className="h5-field-error" role="alert">
              {errors.phone}
            </p>
          )}
        </section>

        {errors.form && (
          <div className="h5-alert" role="alert">
            {errors.form}
          </div>
        )}
        <button type="submit" className="h5-btn h5-submit" disabled={busy || photos.uploading}>
          {photos.uploading ? '照片上传中…' : busy ? '正在提交…' : '提交'}
        </button>
        <p className="h5-foot">
          <A to="/h5/status">已经提交过？查进度</A> · <A to="/h5/order">需要志愿服务？我要点单</A>
        </p>
      </form>
    </div>
  );
}
