/**
 * `npm run bench`: the benchmark (run.ts). `npm run bench -- --simulate`: the quota's admission at internet
 * scale on a simulated clock and network instead (simulate.ts; also `npm run simulate`).
 */
import { argv } from "node:process";

if (argv.includes("--simulate")) {
  const { runSimulation } = await import("./simulate");
  console.log(runSimulation());
} else {
  await import("./run");
}
