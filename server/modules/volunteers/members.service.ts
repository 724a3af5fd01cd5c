// Volunteers (issue 17 item 1): a volunteer is a person of the directory with
// a profile (gender, birth year, political status, skills, an optional ID
// number kept encrypted and shown masked) and the volunteer teams they joined
// and left. Reading needs volunteer.read over a team or the person's home
// region (else 404); changes need volunteer.manage there (else 403). A member
// without an account can be given one later (the volunteer role over a team,
// signed in with the phone number); a deactivated person keeps their history.
import type { Db, Tx } from '../../db/pool.ts';
import { audit } from '../../platform/audit.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import { todayChina } from '../../platform/clock.ts';
import { idCursor, pageOf } from '../../platform/cursor.ts';
import { codeInScope } from '../../db/scope.ts';
import { generatePassword, hashPassword } from '../../platform/password.ts';
import { authorize, invalidateSessions } from '../../platform/session.ts';
import { can, regionScope, type Action, type Actor } from '../../../domain/permissions.ts';
import { maskPhone } from '../../../domain/people.ts';
import {
  GENDER_LABELS,
  hoursOf,
  idNumberProblem,
  maskIdNumber,
  MEMBER_ROLE_LABELS,
  POLITICAL_STATUS_LABELS,
  type Gender,
  type MemberRole,
  type PoliticalStatus,
} from '../../../domain/volunteers.ts';
import { getPerson, grantVolunteer, insertChecked, mapPersonUnique, setPassword } from '../people/index.ts';
import { encryptId } from './id-cipher.ts';
import * as repo from './members.repository.ts';
import * as srepo from './service.repository.ts';

export const readScope = (actor: Actor) => regionScope(actor, 'volunteer.read');
const manageScope = (actor: Actor) => regionScope(actor, 'volunteer.manage');

/** The teams the caller leads today, when they hold the volunteer role (staff act by their regions). */
const ledTeams = async (db: Db | Tx, actor: Actor): Promise<number[]> =>
  actor.grants.some((g) => g.role === 'volunteer') ? repo.ledTeams(db, actor.personId) : [];

/** A team's leader named or gone: the cached sessions' /api/me (its `can`) is read again. */
const leadershipChanged = () => invalidateSessions();

/**
 * What leading a team adds to /api/me's `can` for an account holding the
 * volunteer role: the desk's 志愿服务 pages (menu and routes) for their own
 * team, its members, records and the orders dispatched to it. The server
 * scopes every read of theirs to the teams they lead (readerScope below).
 */
export async function leaderAbilities(db: Db, actor: Actor): Promise<Partial<Record<Action, boolean>>> {
  return (await ledTeams(db, actor)).length ? { 'volunteer.read': true, 'order.read': true } : {};
}

/**
 * Where the caller reads volunteers (or, with `order.read`, orders): the
 * regions of their grants and, for an account holding the volunteer role, the
 * teams they lead. A team leader who holds only the volunteer role reads their
 * own team this way; a caller with neither is refused (403), as authorize()
 * would.
 */
export async function readerScope(db: Db | Tx, actor: Actor, action: 'volunteer.read' | 'order.read' = 'volunteer.read'): Promise<repo.VolScope> {
  const regions = regionScope(actor, action);
  const teams = regions === 'all' ? [] : await ledTeams(db, actor);
  if (regions !== 'all' && !regions.length && !teams.length) throw new AppError('FORBIDDEN');
  return { regions, teams };
}

/** May the actor manage this volunteer (a team they joined, or their home region, in the caller's manage scope)? */
export function canManage(actor: Actor, m: Pick<repo.MemberRow, 'regionCode' | 'teams'>): boolean {
  const scope = manageScope(actor);
  return codeInScope(m.regionCode, scope) || m.teams.some((t) => codeInScope(t.regionCode, scope));
}

