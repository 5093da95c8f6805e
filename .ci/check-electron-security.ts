/**
 * Static guard for the Electron shell (`npm run lint` runs it with tsx):
 * scans src-main/shell/**\/*.ts (or the files/folders given as arguments) and
 * exits 1 listing every insecure setting it finds. Comments are ignored.
 *
 * Per file:
 *   - nodeIntegration / nodeIntegrationInWorker / nodeIntegrationInSubFrames /
 *     webviewTag set to anything but `false`
 *   - contextIsolation / sandbox / webSecurity set to anything but `true`
 *   - allowRunningInsecureContent, enableRemoteModule, experimentalFeatures,
 *     enableBlinkFeatures set to anything but `false`
 *   - `new BrowserWindow(` / `new WebContentsView(` without `sandbox: true`
 *     inside the same call
 * Across the scanned files:
 *   - a `setWindowOpenHandler(` call, a `'will-navigate'` handler and a
 *     `setPermissionRequestHandler(` call must exist
 *
 * See https://www.electronjs.org/docs/latest/tutorial/security.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface SourceFile {
  path: string;
  text: string;
}

export interface Finding {
  path: string;
  /** 1-based; 0 for findings about the scanned set as a whole */
  line: number;
  message: string;
}

/** Replaces comments with spaces (keeping newlines and offsets); strings are left intact. */
export function stripComments(source: string): string {
  let out = '';
  let i = 0;
  let quote: string | undefined;
  while (i < source.length) {
    const c = source[i]!;
    const next = source[i + 1];
    if (quote) {
      out += c;
      if (c === '\\' && i + 1 < source.length) {
        out += source[i + 1];
        i += 2;
        continue;
      }
      if (c === quote) quote = undefined;
      i++;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') {
      quote = c;
      out += c;
      i++;
      continue;
    }
    if (c === '/' && next === '/') {
      while (i < source.length && source[i] !== '\n') {
        out += ' ';
        i++;
      }
      continue;
    }
    if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end === -1 ? source.length : end + 2;
      for (; i < stop; i++) out += source[i] === '\n' ? '\n' : ' ';
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

interface ValueRule {
  key: string;
  /** the only literal value allowed */
  required: 'true' | 'false';
}

const VALUE_RULES: readonly ValueRule[] = [
  { key: 'nodeIntegration', required: 'false' },
  { key: 'nodeIntegrationInWorker', required: 'false' },
  { key: 'nodeIntegrationInSubFrames', required: 'false' },
  { key: 'webviewTag', required: 'false' },
  { key: 'contextIsolation', required: 'true' },
  { key: 'sandbox', required: 'true' },
  { key: 'webSecurity', required: 'true' },
  { key: 'allowRunningInsecureContent', required: 'false' },
  { key: 'enableRemoteModule', required: 'false' },
  { key: 'experimentalFeatures', required: 'false' },
  { key: 'enableBlinkFeatures', required: 'false' },
];

const WINDOW_CONSTRUCTORS = ['BrowserWindow', 'WebContentsView', 'BrowserView'];

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') line++;
  return line;
}

/** Offset just past the `)` closing the `(` at `open`, or the text length. */
function closingParen(text: string, open: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  return text.length;
}

/** Findings for one file. */
export function checkSource(file: SourceFile): Finding[] {
  const text = stripComments(file.text);
  const findings: Finding[] = [];
  for (const rule of VALUE_RULES) {
    // `key: value` as an object property (also quoted keys); value up to , } or newline
    const pattern = new RegExp(`(?<![\\w$])['"]?${rule.key}['"]?\\s*:\\s*([^,}\\n]*)`, 'g');
    for (const match of text.matchAll(pattern)) {
      const value = match[1]!.trim();
      if (value !== rule.required) {
        findings.push({
          path: file.path,
          line: lineOf(text, match.index),
          message: `${rule.key} must be ${rule.required} (found ${value === '' ? 'no literal value' : value})`,
        });
      }
    }
  }
  for (const ctor of WINDOW_CONSTRUCTORS) {
    const pattern = new RegExp(`new\\s+${ctor}\\s*\\(`, 'g');
    for (const match of text.matchAll(pattern)) {
      const open = match.index + match[0].length - 1;
      const call = text.slice(open, closingParen(text, open));
      if (!/(?<![\w$])['"]?sandbox['"]?\s*:\s*true\b/.test(call)) {
        findings.push({
          path: file.path,
          line: lineOf(text, match.index),
          message: `new ${ctor}(…) without sandbox: true in its webPreferences`,
        });
      }
    }
  }
  return findings;
}

const REQUIRED_HOOKS: ReadonlyArray<{ pattern: RegExp; message: string }> = [
  { pattern: /\.setWindowOpenHandler\s*\(/, message: 'no setWindowOpenHandler(…): new windows must be denied' },
  { pattern: /['"]will-navigate['"]/, message: "no 'will-navigate' handler: navigation must be denied" },
  {
    pattern: /\.setPermissionRequestHandler\s*\(/,
    message: 'no setPermissionRequestHandler(…): permission requests must be decided explicitly',
  },
];

/** Findings for a set of files (per-file rules plus the required hooks). */
export function checkSources(files: readonly SourceFile[]): Finding[] {
  const findings = files.flatMap(checkSource);
  const all = files.map((f) => stripComments(f.text)).join('\n');
  for (const hook of REQUIRED_HOOKS) {
    if (!hook.pattern.test(all)) findings.push({ path: '(all scanned files)', line: 0, message: hook.message });
  }
  return findings;
}

/** Every *.ts file under the given files/folders (bounded depth), sorted. */
export function collectTsFiles(roots: readonly string[], maxDepth = 12): string[] {
  const found: string[] = [];
  const visit = (entry: string, depth: number): void => {
    const stat = statSync(entry);
    if (stat.isDirectory()) {
      if (depth >= maxDepth) return;
      for (const name of readdirSync(entry)) {
        if (name === 'node_modules') continue;
        visit(path.join(entry, name), depth + 1);
      }
    } else if (entry.endsWith('.ts') && !entry.endsWith('.d.ts')) {
      found.push(entry);
    }
  };
  for (const root of roots) visit(root, 0);
  return found.sort();
}

/** CLI: `tsx .ci/check-electron-security.ts [paths…]`; returns the exit code. */
export function main(argv: readonly string[]): number {
  const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const roots = argv.length > 0 ? argv.map((p) => path.resolve(p)) : [path.join(repo, 'src-main', 'shell')];
  let files: SourceFile[];
  try {
    files = collectTsFiles(roots).map((p) => ({
      path: path.relative(process.cwd(), p),
      text: readFileSync(p, 'utf8'),
    }));
  } catch (error) {
    console.error(`check-electron-security: cannot read ${roots.join(', ')}: ${(error as Error).message}`);
    return 2;
  }
  if (files.length === 0) {
    console.error(`check-electron-security: no .ts files under ${roots.join(', ')}`);
    return 1;
  }
  const findings = checkSources(files);
  if (findings.length > 0) {
    console.error(`check-electron-security: ${findings.length} insecure Electron setting(s):`);
    for (const f of findings) console.error(`  ${f.path}${f.line > 0 ? `:${f.line}` : ''}  ${f.message}`);
    return 1;
  }
  console.log(`check-electron-security: ${files.length} file(s) OK`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exit(main(process.argv.slice(2)));
}
