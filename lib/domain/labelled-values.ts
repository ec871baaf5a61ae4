// A closed set of values written once, as a record from each value to its label: the values (in
// the record's order, for z.enum and for menus) are read from it, so the list and its labels
// cannot drift apart or miss a member.

/** The keys of a labels record, in order, as the non-empty tuple z.enum takes. */
export function labelledValues<Value extends string>(labels: Record<Value, string>): readonly [Value, ...Value[]] {
  return Object.keys(labels) as [Value, ...Value[]];
}
