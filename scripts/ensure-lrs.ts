/**
 * `node scripts/ensure-lrs.ts`: installs the test-only LRS (tests/lrs/, Learning Locker's
 * xapi-statements, its own lockfile) when it is missing. `npm test` runs it before the unit tests;
 * tests and `npm run bench:results` also call ensureLrs() themselves when they start it.
 */
import { ensureLrs } from '../tests/lrs/lrs-server.ts';

ensureLrs();
