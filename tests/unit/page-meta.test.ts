// The page header's title and breadcrumb per route (web/src/shell/pageMeta.ts):
// a literal route wins over a record's, a record's page links back to its list,
// and a page the table does not list yet is titled by its menu entry.
import { describe, expect, it } from 'vitest';
import { pageMeta } from '../../web/src/shell/pageMeta.ts';

describe('pageMeta', () => {
  it('titles a list page and puts it after 首页', () => {
    expect(pageMeta('/problems')).toEqual({ title: '问题', crumbs: [{ title: '首页', to: '/home' }, { title: '问题' }] });
    expect(pageMeta('/')).toEqual({ title: '首页', crumbs: [{ title: '首页' }] });
  });

  it('prefers a literal route to a record: /problems/new is not a problem', () => {
    expect(pageMeta('/problems/new').title).toBe('上报问题');
    expect(pageMeta('/problems/42').title).toBe('问题详情');
    expect(pageMeta('/inspections/points/7').crumbs).toEqual([
      { title: '首页', to: '/home' },
      { title: '巡查督查' },
      { title: '点位档案', to: '/inspections/points' },
      { title: '点位详情' },
    ]);
  });

  it('knows the meetings pages: a decision under 决定事项, not a meeting', () => {
    expect(pageMeta('/meetings/decisions/9').crumbs).toEqual([
      { title: '首页', to: '/home' },
      { title: '会议台账', to: '/meetings' },
      { title: '决定事项', to: '/meetings/decisions' },
      { title: '决定事项详情' },
    ]);
    expect(pageMeta('/meetings/3').title).toBe('会议详情');
  });

  it('links a publicity record back to its own tab: a facility is not a register’s record', () => {
    expect(pageMeta('/publicity/door/8').crumbs).toEqual([{ title: '首页', to: '/home' }, { title: '宣传工作', to: '/publicity/door' }, { title: '宣传记录' }]);
    expect(pageMeta('/publicity/facilities/3').crumbs).toEqual([
      { title: '首页', to: '/home' },
      { title: '宣传工作', to: '/publicity/facilities' },
      { title: '宣传设施' },
    ]);
    expect(pageMeta('/publicity/terms').title).toBe('宣传工作');
  });

  it("links a record's sub-page back to the record", () => {
    expect(pageMeta('/notices/5/edit').crumbs).toEqual([
      { title: '首页', to: '/home' },
      { title: '通报', to: '/notices' },
      { title: '通报详情', to: '/notices/5' },
      { title: '修改通报' },
    ]);
  });

  it('titles a page it does not list by its menu entry', () => {
    expect(pageMeta('/reports', { title: '报告', group: '报表' })).toEqual({
      title: '报告',
      crumbs: [{ title: '首页', to: '/home' }, { title: '报表' }, { title: '报告' }],
    });
    expect(pageMeta('/problems/42/unknown').title).toBe('问题');
  });
});
