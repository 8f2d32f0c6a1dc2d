/** `alloy tools components [--json]` and `alloy tools describe NAME`: browse the component registry. */
import type { Command } from "commander";
import { describeComponent, getComponent, getRegistry } from "@alloy-ts/validator";
import { CliError } from "../cli-error.js";

export function register(program: Command): void {
  const tools = program.command("tools").description("Tools for working with Alloy components");
  tools
    .command("components")
    .description("List every known component with its stability level")
    .option("--json", "print JSON (name, kind, stability, community) instead of text")
    .action((opts: { json?: boolean }) => listComponents(opts.json === true));
  tools
    .command("describe")
    .description("Describe a component or configuration block: arguments, blocks, defaults and exports")
    .argument("<name>", "component name, e.g. otelcol.processor.batch")
    .option("--json", "print the component's JSON Schema")
    .action((name: string, opts: { json?: boolean }) => describe(name, opts.json === true));
}

function listComponents(json: boolean): void {
  const reg = getRegistry();
  const comps = reg.listComponents();
  if (json) {
    const rows = comps.map((c) => ({ name: c.name, kind: c.kind, stability: c.stability, community: c.community === true }));
    process.stdout.write(JSON.stringify(rows, null, 2) + "\n");
    return;
  }
  const width = Math.max(...comps.map((c) => c.name.length));
  for (const c of comps) process.stdout.write(`${c.name.padEnd(width)}  ${c.stability}${c.community ? " (community)" : ""}\n`);
}

function describe(name: string, json: boolean): void {
  const info = getComponent(name);
  if (!info) throw new CliError(`unknown component "${name}"`);
  process.stdout.write(json ? JSON.stringify(info.schema, null, 2) + "\n" : describeComponent(info));
}
