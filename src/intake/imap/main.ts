import { ConfigError } from '../../config.js';
import { runIntake } from './run.js';

// The intake without the CLI around it: `cymorth intake run` does the same, but loads every command first.
runIntake(process.env).catch((err) => {
  process.stderr.write(`cymorth intake: ${err instanceof ConfigError ? err.message : String(err)}\n`);
  process.exit(1);
});
