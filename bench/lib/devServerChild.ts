// Runs the Panopto dev server in its own process for the bench, so that the process being measured
// (the "extension host") does not also carry the server's work on its one JavaScript thread.
// Started by lib/devServerProcess.ts with fork(); tells the parent its address over IPC and closes
// when the parent disconnects or asks it to stop.
import { startDevServer } from '../../devserver/server';
import type { Switches } from '../../devserver/switches';

async function main(): Promise<void> {
  const switches = JSON.parse(process.env.BENCH_DEV_SWITCHES ?? '{}') as Partial<Switches>;
  const server = await startDevServer({ host: '127.0.0.1', port: 0, switches });
  let closing = false;
  const stop = async () => {
    if (closing) return;
    closing = true;
    await server.close();
    process.exit(0);
  };
  process.on('disconnect', () => void stop());
  process.on('SIGTERM', () => void stop());
  process.on('message', (message) => {
    if (message === 'stop') void stop();
  });
  process.send?.({ baseUrl: server.baseUrl, issuer: server.issuer });
}

main().catch((error: unknown) => {
  console.error('bench dev server failed to start:', error);
  process.exit(1);
});
