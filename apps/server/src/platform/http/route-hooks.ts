/** A route's hooks of one kind as an array, for platform features that add theirs in an onRoute hook. */
export const asArray = <T>(hooks: T | T[] | undefined): T[] => (hooks === undefined ? [] : Array.isArray(hooks) ? hooks : [hooks]);
