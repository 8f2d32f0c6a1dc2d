/** `node:v8` in the page: the heap figure memory_limiter reads (Chromium's performance.memory, else nothing in use). */
export function getHeapStatistics(): { used_heap_size: number; external_memory: number; total_heap_size: number; heap_size_limit: number } {
  const m = (performance as { memory?: { usedJSHeapSize: number; totalJSHeapSize: number; jsHeapSizeLimit: number } }).memory;
  return { used_heap_size: m?.usedJSHeapSize ?? 0, external_memory: 0, total_heap_size: m?.totalJSHeapSize ?? 0, heap_size_limit: m?.jsHeapSizeLimit ?? 0 };
}
export default { getHeapStatistics };
