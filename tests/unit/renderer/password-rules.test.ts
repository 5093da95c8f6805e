import { describe, expect, it } from 'vitest';
import { brokenPasswordRules as serverRules } from '../../../server/api/password-policy';
import { brokenPasswordRules, isPasswordRule, PASSWORD_RULES } from '../../../src-renderer/src/lib/password-rules';

describe('password rules checklist (mirror of the server policy)', () => {
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

  it('agrees with the server on a spread of samples', () => {
    const samples = [
      '',
      'a',
      'Password1',
      'Password1!',
      'pass word1!A',
      '12345678',
      'ÄÖÜäöü12#',
      'x'.repeat(17),
      'Aa1!Aa1!',
      'Aa1 Aa1 ',
    ];
    for (const sample of samples) expect(brokenPasswordRules(sample), sample).toEqual(serverRules(sample));
  });

  it('recognises rule keys from IpcError.details', () => {
    expect(PASSWORD_RULES.every(isPasswordRule)).toBe(true);
    expect(isPasswordRule('history')).toBe(false);
  });
});
