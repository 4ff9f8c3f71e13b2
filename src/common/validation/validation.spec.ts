import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, ValidateNested } from 'class-validator';
import { AppException } from '../errors/app.exception.js';
import { createValidationPipe } from './validation.js';
import { IsDecimal, IsStrongPassword, SatisfiesCheck } from './validators.js';

class Address {
  @IsString() @IsNotEmpty() city: string;
}

class Form {
  @IsString() @IsNotEmpty() @MaxLength(5) name: string;
  @IsOptional() @Type(() => Number) @IsInt() @Max(100) age?: number;
  @IsOptional() @IsIn(['a', 'b']) kind?: string;
  @IsOptional() @IsStrongPassword() password?: string;
  @IsOptional() @SatisfiesCheck('evenLength', (v) => v.length % 2 === 0, '长度须为偶数') code?: string;
  @IsOptional() @ValidateNested() @Type(() => Address) address?: Address;
  @IsOptional() @IsDecimal(4) share?: number;
}

async function run(body: unknown) {
  const pipe = createValidationPipe();
  try {
    return { value: await pipe.transform(body, { type: 'body', metatype: Form }) };
  } catch (e) {
    expect(e).toBeInstanceOf(AppException);
    return { error: (e as AppException).getResponse() as { statusCode: number; code: string; details: { field: string; code: string; message: string }[] } };
  }
}

describe('the global validation pipe', () => {
  it('passes a good body and converts declared types', async () => {
    const { value } = await run({ name: '张三', age: '42' });
    expect(value).toBeInstanceOf(Form);
    expect(value).toMatchObject({ name: '张三', age: 42 });
  });

  it('counts decimal places without tripping on exponent forms (6e-323 was a 500 from IsNumber)', async () => {
    for (const share of [0.5, 0.55, 0.1234, 1, 1e21]) expect((await run({ name: 'x', share })).value).toMatchObject({ share });
    for (const share of [6e-323, 1e-7, 0.12345, Number.MIN_VALUE, '0.5']) {
      const { error } = await run({ name: 'x', share });
      expect(error?.statusCode).toBe(400);
      expect(error?.details).toEqual([expect.objectContaining({ field: 'share', code: 'isNumber' })]);
    }
  });

  it('refuses unknown fields with code unknown_field', async () => {
    const { error } = await run({ name: 'x', role: 'sysadmin' });
    expect(error).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(error!.details).toEqual([{ field: 'role', code: 'unknown_field', message: '不允许的字段' }]);
  });

  it('reports a missing field as required (isNotEmpty first), in Chinese', async () => {
    const { error } = await run({});
    expect(error!.details).toEqual([{ field: 'name', code: 'isNotEmpty', message: '必填' }]);
  });

  it('reports one entry per field at fault', async () => {
    const { error } = await run({ name: 'toolongname', age: '1000', kind: 'c' });
    expect(error!.details.map((d) => [d.field, d.code])).toEqual([
      ['name', 'maxLength'],
      ['age', 'max'],
      ['kind', 'isIn'],
    ]);
    for (const d of error!.details) expect(d.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('names nested fields with a dotted path', async () => {
    const { error } = await run({ name: 'x', address: { city: '' } });
    expect(error!.details).toEqual([{ field: 'address.city', code: 'isNotEmpty', message: '必填' }]);
  });

  it('says what a weak password lacks, and uses a check rule’s own message', async () => {
    const { error } = await run({ name: 'x', password: 'short', code: 'abc' });
    expect(error!.details).toEqual([
      { field: 'password', code: 'strongPassword', message: '密码至少10位' },
      { field: 'code', code: 'evenLength', message: '长度须为偶数' },
    ]);
  });

  it('does not convert types implicitly: a number where text is expected is refused', async () => {
    const { error } = await run({ name: 12345 });
    expect(error!.details).toEqual([expect.objectContaining({ field: 'name', code: 'isString' })]);
  });
});
