import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { AppException } from '../errors/app.exception.js';
import type { ErrorDetail } from '../errors/error-code.js';

/** Chinese messages for the class-validator constraints we use, when a DTO gives none of its own. */
const MESSAGES: Record<string, string> = {
  whitelistValidation: '不允许的字段',
  isDefined: '必填',
  isNotEmpty: '必填',
  isString: '应为文本',
  isInt: '应为整数',
  isNumber: '应为数字',
  isBoolean: '应为是或否（true/false）',
  isIn: '不是允许的取值',
  isEnum: '不是允许的取值',
  isArray: '应为列表',
  isObject: '应为对象',
  isDateString: '应为日期（如 2026-11-23）',
  isISO8601: '应为日期（如 2026-11-23）',
  isUrl: '应为以 http:// 或 https:// 开头的网址',
  isUUID: '编号格式不正确',
  maxLength: '内容过长',
  minLength: '内容过短',
  min: '数值过小',
  max: '数值过大',
  arrayMaxSize: '条目过多',
  arrayMinSize: '条目过少',
  matches: '格式不正确',
  nestedValidation: '格式不正确',
  isNumberString: '应为数字',
};

const FIRST = ['whitelistValidation', 'isDefined', 'isNotEmpty', 'isString', 'isArray', 'isObject', 'isInt', 'isNumber', 'isBoolean'];

function flatten(errors: ValidationError[], prefix = ''): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const constraints = e.constraints ?? {};
    const names = Object.keys(constraints);
    if (names.length > 0) {
      // Report the most basic failure first: unknown, then missing, then the wrong type, then the rest
      // ("required" rather than "too short"; "should be a list" rather than "too many items").
      const rank = (n: string) => {
        const i = FIRST.indexOf(n);
        return i === -1 ? FIRST.length : i;
      };
      names.sort((a, b) => rank(a) - rank(b));
      const name = names[0];
      const given = constraints[name];
      const message = given && /[\u4e00-\u9fff]/.test(given) ? given : MESSAGES[name] ?? given ?? '格式不正确';
      out.push({ field, code: name === 'whitelistValidation' ? 'unknown_field' : name, message });
    }
    if (e.children?.length) out.push(...flatten(e.children, field));
  }
  return out;
}

export function validationDetails(errors: ValidationError[]): ErrorDetail[] {
  return flatten(errors);
}

/** The one global pipe (style.md): unknown fields are refused, types are converted. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => AppException.validation(validationDetails(errors)),
  });
}
