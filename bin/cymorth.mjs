#!/usr/bin/env node
// Runs the bundled CLI (scripts/build-cli.mjs), rebuilding it first when the sources are newer, so
// `npx cymorth` works in a checkout with no build step and starts in about half a second.
import { pathToFileURL } from 'node:url';
import { buildCli, CLI_BUNDLE, cliBundleStale } from '../scripts/build-cli.mjs';

if (cliBundleStale()) await buildCli();
await import(pathToFileURL(CLI_BUNDLE).href);
