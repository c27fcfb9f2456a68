// What a setting is (its flag, environment variable, default and description) and how its raw text
// becomes a typed value: a value out of range is a typed invalid_argument naming the flag and variable.
import { MprError } from './errors.ts';

export type Parser<T> = (raw: string, name: string) => T;

export interface Setting<T> {
  env: string;
  flag: string;
  defaultValue: T;
  parse: Parser<T>;
  description: string;
}

export const port: Parser<number> = (raw, name) => {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new MprError('invalid_argument', `${name} must be a port number 0-65535, got "${raw}"`);
  }
  return value;
};
export const positiveInt: Parser<number> = (raw, name) => {
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0)
    throw new MprError('invalid_argument', `${name} must be a positive integer, got "${raw}"`);
  return value;
};
export const nonNegativeInt: Parser<number> = (raw, name) => {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new MprError('invalid_argument', `${name} must be an integer >= 0, got "${raw}"`);
  return value;
};
export const ratio: Parser<number> = (raw, name) => {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0)
    throw new MprError('invalid_argument', `${name} must be a number >= 0, got "${raw}"`);
  return value;
};
export const text: Parser<string> = (raw) => raw;
export const oneOf =
  <T extends string>(...values: T[]): Parser<T> =>
  (raw, name) => {
    if (!(values as string[]).includes(raw))
      throw new MprError('invalid_argument', `${name} must be one of ${values.join(', ')}, got "${raw}"`);
    return raw as T;
  };
export const bool: Parser<boolean> = (raw, name) => {
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off', ''].includes(raw.toLowerCase())) return false;
  throw new MprError('invalid_argument', `${name} must be true or false, got "${raw}"`);
};

export function setting<T>(
  env: string,
  flag: string,
  defaultValue: T,
  parse: Parser<T>,
  description: string,
): Setting<T> {
  return { env, flag, defaultValue, parse, description };
}
