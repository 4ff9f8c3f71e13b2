import { describe, expect, it } from '@jest/globals';
import { beijingIso, exportStream, keysetPages } from './export-stream.js';

async function text(stream: NodeJS.ReadableStream): Promise<string> {
  let out = '';
  for await (const chunk of stream) out += chunk.toString();
  return out;
}

async function* pagesOf(...pages: Record<string, unknown>[][]) {
  for (const p of pages) yield p as never;
}

const fields = [
  { key: 'no', header: '编号', description: '' },
  { key: 'name', header: '名称', description: '' },
];

describe('keysetPages', () => {
  it('asks for the next page after the last key until a page comes back short', async () => {
    const rows = Array.from({ length: 7 }, (_, i) => `k${i}`);
    const calls: (string | null)[] = [];
    const fetch = async (after: string | null, limit: number) => {
      calls.push(after);
      const start = after === null ? 0 : rows.indexOf(after) + 1;
      return rows.slice(start, start + limit);
    };
    const pages: string[][] = [];
    for await (const p of keysetPages(fetch, (r) => r, 3)) pages.push(p);
    expect(pages).toEqual([['k0', 'k1', 'k2'], ['k3', 'k4', 'k5'], ['k6']]);
    expect(calls).toEqual([null, 'k2', 'k5']);
  });

  it('stops after an empty page when the rows fill the last page exactly, and yields no empty page', async () => {
    const rows = ['a', 'b', 'c', 'd'];
    const fetch = async (after: string | null, limit: number) => {
      const start = after === null ? 0 : rows.indexOf(after) + 1;
      return rows.slice(start, start + limit);
    };
    const pages: string[][] = [];
    for await (const p of keysetPages(fetch, (r) => r, 2)) pages.push(p);
    expect(pages).toEqual([['a', 'b'], ['c', 'd']]);
  });
});

describe('exportStream', () => {
  it('writes CSV with a BOM, the headers, CRLF lines, objects as JSON text', async () => {
    const out = await text(exportStream('csv', fields, pagesOf([{ no: 1, name: '=x' }], [{ no: 2, name: { a: 1 } }, { no: null }])));
    expect(out).toBe('\uFEFF"编号","名称"\r\n"1","\'=x"\r\n"2","{""a"":1}"\r\n"",""\r\n');
  });

  it('writes one JSON object with the meta, the items (keys in field order, missing as null) and the count', async () => {
    const out = await text(exportStream('json', fields, pagesOf([{ name: 'a', no: 1, extra: 'dropped' }], [{ no: 2 }]), { dataset: 'x' }));
    expect(JSON.parse(out)).toEqual({ dataset: 'x', items: [{ no: 1, name: 'a' }, { no: 2, name: null }], count: 2 });
    expect(out.indexOf('"no"')).toBeLessThan(out.indexOf('"name"'));
    expect(JSON.parse(await text(exportStream('json', fields, pagesOf())))).toEqual({ items: [], count: 0 });
  });
});

describe('beijingIso', () => {
  it('writes the instant in Beijing time with its offset', () => {
    expect(beijingIso(new Date('2026-11-23T16:30:05Z'))).toBe('2026-11-24T00:30:05+08:00');
  });
});
