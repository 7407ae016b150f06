/**
 * Stops a long-running process cleanly on Ctrl-C or SIGTERM: runs `close` once, then exits 0
 * (1 if closing failed).
 */
export function stopOnSignals(close: () => Promise<void>, onStop?: () => void): void {
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    onStop?.();
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
