/**
 * Vitest global setup: installs the Debian packages some end-to-end tests drive (Neovim as a third-party LSP
 * client, Chromium to render the HTML migration report, pre-commit to run the hooks) when they are missing and the machine allows it (root with
 * apt-get). Best effort: when installation is not possible the tests that need the tool skip with a message. Set
 * ALLOY_TEST_INSTALL_SYSTEM=0 to never install.
 */
import { spawnSync } from "node:child_process";

const PACKAGES: { command: string; pkg: string }[] = [
  { command: "nvim", pkg: "neovim" },
  { command: "chromium", pkg: "chromium" },
  { command: "pre-commit", pkg: "pre-commit" },
];

const has = (cmd: string): boolean => spawnSync(cmd, ["--version"], { stdio: "ignore" }).status === 0;

export default function setup(): void {
  if (process.env.ALLOY_TEST_INSTALL_SYSTEM === "0") return;
  const missing = PACKAGES.filter((p) => !has(p.command));
  if (!missing.length) return;
  const canInstall = process.getuid?.() === 0 && spawnSync("apt-get", ["--version"], { stdio: "ignore" }).status === 0;
  if (!canInstall) return;
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const opts = { stdio: "ignore" as const, env, timeout: 300_000 };
  console.log(`test setup: installing ${missing.map((p) => p.pkg).join(", ")} with apt-get`);
  spawnSync("apt-get", ["update", "-qq"], opts);
  const r = spawnSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...missing.map((p) => p.pkg)], opts);
  if (r.status !== 0) console.log("test setup: installation failed; the tests that need these tools will skip");
}
