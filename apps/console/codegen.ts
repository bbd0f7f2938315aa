import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed operations from the gateway's committed schema (`apps/gateway/schema.graphql`), for the `graphql()`
 * calls in `src/operations/`. Output: `src/gql/` (committed, so a clean clone typechecks without generating).
 */
const config: CodegenConfig = {
  schema: '../gateway/schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    './src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: 'string' },
        strictScalars: true,
      },
    },
  },
};

export default config;
