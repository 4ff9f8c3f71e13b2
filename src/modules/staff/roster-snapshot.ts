import type { ErrorDetail } from '../../common/errors/error-code.js';
import { maskIdNumber, maskPhone } from '../../common/crypto/mask.js';
import { POLICY } from '../../policy/policy-table.js';
import {
  STAFF_RECORD_KIND_LABELS,
  STAFF_ROLE_LABELS,
  STAFF_ROLES,
  TRAINING_ORGANIZER_LABELS,
  type StaffRecordKind,
  type StaffRole,
  type TrainingOrganizer,
} from './staff.constants.js';

/**
 * The roster as frozen in a filing. ID numbers and phones stay encrypted exactly as stored (the
 * snapshot is as sensitive as the live rows, and no more); rendering decrypts and masks them.
 */
export interface RosterSnapshot {
  format: 1;
  takenAt: string;
  members: SnapshotMember[];
}

export interface SnapshotMember {
  id: string;
  name: string;
  idNumberEnc: string;
  idNumberIndex: string;
  phoneEnc: string;
  role: StaffRole;
  fullTime: boolean;
  startDate: string;
  endDate: string | null;
  trainings: SnapshotTraining[];
  records: SnapshotRecord[];
}

export interface SnapshotTraining {
  id: string;
  date: string;
  organizer: TrainingOrganizer;
  topic: string;
  halfHours: number;
}

export interface SnapshotRecord {
  id: string;
  kind: StaffRecordKind;
  date: string;
  description: string;
}

/** The live rows a snapshot is taken from (the entities satisfy these shapes). */
export interface MemberRow extends Omit<SnapshotMember, 'trainings' | 'records'> {}
export interface TrainingRow extends SnapshotTraining {
  staffId: string;
}
export interface RecordRow extends SnapshotRecord {
  staffId: string;
}

const ROLE_ORDER = new Map<string, number>(STAFF_ROLES.map((r, i) => [r, i]));

/** Active first, then by role (chief editor first), start date, id: the order a clerk reads a roster in. */
function compareMembers(a: MemberRow, b: MemberRow): number {
  return (
    Number(a.endDate !== null) - Number(b.endDate !== null) ||
    (ROLE_ORDER.get(a.role) ?? 9) - (ROLE_ORDER.get(b.role) ?? 9) ||
    a.startDate.localeCompare(b.startDate) ||
    a.id.localeCompare(b.id)
  );
}

const byDateThenId = (a: { date: string; id: string }, b: { date: string; id: string }) =>
  a.date.localeCompare(b.date) || a.id.localeCompare(b.id);

export function takeSnapshot(members: MemberRow[], trainings: TrainingRow[], records: RecordRow[], takenAt: Date): RosterSnapshot {
  return {
    format: 1,
    takenAt: takenAt.toISOString(),
    members: [...members].sort(compareMembers).map((m) => ({
      id: m.id,
      name: m.name,
      idNumberEnc: m.idNumberEnc,
      idNumberIndex: m.idNumberIndex,
      phoneEnc: m.phoneEnc,
      role: m.role,
      fullTime: m.fullTime,
      startDate: m.startDate,
      endDate: m.endDate,
      trainings: trainings
        .filter((t) => t.staffId === m.id)
        .sort(byDateThenId)
        .map((t) => ({ id: t.id, date: t.date, organizer: t.organizer, topic: t.topic, halfHours: t.halfHours })),
      records: records
        .filter((r) => r.staffId === m.id)
        .sort(byDateThenId)
        .map((r) => ({ id: r.id, kind: r.kind, date: r.date, description: r.description })),
    })),
  };
}

/**
 * What keeps a roster from being filed (§02.5 总编辑负责制): at least one member on the roster and
 * exactly the policy's number of active chief editors. Field `staff`: the roster as a whole.
 */
