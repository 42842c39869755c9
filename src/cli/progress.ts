/**
 * Scan progress on stderr: a redrawn bar on a terminal, plain lines (at most one per 10%) when
 * stderr is a file or a pipe, so CI logs stay readable.
 */
import type { ScanProgress } from '../scanning/scanner.js';
import type { Io } from './context.js';

const WIDTH = 30;

export function progressReporter(io: Io): { update(progress: ScanProgress): void; done(): void } {
  let lastTenth = -1;
  let lastPhase = '';
  let drawn = false;
  return {
    update({ phase, done, total }) {
      const fraction = total > 0 ? Math.min(1, done / total) : 0;
      if (io.stderrIsTty) {
        const filled = Math.round(fraction * WIDTH);
        io.errRaw(`\r${phase === 'collect' ? 'Collecting' : 'Evaluating'} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${done}/${total}`);
        drawn = true;
        return;
      }
      const tenth = Math.floor(fraction * 10);
      if (phase === lastPhase && tenth === lastTenth) return;
      lastPhase = phase;
      lastTenth = tenth;
      io.err(`${phase}: ${done}/${total} (${Math.round(fraction * 100)}%)`);
    },
    done() {
      if (drawn) io.errRaw('\n');
    },
  };
}
