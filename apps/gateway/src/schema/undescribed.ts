import {
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isSpecifiedScalarType,
} from 'graphql';

const described = (description: string | null | undefined): boolean => (description ?? '').trim() !== '';

/**
 * Every element of the schema a front end meets without a description, as coordinates (`Type`, `Type.field`,
 * `Type.field(argument:)`, `Input.field`, `Enum.VALUE`); graphql's own `__` types and standard scalars are
 * skipped. Codegen and IDE hovers show these descriptions, so the API documents itself.
 */
export function undescribedElements(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || isSpecifiedScalarType(type)) continue;
    if (!described(type.description)) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!described(field.description)) missing.push(`${type.name}.${field.name}`);
        for (const argument of field.args) {
          if (!described(argument.description)) missing.push(`${type.name}.${field.name}(${argument.name}:)`);
        }
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!described(field.description)) missing.push(`${type.name}.${field.name}`);
      }
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) {
        if (!described(value.description)) missing.push(`${type.name}.${value.name}`);
      }
    }
  }
  return missing.sort();
}
