/**
 * The one outside input of the generator: `SOURCE_DATE_EPOCH`, the reproducible-builds convention for
 * "the date this output describes". `pnpm generate` and the `payload-fresh` rule both read it here, so the
 * checker compares against exactly what the generator would write in the same environment.
 */
export function sourceDateEpochFromEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
): string | undefined {
  const value = env['SOURCE_DATE_EPOCH'];
  return value === undefined || value === '' ? undefined : value;
}
