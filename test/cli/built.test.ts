/**
 * The end-to-end tests drive the built `alloy` command and skip when it is not built (so that a single package's
 * tests can run without a build). This test makes a missing build a failure of the suite instead of a silent skip:
 * the README's test command always builds first.
 */
import { describe, expect, it } from "vitest";
import { cliBuilt } from "../support/cli.js";

describe("the alloy command", () => {
  it.skipIf(process.env.ALLOY_ALLOW_UNBUILT === "1")("is built, so that no end-to-end test is skipped", () => {
    expect(cliBuilt, "run `npm run build` (npm test does it) before the test suite").toBe(true);
  });
});
