import { POLICY } from '../../policy/policy-table.js';
import type { DrawWeights } from './inspection-draw.js';
import type { Inspection, InspectionDraw, InspectionDrawCandidate } from './inspection.entity.js';
import { type InspectionAction, type InspectionState, inspectionWorkflow } from './workflow/inspection.workflow.js';

export interface OfficerRef {
  id: string;
  name: string | null;
}

export interface DrawParameters {
  share: number;
  shareBasisPoints: number;
  weights: DrawWeights;
  officersPerInspection: number;
}

export interface InspectionView {
  id: string;
  drawId: string;
  drawNo: string;
  drawOrder: number;
  accountId: string;
  filingNo: string;
  accountName: string;
  grade: string | null;
  officerIds: [string, string];
  officers: OfficerRef[];
  status: InspectionState;
  statusLabel: string;
  findings: string | null;
  violationId: string | null;
  doneBy: string | null;
  doneAt: Date | null;
  actions: InspectionAction[];
  createdAt: Date;
}

export interface DrawSummaryView {
  id: string;
  drawNo: string;
  drawnAt: Date;
  drawnBy: OfficerRef;
  algorithm: string;
  seed: string;
  seedGenerated: boolean;
  parameters: DrawParameters;
  populationSize: number;
  sampleSize: number;
  populationHash: string;
  officerPoolSize: number;
  officerPoolHash: string;
  policy: { policyKey: string; citation: string; policyVersion: string };
}

/** Everything needed to run the draw again (GET /api/inspections/draws/:id). */
export interface DrawView extends DrawSummaryView {
  /** The eligible accounts in the order the algorithm read them (filing-number order). */
  population: { position: number; accountId: string; filingNo: string; grade: string | null }[];
  /** The officer pool in the order the algorithm read it (sorted by id). */
  officerIds: string[];
  inspections: InspectionView[];
  done: number;
}

/** What the public sees of a draw (公开): enough to run it again, and the outcome, nothing personal. */
export interface PublicDrawView {
  id: string;
  drawNo: string;
  drawnAt: Date;
  algorithm: string;
  seed: string;
  parameters: DrawParameters;
  populationSize: number;
  populationHash: string;
  officerPoolSize: number;
  sampleSize: number;
  population: { filingNo: string; grade: string | null }[];
  drawn: { order: number; filingNo: string; accountName: string; status: InspectionState; statusLabel: string; violationFound: boolean }[];
}

export function parametersOf(d: InspectionDraw): DrawParameters {
  return {
    share: d.shareBasisPoints / 10000,
    shareBasisPoints: d.shareBasisPoints,
    weights: JSON.parse(d.weights) as DrawWeights,
    officersPerInspection: POLICY.inspectionOfficersPerInspection.value,
  };
}

export function drawSummaryView(d: InspectionDraw): DrawSummaryView {
  return {
    id: d.id,
    drawNo: d.drawNo,
    drawnAt: d.createdAt,
    drawnBy: { id: d.drawnBy, name: d.drawnByName },
    algorithm: d.algorithm,
    seed: d.seed,
    seedGenerated: d.seedGenerated,
    parameters: parametersOf(d),
    populationSize: d.populationSize,
    sampleSize: d.sampleSize,
    populationHash: d.populationHash,
    officerPoolSize: d.officerPoolSize,
    officerPoolHash: d.officerPoolHash,
    policy: { policyKey: d.policyKey, citation: d.citation, policyVersion: d.policyVersion },
  };
}

export function inspectionView(i: Inspection, names: ReadonlyMap<string, string>): InspectionView {
  const ids: [string, string] = [i.officer1Id, i.officer2Id];
  return {
    id: i.id,
    drawId: i.drawId,
    drawNo: i.drawNo,
    drawOrder: i.drawOrder,
    accountId: i.accountId,
    filingNo: i.filingNo,
    accountName: i.accountName,
    grade: i.grade,
    officerIds: ids,
    officers: ids.map((id) => ({ id, name: names.get(id) ?? null })),
    status: i.status,
    statusLabel: inspectionWorkflow.def.labels[i.status],
    findings: i.findings,
    violationId: i.violationId,
    doneBy: i.doneBy,
    doneAt: i.doneAt,
    actions: inspectionWorkflow.actionsFrom(i.status),
    createdAt: i.createdAt,
  };
}

export function drawView(d: InspectionDraw, candidates: InspectionDrawCandidate[], inspections: Inspection[], names: ReadonlyMap<string, string>): DrawView {
  const views = inspections.map((i) => inspectionView(i, names));
  return {
    ...drawSummaryView(d),
    drawnBy: { id: d.drawnBy, name: names.get(d.drawnBy) ?? d.drawnByName },
    population: candidates.map((c) => ({ position: c.position, accountId: c.accountId, filingNo: c.filingNo, grade: c.grade })),
    officerIds: JSON.parse(d.officerIds) as string[],
    inspections: views,
    done: views.filter((v) => v.status === 'done').length,
  };
}

export function publicDrawView(d: InspectionDraw, candidates: InspectionDrawCandidate[], inspections: Inspection[]): PublicDrawView {
  return {
    id: d.id,
    drawNo: d.drawNo,
    drawnAt: d.createdAt,
    algorithm: d.algorithm,
    seed: d.seed,
    parameters: parametersOf(d),
    populationSize: d.populationSize,
    populationHash: d.populationHash,
    officerPoolSize: d.officerPoolSize,
    sampleSize: d.sampleSize,
    population: candidates.map((c) => ({ filingNo: c.filingNo, grade: c.grade })),
    drawn: inspections.map((i) => ({
      order: i.drawOrder,
      filingNo: i.filingNo,
      accountName: i.accountName,
      status: i.status,
      statusLabel: inspectionWorkflow.def.labels[i.status],
      violationFound: i.violationId !== null,
    })),
  };
}

/** What the audit trail keeps of an inspection (no personal data on it). */
export function inspectionAuditView(i: Inspection) {
  return { drawNo: i.drawNo, accountId: i.accountId, filingNo: i.filingNo, officerIds: [i.officer1Id, i.officer2Id], status: i.status, violationId: i.violationId };
}
