/**
 * Static guard for the Electron shell (`npm run lint` runs it with tsx): reads
 * src-main/shell and src-preload (or the files/folders given as arguments)
 * with the TypeScript compiler API and exits 1 listing every insecure setting.
 * It fails closed: what it cannot resolve statically is a finding too.
 *
 * What it resolves: object literals through spreads (a later key wins over an
 * earlier spread; a spread it cannot see into hides every key before it),
 * `const` aliases (`const wp = {…}; new BrowserWindow({ webPreferences: wp })`),
 * assignments to an alias (`wp.sandbox = false`, `wp['sandbox'] = …`,
 * `Object.assign(wp, …)`), computed keys (`['sandbox']: false`, a `const` key)
 * and `const` values (`const off = false`).
 *
 * Rules (see https://www.electronjs.org/docs/latest/tutorial/security):
 *   - every `new BrowserWindow / WebContentsView / BrowserView(…)` (also through
 *     an alias or `super(…)` of a subclass) has options that resolve, with
 *     webPreferences that resolve, with `sandbox: true`
 *   - anywhere (any object literal, any assignment): nodeIntegration,
 *     nodeIntegrationInWorker, nodeIntegrationInSubFrames, webviewTag,
 *     allowRunningInsecureContent, experimentalFeatures must be `false`,
 *     enableBlinkFeatures `''`; contextIsolation, sandbox, webSecurity `true` —
 *     a value that does not resolve is a finding; in a window's
 *     webPreferences, a key a spread could set is a finding too
 *   - a window constructor used as a value (passed, stored) is a finding
 *   - `appendSwitch` / `appendArgument` of a switch that turns a protection off
 *     (no-sandbox, disable-web-security, …) or of a switch that does not resolve
 *   - a permission request handler that calls its callback with `true` outside
 *     any condition, a permission check / device permission handler that returns
 *     `true` outside any condition, or a handler that is not a function here
 *   - `contextBridge.exposeInMainWorld` of `ipcRenderer`, of one of its methods
 *     (`ipcRenderer.send`, `.bind(…)`), or of an object holding them; an
 *     exposed value that does not resolve (a wrapper call is fine)
 * Across the scanned files: a `setWindowOpenHandler(…)` call, a
 * `'will-navigate'` handler and a `setPermissionRequestHandler(…)` call exist.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

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

/**
 * webPreferences keys and the only value each may have when present
 * (`enableRemoteModule` is gone since Electron 14; `enableBlinkFeatures` is a
 * list of features to turn on, so only the empty list).
 */
const VALUE_RULES: ReadonlyMap<string, boolean | string> = new Map<string, boolean | string>([
  ['nodeIntegration', false],
  ['nodeIntegrationInWorker', false],
  ['nodeIntegrationInSubFrames', false],
  ['webviewTag', false],
  ['contextIsolation', true],
  ['sandbox', true],
  ['webSecurity', true],
  ['allowRunningInsecureContent', false],
  ['experimentalFeatures', false],
  ['enableBlinkFeatures', ''],
]);

const WINDOW_CONSTRUCTORS = new Set(['BrowserWindow', 'WebContentsView', 'BrowserView']);

/** Chromium/Electron switches that turn a protection off. */
const DANGEROUS_SWITCHES = new Set([
  'no-sandbox',
  'disable-web-security',
  'disable-site-isolation-trials',
  'ignore-certificate-errors',
  'allow-insecure-localhost',
  'disable-features',
  'remote-debugging-port',
  'remote-allow-origins',
  'inspect',
  'inspect-brk',
  'js-flags',
  'allow-file-access-from-files',
  'disable-renderer-backgrounding',
  'no-zygote',
]);

const PERMISSION_CALLBACK_HANDLERS = new Set(['setPermissionRequestHandler']);
const PERMISSION_RETURN_HANDLERS = new Set(['setPermissionCheckHandler', 'setDevicePermissionHandler']);

const MAX_DEPTH = 24;

/** A value as far as the checker can tell. */
type Value =
  | { kind: 'literal'; value: string | number | boolean | null | undefined }
  | { kind: 'object'; entries: Entry[] }
  | { kind: 'ref'; module: string; name: string }
  | { kind: 'function'; node: ts.FunctionLikeDeclaration }
  | { kind: 'unknown'; why: string };

/** An object's contents in source order; the last entry that can hold a key decides it. */
type Entry = { kind: 'prop'; key: string; value: () => Value; node: ts.Node } | { kind: 'opaque'; why: string };

