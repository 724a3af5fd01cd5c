// /m/inspect/<key>: the checklist of the place, item by item — grade A/B/C/C#
// or 不涉及, a note, photos — the problems found (随手整 or 上报), the running
// score rate for scored kinds, an optional GPS track, and the finish summary.
// Every change is saved on the phone at once; nothing here needs a network.
import { useCallback, useEffect, useRef, useState } from 'react';
import { GRADES, INSPECTION_KIND_LABELS, SCORED_KINDS } from '../../../../domain/inspections/vocab.ts';
import { formatRate, scoreInspection } from '../../../../domain/inspections/scoring.ts';
import { hhmm, type BootItem } from './api.ts';
import { finishInspection, loadDraft, saveDraft, type Draft, type DraftGrade, type LocalGrade } from './draft.ts';
import { watchTrack } from './geo.ts';
import { useSession } from './session.tsx';
import { go, setFlash } from './nav.tsx';
import { Header, PhotoInput, StatusStrip } from './ui.tsx';
import { ProblemSheet } from './ProblemSheet.tsx';
import { useSaveCore } from '../../api/save-core.ts';

const GRADE_HINT: Record<LocalGrade, string> = { A: '达标', B: '1处问题', C: '2处问题', 'C#': '3处以上', na: '' };

export function InspectPage({ inspectionKey }: { inspectionKey: string }) {
  const { boot } = useSession();
  const [draft, setDraft] = useState<Draft | null | undefined>(undefined);
  const [sheet, setSheet] = useState<{ itemId: number | null } | null>(null);
  const [finishing, setFinishing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef<Draft | null>(null);
  const scrollY = useRef(0);
  // Finishing is written on the phone (queued for the server): no network needed.
  const { save: finishSave } = useSaveCore({
    run: (items: BootItem[]) => finishInspection(latest.current!, items),
    onOk: () => {
      setFlash(navigator.onLine ? '巡查已完成，正在同步' : '巡查已完成，已保存在本机，联网后自动同步');
      go('/m/', true);
    },
    onFail: (e) => setError(`没有完成：${(e as Error).message}`),
  });
  // The sheets replace the page; coming back returns to the item the person was on.
  const openSheet = (itemId: number | null) => {
    scrollY.current = window.scrollY;
    setSheet({ itemId });
    window.scrollTo(0, 0);
  };
  const closeSheet = () => {
    setSheet(null);
    requestAnimationFrame(() => window.scrollTo(0, scrollY.current));
  };

  useEffect(() => {
    void loadDraft(inspectionKey).then(
      (d) => {
        latest.current = d ?? null;
        setDraft(d ?? null);
      },
      () => setDraft(null),
    );
  }, [inspectionKey]);

  // Change the draft from its newest state (the track and the page both write to it) and keep it on the phone.
  // IndexedDB runs read-write transactions on one store in the order they were made, so the last change wins.
  const update = useCallback((fn: (d: Draft) => Draft): Promise<void> => {
    if (!latest.current) return Promise.resolve();
    const next = fn(latest.current);
    latest.current = next;
    setDraft(next);
    return saveDraft(next).catch((e) => setError(`本机保存失败（存储空间可能不足）：${(e as Error).message}`));
  }, []);

  const trackOn = !!draft?.trackOn;
  useEffect(() => {
    if (!trackOn) return;
    return watchTrack(latest.current?.track ?? [], (p) => void update((d) => ({ ...d, track: [...d.track, p] })));
  }, [trackOn, update]);

  if (draft === undefined) return <main className="h5 h5-loading h5-muted">正在打开…</main>;
  if (draft === null) {
    return (
      <main className="h5 m-page">
        <Header title="巡查" back="/m/" />
        <section className="h5-card">
          <p>这次巡查已经完成或不在这台手机上。</p>
          <button type="button" className="h5-btn h5-submit" onClick={() => go('/m/', true)}>
            回到今日巡查
          </button>
        </section>
      </main>
    );
  }

  const checklist = draft.checklistId ? (boot?.data.checklists.find((c) => c.id === draft.checklistId) ?? null) : null;
  const items: BootItem[] = checklist?.items ?? [];
  const scored = SCORED_KINDS.includes(draft.kind);
  const gradeOf = (id: number): DraftGrade => draft.grades[id] ?? {};
  const score = scoreInspection(
    items.map((i) => {
      const g = gradeOf(i.id).grade;
      return { points: i.points, grade: g && g !== 'na' ? g : null };
    }),
  );
  const graded = items.filter((i) => gradeOf(i.id).grade).length;
  const setGrade = (id: number, p: Partial<DraftGrade>) => void update((d) => ({ ...d, grades: { ...d.grades, [id]: { ...d.grades[id], ...p } } }));
  const fixed = draft.problems.filter((p) => p.onSpot).length;

  const finish = () => {
    setError(null);
    void finishSave(items);
  };

  if (sheet) {
    return (
      <ProblemSheet
        draft={draft}
        items={items}
        categories={boot?.data.categories ?? []}
        itemId={sheet.itemId}
        onClose={closeSheet}
        onSaved={async (p) => {
          await update((d) => ({ ...d, problems: [...d.problems, p] }));
          closeSheet();
        }}
      />
    );
  }

  if (finishing) {
    return (
      <main className="m-sheet" aria-label="完成巡查">
        <div className="m-sheet-head">
          <button type="button" className="h5-link" onClick={() => setFinishing(false)}>
            返回
          </button>
          <h2>完成巡查</h2>
          <span />
        </div>
        <div className="m-sheet-body">
          <section className="h5-card m-summary">
            <h2>{draft.placeName}</h2>
            <dl>
              <dt>巡查类型</dt>
              <dd>{INSPECTION_KIND_LABELS[draft.kind]}</dd>
              <dt>检查项</dt>
              <dd>
                已评 {graded} / {items.length} 项
              </dd>
              <dt>发现问题</dt>
              <dd>
                {draft.problems.length} 个（随手整 {fixed} 个，上报 {draft.problems.length - fixed} 个）
              </dd>
              {scored ? (
                <>
                  <dt>得分率</dt>
                  <dd>
                    {formatRate(score.rate)}（{score.score}/{score.max} 分）
                  </dd>
                </>
              ) : null}
              {draft.track.length ? (
                <>
                  <dt>GPS 轨迹</dt>
                  <dd>{draft.track.length} 个点</dd>
                </>
              ) : null}
            </dl>
            {items.length > graded ? (
              <p className="h5-warn">
                还有 {items.length - graded} 项未评{scored ? '，未评的项不计入得分' : ''}。
              </p>
            ) : null}
            <label className="h5-label">
              巡查小结（选填）
              <textarea rows={3} maxLength={500} value={draft.note} onChange={(e) => void update((d) => ({ ...d, note: e.target.value }))} />
            </label>
          </section>
          {error ? (
            <p className="h5-alert" role="alert">
              {error}
            </p>
          ) : null}
        </div>
        <div className="m-bar">
          <div className="m-bar-info">
            <span>完成后自动同步，没有网络时先保存在本机</span>
          </div>
          <button type="button" className="h5-btn m-bar-btn" onClick={() => void finish()}>
            确认完成
          </button>
        </div>
      </main>
    );
  }

  return (
    <main className="h5 m-page m-has-bar">
      <Header title={draft.placeName} back="/m/" />
      <StatusStrip />
      <div className="m-inspect-head h5-card">
        <div>
          <b>{INSPECTION_KIND_LABELS[draft.kind]}</b>
          {draft.batch ? ` · ${draft.batch}` : ''}
        </div>
        <div className="h5-muted">
          {hhmm(draft.startedAt)} 开始 · 已检查 {graded}/{items.length} 项 · 问题 {draft.problems.length} 个
        </div>
        {scored ? (
          <div className="m-rate" aria-label="当前得分率">
            得分率 <b>{formatRate(score.rate)}</b>
            <span className="h5-muted">
              （{score.score}/{score.max} 分）
            </span>
          </div>
        ) : null}
        <label className="m-check m-check-inline">
          <input type="checkbox" checked={draft.trackOn} onChange={(e) => void update((d) => ({ ...d, trackOn: e.target.checked }))} /> 记录 GPS 轨迹
          {draft.track.length ? `（${draft.track.length} 个点）` : ''}
        </label>
      </div>
      {error ? (
        <p className="h5-alert" role="alert">
          {error}
        </p>
      ) : null}

      {!checklist ? (
        <section className="h5-card">
          <p className="h5-muted">
            {draft.checklistId ? '检查表还没下载到本机，请联网后回到首页再打开。' : '这个点位没有检查表。'}发现问题请点下方“记录问题”。
          </p>
        </section>
      ) : (
        items.map((it) => {
          const g = gradeOf(it.id);
          const problems = draft.problems.filter((p) => p.itemId === it.id).length;
          return (
            <section className="h5-card m-item" key={it.id} role="group" aria-label={`${it.code} ${it.title}`}>
              <div className="m-item-head">
                <b>
                  {it.code} {it.title}
                </b>
                <span className="m-points">{it.points} 分</span>
              </div>
              <p className="m-criterion">{it.criterion}</p>
              <div className="m-grades">
                {[...GRADES, 'na' as const].map((k) => (
                  <button
                    type="button"
                    key={k}
                    aria-pressed={g.grade === k}
                    className={`m-grade m-grade-${k === 'C#' ? 'cs' : k} ${g.grade === k ? 'is-on' : ''}`}
                    onClick={() => setGrade(it.id, { grade: g.grade === k ? undefined : k })}
                  >
                    <span>{k === 'na' ? '不涉及' : k}</span>
                    {GRADE_HINT[k] ? <small>{GRADE_HINT[k]}</small> : null}
                  </button>
                ))}
              </div>
              <div className="m-item-tools">
                <button type="button" className="h5-btn h5-btn-ghost" onClick={() => openSheet(it.id)}>
                  发现问题{problems ? `（${problems}）` : ''}
                </button>
              </div>
              <details className="m-more-box" open={!!(g.note || g.photos?.length)}>
                <summary>备注和照片{g.photos?.length ? `（${g.photos.length} 张）` : ''}</summary>
                <label className="h5-label">
                  备注
                  <textarea rows={2} maxLength={300} value={g.note ?? ''} onChange={(e) => setGrade(it.id, { note: e.target.value })} />
                </label>
                <PhotoInput label={`${it.code} 照片`} photos={g.photos ?? []} onChange={(p) => setGrade(it.id, { photos: p })} max={4} />
              </details>
            </section>
          );
        })
      )}

      <section className="h5-card">
        <h2>本次发现的问题</h2>
        {draft.problems.length ? (
          draft.problems.map((p) => (
            <div className="m-row" key={p.key}>
              <span className="m-row-main">
                <b>{p.categoryName}</b>
                <span className="h5-muted">{p.description}</span>
              </span>
              <span className={`m-badge ${p.onSpot ? 'is-done' : 'is-due'}`}>{p.onSpot ? '随手整' : '已上报'}</span>
            </div>
          ))
        ) : (
          <p className="h5-muted">还没有记录问题。发现问题时点“记录问题”，当场整改好的选“随手整”。</p>
        )}
      </section>

      <div className="m-bar">
        <button type="button" className="h5-btn h5-btn-ghost m-bar-btn" onClick={() => openSheet(null)}>
          记录问题
        </button>
        <button
          type="button"
          className="h5-btn m-bar-btn m-grow"
          onClick={() => {
            setFinishing(true);
            window.scrollTo(0, 0);
          }}
        >
          完成巡查
        </button>
      </div>
    </main>
  );
}
