/** Answers 'memory' on the IPC channel with process.memoryUsage(), after gc() if exposed. */
process.on('message', (message) => {
  if (message !== 'memory') return;
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  process.send?.({ memory: process.memoryUsage(), gc: gc !== undefined });
});
