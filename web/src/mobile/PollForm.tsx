// The questionnaire as a respondent answers it, on the interviewer's phone
// (/m/poll) and on a resident's (/h5/poll/<token>): eligibility first (age,
// months living here: an ineligible respondent is told why and goes no
// further), then community, sex and the population group's variant, then one
// choice per item. Plain React, no antd.
import { useState } from 'react';
import { ineligibility, SEX_LABELS, SEXES, type Sex } from '../../../domain/polls.ts';

export interface PollQuestionnaire {
  id: number;
  code: string;
  title: string;
  groupLabel: string;
  items: { id: number; seq: number; code: string; text: string; indicatorLabel: string; options: string[] }[];
}
export interface PollAnswerValues {
  questionnaireId: number;
  communityCode: string;
  sex: Sex;
  age: number;
  residenceMonths: number;
  answers: { itemId: number; value: number }[];
}

export function PollForm({
  questionnaires,
  communities,
  busy,
  submitLabel,
  extra,
  onSubmit,
}: {
  questionnaires: PollQuestionnaire[];
  communities: { code: string; name: string; note?: string }[];
  busy: boolean;
  submitLabel: string;
  /** More fields before the button (the resident's phone number). */
  extra?: React.ReactNode;
  onSubmit: (v: PollAnswerValues) => void;
}) {
  const [age, setAge] = useState('');
  const [months, setMonths] = useState('');
  const [checked, setChecked] = useState(false);
  const [community, setCommunity] = useState('');
  const [sex, setSex] = useState<Sex | ''>('');
  const [qid, setQid] = useState<number>(questionnaires[0]?.id ?? 0);
  const [values, setValues] = useState<Record<number, number>>({});
  const [missing, setMissing] = useState<string | null>(null);
  const reason = checked ? ineligibility(Number(age), Number(months)) : null;
  const q = questionnaires.find((x) => x.id === qid) ?? questionnaires[0];
  if (!checked || reason)
    return (
      <section className="h5-card">
        <h2>先确认受访者条件</h2>
        <p className="h5-muted">调查对象为 18-65 周岁、在本地居住满 6 个月的居民。</p>
        <label className="h5-label">
          年龄（周岁）
          <input inputMode="numeric" value={age} maxLength={3} onChange={(e) => setAge(e.target.value.replace(/\D/g, ''))} />
        </label>
        <label className="h5-label">
          在本地居住（月）
          <input inputMode="numeric" value={months} maxLength={4} onChange={(e) => setMonths(e.target.value.replace(/\D/g, ''))} />
        </label>
        {reason ? (
          <p className="h5-field-error" role="alert">
            {reason}，无需填写问卷。
          </p>
        ) : null}
        <button type="button" className="h5-btn h5-submit m-gap" disabled={!age || !months} onClick={() => setChecked(true)}>
          下一步
        </button>
        {reason ? (
          <button
            type="button"
            className="h5-btn h5-btn-ghost m-gap"
            onClick={() => {
              setChecked(false);
              setAge('');
              setMonths('');
            }}
          >
            重新填写
          </button>
        ) : null}
      </section>
    );
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const unanswered = q.items.find((i) => values[i.id] === undefined);
    if (!community || !sex) return setMissing('请选择社区和性别');
    if (unanswered) return setMissing(`第 ${unanswered.seq} 题还没有作答`);
    setMissing(null);
    onSubmit({
      questionnaireId: q.id,
      communityCode: community,
      sex,
      age: Number(age),
      residenceMonths: Number(months),
      answers: q.items.map((i) => ({ itemId: i.id, value: values[i.id] })),
    });
  };
  return (
    <form className="h5-card" onSubmit={submit}>
      <p className="h5-muted">
        受访者：{age} 岁，在本地居住 {months} 个月{' '}
        <button type="button" className="h5-link" onClick={() => setChecked(false)}>
          修改
        </button>
      </p>
      <label className="h5-label">
        所在社区
        <select required value={community} onChange={(e) => setCommunity(e.target.value)}>
          <option value="">请选择</option>
          {communities.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
              {c.note ? `（${c.note}）` : ''}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="h5-label">
        <legend>性别</legend>
        {SEXES.map((s) => (
          <label key={s} className="m-choice">
            <input type="radio" name="sex" checked={sex === s} onChange={() => setSex(s)} /> {SEX_LABELS[s]}
          </label>
        ))}
      </fieldset>
      {questionnaires.length > 1 ? (
        <label className="h5-label">
          受访人群
          <select value={q.id} onChange={(e) => setQid(Number(e.target.value))}>
            {questionnaires.map((x) => (
              <option key={x.id} value={x.id}>
                {x.groupLabel}（{x.code} 卷）
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {q.items.map((it) => (
        <fieldset key={it.id} className="h5-label">
          <legend>
            {it.seq}. {it.text}
          </legend>
          {it.options.map((o, v) => (
            <label key={o} className="m-choice">
              <input type="radio" name={`q${it.id}`} checked={values[it.id] === v} onChange={() => setValues({ ...values, [it.id]: v })} /> {o}
            </label>
          ))}
        </fieldset>
      ))}
      {extra}
      {missing ? (
        <p className="h5-field-error" role="alert">
          {missing}
        </p>
      ) : null}
      <button type="submit" className="h5-btn h5-submit m-gap" disabled={busy}>
        {busy ? '正在提交…' : submitLabel}
      </button>
    </form>
  );
}
