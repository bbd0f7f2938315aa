import { PackCheckError } from './packCheckError.js';

/**
 * The first ```js block of a README: the runnable example the README tells a reader to save and run (and the
 * block the repository's tests run against a simulator), taken as it is.
 */
export function firstJsExample(readme: string, where: string): string {
  const example = /```js\n([\s\S]*?)```/.exec(readme)?.[1];
  if (example === undefined) throw new PackCheckError('readme', `${where} has no \`\`\`js example`);
  return example;
}
