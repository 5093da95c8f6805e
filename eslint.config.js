// ESLint flat config: typescript-eslint strict rules over every source root,
// React hooks rules for the renderer, and the layering rule that keeps
// `electron` out of the pure core (only src-main/shell may import it).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

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
