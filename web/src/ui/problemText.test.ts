import { describe, expect, it } from 'vitest';
import { fieldOf } from './problemText';

describe('fieldOf', () => {
  it.each([
    [{ pointer: '/username', code: 'maxLength' }, 'username'],
    [{ pointer: '/admin/username', code: 'required' }, 'admin.username'],
    [{ pointer: '', code: 'required', params: { missingProperty: 'username' } }, 'username'],
    [
      { pointer: '/admin', code: 'required', params: { missingProperty: 'displayName' } },
      'admin.displayName',
    ],
    [{ pointer: '/username', code: 'required', params: { missingProperty: 'username' } }, 'username'],
    [{ pointer: '/roles/1', code: 'enum' }, 'roles'],
    [{ pointer: '/a~1b', code: 'type' }, 'a/b'],
    [{ pointer: '', code: 'additionalProperties', params: { additionalProperty: 'x' } }, ''],
  ])('%o → %s', (error, field) => {
    expect(fieldOf({ message: '', ...error })).toBe(field);
  });
});
