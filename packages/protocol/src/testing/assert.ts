/**
 * The few assertions the conformance suite needs, with no test library: the suite runs under node:test and under
 * mocha in a browser alike. Each throws an `AssertionFailed` that names what was expected and what came.
 */
export class AssertionFailed extends Error {
  override name = 'AssertionFailed';
}

const show = (value: unknown) => {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
};

export function ok(value: unknown, message: string): asserts value {
  if (!value) throw new AssertionFailed(message);
}

export function equal<T>(actual: T, expected: T, message: string): void {
  if (!Object.is(actual, expected)) throw new AssertionFailed(`${message}: expected ${show(expected)}, got ${show(actual)}`);
}

function same(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Structural equality of plain data (keys with `undefined` values count as absent). */
export function deepEqual(actual: unknown, expected: unknown, message: string): void {
  if (!same(actual, expected)) throw new AssertionFailed(`${message}: expected ${show(expected)}, got ${show(actual)}`);
}

/**
 * Awaits `promise` and checks it rejects with an error of `type` (by `name`, so copies of the error classes from
 * two bundles still match) and, when given, `code`, `field` and `rule`. Returns the error.
 */
export async function rejects(
  promise: Promise<unknown>,
  expected: { name: string; code?: string; field?: string; rule?: string },
  message: string,
): Promise<Error> {
  let result: unknown;
  try {
    result = await promise;
  } catch (error) {
    const e = error as Error & { code?: string; field?: string; rule?: string };
    equal(e?.name, expected.name, `${message} (error name; message: ${e?.message})`);
    if (expected.code !== undefined) equal(e.code, expected.code, `${message} (error code)`);
    if (expected.field !== undefined) equal(e.field, expected.field, `${message} (field)`);
    if (expected.rule !== undefined) equal(e.rule, expected.rule, `${message} (rule)`);
    return e;
  }
  throw new AssertionFailed(`${message}: expected a ${expected.name}, but it resolved with ${show(result)}`);
}

/** Resolves once `test()` is true; rejects after `ms` (live events arrive asynchronously). Not a timing check. */
export async function eventually(test: () => boolean, message: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!test()) {
    if (Date.now() > deadline) throw new AssertionFailed(`${message}: not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
