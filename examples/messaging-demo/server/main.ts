/**
 * `npm start` runs this (after building the page): the messaging demo on
 * http://localhost:5173, data in `.data/messaging-demo/` at the repository root.
 *
 * Environment: PORT (default 5173; when it is busy and PORT is not set, the next free
 * one), DATA_DIR (default `<repo>/.data/messaging-demo`).
 */
import { fileURLToPath } from 'node:url';
import { startDemoServer, type DemoServer } from './demo-server.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

async function listen(): Promise<DemoServer> {
  const fixed = process.env.PORT !== undefined && process.env.PORT !== '';
  const first = fixed ? Number(process.env.PORT) : 5173;
  if (!Number.isInteger(first) || first < 0 || first > 65_535) throw new Error(`PORT must be a port number, not ${process.env.PORT}`);
  const dataDir = process.env.DATA_DIR || here('../../../.data/messaging-demo');
  for (let port = first; ; port++) {
    try {
      return await startDemoServer({ dataDir, port, staticDir: here('../dist') });
    } catch (error) {
      const busy = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
      if (!busy || fixed || port >= first + 20) throw error;
      console.log(`Port ${port} is busy, trying ${port + 1}…`);
    }
  }
}

async function main(): Promise<void> {
  const server = await listen();
  console.log('');
  console.log(`  Messaging demo ready: ${server.url}`);
  console.log(`  A second person, side by side: open http://127.0.0.1:${server.port}/ (its own sign-in) or a private window.`);
  console.log('  Sign-in is DEMO ONLY: anyone can be anyone. Press Ctrl+C to stop.');
  console.log('');
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the demo…`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('could not stop cleanly:', error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error('The messaging demo could not start:', error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