const unknown = (why: string): Value => ({ kind: 'unknown', why });

/** What a key of an object resolves to. */
type Lookup = { kind: 'absent' } | { kind: 'found'; value: Value; node: ts.Node } | { kind: 'opaque'; why: string };

function lookup(object: Value & { kind: 'object' }, key: string): Lookup {
  for (let i = object.entries.length - 1; i >= 0; i--) {
    const entry = object.entries[i]!;
    if (entry.kind === 'opaque') return { kind: 'opaque', why: entry.why };
    if (entry.key === key) return { kind: 'found', value: entry.value(), node: entry.node };
  }
  return { kind: 'absent' };
}

function describe(value: Value): string {
  switch (value.kind) {
    case 'literal':
      return JSON.stringify(value.value) ?? 'undefined';
    case 'object':
      return 'an object';
    case 'ref':
      return `${value.module}.${value.name}`;
    case 'function':
      return 'a function';
    case 'unknown':
      return `a value it cannot resolve (${value.why})`;
  }
}

class Checker {
  readonly findings: Finding[] = [];
  private readonly program: ts.Program;
  private readonly checker: ts.TypeChecker;
  private readonly files: ts.SourceFile[];
  /** every identifier of the scanned files, by the symbol it names (for assignments to aliases) */
  private readonly references = new Map<ts.Symbol, ts.Identifier[]>();
  private readonly hooks = { windowOpen: false, willNavigate: false, permissionRequest: false };

