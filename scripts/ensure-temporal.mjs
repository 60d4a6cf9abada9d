// postinstall entry: make sure the Temporal CLI and test server binaries are available.
// Never fails the install. RELANCE_SKIP_TEMPORAL_BINARIES=1 skips installing (production images).
import { ensureTemporalBinaries } from './temporal-binaries.mjs';

try {
  ensureTemporalBinaries();
} catch (error) {
  console.warn(`relance: WARNING Temporal binaries not checked: ${String(error)}`);
}
