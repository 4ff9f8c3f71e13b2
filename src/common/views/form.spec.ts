import { describe, expect, it } from '@jest/globals';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Min } from 'class-validator';
import { AppException } from '../errors/app.exception.js';
import { fieldId, formErrorsFrom, formToPlain, readForm } from './form.js';

class SampleDto {
  @IsString()
  @Matches(/^[a-z]{3,}$/, { message: '用户名为3位以上小写字母' })
  username: string;

  @IsIn(['a', 'b'], { message: '取值不在范围内' })
  kind: string;

  @IsOptional()
  @IsInt({ message: '应为整数' })
  @Min(0)
  count?: number;

  @IsBoolean()
  agree: boolean;

  @IsString()
  @IsNotEmpty({ message: '退回须说明理由' })
  reason: string;
}

const SPEC = { numbers: ['count'], booleans: ['agree'], labels: { username: '用户名', kind: '类型', reason: '理由' }, choices: ['kind'], pageOnly: ['confirm'] };

describe('page forms', () => {
  it('turns browser strings into the DTO shapes: numbers, checkboxes, empty text as not given', () => {
    expect(formToPlain({ _csrf: 'x', username: ' abc ', count: '12', agree: 'on', reason: '', confirm: 'y' }, SPEC)).toEqual({
      username: 'abc',
      count: 12,
      agree: true,
    });
    expect(formToPlain({ count: '12k' }, SPEC)).toEqual({ count: '12k', agree: false });
    expect(formToPlain('not an object', SPEC)).toEqual({ agree: false });
  });

  it('accepts a valid form', async () => {
    const r = await readForm(SampleDto, { _csrf: 't', username: 'abc', kind: 'a', count: '3', agree: 'true', reason: '因为' }, SPEC);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.dto).toMatchObject({ username: 'abc', kind: 'a', count: 3, agree: true });
  });

  it('says "请填写/请选择 <label>" for empty required fields, keeps messages that already say what to do', async () => {
    const r = await readForm(SampleDto, { username: '', kind: '', reason: '' }, SPEC);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byField = Object.fromEntries(r.state.errors.map((e) => [e.field, e.message]));
    expect(byField).toEqual({ username: '请填写用户名', kind: '请选择类型', reason: '退回须说明理由' });
    expect(r.state.values).toEqual({ username: '', kind: '', reason: '' });
  });

  it('keeps the DTO\'s message for a wrong value, and refuses unknown fields like the API', async () => {
    const r = await readForm(SampleDto, { username: 'AB', kind: 'z', count: 'x', reason: 'r', role: 'admin' }, SPEC);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byField = Object.fromEntries(r.state.errors.map((e) => [e.field, e.message]));
    expect(byField).toMatchObject({ username: '用户名为3位以上小写字母', kind: '取值不在范围内', count: '应为整数', role: '不允许的字段' });
  });

  it('maps service refusals to fields, or to the top of the form; other errors are not the form\'s', () => {
    expect(formErrorsFrom(AppException.duplicate('用户名已被使用', 'username'))).toEqual([{ field: 'username', code: 'duplicate', message: '用户名已被使用' }]);
    expect(formErrorsFrom(AppException.conflict('正在审核中'))).toEqual([{ field: '', code: 'CONFLICT', message: '正在审核中' }]);
    expect(() => formErrorsFrom(AppException.notFound())).toThrow(AppException);
    expect(() => formErrorsFrom(AppException.forbidden())).toThrow(AppException);
    expect(() => formErrorsFrom(new Error('boom'))).toThrow('boom');
  });

  it('makes HTML ids of field paths', () => {
    expect(fieldId('qualification.type')).toBe('qualification-type');
    expect(fieldId('staff-idNumber')).toBe('staff-idNumber');
  });
});
