/**
 * GraphQL Code Generator: resolver and argument types from the SDL, so the
 * resolvers are checked against the schema they serve (`npm run codegen`;
 * test/docs/codegen-fresh.test.ts fails when the committed file is stale).
 *
 * `mappers` name what the resolvers of a type receive as their parent (the
 * domain node or view in services/api/graphql/parents.ts); every other type is
 * returned in its generated shape. Paths are relative to the generated file.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

/** Types whose fields have resolvers of their own; each gets `<Type>Parent` from parents.ts. */
const MAPPED_TYPES = ['Artifact', 'Dataset', 'Dependents', 'Model', 'PackageVersion', 'ReachedComponent', 'Sbom', 'Scorecard', 'Severity', 'SourceRepository', 'VexStatement', 'Vulnerability'];

const config: CodegenConfig = {
  schema: 'schema/graphql/supplygraph.graphql',
  generates: {
    'services/api/graphql/generated/types.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        avoidOptionals: false,
        contextType: '../context.js#GraphQLContext',
        mappers: Object.fromEntries(MAPPED_TYPES.map((type) => [type, `../parents.js#${type}Parent`])),
      },
    },
  },
};

export default config;
