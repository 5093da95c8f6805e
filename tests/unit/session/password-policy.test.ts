import { describe, expect, it } from 'vitest';
import {
  brokenPasswordRules,
  isPasswordRule,
  PASSWORD_RULES,
  reusesCurrentPassword,
} from '../../../src-preload/contract/session';

describe('password policy (shared by the server, the engine and the checklist)', () => {
  it('reports each broken rule by its key', () => {
    expect(brokenPasswordRules('')).toEqual(['length', 'upper', 'lower', 'digit', 'special']);
    expect(brokenPasswordRules('abcdefgh')).toEqual(['upper', 'digit', 'special']);
    expect(brokenPasswordRules('ABCDEFGH1!')).toEqual(['lower']);
    expect(brokenPasswordRules('Abc1!')).toEqual(['length']);
    expect(brokenPasswordRules('Abcdefgh1!Abcdefgh')).toEqual(['length']);
    expect(brokenPasswordRules('Welcome102!')).toEqual([]);
  });

  it('counts characters, not UTF-16 units, and accepts non-ASCII letters', () => {
    expect(brokenPasswordRules('Éléphant9€')).toEqual([]);
    // 16 emoji = 16 characters (32 UTF-16 units): length ok, the rest broken
    expect(brokenPasswordRules('😀'.repeat(16))).not.toContain('length');
  });

  it('treats whitespace as neither a letter nor a special character', () => {
    expect(brokenPasswordRules('Aa1 Aa1 ')).toEqual(['special']);
    expect(brokenPasswordRules('ÄÖÜäöü12#')).toEqual([]);
    expect(brokenPasswordRules('12345678')).toEqual(['upper', 'lower', 'special']);
  });

  it('recognises rule keys from IpcError.details', () => {
    expect(PASSWORD_RULES.every(isPasswordRule)).toBe(true);
    expect(isPasswordRule('history')).toBe(false);
  });

  it('a new password equal to the current one is a reuse; an empty one is not (the checklist starts unticked)', () => {
    expect(reusesCurrentPassword('Welcome102!', 'Welcome102!')).toBe(true);
    expect(reusesCurrentPassword('Welcome102!', 'Welcome102?')).toBe(false);
    expect(reusesCurrentPassword('Welcome102!', 'welcome102!')).toBe(false);
    expect(reusesCurrentPassword('', '')).toBe(false);
  });
});
