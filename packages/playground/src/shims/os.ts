/** `node:os` in the page: what memory_limiter and the Alloy stdlib's constants read. */
const memory = (navigator as { deviceMemory?: number }).deviceMemory;
export const totalmem = (): number => (memory ?? 4) * 1024 ** 3;
export const hostname = (): string => "localhost";
export const platform = (): string => "browser";
export const EOL = "\n";
export default { totalmem, hostname, platform, EOL };
