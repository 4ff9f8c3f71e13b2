import { describe, expect, it } from '@jest/globals';
import { navFor } from '../../common/views/nav.js';
import { pageLinks } from '../../common/views/view-helpers.js';
import { listQuery } from './page-query.js';
import { safeNext } from './page-context.js';

describe('safeNext', () => {
  it('follows paths on this site', () => {
    expect(safeNext('/operator')).toBe('/operator');
    expect(safeNext('/officer/accounts?status=pending')).toBe('/officer/accounts?status=pending');
  });
  it('never another origin, a script, the sign-in pages or junk', () => {
    for (const bad of ['//evil.example', '/\\evil.example', 'https://evil.example', 'javascript:alert(1)', '/login', '/logout?x=1', '/signup', 'operator', '', '/a\nb', ['/x'], 42, undefined]) {
      expect(safeNext(bad)).toBe('/desk');
    }
    expect(safeNext('//x', '')).toBe('');
  });
});

describe('navFor', () => {
  it('public items for everyone, the desk for a signed-in person, the current page marked', () => {
    expect(navFor(null, '/registry').map((i) => [i.text, i.current])).toEqual([
      ['首页', false],
      ['账号查询', true],
      ['黑名单公示', false],
      ['信用评价结果', false],
      ['开放数据', false],
      ['如何举报', false],
    ]);
    expect(navFor(null, '/blacklist').find((i) => i.current)?.text).toBe('黑名单公示');
    const officer = navFor({ role: 'officer' }, '/officer/accounts/1');
    expect(officer.map((i) => i.text)).toEqual(['首页', '账号查询', '黑名单公示', '信用评价结果', '开放数据', '如何举报', '我的工作台']);
    expect(officer[6]).toEqual({ href: '/desk', text: '我的工作台', current: true });
  });
});

describe('list pages', () => {
  it('reads paging and filters leniently', () => {
    expect(listQuery({ page: '3', q: '  余杭  ', platform: 'wechat' }, { platform: ['wechat'] })).toEqual({ page: 3, pageSize: 20, q: '余杭', platform: 'wechat' });
    expect(listQuery({ page: '-1', q: ['a'], platform: 'myspace' }, { platform: ['wechat'] })).toEqual({ page: 1, pageSize: 20 });
    expect(listQuery({ page: '1e9' }).page).toBe(1);
  });

  it('builds page links that keep the query', () => {
    const p = pageLinks(2, 20, 95, { q: '余杭', platform: undefined });
    expect(p.pages).toBe(5);
    expect(p.prev).toBe('?q=%E4%BD%99%E6%9D%AD');
    expect(p.next).toBe('?q=%E4%BD%99%E6%9D%AD&page=3');
    expect(p.numbers.map((n) => n.number)).toEqual([1, 2, 3, 4]);
    expect(pageLinks(1, 20, 5).show).toBe(false);
  });
});
