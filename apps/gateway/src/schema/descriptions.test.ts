import { buildSchema as buildSdl } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildSchema } from './index.js';
import { undescribedElements } from './undescribed.js';

describe('descriptions', () => {
  it('describe every type, field, argument, input field and enum value of the gateway schema', () => {
    const missing = undescribedElements(buildSchema({ appId: undefined }));
    expect(missing, `Describe these in the schema:\n${missing.join('\n')}`).toEqual([]);
  });

  it('are checked on every kind of element, built-ins aside', () => {
    const schema = buildSdl(`
      "Described."
      type Query {
        "Described."
        ok(plain: Int, "Described." noted: Int): Boolean
        bare(input: In): Kind
      }
      input In { field: String }
      enum Kind { "Described." A B }
      interface Thing { name: String }
      scalar Stamp
    `);
    expect(undescribedElements(schema)).toEqual([
      'In',
      'In.field',
      'Kind',
      'Kind.B',
      'Query.bare',
      'Query.bare(input:)',
      'Query.ok(plain:)',
      'Stamp',
      'Thing',
      'Thing.name',
    ]);
  });
});