export function rosterProblems(members: Pick<MemberRow, 'role' | 'endDate'>[]): ErrorDetail[] {
  const active = members.filter((m) => m.endDate === null);
  if (active.length === 0) return [{ field: 'staff', code: 'no_active_member', message: '编辑人员名单中没有在岗人员，请先登记' }];
  const chiefs = active.filter((m) => m.role === 'chief_editor').length;
  const required = POLICY.chiefEditorsPerAccount.value;
  if (chiefs < required) return [{ field: 'staff', code: 'no_chief_editor', message: '实行总编辑负责制，须登记一名在岗总编辑' }];
  if (chiefs > required) return [{ field: 'staff', code: 'multiple_chief_editors', message: '在岗总编辑只能有一名' }];
  return [];
}

/**
 * A comparison key of a roster that ignores how it is encrypted: the same phone encrypted twice
 * gives two different ciphertexts, so phones compare decrypted and ID numbers by their blind index.
 * Kept in memory only; never stored or sent.
 */
export function rosterComparisonKey(snapshot: Pick<RosterSnapshot, 'members'>, decrypt: (stored: string) => string): string {
  const members = [...snapshot.members]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((m) => [
      m.id,
      m.name,
      m.idNumberIndex,
      decrypt(m.phoneEnc),
      m.role,
      m.fullTime,
      m.startDate,
      m.endDate,
      [...m.trainings].sort((a, b) => a.id.localeCompare(b.id)).map((t) => [t.id, t.date, t.organizer, t.topic, t.halfHours]),
      [...m.records].sort((a, b) => a.id.localeCompare(b.id)).map((r) => [r.id, r.kind, r.date, r.description]),
    ]);
  return JSON.stringify(members);
}

export const hoursOf = (halfHours: number): number => halfHours / 2;

export interface RenderedRoster {
  takenAt: string;
  summary: { activeCount: number; fullTimeCount: number; endedCount: number; chiefEditor: string | null; trainingHours: number };
  members: RenderedMember[];
}

export interface RenderedMember {
  id: string;
  name: string;
  idNumber: string | null;
  phone: string | null;
  role: StaffRole;
  roleLabel: string;
  fullTime: boolean;
  startDate: string;
  endDate: string | null;
  active: boolean;
  trainingHours: number;
  trainings: { id: string; date: string; organizer: TrainingOrganizer; organizerLabel: string; topic: string; hours: number }[];
  records: { id: string; kind: StaffRecordKind; kindLabel: string; date: string; description: string }[];
}

/** A snapshot for people: names, roles, trainings and records; ID numbers and phones masked. */
export function renderSnapshot(snapshot: RosterSnapshot, decrypt: (stored: string) => string): RenderedRoster {
  const members: RenderedMember[] = snapshot.members.map((m) => {
    const halfHours = m.trainings.reduce((s, t) => s + t.halfHours, 0);
    return {
      id: m.id,
      name: m.name,
      idNumber: maskIdNumber(decrypt(m.idNumberEnc)),
      phone: maskPhone(decrypt(m.phoneEnc)),
      role: m.role,
      roleLabel: STAFF_ROLE_LABELS[m.role] ?? m.role,
      fullTime: m.fullTime,
      startDate: m.startDate,
      endDate: m.endDate,
      active: m.endDate === null,
      trainingHours: hoursOf(halfHours),
      trainings: m.trainings.map((t) => ({
        id: t.id,
        date: t.date,
        organizer: t.organizer,
        organizerLabel: TRAINING_ORGANIZER_LABELS[t.organizer] ?? t.organizer,
        topic: t.topic,
        hours: hoursOf(t.halfHours),
      })),
      records: m.records.map((r) => ({ id: r.id, kind: r.kind, kindLabel: STAFF_RECORD_KIND_LABELS[r.kind] ?? r.kind, date: r.date, description: r.description })),
    };
  });
  const active = members.filter((m) => m.active);
  return {
    takenAt: snapshot.takenAt,
    summary: {
      activeCount: active.length,
      fullTimeCount: active.filter((m) => m.fullTime).length,
      endedCount: members.length - active.length,
      chiefEditor: active.find((m) => m.role === 'chief_editor')?.name ?? null,
      trainingHours: members.reduce((s, m) => s + m.trainingHours, 0),
    },
    members,
  };
}
