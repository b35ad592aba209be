// The preload entry, bundled by scripts/build-electron.mjs into dist/electron/preload.cjs,
// one self-contained file because a sandboxed preload can require nothing but
// 'electron'. All it does is expose the bridge (see preload-bridge.ts).
import { contextBridge, ipcRenderer } from 'electron';
import { exposeBridge } from './preload-bridge.ts';

exposeBridge(contextBridge, ipcRenderer);
