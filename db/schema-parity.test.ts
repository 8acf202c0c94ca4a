import { type Column, createTableRelationsHelpers, is, Many, One, Relations, sql, SQL, type Table } from 'drizzle-orm'
import {
  bigint,
  getTableConfig as getPgTableConfig,
  index as pgIndex,
  integer as pgInteger,
  PgDialect,
  primaryKey as pgPrimaryKey,
  pgTable,
  PgTable,
  text as pgText,
  uniqueIndex as pgUniqueIndex,
} from 'drizzle-orm/pg-core'
import { getTableConfig as getSqliteTableConfig, SQLiteSyncDialect, SQLiteTable } from 'drizzle-orm/sqlite-core'
import { describe, expect, expectTypeOf, it } from 'vitest'
import * as pgSchema from './postgres/schema'
import * as sqliteSchema from './sqlite/schema'

// SQLite column kind -> the PostgreSQL column kinds it may become (drizzle column class and SQL type).
const typeMap: Record<string, string[]> = {
  SQLiteInteger: ['PgInteger integer', 'PgBigInt53 bigint'],
  'SQLiteTimestamp timestamp_ms': ['PgCustomColumn bigint'],
  SQLiteBoolean: ['PgBoolean boolean'],
  SQLiteTextJson: ['PgJsonb jsonb'],
  SQLiteText: ['PgText text'],
  SQLiteReal: ['PgDoublePrecision double precision'],
}

// The plain integers that are bigint in PostgreSQL, because their values can outgrow 2^31.
const wideIntegers = [
  'articles.view_count',
  'import_runs.progress',
  'import_runs.total',
  'media.bytes',
  'rate_limits.window_start',
]

// SQL expressions that mean the same thing in each engine: [SQLite, PostgreSQL].
const equivalentSql: [string, string][] = [
  ["(unixepoch('subsec') * 1000)", '(floor(extract(epoch from statement_timestamp()) * 1000))::bigint'],
  ["'[]'", "'[]'::jsonb"],
]

const sqliteDialect = new SQLiteSyncDialect()
const pgDialect = new PgDialect()

/** An SQL expression as SQLite text, PostgreSQL expressions replaced by their SQLite equivalent. */
function sqlText(expression: SQL, engine: 'sqlite' | 'pg'): string {
  if (engine === 'sqlite') return sqliteDialect.sqlToQuery(expression).sql
  const text = pgDialect.sqlToQuery(expression).sql
  return equivalentSql.find(([, pg]) => pg === text)?.[0] ?? `unmapped PostgreSQL SQL: ${text}`
}

function defaultOf(column: Column, engine: 'sqlite' | 'pg'): unknown {
  const value: unknown = column.default
  return is(value, SQL) ? { sql: sqlText(value, engine) } : value
}

function columnKind(column: Column, engine: 'sqlite' | 'pg'): string {
  if (engine === 'pg') return `${column.columnType} ${column.getSQLType()}`
  const mode = column.columnType === 'SQLiteTimestamp' ? ` ${(column as unknown as { mode: string }).mode}` : ''
  return column.columnType + mode
}

type Shape = {
  name: string
  columns: Record<
    string,
    {
      type: string
      notNull: boolean
      primary: boolean
      autoIncrement: boolean
      default: unknown
      enumValues: readonly string[] | undefined
      unique: boolean
    }
  >
  primaryKeys: string[][]
  indexes: { name: string; columns: string[]; unique: boolean; where: string | undefined }[]
  foreignKeys: {
    name: string
    columns: string[]
    table: string
    foreignColumns: string[]
    onDelete: unknown
    onUpdate: unknown
  }[]
  uniqueConstraints: number
  checks: number
}

