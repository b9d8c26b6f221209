// `npm run e2e:setup`: puts vsce and code-server (with the Node 24 they need) into the tool cache, once.
// code-server's native modules need Debian's libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config.
import { cacheDir, ensureCodeServer, ensureVsce } from './tools';

ensureVsce();
ensureCodeServer();
console.log(`tools ready in ${cacheDir}`);