export function present(actor: Actor, m: repo.MemberRow) {
  const manage = canManage(actor, m);
  return {
    personId: m.personId,
    name: m.name,
    phone: manage || m.personId === actor.personId ? m.phone : maskPhone(m.phone),
    regionCode: m.regionCode,
    active: m.active,
    hasAccount: m.hasAccount,
    gender: m.gender,
    genderLabel: m.gender ? (GENDER_LABELS[m.gender as Gender] ?? m.gender) : null,
    birthYear: m.birthYear,
    politicalStatus: m.politicalStatus,
    politicalStatusLabel: m.politicalStatus ? (POLITICAL_STATUS_LABELS[m.politicalStatus as PoliticalStatus] ?? m.politicalStatus) : null,
    skills: m.skills ?? [],
    idNumber: m.idNumberMasked,
    teams: m.teams.map((t) => ({ ...t, roleLabel: MEMBER_ROLE_LABELS[t.role as MemberRole] ?? t.role })),
  };
}

export interface ListQuery {
  teamId?: number;
  regionCode?: string;
  q?: string;
  current?: boolean;
  cursor?: string;
  limit?: number;
}

export async function list(db: Db, actor: Actor, f: ListQuery) {
  const scope = await readerScope(db, actor);
  const limit = f.limit ?? 50;
  const rows = await repo.listMembers(db, { ...f, today: todayChina() }, scope, f.cursor ? idCursor.decode(f.cursor) : null, limit + 1);
  const page = pageOf(rows, limit, (last) => idCursor.encode(last.personId));
  return {
    items: page.items.map((m) => present(actor, m)),
    nextCursor: page.nextCursor,
    can: { manage: can(actor, 'volunteer.manage') || scope.teams.length > 0, exportIds: can(actor, 'volunteer.export_id') },
  };
}

export async function visible(db: Db | Tx, actor: Actor, personId: number) {
  const m = await repo.getMember(db, personId, await readerScope(db, actor));
  if (!m) throw notFound('该志愿者不存在或不在您的管辖范围内');
  return m;
}

async function forChange(db: Db | Tx, actor: Actor, personId: number) {
  const m = await visible(db, actor, personId);
  if (!canManage(actor, m)) throw new AppError('FORBIDDEN', '只有志愿者所在队伍（或所在社区、乡镇）的创城办、社区干部可以修改');
  return m;
}

export async function get(db: Db, actor: Actor, personId: number) {
  const m = await visible(db, actor, personId);
  const t = await srepo.totals(db, { personId }, 'all');
  const manage = canManage(actor, m);
  return {
    ...present(actor, m),
    note: m.note,
    version: m.version,
    totals: { records: t.records, hours: hoursOf(t.minutes), people: t.people },
    can: { manage, giveAccount: manage && !!m.phone },
  };
}

// ---- profile ----

export interface ProfileInput {
  gender?: Gender | null;
  birthYear?: number | null;
  politicalStatus?: PoliticalStatus | null;
  skills?: string[];
  note?: string | null;
  /** Clear text as typed; undefined keeps it, null or '' removes it. */
  idNumber?: string | null;
}

function profileValues(p: ProfileInput, path = 'idNumber'): repo.ProfileValues {
  let idNumber: repo.ProfileValues['idNumber'];
  if (p.idNumber === null || p.idNumber === '') idNumber = null;
  else if (p.idNumber !== undefined) {
    const v = p.idNumber.toUpperCase();
    const bad = idNumberProblem(v);
    if (bad) throw fieldError(path, bad);
    idNumber = { enc: encryptId(v), masked: maskIdNumber(v) };
  }
  return {
    gender: p.gender ?? null,
    birthYear: p.birthYear ?? null,
    politicalStatus: p.politicalStatus ?? null,
    skills: [...new Set((p.skills ?? []).map((s) => s.trim()).filter(Boolean))],
    note: p.note ?? null,
    idNumber,
  };
}

/**
 * A team the actor manages, else a field error on `path` (or 403): by region
 * (the office, community cadres), or as its leader, who adds and removes
 * members (never leaders: those the office or community names).
 */