  constructor(sources: readonly SourceFile[]) {
    const byName = new Map(sources.map((s) => [path.resolve(s.path), s]));
    const options: ts.CompilerOptions = {
      noResolve: true,
      noLib: true,
      allowJs: false,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      types: [],
    };
    const host = ts.createCompilerHost(options, true);
    const readOriginal = host.readFile.bind(host);
    host.readFile = (name) => byName.get(path.resolve(name))?.text ?? readOriginal(name);
    host.fileExists = (name) => byName.has(path.resolve(name));
    host.getSourceFile = (name, version) => {
      const source = byName.get(path.resolve(name));
      return source ? ts.createSourceFile(name, source.text, version, true, ts.ScriptKind.TS) : undefined;
    };
    this.program = ts.createProgram([...byName.keys()], options, host);
    this.checker = this.program.getTypeChecker();
    this.files = [...byName.keys()].map((name) => this.program.getSourceFile(name)!);
    for (const file of this.files) {
      const visit = (node: ts.Node): void => {
        if (ts.isIdentifier(node)) {
          const symbol = this.symbolOf(node);
          if (symbol) {
            const list = this.references.get(symbol) ?? [];
            list.push(node);
            this.references.set(symbol, list);
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(file);
    }
  }

  run(): Finding[] {
    for (const file of this.files) {
      const syntax = this.program.getSyntacticDiagnostics(file);
      if (syntax.length > 0) {
        this.report(file, `cannot parse: ${ts.flattenDiagnosticMessageText(syntax[0]!.messageText, ' ')}`);
        continue;
      }
      const visit = (node: ts.Node): void => {
        this.checkNode(node);
        ts.forEachChild(node, visit);
      };
      visit(file);
    }
    if (!this.hooks.windowOpen) this.global('no setWindowOpenHandler(…): new windows must be denied');
    if (!this.hooks.willNavigate) this.global("no 'will-navigate' handler: navigation must be denied");
    if (!this.hooks.permissionRequest) {
      this.global('no setPermissionRequestHandler(…): permission requests must be decided explicitly');
    }
    return this.findings;
  }

  // ---- rules

  private checkNode(node: ts.Node): void {
    if (ts.isNewExpression(node) && this.isWindowConstructor(node.expression)) {
      this.checkWindowOptions(node, node.arguments?.[0], this.windowName(node.expression));
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.SuperKeyword) {
      const cls = ts.findAncestor(node, ts.isClassLike);
      const base = cls?.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
      if (base && this.isWindowConstructor(base.expression)) {
        this.checkWindowOptions(node, node.arguments[0], this.windowName(base.expression));
      }
    } else if (ts.isIdentifier(node) || ts.isPropertyAccessExpression(node)) {
      this.checkWindowConstructorEscape(node);
    }
    if (ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) this.checkProperty(node);
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken)
      this.checkAssignment(node);
    if (ts.isCallExpression(node)) this.checkCall(node);
    if (ts.isStringLiteralLike(node) && node.text === 'will-navigate') {
      const call = node.parent;
      if (ts.isCallExpression(call) && call.arguments[0] === node) this.hooks.willNavigate = true;
    }
  }

  private checkWindowOptions(at: ts.Node, arg: ts.Expression | undefined, ctor: string): void {
    if (!arg) {
      this.report(at, `new ${ctor}() without options: sandbox: true must be set in its webPreferences`);
      return;
    }
    const options = this.evaluate(arg);
    if (options.kind !== 'object') {
      this.report(at, `new ${ctor}(…): its options are ${describe(options)}; they must resolve statically`);
      return;
    }
    const prefs = lookup(options, 'webPreferences');
    if (prefs.kind === 'absent') {
      this.report(at, `new ${ctor}(…) without sandbox: true in its webPreferences`);
      return;
    }
    if (prefs.kind === 'opaque' || prefs.value.kind !== 'object') {
      const what = prefs.kind === 'opaque' ? `hidden (${prefs.why} could set them)` : describe(prefs.value);
      this.report(at, `new ${ctor}(…): its webPreferences are ${what}; they must resolve statically`);
      return;
    }
    for (const [key, required] of VALUE_RULES) {
      const found = lookup(prefs.value, key);
      if (found.kind === 'absent') {
        if (key === 'sandbox') this.report(at, `new ${ctor}(…) without sandbox: true in its webPreferences`);
        continue;
      }
      if (found.kind === 'opaque') {
        this.report(
          at,
          `new ${ctor}(…): webPreferences.${key} cannot be resolved (${found.why} could set it); must be ${JSON.stringify(required)}`,
        );
        continue;
      }
      this.checkValue(at, key, found.value, `new ${ctor}(…): webPreferences.`);
    }
  }

  /** `{ key: value }` anywhere: the rule keys must have their required literal. */
  private checkProperty(node: ts.PropertyAssignment | ts.ShorthandPropertyAssignment): void {
    const key = this.keyOf(node.name);
    if (key.kind === 'unknown') {
      if (ts.isObjectLiteralExpression(node.parent)) {
        this.report(node, `computed key that does not resolve (${key.why}): it could hide a webPreferences setting`);
      }
      return;
    }
    if (!VALUE_RULES.has(key.key)) return;
    const value = ts.isShorthandPropertyAssignment(node)
      ? this.evaluateIdentifier(node.name, 0)
      : this.evaluate(node.initializer);
    this.checkValue(node, key.key, value, '');
  }

  /** `x.sandbox = …`, `x['sandbox'] = …` anywhere. */
  private checkAssignment(node: ts.BinaryExpression): void {
    const target = node.left;
    let key: string | undefined;
    if (ts.isPropertyAccessExpression(target)) key = target.name.text;
    else if (ts.isElementAccessExpression(target)) {
      const k = this.evaluate(target.argumentExpression);
      if (k.kind === 'literal' && typeof k.value === 'string') key = k.value;
      else if (this.isTrackedObject(target.expression)) {
        this.report(node, 'assignment with a key that does not resolve to a webPreferences-like object');
        return;
      }
    }
    if (key !== undefined && VALUE_RULES.has(key))
      this.checkValue(node, key, this.evaluate(node.right), 'assignment: ');
  }

  private checkValue(at: ts.Node, key: string, value: Value, prefix: string): void {
    const required = VALUE_RULES.get(key)!;
    if (value.kind === 'literal' && value.value === required) return;
    this.report(at, `${prefix}${key} must be ${JSON.stringify(required)} (found ${describe(value)})`);
  }

  private checkCall(node: ts.CallExpression): void {
    const callee = node.expression;
    const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
    switch (name) {
      case 'setWindowOpenHandler':
        this.hooks.windowOpen = true;
        return;
      case 'appendSwitch':
      case 'appendArgument':
        this.checkSwitch(node, name);
        return;
      case 'exposeInMainWorld':
      case 'exposeInIsolatedWorld':
        this.checkExposed(node);
        return;
      case 'assign':
      case 'defineProperty':
      case 'defineProperties':
      case 'set':
        this.checkReflectiveWrite(node, name);
        return;
      default:
        break;
    }
    if (PERMISSION_CALLBACK_HANDLERS.has(name)) {
      this.hooks.permissionRequest = true;
      this.checkPermissionHandler(node, name, 'callback');
    } else if (PERMISSION_RETURN_HANDLERS.has(name)) {
      this.checkPermissionHandler(node, name, 'return');
    }
  }

  private checkSwitch(node: ts.CallExpression, name: string): void {
    const arg = node.arguments[0];
    const value = arg ? this.evaluate(arg) : unknown('no argument');
    if (value.kind !== 'literal' || typeof value.value !== 'string') {
      this.report(node, `${name}(…) with a switch that does not resolve (${describe(value)})`);
      return;
    }
    const bare = value.value.replace(/^-+/, '').split('=')[0]!.toLowerCase();
    if (DANGEROUS_SWITCHES.has(bare)) this.report(node, `${name}('${value.value}') turns a protection off`);
  }

  /** `Object.assign(wp, …)`, `Object.defineProperty(wp, key, …)`, `Reflect.set(wp, key, …)` on rule keys. */
  private checkReflectiveWrite(node: ts.CallExpression, name: string): void {
    const callee = node.expression;
    if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.expression)) return;
    const owner = callee.expression.text;
    if (name === 'assign' && owner === 'Object') {
      for (const source of node.arguments.slice(1)) {
        const value = this.evaluate(source);
        if (value.kind !== 'object') {
          if (node.arguments[0] && this.isTrackedObject(node.arguments[0])) {
            this.report(node, `Object.assign(…) of ${describe(value)} into a webPreferences-like object`);
          }
          continue;
        }
        for (const [key] of VALUE_RULES) {
          const found = lookup(value, key);
          if (found.kind === 'found') this.checkValue(node, key, found.value, 'Object.assign: ');
        }
      }
      return;
    }
    if (
      (name === 'defineProperty' && (owner === 'Object' || owner === 'Reflect')) ||
      (name === 'set' && owner === 'Reflect')
    ) {
      const key = node.arguments[1] ? this.evaluate(node.arguments[1]) : unknown('no key');
      if (key.kind !== 'literal' || typeof key.value !== 'string') {
        this.report(node, `${owner}.${name}(…) with a key that does not resolve (${describe(key)})`);
      } else if (VALUE_RULES.has(key.value)) {
        this.report(node, `${owner}.${name}(…, '${key.value}', …): set ${key.value} in the object literal instead`);
      }
    } else if (name === 'defineProperties' && owner === 'Object') {
      this.report(node, 'Object.defineProperties(…): set webPreferences in object literals');
    }
  }

