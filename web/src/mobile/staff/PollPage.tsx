// /m/poll: the interviewer's questionnaires (issue 21). The open waves of
// their town, kept on the phone for offline use; per community the quota
// progress (in-quota answers against the sample, by age band and sex, and
// their own count); a respondent's answers go into the offline queue as a
// 'poll' item and reach the server through the same sync as the patrols.
import { useEffect, useState } from 'react';
import type { PhonePolls } from '../../../../domain/api/polls.ts';
import type { SyncPoll } from '../../../../domain/inspections/sync.ts';
import { useSaveCore } from '../../api/save-core.ts';
import { PollForm, type PollAnswerValues } from '../PollForm.tsx';
import { newKey } from './api.ts';
import { useCached } from './useCached.ts';
import { enqueue } from './queue.ts';
import { useSession } from './session.tsx';
import { clearFlash, peekFlash, setFlash } from './nav.tsx';
import { Header, OfflineNote, ReadError, StatusStrip, useQueueStatus } from './ui.tsx';

type Wave = PhonePolls['waves'][number];

export function PollPage() {
  const { me, signOut } = useSession();
  const q = useQueueStatus();
  const { got, error } = useCached<PhonePolls>(me?.user.id ?? null, 'polls-phone', '/polls/phone');
  const [waveId, setWaveId] = useState<number | null>(null);
  const [filling, setFilling] = useState(false);
  const [flash, setFlashShown] = useState(peekFlash);
  const [round, setRound] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(clearFlash, []);
  const waves = got?.data.waves ?? [];
  const wave: Wave | undefined = waves.find((w) => w.id === waveId) ?? waves[0];
  const { save, busy } = useSaveCore({
    run: async (v: PollAnswerValues) => {
      const key = newKey();
      const item: SyncPoll = { type: 'poll', key, waveId: wave!.id, answeredAt: new Date().toISOString(), ...v };
      const name = wave!.communities.find((c) => c.code === v.communityCode)?.name ?? '';
      await enqueue([{ key, item, label: `问卷 · ${name} · ${v.age} 岁` }]);
    },
    onOk: () => {
      setFlash(`问卷已保存${q.online ? '，正在同步' : '，联网后自动同步'}`);
      setFlashShown(peekFlash());
      clearFlash();
      setFilling(false);
      setRound((n) => n + 1);
    },
    onFail: (e) => setProblem(`没有保存：${(e as Error).message}`),
  });
  if (!me) return null;
  const questionnaires = got?.data.questionnaires.filter((x) => wave?.questionnaireIds.includes(x.id)) ?? [];
  return (
    <main className="h5">
      <Header
        title="问卷调查"
        right={
          <button type="button" className="h5-link" onClick={() => void signOut()}>
            退出
          </button>
        }
      />
      <StatusStrip />
      {got ? <OfflineNote at={got.at} offline={got.offline} /> : null}
      <ReadError error={error} what="调查批次" />
      {flash ? (
        <p className="m-flash" role="status">
          {flash}
        </p>
      ) : null}
      {!got ? (
        <p className="h5-card h5-muted">{error ? '联网后可查看调查批次' : '正在读取…'}</p>
      ) : !wave ? (
        <p className="h5-card h5-muted">目前没有进行中的调查批次。镇创城办新建批次后，这里会列出要调查的社区和配额。</p>
      ) : filling ? (
        <>
          <PollForm
            key={round}
            questionnaires={questionnaires}
            communities={wave.communities.map((c) => ({ code: c.code, name: c.name, note: `${c.inQuota}/${c.planned}` }))}
            busy={busy}
            submitLabel="保存问卷"
            onSubmit={(v) => {
              setProblem(null);
              void save(v);
            }}
          />
          {problem ? (
            <p className="h5-field-error" role="alert">
              {problem}
            </p>
          ) : null}
          <button type="button" className="h5-btn h5-btn-ghost m-gap" onClick={() => setFilling(false)}>
            返回配额进度
          </button>
        </>
      ) : (
        <>
          <section className="h5-card">
            {waves.length > 1 ? (
              <label className="h5-label m-first">
                调查批次
                <select value={wave.id} onChange={(e) => setWaveId(Number(e.target.value))}>
                  {waves.map((w) => (
                    <option key={w.id} value={w.id}>
                      {w.name}
                    </option>
                  ))}
                </select>
              </label>
            ) : (
              <h2>{wave.name}</h2>
            )}
            <p className="h5-muted">
              {wave.startsOn} 至 {wave.endsOn}，共 {wave.communities.reduce((n, c) => n + c.planned, 0)} 份（各社区样本数见下）
            </p>
            <button type="button" className="h5-btn h5-submit m-gap" onClick={() => setFilling(true)}>
              填写一份问卷
            </button>
          </section>
          <section className="h5-card">
            <h2>各社区配额进度</h2>
            <p className="h5-muted">已同步到服务器的答卷；未同步的在“待同步”中。</p>
            {wave.communities.map((c) => (
              <div key={c.code} className="m-row">
                <span className="m-row-main">
                  <b>
                    {c.name} {c.inQuota}/{c.planned}
                  </b>
                  <span className="h5-muted">
                    {c.bands.map((b) => `${b.label} ${b.have}/${b.quota}`).join('，')}；{c.sexes.map((s) => `${s.label} ${s.have}/${s.quota}`).join('，')}
                  </span>
                </span>
                {c.mine ? <span className="m-badge">我 {c.mine}</span> : null}
              </div>
            ))}
          </section>
        </>
      )}
    </main>
  );
}