/** What the comparison looks at, in engine-neutral terms (PostgreSQL types mapped back to SQLite's). */
function shapeOf(table: SQLiteTable | PgTable): Shape {
  const engine = is(table, PgTable) ? 'pg' : 'sqlite'
  const config = engine === 'pg' ? getPgTableConfig(table as PgTable) : getSqliteTableConfig(table as SQLiteTable)
  const tableName = (t: Table) =>
    is(t, PgTable) ? getPgTableConfig(t).name : getSqliteTableConfig(t as SQLiteTable).name
  const columns: Shape['columns'] = {}
  for (const column of config.columns as Column[]) {
    const kind = columnKind(column, engine)
    const type =
      engine === 'sqlite'
        ? kind
        : (Object.entries(typeMap).find(([, pg]) => pg.includes(kind))?.[0] ?? `unmapped PostgreSQL type: ${kind}`)
    const identity =
      engine === 'pg' ? (column as unknown as { generatedIdentity?: { type: string } }).generatedIdentity : undefined
    columns[column.name] = {
      type,
      notNull: column.notNull,
      primary: column.primary,
      autoIncrement:
        engine === 'sqlite'
          ? Boolean((column as unknown as { autoIncrement?: boolean }).autoIncrement)
          : identity?.type === 'byDefault',
      default: defaultOf(column, engine),
      enumValues: column.enumValues,
      unique: column.isUnique,
    }
  }
  return {
    name: config.name,
    columns,
    primaryKeys: config.primaryKeys.map((key) => key.columns.map((column) => column.name)),
    indexes: config.indexes
      .map(({ config: index }) => ({
        name: index.name!,
        columns: (index.columns as unknown as { name?: string }[]).map((column) => column.name ?? 'expression'),
        unique: index.unique,
        where: index.where ? sqlText(index.where, engine) : undefined,
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    foreignKeys: config.foreignKeys
      .map((key) => {
        const reference = key.reference()
        return {
          name: key.getName(),
          columns: reference.columns.map((column) => column.name),
          table: tableName(reference.foreignTable),
          foreignColumns: reference.foreignColumns.map((column) => column.name),
          onDelete: key.onDelete ?? 'no action',
          onUpdate: key.onUpdate ?? 'no action',
        }
      })
      .sort((a, b) => a.name.localeCompare(b.name)),
    uniqueConstraints: config.uniqueConstraints.length,
    checks: config.checks.length,
  }
}

/** Every difference between the SQLite table and its PostgreSQL twin, as readable lines. */
function differences(sqliteTable: SQLiteTable, pgTable: PgTable): string[] {
  const a = shapeOf(sqliteTable)
  const b = shapeOf(pgTable)
  const found: string[] = []
  const same = (what: string, left: unknown, right: unknown) => {
    if (JSON.stringify(left) !== JSON.stringify(right))
      found.push(`${a.name}: ${what}: SQLite ${JSON.stringify(left)}, PostgreSQL ${JSON.stringify(right)}`)
  }
  same('name', a.name, b.name)
  same('columns', Object.keys(a.columns).sort(), Object.keys(b.columns).sort())
  for (const [name, column] of Object.entries(a.columns)) {
    const twin = b.columns[name]
    if (!twin) continue
    for (const key of Object.keys(column) as (keyof typeof column)[]) same(`${name}.${key}`, column[key], twin[key])
  }
  same('primary keys', a.primaryKeys, b.primaryKeys)
  same('indexes', a.indexes, b.indexes)
  same('foreign keys', a.foreignKeys, b.foreignKeys)
  same('unique constraints', a.uniqueConstraints, b.uniqueConstraints)
  same('checks', a.checks, b.checks)
  return found
}

function relationsShape(relations: Relations) {
  const config = relations.config(createTableRelationsHelpers(relations.table))
  return Object.fromEntries(
    Object.entries(config).map(([name, relation]) => [
      name,
      {
        kind: is(relation, One) ? 'one' : is(relation, Many) ? 'many' : 'unknown',
        table: relation.referencedTableName,
        relationName: relation.relationName,
        fields: is(relation, One) ? relation.config?.fields.map((column) => column.name) : undefined,
        references: is(relation, One) ? relation.config?.references.map((column) => column.name) : undefined,
      },
    ]),
  )
}

const sqliteExports = sqliteSchema as Record<string, unknown>
const pgExports = pgSchema as Record<string, unknown>
const tableNames = Object.keys(sqliteExports).filter((name) => is(sqliteExports[name], SQLiteTable))

describe('db/postgres/schema.ts matches db/schema.ts', () => {
  it('exports the same names', () => {
    expect(Object.keys(pgExports).sort()).toEqual(Object.keys(sqliteExports).sort())
  })

  it('exports a PostgreSQL table wherever db/schema.ts exports a table', () => {
    expect(tableNames.length).toBeGreaterThan(20)
    expect(
      Object.keys(pgExports)
        .filter((name) => is(pgExports[name], PgTable))
        .sort(),
    ).toEqual(tableNames.sort())
  })

  it.each(tableNames)('%s: same columns, types, keys, defaults and indexes', (name) => {
    expect(differences(sqliteExports[name] as SQLiteTable, pgExports[name] as PgTable)).toEqual([])
  })

  it('uses bigint for exactly the integers listed as wide', () => {
    const wide = tableNames.flatMap((name) => {
      const config = getPgTableConfig(pgExports[name] as PgTable)
      return config.columns
        .filter((column) => column.columnType === 'PgBigInt53')
        .map((column) => `${config.name}.${column.name}`)
    })
    expect(wide.sort()).toEqual(wideIntegers)
  })

  it('has the same relations', () => {
    const names = Object.keys(sqliteExports).filter((name) => is(sqliteExports[name], Relations))
    expect(names.length).toBeGreaterThan(5)
    for (const name of names) {
      expect(relationsShape(pgExports[name] as Relations), name).toEqual(
        relationsShape(sqliteExports[name] as Relations),
      )
    }
  })

  it('has the same constants', () => {
    for (const name of Object.keys(sqliteExports)) {
      const value = sqliteExports[name]
      if (Array.isArray(value)) expect(pgExports[name], name).toEqual(value)
    }
  })

  it('gives rows and exported types the same TypeScript types', () => {
    type Rows<S> = { [K in keyof S]: S[K] extends Table ? S[K]['$inferSelect'] : never }
    type Inserts<S> = { [K in keyof S]: S[K] extends Table ? S[K]['$inferInsert'] : never }
    expectTypeOf<Rows<typeof pgSchema>>().toEqualTypeOf<Rows<typeof sqliteSchema>>()
    // SQLite lets an integer primary key be left out (the row id is picked); here it is a foreign
    // key and the insert must name it, so only PostgreSQL's stricter type is right.
    type SqliteSubscriptionInsert = typeof sqliteSchema.digestSubscriptions.$inferInsert
    expectTypeOf<Omit<Inserts<typeof pgSchema>, 'digestSubscriptions'>>().toEqualTypeOf<
      Omit<Inserts<typeof sqliteSchema>, 'digestSubscriptions'>
    >()
    type PgSubscriptionInsert = typeof pgSchema.digestSubscriptions.$inferInsert
    expectTypeOf<Omit<PgSubscriptionInsert, 'userId'>>().toEqualTypeOf<Omit<SqliteSubscriptionInsert, 'userId'>>()
    expectTypeOf<PgSubscriptionInsert['userId']>().toEqualTypeOf<number>()
    expectTypeOf<pgSchema.Role>().toEqualTypeOf<sqliteSchema.Role>()
    expectTypeOf<pgSchema.User>().toEqualTypeOf<sqliteSchema.User>()
    expectTypeOf<pgSchema.NewUser>().toEqualTypeOf<sqliteSchema.NewUser>()
    expectTypeOf<pgSchema.Media>().toEqualTypeOf<sqliteSchema.Media>()
    expectTypeOf<pgSchema.NewMedia>().toEqualTypeOf<sqliteSchema.NewMedia>()
    expectTypeOf<pgSchema.Category>().toEqualTypeOf<sqliteSchema.Category>()
    expectTypeOf<pgSchema.Tag>().toEqualTypeOf<sqliteSchema.Tag>()
    expectTypeOf<pgSchema.Article>().toEqualTypeOf<sqliteSchema.Article>()
    expectTypeOf<pgSchema.NewArticle>().toEqualTypeOf<sqliteSchema.NewArticle>()
    expectTypeOf<pgSchema.ArticleStatus>().toEqualTypeOf<sqliteSchema.ArticleStatus>()
    expectTypeOf<pgSchema.Comment>().toEqualTypeOf<sqliteSchema.Comment>()
    expectTypeOf<pgSchema.NewComment>().toEqualTypeOf<sqliteSchema.NewComment>()
    expectTypeOf<pgSchema.CommentStatus>().toEqualTypeOf<sqliteSchema.CommentStatus>()
    expectTypeOf<pgSchema.Page>().toEqualTypeOf<sqliteSchema.Page>()
    expectTypeOf<pgSchema.DigestSubscription>().toEqualTypeOf<sqliteSchema.DigestSubscription>()
    expectTypeOf<pgSchema.DigestSendStatus>().toEqualTypeOf<sqliteSchema.DigestSendStatus>()
    expectTypeOf<pgSchema.ImportReport>().toEqualTypeOf<sqliteSchema.ImportReport>()
  })
})

describe('the comparison', () => {
  // A copy of the PostgreSQL redirects table with one thing changed per column, index and key.
  const alteredRedirects = pgTable(
    'redirects',
    {
      id: pgInteger('id').primaryKey(),
      fromPath: pgText('from_path'),
      toPath: pgText('to_path').notNull().default('/'),
      statusCode: bigint('status_code', { mode: 'number' }).notNull().default(302),
      createdAt: pgText('created_at').notNull(),
      createdBy: pgInteger('created_by').references(() => pgSchema.users.id, { onDelete: 'cascade' }),
    },
    (t) => [pgIndex('redirects_from_unique').on(t.fromPath), pgUniqueIndex('redirects_to_idx').on(t.toPath)],
  )

  it('reports every difference', () => {
    const found = differences(sqliteSchema.redirects, alteredRedirects)
    const about = (what: string) => found.filter((line) => line.startsWith(`redirects: ${what}:`))
    expect(about('columns')).toHaveLength(1)
    expect(about('id.autoIncrement')).toHaveLength(1)
    expect(about('from_path.notNull')).toHaveLength(1)
    expect(about('to_path.default')).toHaveLength(1)
    expect(about('status_code.default')).toHaveLength(1)
    expect(about('created_at.type')).toHaveLength(1)
    expect(about('created_at.default')).toHaveLength(1)
    expect(about('indexes')).toHaveLength(1)
    expect(about('foreign keys')).toHaveLength(1)
    expect(found).toHaveLength(9)
  })

  it('reports a changed foreign key action, a partial index, a wrong type and an unknown default', () => {
    const articleTags = pgTable(
      'article_tags',
      {
        articleId: pgInteger('article_id')
          .notNull()
          .references(() => pgSchema.articles.id, { onDelete: 'cascade' }),
        tagId: pgInteger('tag_id')
          .notNull()
          .references(() => pgSchema.tags.id, { onDelete: 'set null' }),
      },
      (t) => [
        pgPrimaryKey({ columns: [t.articleId, t.tagId] }),
        pgIndex('article_tags_tag_idx')
          .on(t.tagId, t.articleId)
          .where(sql`tag_id > 0`),
      ],
    )
    expect(differences(sqliteSchema.articleTags, articleTags).map((line) => line.split(':')[1])).toEqual([
      ' indexes',
      ' foreign keys',
    ])

    const leases = pgTable('leases', {
      name: pgText('name').primaryKey(),
      owner: pgText('owner')
        .notNull()
        .default(sql`current_user`),
      expiresAt: bigint('expires_at', { mode: 'number' }).notNull(),
    })
    expect(differences(sqliteSchema.leases, leases)).toEqual([
      'leases: owner.default: SQLite undefined, PostgreSQL {"sql":"unmapped PostgreSQL SQL: current_user"}',
      'leases: expires_at.type: SQLite "SQLiteTimestamp timestamp_ms", PostgreSQL "SQLiteInteger"',
    ])
  })
})