async function managedTeam(db: Db | Tx, actor: Actor, teamId: number, path = 'teamId', role: MemberRole = 'member') {
  const t = await repo.team(db, teamId);
  const led = t ? (await ledTeams(db, actor)).includes(t.id) : false;
  if (!t || (!led && !codeInScope(t.regionCode, readScope(actor)))) throw fieldError(path, '志愿服务队不存在或不在您的管辖范围内');
  if (codeInScope(t.regionCode, manageScope(actor))) return t;
  if (!led) throw new AppError('FORBIDDEN', `您不能管理“${t.name}”的队员`);
  if (role !== 'member') throw new AppError('FORBIDDEN', '队长由创城办或社区干部任命：队长只能增减本队队员');
  return t;
}

export interface CreateInput extends ProfileInput {
  /** An existing person of the directory; else name (and phone) make a new one, without an account. */
  personId?: number;
  name?: string;
  phone?: string | null;
  teamId: number;
  role?: MemberRole;
  joinedOn?: string;
}

export async function create(db: Db, actor: Actor, input: CreateInput) {
  const today = todayChina();
  const joinedOn = input.joinedOn ?? today;
  if (joinedOn > today) throw fieldError('joinedOn', '加入日期不能晚于今天');
  const values = profileValues(input);
  const personId = await db
    .transaction(async (tx) => {
      const team = await managedTeam(tx, actor, input.teamId, 'teamId', input.role);
      let personId = input.personId;
      if (personId) {
        const p = await getPerson(tx, personId, regionScope(actor, 'volunteer.read'));
        if (!p) throw fieldError('personId', '该人员不存在或不在您的管辖范围内');
        if (await repo.isVolunteer(tx, personId)) throw new AppError('DUPLICATE', `${p.name}已是志愿者，请在其页面加入队伍`);
      } else {
        if (!input.name) throw fieldError('name', '请填写姓名');
        const r = await insertChecked(tx, actor, { name: input.name, phone: input.phone ?? null, roles: [], noSignIn: true }, team.regionCode);
        personId = r.person.id;
      }
      await repo.insertVolunteer(tx, personId, values, actor.personId);
      await repo.join(tx, personId, team.id, input.role ?? 'member', joinedOn);
      await audit(tx, {
        actor,
        action: 'volunteer.create',
        entity: 'volunteer',
        entityId: personId,
        regionCode: team.regionCode,
        after: { ...values, idNumber: values.idNumber ? values.idNumber.masked : null, teamId: team.id, role: input.role ?? 'member', joinedOn },
      });
      return personId;
    })
    .catch((e) => mapPersonUnique(e));
  if (input.role === 'leader') leadershipChanged();
  return get(db, actor, personId);
}

export async function update(db: Db, actor: Actor, personId: number, version: number, input: ProfileInput) {
  const values = profileValues(input);
  await db.transaction(async (tx) => {
    const m = await forChange(tx, actor, personId);
    if (!(await repo.updateVolunteer(tx, personId, version, values))) throw new AppError('CONFLICT');
    await audit(tx, {
      actor,
      action: 'volunteer.update',
      entity: 'volunteer',
      entityId: personId,
      regionCode: m.regionCode,
      before: { gender: m.gender, birthYear: m.birthYear, politicalStatus: m.politicalStatus, skills: m.skills, idNumber: m.idNumberMasked },
      after: { ...values, idNumber: values.idNumber === undefined ? m.idNumberMasked : (values.idNumber?.masked ?? null) },
    });
  });
  return get(db, actor, personId);
}

// ---- teams joined and left ----

