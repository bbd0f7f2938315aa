/**
 * The entry of `table` for an upstream value, or null when the table has none. Only the table's own entries
 * count: a value such as `constructor` or `toString` is as unknown as any other, not a property of every object.
 */
export const lookup = <V>(table: Readonly<Record<string, V>>, key: string | number | undefined): V | null =>
  key !== undefined && Object.hasOwn(table, String(key)) ? (table[String(key)] as V) : null;
