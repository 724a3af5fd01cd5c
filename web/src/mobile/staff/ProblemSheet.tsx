// Recording a problem found on an inspection, full screen over the checklist:
//   随手整   fixed on the spot → a closed on_spot problem; before AND after photos
//   上报问题 not fixed here   → an open problem in the problem loop, sourced from this inspection
// The phone's position is attached when it has one. Nothing is sent from
// here: photos and the problem go into the queue together.
import { useEffect, useMemo, useState } from 'react';
import type { BootCategory, BootItem } from './api.ts';
import { addProblem, type Draft, type DraftProblem } from './draft.ts';
import { currentPosition, type Pos } from './geo.ts';
import { PhotoInput, type LocalPhoto } from './ui.tsx';
import { useSaveCore } from '../../api/save-core.ts';

/** What inspectors record most (seed category names), offered first. */
const COMMON = [
  '非法小广告',
  '机动车乱停放',
  '非机动车乱停放',
  '暴露垃圾',
  '乱堆物堆料',
  '店外经营 / 占道经营',
  '无照经营游商',
  '乱拉绳挂物',
  '卫生死角',
  '垃圾箱',
  '路面破损',
  '公益广告缺失或破损',
];

type Errors = Partial<Record<'category' | 'description' | 'before' | 'after' | 'form', string>>;

