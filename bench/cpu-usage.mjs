// Preloaded with `node --import` into a measured command: when the process exits, writes the CPU time of all its
// threads (worker threads included) to the file named by BENCH_CPU_USAGE_FILE, so a suite can tell how many cores
// the command kept busy.
import { writeFileSync } from "node:fs";
import { isMainThread } from "node:worker_threads";

const file = process.env.BENCH_CPU_USAGE_FILE;
if (file && isMainThread) {
  process.on("exit", () => {
    const { userCPUTime, systemCPUTime } = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ cpuMs: (userCPUTime + systemCPUTime) / 1000 }));
  });
}