  private checkPermissionHandler(node: ts.CallExpression, name: string, grant: 'callback' | 'return'): void {
    const arg = node.arguments[0];
    if (!arg || arg.kind === ts.SyntaxKind.NullKeyword) return; // null resets to the default (deny-less); see below
    const handler = this.evaluate(arg);
    if (handler.kind !== 'function') {
      this.report(node, `${name}(…) with ${describe(handler)}: the handler must be a function the check can read`);
      return;
    }
    const fn = handler.node;
    if (grant === 'callback') {
      const callbackParam = fn.parameters[2]?.name;
      if (!callbackParam || !ts.isIdentifier(callbackParam)) {
        if (fn.parameters[2]) this.report(node, `${name}(…): the callback parameter must be a plain name`);
        return;
      }
      const callbackSymbol = this.symbolOf(callbackParam);
      for (const ref of (callbackSymbol && this.references.get(callbackSymbol)) ?? []) {
        if (ref === callbackParam) continue;
        const call = ref.parent;
        if (!ts.isCallExpression(call) || call.expression !== ref) {
          this.report(ref, `${name}(…): its callback is passed on, so what it grants cannot be checked`);
          continue;
        }
        const first = call.arguments[0] ? this.evaluate(call.arguments[0]) : unknown('no argument');
        if (first.kind === 'literal' && first.value === true && this.isUnconditional(call, fn)) {
          this.report(call, `${name}(…) grants every permission (callback(true) outside any condition)`);
        }
      }
    } else {
      for (const value of this.returnedValues(fn)) {
        if (value.expr && this.isTrue(value.expr) && this.isUnconditional(value.expr, fn)) {
          this.report(value.expr, `${name}(…) grants every permission (returns true outside any condition)`);
        }
      }
    }
  }

  private checkExposed(node: ts.CallExpression): void {
    const exposed = node.arguments[node.expression.getText().endsWith('IsolatedWorld') ? 2 : 1];
    if (!exposed) return;
    const problem = this.exposesIpcRenderer(exposed, 0);
    if (problem) this.report(node, `contextBridge exposes ${problem}: expose named functions that wrap it instead`);
  }

