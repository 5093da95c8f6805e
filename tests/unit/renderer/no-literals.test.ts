/**
 * No user-visible literal in components: JSX text containing letters and
 * string literals in aria-label/title/placeholder/alt attributes are
 * rejected; such strings belong in src-renderer/src/i18n/*.json.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const srcDir = join(import.meta.dirname, '../../../src-renderer/src');
const TEXT_ATTRIBUTES = new Set(['aria-label', 'title', 'placeholder', 'alt', 'aria-description', 'aria-placeholder']);
const LETTER = /\p{L}/u;

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsxFiles(join(dir, e.name)) : e.name.endsWith('.tsx') ? [join(dir, e.name)] : [],
  );
}

/** Returns "line: text" for every user-visible literal in a TSX source. */
export function findLiterals(source: string, fileName = 'file.tsx'): string[] {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const report = (node: ts.Node, text: string) => {
    const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    found.push(`${line + 1}: ${text.trim()}`);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node) && LETTER.test(node.text)) report(node, node.text);
    if (ts.isJsxAttribute(node) && TEXT_ATTRIBUTES.has(node.name.getText(sf)) && node.initializer) {
      const init = node.initializer;
      if (ts.isStringLiteral(init) && LETTER.test(init.text)) report(node, init.text);
      if (ts.isJsxExpression(init) && init.expression) {
        const expr = init.expression;
        if ((ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) && LETTER.test(expr.text))
          report(node, expr.text);
      }
    }
    // string literals rendered as children: <p>{'Hello'}</p>
    if (ts.isJsxExpression(node) && node.expression && ts.isJsxElement(node.parent)) {
      const expr = node.expression;
      if ((ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) && LETTER.test(expr.text))
        report(node, expr.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

describe('no user-visible literals in components', () => {
  it('detects literals (self-check)', () => {
    const sample = `
      export const A = () => (
        <div title="Close" aria-label={'Open'} placeholder={\`Type\`}>
          Hello {t('ok')} <b>{'World'}</b>
          <i title={t('x')} data-testid="not-user-visible">{42} — :</i>
        </div>
      );`;
    expect(findLiterals(sample).map((f) => f.split(': ')[1])).toEqual(['Close', 'Open', 'Type', 'Hello', 'World']);
  });

  it('finds the component files', () => {
    expect(tsxFiles(srcDir).length).toBeGreaterThan(5);
  });

  it('src-renderer/src/**/*.tsx has none', () => {
    const offenders = tsxFiles(srcDir).flatMap((file) =>
      findLiterals(readFileSync(file, 'utf8'), file).map((f) => `${relative(srcDir, file)}:${f}`),
    );
    expect(offenders).toEqual([]);
  });
});
