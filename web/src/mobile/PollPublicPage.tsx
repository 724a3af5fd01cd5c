// /h5/poll/<token>: a resident answers a survey wave's questionnaire
// themselves (the link or QR the town shares). Eligibility first; one answer
// per phone number and wave (the number only checks that, it is not kept);
// the answer is marked self-served and counted apart from the interviewers'.
import { useEffect, useState } from 'react';
import { call, messageOf } from './api.ts';
import { useSaveCore } from '../api/save-core.ts';
import type { PublicPoll } from '../../../domain/api/polls.ts';
import { PollForm, type PollAnswerValues } from './PollForm.tsx';

export function PollPublicPage({ token }: { token: string }) {
  const [poll, setPoll] = useState<PublicPoll | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [phone, setPhone] = useState('');
  const [done, setDone] = useState(false);
  useEffect(() => {
    call<PublicPoll>('GET', `/polls/${encodeURIComponent(token)}`).then(setPoll, (e) => setError(messageOf(e)));
  }, [token]);
  const { save, busy } = useSaveCore({
    run: (v: PollAnswerValues) => call('POST', `/polls/${encodeURIComponent(token)}/answers`, { ...v, phone }),
    onOk: () => setDone(true),
    onFail: (e) => setError(messageOf(e)),
  });
  return (
    <div className="h5">
      <header className="h5-head">
        <span className="h5-mark" aria-hidden>
          创
        </span>
        <div>
          <h1>{poll?.name ?? '问卷调查'}</h1>
          <p>{poll ? `${poll.townName} · 填答截止 ${poll.endsOn}` : '创建全国文明城市居民问卷'}</p>
        </div>
      </header>
      {error ? (
        <p className="h5-card h5-field-error" role="alert">
          {error}
        </p>
      ) : null}
      {done ? (
        <section className="h5-card">
          <h2>提交成功，感谢您的参与！</h2>
          <p className="h5-muted">您的意见会帮助我们改进创建工作。</p>
        </section>
      ) : poll && !poll.open ? (
        <section className="h5-card">
          <p>本次调查不在填答时间内，感谢关注。</p>
        </section>
      ) : poll ? (
        <PollForm
          questionnaires={poll.questionnaires.map((q) => ({ ...q, items: q.items }))}
          communities={poll.communities}
          busy={busy}
          submitLabel="提交问卷"
          extra={
            <label className="h5-label">
              手机号（每个手机号只能填答一次，号码不会保存）
              <input inputMode="tel" required maxLength={11} value={phone} onChange={(e) => setPhone(e.target.value.replace(/\D/g, ''))} />
            </label>
          }
          onSubmit={(v) => {
            setError(null);
            void save(v);
          }}
        />
      ) : !error ? (
        <p className="h5-card h5-muted">正在打开…</p>
      ) : null}
    </div>
  );
}
