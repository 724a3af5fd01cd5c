// 随手拍: a resident reports a problem without an account — photo, where
// (GPS, a point on the map, or the community), what (plain-language
// categories), a description and an optional phone number. The answer is a
// tracking code for the status page.
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { A } from './nav.tsx';
import {
  call,
  messageOf,
  newKey,
  PublicError,
  uploadPhoto,
  type PublicCategories,
  type PublicCategory,
  type PublicCommunities,
  type ReportResult,
} from './api.ts';
import { useSaveCore } from '../api/save-core.ts';
import { shortCommunityName } from '../../../domain/regions.ts';

const MapPicker = lazy(() => import('../components/MapPicker.tsx').then((m) => ({ default: m.MapPicker })));

interface Photo {
  key: string;
  file: File;
  preview: string;
  status: 'uploading' | 'done' | 'error';
  percent: number;
  id?: number;
  error?: string;
}
type Errors = Partial<Record<'photos' | 'location' | 'category' | 'description' | 'phone' | 'form', string>>;

const MAX_PHOTOS = 6;
const GEO_ERRORS: Record<number, string> = {
  1: '没有定位权限。请在地图上点选位置，或选择所在社区',
  2: '暂时无法定位。请在地图上点选位置，或选择所在社区',
  3: '定位超时。请重试，或在地图上点选位置',
};

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
  const camera = useRef<HTMLInputElement>(null);
  const album = useRef<HTMLInputElement>(null);
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [cats, setCats] = useState<PublicCategory[] | null>(null);
  const [catsError, setCatsError] = useState<string | null>(null);
  const [showAll, setShowAll] = useState(false);
  const [categoryId, setCategoryId] = useState<number | null>(null);
  const [point, setPoint] = useState<{ lat: number; lng: number } | null>(null);
  const [locating, setLocating] = useState(false);
  const [geoNote, setGeoNote] = useState<string | null>(null);
  const [showMap, setShowMap] = useState(false);
  // Without a position: the community (a public list of the towns' communities).
  const [showCommunity, setShowCommunity] = useState(false);
  const [communities, setCommunities] = useState<PublicCommunities['items'] | null>(null);
  const [communitiesError, setCommunitiesError] = useState<string | null>(null);
  const [regionCode, setRegionCode] = useState('');
  const [description, setDescription] = useState('');
  const [phone, setPhone] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [done, setDone] = useState<ReportResult | null>(null);

  useEffect(() => {
    call<PublicCategories>('GET', '/categories').then(
      (r) => setCats(r.items),
      (e) => setCatsError(messageOf(e)),
    );
  }, []);
  useEffect(() => {
    if (!showCommunity || communities) return;
    call<PublicCommunities>('GET', '/communities').then(
      (r) => setCommunities(r.items),
      (e) => setCommunitiesError(messageOf(e)),
    );
  }, [showCommunity, communities]);
  useEffect(
    () => () => {
      for (const p of photosRef.current) URL.revokeObjectURL(p.preview);
    },
    [],
  );
  const photosRef = useRef(photos);
  photosRef.current = photos;

  const patch = (key: string, p: Partial<Photo>) => setPhotos((xs) => xs.map((x) => (x.key === key ? { ...x, ...p } : x)));
  const start = (p: Photo) => {
    patch(p.key, { status: 'uploading', percent: 0, error: undefined });
    uploadPhoto(p.file, uploadKey.current, (percent) => patch(p.key, { percent })).then(
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
    setErrors((e) => ({ ...e, photos: undefined }));
    fresh.forEach(start);
  };
  const remove = (key: string) =>
    setPhotos((xs) => {
      const x = xs.find((i) => i.key === key);
      if (x) URL.revokeObjectURL(x.preview);
      return xs.filter((i) => i.key !== key);
    });

  const locate = () => {
    if (!('geolocation' in navigator)) {
      setGeoNote('这个浏览器不能定位，请在地图上点选位置，或选择所在社区');
      setShowMap(true);
      setShowCommunity(true);
      return;
    }
    setLocating(true);
    setGeoNote(null);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false);
        setPoint({ lat: Number(pos.coords.latitude.toFixed(6)), lng: Number(pos.coords.longitude.toFixed(6)) });
        setErrors((e) => ({ ...e, location: undefined }));
      },
      (err) => {
        setLocating(false);
        setGeoNote(GEO_ERRORS[err.code] ?? GEO_ERRORS[2]);
        setShowMap(true);
        setShowCommunity(true);
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 30_000 },
    );
  };

  const uploading = photos.some((p) => p.status === 'uploading');
  const photoIds = photos.filter((p) => p.status === 'done').map((p) => p.id!);

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
          photoIds,
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
    if (!photoIds.length) e.photos = '请拍一张问题的照片';
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
        <section className="h5-card">
          <h2>1. 拍照片</h2>
          <div className="h5-row">
            <button type="button" className="h5-btn" onClick={() => camera.current?.click()} disabled={photos.length >= MAX_PHOTOS}>
              拍照
            </button>
            <button type="button" className="h5-btn h5-btn-ghost" onClick={() => album.current?.click()} disabled={photos.length >= MAX_PHOTOS}>
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
              add(e.target.files);
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
              add(e.target.files);
              e.target.value = '';
            }}
          />
          {photos.length > 0 && (
            <div className="h5-photos">
              {photos.map((p) => (
                <div key={p.key} className={`h5-photo${p.status === 'error' ? ' is-error' : ''}`}>
                  <img src={p.preview} alt="" />
                  <button type="button" className="h5-photo-x" aria-label="删除这张照片" onClick={() => remove(p.key)}>
                    ×
                  </button>
                  {p.status === 'uploading' && <div className="h5-photo-bar" style={{ width: `${p.percent}%` }} />}
                  {p.status === 'done' && <span className="h5-photo-ok">已上传</span>}
                  {p.status === 'error' && (
                    <button type="button" className="h5-photo-err" onClick={() => start(p)}>
                      {p.error}，点此重试
                    </button>
                  )}
                </div>
              ))}
            </div>
          )}
          <p className="h5-hint">最多 {MAX_PHOTOS} 张。照片只用于处理问题。</p>
          {errors.photos && (
            <p className="h5-field-error" role="alert">
              {errors.photos}
            </p>
          )}
        </section>

        <section className="h5-card">
          <h2>2. 在哪里</h2>
          <div className="h5-row">
            <button type="button" className="h5-btn" onClick={locate} disabled={locating}>
              {locating ? '正在定位…' : '使用我的位置'}
            </button>
            <button type="button" className="h5-btn h5-btn-ghost" onClick={() => setShowMap((s) => !s)}>
              {showMap ? '收起地图' : '在地图上点选'}
            </button>
          </div>
          {!showCommunity && (
            <button type="button" className="h5-link" onClick={() => setShowCommunity(true)}>
              不方便定位？选择所在社区
            </button>
          )}
          {point && (
            <p className="h5-ok">
              已定位：北纬 {point.lat.toFixed(5)}°，东经 {point.lng.toFixed(5)}°
            </p>
          )}
          {geoNote && <p className="h5-warn">{geoNote}</p>}
          {showMap && (
            <div className="h5-map">
              <Suspense fallback={<div className="h5-map-wait">地图加载中…</div>}>
                <MapPicker
                  value={point}
                  onChange={(v) => {
                    setPoint(v);
                    setErrors((e) => ({ ...e, location: undefined }));
                  }}
                  height={240}
                />
              </Suspense>
              <p className="h5-hint">点一下地图，标出问题所在的位置</p>
            </div>
          )}
          {showCommunity && (
            <label className="h5-label">
              所在社区{point ? '（已定位，可不选）' : ''}
              <select
                value={regionCode}
                onChange={(e) => {
                  setRegionCode(e.target.value);
                  setErrors((x) => ({ ...x, location: undefined }));
                }}
                data-testid="community-picker"
              >
                <option value="">{communities ? '请选择社区' : communitiesError ? '社区列表加载失败' : '正在加载社区…'}</option>
                {[...new Set((communities ?? []).map((c) => c.townName))].map((town, _i, towns) => {
                  const items = (communities ?? [])
                    .filter((c) => c.townName === town)
                    .map((c) => (
                      <option key={c.code} value={c.code}>
                        {shortCommunityName(c.name)}
                      </option>
                    ));
                  return towns.length > 1 ? (
                    <optgroup key={town} label={town}>
                      {items}
                    </optgroup>
                  ) : (
                    items
                  );
                })}
              </select>
            </label>
          )}
          {communitiesError && <p className="h5-warn">社区列表加载失败：{communitiesError}。请刷新页面重试，或在地图上点选位置。</p>}
          {!point && regionCode && <p className="h5-hint">将按所选社区提交，处理人员会到社区内查找；能定位或点选地图会更快找到。</p>}
          {errors.location && (
            <p className="h5-field-error" role="alert">
              {errors.location}
            </p>
          )}
        </section>

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
                      setErrors((e) => ({ ...e, category: undefined }));
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
                setErrors((x) => ({ ...x, description: undefined }));
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
                setErrors((x) => ({ ...x, phone: undefined }));
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
        <button type="submit" className="h5-btn h5-submit" disabled={busy || uploading}>
          {uploading ? '照片上传中…' : busy ? '正在提交…' : '提交'}
        </button>
        <p className="h5-foot">
          <A to="/h5/status">已经提交过？查进度</A> · <A to="/h5/order">需要志愿服务？我要点单</A>
        </p>
      </form>
    </div>
  );
}

