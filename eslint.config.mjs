import nextVitals from 'eslint-config-next/core-web-vitals'
import nextTypescript from 'eslint-config-next/typescript'
import drizzle from 'eslint-plugin-drizzle'
import tseslint from 'typescript-eslint'

// Imports point one way: app/, components/, scripts/ -> server/, services/ -> db/ -> lib/.
// Our own folders by alias or relative path: a bare glob would also match next/dist/client/components.
const folder = (name) => `^(@/|(\\.\\./)+)${name}(/|$)`
const layer = {
  app: folder('app'),
  components: folder('components'),
  server: folder('server'),
  services: folder('services'),
  db: folder('db'),
  next: '^next(-auth)?(/|$)',
}
// SQL and driver calls live in db/: everything else calls db/queries and db/mutations.
const driver = {
  group: ['drizzle-orm', 'drizzle-orm/*', 'better-sqlite3'],
  message: 'SQL lives in db/: add a query or mutation there.',
}
// Object storage is reached through db/media-store.ts, which keeps a failing store a 503, not a 500.
const objectStorage = {
  group: ['@aws-sdk/*'],
  message: 'Use mediaStore() from db/media-store.ts.',
}
const handle = {
  name: '@/db/client',
  importNames: ['db', 'sqlite'],
  message: 'Call a function of db/queries or db/mutations instead of using the database handle.',
}
// Rows made for unit tests would otherwise be one import away from a page or a script.
const testOnly = { regex: '(^|/)test-fixtures$', message: 'Test fixtures are for *.test.ts files only.' }
// next/link is a client component: on a reader page it only adds a client reference to the RSC
// payload the front server cuts, and a component with hooks to the HTML pass (about 1 ms a miss).
const clientRouter = { name: 'next/link', message: 'Reader pages link with a plain <a>: they ship no client router.' }
/** One rule per folder: ESLint replaces, not merges, a rule configured twice for a file. */
function boundary(folder, message, forbidden, { sqlAllowed = false, paths = [], alsoFiles = [] } = {}) {
  const patterns = [...(forbidden.length > 0 ? [{ regex: forbidden.join('|'), message }] : []), testOnly]
  return {
    files: [`${folder}/**`, ...alsoFiles],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: sqlAllowed ? paths : [handle, ...paths],
          patterns: sqlAllowed ? patterns : [...patterns, driver, objectStorage],
        },
      ],
    },
  }
}

export default tseslint.config(
  {
    ignores: [
      '.next/**',
      'dist/**',
      'node_modules/**',
      'drizzle/**',
      'test-results/**',
      'e2e/.data/**',
      'next-env.d.ts',
      'data/**',
    ],
  },
  ...nextVitals,
  ...nextTypescript,
  {
    files: ['**/*.{ts,tsx,mts}'],
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.mts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { drizzle },
    rules: {
      // An un-awaited query or mutation is a lost write or a Promise read as a value.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'drizzle/enforce-delete-with-where': ['error', { drizzleObjectName: ['db', 'tx'] }],
      'drizzle/enforce-update-with-where': ['error', { drizzleObjectName: ['db', 'tx'] }],
    },
  },
  {
    rules: {
      // Upload variants are already sized and encoded by services/media.ts; Next's optimizer would do it twice.
      '@next/next/no-img-element': 'off',
      // Reader pages ship no client JavaScript of ours, so their links are plain anchors, not the client router's.
      '@next/next/no-html-link-for-pages': 'off',
    },
  },
  // db/ awaits better-sqlite3's synchronous raw-SQL calls on purpose: the same code shape holds
  // for an asynchronous engine, so its callers never depend on the driver answering at once.
  { files: ['db/**'], rules: { '@typescript-eslint/await-thenable': 'off' } },
  // Configuration comes parsed and typed from lib/env.ts; Next inlines NODE_ENV, read where needed.
  {
    files: ['app/**', 'components/**', 'db/**', 'services/**', 'server/**', 'lib/**'],
    ignores: ['lib/env.ts', '**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read configuration from `env` in lib/env.ts.',
        },
      ],
    },
  },
  // Test reports and JSON-LD are read as loose JSON.
  { files: ['e2e/**', 'scripts/test*.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  boundary('lib', 'lib/ holds pure helpers: no database, services, server or Next.', [
    layer.app,
    layer.components,
    layer.server,
    layer.services,
    layer.db,
    layer.next,
  ]),
  boundary('db', 'db/ may import lib/ only.', [layer.app, layer.components, layer.server, layer.services], {
    sqlAllowed: true,
  }),
  boundary('services', 'services/ may import db/ and lib/ only.', [layer.app, layer.components, layer.server]),
  boundary('server', 'server/ may import services/, db/ and lib/ only.', [layer.app, layer.components]),
  boundary('components', 'Pages pass server actions to components as props.', [layer.app]),
  // Later entries replace the rule for their subfolder, so each repeats its parent's patterns.
  boundary('components/site', 'Pages pass server actions to components as props.', [layer.app], {
    paths: [clientRouter],
  }),
  boundary('app', '', []),
  // The global not-found page is a reader page too, served from the page cache.
  boundary('app/(site)', '', [], { paths: [clientRouter], alsoFiles: ['app/not-found.tsx'] }),
  boundary('scripts', '', []),
)