  /** Why `expr` hands ipcRenderer (or one of its methods) to the page, or undefined. */
  private exposesIpcRenderer(expr: ts.Expression, depth: number): string | undefined {
    if (depth > MAX_DEPTH) return 'a value nested too deep to check';
    const e = unwrap(expr);
    if (this.isIpcRendererDerived(e, 0)) return `ipcRenderer (${e.getText().slice(0, 60)})`;
    if (ts.isCallExpression(e)) {
      // a wrapper call is fine, but not `ipcRenderer.send.bind(…)`
      if (ts.isPropertyAccessExpression(e.expression) && ['bind', 'call', 'apply'].includes(e.expression.name.text)) {
        if (this.isIpcRendererDerived(unwrap(e.expression.expression), 0))
          return `a bound ipcRenderer method (${e.getText().slice(0, 60)})`;
      }
      return undefined;
    }
    if (ts.isObjectLiteralExpression(e)) {
      for (const prop of e.properties) {
        if (ts.isPropertyAssignment(prop)) {
          const inner = this.exposesIpcRenderer(prop.initializer, depth + 1);
          if (inner) return inner;
        } else if (ts.isShorthandPropertyAssignment(prop)) {
          const inner = this.exposesIpcRenderer(prop.name, depth + 1);
          if (inner) return inner;
        } else if (ts.isSpreadAssignment(prop)) {
          const inner = this.exposesIpcRenderer(prop.expression, depth + 1);
          if (inner) return inner;
          const spread = this.evaluate(prop.expression);
          if (spread.kind !== 'object') return `a spread it cannot resolve (${prop.expression.getText().slice(0, 60)})`;
        }
      }
      return undefined;
    }
    if (ts.isArrowFunction(e) || ts.isFunctionExpression(e) || ts.isLiteralExpression(e)) return undefined;
    if (ts.isIdentifier(e)) {
      const declaration = this.constDeclarationOf(e);
      if (declaration?.initializer) return this.exposesIpcRenderer(declaration.initializer, depth + 1);
      const symbol = this.symbolOf(e);
      const fn = symbol?.declarations?.find(ts.isFunctionDeclaration);
      if (fn) return undefined;
      return `a value it cannot resolve (${e.text})`;
    }
    return `a value it cannot resolve (${e.getText().slice(0, 60)})`;
  }

