// A person's month as a grid (Monday first): each day green when every
// expected patrol was done, red when one was missed, blue while one is still
// due today, grey when nothing was expected (weekends, holidays), blank for
// days still to come. The day's places are listed in its tooltip.
import { Tooltip } from 'antd';
import type { PersonCalendar } from './api.ts';

type Day = PersonCalendar['days'][number];
const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];
export const DAY_COLORS = {
  done: { bg: '#f6ffed', border: '#95de64', text: '#389e0d', label: '已完成' },
  missed: { bg: '#fff1f0', border: '#ff7875', text: '#cf1322', label: '漏巡' },
  due: { bg: '#e6f4ff', border: '#69b1ff', text: '#0958d9', label: '今日待巡' },
  none: { bg: '#f5f5f5', border: '#e8e8e8', text: '#8c8c8c', label: '无需巡查' },
  upcoming: { bg: '#ffffff', border: '#f0f0f0', text: '#bfbfbf', label: '未到' },
} as const;
const DAY_TYPES: Record<Day['dayType'], string> = { workday: '', weekend: '周末', holiday: '节假日', makeup: '调休上班' };

export function dayStatus(d: Day, today: string): keyof typeof DAY_COLORS {
  if (d.date > today) return 'upcoming';
  if (d.missed > 0) return 'missed';
  if (d.due > 0) return 'due';
  if (d.expected > 0 || d.done > 0) return 'done';
  return 'none';
}

export function CalendarGrid({ cal }: { cal: PersonCalendar }) {
  const first = cal.days[0]?.date ?? `${cal.month}-01`;
  const lead = (new Date(`${first}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
  const cells: (Day | null)[] = [...Array(lead).fill(null), ...cal.days];
  return (
    <div>
      <div
        role="grid"
        aria-label={`${cal.person.name} ${cal.month} 巡查日历`}
        style={{ display: 'grid', gridTemplateColumns: 'repeat(7, minmax(0, 1fr))', gap: 4 }}
      >
        {WEEKDAYS.map((w) => (
          <div key={w} style={{ textAlign: 'center', color: '#8c8c8c', fontSize: 12 }}>
            周{w}
          </div>
        ))}
        {cells.map((d, i) => {
          if (!d) return <div key={`x${i}`} />;
          const st = dayStatus(d, cal.today);
          const s = DAY_COLORS[st];
          const detail = d.places.length ? d.places.map((p) => `${p.name}：${p.statusLabel}`).join('\n') : s.label;
          return (
            <Tooltip
              key={d.date}
              title={<span style={{ whiteSpace: 'pre-line' }}>{`${d.date}${DAY_TYPES[d.dayType] ? `（${DAY_TYPES[d.dayType]}）` : ''}\n${detail}`}</span>}
            >
              <div
                role="gridcell"
                aria-label={`${d.date} ${s.label}`}
                data-status={st}
                style={{ background: s.bg, border: `1px solid ${s.border}`, borderRadius: 6, padding: '4px 6px', minHeight: 58, color: s.text, fontSize: 12 }}
              >
                <div style={{ display: 'flex', justifyContent: 'space-between', gap: 4 }}>
                  <b style={{ fontSize: 14 }}>{Number(d.date.slice(8))}</b>
                  {DAY_TYPES[d.dayType] && <span style={{ color: '#8c8c8c' }}>{DAY_TYPES[d.dayType]}</span>}
                </div>
                {d.expected > 0 ? (
                  <div>
                    {d.done}/{d.expected}
                  </div>
                ) : d.done > 0 ? (
                  <div>{d.done} 次</div>
                ) : null}
              </div>
            </Tooltip>
          );
        })}
      </div>
      <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap', marginTop: 8, fontSize: 12 }}>
        {Object.values(DAY_COLORS).map((c) => (
          <span key={c.label}>
            <span
              style={{
                display: 'inline-block',
                width: 12,
                height: 12,
                background: c.bg,
                border: `1px solid ${c.border}`,
                borderRadius: 3,
                marginInlineEnd: 4,
                verticalAlign: 'middle',
              }}
            />
            {c.label}
          </span>
        ))}
      </div>
    </div>
  );
}
