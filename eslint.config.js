// ESLint flat config: typescript-eslint strict rules over every source root,
// React hooks rules for the renderer, the layers (eslint-plugin-boundaries:
// who may import whom, and features only through their index.ts), and the
// rule that keeps `electron` out of everything but src-main/shell.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import boundaries from 'eslint-plugin-boundaries';
import globals from 'globals';

/**
 * The layers (see README.md "Layers"). A feature is a folder under features/
 * in each layer; `feature` captures its name, so one feature may import any
 * file of its own folder but another feature only through its index.ts.
 */
const ELEMENTS = [
  { type: 'contract', pattern: 'src-preload/contract/**', mode: 'full' },
  { type: 'preload', pattern: 'src-preload/*', mode: 'file' },
  { type: 'core-platform', pattern: 'src-main/core/platform/**', mode: 'full' },
  { type: 'core-feature', pattern: 'src-main/core/features/*', capture: ['feature'] },
  { type: 'core-app', pattern: 'src-main/core/app/**', mode: 'full' },
  { type: 'shell', pattern: 'src-main/shell/**', mode: 'full' },
  { type: 'web-shell', pattern: 'src-main/web-shell/**', mode: 'full' },
  { type: 'renderer-platform', pattern: 'src-renderer/src/platform/**', mode: 'full' },
  { type: 'renderer-feature', pattern: 'src-renderer/src/features/*', capture: ['feature'] },
  { type: 'renderer-app', pattern: 'src-renderer/src/app/**', mode: 'full' },
  { type: 'renderer-entry', pattern: 'src-renderer/src/*', mode: 'file' },
  { type: 'media-host', pattern: 'src-renderer/src/media-host/**', mode: 'full' },
  { type: 'server-platform', pattern: 'server/src/platform/**', mode: 'full' },
  { type: 'server-feature', pattern: 'server/src/features/*', capture: ['feature'] },
  { type: 'server-app', pattern: 'server/src/app/**', mode: 'full' },
  { type: 'server-entry', pattern: 'server/src/*', mode: 'file' },
  { type: 'server-tooling', pattern: 'server/{stack,dev}/**', mode: 'full' },
];

/** Who may import whom: layers import only downward (contract ← platform ← features ← app ← shells). */
const LAYER_RULES = [
  { from: 'contract', allow: ['contract'] },
  { from: 'preload', allow: ['contract', 'preload'] },
  { from: 'core-platform', allow: ['contract', 'core-platform'] },
  { from: 'core-feature', allow: ['contract', 'core-platform', 'core-feature'] },
  { from: 'core-app', allow: ['contract', 'core-platform', 'core-feature', 'core-app'] },
  { from: 'shell', allow: ['contract', 'preload', 'core-platform', 'core-feature', 'core-app', 'shell'] },
  { from: 'web-shell', allow: ['contract', 'core-platform', 'core-feature', 'core-app', 'web-shell'] },
  { from: 'renderer-platform', allow: ['contract', 'renderer-platform'] },
  { from: 'renderer-feature', allow: ['contract', 'renderer-platform', 'renderer-feature'] },
  { from: 'renderer-app', allow: ['contract', 'renderer-platform', 'renderer-feature', 'renderer-app'] },
  {
    from: 'renderer-entry',
    allow: ['contract', 'renderer-platform', 'renderer-feature', 'renderer-app', 'media-host'],
  },
  { from: 'media-host', allow: ['contract', 'renderer-platform', 'media-host'] },
  { from: 'server-platform', allow: ['contract', 'server-platform'] },
  { from: 'server-feature', allow: ['contract', 'server-platform', 'server-feature'] },
  { from: 'server-app', allow: ['contract', 'server-platform', 'server-feature', 'server-app'] },
  { from: 'server-entry', allow: ['contract', 'server-platform', 'server-feature', 'server-app'] },
  {
    from: 'server-tooling',
    allow: ['contract', 'server-platform', 'server-feature', 'server-app', 'server-entry', 'server-tooling'],
  },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'release/**', '.stack/**', '.tmp/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // features add their slice to the store's AppState by declaration merging: `interface AppState extends XSlice {}`
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
    },
  },
  {
    // Type-aware rules where they find real bugs (issue #9): a promise nobody awaits or catches
    // (an unhandled rejection, a failure nobody hears of) and a switch that forgot a case.
    files: [
      'src-main/**/*.ts',
      'src-preload/**/*.ts',
      'src-renderer/**/*.{ts,tsx}',
      'server/**/*.ts',
      'tests/**/*.{ts,tsx}',
    ],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
      ],
    },
  },
  {
    // Layers and features (issue #9): a wrong import fails lint, it is not a matter of habit.
    files: ['src-main/**/*.ts', 'src-preload/**/*.ts', 'src-renderer/**/*.{ts,tsx}', 'server/**/*.ts'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': ELEMENTS,
      'boundaries/include': ['src-main/**', 'src-preload/**', 'src-renderer/**', 'server/**'],
      'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.json'] } },
    },
    rules: {
      // every relative import must land in a known layer (a file outside every layer is a mistake)
      'boundaries/no-unknown': 'error',
      'boundaries/element-types': ['error', { default: 'disallow', rules: LAYER_RULES }],
      // another feature is reached through its public index.ts only (its own folder is free)
      'boundaries/entry-point': [
        'error',
        {
          default: 'allow',
          rules: [
            {
              target: ['core-feature', 'renderer-feature', 'server-feature'],
              disallow: ['**'],
            },
            {
              target: ['core-feature', 'renderer-feature', 'server-feature'],
              allow: ['index.ts', 'index.tsx'],
            },
          ],
        },
      ],
    },
  },
  {
    // Layering: the core, the web shell, the renderer and the server never touch Electron.
    files: ['src-main/core/**/*.ts', 'src-main/web-shell/**/*.ts', 'src-renderer/**/*.{ts,tsx}', 'server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'Only src-main/shell may import electron (thin shell rule).' },
            // electron-store imports electron: the core takes a DevicePreferences instead.
            { name: 'electron-store', message: 'Only src-main/shell may import electron-store (it imports electron).' },
          ],
        },
      ],
    },
  },
  {
    // The renderer reaches the engine only through window.uc.
    files: ['src-renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer talks only to window.uc.' },
            { name: 'electron-store', message: 'The renderer talks only to window.uc.' },
          ],
          patterns: [{ group: ['**/src-main/**', '**/server/**'], message: 'The renderer talks only to window.uc.' }],
        },
      ],
    },
  },
);
