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

const parents = '../parents.js#';

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
        mappers: {
          Artifact: `${parents}ArtifactParent`,
          Dataset: `${parents}DatasetParent`,
          Dependents: `${parents}DependentsParent`,
          Model: `${parents}ModelParent`,
          PackageVersion: `${parents}PackageVersionParent`,
          ReachedComponent: `${parents}ReachedComponentParent`,
          Sbom: `${parents}SbomParent`,
          Scorecard: `${parents}ScorecardParent`,
          Severity: `${parents}SeverityParent`,
          SourceRepository: `${parents}SourceRepositoryParent`,
          VexStatement: `${parents}VexStatementParent`,
          Vulnerability: `${parents}VulnerabilityParent`,
        },
      },
    },
  },
};

export default config;
