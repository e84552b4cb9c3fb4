// Descent's host script as an ES module: `import { Descent } from 'https://SITE/embed.mjs'`.
// It runs embed.js (a classic script, which cannot `export`) and exports what it defined; the
// site's address is this file's directory, known here from import.meta.url.
import './embed.js';

const Descent = window.Descent;
if (!Descent.base && !Descent.loadedFrom) Descent.base = new URL('./', import.meta.url).href;

export { Descent };
export const connect = (iframe) => Descent.connect(iframe);
export default Descent;