export async function joinTeam(db: Db, actor: Actor, personId: number, input: { teamId: number; role?: MemberRole; joinedOn?: string }) {
  const today = todayChina();
  const joinedOn = input.joinedOn ?? today;
  if (joinedOn > today) throw fieldError('joinedOn', '加入日期不能晚于今天');
  const wasLeader = await db.transaction(async (tx) => {
    await visible(tx, actor, personId);
    const team = await managedTeam(tx, actor, input.teamId, 'teamId', input.role);
    const open = await repo.openMembership(tx, personId, team.id);
    if (open?.role === 'leader') await managedTeam(tx, actor, team.id, 'teamId', 'leader');
    if (open) {
      if (open.role === (input.role ?? 'member')) throw new AppError('DUPLICATE', `已在“${team.name}”中`);
      await repo.setRole(tx, open.id, input.role ?? 'member');
    } else await repo.join(tx, personId, team.id, input.role ?? 'member', joinedOn);
    await audit(tx, {
      actor,
      action: open ? 'volunteer.set_role' : 'volunteer.join',
      entity: 'volunteer',
      entityId: personId,
      regionCode: team.regionCode,
      before: open ? { teamId: team.id, role: open.role } : undefined,
      after: { teamId: team.id, role: input.role ?? 'member', joinedOn: open ? open.joinedOn : joinedOn },
    });
    return open?.role === 'leader';
  });
  if (wasLeader || input.role === 'leader') leadershipChanged();
  return get(db, actor, personId);
}

export async function leaveTeam(db: Db, actor: Actor, personId: number, teamId: number, leftOn?: string) {
  const today = todayChina();
  const day = leftOn ?? today;
  if (day > today) throw fieldError('leftOn', '退出日期不能晚于今天');
  const wasLeader = await db.transaction(async (tx) => {
    await visible(tx, actor, personId);
    const team = await managedTeam(tx, actor, teamId);
    const open = await repo.openMembership(tx, personId, team.id);
    if (!open) throw notFound(`不在“${team.name}”中`);
    if (open.role === 'leader') await managedTeam(tx, actor, team.id, 'teamId', 'leader');
    if (day < open.joinedOn) throw fieldError('leftOn', `退出日期不能早于加入日期 ${open.joinedOn}`);
    await repo.leave(tx, open.id, day);
    await audit(tx, { actor, action: 'volunteer.leave', entity: 'volunteer', entityId: personId, regionCode: team.regionCode, after: { teamId, leftOn: day } });
    return open.role === 'leader';
  });
  if (wasLeader) leadershipChanged();
  return get(db, actor, personId);
}

/**
 * Give a member an account: the volunteer role over one of their teams, signed
 * in with their phone number. A member who had no sign-in gets a one-time
 * password (changed at first sign-in); one who had keeps theirs.
 */
export async function giveAccount(db: Db, actor: Actor, personId: number, teamId: number) {
  authorize(actor, 'volunteer.manage');
  return db.transaction(async (tx) => {
    const m = await forChange(tx, actor, personId);
    if (!m.active) throw new AppError('INVALID_STATE', '该人员已停用，不能开通账号');
    if (!m.phone) throw fieldError('phone', '请先填写手机号：志愿者用手机号登录');
    const team = await managedTeam(tx, actor, teamId);
    if (!m.teams.some((t) => t.id === team.id && !t.leftOn)) throw fieldError('teamId', `不在“${team.name}”中：请先加入该队`);
    const hadAccount = m.hasAccount;
    const granted = await grantVolunteer(tx, personId, team.id);
    if (!granted) throw new AppError('DUPLICATE', '已开通该队的志愿者账号');
    let initialPassword: string | null = null;
    if (!hadAccount) {
      initialPassword = generatePassword();
      await setPassword(tx, personId, await hashPassword(initialPassword), true);
    }
    await audit(tx, { actor, action: 'volunteer.give_account', entity: 'volunteer', entityId: personId, regionCode: team.regionCode, after: { teamId } });
    return { personId, login: m.phone, initialPassword };
  });
}

/** Teams in the caller's scope (optionally under a region), with today's members and leaders. */
export async function teams(db: Db, actor: Actor, region?: string) {
  const rows = await repo.teams(db, await readerScope(db, actor), region ?? null, todayChina());
  return { items: rows.map((t) => ({ ...t, level: (t.regionCode.length > 9 ? 'community' : 'town') as 'town' | 'community' })) };
}