  private isIpcRendererDerived(expr: ts.Expression, depth: number): boolean {
    if (depth > MAX_DEPTH) return false;
    const e = unwrap(expr);
    const value = this.evaluate(e);
    if (value.kind === 'ref' && value.module === 'electron' && value.name === 'ipcRenderer') return true;
    if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e))
      return this.isIpcRendererDerived(e.expression, depth + 1);
    return false;
  }

  /** A window constructor referenced other than by `new`, `extends`, a type or a static member. */
  private checkWindowConstructorEscape(node: ts.Identifier | ts.PropertyAccessExpression): void {
    if (ts.isIdentifier(node) && ts.isPropertyAccessExpression(node.parent) && node.parent.name === node) return;
    if (!this.isWindowConstructor(node)) return;
    const parent = node.parent;
    if (ts.isNewExpression(parent) && parent.expression === node) return;
    if (ts.isExpressionWithTypeArguments(parent)) return;
    if (ts.isPropertyAccessExpression(parent) && parent.expression === node) return;
    if (ts.isImportSpecifier(parent) || ts.isTypeReferenceNode(parent) || ts.isTypeQueryNode(parent)) return;
    if (ts.isQualifiedName(parent)) return;
    if (ts.isVariableDeclaration(parent) && parent.initializer === node && this.isConst(parent)) return; // an alias: followed
    if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.InstanceOfKeyword) return;
    this.report(
      node,
      `${this.windowName(node)} used as a value: windows must be created with new ${this.windowName(node)}({…}) where this check can read them`,
    );
  }

  // ---- evaluation

  private evaluate(expr: ts.Expression, depth = 0): Value {
    if (depth > MAX_DEPTH) return unknown('nested too deep');
    const e = unwrap(expr);
    switch (e.kind) {
      case ts.SyntaxKind.TrueKeyword:
        return { kind: 'literal', value: true };
      case ts.SyntaxKind.FalseKeyword:
        return { kind: 'literal', value: false };
      case ts.SyntaxKind.NullKeyword:
        return { kind: 'literal', value: null };
      default:
        break;
    }
    if (ts.isStringLiteralLike(e)) return { kind: 'literal', value: e.text };
    if (ts.isNumericLiteral(e)) return { kind: 'literal', value: Number(e.text) };
    if (ts.isObjectLiteralExpression(e)) return this.evaluateObject(e, depth);
    if (ts.isIdentifier(e)) return this.evaluateIdentifier(e, depth);
    if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) return { kind: 'function', node: e };
    if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) {
      const inner = this.evaluate(e.operand, depth + 1);
      if (inner.kind === 'literal') return { kind: 'literal', value: !inner.value };
      if (inner.kind === 'object' || inner.kind === 'function' || inner.kind === 'ref')
        return { kind: 'literal', value: false };
      return unknown(e.getText().slice(0, 60));
    }
    if (ts.isVoidExpression(e)) return { kind: 'literal', value: undefined };
    if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
      const owner = this.evaluate(e.expression, depth + 1);
      const keyValue = ts.isPropertyAccessExpression(e)
        ? { kind: 'literal' as const, value: e.name.text }
        : this.evaluate(e.argumentExpression, depth + 1);
      if (keyValue.kind !== 'literal' || typeof keyValue.value !== 'string') return unknown(e.getText().slice(0, 60));
      if (owner.kind === 'ref' && owner.name === '*')
        return { kind: 'ref', module: owner.module, name: keyValue.value };
      if (owner.kind === 'object') {
        const found = lookup(owner, keyValue.value);
        if (found.kind === 'found') return found.value;
        if (found.kind === 'absent') return { kind: 'literal', value: undefined };
        return unknown(found.why);
      }
      return unknown(e.getText().slice(0, 60));
    }
    if (ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === 'require') {
      const arg = e.arguments[0];
      if (arg && ts.isStringLiteralLike(arg)) return { kind: 'ref', module: arg.text, name: '*' };
    }
    return unknown(e.getText().slice(0, 60));
  }

  private evaluateObject(e: ts.ObjectLiteralExpression, depth: number): Value {
    const entries: Entry[] = [];
    for (const prop of e.properties) {
      if (ts.isSpreadAssignment(prop)) {
        const spread = this.evaluate(prop.expression, depth + 1);
        if (spread.kind === 'object') entries.push(...spread.entries);
        else if (spread.kind === 'literal' && (spread.value === undefined || spread.value === null)) continue;
        else entries.push({ kind: 'opaque', why: `...${prop.expression.getText().slice(0, 60)}` });
        continue;
      }
      const name = prop.name;
      if (!name) continue;
      const key = this.keyOf(name);
      if (key.kind === 'unknown') {
        entries.push({ kind: 'opaque', why: `computed key ${name.getText().slice(0, 60)}` });
        continue;
      }
      if (ts.isPropertyAssignment(prop)) {
        const init = prop.initializer;
        entries.push({ kind: 'prop', key: key.key, value: () => this.evaluate(init, depth + 1), node: prop });
      } else if (ts.isShorthandPropertyAssignment(prop)) {
        const id = prop.name;
        entries.push({ kind: 'prop', key: key.key, value: () => this.evaluateIdentifier(id, depth + 1), node: prop });
      } else if (ts.isMethodDeclaration(prop)) {
        entries.push({ kind: 'prop', key: key.key, value: () => ({ kind: 'function', node: prop }), node: prop });
      } else {
        // get/set accessors: their value is computed at run time
        entries.push({ kind: 'prop', key: key.key, value: () => unknown(`accessor ${key.key}`), node: prop });
      }
    }
    return { kind: 'object', entries };
  }

  private evaluateIdentifier(id: ts.Identifier, depth: number): Value {
    if (id.text === 'undefined') return { kind: 'literal', value: undefined };
    const symbol = this.symbolOf(id);
    const declaration = symbol?.declarations?.[0];
    if (!symbol || !declaration) return unknown(id.text);
    if (ts.isImportSpecifier(declaration)) {
      const module = declaration.parent.parent.parent.moduleSpecifier;
      const name = (declaration.propertyName ?? declaration.name).text;
      return { kind: 'ref', module: ts.isStringLiteral(module) ? module.text : '?', name };
    }
    if (ts.isNamespaceImport(declaration) || ts.isImportClause(declaration)) {
      const module = ts.findAncestor(declaration, ts.isImportDeclaration)?.moduleSpecifier;
      return { kind: 'ref', module: module && ts.isStringLiteral(module) ? module.text : '?', name: '*' };
    }
    if (ts.isFunctionDeclaration(declaration)) return { kind: 'function', node: declaration };
    if (ts.isVariableDeclaration(declaration) && ts.isIdentifier(declaration.name) && declaration.initializer) {
      if (!this.isConst(declaration) && this.isReassigned(symbol, declaration))
        return unknown(`${id.text} is reassigned`);
      const initial = this.evaluate(declaration.initializer, depth + 1);
      return initial.kind === 'object' ? this.withMutations(initial, symbol, depth) : initial;
    }
    return unknown(id.text);
  }

  /** An alias's object plus what is assigned into it elsewhere (`wp.sandbox = …`, `wp[k] = …`, `Object.assign(wp, …)`). */
  private withMutations(object: Value & { kind: 'object' }, symbol: ts.Symbol, depth: number): Value {
    const entries = [...object.entries];
    for (const ref of this.references.get(symbol) ?? []) {
      const parent = ref.parent;
      if (
        (ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) &&
        parent.expression === ref
      ) {
        const assignment = parent.parent;
        if (!ts.isBinaryExpression(assignment) || assignment.left !== parent || !isAssignmentOperator(assignment))
          continue;
        const key = ts.isPropertyAccessExpression(parent)
          ? { kind: 'literal' as const, value: parent.name.text }
          : this.evaluate(parent.argumentExpression, depth + 1);
        if (key.kind !== 'literal' || typeof key.value !== 'string') {
          entries.push({ kind: 'opaque', why: `assignment ${parent.getText().slice(0, 60)}` });
        } else if (assignment.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
          const right = assignment.right;
          entries.push({
            kind: 'prop',
            key: key.value,
            value: () => this.evaluate(right, depth + 1),
            node: assignment,
          });
        } else {
          entries.push({
            kind: 'prop',
            key: key.value,
            value: () => unknown(assignment.getText().slice(0, 60)),
            node: assignment,
          });
        }
      } else if (
        ts.isCallExpression(parent) &&
        parent.arguments[0] === ref &&
        /^(Object\.assign|Object\.defineProperty|Reflect\.set|Reflect\.defineProperty)$/.test(
          parent.expression.getText(),
        )
      ) {
        const sources =
          parent.expression.getText() === 'Object.assign'
            ? parent.arguments.slice(1).map((a) => this.evaluate(a, depth + 1))
            : [];
        for (const source of sources) {
          if (source.kind === 'object') entries.push(...source.entries);
          else entries.push({ kind: 'opaque', why: `Object.assign(${ref.text}, …)` });
        }
        if (sources.length === 0) entries.push({ kind: 'opaque', why: parent.getText().slice(0, 60) });
      }
    }
    return { kind: 'object', entries };
  }

  // ---- helpers

  private keyOf(name: ts.PropertyName): { kind: 'key'; key: string } | { kind: 'unknown'; why: string } {
    if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name)) return { kind: 'key', key: name.text };
    if (ts.isStringLiteralLike(name) || ts.isNumericLiteral(name)) return { kind: 'key', key: name.text };
    if (ts.isComputedPropertyName(name)) {
      const value = this.evaluate(name.expression);
      if (value.kind === 'literal' && (typeof value.value === 'string' || typeof value.value === 'number')) {
        return { kind: 'key', key: String(value.value) };
      }
      return { kind: 'unknown', why: name.getText().slice(0, 60) };
    }
    return { kind: 'unknown', why: 'key' };
  }

  private isWindowConstructor(expr: ts.Expression): boolean {
    const value = this.evaluate(expr);
    return value.kind === 'ref' && value.module === 'electron' && WINDOW_CONSTRUCTORS.has(value.name);
  }

  private windowName(expr: ts.Expression): string {
    const value = this.evaluate(expr);
    return value.kind === 'ref' ? value.name : expr.getText();
  }

  /** Whether `expr` is an alias of an object literal (what webPreferences usually are). */
  private isTrackedObject(expr: ts.Expression): boolean {
    return this.evaluate(expr).kind === 'object';
  }

  private isTrue(expr: ts.Expression): boolean {
    const value = this.evaluate(expr);
    return value.kind === 'literal' && value.value === true;
  }

  private symbolOf(node: ts.Node): ts.Symbol | undefined {
    if (ts.isShorthandPropertyAssignment(node.parent) && node.parent.name === node) {
      return this.checker.getShorthandAssignmentValueSymbol(node.parent);
    }
    return this.checker.getSymbolAtLocation(node);
  }

  private constDeclarationOf(id: ts.Identifier): ts.VariableDeclaration | undefined {
    const declaration = this.symbolOf(id)?.declarations?.[0];
    return declaration && ts.isVariableDeclaration(declaration) && this.isConst(declaration) ? declaration : undefined;
  }

  private isConst(declaration: ts.VariableDeclaration): boolean {
    return ts.isVariableDeclarationList(declaration.parent) && (declaration.parent.flags & ts.NodeFlags.Const) !== 0;
  }

  private isReassigned(symbol: ts.Symbol, declaration: ts.VariableDeclaration): boolean {
    return (this.references.get(symbol) ?? []).some(
      (ref) =>
        ref !== declaration.name &&
        ts.isBinaryExpression(ref.parent) &&
        ref.parent.left === ref &&
        isAssignmentOperator(ref.parent),
    );
  }

  /** Return expressions of a function (an expression body is one). */
  private returnedValues(fn: ts.FunctionLikeDeclaration): Array<{ expr: ts.Expression | undefined }> {
    if (!fn.body) return [];
    if (!ts.isBlock(fn.body)) return [{ expr: fn.body }];
    const found: Array<{ expr: ts.Expression | undefined }> = [];
    const visit = (node: ts.Node): void => {
      if (ts.isFunctionLike(node) && node !== fn) return;
      if (ts.isReturnStatement(node)) found.push({ expr: node.expression });
      ts.forEachChild(node, visit);
    };
    visit(fn.body);
    return found;
  }

  /** True when nothing between `node` and the function `fn` makes it conditional. */
  private isUnconditional(node: ts.Node, fn: ts.Node): boolean {
    let child: ts.Node = node;
    for (let current = node.parent; current && current !== fn; child = current, current = current.parent) {
      if (ts.isIfStatement(current) && child !== current.expression) return false;
      if (ts.isConditionalExpression(current) && child !== current.condition) return false;
      if (ts.isCaseClause(current) || ts.isDefaultClause(current) || ts.isCatchClause(current)) return false;
      if (ts.isIterationStatement(current, false)) return false;
      if (ts.isBinaryExpression(current) && child === current.right) {
        const op = current.operatorToken.kind;
        if (
          op === ts.SyntaxKind.AmpersandAmpersandToken ||
          op === ts.SyntaxKind.BarBarToken ||
          op === ts.SyntaxKind.QuestionQuestionToken
        )
          return false;
      }
      if (ts.isFunctionLike(current)) return false; // a nested function: runs only if called
    }
    return true;
  }

  private report(node: ts.Node, message: string): void {
    const file = node.getSourceFile();
    const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
    this.findings.push({ path: path.relative(process.cwd(), file.fileName), line: line + 1, message });
  }

  private global(message: string): void {
    this.findings.push({ path: '(all scanned files)', line: 0, message });
  }
}

