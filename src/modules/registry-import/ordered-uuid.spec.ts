import { describe, expect, it } from '@jest/globals';
import { orderedUuid } from './ordered-uuid.js';

describe('orderedUuid', () => {
  it('makes version 7 UUIDs that sort in the order they were made, also many in one millisecond', () => {
    const ids = Array.from({ length: 10_000 }, () => orderedUuid(1_790_000_000_000));
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    const later = orderedUuid(Date.now());
    expect(later > ids[ids.length - 1]).toBe(true);
  });
});
