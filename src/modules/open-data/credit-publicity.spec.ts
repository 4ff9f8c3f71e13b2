import { describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { FieldCipher } from '../../common/crypto/field-cipher.js';
import { articleOf, CreditPublicity } from './credit-publicity.js';

describe('credit publicity', () => {
  it('writes citations of the Yuhang measures as their part and item', () => {
    expect(articleOf('§03.3')).toBe('第三部分第3条');
    expect(articleOf('§03.5; 国办发〔2020〕49号')).toBe('第三部分第5条');
    expect(articleOf('§04.12')).toBe('第四部分第12条');
    expect(articleOf('design')).toBe('design');
  });

  it('names organisations in full with their credit code, individuals by surname with the ID number masked', () => {
    const cipher = new FieldCipher(Buffer.alloc(32, 3));
    const credit = new CreditPublicity(null as unknown as DataSource, cipher);
    expect(credit.party({ kind: 'organization', name: '杭州余杭某传媒有限公司', creditCode: '91330110MA2XXXXX0X', idNumberEnc: null })).toEqual({
      partyName: '杭州余杭某传媒有限公司',
      partyType: '法人及非法人组织',
      creditCode: '91330110MA2XXXXX0X',
      idType: null,
      idNumber: null,
    });
    const id = '330110199001011234';
    expect(credit.party({ kind: 'individual', name: '欧阳小明', creditCode: null, idNumberEnc: cipher.encrypt(id) })).toEqual({
      partyName: '欧***',
      partyType: '自然人',
      creditCode: null,
      idType: '身份证',
      idNumber: '330110********1234',
    });
    expect(credit.party(undefined)).toMatchObject({ partyName: '', idNumber: null });
  });
});
