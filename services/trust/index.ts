/** Trust configuration: file format → TrustPolicy, plus a hot-reloading watcher. */
export { loadTrustConfig, parseTrustConfigText, resolveTrustConfig, TrustConfigError, type LoadedTrustConfig } from './config.js';
export { watchTrustConfig, type TrustPolicyWatcher, type WatchOptions } from './watcher.js';
