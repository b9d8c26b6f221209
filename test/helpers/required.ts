// Suites that need something a machine may lack (Chromium, Neovim, code-server, ../shared/samples) skip with a
// message on a user's machine. CI sets EMERGENCE_LENS_REQUIRE_ALL=1 (.ci/run): there a missing component fails the
// suite instead, so a broken install cannot pass as a skip.

export const REQUIRE_ALL = process.env.EMERGENCE_LENS_REQUIRE_ALL === '1';

/** The reason to skip, unless every component is required: then it throws, failing the suite. */
export function skipUnlessRequired(missing: string | false): string | false {
  if (missing && REQUIRE_ALL) throw new Error(`EMERGENCE_LENS_REQUIRE_ALL=1, but ${missing}`);
  return missing;
}
