/** Reads the config, builds the app, listens, and closes with grace on SIGINT/SIGTERM. Nothing else. */
import closeWithGrace from 'close-with-grace';
import { ConfigError, loadConfig } from './config';
import { buildApp } from './app';
import { BundleError } from './graph/data/bundle';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const app = await buildApp({ config });
  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'closing after an error');
    else app.log.info(`${signal} received, closing`);
    await app.close();
  });
  await app.listen({ host: config.host, port: config.port });
  app.log.info(`API docs at http://${config.host}:${config.port}/docs`);
}

main().catch((err: Error) => {
  // Start-up failed (e.g. a seed bundle that does not validate): say why, without a stack for known causes.
  console.error(err instanceof BundleError ? err.message : err);
  process.exit(1);
});
