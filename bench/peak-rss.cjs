// Preloaded into a measured command (`node -r bench/peak-rss.cjs …`): at exit, appends the process's peak
// resident set size in bytes to the file named by PEAK_RSS_FILE.
"use strict";
const { appendFileSync } = require("node:fs");
process.on("exit", () => {
  if (process.env.PEAK_RSS_FILE) appendFileSync(process.env.PEAK_RSS_FILE, `${process.resourceUsage().maxRSS * 1024}\n`);
});
