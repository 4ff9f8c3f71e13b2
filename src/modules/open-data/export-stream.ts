import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { CSV_BOM, CSV_CONTENT_TYPE, type CsvValue, csvLine } from '../../common/csv.js';
import type { DatasetField } from './datasets.js';

/** Rows are read and written in chunks of this many: memory stays flat however large the dataset. */
export const EXPORT_CHUNK = 1000;

export const EXPORT_FORMATS = ['csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** A row of an export: plain values, or an object (written as JSON text in a CSV cell). */
export type ExportRow = Record<string, CsvValue | object>;

/**
 * Keyset pagination: pages of `size` rows ordered by a unique key, each query starting after the
 * last key of the page before (no OFFSET, so page 1,000 costs what page 1 does).
 */
export async function* keysetPages<T>(
  fetchPage: (after: string | null, limit: number) => Promise<T[]>,
  keyOf: (row: T) => string,
  size = EXPORT_CHUNK,
): AsyncGenerator<T[]> {
  let after: string | null = null;
  for (;;) {
    const page = await fetchPage(after, size);
    if (page.length > 0) yield page;
    if (page.length < size) return;
    after = keyOf(page[page.length - 1]);
  }
}

function cellOf(v: CsvValue | object): CsvValue {
  return v !== null && typeof v === 'object' ? JSON.stringify(v) : v;
}

async function* csvChunks(fields: readonly DatasetField[], pages: AsyncIterable<ExportRow[]>): AsyncGenerator<string> {
  yield CSV_BOM + csvLine(fields.map((x) => x.header));
  for await (const page of pages) yield page.map((r) => csvLine(fields.map((x) => cellOf(r[x.key])))).join('');
}

/** `{...meta, "items": [...], "count": N}`, written as the rows come. */
async function* jsonChunks(fields: readonly DatasetField[], pages: AsyncIterable<ExportRow[]>, meta: Record<string, unknown>): AsyncGenerator<string> {
  const head = JSON.stringify(meta);
  yield `${head.slice(0, -1)}${head.length > 2 ? ',' : ''}"items":[`;
  let count = 0;
  for await (const page of pages) {
    const parts = page.map((r) => JSON.stringify(Object.fromEntries(fields.map((x) => [x.key, r[x.key] ?? null]))));
    yield (count > 0 ? ',' : '') + parts.join(',');
    count += page.length;
  }
  yield `],"count":${count}}`;
}

export function exportStream(format: ExportFormat, fields: readonly DatasetField[], pages: AsyncIterable<ExportRow[]>, meta: Record<string, unknown> = {}): Readable {
  return Readable.from(format === 'csv' ? csvChunks(fields, pages) : jsonChunks(fields, pages, meta), { objectMode: false });
}

/**
 * Sends an export as a stream: CSV as an attachment (UTF-8 with BOM), JSON inline; `cache` says
 * whether shared caches may keep it (public open data) or not (anything behind a login).
 */
export function sendExport(
  reply: FastifyReply,
  opts: { format: ExportFormat; filename: string; fields: readonly DatasetField[]; pages: AsyncIterable<ExportRow[]>; meta?: Record<string, unknown>; cache: 'public' | 'no-store' },
): FastifyReply {
  const file = `${opts.filename}.${opts.format}`;
  reply.header('Cache-Control', opts.cache === 'public' ? 'public, max-age=300' : 'no-store');
  if (opts.format === 'csv') {
    reply.type(CSV_CONTENT_TYPE);
    reply.header('Content-Disposition', `attachment; filename="${file}"`);
  } else {
    reply.type('application/json; charset=utf-8');
    reply.header('Content-Disposition', `inline; filename="${file}"`);
  }
  return reply.send(exportStream(opts.format, opts.fields, opts.pages, opts.meta ?? {}));
}

/** An instant as ISO 8601 in Beijing time: 2026-11-23T14:05:00+08:00. */
export function beijingIso(d: Date): string {
  const shifted = new Date(d.getTime() + 8 * 3600_000);
  return `${shifted.toISOString().slice(0, 19)}+08:00`;
}