function Done({ code }: { code: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code);
      setCopied(true);
    } catch {
      // Older browsers: select the text so a long press copies it.
      const el = document.getElementById('h5-code');
      if (el) {
        const r = document.createRange();
        r.selectNodeContents(el);
        const s = window.getSelection();
        s?.removeAllRanges();
        s?.addRange(r);
      }
    }
  };
  return (
    <div className="h5">
      <section className="h5-card h5-done">
        <div className="h5-done-icon" aria-hidden>
          ✓
        </div>
        <h1>提交成功，谢谢您！</h1>
        <p>请记下您的查询码，用它查看处理进度：</p>
        <div id="h5-code" className="h5-code" data-testid="tracking-code">
          {code}
        </div>
        <div className="h5-row h5-row-center">
          <button type="button" className="h5-btn" onClick={copy}>
            {copied ? '已复制' : '复制查询码'}
          </button>
          <A to={`/h5/status/${encodeURIComponent(code)}`} className="h5-btn h5-btn-ghost">
            查看处理进度
          </A>
        </div>
        <p className="h5-hint">镇创城办会尽快受理，处理完成后您可以在进度页评价。</p>
        <p className="h5-foot">
          <a href="/h5/report">再拍一个</a>
        </p>
      </section>
    </div>
  );
}
