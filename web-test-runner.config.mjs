// Element tests in Debian's Chromium (never a downloaded browser): see shared/TOOLCHAIN.md.
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';

export default {
  files: ['test/elements/**/*.test.ts'],
  nodeResolve: { exportConditions: ['source', 'browser', 'import', 'default'] },
  // The esbuild plugin ignores `extends`: this file itself holds the Lit decorator flags.
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: fileURLToPath(new URL('./packages/elements/tsconfig.json', import.meta.url)) })],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
        args: ['--no-sandbox', '--disable-dev-shm-usage', '--headless=new', '--disable-background-networking', '--disable-gpu'],
      },
    }),
  ],
  concurrency: 1,
  // The fault and security tables run many cards per file: a file may take minutes on a busy 2-core CI machine.
  testsFinishTimeout: 600_000,
  testFramework: { config: { timeout: 10000 } },
};
