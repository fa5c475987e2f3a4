// Looking up a word the user typed (a flag value, a stipend id, a column name) in a plain object:
// only the object's own keys count, so __proto__, constructor or toString are unknown words, never
// Object.prototype's members.
export function own<T>(obj: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return obj !== undefined && Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

export function hasOwn(obj: object | undefined, key: string): boolean {
  return obj !== undefined && Object.prototype.hasOwnProperty.call(obj, key);
}
