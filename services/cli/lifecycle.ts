import type { Runtime } from '../runtime.js';

/**
 * First SIGTERM/SIGINT: stop taking work and let in-flight jobs finish.
 * A second one: release in-flight jobs to the queue (another worker picks
 * them up; nothing is lost) and exit at once.
 */
export function closeOnSignals(runtime: Runtime): void {
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    signals += 1;
    if (signals === 1) {
      runtime.log.info({ signal }, 'shutting down: finishing in-flight jobs (send the signal again to release them and exit now)');
      runtime.close(false).then(() => process.exit(0), (err: unknown) => {
        runtime.log.error({ err }, 'shutdown failed');
        process.exit(1);
      });
    } else {
      runtime.log.warn({ signal }, 'releasing in-flight jobs and exiting');
      void runtime.worker?.close(true).finally(() => process.exit(1));
      setTimeout(() => process.exit(1), 5000).unref();
    }
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