export function ProblemSheet({
  draft,
  items,
  categories,
  itemId: presetItem,
  onClose,
  onSaved,
}: {
  draft: Draft;
  items: BootItem[];
  categories: BootCategory[];
  itemId: number | null;
  onClose: () => void;
  onSaved: (p: DraftProblem) => Promise<void>;
}) {
  const preset = items.find((i) => i.id === presetItem);
  const [onSpot, setOnSpot] = useState(true);
  const [categoryId, setCategoryId] = useState<number | null>(preset?.categoryId ?? null);
  const [filter, setFilter] = useState('');
  const [description, setDescription] = useState('');
  const [itemId, setItemId] = useState<number | null>(presetItem);
  const [before, setBefore] = useState<LocalPhoto[]>([]);
  const [after, setAfter] = useState<LocalPhoto[]>([]);
  const [pos, setPos] = useState<Pos | null>(null);
  const [posNote, setPosNote] = useState('正在获取位置…');
  const [errors, setErrors] = useState<Errors>({});

  useEffect(() => {
    let live = true;
    currentPosition(6000).then(
      (p) => {
        if (live) {
          setPos(p);
          setPosNote('已附上当前位置');
        }
      },
      () => {
        if (live) setPosNote(draft.lat !== null ? '无法定位，将使用开始巡查时的位置' : '无法定位，将按点位记录');
      },
    );
    return () => {
      live = false;
    };
  }, [draft.lat]);

  const category = categories.find((c) => c.id === categoryId) ?? null;
  const chips = useMemo(() => {
    const f = filter.trim();
    if (f) return categories.filter((c) => c.name.includes(f) || (c.plainName ?? '').includes(f)).slice(0, 24);
    const common = COMMON.map((n) => categories.find((c) => c.name === n)).filter((c): c is BootCategory => !!c);
    const fromItem = preset?.categoryId ? categories.filter((c) => c.id === preset.categoryId) : [];
    return [...fromItem, ...common.filter((c) => c.id !== preset?.categoryId)];
  }, [categories, filter, preset]);

  // Into the phone's draft and queue (no network needed); the sheet closes when it is stored.
  const { save: store, busy } = useSaveCore({
    run: (c: BootCategory) =>
      addProblem(draft, {
        onSpot,
        categoryId: c.id,
        categoryName: c.name,
        description: description.trim(),
        itemId,
        // Reported instead of fixed: the server's default (defaultTier) makes a usual 随手整 category 社区整.
        tier: null,
        lat: pos?.lat ?? draft.lat,
        lng: pos?.lng ?? draft.lng,
        before,
        after: onSpot ? after : [],
      }),
    onOk: (p) => onSaved(p),
    onFail: (err) => setErrors({ form: `没有保存：${(err as Error).message}` }),
  });

  const save = async () => {
    const e: Errors = {};
    if (!category) e.category = '请选择问题类型';
    if (description.trim().length < 2) e.description = '请简单描述问题（至少 2 个字）';
    if (!before.length) e.before = onSpot ? '请拍一张整改前的照片' : '请拍一张问题的照片';
    if (onSpot && !after.length) e.after = '随手整需要整改后的照片';
    setErrors(e);
    if (Object.keys(e).length) return;
    await store(category!);
  };

  return (
    <main className="m-sheet" aria-label="记录问题">
      <div className="m-sheet-head">
        <button type="button" className="h5-link" onClick={onClose}>
          取消
        </button>
        <h2>记录问题</h2>
        <span />
      </div>
      <div className="m-sheet-body">
        <div className="m-tabs" role="tablist">
          <button type="button" role="tab" aria-selected={onSpot} className={onSpot ? 'is-on' : ''} onClick={() => setOnSpot(true)}>
            随手整<small>当场整改好了</small>
          </button>
          <button type="button" role="tab" aria-selected={!onSpot} className={!onSpot ? 'is-on' : ''} onClick={() => setOnSpot(false)}>
            上报问题<small>需要交办整改</small>
          </button>
        </div>

        <section className="h5-card">
          <h2>问题类型</h2>
          {category ? (
            <p className="m-picked">
              已选：<b>{category.name}</b>
              {category.plainName ? <span className="h5-muted">（{category.plainName}）</span> : null}
            </p>
          ) : null}
          <label className="h5-label m-search">
            搜索类型
            <input type="search" placeholder="如：小广告、停车、垃圾" value={filter} onChange={(e) => setFilter(e.target.value)} />
          </label>
          <div className="h5-chips m-gap" role="radiogroup" aria-label="问题类型">
            {chips.map((c) => (
              <button
                type="button"
                role="radio"
                aria-checked={c.id === categoryId}
                key={c.id}
                className={`h5-chip ${c.id === categoryId ? 'is-on' : ''}`}
                onClick={() => {
                  setCategoryId(c.id);
                  setErrors((x) => ({ ...x, category: undefined }));
                }}
              >
                {c.name}
              </button>
            ))}
            {!chips.length ? <p className="h5-muted">没有找到，换个关键字试试</p> : null}
          </div>
          {errors.category ? <p className="h5-field-error">{errors.category}</p> : null}
        </section>

        <section className="h5-card">
          <label className="h5-label m-first">
            问题描述
            <textarea
              rows={3}
              maxLength={500}
              value={description}
              placeholder={onSpot ? '如：电杆上贴有小广告3张，已清除' : '如：巷口机动车占用人行道停放'}
              onChange={(e) => setDescription(e.target.value)}
            />
          </label>
          {errors.description ? <p className="h5-field-error">{errors.description}</p> : null}
          {items.length ? (
            <label className="h5-label">
              对应检查项（选填）
              <select value={itemId ?? ''} onChange={(e) => setItemId(e.target.value ? Number(e.target.value) : null)}>
                <option value="">不关联</option>
                {items.map((i) => (
                  <option key={i.id} value={i.id}>
                    {i.code} {i.title}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <p className="h5-hint">{posNote}</p>
        </section>

        <section className="h5-card">
          <h2>{onSpot ? '整改前照片' : '问题照片'}</h2>
          <PhotoInput
            label={onSpot ? '整改前照片' : '问题照片'}
            photos={before}
            onChange={(p) => {
              setBefore(p);
              setErrors((x) => ({ ...x, before: undefined }));
            }}
            error={errors.before}
          />
        </section>
        {onSpot ? (
          <section className="h5-card">
            <h2>整改后照片</h2>
            <PhotoInput
              label="整改后照片"
              photos={after}
              onChange={(p) => {
                setAfter(p);
                setErrors((x) => ({ ...x, after: undefined }));
              }}
              error={errors.after}
            />
          </section>
        ) : null}
        {errors.form ? (
          <p className="h5-alert" role="alert">
            {errors.form}
          </p>
        ) : null}
      </div>
      <div className="m-bar">
        <div className="m-bar-info">
          <span>{onSpot ? '保存后记为已整改（随手整）' : '保存后进入问题交办流程'}</span>
        </div>
        <button type="button" className="h5-btn m-bar-btn" disabled={busy} onClick={() => void save()}>
          {busy ? '正在保存…' : '保存问题'}
        </button>
      </div>
    </main>
  );
}