function unwrap(expr: ts.Expression): ts.Expression {
  let e = expr;
  while (
    ts.isParenthesizedExpression(e) ||
    ts.isAsExpression(e) ||
    ts.isSatisfiesExpression(e) ||
    ts.isNonNullExpression(e) ||
    ts.isTypeAssertionExpression(e)
  ) {
    e = e.expression;
  }
  return e;
}

function isAssignmentOperator(node: ts.BinaryExpression): boolean {
  const op = node.operatorToken.kind;
  return op >= ts.SyntaxKind.FirstAssignment && op <= ts.SyntaxKind.LastAssignment;
}

/** Findings for a set of files (each rule, plus the required hooks across them). */
export function checkSources(files: readonly SourceFile[]): Finding[] {
  return new Checker(files).run();
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
  const roots =
    argv.length > 0
      ? argv.map((p) => path.resolve(p))
      : [path.join(repo, 'src-main', 'shell'), path.join(repo, 'src-preload')];
  let files: SourceFile[];
  try {
    files = collectTsFiles(roots).map((p) => ({ path: p, text: readFileSync(p, 'utf8') }));
  } catch (error) {
    console.error(`check-electron-security: cannot read ${roots.join(', ')}: ${(error as Error).message}`);
    return 2;
  }
  if (files.length === 0) {
    console.error(`check-electron-security: no .ts files under ${roots.join(', ')}`);
    return 1;
  }
  let findings: Finding[];
  try {
    findings = checkSources(files);
  } catch (error) {
    // fail closed: a crash of the check is a failure, not a pass
    console.error(`check-electron-security: the check failed: ${(error as Error).stack ?? String(error)}`);
    return 2;
  }
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
