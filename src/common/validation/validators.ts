import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { passwordProblems } from '../crypto/password.js';

/** api.md's password policy as a class-validator rule; the message says what is missing. */
export function IsStrongPassword(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'strongPassword',
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && passwordProblems(value) === null,
        defaultMessage: (args?: ValidationArguments) =>
          passwordProblems(typeof args?.value === 'string' ? args.value : '') ?? '密码不符合要求',
      },
    });
}

/** A check-character rule as a class-validator decorator. */
export function SatisfiesCheck(name: string, check: (value: string) => boolean, message: string, options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name,
      target: object.constructor,
      propertyName,
      options: { message, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && check(value) },
    });
}

/**
 * A finite number with at most `places` decimal places. class-validator's `IsNumber({ maxDecimalPlaces })`
 * reads the places off `toString()` and throws on exponent forms such as 6e-323 (a 500); this rounds
 * instead: a number that survives rounding to `places` has no more places than that.
 */
export function IsDecimal(places: number, options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      // Reported as isNumber, the code this rule had under IsNumber (clients read it; validation.ts ranks it first).
      name: 'isNumber',
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'number' && Number.isFinite(value) && Number(value.toFixed(places)) === value,
        defaultMessage: () => `应为数字，最多${places}位小数`,
      },
    });
}
