/**
 * A test-data factory: `const cert = factory<Cert>(() => ({ ...defaults }))` then `cert({ id: "c2" })`.
 * Defaults are built per call, so a test that mutates one object never leaks into the next.
 */
export function factory<T>(defaults: () => T): (over?: Partial<T>) => T {
  return (over = {}) => ({ ...defaults(), ...over });
}
