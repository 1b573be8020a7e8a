/**
 * GraphQL Code Generator: resolver and argument types from the SDL, so the
 * resolvers are checked against the schema they serve (`npm run codegen`;
 * test/docs/codegen-fresh.test.ts fails when the committed file is stale).
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'schema/graphql/supplygraph.graphql',
  generates: {
    'services/api/graphql/generated/types.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: { useTypeImports: true, enumsAsTypes: true, avoidOptionals: false },
    },
  },
};

export default config;
